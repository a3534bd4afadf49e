// SPDX-License-Identifier: MIT
// The type checker: resolves names, assigns every node a type and unit, and reports every
// problem with its column. Units are part of the type: a percentage never meets money, and
// kilometres never meet households.
#include <algorithm>

#include <ntm/core/text.hpp>

#include "io/json_document.hpp"
#include "rules/compiler.hpp"

NTM_BEGIN_NAMESPACE
namespace rules_internal {

namespace {

bool is_numeric(value_type t) {
  return t == value_type::integer || t == value_type::number || t == value_type::money || t == value_type::percent;
}

std::string type_name(value_type t, const std::string& unit) {
  std::string s = t == value_type::enumeration ? "enumeration" : to_string(t);
  if (!unit.empty()) s += " (" + unit + ")";
  return s;
}

std::string a_type(const node& n) { return type_name(n.type, n.unit); }

class checker {
 public:
  checker(expression_unit& u, const name_scope& sc, diagnostics& d) : u_(u), sc_(sc), d_(d) {}

  bool run() {
    check(u_.ast);
    return ok_;
  }

 private:
  void err(errc code, const node& n, std::string msg) {
    d_.add(code, std::move(msg) + " in \"" + u_.text + "\"", u_.set, u_.pointer,
           static_cast<std::uint32_t>(utf8_column(u_.text, n.begin)));
    ok_ = false;
  }

  // Units must be equal unless one side has none (a plain literal).
  bool same_unit(const node& a, const node& b, const node& at, std::string& out) {
    if (a.unit == b.unit || b.unit.empty()) {
      out = a.unit;
      return true;
    }
    if (a.unit.empty()) {
      out = b.unit;
      return true;
    }
    err(errc::expression_unit, at, "units differ: " + a_type(a) + " and " + a_type(b));
    return false;
  }

  // The common type of two operands compared, added, or chosen between.
  bool unify(node& a, node& b, const node& at, value_type& type, std::string& unit, const char* what) {
    if (a.type == value_type::enumeration || b.type == value_type::enumeration) return unify_enum(a, b, at, type, unit);
    if (a.type == b.type) {
      type = a.type;
      return same_unit(a, b, at, unit);
    }
    const bool mix = (a.type == value_type::integer && b.type == value_type::number) ||
                     (a.type == value_type::number && b.type == value_type::integer);
    if (mix) {
      type = value_type::number;
      return same_unit(a, b, at, unit);
    }
    std::string hint;
    if ((a.type == value_type::percent && (b.type == value_type::integer || b.type == value_type::number)) ||
        (b.type == value_type::percent && (a.type == value_type::integer || a.type == value_type::number)))
      hint = "; write a percentage with %, e.g. 95%";
    else if (a.type == value_type::money || b.type == value_type::money)
      hint = "; write an amount with its unit, e.g. 68 triệu";
    err(errc::expression_type, at, std::string("cannot ") + what + " " + a_type(a) + " and " + a_type(b) + hint);
    return false;
  }

  // An enumeration fact compared with text literals: the literals must be declared values;
  // they become the values' ordinals.
  bool unify_enum(node& a, node& b, const node& at, value_type& type, std::string& unit) {
    node& e = a.type == value_type::enumeration ? a : b;
    node& other = a.type == value_type::enumeration ? b : a;
    unit.clear();
    type = value_type::enumeration;
    const fact_definition* decl = enum_decl(e);
    if (other.type == value_type::enumeration) {
      const fact_definition* d2 = enum_decl(other);
      if (!decl || !d2 || decl->values != d2->values) {
        err(errc::expression_type, at, "cannot compare enumerations with different values");
        return false;
      }
      return true;
    }
    if (other.kind == node_kind::text_literal && decl) return to_ordinal(other, *decl);
    err(errc::expression_type, at, "an enumeration can only be compared with one of its values written as text, e.g. \"" +
                                       (decl && !decl->values.empty() ? decl->values.front() : std::string("value")) + "\"");
    return false;
  }

  const fact_definition* enum_decl(const node& n) const {
    if (n.kind == node_kind::name && n.ref == ref_kind::fact) return &sc_.program->schema->facts[n.ref_index];
    return nullptr;
  }

