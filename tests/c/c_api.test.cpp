// SPDX-License-Identifier: MIT
// The C API (include/ntm/c/ntm.h): every entry point with good and bad arguments — NULL
// handles, invalid UTF-8, malformed files, options of unknown versions, callbacks that fail —
// each returning an error with its exact code, never crashing.
#include <ntm/c/ntm.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

const std::string examples = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";
const std::string plan_file = examples + "plan.json";

// Owns a handle.
template <class T, void (*Free)(T*)>
struct owned {
  T* p = nullptr;
  owned() = default;
  owned(const owned&) = delete;
  owned& operator=(const owned&) = delete;
  ~owned() { Free(p); }
  // For an out-parameter: a handle held before is freed first (a call clears *out).
  T** out() {
    Free(p);
    p = nullptr;
    return &p;
  }
  operator T*() const { return p; }
};
using set_h = owned<ntm_criteria_set, ntm_criteria_set_free>;
using program_h = owned<ntm_program, ntm_program_free>;
using facts_h = owned<ntm_facts, ntm_facts_free>;
using assessment_h = owned<ntm_assessment, ntm_assessment_free>;
using registry_h = owned<ntm_registry, ntm_registry_free>;
using plan_h = owned<ntm_plan, ntm_plan_free>;
using analysis_h = owned<ntm_analysis, ntm_analysis_free>;
using error_h = owned<ntm_error, ntm_error_free>;
using scenario_h = owned<ntm_scenario, ntm_scenario_free>;

}  // namespace

// The call succeeds (on failure, the last error is shown).
#define C_OK(expr)                                            \
  do {                                                        \
    const int c_ok_rc_ = (expr);                              \
    INFO(ntm_error_to_string(ntm_error_last()));              \
    REQUIRE(c_ok_rc_ == NTM_OK);                              \
  } while (false)

// The call fails with status `code` and the exact error number `number`.
#define C_FAILS(expr, code, number)                           \
  do {                                                        \
    ntm_error_clear();                                        \
    const int c_fails_rc_ = (expr);                           \
    INFO(ntm_error_to_string(ntm_error_last()));              \
    CHECK(c_fails_rc_ == (code));                             \
    CHECK(ntm_error_code(ntm_error_last()) == (code));        \
    CHECK(ntm_error_errc(ntm_error_last()) == (number));      \
  } while (false)

namespace {

const char* const tiny_set = R"json({"id": "tiny", "title": {"vi": "Nhỏ", "en": "Tiny"},
  "regions": ["dbsh"],
  "facts": [
    {"id": "stars", "type": "integer", "label": "số sao"},
    {"id": "online", "type": "bool", "label": "trực tuyến"},
    {"id": "income", "type": "money", "label": "thu nhập"},
    {"id": "coverage", "type": "percent", "label": "bao phủ"},
    {"id": "road_km", "type": "number", "unit": "km", "label": "đường"},
    {"id": "opened", "type": "date", "label": "khai trương"},
    {"id": "note", "type": "text", "label": "ghi chú"},
    {"id": "grade", "type": "enum", "values": ["a", "b"], "label": "hạng"}
  ],
  "criteria": [{"id": "C1", "number": 1, "name": {"vi": "Tiêu chí một", "en": "Criterion one"}, "indicators": [
    {"id": "C1.1", "name": "sao", "condition": "stars >= 3"},
    {"id": "C1.2", "name": "thu nhập", "condition": "income >= 68 triệu"}
  ]}]
})json";

// Compiles `json` (with `registry`, may be NULL) into `program`.
void compile(program_h& program, const char* json, const ntm_registry* registry = nullptr) {
  set_h set;
  C_OK(ntm_criteria_set_load_memory(set.out(), json, NTM_NTS, "test.json", NTM_NTS, nullptr, nullptr));
  C_OK(ntm_program_compile(program.out(), set, registry, nullptr));
}

void evaluate(assessment_h& out, const ntm_program* program, const ntm_facts* facts, int32_t date = NTM_DATE(2023, 12, 31)) {
  ntm_evaluate_options options = NTM_EVALUATE_OPTIONS_INIT;
  options.date = date;
  C_OK(ntm_program_evaluate(out.out(), program, facts, &options, nullptr));
}

ntm_rule_status status_of(const ntm_assessment* a, const char* id) {
  size_t index = 0;
  ntm_rule_status status = NTM_STATUS_ERROR;
  C_OK(ntm_assessment_find_rule(a, id, NTM_NTS, &index, nullptr));
  C_OK(ntm_assessment_rule_status(a, index, &status, nullptr));
  return status;
}

std::string explain(const ntm_assessment* a, const char* id, int lang = NTM_LANG_VI) {
  size_t index = 0;
  char* text = nullptr;
  size_t len = 0;
  C_OK(ntm_assessment_find_rule(a, id, NTM_NTS, &index, nullptr));
  C_OK(ntm_assessment_rule_explain(a, index, lang, &text, &len, nullptr));
  std::string out(text, len);
  CHECK(std::strlen(text) == len);
  ntm_string_free(text);
  return out;
}

// The Thạch Lỗi plan and its analysis, loaded once.
const ntm_plan* shipped_plan() {
  static plan_h plan;
  if (!plan.p) C_OK(ntm_plan_load_file(plan.out(), plan_file.c_str(), nullptr, nullptr));
  return plan;
}
const ntm_analysis* shipped_analysis() {
  static analysis_h analysis;
  if (!analysis.p) C_OK(ntm_plan_analyze(analysis.out(), shipped_plan(), nullptr, nullptr));
  return analysis;
}

const char invalid_utf8[] = "TC\xC3\x28";  // a broken two-byte sequence

// A fresh temporary directory of its own (test runs may overlap).
fs::path fresh_temp_dir(const char* name) {
  const fs::path dir = fs::temp_directory_path() / (std::string(name) + "-" + std::to_string(std::random_device{}()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

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
