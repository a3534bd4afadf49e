// SPDX-License-Identifier: MIT
// A compiled program is immutable: many threads evaluate it at once with identical results.
// Evaluating a unit through a reused evaluation_state allocates nothing.
#include <atomic>
#include <thread>

#include <ntm/io/json.hpp>
#include <ntm/rules/program.hpp>

#include "support/allocation.hpp"
#include "support/result_matchers.hpp"

namespace {
const std::string dir = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";

ntm::program shipped() {
  auto set = ntm::load_criteria_set(dir + "qd18-2022-recognition.json");
  REQUIRE_OK(set);
  auto prog = ntm::compile(*set);
  REQUIRE_OK(prog);
  return *prog;
}
}  // namespace

TEST_CASE("concurrency: one program evaluated from many threads gives identical results", "[rules][concurrency]") {
  const ntm::program prog = shipped();
  auto facts = ntm::load_facts(prog, dir + "facts-2023-01.json");
  REQUIRE_OK(facts);
  ntm::evaluate_options opt;
  opt.at = *ntm::parse_date("2023-06-30");
  const std::string expected = ntm::to_json(*prog.evaluate(*facts, opt));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      ntm::fact_table mine = *facts;  // each thread its own facts and state
      ntm::evaluation_state state;
      for (int i = 0; i < 200; ++i) {
        auto a = prog.evaluate(mine, opt);
        if (!a || ntm::to_json(*a) != expected) ++mismatches;
        if (!prog.evaluate(state, mine, opt.at) || state.status_of(prog.standard()) != ntm::status::not_met) ++mismatches;
        (void)t;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}

TEST_CASE("speed: evaluating a unit through a reused state allocates nothing", "[rules][alloc]") {
  const ntm::program prog = shipped();
  auto facts = ntm::load_facts(prog, dir + "facts-2023-01.json");
  REQUIRE_OK(facts);
  const ntm::date at = *ntm::parse_date("2023-06-30");
  ntm::evaluation_state state;
  REQUIRE_OK(prog.evaluate(state, *facts, at));  // warm-up: sizes the state
  const std::vector<ntm::fact_slot> changed{*prog.find_fact("income_per_capita")};
  ntm_test::start_counting_allocations();
  bool ok = true;
  for (int i = 0; i < 1000; ++i) {
    ok = ok && static_cast<bool>(prog.evaluate(state, *facts, at));
    ok = ok && static_cast<bool>(prog.reevaluate(state, *facts, changed));
  }
  const long allocations = ntm_test::stop_counting_allocations();
  CHECK(ok);
  CHECK(allocations == 0);
  CHECK(state.status_of(prog.standard()) == ntm::status::not_met);
}