  bool to_ordinal(node& lit, const fact_definition& decl) {
    auto it = std::find(decl.values.begin(), decl.values.end(), lit.text);
    if (it == decl.values.end()) {
      std::string allowed;
      for (const auto& v : decl.values) allowed += (allowed.empty() ? "" : ", ") + ("\"" + v + "\"");
      err(errc::expression_type, lit, "\"" + lit.text + "\" is not a value of " + decl.id + " (allowed: " + allowed + ")");
      return false;
    }
    lit.type = value_type::enumeration;
    lit.raw = it - decl.values.begin();
    lit.kind = node_kind::integer_literal;  // now a constant ordinal
    lit.constant = true;
    return true;
  }

  bool expect(const node& n, value_type t, const char* role) {
    if (n.type == t || (t == value_type::number && n.type == value_type::integer)) return true;
    err(errc::expression_type, n, std::string(role) + " must be " + to_string(t) + ", not " + a_type(n));
    return false;
  }

  void name(node& n) {
    const auto& p = *sc_.program;
    if (auto it = p.schema->index.find(n.text); it != p.schema->index.end()) {
      if (!sc_.allow_facts) {
        err(errc::unknown_identifier, n, "\"" + n.text + "\" is a fact; a parameter formula may only use parameters");
        return;
      }
      const fact_definition& f = p.schema->facts[it->second];
      n.ref = ref_kind::fact;
      n.ref_index = it->second;
      n.type = f.type;
      n.unit = f.unit;
      return;
    }
    if (auto it = p.parameter_index.find(n.text); it != p.parameter_index.end()) {
      const parameter_definition& d = p.parameters[it->second].def;
      n.ref = ref_kind::parameter;
      n.ref_index = it->second;
      n.type = d.type;
      n.unit = d.unit;
      return;
    }
    if (n.text == "today" || n.text == "assessment_date") {
      n.ref = ref_kind::builtin_value;
      n.type = value_type::date;
      return;
    }
    if (sc_.rule_ids) {
      if (auto it = sc_.rule_ids->find(n.text); it != sc_.rule_ids->end()) {
        if (!sc_.allow_rules) {
          err(errc::unknown_identifier, n, "\"" + n.text + "\" is a rule; a parameter formula may only use parameters");
          return;
        }
        n.ref = ref_kind::rule;
        n.ref_index = it->second;
        if (!(*sc_.rule_typed)[it->second]) {
          ok_ = false;  // its own errors are reported where it is defined
          return;
        }
        n.type = (*sc_.rule_types)[it->second];
        n.unit = (*sc_.rule_units)[it->second];
        return;
      }
    }
    std::vector<std::string> names = p.schema->ids;
    for (const auto& pm : p.parameters) names.push_back(pm.def.id);
    if (sc_.rule_ids)
      for (const auto& [id, _] : *sc_.rule_ids) names.push_back(id);
    std::sort(names.begin(), names.end());
    std::string msg = "unknown name \"" + n.text + "\": not a declared fact, parameter or rule";
    const std::string near = io_internal::closest_match(n.text, names);
    if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
    err(errc::unknown_identifier, n, msg);
  }

  void check(node& n) {
    switch (n.kind) {
      case node_kind::integer_literal: n.type = value_type::integer; n.constant = true; return;
      case node_kind::number_literal: n.type = value_type::number; n.constant = true; return;
      case node_kind::money_literal: n.type = value_type::money; n.constant = true; return;
      case node_kind::percent_literal: n.type = value_type::percent; n.constant = true; return;
      case node_kind::text_literal: n.type = value_type::text; n.constant = true; return;
      case node_kind::bool_literal: n.type = value_type::boolean; n.constant = true; return;
      case node_kind::name: name(n); return;
      case node_kind::list:
        err(errc::expression_type, n, "a list may only follow \"in\"");
        return;
      case node_kind::unary: {
        check(n.args[0]);
        if (!ok_) return;
        if (n.op == op_kind::not_) {
          if (expect(n.args[0], value_type::boolean, "the operand of \"not\"")) n.type = value_type::boolean;
        } else if (is_numeric(n.args[0].type)) {
          n.type = n.args[0].type;
          n.unit = n.args[0].unit;
          n.constant = n.args[0].constant;
        } else {
          err(errc::expression_type, n, "cannot negate " + a_type(n.args[0]));
        }
        return;
      }
      case node_kind::conditional: {
        for (auto& a : n.args) check(a);
        if (!ok_) return;
        if (!expect(n.args[0], value_type::boolean, "the condition of \"if\"")) return;
        unify(n.args[1], n.args[2], n, n.type, n.unit, "choose between");
        return;
      }
      case node_kind::binary: binary(n); return;
      case node_kind::call: call(n); return;
    }
  }

