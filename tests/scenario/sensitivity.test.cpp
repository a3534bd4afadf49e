// SPDX-License-Identifier: MIT
// Sensitivity, checked by hand on a small plan and on the Thạch Lỗi plan.
#include <ntm/scenario/sensitivity.hpp>

#include <filesystem>
#include <fstream>

#include "support/result_matchers.hpp"

namespace {
const std::string dir = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";
}  // namespace

TEST_CASE("sensitivity: the Thạch Lỗi plan", "[scenario][sensitivity]") {
  auto p = ntm::load_plan(dir + "plan.json");
  REQUIRE_OK(p);
  auto s = ntm::analyze_sensitivity(*p);
  REQUIRE_OK(s);
  // Income must rise by 8,42 triệu (14,1%) to 68 triệu.
  auto income = std::find_if(s->facts.begin(), s->facts.end(), [](const ntm::fact_gap& g) { return g.fact == "income_per_capita"; });
  REQUIRE(income != s->facts.end());
  CHECK(income->needed.as_money().dong() == 68'000'000);
  CHECK(income->change->as_money().dong() == 8'420'000);
  CHECK(income->change_percent->to_string() == "14.132259");
  // Every criterion is required, so the smallest set is all 14 missing items.
  CHECK(s->reachable);
  REQUIRE(s->smallest_sets.size() == 1);
  CHECK(s->smallest_sets[0].size() == 14);
  // The axis road is on the critical path: 11 working days late and the goal misses 2023.
  auto road = std::find_if(s->tasks.begin(), s->tasks.end(), [](const ntm::task_slack& t) { return t.task == "axis_road_phase2"; });
  REQUIRE(road != s->tasks.end());
  CHECK(road->total_float == 0);
  CHECK(road->affects_goal);
  CHECK(road->delay_to_miss == 11);
  auto milestone = std::find_if(s->tasks.begin(), s->tasks.end(), [](const ntm::task_slack& t) { return t.task == "advanced_ntm_standard"; });
  CHECK_FALSE(milestone->delay_to_miss);  // a marker without effects delays nothing
  // Money: 15,3 tỷ more from the first shortfall closes the cash gap.
  CHECK(s->extra_money.dong() == 15'300'000'000);
  CHECK(s->extra_money_closes_gap);
}

TEST_CASE("sensitivity: smallest sets with an at-least criterion", "[scenario][sensitivity]") {
  // A hand-checked plan: criterion C needs 2 of its 3 indicators and none is met, so the
  // smallest sets are the three pairs; completing a pair means a → true, b → true, c → 5.
  namespace fs = std::filesystem;
  const fs::path tmp = fs::temp_directory_path() / "ntm-sensitivity-test";
  fs::create_directories(tmp);
  auto write = [&](const char* name, const std::string& text) {
    std::ofstream(tmp / name) << text;
  };
  write("small.json", R"json({"id": "small", "title": "small",
    "facts": [{"id": "a", "type": "bool", "label": "a"}, {"id": "b", "type": "bool", "label": "b"},
              {"id": "c", "type": "integer", "label": "c"}],
    "criteria": [{"id": "C", "number": 1, "name": "c", "combine": {"at_least": 2}, "indicators": [
      {"id": "C.1", "name": "a", "condition": "a"}, {"id": "C.2", "name": "b", "condition": "b"},
      {"id": "C.3", "name": "c", "condition": "c >= 5"}]}]})json");
  write("road.json", R"json({"format": "ntm.roadmap/1", "id": "r", "name": "r", "project_start": "2023-01-02",
    "calendar": {"range": {"first": "2023-01-01", "last": "2024-12-31"}},
    "tasks": [{"id": "t", "name": "t", "duration": 5, "effects": [{"fact": "c", "op": "add", "value": 4}]}]})json");
  write("fund.json", R"json({"format": "ntm.funding", "version": 1, "period": "2023", "needs": [], "sources": []})json");
  write("plan.json", R"json({"id": "small", "title": "small", "unit": {"name": "X"}, "criteria_set": "small.json",
    "baseline": {"date": "2023-01-02", "facts": {"a": false, "b": false, "c": 1}}, "target": "2023-12-31",
    "roadmap": "road.json", "funding": "fund.json"})json");
  auto p = ntm::load_plan((tmp / "plan.json").string());
  REQUIRE_OK(p);
  auto s = ntm::analyze_sensitivity(*p);
  REQUIRE_OK(s);
  CHECK(s->items == std::vector<std::string>{"C.1", "C.2", "C.3"});
  CHECK(s->smallest_sets == std::vector<std::vector<std::string>>{{"C.2", "C.3"}, {"C.1", "C.3"}, {"C.1", "C.2"}});
  // c must rise from 1 to 5: by 4, 400%.
  auto c = std::find_if(s->facts.begin(), s->facts.end(), [](const ntm::fact_gap& g) { return g.fact == "c"; });
  REQUIRE(c != s->facts.end());
  CHECK(c->change->as_integer() == 4);
  CHECK(c->change_percent->to_string() == "400");
  // The task adds 4 to c, so under the plan C.3 is met; a and b stay false: the goal is not met.
  auto a = ntm::analyze(*p);
  REQUIRE_OK(a);
  CHECK_FALSE(a->goal.met_on);
  fs::remove_all(tmp);
}
