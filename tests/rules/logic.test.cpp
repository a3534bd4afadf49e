// SPDX-License-Identifier: MIT
// Three-valued (Kleene) logic, operators, built-ins and types of the expression language.
#include "rules/support.hpp"

using ntm::status;
using ntm_test::assess;
using ntm_test::compile_text;
using ntm_test::rules_set;

namespace {

const char* bool_facts = R"([{"id": "a", "type": "bool", "label": "a"}, {"id": "b", "type": "bool", "label": "b"}])";

std::string fact_json(const char* name, const char* v) {
  return std::string(v) == "unknown" ? "" : std::string("\"") + name + "\": " + v;
}

std::string facts_of(const char* a, const char* b) {
  std::string out = "{";
  const std::string fa = fact_json("a", a), fb = fact_json("b", b);
  out += fa;
  if (!fa.empty() && !fb.empty()) out += ", ";
  out += fb + "}";
  return out;
}

status expected(const char* s) {
  const std::string v = s;
  return v == "true" ? status::met : v == "false" ? status::not_met : status::unknown;
}

}  // namespace

TEST_CASE("logic: the full three-valued truth tables of and, or, not", "[rules][logic]") {
  const ntm::program prog = compile_text(rules_set(bool_facts, {"a and b", "a or b", "not a", "a && b", "a || b", "!a"}));
  using row = std::tuple<const char*, const char*, const char*, const char*, const char*>;
  // a, b, a and b, a or b, not a — Kleene: false and unknown = false; true or unknown = true.
  auto [a, b, conj, disj, neg] = GENERATE(table<const char*, const char*, const char*, const char*, const char*>({
      row{"true", "true", "true", "true", "false"},
      row{"true", "false", "false", "true", "false"},
      row{"true", "unknown", "unknown", "true", "false"},
      row{"false", "true", "false", "true", "true"},
      row{"false", "false", "false", "false", "true"},
      row{"false", "unknown", "false", "unknown", "true"},
      row{"unknown", "true", "unknown", "true", "unknown"},
      row{"unknown", "false", "false", "unknown", "unknown"},
      row{"unknown", "unknown", "unknown", "unknown", "unknown"},
  }));
  CAPTURE(a, b);
  const ntm::assessment r = assess(prog, facts_of(a, b));
  CHECK(r.find("r0")->result == expected(conj));
  CHECK(r.find("r1")->result == expected(disj));
  CHECK(r.find("r2")->result == expected(neg));
  CHECK(r.find("r3")->result == expected(conj));
  CHECK(r.find("r4")->result == expected(disj));
  CHECK(r.find("r5")->result == expected(neg));
}

TEST_CASE("logic: unknown propagates through comparisons, arithmetic and conditionals", "[rules][logic]") {
  const char* facts = R"([{"id": "x", "type": "integer", "label": "x"}, {"id": "c", "type": "bool", "label": "c"}])";
  const ntm::program prog = compile_text(rules_set(facts, {"x > 3", "x + 1 > 3", "if c then x > 3 else true", "known(x)",
                                                           "coalesce(x, 10) > 3", "if c then 1 else 2"}));
  auto none = assess(prog, "{}");
  CHECK(none.find("r0")->result == status::unknown);
  CHECK(none.find("r1")->result == status::unknown);
  CHECK(none.find("r2")->result == status::unknown);
  CHECK(none.find("r3")->result == status::not_met);  // known(x) is known: false
  CHECK(none.find("r4")->result == status::met);      // an explicit default, written by the author
  CHECK(none.find("r5")->result == status::unknown);
  auto some = assess(prog, R"({"x": 5, "c": false})");
  CHECK(some.find("r0")->result == status::met);
  CHECK(some.find("r2")->result == status::met);
  CHECK(some.find("r5")->computed->as_integer() == 2);
  auto other = assess(prog, R"({"c": true})");
  CHECK(other.find("r2")->result == status::unknown);
  CHECK(other.find("r5")->computed->as_integer() == 1);
}

