// SPDX-License-Identifier: MIT
// Fact changes of scenarios, resolved once and applied to units.
#include "scenario/fact_changes.hpp"

#include "rules/compiler.hpp"

NTM_BEGIN_NAMESPACE
namespace scenario_internal {

error scenario_error(const scenario& s, const std::string& pointer, errc code, std::string message) {
  return make_error(code, std::move(message), s.locate(pointer)).add_context("while applying scenario " + s.id);
}

result<std::vector<resolved_change>> resolve(const program& prog, const scenario& s) {
  std::vector<resolved_change> out;
  if (s.base) {
    NTM_TRY(base, resolve(prog, *s.base));
    out = std::move(base);
  }
  for (const fact_change& c : s.facts) {
    auto slot = prog.find_fact(c.fact);
    if (!slot) return fail(scenario_error(s, c.pointer + "/fact", slot.error().code, slot.error().message));
    const value_type type = prog.fact(*slot).type;
    resolved_change r;
    r.slot = *slot;
    r.op = c.op;
    r.fact = c.fact;
    const bool numeric = type == value_type::integer || type == value_type::number || type == value_type::money || type == value_type::percent;
    if (c.op != fact_change_op::set && !numeric)
      return fail(scenario_error(s, c.pointer, errc::fact_type,
                                 "fact " + c.fact + " is " + to_string(type) + "; only numbers, amounts and percentages scale, grow or add"));
    if (c.op == fact_change_op::set || c.op == fact_change_op::add) {
      auto v = parse_value(type, c.value);
      if (!v) return fail(scenario_error(s, c.pointer + "/value", v.error().code, "fact " + c.fact + ": " + v.error().message));
      r.set_value = *v;
    } else if (c.op == fact_change_op::scale) {
      r.rate = c.rate;
    } else {
      r.rate = fraction{c.rate.denominator + c.rate.numerator, c.rate.denominator};
      r.times = c.years;
    }
    out.push_back(std::move(r));
  }
  return out;
}

result<std::int64_t> changed_raw(const resolved_change& c, std::int64_t raw) {
  if (c.op == fact_change_op::add) {
    std::int64_t total = 0;
    if (!checked_add(raw, c.set_value.raw(), total)) return fail(errc::overflow, "adding to fact " + c.fact + " overflows");
    return total;
  }
  const int times = c.op == fact_change_op::growth ? c.times : 1;
  for (int k = 0; k < times; ++k) {
    std::int64_t next = 0;
    if (!div_round(static_cast<detail::int128>(raw) * c.rate.numerator, c.rate.denominator, rounding::half_up, next))
      return fail(errc::overflow, "scaling fact " + c.fact + " overflows");
    raw = next;
  }
  return raw;
}

}  // namespace scenario_internal
NTM_END_NAMESPACE
