// SPDX-License-Identifier: MIT
// Monte Carlo: determinism across thread counts, and an estimate against a known probability.
#include <ntm/scenario/monte_carlo.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <ntm/plan/analysis.hpp>

#include "support/result_matchers.hpp"

namespace {
const std::string dir = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";

// A one-task plan: the goal is met when task t finishes (its effect sets done = true).
ntm::plan one_task_plan() {
  namespace fs = std::filesystem;
  const fs::path tmp = fs::temp_directory_path() / "ntm-monte-carlo-test";
  fs::create_directories(tmp);
  auto write = [&](const char* name, const std::string& text) { std::ofstream(tmp / name) << text; };
  write("set.json", R"json({"id": "one", "title": "one", "facts": [{"id": "done", "type": "bool", "label": "done"}],
    "criteria": [{"id": "C", "number": 1, "name": "c", "indicators": [{"id": "C.1", "name": "done", "condition": "done"}]}]})json");
  // Mon 2 January 2023 + 20 working days (no holidays in this calendar) ends on Fri 27 January.
  write("road.json", R"json({"format": "ntm.roadmap/1", "id": "r", "name": "r", "project_start": "2023-01-02",
    "calendar": {"range": {"first": "2023-01-01", "last": "2024-12-31"}},
    "tasks": [{"id": "t", "name": "t", "duration": 20, "effects": [{"fact": "done", "op": "set", "value": true}]}]})json");
  write("fund.json", R"json({"format": "ntm.funding", "version": 1, "period": "2023", "needs": [], "sources": []})json");
  write("plan.json", R"json({"id": "one", "title": "one", "unit": {"name": "X"}, "criteria_set": "set.json",
    "baseline": {"date": "2023-01-02", "facts": {"done": false}}, "target": "2023-01-27",
    "roadmap": "road.json", "funding": "fund.json"})json");
  auto p = ntm::load_plan((tmp / "plan.json").string());
  REQUIRE_OK(p);
  return *p;
}
}  // namespace

TEST_CASE("monte carlo: the estimate matches a known probability", "[scenario][montecarlo]") {
  const ntm::plan p = one_task_plan();
  ntm::simulation_spec spec;
  spec.runs = 20'000;
  spec.seed = 7;
  // Duration uniform on [10, 30] working days, rounded: finished by the target (20 days) when
  // round(U) ≤ 20, i.e. U < 20.5: probability (20.5 − 10) / 20 = 0.525.
  spec.durations["t"] = {ntm::distribution::kind::uniform, 10, 0, 30};
  auto r = ntm::simulate(p, spec);
  REQUIRE_OK(r);
  CHECK(r->goal.probability_by_target == Approx(0.525).margin(0.015));
  CHECK(r->goal.probability_never == 0.0);
  REQUIRE(r->goal.p50);
  CHECK(ntm::format_date(*r->goal.p50) == "2023-01-27");  // the median duration, 20 days
}

TEST_CASE("monte carlo: the same seed gives the same result whatever the number of threads", "[scenario][montecarlo]") {
  auto p = ntm::load_plan(dir + "plan.json");
  REQUIRE_OK(p);
  ntm::simulation_spec spec;
  spec.runs = 600;
  spec.seed = 42;
  spec.growth["income_per_capita"] = {ntm::distribution::kind::normal, 0.0, 0.03, 0};
  spec.costs["axis_road"] = {ntm::distribution::kind::triangular, 0.9, 1.0, 1.4};
  std::string first;
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    spec.threads = threads;
    auto r = ntm::simulate(*p, spec);
    REQUIRE_OK(r);
    const std::string json = ntm::to_json(*r);
    if (first.empty()) first = json;
    CHECK(json == first);
  }
  spec.seed = 43;
  CHECK(ntm::to_json(*ntm::simulate(*p, spec)) != first);
  auto r = ntm::simulate(*p, spec);
  CHECK(r->goal.probability_by_target > 0.5);
  CHECK(r->gap_p95 >= r->gap_p50);
  CHECK(r->gap_p50.dong() > 13'300'000'000);
}

