// SPDX-License-Identifier: MIT
// The C API (include/ntm/c/ntm.h): every entry point with good and bad arguments — NULL
// handles, invalid UTF-8, malformed files, options of unknown versions, callbacks that fail —
// each returning an error with its exact code, never crashing. Criteria sets, programs, facts,
// assessments and callbacks here; plans, scenarios and tables of units in c_api_plan.test.cpp.
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "c/c_api_support.hpp"

using namespace ntm_c_test;

TEST_CASE("c api: version, status code names", "[c]") {
  CHECK(std::strcmp(ntm_version(), NTM_VERSION_STRING) == 0);
  CHECK(ntm_version_number() == NTM_VERSION);
  CHECK(ntm_c_abi_version() == NTM_C_ABI_VERSION);
  CHECK(std::strcmp(ntm_code_name(NTM_OK), "NTM_OK") == 0);
  CHECK(std::strcmp(ntm_code_name(NTM_EUTF8), "NTM_EUTF8") == 0);
  CHECK(std::strcmp(ntm_code_name(NTM_EINTERNAL), "NTM_EINTERNAL") == 0);
  CHECK(std::strcmp(ntm_code_name(42), "NTM_E?") == 0);
  for (int code = NTM_EINTERNAL; code <= NTM_OK; ++code) CHECK(std::strcmp(ntm_code_name(code), "NTM_E?") != 0);
}

TEST_CASE("c api: errors through out_error and ntm_error_last, and their accessors", "[c][errors]") {
  ntm_error_clear();
  CHECK(ntm_error_last() == nullptr);
  // NULL error objects read as empty.
  CHECK(ntm_error_code(nullptr) == NTM_OK);
  CHECK(ntm_error_errc(nullptr) == 0);
  CHECK(std::string(ntm_error_name(nullptr)).empty());
  CHECK(std::string(ntm_error_message(nullptr)).empty());
  CHECK(std::string(ntm_error_file(nullptr)).empty());
  CHECK(ntm_error_line(nullptr) == 0);
  CHECK(ntm_error_column(nullptr) == 0);
  CHECK(std::string(ntm_error_pointer(nullptr)).empty());
  CHECK(std::string(ntm_error_to_string(nullptr)).empty());
  CHECK(ntm_error_detail_count(nullptr) == 0);
  CHECK(ntm_error_detail(nullptr, 0) == nullptr);
  ntm_error_free(nullptr);
  ntm_string_free(nullptr);

  // A truncated file: located, with every problem in the details.
  set_h set;
  error_h error;
  ntm_error* raw = reinterpret_cast<ntm_error*>(1);  // overwritten with NULL or an error
  const char truncated[] = "{\"id\": \"x\",\n \"title\": \"x\", \"facts\": [";
  CHECK(ntm_criteria_set_load_memory(set.out(), truncated, NTM_NTS, "truncated.json", NTM_NTS, nullptr, &raw) == NTM_EFORMAT);
  error.p = raw;
  CHECK(set.p == nullptr);
  REQUIRE(error.p != nullptr);
  CHECK(ntm_error_code(error) == NTM_EFORMAT);
  CHECK(ntm_error_errc(error) == 200);
  CHECK(std::string(ntm_error_name(error)) == "json_syntax");
  CHECK(std::string(ntm_error_file(error)) == "truncated.json");
  CHECK(ntm_error_line(error) == 2);
  CHECK(ntm_error_column(error) > 0);
  CHECK(std::string(ntm_error_to_string(error)).find("truncated.json:2:") == 0);
  CHECK(std::string(ntm_error_message(error)).size() > 0);
  // The thread's last error is the same error (a separate copy).
  REQUIRE(ntm_error_last() != nullptr);
  CHECK(ntm_error_last() != error.p);
  CHECK(std::string(ntm_error_to_string(ntm_error_last())) == ntm_error_to_string(error));
  // A successful call leaves it; ntm_error_clear forgets it.
  error_h none;
  set_h ok;
  C_OK(ntm_criteria_set_load_memory(ok.out(), tiny_set, NTM_NTS, nullptr, 0, nullptr, none.out()));
  CHECK(none.p == nullptr);
  CHECK(ntm_error_last() != nullptr);
  ntm_error_clear();
  CHECK(ntm_error_last() == nullptr);

  // Several problems: the details list them, each located.
  const char two_problems[] = R"json({"id": "x", "title": "x", "facts": [
    {"id": "a", "type": "integr", "label": "a"},
    {"id": "b", "type": "bool", "labl": "b"}]})json";
  error_h many;
  CHECK(ntm_criteria_set_load_memory(set.out(), two_problems, NTM_NTS, "two.json", NTM_NTS, nullptr, many.out()) != NTM_OK);
  REQUIRE(ntm_error_detail_count(many) >= 2);
  for (size_t k = 0; k < ntm_error_detail_count(many); ++k) {
    const ntm_error* d = ntm_error_detail(many, k);
    REQUIRE(d != nullptr);
    CHECK(ntm_error_line(d) >= 2);
    CHECK(std::string(ntm_error_pointer(d)).rfind("/facts/", 0) == 0);
  }
  CHECK(ntm_error_detail(many, ntm_error_detail_count(many)) == nullptr);
}

TEST_CASE("c api: the last error is per thread", "[c][errors]") {
  ntm_error_clear();
  set_h set;
  CHECK(ntm_criteria_set_load_memory(set.out(), "{", NTM_NTS, nullptr, 0, nullptr, nullptr) == NTM_EFORMAT);
  std::atomic<int> other{-1};
  std::thread([&] {
    other = ntm_error_last() == nullptr ? 0 : 1;
    ntm_criteria_set* s = nullptr;
    ntm_criteria_set_load_file(&s, "/nonexistent/set.json", nullptr, nullptr);
  }).join();
  CHECK(other == 0);
  CHECK(ntm_error_errc(ntm_error_last()) == 200);
}

