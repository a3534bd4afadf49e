// SPDX-License-Identifier: MIT
// The C API (include/ntm/c/ntm.h) for plans, scenarios and tables of units, with good and bad
// arguments, each error with its exact code (c_api.test.cpp has the rest).
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "c/c_api_support.hpp"

using namespace ntm_c_test;

TEST_CASE("c api: the Thạch Lỗi plan, evaluated and analysed", "[c][plan]") {
  const ntm_plan* plan = shipped_plan();
  const char* goal = nullptr;
  C_OK(ntm_plan_goal(plan, &goal, nullptr));
  CHECK(std::string(goal) == "NC");
  program_h program;
  C_OK(ntm_plan_program(plan, program.out(), nullptr));
  facts_h baseline;
  C_OK(ntm_plan_baseline(plan, baseline.out(), nullptr));
  assessment_h a;
  ntm_evaluate_options options = NTM_EVALUATE_OPTIONS_INIT;
  options.date = NTM_DATE(2023, 1, 1);
  options.region = "dbsh";
  options.region_len = NTM_NTS;
  C_OK(ntm_program_evaluate(a.out(), program, baseline, &options, nullptr));
  CHECK(status_of(a, "TC10") == NTM_STATUS_NOT_MET);
  // The plan's own date and region, or other ones.
  assessment_h b;
  options.region = nullptr;
  options.date = 0;
  C_OK(ntm_plan_evaluate(b.out(), plan, &options, nullptr));
  CHECK(status_of(b, "TC1") == NTM_STATUS_MET);
  options.date = NTM_DATE(2023, 13, 1);
  assessment_h c;
  C_FAILS(ntm_plan_evaluate(c.out(), plan, &options, nullptr), NTM_EVALUE, 106);
  options.date = 0;
  options.version = 2;
  C_FAILS(ntm_plan_evaluate(c.out(), plan, &options, nullptr), NTM_EINVAL, 801);

  const ntm_analysis* analysis = shipped_analysis();
  int32_t date = 0;
  C_OK(ntm_analysis_goal_met_on(analysis, &date, nullptr));
  CHECK(date == NTM_DATE(2023, 12, 15));
  C_OK(ntm_analysis_project_finish(analysis, &date, nullptr));
  CHECK(date >= NTM_DATE(2023, 12, 15));
  size_t paths = 0, length = 0;
  C_OK(ntm_analysis_critical_path_count(analysis, &paths, nullptr));
  REQUIRE(paths > 0);
  C_OK(ntm_analysis_critical_path_length(analysis, 0, &length, nullptr));
  REQUIRE(length > 0);
  const char* task = nullptr;
  C_OK(ntm_analysis_critical_path_task(analysis, 0, 0, &task, nullptr));
  CHECK(std::string(task) == "axis_road_phase2");
  int64_t dong = 0;
  C_OK(ntm_analysis_funding(analysis, NTM_FUNDING_NEEDS, &dong, nullptr));
  CHECK(dong == 23'800'000'000);
  C_OK(ntm_analysis_funding(analysis, NTM_FUNDING_SOURCES, &dong, nullptr));
  CHECK(dong == 10'500'000'000);
  C_OK(ntm_analysis_funding(analysis, NTM_FUNDING_UNCONDITIONAL_SOURCES, &dong, nullptr));
  CHECK(dong == 8'500'000'000);
  C_OK(ntm_analysis_funding(analysis, NTM_FUNDING_GAP, &dong, nullptr));
  CHECK(dong == 13'300'000'000);
  C_OK(ntm_analysis_funding(analysis, NTM_FUNDING_IN_YEAR_GAP, &dong, nullptr));
  CHECK(dong > 13'300'000'000);
  size_t count = 0;
  C_OK(ntm_analysis_discrepancy_count(analysis, &count, nullptr));
  REQUIRE(count >= 1);
  const char* figure = nullptr;
  int64_t stated = 0, computed = 0;
  bool flagged = false;
  for (size_t k = 0; k < count; ++k) {
    C_OK(ntm_analysis_discrepancy(analysis, k, &figure, &stated, &computed, nullptr));
    if (stated == 10'300'000'000 && computed == 10'500'000'000) flagged = true;
  }
  CHECK(flagged);
  C_OK(ntm_analysis_discrepancy(analysis, 0, &figure, nullptr, nullptr, nullptr));
  C_OK(ntm_analysis_status_discrepancy_count(analysis, &count, nullptr));
  CHECK(count == 0);
  assessment_h base;
  C_OK(ntm_analysis_baseline(analysis, base.out(), nullptr));
  size_t nc = 0, met = 0;
  C_OK(ntm_assessment_find_rule(base, "NC", NTM_NTS, &nc, nullptr));
  C_OK(ntm_assessment_rule_children(base, nc, NTM_STATUS_MET, &met, nullptr));
  CHECK(met == 12);
  char* json = nullptr;
  size_t len = 0;
  C_OK(ntm_analysis_to_json(analysis, NTM_LANG_EN, &json, &len, nullptr));
  const auto j = nlohmann::json::parse(std::string(json, len));
  ntm_string_free(json);
  CHECK(j["goal"]["id"] == "NC");
  CHECK(j["goal"]["met_on"] == "2023-12-15");
  CHECK(j["funding"]["gap"] == 13'300'000'000);
  CHECK(j["criteria"].size() == 19);
  CHECK(j["baseline"].is_object());
  CHECK(j["schedule"].is_object());

  // Bad arguments.
  C_FAILS(ntm_plan_goal(nullptr, &goal, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_goal(plan, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_program(nullptr, program.out(), nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_program(plan, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_baseline(nullptr, baseline.out(), nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_baseline(plan, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_evaluate(nullptr, plan, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_evaluate(c.out(), nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  analysis_h none;
  C_FAILS(ntm_plan_analyze(none.out(), nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_analyze(nullptr, plan, nullptr, nullptr), NTM_EINVAL, 800);
  ntm_analysis_options ao = NTM_ANALYSIS_OPTIONS_INIT;
  ao.lang = 3;
  C_FAILS(ntm_plan_analyze(none.out(), plan, &ao, nullptr), NTM_EINVAL, 100);
  ao = ntm_analysis_options{0, 0, NTM_LANG_VI};
  C_FAILS(ntm_plan_analyze(none.out(), plan, &ao, nullptr), NTM_EINVAL, 801);
  ao = ntm_analysis_options{NTM_ANALYSIS_OPTIONS_VERSION, NTM_DATE(2023, 4, 31), NTM_LANG_VI};
  C_FAILS(ntm_plan_analyze(none.out(), plan, &ao, nullptr), NTM_EVALUE, 106);
  CHECK(none.p == nullptr);
  C_FAILS(ntm_analysis_baseline(nullptr, base.out(), nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_baseline(analysis, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_goal_met_on(nullptr, &date, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_goal_met_on(analysis, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_project_finish(nullptr, &date, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_project_finish(analysis, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_critical_path_count(nullptr, &count, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_critical_path_count(analysis, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_critical_path_length(analysis, paths, &length, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_analysis_critical_path_length(analysis, 0, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_critical_path_length(nullptr, 0, &length, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_critical_path_task(analysis, 0, length, &task, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_analysis_critical_path_task(analysis, paths, 0, &task, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_analysis_critical_path_task(analysis, 0, 0, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_critical_path_task(nullptr, 0, 0, &task, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_funding(analysis, 9, &dong, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_analysis_funding(analysis, NTM_FUNDING_GAP, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_funding(nullptr, NTM_FUNDING_GAP, &dong, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_discrepancy_count(nullptr, &count, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_discrepancy_count(analysis, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_discrepancy(analysis, 99, &figure, nullptr, nullptr, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_analysis_discrepancy(analysis, 0, nullptr, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_discrepancy(nullptr, 0, &figure, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_status_discrepancy_count(nullptr, &count, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_status_discrepancy_count(analysis, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_status_discrepancy(analysis, 0, &figure, nullptr, nullptr, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_analysis_status_discrepancy(analysis, 0, nullptr, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_status_discrepancy(nullptr, 0, &figure, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_to_json(nullptr, NTM_LANG_VI, &json, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_to_json(analysis, NTM_LANG_VI, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_analysis_to_json(analysis, 5, &json, nullptr, nullptr), NTM_EINVAL, 100);
  ntm_plan_free(nullptr);
  ntm_analysis_free(nullptr);
}

namespace {

// A copy of the Thạch Lỗi plan's files in a temporary directory, to break.
struct plan_copy {
  fs::path dir;
  explicit plan_copy(const char* name) : dir(fresh_temp_dir(name)) {
    fs::create_directories(dir / "examples");
    fs::copy(examples, dir / "examples" / "thach-loi-2023", fs::copy_options::recursive);
    fs::copy(std::string(NTM_SOURCE_DIR) + "/data", dir / "data", fs::copy_options::recursive);
  }
  ~plan_copy() { fs::remove_all(dir); }
  fs::path file(const char* name) const { return dir / "examples" / "thach-loi-2023" / name; }
  std::string read(const char* name) const {
    std::ifstream in(file(name));
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void write(const char* name, const std::string& text) const { std::ofstream(file(name)) << text; }
};

}  // namespace

TEST_CASE("c api: plans from memory, and broken plans", "[c][plan]") {
  std::ifstream in(plan_file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string json = text.str();
  plan_h plan;
  ntm_plan_options options = NTM_PLAN_OPTIONS_INIT;
  C_OK(ntm_plan_load_memory(plan.out(), json.data(), json.size(), plan_file.c_str(), NTM_NTS, &options, nullptr));
  registry_h registry;
  C_OK(ntm_registry_create(registry.out(), nullptr));
  options.registry = registry;
  plan_h with_registry;
  C_OK(ntm_plan_load_file(with_registry.out(), plan_file.c_str(), &options, nullptr));

  plan_h bad;
  // Relative files cannot be found without a name that anchors them.
  C_FAILS(ntm_plan_load_memory(bad.out(), json.data(), json.size(), nullptr, 0, nullptr, nullptr), NTM_EIO, 112);
  C_FAILS(ntm_plan_load_memory(bad.out(), json.data(), json.size() / 2, plan_file.c_str(), NTM_NTS, nullptr, nullptr), NTM_EFORMAT,
          200);
  C_FAILS(ntm_plan_load_memory(bad.out(), invalid_utf8, NTM_NTS, nullptr, 0, nullptr, nullptr), NTM_EUTF8, 113);
  C_FAILS(ntm_plan_load_memory(bad.out(), nullptr, 0, nullptr, 0, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_load_memory(nullptr, json.data(), json.size(), nullptr, 0, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_load_file(bad.out(), "/nonexistent/plan.json", nullptr, nullptr), NTM_EIO, 112);
  C_FAILS(ntm_plan_load_file(bad.out(), nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_load_file(nullptr, plan_file.c_str(), nullptr, nullptr), NTM_EINVAL, 800);
  options.version = 7;
  C_FAILS(ntm_plan_load_file(bad.out(), plan_file.c_str(), &options, nullptr), NTM_EINVAL, 801);
  options.version = NTM_PLAN_OPTIONS_VERSION;
  options.files.version = 0;
  C_FAILS(ntm_plan_load_file(bad.out(), plan_file.c_str(), &options, nullptr), NTM_EINVAL, 801);
  CHECK(bad.p == nullptr);

  // A roadmap whose tasks depend on each other in a cycle; an ambiguous amount in the funding.
  plan_copy copy("ntm-c-api-plan");
  std::string roadmap = copy.read("roadmap.json");
  const std::string first = "\"id\": \"q1_reassessment\"";
  const auto at = roadmap.find(first);
  REQUIRE(at != std::string::npos);
  roadmap.insert(at + first.size(), ", \"depends_on\": [\"q1_investment_dossiers\"]");
  copy.write("roadmap.json", roadmap);
  C_FAILS(ntm_plan_load_file(bad.out(), copy.file("plan.json").c_str(), nullptr, nullptr), NTM_ERULES, 307);
  CHECK(std::string(ntm_error_to_string(ntm_error_last())).find("q1_reassessment") != std::string::npos);
}

TEST_CASE("c api: an ambiguous amount in a plan's funding is located", "[c][plan]") {
  plan_copy copy("ntm-c-api-funding");
  std::string funding = copy.read("funding.json");
  const auto at = funding.find("\"17,5 tỷ\"");
  REQUIRE(at != std::string::npos);
  funding.replace(at, std::strlen("\"17,5 tỷ\""), "\"1.000\"");
  copy.write("funding.json", funding);
  plan_h bad;
  error_h error;
  CHECK(ntm_plan_load_file(bad.out(), copy.file("plan.json").c_str(), nullptr, error.out()) == NTM_EVALUE);
  CHECK(ntm_error_errc(error) == 103);
  const std::string where = ntm_error_to_string(error);
  INFO(where);
  // The context names the funding file (the plan loader currently locates the error at the
  // plan file's 1:1, not at the funding file's line).
  CHECK(where.find("funding.json") != std::string::npos);
}

namespace {

// A string the library returned, taken and freed.
std::string taken(char* text, size_t len) {
  REQUIRE(text != nullptr);
  CHECK(std::strlen(text) == len);
  std::string out(text, len);
  ntm_string_free(text);
  return out;
}

int32_t goal_met_on(const ntm_plan* plan) {
  analysis_h analysis;
  C_OK(ntm_plan_analyze(analysis.out(), plan, nullptr, nullptr));
  int32_t d = 0;
  C_OK(ntm_analysis_goal_met_on(analysis, &d, nullptr));
  return d;
}

}  // namespace

TEST_CASE("c api: scenarios applied to a plan and compared with it", "[c][scenario]") {
  scenario_h late;
  C_OK(ntm_scenario_load_file(late.out(), (examples + "scenarios/auction-delay-3m.json").c_str(), nullptr, nullptr));
  const char* id = nullptr;
  C_OK(ntm_scenario_id(late, &id, nullptr));
  CHECK(std::string(id) == "auction-delay-3m");

  // The auction three months late: the standard ten days later; the plan itself unchanged.
  plan_h changed;
  C_OK(ntm_plan_apply(changed.out(), shipped_plan(), late, nullptr, nullptr));
  CHECK(goal_met_on(changed) == NTM_DATE(2023, 12, 25));
  CHECK(goal_met_on(shipped_plan()) == NTM_DATE(2023, 12, 15));

  // A scenario from memory that extends a shipped one (its name anchors the relative file).
  scenario_h short_income;
  const std::string name = examples + "scenarios/mine.json";
  C_OK(ntm_scenario_load_memory(short_income.out(), R"({"format": "ntm.scenario/1", "id": "mine", "extends": "road-cost-120.json",
      "parameters": [{"parameter": "income_min", "values": [{"from": "2023-01-01", "to": "2023-12-31", "value": "70 triệu"}]}]})",
                                NTM_NTS, name.c_str(), NTM_NTS, nullptr, nullptr));

  const ntm_scenario* both[] = {late, short_income};
  char* json = nullptr;
  size_t len = 0;
  C_OK(ntm_plan_compare(shipped_plan(), both, 2, &json, &len, nullptr));
  const auto j = nlohmann::json::parse(taken(json, len));
  CHECK(j["format"] == "ntm.scenario-comparison/1");
  REQUIRE(j["scenarios"].size() == 2);
  CHECK(j["scenarios"][0]["scenario"] == "auction-delay-3m");
  CHECK(j["scenarios"][0]["goal"]["days_moved"] == 10);
  CHECK(j["scenarios"][1]["scenario"] == "mine");
  const std::string dump = j.dump();
  CHECK(dump.find("2023-12-25") != std::string::npos);

  // Nothing to compare is a valid question with an empty answer.
  C_OK(ntm_plan_compare(shipped_plan(), nullptr, 0, &json, &len, nullptr));
  CHECK(nlohmann::json::parse(taken(json, len))["scenarios"].empty());

  // Bad scenarios and arguments.
  scenario_h bad;
  C_FAILS(ntm_scenario_load_memory(bad.out(), R"({"format": "ntm.scenario/1", "id": "x", "tasks": [{"task": "land_auction", "delay_days": -3}]})",
                                   NTM_NTS, "x.json", NTM_NTS, nullptr, nullptr),
          NTM_EFORMAT, 208);
  CHECK(ntm_error_line(ntm_error_last()) == 1);
  CHECK(bad.p == nullptr);
  scenario_h typo;
  C_OK(ntm_scenario_load_memory(typo.out(), R"({"format": "ntm.scenario/1", "id": "typo", "tasks": [{"task": "land_auctoin", "delay_days": 30}]})",
                                NTM_NTS, "typo.json", NTM_NTS, nullptr, nullptr));
  plan_h none;
  C_FAILS(ntm_plan_apply(none.out(), shipped_plan(), typo, nullptr, nullptr), NTM_EFORMAT, 207);
  CHECK(std::string(ntm_error_message(ntm_error_last())).find("land_auction") != std::string::npos);
  CHECK(none.p == nullptr);
  C_FAILS(ntm_plan_apply(none.out(), shipped_plan(), nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_plan_compare(shipped_plan(), nullptr, 1, &json, &len, nullptr), NTM_EINVAL, 800);
  const ntm_scenario* with_null[] = {late, nullptr};
  C_FAILS(ntm_plan_compare(shipped_plan(), with_null, 2, &json, &len, nullptr), NTM_EINVAL, 800);
  CHECK(json == nullptr);
  C_FAILS(ntm_scenario_load_file(bad.out(), "/no/such/scenario.json", nullptr, nullptr), NTM_EIO, 112);
  C_FAILS(ntm_scenario_load_memory(bad.out(), invalid_utf8, NTM_NTS, nullptr, 0, nullptr, nullptr), NTM_EUTF8, 113);
  C_FAILS(ntm_scenario_id(nullptr, &id, nullptr), NTM_EINVAL, 800);
}

TEST_CASE("c api: sensitivity and a seeded simulation of a plan", "[c][scenario]") {
  char* json = nullptr;
  size_t len = 0;
  C_OK(ntm_plan_sensitivity(shipped_plan(), &json, &len, nullptr));
  const std::string sensitivity = taken(json, len);
  CHECK(nlohmann::json::parse(sensitivity)["format"] == "ntm.sensitivity/1");
  CHECK(sensitivity.find("income_per_capita") != std::string::npos);

  std::stringstream spec;
  spec << R"({"format": "ntm.simulation-spec/1", "seed": 1, "runs": 50,
    "durations": {"land_auction": {"shape": "pert", "min": 12, "mode": 15, "max": 50}},
    "costs": {"axis_road": {"shape": "triangular", "min": 0.95, "mode": 1.05, "max": 1.35}}})";
  ntm_simulate_options options = NTM_SIMULATE_OPTIONS_INIT;
  options.runs = 200;
  options.use_seed = 1;
  options.seed = 7;
  options.threads = 1;
  C_OK(ntm_plan_simulate(shipped_plan(), spec.str().c_str(), NTM_NTS, "simulation.json", NTM_NTS, &options, &json, &len, nullptr));
  const std::string one_thread = taken(json, len);
  const auto j = nlohmann::json::parse(one_thread);
  CHECK(j["format"] == "ntm.simulation/1");
  CHECK(j["runs"] == 200);
  CHECK(j["seed"] == 7);
  // The same seed on two threads: the same result, byte for byte.
  options.threads = 2;
  C_OK(ntm_plan_simulate(shipped_plan(), spec.str().c_str(), NTM_NTS, "simulation.json", NTM_NTS, &options, &json, &len, nullptr));
  CHECK(taken(json, len) == one_thread);

  // A broken spec is located; unknown options versions and zero runs are refused.
  C_FAILS(ntm_plan_simulate(shipped_plan(), "{\"format\": \"ntm.simulation-spec/1\",\n \"runs\": \"many\"}", NTM_NTS, "s.json", NTM_NTS, nullptr,
                            &json, &len, nullptr),
          NTM_EFORMAT, 201);
  CHECK(ntm_error_line(ntm_error_last()) == 2);
  options.version = 99;
  C_FAILS(ntm_plan_simulate(shipped_plan(), spec.str().c_str(), NTM_NTS, nullptr, 0, &options, &json, &len, nullptr), NTM_EINVAL, 801);
  C_FAILS(ntm_plan_sensitivity(nullptr, &json, &len, nullptr), NTM_EINVAL, 800);
  CHECK(json == nullptr);
}

TEST_CASE("c api: a table of units assessed, with and without a scenario", "[c][scenario][units]") {
  program_h program;
  C_OK(ntm_plan_program(shipped_plan(), program.out(), nullptr));
  const char* table =
      "{\"id\": \"x1\", \"name\": \"Xã Một\", \"district\": \"Huyện A\", \"province\": \"Tỉnh B\", \"facts\": {\"income_per_capita\": \"69 triệu\"}}\n"
      "{\"id\": \"x2\", \"name\": \"Xã Hai\", \"district\": \"Huyện A\", \"province\": \"Tỉnh B\", \"facts\": {\"income_per_capita\": \"60 triệu\"}}\n";
  ntm_units_options options = NTM_UNITS_OPTIONS_INIT;
  options.date = NTM_DATE(2023, 12, 31);
  options.threads = 2;
  char* json = nullptr;
  size_t len = 0;
  C_OK(ntm_program_assess_units(program, table, NTM_NTS, NTM_TABLE_JSONL, "units.jsonl", NTM_NTS, &options, &json, &len, nullptr));
  const std::string plain = taken(json, len);
  const auto j = nlohmann::json::parse(plain);
  CHECK(j["format"] == "ntm.batch/1");
  CHECK(plain.find("\"x1\"") != std::string::npos);
  CHECK(plain.find("Huyện A") != std::string::npos);

  // Under the 70 triệu threshold, x1's 69 triệu no longer meets TC10: the output changes.
  scenario_h higher;
  C_OK(ntm_scenario_load_file(higher.out(), (examples + "scenarios/threshold-70m.json").c_str(), nullptr, nullptr));
  options.scenario = higher;
  C_OK(ntm_program_assess_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, &options, &json, &len, nullptr));
  const std::string scenario = taken(json, len);
  CHECK(scenario != plain);
  CHECK(scenario.find("threshold-70m") != std::string::npos);

  // The same table as CSV.
  const char* csv = "id,name,district,province,income_per_capita\nx1,Xã Một,Huyện A,Tỉnh B,69 triệu\nx2,Xã Hai,Huyện A,Tỉnh B,60 triệu\n";
  options.scenario = nullptr;
  C_OK(ntm_program_assess_units(program, csv, NTM_NTS, NTM_TABLE_CSV, "units.csv", NTM_NTS, &options, &json, &len, nullptr));
  CHECK(taken(json, len) == plain);

  // A bad line is located; a bad format, a missing date and an invalid options are refused.
  const char* broken = "{\"id\": \"x1\", \"facts\": {}}\n{\"id\": \"x2\", \"facts\": {\"income_per_capita\": \"nhiều\"}}\n";
  C_FAILS(ntm_program_assess_units(program, broken, NTM_NTS, NTM_TABLE_JSONL, "b.jsonl", NTM_NTS, &options, &json, &len, nullptr),
          NTM_EVALUE, 102);
  CHECK(ntm_error_line(ntm_error_last()) == 2);
  CHECK(std::string(ntm_error_file(ntm_error_last())) == "b.jsonl");
  C_FAILS(ntm_program_assess_units(program, table, NTM_NTS, 7, nullptr, 0, &options, &json, &len, nullptr), NTM_EINVAL, 100);
  options.date = 0;
  C_FAILS(ntm_program_assess_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, &options, &json, &len, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_program_assess_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, nullptr, &json, &len, nullptr), NTM_EINVAL, 800);
  CHECK(json == nullptr);
}

TEST_CASE("c api: a table of units simulated, seeded, with years and a scenario", "[c][scenario][units][simulation]") {
  program_h program;
  C_OK(ntm_plan_program(shipped_plan(), program.out(), nullptr));
  // 64 triệu growing 0–10 %: P(≥ 68 triệu) = 0,375 for TC10 (its other items met); x2 (70 triệu) meets it always.
  const char* table =
      "{\"id\": \"x1\", \"name\": \"Xã Một\", \"district\": \"Huyện A\", \"province\": \"Tỉnh B\", \"facts\": {\"income_per_capita\": \"64 triệu\", \"tc10_other_items_met\": true}}\n"
      "{\"id\": \"x2\", \"name\": \"Xã Hai\", \"district\": \"Huyện A\", \"province\": \"Tỉnh B\", \"facts\": {\"income_per_capita\": \"70 triệu\", \"tc10_other_items_met\": true}}\n";
  const char* spec = R"({"format": "ntm.simulation-spec/1", "seed": 5, "runs": 4000,
                         "growth": {"income_per_capita": {"shape": "uniform", "min": 0, "max": 0.1}}})";
  ntm_units_options options = NTM_UNITS_OPTIONS_INIT;
  options.date = NTM_DATE(2023, 12, 31);
  options.threads = 1;
  char* json = nullptr;
  size_t len = 0;
  C_OK(ntm_program_simulate_units(program, table, NTM_NTS, NTM_TABLE_JSONL, "u.jsonl", NTM_NTS, spec, NTM_NTS, &options, nullptr, &json, &len, nullptr));
  const std::string one = taken(json, len);
  const auto j = nlohmann::json::parse(one);
  CHECK(j["format"] == "ntm.units-simulation/1");
  CHECK(j["runs"] == 4000);
  CHECK(std::fabs(j["units"][0]["criteria"]["TC10"].get<double>() - 0.375) < 0.03);
  CHECK(j["units"][1]["criteria"]["TC10"] == 1.0);
  // Two threads: the same bytes. Runs, seed and years from the options.
  options.threads = 2;
  C_OK(ntm_program_simulate_units(program, table, NTM_NTS, NTM_TABLE_JSONL, "u.jsonl", NTM_NTS, spec, NTM_NTS, &options, nullptr, &json, &len, nullptr));
  CHECK(taken(json, len) == one);
  ntm_simulate_options sim = NTM_SIMULATE_OPTIONS_INIT;
  sim.runs = 300;
  sim.use_seed = 1;
  sim.seed = 9;
  sim.years = 2;
  C_OK(ntm_program_simulate_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, spec, NTM_NTS, &options, &sim, &json, &len, nullptr));
  const auto two_years = nlohmann::json::parse(taken(json, len));
  CHECK(two_years["runs"] == 300);
  CHECK(two_years["seed"] == 9);
  CHECK(two_years["years"] == 2);
  // A version 1 struct (before `years`) is still read.
  sim.version = 1;
  C_OK(ntm_program_simulate_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, spec, NTM_NTS, &options, &sim, &json, &len, nullptr));
  CHECK(nlohmann::json::parse(taken(json, len))["years"] == 1);
  // Under the 70 triệu threshold x1 makes it less often.
  scenario_h higher;
  C_OK(ntm_scenario_load_file(higher.out(), (examples + "scenarios/threshold-70m.json").c_str(), nullptr, nullptr));
  options.scenario = higher;
  C_OK(ntm_program_simulate_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, spec, NTM_NTS, &options, nullptr, &json, &len, nullptr));
  const auto t70 = nlohmann::json::parse(taken(json, len));
  CHECK(t70["scenario"] == "threshold-70m");
  CHECK(t70["units"][0]["criteria"]["TC10"].get<double>() < 0.2);
  options.scenario = nullptr;
  // Refused: a plan's spec (durations), years out of range, a broken spec, NULL arguments.
  std::ifstream plan_spec(examples + "simulation.json");
  std::stringstream plan_text;
  plan_text << plan_spec.rdbuf();
  C_FAILS(ntm_program_simulate_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, plan_text.str().c_str(), NTM_NTS, &options, nullptr, &json, &len,
                                     nullptr),
          NTM_EINVAL, 100);
  sim = NTM_SIMULATE_OPTIONS_INIT;
  sim.years = 101;
  C_FAILS(ntm_program_simulate_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, spec, NTM_NTS, &options, &sim, &json, &len, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_program_simulate_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, "{\"runs\": ", NTM_NTS, &options, nullptr, &json, &len, nullptr),
          NTM_EFORMAT, 200);
  C_FAILS(ntm_program_simulate_units(program, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, nullptr, 0, &options, nullptr, &json, &len, nullptr), NTM_EINVAL,
          800);
  C_FAILS(ntm_program_simulate_units(nullptr, table, NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, spec, NTM_NTS, &options, nullptr, &json, &len, nullptr),
          NTM_EINVAL, 800);
  CHECK(json == nullptr);
}

namespace {

// What a report callback saw: each call's index and JSON; it stops at call `stop_at`.
struct report_log {
  std::vector<std::size_t> indices;
  std::vector<std::string> reports;
  std::size_t stop_at = SIZE_MAX;
};

int keep_report(void* payload, size_t index, const char* json, size_t len) {
  auto* log = static_cast<report_log*>(payload);
  log->indices.push_back(index);
  log->reports.emplace_back(json, len);
  CHECK(std::strlen(json) == len);
  return log->reports.size() == log->stop_at ? 7 : 0;
}

}  // namespace

TEST_CASE("c api: a table of units under many scenarios, each report as ntm_program_assess_units gives it", "[c][scenario][units]") {
  program_h program;
  C_OK(ntm_plan_program(shipped_plan(), program.out(), nullptr));
  std::string table;
  for (int k = 1; k <= 40; ++k)
    table += "{\"id\": \"x" + std::to_string(k) + "\", \"district\": \"Huyện " + std::to_string(k % 3) +
             "\", \"province\": \"Tỉnh B\", \"facts\": {\"income_per_capita\": \"" + std::to_string(60 + k % 12) + " triệu\"}}\n";
  scenario_h higher, short_income, merged;
  C_OK(ntm_scenario_load_file(higher.out(), (examples + "scenarios/threshold-70m.json").c_str(), nullptr, nullptr));
  C_OK(ntm_scenario_load_memory(short_income.out(), R"({"format": "ntm.scenario/1", "id": "thu-nhap-giam",
      "facts": [{"fact": "income_per_capita", "op": "scale", "rate": "90%"}]})", NTM_NTS, nullptr, 0, nullptr, nullptr));
  C_OK(ntm_scenario_load_memory(merged.out(), R"({"format": "ntm.scenario/1", "id": "sap-nhap",
      "merges": [{"id": "x-moi", "units": ["x1", "x2"], "facts": {"income_per_capita": "mean"}}]})", NTM_NTS, nullptr, 0, nullptr, nullptr));
  const ntm_scenario* list[] = {higher, short_income, merged, higher};
  ntm_units_options options = NTM_UNITS_OPTIONS_INIT;
  options.date = NTM_DATE(2023, 12, 31);
  options.threads = 2;

  // Every report, in order, byte for byte what ntm_program_assess_units gives for its scenario.
  report_log log;
  C_OK(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, "u.jsonl", NTM_NTS, list, 4, 1, &options,
                                    keep_report, &log, nullptr));
  REQUIRE(log.reports.size() == 4);
  CHECK(log.indices == std::vector<std::size_t>{0, 1, 2, 3});
  for (std::size_t k = 0; k < 4; ++k) {
    ntm_units_options one = options;
    one.scenario = list[k];
    char* json = nullptr;
    size_t len = 0;
    C_OK(ntm_program_assess_units(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, "u.jsonl", NTM_NTS, &one, &json, &len, nullptr));
    CHECK(log.reports[k] == taken(json, len));
  }
  CHECK(log.reports[0] != log.reports[1]);
  CHECK(log.reports[0] == log.reports[3]);
  CHECK(nlohmann::json::parse(log.reports[2])["units"].size() == 39);  // x1 and x2 became x-moi

  // Roll-ups only: no unit rows, the same counts.
  report_log rollups;
  C_OK(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, list, 4, 0, &options, keep_report,
                                    &rollups, nullptr));
  REQUIRE(rollups.reports.size() == 4);
  for (std::size_t k = 0; k < 4; ++k) {
    const auto with = nlohmann::json::parse(log.reports[k]);
    const auto without = nlohmann::json::parse(rollups.reports[k]);
    CHECK_FALSE(without.contains("units"));
    CHECK(without["all"] == with["all"]);
    CHECK(without["scenario"] == with["scenario"]);
  }

  // No scenarios: no calls, success.
  report_log none;
  C_OK(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, nullptr, 0, 1, &options, keep_report,
                                    &none, nullptr));
  CHECK(none.reports.empty());

  // The callback stops the run: callback_stopped, naming the scenario; no call after it.
  report_log stopping;
  stopping.stop_at = 2;
  C_FAILS(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, list, 4, 0, &options, keep_report,
                                       &stopping, nullptr),
          NTM_ERROR, 803);
  CHECK(stopping.reports.size() == 2);
  CHECK(std::string(ntm_error_message(ntm_error_last())).find("returned 7 for scenario 1 (thu-nhap-giam)") != std::string::npos);
  CHECK(std::string(ntm_error_name(ntm_error_last())) == "callback_stopped");

  // A failing scenario is named; nothing of it or after it is reported.
  scenario_h tasks;
  C_OK(ntm_scenario_load_file(tasks.out(), (examples + "scenarios/auction-delay-3m.json").c_str(), nullptr, nullptr));
  const ntm_scenario* failing[] = {higher, tasks, short_income};
  report_log partial;
  C_FAILS(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, failing, 3, 0, &options, keep_report,
                                       &partial, nullptr),
          NTM_EINVAL, 100);
  CHECK(std::string(ntm_error_to_string(ntm_error_last())).find("auction-delay-3m") != std::string::npos);
  CHECK(partial.reports.size() <= 1);

  // Bad arguments.
  report_log unused;
  const ntm_scenario* with_null[] = {higher, nullptr};
  C_FAILS(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, with_null, 2, 0, &options,
                                       keep_report, &unused, nullptr),
          NTM_EINVAL, 800);
  CHECK(std::string(ntm_error_message(ntm_error_last())).find("scenarios[1]") != std::string::npos);
  C_FAILS(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, nullptr, 2, 0, &options, keep_report,
                                       &unused, nullptr),
          NTM_EINVAL, 800);
  C_FAILS(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, list, 4, 0, &options, nullptr,
                                       &unused, nullptr),
          NTM_EINVAL, 800);
  ntm_units_options with_scenario = options;
  with_scenario.scenario = higher;
  C_FAILS(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, list, 4, 0, &with_scenario,
                                       keep_report, &unused, nullptr),
          NTM_EINVAL, 100);
  C_FAILS(ntm_program_assess_scenarios(program, "{\"id\": \"x1\", \"facts\": {\"income_per_capita\": \"nhiều\"}}\n", NTM_NTS,
                                       NTM_TABLE_JSONL, "b.jsonl", NTM_NTS, list, 4, 0, &options, keep_report, &unused, nullptr),
          NTM_EVALUE, 102);
  CHECK(ntm_error_line(ntm_error_last()) == 1);
  C_FAILS(ntm_program_assess_scenarios(program, table.c_str(), NTM_NTS, NTM_TABLE_JSONL, nullptr, 0, list, 4, 0, nullptr, keep_report,
                                       &unused, nullptr),
          NTM_EINVAL, 800);
  CHECK(unused.reports.empty());
}
