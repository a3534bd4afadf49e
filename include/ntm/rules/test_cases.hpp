// SPDX-License-Identifier: MIT
/// @file
/// Test cases as data, written by a criteria-set author beside the set (like OpenFisca's
/// YAML tests): facts, a date, and the statuses (or values) expected. The library runs them
/// and reports each mismatch.
#ifndef NTM_RULES_TEST_CASES_HPP_
#define NTM_RULES_TEST_CASES_HPP_

#include <optional>
#include <string>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/result.hpp>
#include <ntm/rules/status.hpp>
#include <ntm/rules/value.hpp>

NTM_BEGIN_NAMESPACE

class program;

/// One expectation: rule `rule` has status `expected` (or, for a value rule, `expected_value`).
struct test_expectation {
  std::string rule;
  std::optional<status> expected;
  std::string expected_value_json;  ///< JSON literal for value rules, e.g. "\"12,5 triệu\"" or "3"
  std::string pointer;
};

/// One case: facts (as the JSON of a facts file's "facts" object), date, region, expectations.
struct test_case {
  std::string name;
  date at;
  std::string region;
  std::string facts_json;
  std::vector<test_expectation> expect;
  std::string pointer;
};

/// The cases of one file.
struct test_suite {
  std::string file;
  std::string set;  ///< the criteria set they test (file name or id, informational)
  std::vector<test_case> cases;
};

/// A mismatch or a case that could not run.
struct test_failure {
  std::string test;
  std::string rule;
  std::string expected;
  std::string actual;
  std::string message;  ///< a sentence; for errors, what went wrong
  source_location where;
};

/// The outcome of running a suite.
struct test_report {
  std::size_t cases = 0;
  std::size_t passed = 0;
  std::vector<test_failure> failures;
  bool ok() const noexcept { return failures.empty(); }
};

/// Runs every case of `suite` against `prog`. A case whose facts do not load, or that names
/// an unknown rule, is a failure with the error, not an abort.
NTM_API test_report run_test_suite(const program& prog, const test_suite& suite);

NTM_END_NAMESPACE

#endif  // NTM_RULES_TEST_CASES_HPP_
