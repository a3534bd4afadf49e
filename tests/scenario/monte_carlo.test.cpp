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

namespace {
ntm::date day(int y, int m, int d) { return ntm::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d)); }
}  // namespace

TEST_CASE("monte carlo: the result as a long CSV table", "[scenario][montecarlo][csv]") {
  ntm::simulation_result r;
  r.runs = 1000;
  r.seed = 20231231;
  r.target = day(2023, 12, 31);
  r.goal = {"NC", 0.932, 0.01, day(2023, 12, 18), day(2023, 12, 26), std::nullopt};
  // An id with a comma and a quote is quoted, the quote doubled (ids are free text in a set).
  r.criteria.push_back({"TC2", 1.0, 0.0, day(2023, 12, 15), day(2023, 12, 15), day(2023, 12, 20)});
  r.criteria.push_back({"Tiêu chí \"10\", thu nhập", 0.0, 1.0, std::nullopt, std::nullopt, std::nullopt});
  r.gap_p50 = ntm::money::from_dong(15'300'000'000);
  r.gap_p80 = ntm::money::from_dong(16'000'000'000);
  r.gap_p95 = ntm::money::from_dong(17'250'000'000);
  r.gap_mean = ntm::money::from_dong(15'412'345'678);
  r.gap_min = ntm::money::from_dong(-500'000);
  r.gap_max = ntm::money::from_dong(18'000'000'000);
  r.gap_histogram = {{ntm::money::from_dong(-500'000), 3}, {ntm::money::from_dong(9'000'000'000), 997}};
  const std::string csv = ntm::to_csv(r);
  CHECK(csv ==
        "measure,id,statistic,value\n"
        "run,,runs,1000\n"
        "run,,seed,20231231\n"
        "run,,target,2023-12-31\n"
        "probability,NC,by_target,0.932\n"
        "probability,NC,never,0.01\n"
        "date,NC,p50,2023-12-18\n"
        "date,NC,p80,2023-12-26\n"
        "date,NC,p95,\n"
        "probability,TC2,by_target,1\n"
        "probability,TC2,never,0\n"
        "date,TC2,p50,2023-12-15\n"
        "date,TC2,p80,2023-12-15\n"
        "date,TC2,p95,2023-12-20\n"
        "probability,\"Tiêu chí \"\"10\"\", thu nhập\",by_target,0\n"
        "probability,\"Tiêu chí \"\"10\"\", thu nhập\",never,1\n"
        "date,\"Tiêu chí \"\"10\"\", thu nhập\",p50,\n"
        "date,\"Tiêu chí \"\"10\"\", thu nhập\",p80,\n"
        "date,\"Tiêu chí \"\"10\"\", thu nhập\",p95,\n"
        "money,in_year_gap,p50,15300000000\n"
        "money,in_year_gap,p80,16000000000\n"
        "money,in_year_gap,p95,17250000000\n"
        "money,in_year_gap,mean,15412345678\n"
        "money,in_year_gap,min,-500000\n"
        "money,in_year_gap,max,18000000000\n"
        "histogram,in_year_gap,-500000,3\n"
        "histogram,in_year_gap,9000000000,997\n");
  CHECK(ntm::to_csv(r) == csv);

  // Probabilities: six places, enough to tell any two counts of up to a million runs apart;
  // one place more for each digit the run count has beyond that.
  auto goal_row = [](std::size_t runs, std::size_t met) {
    ntm::simulation_result x;
    x.runs = runs;
    x.goal.id = "G";
    x.goal.probability_by_target = static_cast<double>(met) / static_cast<double>(runs);
    const std::string text = ntm::to_csv(x);
    const std::size_t at = text.find("probability,G,by_target,");
    REQUIRE(at != std::string::npos);
    return text.substr(at + 24, text.find('\n', at) - at - 24);
  };
  CHECK(goal_row(3, 1) == "0.333333");
  CHECK(goal_row(3, 2) == "0.666667");
  CHECK(goal_row(10'000, 9'999) == "0.9999");
  CHECK(goal_row(1'000'000, 999'999) == "0.999999");
  CHECK(goal_row(10'000'000, 9'999'999) == "0.9999999");
  CHECK(goal_row(10'000'000, 1) == "0.0000001");
  CHECK(goal_row(100'000'000, 1) == "0.00000001");
  CHECK(goal_row(7, 7) == "1");
}

TEST_CASE("monte carlo: the CSV of a run is the same bytes each time, one row per statistic", "[scenario][montecarlo][csv]") {
  auto p = ntm::load_plan(dir + "plan.json");
  REQUIRE_OK(p);
  ntm::simulation_spec spec;
  spec.runs = 200;
  spec.seed = 5;
  spec.costs["axis_road"] = {ntm::distribution::kind::triangular, 0.9, 1.0, 1.4};
  auto one = ntm::simulate(*p, spec);
  spec.threads = 3;
  auto two = ntm::simulate(*p, spec);
  REQUIRE_OK(one);
  REQUIRE_OK(two);
  const std::string csv = ntm::to_csv(*one);
  CHECK(csv == ntm::to_csv(*two));
  CHECK(csv.rfind("measure,id,statistic,value\nrun,,runs,200\nrun,,seed,5\nrun,,target,", 0) == 0);
  // Each rule: two probabilities and three dates; six money rows; the histogram's buckets.
  const auto lines = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n'));
  CHECK(lines == 1 + 3 + 5 * (1 + one->criteria.size()) + 6 + one->gap_histogram.size());
  CHECK(csv.find("probability," + one->goal.id + ",by_target,") != std::string::npos);
}
