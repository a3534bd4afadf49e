// SPDX-License-Identifier: MIT
// Monte Carlo across a table of units: a known probability, determinism across threads and
// shards, roll-ups, scenarios (a threshold, a merge), outputs and bad specs.
#include <ntm/scenario/unit_simulation.hpp>

#include <atomic>
#include <cmath>

#include <nlohmann/json.hpp>

#include "support/result_matchers.hpp"

using ntm::errc;

namespace {

ntm::program income_set() {
  auto set = ntm::parse_criteria_set(R"json({"id": "s", "title": "s", "regions": ["dbsh"],
    "facts": [{"id": "income", "type": "money", "label": "thu nhập"}, {"id": "road", "type": "bool", "label": "đường"},
              {"id": "population", "type": "integer", "label": "dân số"}],
    "parameters": [{"id": "income_min", "type": "money", "values": [{"value": "68 triệu"}]}],
    "criteria": [
      {"id": "TC2", "number": 2, "name": "Giao thông", "indicators": [{"id": "TC2.1", "name": "đường", "condition": "road"}]},
      {"id": "TC10", "number": 10, "name": "Thu nhập", "indicators": [{"id": "TC10.1", "name": "thu nhập", "condition": "income >= income_min"}]}]})json",
                                     "s.json");
  REQUIRE_OK(set);
  auto prog = ntm::compile(*set);
  REQUIRE_OK(prog);
  return *prog;
}

// Income growth uniform on [0 %, 10 %] for one year.
ntm::simulation_spec uniform_growth(std::size_t runs) {
  ntm::simulation_spec spec;
  spec.runs = runs;
  spec.seed = 42;
  spec.growth["income"] = ntm::distribution{ntm::distribution::kind::uniform, 0.0, 0.0, 0.10};
  return spec;
}

ntm::unit_simulation_options at_end_2023(unsigned threads = 0) {
  ntm::unit_simulation_options o;
  o.at = *ntm::parse_date("2023-12-31");
  o.threads = threads;
  return o;
}

ntm::unit_table table_of(const ntm::program& prog, std::size_t n) {
  std::string lines;
  for (std::size_t k = 0; k < n; ++k)
    lines += "{\"id\": \"u" + std::to_string(k) + "\", \"district\": \"D" + std::to_string(k % 5) + "\", \"province\": \"P" + std::to_string(k % 2) +
             "\", \"facts\": {\"income\": " + std::to_string(60'000'000 + (k * 79193) % 12'000'000) + ", \"road\": " + (k % 4 ? "true" : "false") +
             ", \"population\": " + std::to_string(1000 + k) + "}}\n";
  auto units = ntm::parse_units_jsonl(prog, lines, "units.jsonl");
  REQUIRE_OK(units);
  return *units;
}

}  // namespace