TEST_CASE("logic: arithmetic on numbers, money and percentages is exact", "[rules][logic]") {
  const char* facts = R"([
    {"id": "n", "type": "number", "unit": "km", "label": "n"},
    {"id": "i", "type": "integer", "unit": "hộ", "label": "i"},
    {"id": "j", "type": "integer", "unit": "hộ", "label": "j"},
    {"id": "m", "type": "money", "label": "m"},
    {"id": "p", "type": "percent", "label": "p"}
  ])";
  const ntm::program prog = compile_text(rules_set(facts, {
      "n * 2",                 // 0: number (km)
      "n / 4",                 // 1
      "i / j",                 // 2: number, exact 2/3 rounded to 6 digits
      "m * 110%",              // 3: money
      "m * 1.5",               // 4
      "m / 3",                 // 5: money, rounded half up
      "share(i, j)",           // 6: percent
      "p * 2",                 // 7: percent
      "m / m",                 // 8: number
      "round(i / j, 2)",       // 9
      "abs(0 - n)",            // 10
      "min(i, j, 5)",          // 11
      "max(m, 100 triệu)",     // 12
      "sum(i, j, 1)",          // 13
      "n + 1.25",              // 14
      "p >= 45%",              // 15
      "m >= 68 triệu",         // 16
      "17.5 tỷ + 500 triệu",   // 17
      "i * p",                 // 18: number (hộ)
      "count(i > 1, j > 1, n > 100)",  // 19
      "at_least(2, i > 1, j > 1, n > 100)",  // 20
      "i in [1, 2, 3]",        // 21
      "i not in [1, 2, 3]",    // 22
  }));
  auto r = assess(prog, R"({"n": 12.5, "i": 2, "j": 3, "m": "59,58 triệu", "p": "47,5%"})");
  auto num = [&](const char* id) { return r.find(id)->computed->as_number().to_string(); };
  CHECK(num("r0") == "25");
  CHECK(r.find("r0")->unit == "km");
  CHECK(num("r1") == "3.125");
  CHECK(num("r2") == "0.666667");
  CHECK(r.find("r3")->computed->as_money().dong() == 65'538'000);
  CHECK(r.find("r4")->computed->as_money().dong() == 89'370'000);
  CHECK(r.find("r5")->computed->as_money().dong() == 19'860'000);
  CHECK(r.find("r6")->computed->as_percent().to_string() == "66.666667");
  CHECK(r.find("r7")->computed->as_percent().to_string() == "95");
  CHECK(num("r8") == "1");
  CHECK(num("r9") == "0.67");
  CHECK(num("r10") == "12.5");
  CHECK(r.find("r11")->computed->as_integer() == 2);
  CHECK(r.find("r12")->computed->as_money().dong() == 100'000'000);
  CHECK(r.find("r13")->computed->as_integer() == 6);
  CHECK(num("r14") == "13.75");
  CHECK(r.find("r15")->result == status::met);
  CHECK(r.find("r16")->result == status::not_met);
  CHECK(r.find("r17")->computed->as_money().dong() == 18'000'000'000);
  CHECK(num("r18") == "0.95");
  CHECK(r.find("r19")->computed->as_integer() == 2);
  CHECK(r.find("r20")->result == status::met);
  CHECK(r.find("r21")->result == status::met);
  CHECK(r.find("r22")->result == status::not_met);
}

TEST_CASE("logic: division by zero and overflow make the rule errored, not the assessment", "[rules][logic]") {
  const char* facts = R"([{"id": "i", "type": "integer", "label": "i"}, {"id": "m", "type": "money", "label": "m"}])";
  const ntm::program prog = compile_text(rules_set(facts, {"10 / i", "m * 1000000000000", "i > 0 and 10 / i > 1", "i > 0 or 1 / i > 1"}));
  auto r = assess(prog, R"({"i": 0, "m": "9 tỷ"})");
  CHECK(r.find("r0")->result == ntm::status::error);
  CHECK(r.find("r0")->message.find("division by zero") != std::string::npos);
  CHECK(r.find("r1")->result == ntm::status::error);
  CHECK(r.find("r1")->message.find("overflow") != std::string::npos);
  CHECK(r.find("r2")->result == ntm::status::not_met);  // a known false decides "and"
  CHECK(r.find("r3")->result == ntm::status::error);
  CHECK(r.find("standard")->result == ntm::status::met);
}

TEST_CASE("logic: an integer constant too large for a number overflows at evaluation, not in the compiler", "[rules][logic]") {
  // Found by fuzzing: 18446446744073708 + 440/9 folded the integer × 10^6 with a wrapped result.
  const char* facts = R"([{"id": "n", "type": "number", "label": "n"}])";
  const ntm::program prog = compile_text(rules_set(facts, {"18446446744073708 + 440/9", "n > 18446446744073708", "n + 18446446744073708", "n > 9223372036854"}));
  auto r = assess(prog, R"({"n": 1.5})");
  for (const char* id : {"r0", "r1", "r2"}) {
    INFO(id);
    CHECK(r.find(id)->result == ntm::status::error);
    CHECK(r.find(id)->message.find("overflow") != std::string::npos);
  }
  CHECK(r.find("r3")->result == ntm::status::not_met);  // the largest integer a number holds still compares
}

