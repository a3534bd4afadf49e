// SPDX-License-Identifier: MIT
// Every class of error a criteria-set author can make, with its code and location.
#include "rules/support.hpp"

using ntm::errc;
using ntm_test::compile_error;
using ntm_test::rules_set;

namespace {

const char* facts = R"([
  {"id": "income", "type": "money", "label": "thu nhập"},
  {"id": "share_bhyt", "type": "percent", "label": "BHYT"},
  {"id": "road_km", "type": "number", "unit": "km", "label": "đường"},
  {"id": "households", "type": "integer", "unit": "hộ", "label": "hộ"},
  {"id": "ok", "type": "bool", "label": "ok"},
  {"id": "kind", "type": "enum", "label": "loại", "values": ["a", "b"]}
])";

// The error of a set with a single rule; rules_set writes it on line 8 of the JSON text.
ntm::error rule_error(const std::string& expr) { return compile_error(rules_set(facts, {expr})); }

}  // namespace

TEST_CASE("errors: expression syntax errors give the line and column in the file", "[rules][errors]") {
  using row = std::tuple<const char*, std::uint32_t>;
  auto [expr, offset] = GENERATE(table<const char*, std::uint32_t>({
      row{"income >= ", 11},          // value missing at the end
      row{"(ok and ok", 1},           // unclosed parenthesis
      row{"ok and and ok", 8},
      row{"income >= 68 đô", 14},     // unknown unit
      row{"1 < income < 2", 12},      // chained comparison
      row{"ok ? 1 : 2", 4},
      row{"\"unterminated", 1},
      row{"if ok then 1", 13},        // else missing
      row{"17,5 tỷ", 3},
  }));
  CAPTURE(expr);
  const ntm::error e = rule_error(expr);
  CHECK(e.code == errc::expression_syntax);
  CHECK(e.where.file == "test-set.json");
  CHECK(e.where.pointer == "/rules/0/expression");
  // The column points into the expression: the string starts after its opening quote.
  const std::string text = rules_set(facts, {expr});
  const std::size_t quote = text.find("\"expression\": \"") + 14;
  const std::size_t line_start = text.rfind('\n', quote) + 1;
  CHECK(e.where.line == std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(quote), '\n') + 1);
  CHECK(e.where.column == ntm::utf8_column(std::string_view(text).substr(line_start), quote - line_start) + offset);
}

TEST_CASE("errors: types and units are checked at compile time", "[rules][errors]") {
  using row = std::pair<const char*, errc>;
  auto [expr, code] = GENERATE(table<const char*, errc>({
      row{"share_bhyt >= income", errc::expression_type},       // a percentage compared with money
      row{"share_bhyt >= 95", errc::expression_type},           // 95 what? write 95%
      row{"income >= 68", errc::expression_type},               // 68 what? write 68 triệu
      row{"road_km > households", errc::expression_unit},       // km vs hộ
      row{"road_km + households", errc::expression_unit},
      row{"ok + 1", errc::expression_type},
      row{"not income", errc::expression_type},
      row{"ok and income", errc::expression_type},
      row{"kind == \"c\"", errc::expression_type},             // not a declared value
      row{"income * income", errc::expression_type},
      row{"households / income", errc::expression_type},
      row{"date(\"2023-02-30\") > today", errc::date_invalid},
      row{"add_days(today, 1.5)", errc::expression_type},
      row{"today - today", errc::expression_type},
      row{"income in [1, 2]", errc::expression_type},
      row{"round(income, 2)", errc::expression_type},
      row{"if ok then income else share_bhyt", errc::expression_type},
      row{"incme >= 1 tỷ", errc::unknown_identifier},
      row{"maxx(1, 2)", errc::unknown_function},
      row{"min(1)", errc::wrong_arity},
      row{"abs(1, 2)", errc::wrong_arity},
  }));
  CAPTURE(expr);
  const ntm::error e = rule_error(expr);
  CHECK(e.code == code);
  CHECK(e.where.line == 8);
  CHECK(e.where.column > 0);
}

TEST_CASE("errors: an unknown name suggests the closest one", "[rules][errors]") {
  CHECK(rule_error("incme >= 1 tỷ").message.find("did you mean \"income\"?") != std::string::npos);
  CHECK(rule_error("maxx(1, 2)").message.find("did you mean max()?") != std::string::npos);
}

TEST_CASE("errors: the checker reports every error, not only the first", "[rules][errors]") {
  const ntm::error e = compile_error(rules_set(facts, {"incme > 1 tỷ", "share_bhyt > income", "ok and", "road_km > households"}));
  REQUIRE(e.details.size() == 4);
  CHECK(e.message.find("4 errors") == 0);
  std::vector<errc> codes;
  for (const auto& d : e.details) codes.push_back(d.code);
  CHECK(std::count(codes.begin(), codes.end(), errc::expression_syntax) == 1);
  CHECK(std::count(codes.begin(), codes.end(), errc::unknown_identifier) == 1);
  CHECK(std::count(codes.begin(), codes.end(), errc::expression_type) == 1);
  CHECK(std::count(codes.begin(), codes.end(), errc::expression_unit) == 1);
}

