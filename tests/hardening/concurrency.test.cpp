// SPDX-License-Identifier: MIT
// Concurrency (docs/thread-safety.md): one immutable model — a task network and calendar, a
// journal being read, a plan, a program with a table of units — used from many threads at
// once gives the results one thread gives. Run under ThreadSanitizer by the `tsan` preset
// (every test whose name contains "concurrency").
#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <ntm/ledger/funding_io.hpp>
#include <ntm/ledger/journal.hpp>
#include <ntm/ledger/journal_io.hpp>
#include <ntm/plan/analysis.hpp>
#include <ntm/plan/plan.hpp>
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/compare.hpp>
#include <ntm/scenario/scenario.hpp>
#include <ntm/scenario/unit_simulation.hpp>
#include <ntm/schedule/render.hpp>
#include <ntm/schedule/roadmap.hpp>

#include "support/result_matchers.hpp"

namespace {

const std::string example = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";

// Runs `work` (returning a text) `rounds` times on each of `threads` threads at once; every
// result must equal `expected`. Returns the number of mismatches.
int mismatches(const std::string& expected, const std::function<std::string()>& work, int threads = 6, int rounds = 5) {
  std::atomic<int> bad{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();  // start together
      for (int r = 0; r < rounds; ++r)
        if (work() != expected) ++bad;
    });
  go = true;
  for (auto& th : pool) th.join();
  return bad.load();
}

const ntm::plan& shipped_plan() {
  static const ntm::plan p = [] {
    auto loaded = ntm::load_plan(example + "plan.json");
    REQUIRE_OK(loaded);
    return *loaded;
  }();
  return p;
}

}  // namespace

TEST_CASE("concurrency: one task network and calendar scheduled from many threads", "[hardening][concurrency]") {
  auto road = ntm::load_roadmap(example + "roadmap.json");
  REQUIRE_OK(road);
  auto cal = ntm::calendar::build(ntm::effective_calendar(*road));
  REQUIRE_OK(cal);
  auto net = ntm::task_network::build(road->tasks);
  REQUIRE_OK(net);
  ntm::schedule_options opt;
  opt.project_start = road->project_start;
  opt.deadline = road->deadline;
  const auto work = [&] {
    auto s = net->schedule(*cal, opt);
    return s ? ntm::to_json(*s) : std::string("error");
  };
  const std::string expected = work();
  REQUIRE(expected != "error");
  CHECK(mismatches(expected, work) == 0);
  // The whole roadmap too (each call builds its own network from the shared roadmap).
  const auto whole = [&] {
    auto s = ntm::schedule_roadmap(*road);
    return s ? ntm::to_json(*s) : std::string("error");
  };
  CHECK(mismatches(expected, whole) == 0);
}

TEST_CASE("concurrency: a journal read from many threads", "[hardening][concurrency]") {
  auto f = ntm::load_funding(example + "funding.json");
  REQUIRE_OK(f);
  auto j = ntm::make_journal(*f);
  REQUIRE_OK(j);
  REQUIRE_OK(ntm::import_csv(*j,
                             "date,account,amount,description,reference\n"
                             "2023-07-30,Quỹ:Ngân sách xã,8 tỷ,Nhận tiền đấu giá,R-1\n"
                             "2023-07-30,Nguồn:Đấu giá đất 15%,-8 tỷ,,R-1\n",
                             "r.csv"));
  const ntm::date mid = *ntm::parse_date("2023-07-31");
  const auto work = [&] {
    std::string out = ntm::to_ledger_journal(*j);
    auto all = j->balances(mid);
    auto totals = j->totals_by_stage();
    if (!all || !totals) return std::string("error");
    for (const auto& b : *all) out += std::to_string(b.own.dong()) + "/" + std::to_string(b.total.dong()) + ";";
    out += std::to_string(totals->cash.dong()) + std::to_string(j->check_assertions().size());
    return out;
  };
  const std::string expected = work();
  REQUIRE(expected != "error");
  CHECK(mismatches(expected, work) == 0);
}

TEST_CASE("concurrency: one plan analysed and changed by scenarios from many threads", "[hardening][concurrency]") {
  const ntm::plan& p = shipped_plan();
  auto s = ntm::load_scenario(example + "scenarios/income-short.json");
  REQUIRE_OK(s);
  const auto work = [&] {
    auto base = ntm::analyze(p);
    auto changed = ntm::apply(p, *s);
    if (!base || !changed) return std::string("error");
    auto after = ntm::analyze(*changed);
    if (!after) return std::string("error");
    return ntm::to_json(std::vector<ntm::scenario_comparison>{ntm::compare(*base, *after, *s)});
  };
  const std::string expected = work();
  REQUIRE(expected != "error");
  CHECK(mismatches(expected, work, 4, 2) == 0);
}