  void binary(node& n) {
    node& a = n.args[0];
    node& b = n.args[1];
    check(a);
    if (n.op != op_kind::in && n.op != op_kind::not_in) check(b);
    if (!ok_) return;
    switch (n.op) {
      case op_kind::and_:
      case op_kind::or_:
        if (expect(a, value_type::boolean, (std::string("the left side of \"") + op_symbol(n.op) + "\"").c_str()) &&
            expect(b, value_type::boolean, (std::string("the right side of \"") + op_symbol(n.op) + "\"").c_str()))
          n.type = value_type::boolean;
        return;
      case op_kind::eq:
      case op_kind::ne:
      case op_kind::lt:
      case op_kind::le:
      case op_kind::gt:
      case op_kind::ge: {
        value_type t;
        std::string unit;
        if (!unify(a, b, n, t, unit, "compare")) return;
        const bool ordered = n.op != op_kind::eq && n.op != op_kind::ne;
        if (ordered && (t == value_type::boolean || t == value_type::text || t == value_type::enumeration)) {
          err(errc::expression_type, n, std::string("\"") + op_symbol(n.op) + "\" needs numbers, amounts, percentages or dates, not " + type_name(t, unit));
          return;
        }
        n.type = value_type::boolean;
        return;
      }
      case op_kind::in:
      case op_kind::not_in: {
        if (b.kind != node_kind::list) {
          err(errc::expression_type, b, "\"in\" must be followed by a list of values, e.g. [\"a\", \"b\"]");
          return;
        }
        for (node& item : b.args) {
          check(item);
          if (!ok_) return;
          if (!item.constant) {
            err(errc::expression_type, item, "the values after \"in\" must be literals");
            return;
          }
          value_type t;
          std::string unit;
          if (!unify(a, item, item, t, unit, "compare")) return;
        }
        if (a.type == value_type::boolean) {
          err(errc::expression_type, a, "\"in\" does not apply to booleans");
          return;
        }
        n.type = value_type::boolean;
        return;
      }
      case op_kind::add:
      case op_kind::sub: {
        if (a.type == value_type::date || b.type == value_type::date) {
          err(errc::expression_type, n, "dates are not added or subtracted with + and -; use add_days(d, n), add_months(d, n) or days_between(a, b)");
          return;
        }
        if (!is_numeric(a.type) || !is_numeric(b.type)) {
          err(errc::expression_type, n, std::string("cannot ") + (n.op == op_kind::add ? "add " : "subtract ") + a_type(a) + " and " + a_type(b));
          return;
        }
        unify(a, b, n, n.type, n.unit, n.op == op_kind::add ? "add" : "subtract");
        n.constant = a.constant && b.constant;
        return;
      }
      case op_kind::mul:
      case op_kind::div:
        arithmetic(n, a, b);
        return;
      default:
        return;
    }
  }

  static std::string join_unit(const std::string& a, const std::string& b, char op) {
    if (a.empty()) return op == '/' && !b.empty() ? "1/" + b : b;
    if (b.empty()) return a;
    if (op == '/' && a == b) return "";
    return a + op + b;
  }