TEST_CASE("errors: a dependency cycle names every rule in it", "[rules][errors]") {
  const ntm::error e = compile_error(rules_set("[]", {"r1 and true", "r2 or false", "not r0"}));
  CHECK(e.code == errc::dependency_cycle);
  CHECK(e.message.find("r0 → r1 → r2 → r0") != std::string::npos);
  CHECK(e.where.pointer == "/rules/0");
  const ntm::error empty = compile_error(rules_set("[]", {""}));
  CHECK(empty.code == errc::json_missing_field);
  const ntm::error self = compile_error(rules_set("[]", {"r0"}));
  CHECK(self.code == errc::dependency_cycle);
  CHECK(self.message.find("r0 refers to itself") != std::string::npos);
}

TEST_CASE("errors: parameter overlaps and gaps name the parameter and the dates", "[rules][errors]") {
  auto params = [](const char* values) {
    return std::string(R"([{"id": "income_min", "type": "money", "label": "x", "values": )") + values + "}]";
  };
  const ntm::error overlap = compile_error(rules_set(facts, {"income >= income_min"},
      params(R"([{"from": "2022-01-01", "to": "2023-03-31", "value": "64 triệu"}, {"from": "2023-01-01", "value": "68 triệu"}])")));
  CHECK(overlap.code == errc::parameter_overlap);
  CHECK(overlap.message.find("income_min") != std::string::npos);
  CHECK(overlap.message.find("2023-01-01") != std::string::npos);
  CHECK(overlap.message.find("2022-01-01..2023-03-31") != std::string::npos);
  CHECK(overlap.where.pointer == "/parameters/0/values/1");
  const ntm::error open = compile_error(rules_set(facts, {"income >= income_min"},
      params(R"([{"from": "2022-01-01", "value": "64 triệu"}, {"from": "2023-01-01", "value": "68 triệu"}])")));
  CHECK(open.code == errc::parameter_overlap);
  const ntm::error gap = compile_error(rules_set(facts, {"income >= income_min"},
      params(R"([{"from": "2022-01-01", "to": "2022-06-30", "value": "64 triệu"}, {"from": "2023-01-01", "value": "68 triệu"}])")));
  CHECK(gap.code == errc::parameter_gap);
  CHECK(gap.message.find("no value from 2022-07-01 to 2022-12-31") != std::string::npos);
  const ntm::error backwards = compile_error(rules_set(facts, {"income >= income_min"},
      params(R"([{"from": "2023-01-01", "to": "2022-01-01", "value": "64 triệu"}])")));
  CHECK(backwards.code == errc::parameter_overlap);
  const ntm::error region = compile_error(rules_set(facts, {"income >= income_min"},
      params(R"([{"region": "dbsh", "value": "64 triệu"}])")));
  CHECK(region.code == errc::unknown_region);
  const ntm::error cyclic = compile_error(rules_set(facts, {"true"},
      R"([{"id": "p1", "type": "money", "label": "p", "formula": "p2 * 2"}, {"id": "p2", "type": "money", "label": "p", "formula": "p1 / 2"}])"));
  CHECK(cyclic.code == errc::dependency_cycle);
  const ntm::error uses_fact = compile_error(rules_set(facts, {"true"},
      R"([{"id": "p1", "type": "money", "label": "p", "formula": "income * 2"}])"));
  CHECK(uses_fact.code == errc::unknown_identifier);
}