TEST_CASE("c api: criteria sets from files and memory, and what is wrong with bad ones", "[c][criteria_set]") {
  set_h set;
  C_OK(ntm_criteria_set_load_file(set.out(), (examples + "hai-duong-nang-cao-2021-2025.json").c_str(), nullptr, nullptr));
  const char* id = nullptr;
  C_OK(ntm_criteria_set_id(set, &id, nullptr));
  CHECK(std::string(id) == "hai-duong-nang-cao-2021-2025");
  ntm_load_options options = NTM_LOAD_OPTIONS_INIT;
  set_h again;
  C_OK(ntm_criteria_set_load_file(again.out(), (examples + "qd18-2022-recognition.json").c_str(), &options, nullptr));

  set_h bad;
  C_FAILS(ntm_criteria_set_load_file(nullptr, "x.json", nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_criteria_set_load_file(bad.out(), nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_criteria_set_load_file(bad.out(), "/nonexistent/set.json", nullptr, nullptr), NTM_EIO, 112);
  CHECK(bad.p == nullptr);
  C_FAILS(ntm_criteria_set_load_memory(bad.out(), nullptr, 0, nullptr, 0, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_criteria_set_load_memory(nullptr, tiny_set, NTM_NTS, nullptr, 0, nullptr, nullptr), NTM_EINVAL, 800);
  // Invalid UTF-8 in the text or in its name.
  const std::string broken = std::string("{\"id\": \"") + invalid_utf8 + "\", \"title\": \"x\"}";
  C_FAILS(ntm_criteria_set_load_memory(bad.out(), broken.data(), broken.size(), nullptr, 0, nullptr, nullptr), NTM_EUTF8, 113);
  C_FAILS(ntm_criteria_set_load_memory(bad.out(), tiny_set, NTM_NTS, invalid_utf8, NTM_NTS, nullptr, nullptr), NTM_EUTF8, 113);
  // Truncated JSON; an explicit length that cuts a valid document short.
  C_FAILS(ntm_criteria_set_load_memory(bad.out(), tiny_set, 20, nullptr, 0, nullptr, nullptr), NTM_EFORMAT, 200);
  // An ambiguous amount.
  const char ambiguous[] = R"json({"id": "x", "title": "x",
    "parameters": [{"id": "m", "type": "money", "values": [{"value": "1.000"}]}]})json";
  C_FAILS(ntm_criteria_set_load_memory(bad.out(), ambiguous, NTM_NTS, "a.json", NTM_NTS, nullptr, nullptr), NTM_EVALUE, 103);
  CHECK(ntm_error_line(ntm_error_last()) == 2);
  CHECK(std::string(ntm_error_pointer(ntm_error_last())) == "/parameters/0/values/0/value");
  // Limits and options.
  options.max_file_bytes = 10;
  C_FAILS(ntm_criteria_set_load_memory(bad.out(), tiny_set, NTM_NTS, nullptr, 0, &options, nullptr), NTM_ELIMIT, 114);
  options = ntm_load_options{0, 0, 0};
  C_FAILS(ntm_criteria_set_load_memory(bad.out(), tiny_set, NTM_NTS, nullptr, 0, &options, nullptr), NTM_EINVAL, 801);
  options.version = NTM_LOAD_OPTIONS_VERSION + 1;
  C_FAILS(ntm_criteria_set_load_file(bad.out(), plan_file.c_str(), &options, nullptr), NTM_EINVAL, 801);
  // Sets that extend each other in a cycle (files written for the test).
  const fs::path dir = fresh_temp_dir("ntm-c-api-extends");
  std::ofstream(dir / "a.json") << R"({"id": "a", "title": "a", "extends": ["b.json"]})";
  std::ofstream(dir / "b.json") << R"({"id": "b", "title": "b", "extends": ["a.json"]})";
  C_FAILS(ntm_criteria_set_load_file(bad.out(), (dir / "a.json").c_str(), nullptr, nullptr), NTM_ERULES, 317);
  fs::remove_all(dir);

  C_FAILS(ntm_criteria_set_id(nullptr, &id, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_criteria_set_id(set, nullptr, nullptr), NTM_EINVAL, 800);
  ntm_criteria_set_free(nullptr);
}

TEST_CASE("c api: compiling, and a dependency cycle naming its rules", "[c][program]") {
  program_h program;
  compile(program, tiny_set);
  const char* id = nullptr;
  C_OK(ntm_program_id(program, &id, nullptr));
  CHECK(std::string(id) == "tiny");
  C_FAILS(ntm_program_id(nullptr, &id, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_program_id(program, nullptr, nullptr), NTM_EINVAL, 800);

  set_h cyclic;
  C_OK(ntm_criteria_set_load_memory(cyclic.out(), R"json({"id": "cyc", "title": "cyc",
    "rules": [{"id": "r0", "expression": "r1"}, {"id": "r1", "expression": "r2"}, {"id": "r2", "expression": "r0"}]})json",
                                    NTM_NTS, "cyc.json", NTM_NTS, nullptr, nullptr));
  program_h bad;
  C_FAILS(ntm_program_compile(bad.out(), cyclic, nullptr, nullptr), NTM_ERULES, 307);
  CHECK(std::string(ntm_error_to_string(ntm_error_last())).find("r0") != std::string::npos);
  CHECK(bad.p == nullptr);
  C_FAILS(ntm_program_compile(nullptr, cyclic, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_program_compile(bad.out(), nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  // An unknown function, when no registry provides it.
  set_h calls;
  C_OK(ntm_criteria_set_load_memory(calls.out(), R"json({"id": "f", "title": "f",
    "rules": [{"id": "r", "expression": "mystery(1) > 0"}]})json", NTM_NTS, nullptr, 0, nullptr, nullptr));
  C_FAILS(ntm_program_compile(bad.out(), calls, nullptr, nullptr), NTM_ERULES, 305);
  ntm_program_free(nullptr);
}

TEST_CASE("c api: facts, set by value and by JSON, and evaluation", "[c][facts]") {
  program_h program;
  compile(program, tiny_set);
  facts_h facts;
  C_OK(ntm_facts_create(facts.out(), program, nullptr));
  ntm_value v{};
  v.type = NTM_TYPE_INTEGER;
  v.known = 1;
  v.raw = 4;
  C_OK(ntm_facts_set(facts, "stars", NTM_NTS, &v, nullptr));
  C_OK(ntm_facts_set_json(facts, "income", NTM_NTS, "\"59,58 triệu\"", NTM_NTS, nullptr));
  v = ntm_value{NTM_TYPE_PERCENT, 1, 95500000, nullptr, 0};
  C_OK(ntm_facts_set(facts, "coverage", NTM_NTS, &v, nullptr));
  v = ntm_value{NTM_TYPE_NUMBER, 1, 12500000, nullptr, 0};
  C_OK(ntm_facts_set(facts, "road_km", 7, &v, nullptr));
  v = ntm_value{NTM_TYPE_DATE, 1, NTM_DATE(2023, 6, 30), nullptr, 0};
  C_OK(ntm_facts_set(facts, "opened", NTM_NTS, &v, nullptr));
  v = ntm_value{NTM_TYPE_TEXT, 1, 0, "Chợ Thạch Lỗi", NTM_NTS};
  C_OK(ntm_facts_set(facts, "note", NTM_NTS, &v, nullptr));
  v = ntm_value{NTM_TYPE_ENUM, 1, 0, "b", 1};
  C_OK(ntm_facts_set(facts, "grade", NTM_NTS, &v, nullptr));
  v = ntm_value{NTM_TYPE_BOOL, 1, 1, nullptr, 0};
  C_OK(ntm_facts_set(facts, "online", NTM_NTS, &v, nullptr));

  assessment_h a;
  evaluate(a, program, facts);
  CHECK(status_of(a, "C1.1") == NTM_STATUS_MET);
  CHECK(status_of(a, "C1.2") == NTM_STATUS_NOT_MET);
  CHECK(explain(a, "C1.2").find("59,58 triệu") != std::string::npos);
  // Unknown again: by value (known = 0) and by JSON null.
  v = ntm_value{NTM_TYPE_INTEGER, 0, 0, nullptr, 0};
  C_OK(ntm_facts_set(facts, "stars", NTM_NTS, &v, nullptr));
  C_OK(ntm_facts_set_json(facts, "income", NTM_NTS, "null", NTM_NTS, nullptr));
  assessment_h b;
  evaluate(b, program, facts);
  CHECK(status_of(b, "C1.1") == NTM_STATUS_UNKNOWN);
  CHECK(status_of(b, "C1.2") == NTM_STATUS_UNKNOWN);

  // Bad values: nothing changes.
  v = ntm_value{NTM_TYPE_BOOL, 1, 1, nullptr, 0};
  C_FAILS(ntm_facts_set(facts, "stars", NTM_NTS, &v, nullptr), NTM_ERULES, 312);
  C_FAILS(ntm_facts_set(facts, "starz", NTM_NTS, &v, nullptr), NTM_ERULES, 311);
  C_FAILS(ntm_facts_set(facts, invalid_utf8, NTM_NTS, &v, nullptr), NTM_EUTF8, 113);
  v = ntm_value{NTM_TYPE_DATE, 1, NTM_DATE(2023, 2, 30), nullptr, 0};
  C_FAILS(ntm_facts_set(facts, "opened", NTM_NTS, &v, nullptr), NTM_EVALUE, 106);
  v = ntm_value{NTM_TYPE_DATE, 1, -5, nullptr, 0};
  C_FAILS(ntm_facts_set(facts, "opened", NTM_NTS, &v, nullptr), NTM_EINVAL, 100);
  v = ntm_value{NTM_TYPE_TEXT, 1, 0, invalid_utf8, NTM_NTS};
  C_FAILS(ntm_facts_set(facts, "note", NTM_NTS, &v, nullptr), NTM_EUTF8, 113);
  v = ntm_value{NTM_TYPE_TEXT, 1, 0, nullptr, 3};
  C_FAILS(ntm_facts_set(facts, "note", NTM_NTS, &v, nullptr), NTM_EINVAL, 800);
  v = ntm_value{99, 1, 0, nullptr, 0};
  C_FAILS(ntm_facts_set(facts, "note", NTM_NTS, &v, nullptr), NTM_EINVAL, 100);
  v = ntm_value{NTM_TYPE_ENUM, 1, 0, "c", 1};
  C_FAILS(ntm_facts_set(facts, "grade", NTM_NTS, &v, nullptr), NTM_ERULES, 312);
  C_FAILS(ntm_facts_set(nullptr, "stars", NTM_NTS, &v, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_facts_set(facts, nullptr, 0, &v, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_facts_set(facts, "stars", NTM_NTS, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_facts_set_json(facts, "income", NTM_NTS, "\"1.000\"", NTM_NTS, nullptr), NTM_EVALUE, 103);
  C_FAILS(ntm_facts_set_json(facts, "income", NTM_NTS, "[1", NTM_NTS, nullptr), NTM_EFORMAT, 200);
  C_FAILS(ntm_facts_set_json(facts, "stars", NTM_NTS, "true", NTM_NTS, nullptr), NTM_EFORMAT, 201);
  C_FAILS(ntm_facts_set_json(facts, "nope", NTM_NTS, "1", NTM_NTS, nullptr), NTM_ERULES, 311);
  C_FAILS(ntm_facts_set_json(facts, "stars", NTM_NTS, nullptr, 0, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_facts_set_json(nullptr, "stars", NTM_NTS, "1", NTM_NTS, nullptr), NTM_EINVAL, 800);

  C_FAILS(ntm_facts_create(nullptr, program, nullptr), NTM_EINVAL, 800);
  facts_h none;
  C_FAILS(ntm_facts_create(none.out(), nullptr, nullptr), NTM_EINVAL, 800);
  ntm_facts_free(nullptr);
}

TEST_CASE("c api: facts files, and evaluation options", "[c][facts]") {
  set_h set;
  C_OK(ntm_criteria_set_load_file(set.out(), (examples + "hai-duong-nang-cao-2021-2025.json").c_str(), nullptr, nullptr));
  program_h program;
  C_OK(ntm_program_compile(program.out(), set, nullptr, nullptr));
  facts_h facts;
  C_OK(ntm_facts_load_file(facts.out(), program, (examples + "facts-2023-01.json").c_str(), nullptr, nullptr));
  assessment_h a;
  evaluate(a, program, facts, NTM_DATE(2023, 1, 1));
  CHECK(status_of(a, "TC10") == NTM_STATUS_NOT_MET);

  facts_h bad;
  C_FAILS(ntm_facts_load_file(bad.out(), program, "/nonexistent/facts.json", nullptr, nullptr), NTM_EIO, 112);
  C_FAILS(ntm_facts_load_file(bad.out(), nullptr, "x", nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_facts_load_file(bad.out(), program, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_facts_load_file(nullptr, program, "x", nullptr, nullptr), NTM_EINVAL, 800);
  ntm_load_options old{99, 0, 0};
  C_FAILS(ntm_facts_load_file(bad.out(), program, "x", &old, nullptr), NTM_EINVAL, 801);
  C_OK(ntm_facts_load_memory(bad.out(), program, R"({"facts": {"income_per_capita": "70 triệu"}})", NTM_NTS, "f.json", NTM_NTS,
                             nullptr, nullptr));
  ntm_facts_free(bad.p);
  bad.p = nullptr;
  C_FAILS(ntm_facts_load_memory(bad.out(), program, R"({"facts": {"income_per_capita": "1.000"}})", NTM_NTS, "f.json", NTM_NTS,
                                nullptr, nullptr),
          NTM_EVALUE, 103);
  C_FAILS(ntm_facts_load_memory(bad.out(), program, R"({"facts": {"incme_per_capita": 1}})", NTM_NTS, "f.json", NTM_NTS, nullptr,
                                nullptr),
          NTM_ERULES, 311);
  C_FAILS(ntm_facts_load_memory(bad.out(), program, R"({"facts": {)", NTM_NTS, nullptr, 0, nullptr, nullptr), NTM_EFORMAT, 200);
  C_FAILS(ntm_facts_load_memory(bad.out(), program, invalid_utf8, NTM_NTS, nullptr, 0, nullptr, nullptr), NTM_EUTF8, 113);
  C_FAILS(ntm_facts_load_memory(bad.out(), program, nullptr, 0, nullptr, 0, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_facts_load_memory(bad.out(), nullptr, "{}", NTM_NTS, nullptr, 0, nullptr, nullptr), NTM_EINVAL, 800);

  // Evaluation options.
  assessment_h out;
  ntm_evaluate_options options = NTM_EVALUATE_OPTIONS_INIT;
  C_FAILS(ntm_program_evaluate(out.out(), program, facts, nullptr, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_program_evaluate(out.out(), program, facts, &options, nullptr), NTM_EINVAL, 100);  // no date
  options.date = NTM_DATE(2023, 2, 29);
  C_FAILS(ntm_program_evaluate(out.out(), program, facts, &options, nullptr), NTM_EVALUE, 106);
  options.date = NTM_DATE(2023, 12, 31);
  options.region = "mars";
  options.region_len = NTM_NTS;
  C_FAILS(ntm_program_evaluate(out.out(), program, facts, &options, nullptr), NTM_ERULES, 315);
  options.region = invalid_utf8;
  C_FAILS(ntm_program_evaluate(out.out(), program, facts, &options, nullptr), NTM_EUTF8, 113);
  options.region = "dbsh";
  options.region_len = 4;
  C_OK(ntm_program_evaluate(out.out(), program, facts, &options, nullptr));
  options.version = 0;
  C_FAILS(ntm_program_evaluate(out.out(), program, facts, &options, nullptr), NTM_EINVAL, 801);
  CHECK(out.p == nullptr);
  options.version = NTM_EVALUATE_OPTIONS_VERSION;
  C_FAILS(ntm_program_evaluate(nullptr, program, facts, &options, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_program_evaluate(out.out(), nullptr, facts, &options, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_program_evaluate(out.out(), program, nullptr, &options, nullptr), NTM_EINVAL, 800);
  // Facts made for another program.
  program_h tiny;
  compile(tiny, tiny_set);
  facts_h foreign;
  C_OK(ntm_facts_create(foreign.out(), tiny, nullptr));
  C_FAILS(ntm_program_evaluate(out.out(), program, foreign, &options, nullptr), NTM_EINVAL, 100);
}

TEST_CASE("c api: assessment accessors, good and bad", "[c][assessment]") {
  assessment_h a;
  C_OK(ntm_plan_evaluate(a.out(), shipped_plan(), nullptr, nullptr));
  size_t count = 0, nc = 0, standard = 0, n = 0;
  C_OK(ntm_assessment_rule_count(a, &count, nullptr));
  CHECK(count > 19);
  C_OK(ntm_assessment_find_rule(a, "NC", NTM_NTS, &nc, nullptr));
  C_OK(ntm_assessment_find_rule(a, "NCxyz", 2, &n, nullptr));  // explicit length
  CHECK(n == nc);
  C_OK(ntm_assessment_standard(a, &standard, nullptr));
  const char* id = nullptr;
  C_OK(ntm_assessment_rule_id(a, standard, &id, nullptr));
  CHECK(std::string(id) == "recognition");
  C_OK(ntm_assessment_rule_id(a, nc, &id, nullptr));
  CHECK(std::string(id) == "NC");
  ntm_rule_kind kind = NTM_RULE_OTHER;
  C_OK(ntm_assessment_rule_kind(a, nc, &kind, nullptr));
  CHECK(kind == NTM_RULE_STANDARD);
  size_t tc10 = 0;
  C_OK(ntm_assessment_find_rule(a, "TC10", NTM_NTS, &tc10, nullptr));
  C_OK(ntm_assessment_rule_kind(a, tc10, &kind, nullptr));
  CHECK(kind == NTM_RULE_CRITERION);
  ntm_rule_status status = NTM_STATUS_MET;
  C_OK(ntm_assessment_rule_status(a, nc, &status, nullptr));
  CHECK(status == NTM_STATUS_NOT_MET);
  const char* name = nullptr;
  C_OK(ntm_assessment_rule_name(a, tc10, NTM_LANG_VI, &name, nullptr));
  CHECK(std::string(name) == "Thu nhập");
  C_OK(ntm_assessment_rule_name(a, tc10, NTM_LANG_EN, &name, nullptr));
  CHECK(std::string(name) == "Income");
  C_OK(ntm_assessment_rule_children(a, nc, NTM_STATUS_MET, &n, nullptr));
  CHECK(n == 12);
  C_OK(ntm_assessment_rule_children(a, nc, NTM_STATUS_NOT_MET, &n, nullptr));
  CHECK(n == 7);
  C_OK(ntm_assessment_rule_children(a, nc, -1, &n, nullptr));
  CHECK(n == 19);
  for (int s : {NTM_STATUS_UNKNOWN, NTM_STATUS_NOT_APPLICABLE, NTM_STATUS_ERROR}) {
    C_OK(ntm_assessment_rule_children(a, nc, s, &n, nullptr));
    CHECK(n == 0);
  }
  CHECK(explain(a, "TC10.1").find("59,58 triệu") != std::string::npos);
  CHECK(explain(a, "TC10.1", NTM_LANG_EN).rfind("Not met", 0) == 0);
  char* json = nullptr;
  size_t len = 0;
  C_OK(ntm_assessment_to_json(a, NTM_LANG_EN, &json, &len, nullptr));
  const auto j = nlohmann::json::parse(std::string(json, len));
  ntm_string_free(json);
  CHECK(j.is_object());
  C_OK(ntm_assessment_to_json(a, NTM_LANG_VI, &json, nullptr, nullptr));
  ntm_string_free(json);

  // Bad arguments.
  C_FAILS(ntm_assessment_rule_count(nullptr, &count, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_rule_count(a, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_find_rule(a, "TC99", NTM_NTS, &n, nullptr), NTM_ENOTFOUND, 115);
  C_FAILS(ntm_assessment_find_rule(a, invalid_utf8, NTM_NTS, &n, nullptr), NTM_EUTF8, 113);
  C_FAILS(ntm_assessment_find_rule(a, nullptr, 0, &n, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_find_rule(a, "NC", NTM_NTS, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_find_rule(nullptr, "NC", NTM_NTS, &n, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_standard(nullptr, &n, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_standard(a, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_rule_id(a, count, &id, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_assessment_rule_id(nullptr, 0, &id, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_rule_id(a, 0, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_rule_kind(a, count, &kind, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_assessment_rule_kind(a, 0, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_rule_status(a, static_cast<size_t>(-1), &status, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_assessment_rule_status(a, 0, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_rule_name(a, 0, 2, &name, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_assessment_rule_name(a, count, NTM_LANG_VI, &name, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_assessment_rule_name(a, 0, NTM_LANG_VI, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_rule_children(a, nc, 5, &n, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_assessment_rule_children(a, count, -1, &n, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_assessment_rule_children(a, nc, -1, nullptr, nullptr), NTM_EINVAL, 800);
  json = reinterpret_cast<char*>(1);
  C_FAILS(ntm_assessment_rule_explain(a, count, NTM_LANG_VI, &json, nullptr, nullptr), NTM_EINVAL, 100);
  CHECK(json == nullptr);
  C_FAILS(ntm_assessment_rule_explain(a, 0, -1, &json, nullptr, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_assessment_rule_explain(a, 0, NTM_LANG_VI, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_to_json(nullptr, NTM_LANG_VI, &json, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_to_json(a, NTM_LANG_VI, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_assessment_to_json(a, 7, &json, nullptr, nullptr), NTM_EINVAL, 100);
  ntm_assessment_free(nullptr);
}

namespace {

// Records what the callbacks saw and what the call functions returned inside them.
struct probe {
  std::atomic<int> calls{0};
  std::atomic<int> function_misuse{0};  // ocop_score: ntm_call_outcome on a function call
  std::atomic<int> wrong_type{0};       // wrong_type: ntm_call_return with another type
  int reader_misuse = -1;               // reader: 0 when every misuse got its error
  std::string seen_text;
  int32_t seen_date = 0;
  std::string seen_region;
};

// ocop_score(stars, online) = stars * 10 + (online ? 5 : 0)
int ocop_score(void* payload, const ntm_value* args, size_t n, ntm_call* call) {
  auto* p = static_cast<probe*>(payload);
  ++p->calls;
  if (n != 2 || args[0].type != NTM_TYPE_INTEGER || args[1].type != NTM_TYPE_BOOL) return ntm_call_fail(call, "bad arguments", NTM_NTS, nullptr), 1;
  // Misuse inside a callback: an evaluator's call on a function call.
  p->function_misuse = ntm_call_outcome(call, NTM_STATUS_MET, nullptr, 0, nullptr);
  const ntm_value result{NTM_TYPE_INTEGER, 1, args[0].raw * 10 + (args[1].raw ? 5 : 0), nullptr, 0};
  return ntm_call_return(call, &result, nullptr);
}

// label(text, nullable money) -> text; unknown money gives unknown.
int label(void*, const ntm_value* args, size_t, ntm_call* call) {
  if (!args[1].known) {
    const ntm_value unknown{NTM_TYPE_TEXT, 0, 0, nullptr, 0};
    return ntm_call_return(call, &unknown, nullptr);
  }
  std::string out = std::string(args[0].text, args[0].text_len) + ": " + std::to_string(args[1].raw / 1000000) + " triệu";
  const ntm_value result{NTM_TYPE_TEXT, 1, 0, out.c_str(), out.size()};
  return ntm_call_return(call, &result, nullptr);
}

int failing_function(void*, const ntm_value*, size_t, ntm_call* call) {
  ntm_call_fail(call, "máy chủ không trả lời", NTM_NTS, nullptr);
  return -1;
}
int silent_function(void*, const ntm_value*, size_t, ntm_call*) { return 0; }
int nonzero_function(void*, const ntm_value*, size_t, ntm_call*) { return 7; }
int wrong_type_function(void* payload, const ntm_value*, size_t, ntm_call* call) {
  const ntm_value text{NTM_TYPE_TEXT, 1, 0, "x", 1};
  static_cast<probe*>(payload)->wrong_type = ntm_call_return(call, &text, nullptr);
  return 0;
}
int dated(void*, const ntm_value* args, size_t, ntm_call* call) {
  // add one year to a date (yyyymmdd)
  const ntm_value result{NTM_TYPE_DATE, 1, args[0].raw + 10000, nullptr, 0};
  return ntm_call_return(call, &result, nullptr);
}

int traceability(void* payload, const ntm_fact_view* facts, ntm_call* call) {
  auto* p = static_cast<probe*>(payload);
  ++p->calls;
  int64_t stars = 0;
  int known = 0, online = 0, online_known = 0;
  if (ntm_fact_view_get_integer(facts, "stars", NTM_NTS, &stars, &known, nullptr) != NTM_OK) return 1;
  if (ntm_fact_view_get_bool(facts, "online", NTM_NTS, &online, &online_known, nullptr) != NTM_OK) return 1;
  if (!known || !online_known) return ntm_call_outcome(call, NTM_STATUS_UNKNOWN, "chưa đủ số liệu", NTM_NTS, nullptr);
  const std::string why = std::to_string(stars) + " sao" + (online ? ", bán trực tuyến" : "");
  return ntm_call_outcome(call, stars >= 3 && online ? NTM_STATUS_MET : NTM_STATUS_NOT_MET, why.data(), why.size(), nullptr);
}

int reader(void* payload, const ntm_fact_view* facts, ntm_call* call) {
  auto* p = static_cast<probe*>(payload);
  const char* text = nullptr;
  size_t len = 0;
  int known = 0;
  int64_t dong = 0;
  ntm_value v{};
  if (ntm_fact_view_get_text(facts, "note", NTM_NTS, &text, &len, &known, nullptr) != NTM_OK) return 1;
  p->seen_text = known ? std::string(text, len) : "?";
  if (ntm_fact_view_get_text(facts, "grade", NTM_NTS, &text, &len, &known, nullptr) != NTM_OK) return 1;
  p->seen_text += known ? "/" + std::string(text) : "/?";
  if (ntm_fact_view_get_money(facts, "income", NTM_NTS, &dong, &known, nullptr) != NTM_OK) return 1;
  p->seen_text += "/" + (known ? std::to_string(dong) : std::string("?"));
  if (ntm_fact_view_get(facts, "opened", NTM_NTS, &v, nullptr) != NTM_OK || v.type != NTM_TYPE_DATE) return 1;
  p->seen_text += "/" + (v.known ? std::to_string(v.raw) : std::string("?"));
  if (ntm_fact_view_get(facts, "note", NTM_NTS, &v, nullptr) != NTM_OK || v.type != NTM_TYPE_TEXT) return 1;
  p->seen_text += "/" + (v.known ? std::string(v.text, v.text_len) : std::string("?"));
  if (ntm_fact_view_date(facts, &p->seen_date, nullptr) != NTM_OK) return 1;
  const char* region = nullptr;
  if (ntm_fact_view_region(facts, &region, &len, nullptr) != NTM_OK) return 1;
  p->seen_region.assign(region, len);
  // Misuse: a fact of another type, a fact not in "reads", an undeclared fact, NULLs.
  int64_t i = 0;
  int b = 0;
  int rc = 0;
  rc |= ntm_fact_view_get_integer(facts, "note", NTM_NTS, &i, &known, nullptr) == NTM_ERULES ? 0 : 1;
  rc |= ntm_fact_view_get_bool(facts, "online", NTM_NTS, &b, &known, nullptr) == NTM_EINVAL ? 0 : 2;
  rc |= ntm_fact_view_get(facts, "nothing", NTM_NTS, &v, nullptr) == NTM_ERULES ? 0 : 4;
  rc |= ntm_fact_view_get(facts, invalid_utf8, NTM_NTS, &v, nullptr) == NTM_EUTF8 ? 0 : 8;
  rc |= ntm_fact_view_get(facts, "note", NTM_NTS, nullptr, nullptr) == NTM_EINVAL ? 0 : 16;
  rc |= ntm_fact_view_get_integer(facts, "stars", NTM_NTS, nullptr, &known, nullptr) == NTM_EINVAL ? 0 : 32;
  rc |= ntm_fact_view_get_text(facts, "note", NTM_NTS, nullptr, &len, &known, nullptr) == NTM_EINVAL ? 0 : 64;
  rc |= ntm_fact_view_date(facts, nullptr, nullptr) == NTM_EINVAL ? 0 : 128;
  rc |= ntm_fact_view_region(facts, nullptr, &len, nullptr) == NTM_EINVAL ? 0 : 256;
  rc |= ntm_call_return(call, &v, nullptr) == NTM_EINVAL ? 0 : 512;  // an evaluator's call
  rc |= ntm_call_outcome(call, NTM_STATUS_ERROR, nullptr, 0, nullptr) == NTM_EINVAL ? 0 : 1024;
  rc |= ntm_call_outcome(call, NTM_STATUS_MET, invalid_utf8, NTM_NTS, nullptr) == NTM_EUTF8 ? 0 : 2048;
  p->reader_misuse = rc;
  return ntm_call_outcome(call, NTM_STATUS_MET, "đã đọc", NTM_NTS, nullptr);
}

int failing_evaluator(void*, const ntm_fact_view*, ntm_call* call) {
  ntm_call_fail(call, "cơ sở dữ liệu ngừng hoạt động", NTM_NTS, nullptr);
  return 1;
}
int silent_evaluator(void*, const ntm_fact_view*, ntm_call*) { return 0; }
int refusing_evaluator(void*, const ntm_fact_view*, ntm_call* call) {
  ntm_call_outcome(call, NTM_STATUS_MET, nullptr, 0, nullptr);
  return -3;  // a nonzero return wins over a reported outcome
}

const char* const custom_set = R"json({"id": "custom", "title": "custom", "regions": ["dbsh"],
  "facts": [
    {"id": "stars", "type": "integer", "label": "số sao"},
    {"id": "online", "type": "bool", "label": "trực tuyến"},
    {"id": "income", "type": "money", "label": "thu nhập"},
    {"id": "opened", "type": "date", "label": "khai trương"},
    {"id": "note", "type": "text", "label": "ghi chú"},
    {"id": "grade", "type": "enum", "values": ["a", "b"], "label": "hạng"}
  ],
  "criteria": [{"id": "TC13", "number": 13, "name": "Tổ chức sản xuất", "indicators": [
    {"id": "F1", "name": "điểm OCOP", "condition": "ocop_score(stars, online) >= 35"},
    {"id": "F2", "name": "nhãn", "condition": "label(\"Nguồn\", income) == \"Nguồn: 2000 triệu\""},
    {"id": "F3", "name": "lỗi", "condition": "failing(stars) > 0"},
    {"id": "F4", "name": "im lặng", "condition": "silent(stars) > 0"},
    {"id": "F5", "name": "khác không", "condition": "nonzero(stars) > 0"},
    {"id": "F6", "name": "sai kiểu", "condition": "wrong_type(stars) > 0"},
    {"id": "F7", "name": "ngày", "condition": "next_year(opened) == date(\"2024-06-30\")"},
    {"id": "E1", "name": "truy xuất", "evaluator": "traceability", "reads": ["stars", "online"]},
    {"id": "E2", "name": "đọc", "evaluator": "reader", "reads": ["note", "grade", "income", "opened", "stars"]},
    {"id": "E3", "name": "hỏng", "evaluator": "failing_evaluator", "reads": ["stars"]},
    {"id": "E4", "name": "im lặng", "evaluator": "silent_evaluator", "reads": ["stars"]},
    {"id": "E5", "name": "từ chối", "evaluator": "refusing_evaluator", "reads": ["stars"]}
  ]}]
})json";

void add_functions(ntm_registry* r, probe* p) {
  const int score_params[] = {NTM_TYPE_INTEGER, NTM_TYPE_BOOL};
  C_OK(ntm_registry_add_function(r, "ocop_score", NTM_NTS, score_params, 2, NTM_TYPE_INTEGER, ocop_score, p, nullptr));
  const int label_params[] = {NTM_TYPE_TEXT, NTM_TYPE_MONEY | NTM_TYPE_NULLABLE};
  C_OK(ntm_registry_add_function(r, "label", NTM_NTS, label_params, 2, NTM_TYPE_TEXT, label, nullptr, nullptr));
  const int one_int[] = {NTM_TYPE_INTEGER};
  C_OK(ntm_registry_add_function(r, "failing", NTM_NTS, one_int, 1, NTM_TYPE_INTEGER, failing_function, nullptr, nullptr));
  C_OK(ntm_registry_add_function(r, "silent", NTM_NTS, one_int, 1, NTM_TYPE_INTEGER, silent_function, nullptr, nullptr));
  C_OK(ntm_registry_add_function(r, "nonzero", NTM_NTS, one_int, 1, NTM_TYPE_INTEGER, nonzero_function, nullptr, nullptr));
  C_OK(ntm_registry_add_function(r, "wrong_type", NTM_NTS, one_int, 1, NTM_TYPE_INTEGER, wrong_type_function, p, nullptr));
  const int one_date[] = {NTM_TYPE_DATE};
  C_OK(ntm_registry_add_function(r, "next_year", NTM_NTS, one_date, 1, NTM_TYPE_DATE, dated, nullptr, nullptr));
  C_OK(ntm_registry_add_evaluator(r, "traceability", NTM_NTS, traceability, p, nullptr));
  C_OK(ntm_registry_add_evaluator(r, "reader", NTM_NTS, reader, p, nullptr));
  C_OK(ntm_registry_add_evaluator(r, "failing_evaluator", NTM_NTS, failing_evaluator, nullptr, nullptr));
  C_OK(ntm_registry_add_evaluator(r, "silent_evaluator", NTM_NTS, silent_evaluator, nullptr, nullptr));
  C_OK(ntm_registry_add_evaluator(r, "refusing_evaluator", NTM_NTS, refusing_evaluator, nullptr, nullptr));
}

std::string message_of(const ntm_assessment* a, const char* id) {
  // The explanation of an errored rule is "Lỗi: <message>".
  return explain(a, id);
}

}  // namespace

TEST_CASE("c api: custom functions and evaluators in C; a failing callback errors only its own rule", "[c][callbacks]") {
  probe p;
  registry_h registry;
  C_OK(ntm_registry_create(registry.out(), nullptr));
  add_functions(registry, &p);
  program_h program;
  compile(program, custom_set, registry);
  // The registry may go: the program keeps its own copy.
  ntm_registry_free(registry.p);
  registry.p = nullptr;

  facts_h facts;
  C_OK(ntm_facts_load_memory(facts.out(), program, R"({"facts": {"stars": 4, "online": true, "income": "2 tỷ",
    "opened": "2023-06-30", "note": "chợ", "grade": "b"}})", NTM_NTS, "f.json", NTM_NTS, nullptr, nullptr));
  assessment_h a;
  ntm_evaluate_options options = NTM_EVALUATE_OPTIONS_INIT;
  options.date = NTM_DATE(2023, 9, 30);
  options.region = "dbsh";
  options.region_len = NTM_NTS;
  C_OK(ntm_program_evaluate(a.out(), program, facts, &options, nullptr));

  CHECK(status_of(a, "F1") == NTM_STATUS_MET);  // 45 ≥ 35
  CHECK(p.function_misuse == NTM_EINVAL);
  CHECK(status_of(a, "F2") == NTM_STATUS_MET);
  CHECK(status_of(a, "F3") == NTM_STATUS_ERROR);
  CHECK(message_of(a, "F3").find("máy chủ không trả lời") != std::string::npos);
  CHECK(status_of(a, "F4") == NTM_STATUS_ERROR);
  CHECK(message_of(a, "F4").find("reported no result") != std::string::npos);
  CHECK(status_of(a, "F5") == NTM_STATUS_ERROR);
  CHECK(message_of(a, "F5").find("returned 7") != std::string::npos);
  CHECK(status_of(a, "F6") == NTM_STATUS_ERROR);
  CHECK(p.wrong_type == NTM_EINVAL);
  CHECK(status_of(a, "F7") == NTM_STATUS_MET);
  CHECK(status_of(a, "E1") == NTM_STATUS_MET);
  CHECK(explain(a, "E1") == "Đạt: 4 sao, bán trực tuyến");
  CHECK(status_of(a, "E2") == NTM_STATUS_MET);
  CHECK(p.seen_text == "chợ/b/2000000000/20230630/chợ");
  CHECK(p.seen_date == NTM_DATE(2023, 9, 30));
  CHECK(p.seen_region == "dbsh");
  CHECK(status_of(a, "E3") == NTM_STATUS_ERROR);
  CHECK(message_of(a, "E3").find("evaluator failing_evaluator: cơ sở dữ liệu ngừng hoạt động") != std::string::npos);
  CHECK(status_of(a, "E4") == NTM_STATUS_ERROR);
  CHECK(status_of(a, "E5") == NTM_STATUS_ERROR);
  CHECK(message_of(a, "E5").find("returned -3") != std::string::npos);
  // The rest of the assessment completes.
  size_t tc13 = 0, n = 0;
  C_OK(ntm_assessment_find_rule(a, "TC13", NTM_NTS, &tc13, nullptr));
  C_OK(ntm_assessment_rule_children(a, tc13, NTM_STATUS_ERROR, &n, nullptr));
  CHECK(n == 7);
  C_OK(ntm_assessment_rule_children(a, tc13, NTM_STATUS_MET, &n, nullptr));
  CHECK(n == 5);

  // The reader's misuse checks all returned the expected errors.
  CHECK(p.reader_misuse == 0);

  // Unknown facts: strict arguments are not passed (the function is not called); a nullable
  // one is passed as unknown; an evaluator sees unknown facts.
  const int before = p.calls;
  facts_h empty;
  C_OK(ntm_facts_create(empty.out(), program, nullptr));
  assessment_h b;
  C_OK(ntm_program_evaluate(b.out(), program, empty, &options, nullptr));
  CHECK(status_of(b, "F1") == NTM_STATUS_UNKNOWN);
  CHECK(status_of(b, "F2") == NTM_STATUS_UNKNOWN);
  CHECK(status_of(b, "E1") == NTM_STATUS_UNKNOWN);
  CHECK(explain(b, "E1") == "Chưa xác định: chưa đủ số liệu — thiếu số liệu: stars, online");
  CHECK(p.calls == before + 1);  // the evaluator only
  CHECK(status_of(b, "E2") == NTM_STATUS_MET);
  CHECK(p.seen_text == "?/?/?/?/?");
}

TEST_CASE("c api: evaluators run concurrently from several threads", "[c][callbacks][concurrency]") {
  probe p;
  registry_h registry;
  C_OK(ntm_registry_create(registry.out(), nullptr));
  C_OK(ntm_registry_add_evaluator(registry, "traceability", NTM_NTS, traceability, &p, nullptr));
  program_h program;
  compile(program, R"json({"id": "c", "title": "c",
    "facts": [{"id": "stars", "type": "integer", "label": "s"}, {"id": "online", "type": "bool", "label": "o"}],
    "criteria": [{"id": "TC13", "number": 13, "name": "x", "indicators": [
      {"id": "E1", "name": "truy xuất", "evaluator": "traceability", "reads": ["stars", "online"]}]}]})json", registry);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      facts_h facts;
      if (ntm_facts_create(facts.out(), program, nullptr) != NTM_OK) ++failures;
      const ntm_value stars{NTM_TYPE_INTEGER, 1, t, nullptr, 0};
      const ntm_value online{NTM_TYPE_BOOL, 1, 1, nullptr, 0};
      if (ntm_facts_set(facts, "stars", NTM_NTS, &stars, nullptr) != NTM_OK) ++failures;
      if (ntm_facts_set(facts, "online", NTM_NTS, &online, nullptr) != NTM_OK) ++failures;
      ntm_evaluate_options options = NTM_EVALUATE_OPTIONS_INIT;
      options.date = NTM_DATE(2023, 12, 31);
      for (int k = 0; k < 50; ++k) {
        ntm_assessment* a = nullptr;
        if (ntm_program_evaluate(&a, program, facts, &options, nullptr) != NTM_OK) ++failures;
        size_t index = 0;
        ntm_rule_status s = NTM_STATUS_ERROR;
        if (ntm_assessment_find_rule(a, "E1", NTM_NTS, &index, nullptr) != NTM_OK ||
            ntm_assessment_rule_status(a, index, &s, nullptr) != NTM_OK || s != (t >= 3 ? NTM_STATUS_MET : NTM_STATUS_NOT_MET))
          ++failures;
        ntm_assessment_free(a);
      }
    });
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(p.calls == 4 * 50);
}

TEST_CASE("c api: registering functions and evaluators, with bad arguments", "[c][registry]") {
  registry_h r;
  C_OK(ntm_registry_create(r.out(), nullptr));
  C_FAILS(ntm_registry_create(nullptr, nullptr), NTM_EINVAL, 800);
  const int ints[] = {NTM_TYPE_INTEGER};
  C_OK(ntm_registry_add_function(r, "f", NTM_NTS, ints, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr));
  C_OK(ntm_registry_add_function(r, "no_args", NTM_NTS, nullptr, 0, NTM_TYPE_BOOL, silent_function, nullptr, nullptr));
  C_FAILS(ntm_registry_add_function(r, "f", NTM_NTS, ints, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr), NTM_EFORMAT, 206);
  C_FAILS(ntm_registry_add_function(r, "max", NTM_NTS, ints, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr), NTM_EFORMAT,
          206);
  C_FAILS(ntm_registry_add_function(r, "9x", NTM_NTS, ints, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_registry_add_function(r, invalid_utf8, NTM_NTS, ints, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr),
          NTM_EUTF8, 113);
  C_FAILS(ntm_registry_add_function(r, nullptr, 0, ints, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_registry_add_function(nullptr, "g", NTM_NTS, ints, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr), NTM_EINVAL,
          800);
  C_FAILS(ntm_registry_add_function(r, "g", NTM_NTS, ints, 1, NTM_TYPE_BOOL, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_registry_add_function(r, "g", NTM_NTS, nullptr, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr), NTM_EINVAL, 800);
  const int bad_types[] = {NTM_TYPE_ENUM};
  C_FAILS(ntm_registry_add_function(r, "g", NTM_NTS, bad_types, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr), NTM_EINVAL,
          100);
  const int odd_types[] = {42};
  C_FAILS(ntm_registry_add_function(r, "g", NTM_NTS, odd_types, 1, NTM_TYPE_BOOL, silent_function, nullptr, nullptr), NTM_EINVAL,
          100);
  C_FAILS(ntm_registry_add_function(r, "g", NTM_NTS, ints, 1, NTM_TYPE_BOOL | NTM_TYPE_NULLABLE, silent_function, nullptr, nullptr),
          NTM_EINVAL, 100);
  C_FAILS(ntm_registry_add_function(r, "g", NTM_NTS, ints, 1, -1, silent_function, nullptr, nullptr), NTM_EINVAL, 100);
  const int many[17] = {};
  C_FAILS(ntm_registry_add_function(r, "g", NTM_NTS, many, 17, NTM_TYPE_BOOL, silent_function, nullptr, nullptr), NTM_EINVAL, 100);

  C_OK(ntm_registry_add_evaluator(r, "e", NTM_NTS, silent_evaluator, nullptr, nullptr));
  C_FAILS(ntm_registry_add_evaluator(r, "e", NTM_NTS, silent_evaluator, nullptr, nullptr), NTM_EFORMAT, 206);
  C_FAILS(ntm_registry_add_evaluator(r, "f", NTM_NTS, silent_evaluator, nullptr, nullptr), NTM_EFORMAT, 206);
  C_FAILS(ntm_registry_add_evaluator(r, "", NTM_NTS, silent_evaluator, nullptr, nullptr), NTM_EINVAL, 100);
  C_FAILS(ntm_registry_add_evaluator(r, invalid_utf8, 4, silent_evaluator, nullptr, nullptr), NTM_EUTF8, 113);
  C_FAILS(ntm_registry_add_evaluator(r, "h", NTM_NTS, nullptr, nullptr, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_registry_add_evaluator(nullptr, "h", NTM_NTS, silent_evaluator, nullptr, nullptr), NTM_EINVAL, 800);

  // The call functions outside a callback check their handle.
  const ntm_value v{NTM_TYPE_BOOL, 1, 1, nullptr, 0};
  C_FAILS(ntm_call_return(nullptr, &v, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_call_outcome(nullptr, NTM_STATUS_MET, nullptr, 0, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_call_fail(nullptr, "x", NTM_NTS, nullptr), NTM_EINVAL, 800);
  // Fact views likewise.
  ntm_value out{};
  int known = 0, b = 0;
  int64_t i = 0;
  const char* text = nullptr;
  size_t len = 0;
  int32_t date = 0;
  C_FAILS(ntm_fact_view_get(nullptr, "x", NTM_NTS, &out, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_fact_view_get_bool(nullptr, "x", NTM_NTS, &b, &known, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_fact_view_get_integer(nullptr, "x", NTM_NTS, &i, &known, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_fact_view_get_money(nullptr, "x", NTM_NTS, &i, &known, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_fact_view_get_text(nullptr, "x", NTM_NTS, &text, &len, &known, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_fact_view_date(nullptr, &date, nullptr), NTM_EINVAL, 800);
  C_FAILS(ntm_fact_view_region(nullptr, &text, &len, nullptr), NTM_EINVAL, 800);
  ntm_registry_free(nullptr);
}