  // The type of a product or quotient (see docs/criteria-sets.md for the table).
  void arithmetic(node& n, node& a, node& b) {
    const value_type ta = a.type, tb = b.type;
    const bool mul = n.op == op_kind::mul;
    if (!is_numeric(ta) || !is_numeric(tb)) {
      err(errc::expression_type, n, std::string("cannot ") + (mul ? "multiply " : "divide ") + a_type(a) + " and " + a_type(b));
      return;
    }
    using vt = value_type;
    auto set = [&](vt t, std::string unit) {
      n.type = t;
      n.unit = std::move(unit);
      n.constant = a.constant && b.constant;
    };
    if (mul) {
      if (ta == vt::money && tb == vt::money) return err(errc::expression_type, n, "cannot multiply money by money");
      if (ta == vt::money || tb == vt::money) {
        const node& other = ta == vt::money ? b : a;
        if (!other.unit.empty()) return err(errc::expression_unit, n, "money can only be multiplied by a plain number or a percentage, not " + a_type(other));
        return set(vt::money, "");
      }
      if (ta == vt::percent && tb == vt::percent) return set(vt::percent, "");
      if (ta == vt::percent || tb == vt::percent) {
        const node& other = ta == vt::percent ? b : a;
        if (other.unit.empty() && other.type == vt::integer) return set(vt::percent, "");
        return set(vt::number, other.unit);
      }
      if (ta == vt::integer && tb == vt::integer) return set(vt::integer, join_unit(a.unit, b.unit, '*'));
      return set(vt::number, join_unit(a.unit, b.unit, '*'));
    }
    // division
    if (tb == vt::money && ta != vt::money) return err(errc::expression_type, n, "cannot divide " + a_type(a) + " by money");
    if (ta == vt::money && tb == vt::money) return set(vt::number, "");
    if (ta == vt::money) {
      if (tb == vt::percent) return err(errc::expression_type, n, "cannot divide money by a percentage");
      if (!b.unit.empty()) return set(vt::money, "/" + b.unit);
      return set(vt::money, "");
    }
    if (ta == vt::percent && tb == vt::percent) return set(vt::number, "");
    if (ta == vt::percent) {
      if (!b.unit.empty()) return err(errc::expression_unit, n, "cannot divide a percentage by " + a_type(b));
      return set(vt::percent, "");
    }
    if (tb == vt::percent) return err(errc::expression_type, n, "cannot divide " + a_type(a) + " by a percentage");
    return set(vt::number, join_unit(a.unit, b.unit, '/'));
  }

  bool arity(node& n, std::size_t lo, std::size_t hi) {
    if (n.args.size() >= lo && n.args.size() <= hi) return true;
    std::string want = lo == hi ? std::to_string(lo) : hi == static_cast<std::size_t>(-1) ? "at least " + std::to_string(lo)
                                                                                           : std::to_string(lo) + " to " + std::to_string(hi);
    err(errc::wrong_arity, n, n.text + "() takes " + want + " argument" + (lo == 1 && hi == 1 ? "" : "s") + ", not " + std::to_string(n.args.size()));
    return false;
  }

