// SPDX-License-Identifier: MIT
// What the C API tests share (tests/c/*.test.cpp): handle owners, checks of a call's status
// and error number, a small criteria set, the shipped Thạch Lỗi plan loaded once.
#ifndef NTM_TESTS_C_C_API_SUPPORT_HPP
#define NTM_TESTS_C_C_API_SUPPORT_HPP

#include <ntm/c/ntm.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include <catch2/catch.hpp>

namespace ntm_c_test {

namespace fs = std::filesystem;

inline const std::string examples = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";
inline const std::string plan_file = examples + "plan.json";

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

}  // namespace ntm_c_test

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

namespace ntm_c_test {

inline const char* const tiny_set = R"json({"id": "tiny", "title": {"vi": "Nhỏ", "en": "Tiny"},
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
inline void compile(program_h& program, const char* json, const ntm_registry* registry = nullptr) {
  set_h set;
  C_OK(ntm_criteria_set_load_memory(set.out(), json, NTM_NTS, "test.json", NTM_NTS, nullptr, nullptr));
  C_OK(ntm_program_compile(program.out(), set, registry, nullptr));
}

inline void evaluate(assessment_h& out, const ntm_program* program, const ntm_facts* facts, int32_t date = NTM_DATE(2023, 12, 31)) {
  ntm_evaluate_options options = NTM_EVALUATE_OPTIONS_INIT;
  options.date = date;
  C_OK(ntm_program_evaluate(out.out(), program, facts, &options, nullptr));
}

inline ntm_rule_status status_of(const ntm_assessment* a, const char* id) {
  size_t index = 0;
  ntm_rule_status status = NTM_STATUS_ERROR;
  C_OK(ntm_assessment_find_rule(a, id, NTM_NTS, &index, nullptr));
  C_OK(ntm_assessment_rule_status(a, index, &status, nullptr));
  return status;
}

inline std::string explain(const ntm_assessment* a, const char* id, int lang = NTM_LANG_VI) {
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
inline const ntm_plan* shipped_plan() {
  static plan_h plan;
  if (!plan.p) C_OK(ntm_plan_load_file(plan.out(), plan_file.c_str(), nullptr, nullptr));
  return plan;
}
inline const ntm_analysis* shipped_analysis() {
  static analysis_h analysis;
  if (!analysis.p) C_OK(ntm_plan_analyze(analysis.out(), shipped_plan(), nullptr, nullptr));
  return analysis;
}

inline const char invalid_utf8[] = "TC\xC3\x28";  // a broken two-byte sequence

// A fresh temporary directory of its own (test runs may overlap).
inline fs::path fresh_temp_dir(const char* name) {
  const fs::path dir = fs::temp_directory_path() / (std::string(name) + "-" + std::to_string(std::random_device{}()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace ntm_c_test

#endif  // NTM_TESTS_C_C_API_SUPPORT_HPP