TEST_CASE("concurrency: units assessed in parallel from many threads at once", "[hardening][concurrency]") {
  const ntm::program& prog = shipped_plan().criteria;
  std::string csv = "id,name,district,province,income_per_capita,axis_road_standard,ocop_on_ecommerce\n";
  for (int k = 0; k < 2000; ++k)
    csv += "x" + std::to_string(k) + ",Xã " + std::to_string(k) + "," + (k % 3 ? "Cẩm Giàng" : "Bình Giang") + ",Hải Dương," +
           std::to_string(55 + k % 20) + " triệu," + (k % 2 ? "true" : "false") + "," + (k % 5 ? "true" : "") + "\n";
  auto units = ntm::parse_units_csv(prog, csv, "units.csv");
  REQUIRE_OK(units);
  auto s = ntm::parse_scenario(R"({"id": "grow", "facts": [{"fact": "income_per_capita", "op": "growth", "rate": "8%", "years": 1}]})",
                               "grow.json");
  REQUIRE_OK(s);
  ntm::rollup_options opt;
  opt.at = *ntm::parse_date("2023-12-31");
  const auto work = [&] {
    ntm::unit_table mine = *units;  // a table is changed by a scenario: each thread its own
    if (!ntm::apply_facts(prog, mine, *s)) return std::string("error");
    ntm::rollup_options o = opt;
    o.threads = 3;  // threads inside threads
    auto r = ntm::assess_units(prog, mine, o);
    return r ? ntm::to_json(*r) : std::string("error");
  };
  const std::string expected = work();
  REQUIRE(expected != "error");
  CHECK(mismatches(expected, work, 4, 2) == 0);
}

TEST_CASE("concurrency: units simulated and merged on worker threads, from many threads at once", "[hardening][concurrency]") {
  const ntm::program& prog = shipped_plan().criteria;
  std::string csv = "id,name,district,province,income_per_capita,tc10_other_items_met\n";
  for (int k = 0; k < 300; ++k)
    csv += "x" + std::to_string(k) + ",Xã " + std::to_string(k) + "," + (k % 3 ? "Cẩm Giàng" : "Bình Giang") + ",Hải Dương," +
           std::to_string(60 + k % 10) + " triệu,true\n";
  auto units = ntm::parse_units_csv(prog, csv, "units.csv");
  REQUIRE_OK(units);
  auto merge = ntm::parse_scenario(R"({"id": "m", "merges": [{"id": "x0-1", "units": ["x0", "x1"], "facts": {"income_per_capita": "mean"}, "otherwise": "all"}]})");
  REQUIRE_OK(merge);
  ntm::simulation_spec spec;
  spec.runs = 64;
  spec.growth["income_per_capita"] = ntm::distribution{ntm::distribution::kind::normal, 0.09, 0.03, 0};
  ntm::unit_simulation_options o;
  o.at = *ntm::parse_date("2023-12-31");
  o.threads = 3;  // threads inside threads, each reporting progress
  std::atomic<std::size_t> progress{0};
  const auto work = [&] {
    auto r = ntm::simulate_units(prog, *units, *merge, spec, o, [&](std::size_t done, std::size_t) { progress.store(done, std::memory_order_relaxed); });
    return r ? ntm::to_json(*r) : std::string("error");
  };
  const std::string expected = work();
  REQUIRE(expected != "error");
  CHECK(mismatches(expected, work, 4, 2) == 0);
  CHECK(progress.load() > 0);
}

TEST_CASE("concurrency: many scenarios at once, from many threads at once, the sink one call at a time", "[hardening][concurrency]") {
  const ntm::program& prog = shipped_plan().criteria;
  std::string csv = "id,name,district,province,income_per_capita,axis_road_standard\n";
  for (int k = 0; k < 600; ++k)
    csv += "x" + std::to_string(k) + ",Xã " + std::to_string(k) + "," + (k % 3 ? "Cẩm Giàng" : "Bình Giang") + ",Hải Dương," +
           std::to_string(55 + k % 20) + " triệu," + (k % 2 ? "true" : "false") + "\n";
  auto units = ntm::parse_units_csv(prog, csv, "units.csv");
  REQUIRE_OK(units);
  std::vector<ntm::scenario> scenarios;
  for (int k = 0; k < 6; ++k) {
    auto s = ntm::parse_scenario(R"({"id": "g)" + std::to_string(k) + R"(", "facts": [{"fact": "income_per_capita", "op": "growth", "rate": ")" +
                                 std::to_string(2 + k) + R"(%", "years": 1}]})");
    REQUIRE_OK(s);
    scenarios.push_back(*s);
  }
  ntm::rollup_options opt;
  opt.at = *ntm::parse_date("2023-12-31");
  opt.threads = 3;  // scenarios on worker threads
  const auto work = [&] {
    // The sink and the progress callback write without a lock: they are called one at a time.
    std::string out;
    std::size_t reported = 0;
    auto done = ntm::assess_scenarios(
        prog, *units, scenarios, opt,
        [&](std::size_t k, ntm::batch_report&& r) -> ntm::result<void> {
          out += std::to_string(k) + ":" + ntm::to_json(r, false) + "\n";
          return {};
        },
        {}, [&](std::size_t d, std::size_t) { reported = d; });
    return done && reported == scenarios.size() ? out : std::string("error");
  };
  const std::string expected = work();
  REQUIRE(expected != "error");
  CHECK(mismatches(expected, work, 3, 2) == 0);
}