TEST_CASE("logic: dates, text and enumerations", "[rules][logic]") {
  const char* facts = R"([
    {"id": "d", "type": "date", "label": "d"},
    {"id": "t", "type": "text", "label": "t"},
    {"id": "e", "type": "enum", "label": "e", "values": ["dat", "chua_dat", "khong_ap_dung"]}
  ])";
  const ntm::program prog = compile_text(rules_set(facts, {
      "d <= date(\"2023-06-30\")", "add_days(d, 10)", "add_months(d, 1)", "days_between(d, today)", "year(d)", "month(d)",
      "t == \"OCOP 3 sao\"", "e == \"dat\"", "e in [\"dat\", \"khong_ap_dung\"]", "t in [\"a\", \"OCOP 3 sao\"]"}));
  auto r = assess(prog, R"({"d": "2023-01-31", "t": "OCOP 3 sao", "e": "khong_ap_dung"})");
  CHECK(r.find("r0")->result == status::met);
  CHECK(ntm::format_date(r.find("r1")->computed->as_date()) == "2023-02-10");
  CHECK(ntm::format_date(r.find("r2")->computed->as_date()) == "2023-02-28");
  CHECK(r.find("r3")->computed->as_integer() == 334);
  CHECK(r.find("r4")->computed->as_integer() == 2023);
  CHECK(r.find("r5")->computed->as_integer() == 1);
  CHECK(r.find("r6")->result == status::met);
  CHECK(r.find("r7")->result == status::not_met);
  CHECK(r.find("r8")->result == status::met);
  CHECK(r.find("r9")->result == status::met);
}

TEST_CASE("logic: criteria combinators, at_least, any and not applicable indicators", "[rules][logic]") {
  const std::string set = R"json({
    "id": "c", "title": "c",
    "facts": [{"id": "a", "type": "bool", "label": "a"}, {"id": "b", "type": "bool", "label": "b"},
              {"id": "c", "type": "bool", "label": "c"}, {"id": "has_market", "type": "bool", "label": "có chợ"}],
    "criteria": [
      {"id": "ALL", "number": 1, "name": "all", "indicators": [
        {"id": "ALL.1", "name": "a", "condition": "a"},
        {"id": "ALL.2", "name": "market", "condition": "b", "applies_if": "has_market"}]},
      {"id": "ANY", "number": 2, "name": "any", "combine": "any", "indicators": [
        {"id": "ANY.1", "name": "a", "condition": "a"}, {"id": "ANY.2", "name": "b", "condition": "b"}]},
      {"id": "TWO", "number": 3, "name": "two", "combine": {"at_least": 2}, "indicators": [
        {"id": "TWO.1", "name": "a", "condition": "a"}, {"id": "TWO.2", "name": "b", "condition": "b"},
        {"id": "TWO.3", "name": "c", "condition": "c"}]},
      {"id": "EXPR", "number": 4, "name": "expr", "combine": {"expression": "EXPR.1 and (EXPR.2 or applicable(ALL.2))"}, "indicators": [
        {"id": "EXPR.1", "name": "a", "condition": "a"}, {"id": "EXPR.2", "name": "c", "condition": "c"}]}
    ]
  })json";
  const ntm::program prog = compile_text(set);
  auto r = assess(prog, R"({"a": true, "b": false, "has_market": false})");
  CHECK(r.find("ALL.2")->result == status::not_applicable);
  CHECK(r.find("ALL")->result == status::met);
  CHECK(r.find("ALL")->not_applicable == 1);
  CHECK(r.find("ANY")->result == status::met);
  CHECK(r.find("TWO")->result == status::unknown);  // a, not b, c unknown: 1 or 2
  CHECK(r.find("EXPR")->result == status::unknown);  // c unknown, ALL.2 not applicable
  CHECK(r.standard().result == status::unknown);
  CHECK(r.standard().met == 2);
  auto r2 = assess(prog, R"({"a": true, "b": false, "c": true, "has_market": true})");
  CHECK(r2.find("ALL.2")->result == status::not_met);
  CHECK(r2.find("ALL")->result == status::not_met);
  CHECK(r2.find("TWO")->result == status::met);
  CHECK(r2.find("EXPR")->result == status::met);
  CHECK(r2.explain("standard") == "Chưa đạt: Đạt 3/4 tiêu chí; chưa đạt: ALL");
  CHECK(r2.explain("standard", ntm::lang::en) == "Not met: 3 of 4 criteria met; not met: ALL");
  auto r3 = assess(prog, R"({"a": false, "b": false, "c": false})");
  CHECK(r3.find("TWO")->result == status::not_met);
  CHECK(r3.find("ALL")->result == status::not_met);  // a false decides, even with has_market unknown
}
