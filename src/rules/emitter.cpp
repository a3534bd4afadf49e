// SPDX-License-Identifier: MIT
// The emitter: turns checked expressions into instructions over registers. Integers are
// converted to millionths where they meet numbers; comparisons with constants become
// compare-with-immediate instructions; chains of "and"/"or" become one n-ary instruction.
#include <algorithm>

#include "rules/compiler.hpp"

NTM_BEGIN_NAMESPACE
namespace rules_internal {

namespace {
constexpr std::int64_t scale = 1'000'000;

bool scaled(value_type t) { return t == value_type::number || t == value_type::percent; }

opcode compare_op(op_kind k, bool immediate) {
  switch (k) {
    case op_kind::lt: return immediate ? opcode::lt_i : opcode::lt;
    case op_kind::le: return immediate ? opcode::le_i : opcode::le;
    case op_kind::gt: return immediate ? opcode::gt_i : opcode::gt;
    case op_kind::ge: return immediate ? opcode::ge_i : opcode::ge;
    case op_kind::eq: return immediate ? opcode::eq_i : opcode::eq;
    default: return immediate ? opcode::ne_i : opcode::ne;
  }
}

// The common representation of two operands combined by +, -, comparisons, min/max…
value_type common(value_type a, value_type b) {
  if (a == b) return a;
  if ((a == value_type::integer && b == value_type::number) || (a == value_type::number && b == value_type::integer))
    return value_type::number;
  return a;
}

void flatten(const node& n, op_kind op, std::vector<const node*>& out) {
  if (n.kind == node_kind::binary && n.op == op) {
    flatten(n.args[0], op, out);
    flatten(n.args[1], op, out);
  } else {
    out.push_back(&n);
  }
}
}  // namespace

std::uint32_t emitter::temp() { return p_.register_count++; }

std::uint32_t emitter::constant(std::int64_t raw) {
  for (const auto& [reg, value] : p_.constant_registers)
    if (value == raw) return reg;
  const std::uint32_t reg = temp();
  p_.constant_registers.emplace_back(reg, raw);
  return reg;
}

void emitter::move(std::uint32_t dst, std::uint32_t src) { p_.tape.push_back(instr{opcode::mov, 0, dst, src, 0, 0}); }

void emitter::emit_into(std::uint32_t dst, const node& n, const std::string& expression) {
  const std::uint32_t v = emit(n, expression);
  const bool is_constant = std::any_of(p_.constant_registers.begin(), p_.constant_registers.end(),
                                       [v](const auto& c) { return c.first == v; });
  // The value was just computed into a fresh temporary by the last instruction: write it
  // into `dst` directly instead.
  if (v >= p_.temp_base && !is_constant && !p_.tape.empty() && p_.tape.back().dst == v) {
    p_.tape.back().dst = dst;
    return;
  }
  move(dst, v);
}

std::uint32_t emitter::pool_list(const std::vector<std::uint32_t>& regs) {
  const auto at = static_cast<std::uint32_t>(p_.pool.size());
  p_.pool.insert(p_.pool.end(), regs.begin(), regs.end());
  return at;
}

void emitter::combine(opcode op, std::uint32_t dst, const std::vector<std::uint32_t>& children, std::int64_t imm) {
  p_.tape.push_back(instr{op, static_cast<std::uint32_t>(children.size()), dst, 0, pool_list(children), imm});
}

void emitter::apply_na(std::uint32_t dst, std::uint32_t condition, std::uint32_t value) {
  p_.tape.push_back(instr{opcode::apply_na, 0, dst, condition, value, 0});
}

void emitter::evaluate(std::uint32_t dst, std::uint32_t evaluator, std::uint32_t rule) {
  p_.tape.push_back(instr{opcode::evaluate, evaluator, dst, 0, 0, static_cast<std::int64_t>(rule)});
}

std::uint32_t emitter::convert(std::uint32_t reg, value_type from, value_type to) {
  if (from == value_type::integer && scaled(to)) {
    const std::uint32_t out = temp();
    p_.tape.push_back(instr{opcode::to_scaled, 0, out, reg, 0, 0});
    return out;
  }
  return reg;
}

bool emitter::fold_as(const node& n, value_type as, std::int64_t& raw) const {
  if (!fold(n, raw)) return false;
  return !(n.type == value_type::integer && scaled(as)) || !__builtin_mul_overflow(raw, scale, &raw);
}

bool emitter::fold(const node& n, std::int64_t& raw) const {
  switch (n.kind) {
    case node_kind::integer_literal:
    case node_kind::number_literal:
    case node_kind::money_literal:
    case node_kind::percent_literal:
    case node_kind::bool_literal:
      raw = n.raw;
      return true;
    case node_kind::call:
      if (n.constant) {  // date("…"), count_criteria()
        raw = n.raw;
        return true;
      }
      return false;
    case node_kind::unary:
      if (n.op == op_kind::neg && fold(n.args[0], raw) && raw != INT64_MIN) {
        raw = -raw;
        return true;
      }
      return false;
    default:
      return false;
  }
}

std::uint32_t emitter::emit_operand(const node& n, const std::string& expr, value_type as) {
  std::int64_t raw;
  if (n.kind != node_kind::bool_literal && fold_as(n, as, raw)) return constant(raw);
  return convert(emit(n, expr), n.type, as);
}

std::uint32_t emitter::emit(const node& n, const std::string& expr) {
  switch (n.kind) {
    case node_kind::integer_literal:
    case node_kind::number_literal:
    case node_kind::money_literal:
    case node_kind::percent_literal:
    case node_kind::bool_literal:
      return constant(n.raw);
    case node_kind::text_literal: {
      auto it = std::find(p_.text_literals.begin(), p_.text_literals.end(), n.text);
      std::size_t index = static_cast<std::size_t>(it - p_.text_literals.begin());
      if (it == p_.text_literals.end()) p_.text_literals.push_back(n.text);
      return constant(text_literal_base + static_cast<std::int64_t>(index));
    }
    case node_kind::name:
      switch (n.ref) {
        case ref_kind::fact: return p_.fact_base + n.ref_index;
        case ref_kind::parameter: return p_.param_base + n.ref_index;
        case ref_kind::builtin_value: return p_.date_register;
        case ref_kind::rule: {
          const std::uint32_t src = rule_registers_[n.ref_index];
          if (n.type != value_type::boolean) return src;
          const std::uint32_t out = temp();
          p_.tape.push_back(instr{opcode::load_rule, 0, out, src, 0, 0});
          return out;
        }
        case ref_kind::none: break;
      }
      return constant(0);
    case node_kind::unary: {
      const std::uint32_t a = emit(n.args[0], expr);
      const std::uint32_t out = temp();
      p_.tape.push_back(instr{n.op == op_kind::not_ ? opcode::not_ : opcode::neg, 0, out, a, 0, 0});
      return out;
    }
    case node_kind::conditional: {
      const value_type t = common(n.args[1].type, n.args[2].type);
      const std::uint32_t c = emit(n.args[0], expr);
      const std::uint32_t a = emit_operand(n.args[1], expr, t);
      const std::uint32_t b = emit_operand(n.args[2], expr, t);
      const std::uint32_t out = temp();
      p_.tape.push_back(instr{opcode::select, 0, out, c, pool_list({a, b}), 0});
      return out;
    }
    case node_kind::binary:
      return emit_binary(n, expr);
    case node_kind::call:
      return emit_call(n, expr);
    case node_kind::list:
      break;
  }
  return constant(0);
}

std::uint32_t emitter::emit_binary(const node& n, const std::string& expr) {
  const node& a = n.args[0];
  const node& b = n.args[1];
  switch (n.op) {
    case op_kind::and_:
    case op_kind::or_: {
      std::vector<const node*> parts;
      flatten(n, n.op, parts);
      std::vector<std::uint32_t> regs;
      for (const node* part : parts) regs.push_back(emit(*part, expr));
      const std::uint32_t out = temp();
      combine(n.op == op_kind::and_ ? opcode::and_n : opcode::or_n, out, regs);
      return out;
    }
    case op_kind::eq:
    case op_kind::ne:
    case op_kind::lt:
    case op_kind::le:
    case op_kind::gt:
    case op_kind::ge: {
      const value_type t = common(a.type, b.type);
      const std::uint32_t out = temp();
      if (t == value_type::text) {
        const std::uint32_t ra = emit(a, expr), rb = emit(b, expr);
        p_.tape.push_back(instr{n.op == op_kind::eq ? opcode::eq_text : opcode::ne_text, 0, out, ra, rb, 0});
        return out;
      }
      std::int64_t raw;
      if (fold_as(b, t, raw)) {  // compare with an immediate
        const std::uint32_t ra = convert(emit(a, expr), a.type, t);
        p_.tape.push_back(instr{compare_op(n.op, true), 0, out, ra, 0, raw});
        compares_[&n] = {ra, 0, false, raw};
        return out;
      }
      const std::uint32_t ra = emit_operand(a, expr, t);
      const std::uint32_t rb = convert(emit(b, expr), b.type, t);
      p_.tape.push_back(instr{compare_op(n.op, false), 0, out, ra, rb, 0});
      compares_[&n] = {ra, rb, true, 0};
      return out;
    }
    case op_kind::in:
    case op_kind::not_in: {
      value_type t = a.type;
      for (const node& item : b.args) t = common(t, item.type);
      const std::uint32_t ra = convert(emit(a, expr), a.type, t);
      std::vector<std::uint32_t> items;
      for (const node& item : b.args) items.push_back(emit_operand(item, expr, t));
      const std::uint32_t out = temp();
      const bool text = t == value_type::text;
      const opcode op = n.op == op_kind::in ? (text ? opcode::in_text : opcode::in_set) : (text ? opcode::not_in_text : opcode::not_in_set);
      p_.tape.push_back(instr{op, static_cast<std::uint32_t>(items.size()), out, ra, pool_list(items), 0});
      return out;
    }
    case op_kind::add:
    case op_kind::sub: {
      const value_type t = common(a.type, b.type);
      const std::uint32_t ra = emit_operand(a, expr, t), rb = emit_operand(b, expr, t);
      const std::uint32_t out = temp();
      p_.tape.push_back(instr{n.op == op_kind::add ? opcode::add : opcode::sub, 0, out, ra, rb, 0});
      return out;
    }
    case op_kind::mul:
    case op_kind::div: {
      // Representations: integer and money are plain; number and percent are millionths.
      using vt = value_type;
      const vt ta = a.type, tb = b.type;
      std::uint32_t ra = emit_operand(a, expr, ta), rb = emit_operand(b, expr, tb);
      opcode op;
      if (n.op == op_kind::mul) {
        const bool pa = ta == vt::percent, pb = tb == vt::percent;
        if (pa || pb) {
          // x × p% = x × p / 100; an integer x becomes a number first unless the result is
          // a percentage (3 × 5% = 15%).
          if (n.type == vt::number) {
            if (ta == vt::integer) ra = convert(ra, ta, vt::number);
            if (tb == vt::integer) rb = convert(rb, tb, vt::number);
          }
          op = (pa && pb) || n.type == vt::number || n.type == vt::money ? opcode::mul_pct : opcode::mul_plain;
          if (n.type == vt::percent && !(pa && pb)) op = opcode::mul_plain;  // integer × percent
        } else if (scaled(ta) && scaled(tb)) {
          op = opcode::mul_scaled;
        } else if ((ta == vt::money && scaled(tb)) || (tb == vt::money && scaled(ta))) {
          op = opcode::mul_scaled;
        } else {
          op = opcode::mul_plain;  // integer × integer, number × integer, money × integer
        }
      } else {
        if (n.type == vt::number && ta == vt::integer && tb == vt::integer) op = opcode::div_scaled;
        else if (ta == vt::integer && scaled(tb)) {
          ra = convert(ra, ta, vt::number);
          op = opcode::div_scaled;
        } else if (tb == vt::integer) op = opcode::div_plain;  // x / integer keeps x's representation
        else op = opcode::div_scaled;                          // x / (number, percent, money)
      }
      const std::uint32_t out = temp();
      p_.tape.push_back(instr{op, 0, out, ra, rb, 0});
      return out;
    }
    default:
      return constant(0);
  }
}

std::uint32_t emitter::emit_call(const node& n, const std::string& expr) {
  const std::string& f = n.text;
  std::int64_t raw;
  if (fold(n, raw)) return constant(raw);
  if (is_criteria_builtin(f)) {
    std::vector<std::uint32_t> regs;
    for (std::uint32_t c : set_criteria_[n.ref_index])
      if (f != "key_criteria_met" || rule_is_key_[c]) regs.push_back(rule_registers_[c]);
    const std::uint32_t out = temp();
    if (f == "all_criteria" || f == "key_criteria_met") combine(opcode::all_status, out, regs);
    else combine(opcode::count_status, out, regs, f == "count_criteria_met" ? 1 : 0);
    if (f == "all_criteria" || f == "key_criteria_met") {
      // Used inside an expression: not applicable (no criteria) reads as met.
      const std::uint32_t loaded = temp();
      p_.tape.push_back(instr{opcode::load_rule, 0, loaded, out, 0, 0});
      return loaded;
    }
    return out;
  }
  if (f == "applicable") {
    const std::uint32_t out = temp();
    p_.tape.push_back(instr{opcode::applicable, 0, out, rule_registers_[n.args[0].ref_index], 0, 0});
    return out;
  }
  auto fold_binary = [&](opcode op) {
    const value_type t = n.type;
    std::uint32_t acc = emit_operand(n.args[0], expr, t);
    for (std::size_t k = 1; k < n.args.size(); ++k) {
      const std::uint32_t next = emit_operand(n.args[k], expr, t);
      const std::uint32_t out = temp();
      p_.tape.push_back(instr{op, 0, out, acc, next, 0});
      acc = out;
    }
    return acc;
  };
  if (f == "min") return fold_binary(opcode::min);
  if (f == "max") return fold_binary(opcode::max);
  if (f == "sum") return fold_binary(opcode::add);
  if (f == "coalesce") return fold_binary(opcode::coalesce);
  auto unary = [&](opcode op, std::int64_t imm = 0) {
    const std::uint32_t a = emit(n.args[0], expr);
    const std::uint32_t out = temp();
    p_.tape.push_back(instr{op, 0, out, a, 0, imm});
    return out;
  };
  if (f == "abs") return unary(opcode::abs);
  if (f == "known") return unary(opcode::known);
  if (f == "year") return unary(opcode::year_of);
  if (f == "month") return unary(opcode::month_of);
  if (f == "round") {
    if (n.args[0].type == value_type::integer) return emit(n.args[0], expr);
    return unary(opcode::round_scaled, n.args.size() == 2 ? n.args[1].raw : 0);
  }
  auto list = [&](std::size_t from) {
    std::vector<std::uint32_t> regs;
    for (std::size_t k = from; k < n.args.size(); ++k) regs.push_back(emit(n.args[k], expr));
    return regs;
  };
  if (f == "count" || f == "all" || f == "any") {
    const std::uint32_t out = temp();
    combine(f == "count" ? opcode::count_true : f == "all" ? opcode::and_n : opcode::or_n, out, list(0));
    return out;
  }
  if (f == "at_least") {
    const std::uint32_t out = temp();
    combine(opcode::at_least, out, list(1), n.args[0].raw);
    return out;
  }
  auto binary = [&](opcode op, value_type as) {
    const std::uint32_t a = emit_operand(n.args[0], expr, as);
    const std::uint32_t b = emit_operand(n.args[1], expr, as);
    const std::uint32_t out = temp();
    p_.tape.push_back(instr{op, 0, out, a, b, 0});
    return out;
  };
  if (f == "share" || f == "percent") return binary(opcode::div_pct, common(n.args[0].type, n.args[1].type));
  if (f == "add_days") return binary(opcode::add_days, value_type::date);
  if (f == "add_months") return binary(opcode::add_months, value_type::date);
  if (f == "days_between") return binary(opcode::days_between, value_type::date);
  // A registered function.
  const function_entry& fn = p_.functions[n.ref_index];
  std::vector<std::uint32_t> args;
  for (std::size_t k = 0; k < n.args.size(); ++k) args.push_back(emit_operand(n.args[k], expr, fn.signature.params[k]));
  const std::uint32_t out = temp();
  p_.tape.push_back(instr{opcode::call, n.ref_index, out, 0, pool_list(args), static_cast<std::int64_t>(args.size())});
  return out;
}

bool emitter::describe_check(const node& n, const std::string& expr, check_meta& check) {
  if (n.kind != node_kind::binary) return false;
  comparison_op op;
  switch (n.op) {
    case op_kind::lt: op = comparison_op::lt; break;
    case op_kind::le: op = comparison_op::le; break;
    case op_kind::gt: op = comparison_op::gt; break;
    case op_kind::ge: op = comparison_op::ge; break;
    case op_kind::eq: op = comparison_op::eq; break;
    case op_kind::ne: op = comparison_op::ne; break;
    default: return false;
  }
  auto it = compares_.find(&n);
  if (it == compares_.end()) return false;
  const value_type t = common(n.args[0].type, n.args[1].type);
  if (t == value_type::boolean || t == value_type::text || t == value_type::enumeration) return false;
  const compare_operands& c = it->second;
  // Which side is measured (reads a fact or rule) and which is the threshold.
  std::vector<std::uint32_t> facts_a, params_a, facts_b, params_b;
  referenced_inputs(n.args[0], facts_a, params_a);
  referenced_inputs(n.args[1], facts_b, params_b);
  const bool swap = facts_a.empty() && !facts_b.empty();
  check_operand lhs, rhs;
  lhs.is_register = true;
  lhs.reg = c.a;
  lhs.text = std::string(node_text(expr, n.args[0]));
  rhs.is_register = c.b_is_register;
  rhs.reg = c.b;
  rhs.raw = c.imm;
  rhs.text = std::string(node_text(expr, n.args[1]));
  if (n.args[0].kind == node_kind::name && n.args[0].ref == ref_kind::parameter) lhs.parameter = static_cast<std::int32_t>(n.args[0].ref_index);
  if (n.args[1].kind == node_kind::name && n.args[1].ref == ref_kind::parameter) rhs.parameter = static_cast<std::int32_t>(n.args[1].ref_index);
  if (swap) {
    std::swap(lhs, rhs);
    switch (op) {
      case comparison_op::lt: op = comparison_op::gt; break;
      case comparison_op::le: op = comparison_op::ge; break;
      case comparison_op::gt: op = comparison_op::lt; break;
      case comparison_op::ge: op = comparison_op::le; break;
      default: break;
    }
  }
  check.measured = lhs;
  check.threshold = rhs;
  check.op = op;
  check.type = t;
  check.unit = n.args[0].unit.empty() ? n.args[1].unit : n.args[0].unit;
  return true;
}

}  // namespace rules_internal
NTM_END_NAMESPACE