TEST_CASE("errors: load errors name the file, line, column and pointer", "[rules][errors]") {
  const std::string text = "{\n  \"id\": \"x\",\n  \"title\": \"x\",\n  \"facts\": [\n    {\"id\": \"a\", \"tpye\": \"bool\", \"label\": \"a\"}\n  ]\n}\n";
  auto set = ntm::parse_criteria_set(text, "set.json");
  REQUIRE_FALSE(set);
  const ntm::error& e = set.error();
  // Two problems, in reading order: the missing "type" (at the object) and the unknown
  // field "tpye" (did you mean "type"?).
  REQUIRE(e.details.size() == 2);
  CHECK(e.details[0].code == errc::json_missing_field);
  CHECK(e.details[0].where.line == 5);
  CHECK(e.details[0].where.column == 5);
  CHECK(e.details[1].code == errc::json_unknown_field);
  CHECK(e.details[1].message.find("did you mean \"type\"?") != std::string::npos);
  CHECK(e.details[1].where.file == "set.json");
  CHECK(e.details[1].where.line == 5);
  CHECK(e.details[1].where.column == 25);
  CHECK(e.details[1].where.pointer == "/facts/0/tpye");

  auto truncated = ntm::parse_criteria_set("{\"id\": \"x\", \"facts\": [", "t.json");
  REQUIRE_ERROR(truncated, errc::json_syntax);
  CHECK(truncated.error().where.line == 1);
  auto dup = ntm::parse_criteria_set("{\"id\": \"x\",\n \"id\": \"y\"}", "d.json");
  REQUIRE_ERROR(dup, errc::json_duplicate_key);
  CHECK(dup.error().where.line == 2);
  auto bad_utf8 = ntm::parse_criteria_set("{\"id\": \"\xC3\x28\"}", "u.json");
  REQUIRE_ERROR(bad_utf8, errc::invalid_utf8);
  auto ambiguous = ntm::parse_criteria_set(R"({"id": "x", "title": "x", "parameters": [{"id": "p", "type": "money", "label": "p", "values": [{"value": "1.000"}]}]})", "m.json");
  REQUIRE_ERROR(ambiguous, errc::money_ambiguous);
  CHECK(ambiguous.error().where.pointer == "/parameters/0/values/0/value");
  auto version = ntm::parse_criteria_set(R"({"format": "ntm.criteria-set/9", "id": "x", "title": "x"})", "v.json");
  REQUIRE_ERROR(version, errc::format_version);
  std::string deep(200, '[');
  auto nested = ntm::parse_criteria_set(deep, "n.json");
  REQUIRE_ERROR(nested, errc::limit_exceeded);
}

TEST_CASE("errors: declarations are checked (duplicates, ids, evaluators)", "[rules][errors]") {
  const ntm::error dup = compile_error(R"({"id": "x", "title": "x",
    "facts": [{"id": "a", "type": "bool", "label": "a"}],
    "parameters": [{"id": "a", "type": "money", "label": "a", "values": [{"value": "1 tỷ"}]}]})");
  CHECK(dup.code == errc::duplicate_id);
  const ntm::error bad_id = compile_error(R"({"id": "x", "title": "x", "facts": [{"id": "9lives", "type": "bool", "label": "a"}]})");
  CHECK(bad_id.code == errc::invalid_value);
  const ntm::error evaluator = compile_error(R"({"id": "x", "title": "x", "facts": [{"id": "a", "type": "bool", "label": "a"}],
    "criteria": [{"id": "C", "number": 1, "name": "c", "indicators": [{"id": "C.1", "name": "x", "evaluator": "nope", "reads": ["b"]}]}]})");
  REQUIRE(evaluator.details.size() == 2);
  CHECK(evaluator.details[0].code == errc::unknown_function);
  CHECK(evaluator.details[1].code == errc::unknown_fact);
  const ntm::error both = compile_error(R"({"id": "x", "title": "x",
    "criteria": [{"id": "C", "number": 1, "name": "c", "indicators": [{"id": "C.1", "name": "x"}]}]})");
  CHECK(both.code == errc::json_missing_field);
  const ntm::error not_bool = compile_error(R"({"id": "x", "title": "x", "facts": [{"id": "a", "type": "integer", "label": "a"}],
    "criteria": [{"id": "C", "number": 1, "name": "c", "indicators": [{"id": "C.1", "name": "x", "condition": "a + 1"}]}]})");
  CHECK(not_bool.code == errc::expression_type);
  ntm::compile_options tight;
  tight.max_expression_depth = 8;
  auto set = ntm::parse_criteria_set(rules_set(facts, {"((((((((((ok))))))))))"}), "deep.json");
  REQUIRE_OK(set);
  REQUIRE_ERROR(ntm::compile(*set, {}, tight), errc::limit_exceeded);
  tight = {};
  tight.max_expression_length = 10;
  REQUIRE_ERROR(ntm::compile(*set, {}, tight), errc::limit_exceeded);
}

TEST_CASE("errors: a hostile expression cannot exhaust the stack", "[rules][errors]") {
  std::string deep;
  for (int k = 0; k < 100000; ++k) deep += "(";
  deep += "ok";
  for (int k = 0; k < 100000; ++k) deep += ")";
  auto set = ntm::parse_criteria_set(rules_set(facts, {deep}), "deep.json", [] {
    ntm::load_options o;
    return o;
  }());
  REQUIRE_OK(set);
  const auto prog = ntm::compile(*set);
  REQUIRE_ERROR(prog, errc::limit_exceeded);
  std::string nots;
  for (int k = 0; k < 100000; ++k) nots += "not ";
  auto set2 = ntm::parse_criteria_set(rules_set(facts, {nots + "ok"}), "nots.json");
  REQUIRE_OK(set2);
  REQUIRE_ERROR(ntm::compile(*set2), errc::limit_exceeded);
}
