// SPDX-License-Identifier: MIT
// Running data test cases against a compiled criteria set.
#include <ntm/io/json.hpp>
#include <ntm/rules/program.hpp>
#include <ntm/rules/test_cases.hpp>

NTM_BEGIN_NAMESPACE

test_report run_test_suite(const program& prog, const test_suite& suite) {
  test_report report;
  for (const test_case& tc : suite.cases) {
    ++report.cases;
    const std::size_t failures_before = report.failures.size();
    auto fail_case = [&](std::string rule, std::string expected, std::string actual, std::string message, const std::string& pointer) {
      test_failure f;
      f.test = tc.name;
      f.rule = std::move(rule);
      f.expected = std::move(expected);
      f.actual = std::move(actual);
      f.message = std::move(message);
      f.where.file = suite.file;
      f.where.pointer = pointer;
      report.failures.push_back(std::move(f));
    };
    auto facts = parse_facts(prog, "{\"facts\": " + tc.facts_json + "}", suite.file);
    if (!facts) {
      fail_case("", "", "", "the facts do not load: " + format(facts.error()), tc.pointer + "/facts");
      continue;
    }
    evaluate_options opt;
    opt.at = tc.at;
    opt.region = tc.region;
    opt.explain = true;
    auto a = prog.evaluate(*facts, opt);
    if (!a) {
      fail_case("", "", "", "evaluation failed: " + format(a.error()), tc.pointer);
      continue;
    }
    for (const test_expectation& x : tc.expect) {
      const rule_outcome* o = a->find(x.rule);
      if (!o) {
        auto r = prog.find_rule(x.rule);
        fail_case(x.rule, "", "", r ? "rule not found" : r.error().message, x.pointer);
        continue;
      }
      if (x.expected) {
        if (o->result != *x.expected)
          fail_case(x.rule, to_string(*x.expected), to_string(o->result), a->explain(x.rule), x.pointer);
        continue;
      }
      auto want = parse_value(o->type, x.expected_value_json);
      if (!want) {
        fail_case(x.rule, x.expected_value_json, "", "the expected value is not a " + std::string(to_string(o->type)) + ": " + want.error().message, x.pointer);
        continue;
      }
      if (!o->computed || !(*o->computed == *want))
        fail_case(x.rule, format_value(*want), o->computed ? format_value(*o->computed) : std::string(to_string(o->result)),
                  a->explain(x.rule), x.pointer);
    }
    if (report.failures.size() == failures_before) ++report.passed;
  }
  return report;
}

NTM_END_NAMESPACE