  void call(node& n) {
    const std::string& f = n.text;
    const std::size_t many = static_cast<std::size_t>(-1);
    // Set-scoped built-ins take no arguments.
    if (is_criteria_builtin(f)) {
      if (!arity(n, 0, 1)) return;
      if (!sc_.allow_rules) return err(errc::unknown_function, n, f + "() cannot be used in a parameter formula");
      const int set = criteria_set_of_call(n, sc_);
      if (set < 0)
        return err(errc::expression_type, n, f + "() takes no argument (the criteria of this set) or the id of a set's standard, e.g. " + f + "(NC)");
      n.type = (f == "all_criteria" || f == "key_criteria_met") ? value_type::boolean : value_type::integer;
      n.ref_index = static_cast<std::uint32_t>(set);
      n.constant = f == "count_criteria";
      if (n.constant) n.raw = static_cast<std::int64_t>((*sc_.set_criteria)[static_cast<std::size_t>(set)].size());
      return;
    }
    if (f == "applicable") {
      if (!arity(n, 1, 1)) return;
      node& a = n.args[0];
      if (a.kind != node_kind::name || !sc_.rule_ids || !sc_.rule_ids->count(a.text))
        return err(errc::expression_type, n, "applicable() takes the id of an indicator or criterion");
      a.ref = ref_kind::rule;
      a.ref_index = sc_.rule_ids->at(a.text);
      a.type = value_type::boolean;
      n.type = value_type::boolean;
      return;
    }
    if (f == "date") {
      if (!arity(n, 1, 1)) return;
      node& a = n.args[0];
      if (a.kind != node_kind::text_literal) return err(errc::expression_type, n, "date() takes a date written as text, e.g. date(\"2023-12-31\")");
      auto d = parse_date(a.text);
      if (!d) return err(d.error().code, a, d.error().message);
      n.type = value_type::date;
      n.constant = true;
      n.raw = static_cast<std::int64_t>(d->day_number());
      return;
    }
    for (auto& a : n.args) check(a);
    if (!ok_) return;
    if (f == "min" || f == "max" || f == "sum" || f == "coalesce") {
      if (!arity(n, f == "sum" ? 1 : 2, f == "coalesce" ? 2 : many)) return;
      value_type t = n.args[0].type;
      std::string unit = n.args[0].unit;
      node acc = n.args[0];
      for (std::size_t k = 1; k < n.args.size(); ++k) {
        if (!unify(acc, n.args[k], n.args[k], t, unit, f == "coalesce" ? "choose between" : "combine")) return;
        acc.type = t;
        acc.unit = unit;
      }
      if (f != "coalesce" && !is_numeric(t) && !(t == value_type::date && f != "sum"))
        return err(errc::expression_type, n, f + "() needs numbers, amounts, percentages" + (f == "sum" ? "" : " or dates") + ", not " + type_name(t, unit));
      n.type = t;
      n.unit = unit;
      return;
    }
    if (f == "abs") {
      if (!arity(n, 1, 1)) return;
      if (!is_numeric(n.args[0].type)) return err(errc::expression_type, n, "abs() needs a number, amount or percentage, not " + a_type(n.args[0]));
      n.type = n.args[0].type;
      n.unit = n.args[0].unit;
      return;
    }
    if (f == "round") {
      if (!arity(n, 1, 2)) return;
      const node& x = n.args[0];
      if (x.type != value_type::number && x.type != value_type::percent && x.type != value_type::integer)
        return err(errc::expression_type, n, "round() rounds numbers and percentages, not " + a_type(x));
      if (n.args.size() == 2 && (n.args[1].kind != node_kind::integer_literal || n.args[1].raw < 0 || n.args[1].raw > 6))
        return err(errc::expression_type, n.args[1], "the digits of round() must be a whole number from 0 to 6");
      n.type = x.type;
      n.unit = x.unit;
      return;
    }
    if (f == "count" || f == "all" || f == "any") {
      if (!arity(n, 1, many)) return;
      for (const node& a : n.args)
        if (!expect(a, value_type::boolean, (f + "() arguments").c_str())) return;
      n.type = f == "count" ? value_type::integer : value_type::boolean;
      return;
    }
    if (f == "at_least") {
      if (!arity(n, 2, many)) return;
      if (n.args[0].kind != node_kind::integer_literal || n.args[0].raw < 0)
        return err(errc::expression_type, n.args[0], "the first argument of at_least() must be a whole number, e.g. at_least(2, a, b, c)");
      for (std::size_t k = 1; k < n.args.size(); ++k)
        if (!expect(n.args[k], value_type::boolean, "at_least() conditions")) return;
      n.type = value_type::boolean;
      return;
    }
    if (f == "share" || f == "percent") {
      if (!arity(n, 2, 2)) return;
      value_type t;
      std::string unit;
      if (!unify(n.args[0], n.args[1], n, t, unit, "take a share of")) return;
      if (!is_numeric(t)) return err(errc::expression_type, n, f + "() needs two numbers or amounts");
      n.type = value_type::percent;
      return;
    }
    if (f == "known") {
      if (!arity(n, 1, 1)) return;
      n.type = value_type::boolean;
      return;
    }
    if (f == "add_days" || f == "add_months") {
      if (!arity(n, 2, 2)) return;
      if (!expect(n.args[0], value_type::date, (f + "() first argument").c_str())) return;
      if (n.args[1].type != value_type::integer) return err(errc::expression_type, n.args[1], f + "() adds a whole number, not " + a_type(n.args[1]));
      n.type = value_type::date;
      return;
    }
    if (f == "days_between") {
      if (!arity(n, 2, 2)) return;
      if (!expect(n.args[0], value_type::date, "days_between() arguments") || !expect(n.args[1], value_type::date, "days_between() arguments")) return;
      n.type = value_type::integer;
      n.unit = "ngày";
      return;
    }
    if (f == "year" || f == "month") {
      if (!arity(n, 1, 1)) return;
      if (!expect(n.args[0], value_type::date, (f + "() argument").c_str())) return;
      n.type = value_type::integer;
      return;
    }
    // A function registered in C++.
    const auto& fns = sc_.program->functions;
    auto it = std::find_if(fns.begin(), fns.end(), [&](const function_entry& e) { return e.name == f; });
    if (it == fns.end()) {
      std::vector<std::string> names = {"min", "max", "sum", "abs", "round", "count", "all", "any", "at_least", "share",
                                        "percent", "known", "coalesce", "date", "add_days", "add_months", "days_between",
                                        "year", "month", "applicable", "all_criteria", "key_criteria_met",
                                        "count_criteria_met", "count_criteria_not_met", "count_criteria"};
      for (const auto& e : fns) names.push_back(e.name);
      std::string msg = "unknown function " + f + "()";
      const std::string near = io_internal::closest_match(f, names);
      if (!near.empty()) msg += "; did you mean " + near + "()?";
      return err(errc::unknown_function, n, msg);
    }
    const function_signature& sig = it->signature;
    if (!arity(n, sig.params.size(), sig.params.size())) return;
    if (n.args.size() > 16) return err(errc::wrong_arity, n, "a custom function takes at most 16 arguments");
    for (std::size_t k = 0; k < n.args.size(); ++k) {
      const value_type want = sig.params[k];
      const value_type got = n.args[k].type;
      const bool fits = got == want || (want == value_type::number && got == value_type::integer);
      if (!fits)
        return err(errc::expression_type, n.args[k], "argument " + std::to_string(k + 1) + " of " + f + "() must be " +
                                                         to_string(want) + ", not " + a_type(n.args[k]));
    }
    n.type = sig.result;
    n.ref_index = static_cast<std::uint32_t>(it - fns.begin());
  }

