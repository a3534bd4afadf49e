// SPDX-License-Identifier: MIT
// Fuzzes the expression language: parser, type checker, emitter and evaluation. The input is
// one expression, placed as a rule, an indicator's condition or a derived parameter's formula
// (chosen by its first byte) in a small set with facts of every type. When it compiles, one
// unit is evaluated three ways (full, into a state, as a batch row) and they must agree.
#include <cstdint>
#include <stdexcept>

#include "fuzz_support.hpp"

namespace {

const char* const set_json = R"({
  "id": "fuzz", "title": "fuzz", "regions": ["north"],
  "facts": [
    {"id": "b", "type": "bool", "label": "b"},
    {"id": "i", "type": "integer", "unit": "hộ", "label": "i"},
    {"id": "n", "type": "number", "unit": "km", "label": "n"},
    {"id": "m", "type": "money", "label": "m"},
    {"id": "p", "type": "percent", "label": "p"},
    {"id": "d", "type": "date", "label": "d"},
    {"id": "t", "type": "text", "label": "t"},
    {"id": "e", "type": "enum", "label": "e", "values": ["a", "b", "c"]},
    {"id": "u", "type": "integer", "label": "u"}
  ],
  "parameters": [
    {"id": "m_min", "type": "money", "label": "m_min", "values": [
      {"to": "2022-12-31", "value": "64 triệu"}, {"from": "2023-01-01", "value": "68 triệu"},
      {"from": "2023-01-01", "region": "north", "value": "70 triệu"}]},
    {"id": "n_min", "type": "number", "unit": "km", "label": "n_min", "values": [{"value": 2.5}]},
    {"id": "derived", "type": "money", "label": "derived", "formula": "m_min * 110%"}
  ],
  "criteria": [{"id": "C1", "number": 1, "name": "c", "indicators": [
    {"id": "C1.1", "name": "x", "condition": "m >= m_min"},
    {"id": "C1.2", "name": "y", "condition": "n >= n_min", "applies_if": "b"}]}],
  "rules": [{"id": "r", "expression": "i > 0"}, {"id": "later", "expression": "r"}]
})";

const ntm::criteria_set& base_set() {
  static const ntm::criteria_set set = [] {
    auto s = ntm::parse_criteria_set(set_json, "fuzz.json");
    NTM_FUZZ_CHECK(static_cast<bool>(s), "the fuzz set loads");
    return *s;
  }();
  return set;
}

const ntm::function_registry& registry() {
  static const ntm::function_registry reg = [] {
    ntm::function_registry r;
    (void)r.add("twice", [](std::int64_t x) -> ntm::result<std::int64_t> {
      if (x > (INT64_MAX / 2) || x < (INT64_MIN / 2)) return ntm::fail(ntm::errc::overflow, "too large");
      return x * 2;
    });
    (void)r.add("throws", [](std::int64_t x) -> std::int64_t {
      if (x > 1) throw std::runtime_error("a callback that throws");
      return x;
    });
    (void)r.add("maybe", [](std::optional<ntm::money> m) -> std::optional<bool> {
      if (!m) return std::nullopt;
      return m->dong() > 0;
    });
    return r;
  }();
  return reg;
}

void set_facts(const ntm::program& prog, ntm::fact_table& f) {
  auto set = [&](const char* id, ntm::value v) { (void)f.set(id, v); };
  set("b", ntm::value::of_bool(true));
  set("i", ntm::value::of_integer(3));
  set("n", ntm::value::of_number(*ntm::parse_decimal("2.75")));
  set("m", ntm::value::of_money(ntm::money::from_dong(59'580'000)));
  set("p", ntm::value::of_percent(*ntm::parse_decimal("95.5")));
  set("d", ntm::value::of_date(*ntm::make_date(2023, 6, 30)));
  set("t", ntm::value::of_text("Thạch Lỗi"));
  set("e", ntm::value::of_enum("b"));
  (void)prog;  // "u" stays unknown
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string expr(ntm_fuzz::text_of(data + 1, size - 1));
  ntm::criteria_set set = base_set();
  switch (data[0] % 4) {
    case 0: set.rules[0].expression = expr; break;
    case 1: set.criteria[0].indicators[0].condition = expr; break;
    case 2: set.parameters[2].formula = expr; break;
    default: set.criteria[0].indicators[1].applies_if = expr; break;
  }
  auto prog = ntm::compile(set, registry());
  if (!prog) return 0;

  ntm::fact_table facts = prog->make_facts();
  set_facts(*prog, facts);
  const ntm::date at = *ntm::make_date(2023, 12, 31);
  ntm::evaluate_options opt;
  opt.at = at;
  opt.region = (data[0] & 4) ? "north" : "";
  auto full = prog->evaluate(facts, opt);
  NTM_FUZZ_CHECK(static_cast<bool>(full), "a compiled program evaluates");

  ntm::evaluation_state state;
  NTM_FUZZ_CHECK(static_cast<bool>(prog->evaluate(state, facts, at, opt.region)), "evaluation into a state");
  ntm::fact_columns cols = prog->make_columns(2);
  NTM_FUZZ_CHECK(static_cast<bool>(cols.set_row(1, facts)), "a row of a batch");
  ntm::batch_options bo;
  bo.at = at;
  bo.region = opt.region;
  ntm::batch_result batch;
  NTM_FUZZ_CHECK(static_cast<bool>(prog->evaluate_batch(cols, bo, batch)), "batch evaluation");
  for (std::uint32_t k = 0; k < prog->rule_count(); ++k) {
    const ntm::rule_index r{k};
    const ntm::rule_outcome* o = full->find(prog->rule(r).id);
    NTM_FUZZ_CHECK(o != nullptr, "every rule has an outcome");
    NTM_FUZZ_CHECK(o->result == state.status_of(r), "full and state evaluation agree");
    NTM_FUZZ_CHECK(o->result == batch.at(1, r), "full and batch evaluation agree");
    (void)full->explain(o->id);
  }
  return 0;
}
