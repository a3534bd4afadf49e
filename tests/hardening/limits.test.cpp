// SPDX-License-Identifier: MIT
// Limits (ntm/core/limits.hpp): each is checked, each violation is limit_exceeded with a
// message naming the limit and its value, each can be raised through options; no hostile
// file drives a recursion past the stack or the work past linear time.
#include <chrono>
#include <map>
#include <string>

#include <ntm/io/json.hpp>
#include <ntm/ledger/funding_io.hpp>
#include <ntm/plan/plan.hpp>
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/compare.hpp>
#include <ntm/scenario/scenario.hpp>
#include <ntm/schedule/roadmap.hpp>

#include "support/result_matchers.hpp"

using ntm::errc;

namespace {

// Requires limit_exceeded naming `limit` = `value`.
#define REQUIRE_LIMIT(expr, limit, value)                                                    \
  do {                                                                                       \
    const auto& ntm_limit_r_ = (expr);                                                       \
    REQUIRE_ERROR(ntm_limit_r_, errc::limit_exceeded);                                       \
    CHECK_THAT(ntm_limit_r_.error().message, Catch::Contains(std::string(limit) + " = " + (value))); \
  } while (false)

std::string repeat(const std::string& s, std::size_t n, const std::string& sep = "") {
  std::string out;
  for (std::size_t k = 0; k < n; ++k) out += (k ? sep : "") + s;
  return out;
}

std::string set_with(const std::string& facts, const std::string& rules, const std::string& parameters = "[]") {
  return R"({"id": "t", "title": "t", "facts": )" + facts + R"(, "parameters": )" + parameters + R"(, "rules": )" + rules + "}";
}

ntm::error compile_error(const std::string& text, const ntm::compile_options& options = {}) {
  auto set = ntm::parse_criteria_set(text, "t.json");
  REQUIRE_OK(set);
  auto prog = ntm::compile(*set, {}, options);
  REQUIRE_FALSE(prog);
  return prog.error();
}

const char* one_fact = R"([{"id": "x", "type": "integer", "label": "x"}])";

// A roadmap of `n` tasks.
std::string roadmap(std::size_t n) {
  std::string tasks;
  for (std::size_t k = 0; k < n; ++k)
    tasks += (k ? "," : "") + std::string(R"({"id": "t)") + std::to_string(k) + R"(", "name": "t", "duration": 1})";
  return R"({"id": "r", "name": "r", "project_start": "2023-01-02", "calendar": {"range": {"first": "2023-01-01", "last": "2024-12-31"}}, "tasks": [)" +
         tasks + "]}";
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("limits: file size and JSON nesting, for every loader", "[hardening][limits]") {
  ntm::load_options small;
  small.max_file_bytes = 100;
  const std::string big = "{\"id\": \"" + std::string(200, 'x') + "\"}";
  REQUIRE_LIMIT(ntm::parse_criteria_set(big, "a.json", small), "max_file_bytes", "100");
  REQUIRE_LIMIT(ntm::parse_roadmap(big, "a.json", small), "max_file_bytes", "100");
  REQUIRE_LIMIT(ntm::parse_funding(big, "a.json", small), "max_file_bytes", "100");
  REQUIRE_LIMIT(ntm::parse_scenario(big, "a.json", small), "max_file_bytes", "100");
  REQUIRE_LIMIT(ntm::parse_calendar(big, "a.json", small), "max_file_bytes", "100");
  ntm::plan_load_options plan_small;
  plan_small.files = small;
  REQUIRE_LIMIT(ntm::parse_plan(big, "a.json", plan_small), "max_file_bytes", "100");
  // Files on disk are refused before they are read.
  REQUIRE_LIMIT(ntm::load_criteria_set(std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/plan.json", small),
                "max_file_bytes", "100");

  const std::string deep = repeat("[", 65) + repeat("]", 65);
  auto nested = ntm::parse_roadmap(deep, "deep.json");
  REQUIRE_LIMIT(nested, "max_depth", "64");
  CHECK(nested.error().where.column == 65);
  ntm::load_options deeper;
  deeper.max_depth = 100;
  REQUIRE_ERROR(ntm::parse_roadmap(deep, "deep.json", deeper), errc::json_type);  // within the limit: a wrong type
  // A million levels cost nothing: the scan stops at the limit.
  const std::string hostile = repeat("{\"a\":", 1'000'000) + "1" + repeat("}", 1'000'000);
  REQUIRE_LIMIT(ntm::parse_funding(hostile, "h.json"), "max_depth", "64");
}

TEST_CASE("limits: expression length and depth, counted as a reader nests", "[hardening][limits]") {
  ntm::compile_options tight;
  tight.max_expression_length = 20;
  const ntm::error length = compile_error(set_with(one_fact, R"([{"id": "r", "expression": "x + x + x + x + x + x > 0"}])"), tight);
  CHECK(length.code == errc::limit_exceeded);
  CHECK_THAT(length.message, Catch::Contains("max_expression_length = 20"));

  // Depth: parentheses, calls, unary operators and each operator of a chain are levels.
  ntm::compile_options d4;
  d4.max_expression_depth = 4;
  for (const char* deep : {"((((x)))) > 0", "x + x + x + x + x > 0", "abs(abs(abs(abs(x)))) > 0", "- - - - x > 0", "not not not not (x > 0)"}) {
    INFO(deep);
    const ntm::error e = compile_error(set_with(one_fact, std::string(R"([{"id": "r", "expression": ")") + deep + "\"}]"), d4);
    CHECK(e.code == errc::limit_exceeded);
    CHECK_THAT(e.message, Catch::Contains("max_expression_depth = 4"));
  }
  for (const char* fine : {"((x)) > 0", "x + x > 0", "abs(x) > 0", "- x > 0"}) {
    INFO(fine);
    auto set = ntm::parse_criteria_set(set_with(one_fact, std::string(R"([{"id": "r", "expression": ")") + fine + "\"}]"), "t.json");
    REQUIRE_OK(set);
    REQUIRE_OK(ntm::compile(*set, {}, d4));
  }
  // A chain of 8 000 operators within the length limit: rejected, not recursed through.
  const std::string chain = repeat("x", 8000, "+") + " > 0";
  const ntm::error e = compile_error(set_with(one_fact, R"([{"id": "r", "expression": ")" + chain + "\"}]"));
  CHECK(e.code == errc::limit_exceeded);
  CHECK_THAT(e.message, Catch::Contains("max_expression_depth = 64"));
  ntm::compile_options wide;
  wide.max_expression_depth = 200;
  auto set = ntm::parse_criteria_set(set_with(one_fact, R"([{"id": "r", "expression": ")" + repeat("x", 150, "+") + " > 0\"}]"), "t.json");
  REQUIRE_OK(set);
  REQUIRE_OK(ntm::compile(*set, {}, wide));
}

TEST_CASE("limits: numbers of facts, parameters, rules and dependencies", "[hardening][limits]") {
  std::string facts = "[";
  for (int k = 0; k < 11; ++k) facts += (k ? "," : "") + std::string(R"({"id": "f)") + std::to_string(k) + R"(", "type": "bool", "label": "f"})";
  facts += "]";
  ntm::compile_options ten;
  ten.max_facts = 10;
  ten.max_parameters = 10;
  ten.max_rules = 10;
  CHECK_THAT(compile_error(set_with(facts, "[]"), ten).message, Catch::Contains("max_facts = 10"));
  std::string params = "[";
  for (int k = 0; k < 11; ++k)
    params += (k ? "," : "") + std::string(R"({"id": "p)") + std::to_string(k) + R"(", "type": "integer", "values": [{"value": 1}]})";
  params += "]";
  CHECK_THAT(compile_error(set_with(one_fact, "[]", params), ten).message, Catch::Contains("max_parameters = 10"));
  std::string rules = "[";
  for (int k = 0; k < 20; ++k) rules += (k ? "," : "") + std::string(R"({"id": "r)") + std::to_string(k) + R"(", "expression": "x > 0"})";
  rules += "]";
  const ntm::error many = compile_error(set_with(one_fact, rules), ten);
  CHECK(many.code == errc::limit_exceeded);
  CHECK_THAT(many.message, Catch::Contains("max_rules = 10"));
  CHECK(many.details.empty());  // reported once, not once per rule beyond the limit

  // A chain of 3 000 rules, each using the one before: its lineages sum to 4,5 million.
  std::string chain = R"([{"id": "r0", "expression": "x > 0"})";
  for (int k = 1; k < 3000; ++k) chain += R"(, {"id": "r)" + std::to_string(k) + R"(", "expression": "r)" + std::to_string(k - 1) + "\"}";
  chain += "]";
  ntm::compile_options budget;
  budget.max_dependencies = 1'000'000;
  CHECK_THAT(compile_error(set_with(one_fact, chain), budget).message, Catch::Contains("max_dependencies = 1000000"));
  auto set = ntm::parse_criteria_set(set_with(one_fact, chain), "chain.json");
  REQUIRE_OK(set);
  REQUIRE_OK(ntm::compile(*set));
}

TEST_CASE("limits: chains of criteria sets and scenarios that extend each other", "[hardening][limits]") {
  // set0 extends set1 extends … set40: served from memory by a resolver.
  std::map<std::string, std::string> files;
  for (int k = 0; k <= 40; ++k)
    files["set" + std::to_string(k) + ".json"] =
        R"({"id": "s)" + std::to_string(k) + R"(", "title": "s")" + (k < 40 ? R"(, "extends": ["set)" + std::to_string(k + 1) + R"(.json"])" : "") + "}";
  ntm::load_options options;
  options.resolver = [&](const std::string& name) -> ntm::result<std::string> {
    auto it = files.find(name);
    if (it == files.end()) return ntm::fail(errc::io_error, "no " + name);
    return it->second;
  };
  auto deep = ntm::load_criteria_set("set0.json", options);
  REQUIRE_LIMIT(deep, "max_extends_depth", "16");
  CHECK(deep.error().where.pointer == "/extends/0");
  options.max_extends_depth = 50;
  REQUIRE_OK(ntm::load_criteria_set("set0.json", options));
  ntm::load_options defaults = options;
  defaults.max_extends_depth = 16;
  REQUIRE_OK(ntm::load_criteria_set("set30.json", defaults));  // ten levels

  for (int k = 0; k <= 40; ++k)
    files["sc" + std::to_string(k) + ".json"] =
        R"({"id": "sc)" + std::to_string(k) + "\"" + (k < 40 ? R"(, "extends": "sc)" + std::to_string(k + 1) + R"(.json")" : "") + "}";
  options.max_extends_depth = 16;
  REQUIRE_LIMIT(ntm::load_scenario("sc0.json", options), "max_extends_depth", "16");
  options.max_extends_depth = 41;
  auto s = ntm::load_scenario("sc0.json", options);
  REQUIRE_OK(s);
  CHECK(s->base->base->id == "sc2");
  files["sc40.json"] = R"({"id": "sc40", "extends": "sc39.json"})";
  REQUIRE_ERROR(ntm::load_scenario("sc38.json", options), errc::extends_cycle);
}

TEST_CASE("limits: tasks of a roadmap, units of a table, scenarios of a run, funding items", "[hardening][limits]") {
  ntm::load_options ten;
  ten.max_tasks = 10;
  ten.max_units = 10;
  ten.max_scenarios = 1;
  ten.max_funding_items = 2;
  auto r = ntm::parse_roadmap(roadmap(11), "r.json", ten);
  REQUIRE_LIMIT(r, "max_tasks", "10");
  CHECK(r.error().where.pointer == "/tasks");
  REQUIRE_OK(ntm::parse_roadmap(roadmap(10), "r.json", ten));

  auto set = ntm::parse_criteria_set(set_with(one_fact, R"([{"id": "r", "expression": "x > 0"}])"), "t.json");
  REQUIRE_OK(set);
  auto prog = ntm::compile(*set);
  REQUIRE_OK(prog);
  std::string csv = "id,x\n", jsonl;
  for (int k = 0; k < 11; ++k) {
    csv += "u" + std::to_string(k) + ",1\n";
    jsonl += R"({"id": "u)" + std::to_string(k) + R"(", "facts": {"x": 1}})" + "\n";
  }
  auto units = ntm::parse_units_csv(*prog, csv, "u.csv", ten);
  REQUIRE_LIMIT(units, "max_units", "10");
  CHECK(units.error().where.line == 12);
  REQUIRE_LIMIT(ntm::parse_units_jsonl(*prog, jsonl, "u.jsonl", ten), "max_units", "10");
  REQUIRE_OK(ntm::parse_units_csv(*prog, csv, "u.csv"));

  const std::string funding = R"({"format": "ntm.funding", "version": 1, "unit": "x", "period": "năm 2023",
    "needs": [{"id": "a", "item": "x", "criterion": "TC2", "task": "t", "amount": "1 tỷ"}, {"id": "b", "item": "x", "criterion": "TC2", "task": "t", "amount": "1 tỷ"},
              {"id": "c", "item": "x", "criterion": "TC2", "task": "t", "amount": "1 tỷ"}]})";
  auto f = ntm::parse_funding(funding, "f.json", ten);
  REQUIRE_LIMIT(f, "max_funding_items", "2");
  CHECK(f.error().where.line == 2);
  REQUIRE_OK(ntm::parse_funding(funding, "f.json"));

  auto p = ntm::load_plan(std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/plan.json");
  REQUIRE_OK(p);
  std::vector<ntm::scenario> two(2);
  two[0].id = "a";
  two[1].id = "b";
  REQUIRE_LIMIT(ntm::run_scenarios(*p, two, {}, ten), "max_scenarios", "1");
}

TEST_CASE("limits: hostile files cost linear time, not more", "[hardening][limits]") {
  // 100 000 unknown fields: each is an error, but only the first 100 are located (locating
  // every one would scan the 2 MB text 100 000 times).
  std::string fields;
  for (int k = 0; k < 100'000; ++k) fields += ",\"tpye" + std::to_string(k) + "\": 1";
  const auto t0 = std::chrono::steady_clock::now();
  auto r = ntm::parse_roadmap("{\"id\": \"r\"" + fields + "}", "r.json");
  REQUIRE_ERROR(r, errc::json_unknown_field);
  CHECK(r.error().details.size() == 100);
  CHECK_THAT(r.error().message, Catch::Contains("(the first 100 listed)"));
  CHECK(seconds_since(t0) < 60);

  // Sources derived from sources, 5 000 deep: the recursion is cut, with a located error.
  // Each source is a share of the next, so computing the first descends the whole chain.
  std::string sources;
  for (int k = 0; k < 4999; ++k)
    sources += R"({"id": "s)" + std::to_string(k) + R"(", "share": {"of": "source.s)" + std::to_string(k + 1) + R"(", "rate": "100%"}}, )";
  sources += R"({"id": "s4999", "amount": "1 tỷ"})";
  auto f = ntm::parse_funding(R"({"format": "ntm.funding", "version": 1, "unit": "x", "period": "năm 2023", "sources": [)" + sources + "]}", "f.json");
  REQUIRE_FALSE(f);
  bool cut = f.error().code == errc::limit_exceeded;
  for (const ntm::error& d : f.error().details) cut = cut || d.code == errc::limit_exceeded;
  CHECK(cut);
}