  expression_unit& u_;
  const name_scope& sc_;
  diagnostics& d_;
  bool ok_ = true;
};

}  // namespace

bool check_expression(expression_unit& unit, const name_scope& scope, diagnostics& diag) {
  return checker(unit, scope, diag).run();
}

bool is_criteria_builtin(const std::string& f) {
  return f == "all_criteria" || f == "key_criteria_met" || f == "count_criteria_met" || f == "count_criteria_not_met" || f == "count_criteria";
}

int criteria_set_of_call(const node& n, const name_scope& scope) {
  if (n.args.empty()) return static_cast<int>(scope.set_index);
  const node& a = n.args[0];
  if (a.kind != node_kind::name || !scope.standard_sets) return -1;
  auto it = scope.standard_sets->find(a.text);
  return it == scope.standard_sets->end() ? -1 : static_cast<int>(it->second);
}

void referenced_rules(const node& n, const name_scope& scope, std::vector<std::uint32_t>& out) {
  if (n.kind == node_kind::name && scope.rule_ids) {
    if (auto it = scope.rule_ids->find(n.text); it != scope.rule_ids->end()) {
      // Facts and parameters shadow nothing: ids are unique across kinds (checked earlier).
      out.push_back(it->second);
    }
  }
  if (n.kind == node_kind::call && is_criteria_builtin(n.text)) {
    const int set = criteria_set_of_call(n, scope);
    if (set >= 0)
      for (std::uint32_t c : (*scope.set_criteria)[static_cast<std::size_t>(set)]) out.push_back(c);
    return;  // the argument names a set, not a dependency on its standard
  }
  for (const node& a : n.args) referenced_rules(a, scope, out);
}

void referenced_inputs(const node& n, std::vector<std::uint32_t>& facts, std::vector<std::uint32_t>& params) {
  if (n.kind == node_kind::name) {
    if (n.ref == ref_kind::fact) facts.push_back(n.ref_index);
    if (n.ref == ref_kind::parameter) params.push_back(n.ref_index);
  }
  for (const node& a : n.args) referenced_inputs(a, facts, params);
}

}  // namespace rules_internal
NTM_END_NAMESPACE