TEST_CASE("monte carlo: bad specs are errors", "[scenario][montecarlo]") {
  auto p = ntm::load_plan(dir + "plan.json");
  REQUIRE_OK(p);
  ntm::simulation_spec spec;
  spec.runs = 0;
  REQUIRE_ERROR(ntm::simulate(*p, spec), ntm::errc::invalid_argument);
  spec.runs = 10;
  spec.durations["no_such_task"] = {ntm::distribution::kind::fixed, 3, 0, 0};
  REQUIRE_ERROR(ntm::simulate(*p, spec), ntm::errc::unknown_reference);
  spec.durations.clear();
  spec.costs["axis_road"] = {ntm::distribution::kind::triangular, 1.2, 1.0, 1.4};
  REQUIRE_ERROR(ntm::simulate(*p, spec), ntm::errc::invalid_argument);
  REQUIRE_ERROR(ntm::parse_simulation_spec(R"({"runs": 10, "costs": {"axis_road": {"shape": "weird"}}})"), ntm::errc::invalid_value);
  auto ok = ntm::parse_simulation_spec(R"({"runs": 100, "seed": 9, "growth": {"income_per_capita": {"shape": "normal", "mean": 0.05, "sd": 0.02}}})");
  REQUIRE_OK(ok);
  CHECK(ok->runs == 100);
  CHECK(ok->growth.at("income_per_capita").mode == 0.02);
}

TEST_CASE("monte carlo: a spec says only what is used", "[scenario][montecarlo]") {
  using ntm::errc;
  // A parameter of another shape is a mistake, not something to ignore.
  REQUIRE_ERROR(ntm::parse_simulation_spec(R"({"growth": {"income_per_capita": {"shape": "normal", "mean": 0.05, "sd": 0.02, "min": 0}}})"),
                errc::json_unknown_field);
  REQUIRE_ERROR(ntm::parse_simulation_spec(R"({"durations": {"t": {"shape": "pert", "min": 1, "max": 3}}})"), errc::json_missing_field);
  REQUIRE_ERROR(ntm::parse_simulation_spec(R"({"format": "ntm.simulation/1"})"), errc::format_version);
  REQUIRE_ERROR(ntm::parse_simulation_spec(R"({"seed": -1})"), errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_simulation_spec(R"({"runs": 100000001})"), errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_simulation_spec(R"({"threads": -2})"), errc::invalid_value);
  REQUIRE_OK(ntm::parse_simulation_spec(R"({"format": "ntm.simulation-spec/1", "$comment": "why", "costs": {"x": {"shape": "fixed", "value": 1, "$comment": "as planned"}}})"));
  // What the plan cannot vary: a milestone's duration, the growth of a yes/no fact.
  auto p = ntm::load_plan(dir + "plan.json");
  REQUIRE_OK(p);
  ntm::simulation_spec spec;
  spec.runs = 10;
  spec.durations["auction_proceeds"] = {ntm::distribution::kind::uniform, 0, 0, 30};
  REQUIRE_ERROR(ntm::simulate(*p, spec), errc::invalid_argument);
  spec.durations.clear();
  spec.growth["axis_road_standard"] = {ntm::distribution::kind::fixed, 0.1, 0, 0};
  REQUIRE_ERROR(ntm::simulate(*p, spec), errc::fact_type);
}

TEST_CASE("monte carlo: with nothing uncertain every run is the plan's own analysis", "[scenario][montecarlo]") {
  // The fast path a simulation runs (early dates only, the compact cash core) must give the
  // dates and the gap the full analysis gives.
  auto p = ntm::load_plan(dir + "plan.json");
  REQUIRE_OK(p);
  auto a = ntm::analyze(*p);
  REQUIRE_OK(a);
  ntm::simulation_spec spec;
  spec.runs = 8;
  spec.seed = 1;
  spec.threads = 2;
  spec.task_estimates = false;
  spec.costs["axis_road"] = {ntm::distribution::kind::fixed, 1.0, 0, 0};
  auto r = ntm::simulate(*p, spec);
  REQUIRE_OK(r);
  REQUIRE(a->goal.met_on);
  REQUIRE(r->goal.p50);
  CHECK(*r->goal.p50 == *a->goal.met_on);
  CHECK(*r->goal.p95 == *a->goal.met_on);
  CHECK(r->goal.probability_by_target == 1.0);
  for (const ntm::rule_projection& c : a->criteria) {
    INFO(c.id);
    const auto it = std::find_if(r->criteria.begin(), r->criteria.end(), [&](const ntm::date_percentiles& d) { return d.id == c.id; });
    REQUIRE(it != r->criteria.end());
    CHECK(it->p50 == c.met_on);
  }
  CHECK(r->gap_min == a->cash.in_year_gap);
  CHECK(r->gap_max == a->cash.in_year_gap);
}
