// SPDX-License-Identifier: MIT
// Helpers for rules tests: compile a set from JSON text, evaluate facts given as JSON.
#ifndef NTM_TESTS_RULES_SUPPORT_HPP_
#define NTM_TESTS_RULES_SUPPORT_HPP_

#include <string>

#include <ntm/io/json.hpp>
#include <ntm/rules/program.hpp>

#include "support/result_matchers.hpp"

namespace ntm_test {

/// Compiles a criteria set from JSON text (test failure if it does not compile).
inline ntm::program compile_text(const std::string& text, const ntm::function_registry& fns = {}) {
  auto set = ntm::parse_criteria_set(text, "test-set.json");
  REQUIRE_OK(set);
  auto prog = ntm::compile(*set, fns);
  REQUIRE_OK(prog);
  return *prog;
}

/// The error of compiling `text` (test failure if it compiles).
inline ntm::error compile_error(const std::string& text, const ntm::function_registry& fns = {}) {
  auto set = ntm::parse_criteria_set(text, "test-set.json");
  if (!set) return set.error();
  auto prog = ntm::compile(*set, fns);
  REQUIRE_FALSE(prog);
  return prog.error();
}

/// Evaluates `facts_json` (the object under "facts") at `at`.
inline ntm::assessment assess(const ntm::program& prog, const std::string& facts_json, const char* at = "2023-12-31",
                              const std::string& region = {}) {
  auto facts = ntm::parse_facts(prog, "{\"facts\": " + facts_json + "}", "facts.json");
  REQUIRE_OK(facts);
  ntm::evaluate_options opt;
  opt.at = *ntm::parse_date(at);
  opt.region = region;
  auto a = prog.evaluate(*facts, opt);
  REQUIRE_OK(a);
  return *a;
}

/// A set with one rule per expression: {"id": "r<k>", "expression": expr} and the given facts.
inline std::string rules_set(const std::string& facts, const std::vector<std::string>& expressions,
                             const std::string& parameters = "[]") {
  std::string rules;
  for (std::size_t k = 0; k < expressions.size(); ++k) {
    std::string escaped;
    for (char c : expressions[k]) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c;
    }
    rules += (k ? "," : "") + std::string("{\"id\": \"r") + std::to_string(k) + "\", \"expression\": \"" + escaped + "\"}";
  }
  return R"({"id": "t", "title": "t", "facts": )" + facts + R"(, "parameters": )" + parameters +
         R"(, "criteria": [], "rules": [)" + rules + R"(], "standard": {"id": "standard", "condition": "true"}})";
}

}  // namespace ntm_test

#endif  // NTM_TESTS_RULES_SUPPORT_HPP_