TEST_CASE("unit simulation: a probability known analytically", "[scenario][units][simulation]") {
  const ntm::program prog = income_set();
  // 64 triệu × (1 + g) ≥ 68 triệu ⇔ g ≥ 6,25 %: P = (10 − 6,25) / 10 = 0,375. The second
  // unit already meets it (it cannot fall: growth ≥ 0); the third has no road; the fourth no income.
  auto units = ntm::parse_units_csv(prog, "id,district,income,road\na,Cẩm Giàng,64 triệu,true\nb,Cẩm Giàng,70 triệu,true\nc,Bình Giang,70 triệu,false\nd,Bình Giang,,true\n", "u.csv");
  REQUIRE_OK(units);
  auto r = ntm::simulate_units(prog, *units, uniform_growth(20'000), at_end_2023());
  REQUIRE_OK(r);
  REQUIRE(r->units.size() == 4);
  CHECK(std::fabs(r->units[0].goal - 0.375) < 0.015);  // 4 standard errors
  CHECK(std::fabs(r->units[0].criteria[1] - 0.375) < 0.015);
  CHECK(r->units[0].criteria[0] == 1.0);  // the road does not vary
  CHECK(r->units[1].goal == 1.0);
  CHECK(r->units[2].goal == 0.0);
  CHECK(r->units[2].criteria[1] == 1.0);
  CHECK(r->units[3].goal == 0.0);  // income unknown stays unknown: never met, never invented
  CHECK(r->criteria == std::vector<std::string>{"TC2", "TC10"});
  CHECK(r->all.units == 4);
  CHECK(r->all.certain == 1);
  CHECK(r->all.never == 2);
  CHECK(std::fabs(r->all.expected_goal_met - 1.375) < 0.015);
  CHECK(r->all.goal_met_p5 == 1);
  CHECK(r->all.goal_met_p95 == 2);
  REQUIRE(r->districts.size() == 2);
  CHECK(r->districts[1].area == "Cẩm Giàng");
  CHECK(r->districts[1].certain == 1);
  CHECK(r->districts[0].expected_goal_met == 0.0);
  CHECK(r->districts[0].expected_criteria_met[1] == 1.0);  // c's income; d's is unknown
  // Two years of growth: more likely.
  ntm::unit_simulation_options two = at_end_2023();
  two.years = 2;
  auto r2 = ntm::simulate_units(prog, *units, uniform_growth(20'000), two);
  REQUIRE_OK(r2);
  CHECK(r2->units[0].goal > 0.7);  // P((1+a)(1+b) ≥ 1,0625) on [0, 10 %]²: about 0,77
}

TEST_CASE("unit simulation: the same on any number of threads and in any shard", "[scenario][units][simulation]") {
  const ntm::program prog = income_set();
  const ntm::unit_table units = table_of(prog, 200);
  const std::string serial = ntm::to_json(*ntm::simulate_units(prog, units, uniform_growth(500), at_end_2023(1)));
  for (unsigned threads : {2u, 3u, 0u}) CHECK(ntm::to_json(*ntm::simulate_units(prog, units, uniform_growth(500), at_end_2023(threads))) == serial);
  // A unit's runs depend on the seed, its id and the run: two shards give the same rows.
  const std::string whole = ntm::to_jsonl(*ntm::simulate_units(prog, units, uniform_growth(500), at_end_2023()));
  auto shard = [&](std::size_t begin, std::size_t end) {
    std::string lines;
    for (std::size_t k = begin; k < end; ++k)
      lines += "{\"id\": \"u" + std::to_string(k) + "\", \"district\": \"D" + std::to_string(k % 5) + "\", \"province\": \"P" + std::to_string(k % 2) +
               "\", \"facts\": {\"income\": " + std::to_string(60'000'000 + (k * 79193) % 12'000'000) + ", \"road\": " + (k % 4 ? "true" : "false") +
               ", \"population\": " + std::to_string(1000 + k) + "}}\n";
    auto t = ntm::parse_units_jsonl(prog, lines, "shard.jsonl");
    REQUIRE_OK(t);
    return ntm::to_jsonl(*ntm::simulate_units(prog, *t, uniform_growth(500), at_end_2023()));
  };
  CHECK(shard(0, 73) + shard(73, 200) == whole);
  // Another seed, other draws.
  ntm::simulation_spec other = uniform_growth(500);
  other.seed = 7;
  CHECK(ntm::to_jsonl(*ntm::simulate_units(prog, units, other, at_end_2023())) != whole);
  // Roll-ups only.
  ntm::unit_simulation_options lean = at_end_2023();
  lean.unit_outcomes = false;
  auto areas = ntm::simulate_units(prog, units, uniform_growth(500), lean);
  REQUIRE_OK(areas);
  CHECK(areas->units.empty());
  CHECK(ntm::to_json(*areas, false) == ntm::to_json(*ntm::simulate_units(prog, units, uniform_growth(500), at_end_2023()), false));
  // Progress reaches every unit (called from the workers: no Catch2 assertions in there).
  std::atomic<std::size_t> last{0};
  std::atomic<bool> wrong_total{false};
  REQUIRE_OK(ntm::simulate_units(prog, units, uniform_growth(50), at_end_2023(2), [&](std::size_t done, std::size_t total) {
    if (total != 200) wrong_total = true;
    std::size_t seen = last.load();
    while (done > seen && !last.compare_exchange_weak(seen, done)) {
    }
  }));
  CHECK(last.load() == 200);
  CHECK_FALSE(wrong_total.load());
}

TEST_CASE("unit simulation: under a scenario (a threshold, a merge), and its outputs", "[scenario][units][simulation]") {
  const ntm::program prog = income_set();
  auto units = ntm::parse_units_csv(prog, "id,name,district,income,road,population\na,\"Xã A, mới\",Cẩm Giàng,64 triệu,true,3000\nb,Xã B,Cẩm Giàng,72 triệu,true,1000\n", "u.csv");
  REQUIRE_OK(units);
  // 70 triệu: 64 × (1 + g) ≥ 70 ⇔ g ≥ 9,375 %: P = 0,0625.
  auto t70 = ntm::parse_scenario(R"({"id": "t70", "parameters": [{"parameter": "income_min", "values": [{"value": "70 triệu"}]}]})");
  REQUIRE_OK(t70);
  auto r = ntm::simulate_units(prog, *units, *t70, uniform_growth(20'000), at_end_2023());
  REQUIRE_OK(r);
  CHECK(r->scenario == "t70");
  CHECK(std::fabs(r->units[0].goal - 0.0625) < 0.008);
  CHECK(r->units[1].goal == 1.0);
  // Merged by population: (64 × 3000 + 72 × 1000) / 4000 = 66 triệu, then grown: g ≥ 3/66.
  auto merge = ntm::parse_scenario(R"({"id": "ab", "merges": [{"id": "ab", "units": ["a", "b"], "weight": "population",
    "facts": {"income": "weighted_mean", "population": "sum"}, "otherwise": "all"}]})");
  REQUIRE_OK(merge);
  auto m = ntm::simulate_units(prog, *units, *merge, uniform_growth(20'000), at_end_2023());
  REQUIRE_OK(m);
  REQUIRE(m->units.size() == 1);
  CHECK(m->units[0].id == "ab");
  CHECK(m->units[0].merged_from == std::vector<std::string>{"a", "b"});
  CHECK(std::fabs(m->units[0].goal - (0.10 - 2.0 / 66.0) / 0.10) < 0.015);
  // Outputs: CSV with a quoted Vietnamese name, JSON Lines, JSON.
  auto small = ntm::simulate_units(prog, *units, uniform_growth(8), at_end_2023());
  REQUIRE_OK(small);
  const std::string csv = ntm::to_csv(*small);
  CHECK(csv.rfind("id,scenario,name,district,province,goal,TC2,TC10,merged_from\n", 0) == 0);
  CHECK(csv.find("\na,,\"Xã A, mới\",Cẩm Giàng,,") != std::string::npos);
  CHECK(csv.find("\nb,,Xã B,Cẩm Giàng,,1,1,1,\n") != std::string::npos);
  const auto line = nlohmann::json::parse(ntm::to_jsonl(*small).substr(0, ntm::to_jsonl(*small).find('\n')));
  CHECK(line["id"] == "a");
  CHECK(line["criteria"]["TC2"] == 1.0);
  const auto j = nlohmann::json::parse(ntm::to_json(*small));
  CHECK(j["format"] == "ntm.units-simulation/1");
  CHECK(j["runs"] == 8);
  CHECK(j["all"]["certain"] == 1);
  CHECK(ntm::to_json(*small) == ntm::to_json(*ntm::simulate_units(prog, *units, uniform_growth(8), at_end_2023())));
}

TEST_CASE("unit simulation: bad specs and options are refused with what is wrong", "[scenario][units][simulation]") {
  const ntm::program prog = income_set();
  const ntm::unit_table units = table_of(prog, 10);
  ntm::simulation_spec spec = uniform_growth(10);
  spec.durations["land_auction"] = ntm::distribution{ntm::distribution::kind::fixed, 5, 0, 0};
  auto tasks = ntm::simulate_units(prog, units, spec, at_end_2023());
  REQUIRE_ERROR(tasks, errc::invalid_argument);
  CHECK(tasks.error().message.find("no roadmap") != std::string::npos);
  spec = uniform_growth(10);
  spec.growth["road"] = ntm::distribution{ntm::distribution::kind::uniform, 0, 0, 0.1};
  REQUIRE_ERROR(ntm::simulate_units(prog, units, spec, at_end_2023()), errc::fact_type);
  spec = uniform_growth(10);
  spec.growth["incme"] = ntm::distribution{ntm::distribution::kind::uniform, 0, 0, 0.1};
  REQUIRE_ERROR(ntm::simulate_units(prog, units, spec, at_end_2023()), errc::unknown_fact);
  spec = uniform_growth(10);
  spec.growth["income"] = ntm::distribution{ntm::distribution::kind::uniform, 0.2, 0, 0.1};  // min > max
  REQUIRE_ERROR(ntm::simulate_units(prog, units, spec, at_end_2023()), errc::invalid_argument);
  REQUIRE_ERROR(ntm::simulate_units(prog, units, uniform_growth(0), at_end_2023()), errc::invalid_argument);
  REQUIRE_ERROR(ntm::simulate_units(prog, units, uniform_growth(100'000'001), at_end_2023()), errc::limit_exceeded);
  ntm::unit_simulation_options o = at_end_2023();
  o.years = 0;
  REQUIRE_ERROR(ntm::simulate_units(prog, units, uniform_growth(10), o), errc::invalid_argument);
  o = at_end_2023();
  o.goal = "TC99";
  REQUIRE_ERROR(ntm::simulate_units(prog, units, uniform_growth(10), o), errc::unknown_rule);
  // A rate that makes a value overflow names the unit and the run.
  spec = uniform_growth(10);
  spec.growth["income"] = ntm::distribution{ntm::distribution::kind::fixed, 999'999.0, 0, 0};
  o = at_end_2023();
  o.years = 100;
  auto over = ntm::simulate_units(prog, units, spec, o);
  REQUIRE_ERROR(over, errc::overflow);
  CHECK(ntm::format(over.error()).find("unit u0 in run 0") != std::string::npos);
}
