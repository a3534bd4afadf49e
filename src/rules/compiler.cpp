// SPDX-License-Identifier: MIT
// The criteria-set compiler: flattens a set with its bases, checks every declaration and
// expression (reporting all problems, each located), orders rules by their dependencies
// (a cycle is an error naming every rule in it), and emits the instruction tape.
#include <algorithm>
#include <set>
#include <unordered_set>

#include <ntm/core/limits.hpp>

#include "io/criteria_set_json.hpp"
#include "rules/compiler.hpp"

NTM_BEGIN_NAMESPACE

source_map::~source_map() = default;

source_location criteria_set::locate(std::string_view pointer) const {
  if (sources) return sources->locate(pointer);
  source_location where;
  where.file = file;
  where.pointer = std::string(pointer);
  return where;
}

namespace rules_internal {

void diagnostics::add(errc code, std::string message, const criteria_set* set, const std::string& pointer, std::uint32_t column) {
  if (errors_.size() >= max_kept) {
    ++dropped_;
    return;
  }
  source_location where;
  if (set) where = set->locate(pointer);
  if (column > 0) where.column = where.line > 0 ? where.column + column : column;
  errors_.push_back(make_error(code, std::move(message), std::move(where)));
}

error diagnostics::combined(const std::string& what) const {
  error e = errors_.front();
  if (size() > 1) {
    e.message = std::to_string(size()) + " errors" +
                (dropped_ ? " (the first " + std::to_string(errors_.size()) + " listed)" : std::string()) + "; the first: " + e.message;
    e.details = errors_;
  }
  e.add_context(what);
  return e;
}

namespace {

bool valid_id(const std::string& id, bool dots) {
  if (id.empty() || !(std::isalpha(static_cast<unsigned char>(id[0])) || id[0] == '_')) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (dots && c == '.'))) return false;
  if (id.back() == '.') return false;
  static const std::set<std::string> reserved = {"and", "or", "not", "in", "if", "then", "else", "true", "false", "today", "assessment_date"};
  return reserved.count(id) == 0;
}

// One rule as defined, before ordering.
struct rule_source {
  rule_kind kind = rule_kind::rule;
  const criteria_set* set = nullptr;
  std::uint32_t set_index = 0;
  std::string id;
  std::string pointer;
  const indicator_definition* indicator = nullptr;
  const criterion_definition* criterion = nullptr;
  const rule_definition* rule = nullptr;
  int parent = -1;
  std::vector<std::uint32_t> children;
  int condition_unit = -1;  // index into units
  int applies_unit = -1;
  int evaluator = -1;
  std::vector<std::uint32_t> reads;
};

class compiler {
 public:
  compiler(const criteria_set& set, const function_registry& fns, const compile_options& opt) : fns_(fns), opt_(opt) {
    p_ = std::make_shared<detail::program_impl>();
    p_->definition = std::make_shared<criteria_set>(set);
  }

  result<std::shared_ptr<detail::program_impl>> run() {
    if (!flatten(*p_->definition, 0)) return fail(diag_.combined(context()));
    p_->sets = sets_;
    declare_functions();
    declare_facts();
    declare_parameters();
    declare_rules();
    if (!diag_.empty()) return fail(diag_.combined(context()));
    parse_all();  // expressions that do not parse are left out of the checks that follow
    check_parameters();
    if (!order_rules()) return fail(diag_.combined(context()));
    check_rules();
    if (!diag_.empty()) return fail(diag_.combined(context()));
    layout();
    if (!build_parameter_table(*p_, formula_units(), diag_)) return fail(diag_.combined(context()));
    emit_rules();
    if (!lineage()) return fail(diag_.combined(context()));
    batch_tape();
    reader_tapes();
    p_->fingerprint = io_internal::criteria_set_fingerprint(*p_->definition);
    return p_;
  }

 private:
  std::string context() const {
    const criteria_set& top = *p_->definition;
    return "while compiling criteria set " + (top.id.empty() ? std::string("(no id)") : top.id) +
           (top.file.empty() ? std::string() : " from " + top.file);
  }

  bool flatten(const criteria_set& s, int depth) {
    // Loaders bound chains by load_options::max_extends_depth; this bounds the recursion for
    // sets built in code.
    constexpr int max_bases_depth = 256;
    if (depth > max_bases_depth) {
      diag_.add(limit_error("extends depth", max_bases_depth, "criteria sets extend each other more than " +
                                                                  std::to_string(max_bases_depth) + " levels deep",
                            s.locate("/extends")));
      return false;
    }
    for (const auto& base : s.bases) {
      if (!base) continue;
      if (!flatten(*base, depth + 1)) return false;
    }
    if (std::find(sets_.begin(), sets_.end(), &s) == sets_.end()) sets_.push_back(&s);
    return true;
  }

  void declare_functions() {
    for (const std::string& name : fns_.names()) {
      if (const auto* sig = fns_.find_function(name)) p_->functions.push_back({name, *sig, *fns_.function(name)});
      if (const auto* ev = fns_.find_evaluator(name)) p_->evaluators.push_back({name, *ev});
    }
  }

  void claim_id(const std::string& id, const criteria_set* s, const std::string& pointer, const char* what) {
    auto [it, fresh] = ids_.emplace(id, what);
    if (!fresh) diag_.add(errc::duplicate_id, std::string(what) + " id \"" + id + "\" is already used by a " + it->second, s, pointer + "/id");
  }

  void declare_facts() {
    auto schema = std::make_shared<detail::fact_schema>();
    for (const criteria_set* s : sets_) {
      for (std::size_t k = 0; k < s->facts.size(); ++k) {
        const fact_definition& f = s->facts[k];
        const std::string ptr = f.pointer.empty() ? "/facts/" + std::to_string(k) : f.pointer;
        if (!valid_id(f.id, false)) {
          diag_.add(errc::invalid_value, "fact id \"" + f.id + "\" must start with a letter and contain only letters, digits and '_'", s, ptr + "/id");
          continue;
        }
        if (f.type == value_type::enumeration && f.values.empty())
          diag_.add(errc::invalid_value, "enumeration fact " + f.id + " declares no values", s, ptr);
        if (auto it = schema->index.find(f.id); it != schema->index.end()) {
          const fact_definition& old = schema->facts[it->second];
          if (old.type != f.type || old.unit != f.unit || old.values != f.values)
            diag_.add(errc::duplicate_id, "fact " + f.id + " is declared again with a different type or unit", s, ptr);
          continue;
        }
        if (schema->facts.size() >= opt_.max_facts) {
          diag_.add(limit_error("max_facts", opt_.max_facts, "the set declares more than " + std::to_string(opt_.max_facts) + " facts",
                                s->locate(ptr)));
          break;
        }
        claim_id(f.id, s, ptr, "fact");
        schema->index.emplace(f.id, static_cast<std::uint32_t>(schema->facts.size()));
        schema->ids.push_back(f.id);
        schema->facts.push_back(f);
        schema->facts.back().pointer = ptr;
      }
    }
    p_->schema = schema;
  }

  void declare_parameters() {
    std::vector<std::string> regions{""};
    for (const criteria_set* s : sets_)
      for (const std::string& r : s->regions)
        if (std::find(regions.begin(), regions.end(), r) == regions.end()) regions.push_back(r);
    p_->regions = regions;
    for (std::uint32_t si = 0; si < sets_.size(); ++si) {
      const criteria_set* s = sets_[si];
      for (std::size_t k = 0; k < s->parameters.size(); ++k) {
        const parameter_definition& d = s->parameters[k];
        const std::string ptr = d.pointer.empty() ? "/parameters/" + std::to_string(k) : d.pointer;
        if (!valid_id(d.id, false)) {
          diag_.add(errc::invalid_value, "parameter id \"" + d.id + "\" must start with a letter and contain only letters, digits and '_'", s, ptr + "/id");
          continue;
        }
        if (p_->parameter_index.count(d.id)) {
          diag_.add(errc::duplicate_id, "parameter " + d.id + " is defined twice", s, ptr);
          continue;
        }
        if (p_->parameters.size() >= opt_.max_parameters) {
          diag_.add(limit_error("max_parameters", opt_.max_parameters,
                                "the set declares more than " + std::to_string(opt_.max_parameters) + " parameters", s->locate(ptr)));
          break;
        }
        if (d.formula.empty() == d.values.empty())
          diag_.add(errc::invalid_value, "parameter " + d.id + " needs either dated \"values\" or a \"formula\", not " + (d.formula.empty() ? "neither" : "both"), s, ptr);
        for (std::size_t v = 0; v < d.values.size(); ++v) {
          const parameter_value& pv = d.values[v];
          const std::string vptr = pv.pointer.empty() ? ptr + "/values/" + std::to_string(v) : pv.pointer;
          if (pv.amount.type() != d.type)
            diag_.add(errc::expression_type, "a value of parameter " + d.id + " is " + to_string(pv.amount.type()) + ", but the parameter is " + to_string(d.type), s, vptr);
          if (!pv.region.empty() && std::find(regions.begin(), regions.end(), pv.region) == regions.end())
            diag_.add(errc::unknown_region, "region \"" + pv.region + "\" is not declared in \"regions\"", s, vptr + "/region");
        }
        claim_id(d.id, s, ptr, "parameter");
        p_->parameter_index.emplace(d.id, static_cast<std::uint32_t>(p_->parameters.size()));
        parameter_meta pm;
        pm.def = d;
        pm.def.pointer = ptr;
        for (std::size_t v = 0; v < pm.def.values.size(); ++v)
          if (pm.def.values[v].pointer.empty()) pm.def.values[v].pointer = ptr + "/values/" + std::to_string(v);
        p_->parameters.push_back(std::move(pm));
        parameter_sets_.push_back(si);
      }
    }
  }

  std::uint32_t add_rule(rule_source r) {
    claim_id(r.id, r.set, r.pointer, to_string(r.kind));
    if (!valid_id(r.id, true))
      diag_.add(errc::invalid_value, "rule id \"" + r.id + "\" must start with a letter and contain only letters, digits, '_' and '.'", r.set, r.pointer + "/id");
    rule_ids_.emplace(r.id, static_cast<std::uint32_t>(rules_.size()));
    rules_.push_back(std::move(r));
    if (rules_.size() == opt_.max_rules + 1)  // reported once
      diag_.add(limit_error("max_rules", opt_.max_rules, "the set has more than " + std::to_string(opt_.max_rules) + " rules",
                            rules_.back().set ? rules_.back().set->locate(rules_.back().pointer) : source_location{}));
    return static_cast<std::uint32_t>(rules_.size() - 1);
  }

  void declare_rules() {
    set_criteria_.assign(sets_.size(), {});
    for (std::uint32_t si = 0; si < sets_.size(); ++si) {
      const criteria_set* s = sets_[si];
      std::vector<std::pair<int, std::uint32_t>> numbered;
      for (std::size_t c = 0; c < s->criteria.size(); ++c) {
        const criterion_definition& cd = s->criteria[c];
        rule_source cr;
        cr.kind = rule_kind::criterion;
        cr.set = s;
        cr.set_index = si;
        cr.id = cd.id;
        cr.criterion = &cd;
        cr.pointer = cd.pointer.empty() ? "/criteria/" + std::to_string(c) : cd.pointer;
        const std::uint32_t ci = add_rule(cr);
        numbered.emplace_back(cd.number, ci);
        if (cd.indicators.empty() && cd.combine != combine_kind::expression)
          diag_.add(errc::invalid_value, "criterion " + cd.id + " has no indicators", s, rules_[ci].pointer);
        if (cd.combine == combine_kind::at_least && (cd.at_least < 1 || static_cast<std::size_t>(cd.at_least) > cd.indicators.size()))
          diag_.add(errc::invalid_value, "criterion " + cd.id + ": \"at_least\" must be between 1 and the number of indicators (" +
                                             std::to_string(cd.indicators.size()) + ")", s, rules_[ci].pointer);
        for (std::size_t k = 0; k < cd.indicators.size(); ++k) {
          const indicator_definition& id = cd.indicators[k];
          rule_source ir;
          ir.kind = rule_kind::indicator;
          ir.set = s;
          ir.set_index = si;
          ir.id = id.id;
          ir.indicator = &id;
          ir.parent = static_cast<int>(ci);
          ir.pointer = id.pointer.empty() ? rules_[ci].pointer + "/indicators/" + std::to_string(k) : id.pointer;
          const std::uint32_t ii = add_rule(ir);
          rules_[ci].children.push_back(ii);
        }
      }
      std::stable_sort(numbered.begin(), numbered.end());
      for (const auto& [number, index] : numbered) set_criteria_[si].push_back(index);
      for (std::size_t k = 0; k < s->rules.size(); ++k) {
        rule_source rr;
        rr.kind = rule_kind::rule;
        rr.set = s;
        rr.set_index = si;
        rr.id = s->rules[k].id;
        rr.rule = &s->rules[k];
        rr.pointer = s->rules[k].pointer.empty() ? "/rules/" + std::to_string(k) : s->rules[k].pointer;
        add_rule(rr);
      }
      rule_source st;
      st.kind = rule_kind::standard;
      st.set = s;
      st.set_index = si;
      st.id = s->standard.id.empty() ? "standard" : s->standard.id;
      st.rule = &s->standard;
      st.pointer = s->standard.pointer.empty() ? "/standard" : s->standard.pointer;
      standard_sets_.emplace(st.id, si);
      standard_of_set_.push_back(add_rule(st));
    }
  }

  int add_unit(expression_unit::owner_kind kind, std::uint32_t owner, const std::string& text, const std::string& pointer,
               const criteria_set* s, std::uint32_t si) {
    expression_unit u;
    u.owner = kind;
    u.owner_index = owner;
    u.text = text;
    u.pointer = pointer;
    u.set = s;
    u.set_index = si;
    units_.push_back(std::move(u));
    return static_cast<int>(units_.size() - 1);
  }

  void parse_all() {
    for (std::uint32_t ri = 0; ri < rules_.size(); ++ri) {
      rule_source& r = rules_[ri];
      switch (r.kind) {
        case rule_kind::indicator: {
          const indicator_definition& d = *r.indicator;
          if (!d.evaluator.empty() && !d.condition.empty()) {
            diag_.add(errc::invalid_value, "indicator " + d.id + " has both a \"condition\" and an \"evaluator\"; keep one", r.set, r.pointer);
          } else if (!d.evaluator.empty()) {
            auto it = std::find_if(p_->evaluators.begin(), p_->evaluators.end(), [&](const evaluator_entry& e) { return e.name == d.evaluator; });
            if (it == p_->evaluators.end()) {
              diag_.add(errc::unknown_function, "indicator " + d.id + " uses the evaluator \"" + d.evaluator +
                                                    "\", which is not registered (register it with function_registry::add_evaluator)",
                        r.set, r.pointer + "/evaluator");
            } else {
              r.evaluator = static_cast<int>(it - p_->evaluators.begin());
            }
            for (std::size_t k = 0; k < d.reads.size(); ++k) {
              auto f = p_->schema->index.find(d.reads[k]);
              if (f == p_->schema->index.end())
                diag_.add(errc::unknown_fact, "indicator " + d.id + " reads \"" + d.reads[k] + "\", which is not a declared fact", r.set,
                          r.pointer + "/reads/" + std::to_string(k));
              else
                r.reads.push_back(f->second);
            }
          } else if (d.condition.empty()) {
            diag_.add(errc::json_missing_field, "indicator " + d.id + " needs a \"condition\" (or an \"evaluator\")", r.set, r.pointer);
          } else {
            r.condition_unit = add_unit(expression_unit::owner_kind::rule, ri, d.condition, r.pointer + "/condition", r.set, r.set_index);
          }
          if (!d.applies_if.empty())
            r.applies_unit = add_unit(expression_unit::owner_kind::applies_if, ri, d.applies_if, r.pointer + "/applies_if", r.set, r.set_index);
          break;
        }
        case rule_kind::criterion:
          if (r.criterion->combine == combine_kind::expression) {
            if (r.criterion->expression.empty())
              diag_.add(errc::json_missing_field, "criterion " + r.id + " combines its indicators by an expression, but \"expression\" is empty", r.set, r.pointer);
            else
              r.condition_unit = add_unit(expression_unit::owner_kind::rule, ri, r.criterion->expression, r.pointer + "/combine/expression", r.set, r.set_index);
          }
          break;
        case rule_kind::standard:
          r.condition_unit = add_unit(expression_unit::owner_kind::rule, ri,
                                      r.rule->expression.empty() ? std::string("all_criteria()") : r.rule->expression,
                                      r.rule->expression.empty() ? r.pointer : r.pointer + "/condition", r.set, r.set_index);
          break;
        case rule_kind::rule:
          if (r.rule->expression.empty())
            diag_.add(errc::json_missing_field, "rule " + r.id + " needs an \"expression\"", r.set, r.pointer);
          else
            r.condition_unit = add_unit(expression_unit::owner_kind::rule, ri, r.rule->expression, r.pointer + "/expression", r.set, r.set_index);
          break;
      }
    }
    for (std::uint32_t k = 0; k < p_->parameters.size(); ++k) {
      const parameter_definition& d = p_->parameters[k].def;
      if (!d.formula.empty())
        add_unit(expression_unit::owner_kind::parameter, k, d.formula, d.pointer + "/formula", sets_[parameter_sets_[k]], parameter_sets_[k]);
    }
    for (expression_unit& u : units_) {
      auto ast = parse_expression(u.text, opt_.max_expression_length, opt_.max_expression_depth);
      if (!ast) {
        diag_.add(ast.error().code, ast.error().message + " in \"" + u.text + "\"", u.set, u.pointer, ast.error().where.column);
        continue;
      }
      u.ast = std::move(*ast);
      u.parsed = true;
    }
  }

  name_scope scope(std::uint32_t set_index, bool params_only) const {
    name_scope sc;
    sc.program = p_.get();
    sc.allow_facts = !params_only;
    sc.allow_rules = !params_only;
    sc.set_index = set_index;
    sc.rule_types = &rule_types_;
    sc.rule_units = &rule_units_;
    sc.rule_typed = &rule_typed_;
    sc.set_criteria = &set_criteria_;
    sc.rule_is_key = &rule_is_key_;
    sc.rule_ids = params_only ? nullptr : &rule_ids_;
    sc.standard_sets = &standard_sets_;
    return sc;
  }

  std::vector<expression_unit> formula_units() const {
    std::vector<expression_unit> out;
    for (const expression_unit& u : units_)
      if (u.owner == expression_unit::owner_kind::parameter) out.push_back(u);
    return out;
  }

  void check_parameters() {
    for (expression_unit& u : units_) {
      if (u.owner != expression_unit::owner_kind::parameter || !u.parsed) continue;
      const name_scope sc = scope(u.set_index, true);
      if (!check_expression(u, sc, diag_)) continue;
      const parameter_definition& d = p_->parameters[u.owner_index].def;
      const bool fits = u.ast.type == d.type || (d.type == value_type::number && u.ast.type == value_type::integer);
      if (!fits)
        diag_.add(errc::expression_type, "the formula of parameter " + d.id + " gives " + to_string(u.ast.type) + ", but the parameter is " + to_string(d.type),
                  u.set, u.pointer);
    }
  }

  bool order_rules() {
    rule_is_key_.assign(rules_.size(), false);
    for (std::uint32_t ri = 0; ri < rules_.size(); ++ri)
      if (rules_[ri].criterion && rules_[ri].criterion->key) rule_is_key_[ri] = true;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    for (std::uint32_t ri = 0; ri < rules_.size(); ++ri) {
      const rule_source& r = rules_[ri];
      if (r.kind == rule_kind::criterion && r.criterion->combine != combine_kind::expression)
        for (std::uint32_t c : r.children) edges.emplace_back(c, ri);
      for (int u : {r.condition_unit, r.applies_unit}) {
        if (u < 0 || !units_[static_cast<std::size_t>(u)].parsed) continue;
        std::vector<std::uint32_t> refs;
        referenced_rules(units_[static_cast<std::size_t>(u)].ast, scope(r.set_index, false), refs);
        for (std::uint32_t ref : refs) {
          if (ref == ri) {
            diag_.add(errc::dependency_cycle, "rule " + r.id + " refers to itself", r.set, units_[static_cast<std::size_t>(u)].pointer);
            continue;
          }
          edges.emplace_back(ref, ri);
        }
      }
    }
    const ordering ord = order_dependencies(rules_.size(), edges);
    if (!ord.cycle.empty()) {
      const std::vector<std::uint32_t> cycle = uses_order(ord.cycle);
      std::string path;
      for (std::uint32_t v : cycle) path += rules_[v].id + " → ";
      path += rules_[cycle.front()].id;
      const rule_source& first = rules_[cycle.front()];
      diag_.add(errc::dependency_cycle, "rules depend on each other in a cycle: " + path + " (each uses the next)", first.set, first.pointer);
      return false;
    }
    if (!diag_.empty()) {
      // Other errors so far; still type-check what can be, to report everything at once.
      order_ = ord.order;
      return true;
    }
    order_ = ord.order;
    return true;
  }

  void check_rules() {
    rule_types_.assign(rules_.size(), value_type::boolean);
    rule_units_.assign(rules_.size(), std::string());
    rule_typed_.assign(rules_.size(), false);
    for (std::uint32_t ri : order_) {
      rule_source& r = rules_[ri];
      bool ok = true;
      if (r.applies_unit >= 0) {
        expression_unit& u = units_[static_cast<std::size_t>(r.applies_unit)];
        if (u.parsed && check_expression(u, scope(r.set_index, false), diag_) && u.ast.type != value_type::boolean) {
          diag_.add(errc::expression_type, "\"applies_if\" of " + r.id + " must be a condition (true/false), not " + to_string(u.ast.type), r.set, u.pointer);
          ok = false;
        }
      }
      if (r.condition_unit >= 0) {
        expression_unit& u = units_[static_cast<std::size_t>(r.condition_unit)];
        if (!u.parsed || !check_expression(u, scope(r.set_index, false), diag_)) {
          ok = false;
        } else if (u.ast.type != value_type::boolean && r.kind != rule_kind::rule) {
          diag_.add(errc::expression_type, std::string("the condition of ") + to_string(r.kind) + " " + r.id +
                                               " must be true/false, not " + to_string(u.ast.type),
                    r.set, u.pointer);
          ok = false;
        } else {
          rule_types_[ri] = u.ast.type;
          rule_units_[ri] = u.ast.unit;
        }
      }
      rule_typed_[ri] = ok;
    }
  }

  void layout() {
    const auto F = static_cast<std::uint32_t>(p_->schema->facts.size());
    const auto P = static_cast<std::uint32_t>(p_->parameters.size());
    const auto R = static_cast<std::uint32_t>(rules_.size());
    p_->fact_base = 0;
    p_->param_base = F;
    p_->date_register = F + P;
    p_->rule_base = F + P + 1;
    p_->temp_base = p_->rule_base + R;
    p_->register_count = p_->temp_base;
    position_.assign(R, 0);
    for (std::uint32_t k = 0; k < R; ++k) position_[order_[k]] = k;
  }

  void emit_rules() {
    const auto R = static_cast<std::uint32_t>(rules_.size());
    std::vector<std::uint32_t> regs(R);
    for (std::uint32_t ri = 0; ri < R; ++ri) regs[ri] = p_->rule_base + position_[ri];
    emitter em(*p_, regs, set_criteria_, rule_is_key_);
    p_->rules.resize(R);
    p_->conditions.clear();
    for (std::uint32_t k = 0; k < R; ++k) {
      const std::uint32_t ri = order_[k];
      const rule_source& r = rules_[ri];
      rule_meta& m = p_->rules[k];
      m.kind = r.kind;
      m.set = r.set_index;
      m.result_reg = regs[ri];
      m.info.id = r.id;
      m.info.kind = r.kind;
      m.info.type = rule_types_[ri];
      m.info.unit = rule_units_[ri];
      p_->conditions.push_back(rule_types_[ri] == value_type::boolean ? 1 : 0);
      if (r.parent >= 0) m.info.parent = rule_index{position_[static_cast<std::size_t>(r.parent)]};
      for (std::uint32_t c : r.children) m.info.children.push_back(rule_index{position_[c]});
      if (r.indicator) {
        m.info.name = r.indicator->name;
        m.explanation = r.indicator->explanation;
        m.source = r.indicator->source;
        m.modelled = r.indicator->modelled;
        m.evaluator = r.indicator->evaluator;
        m.reads = r.reads;
        m.expression = r.indicator->condition;
      } else if (r.criterion) {
        m.info.name = r.criterion->name;
        m.info.number = r.criterion->number;
        m.source = r.criterion->source;
        m.key = r.criterion->key;
        m.expression = r.criterion->expression;
      } else if (r.rule) {
        m.info.name = r.rule->name;
        m.explanation = r.rule->explanation;
        m.source = r.rule->source;
        m.expression = r.rule->expression;
        if (r.kind == rule_kind::standard && m.info.name.empty()) m.info.name = r.set->title;
        // A standard's children are the criteria it is counted over (12 of 19): its own set's,
        // or, for a set without criteria of its own, those of the nearest base set.
        if (r.kind == rule_kind::standard)
          for (std::uint32_t c : criteria_for_set(r.set_index)) m.info.children.push_back(rule_index{position_[c]});
      }
      m.seg_begin = static_cast<std::uint32_t>(p_->tape.size());
      if (r.kind == rule_kind::criterion && r.criterion->combine != combine_kind::expression) {
        std::vector<std::uint32_t> kids;
        for (std::uint32_t c : r.children) kids.push_back(regs[c]);
        switch (r.criterion->combine) {
          case combine_kind::any: em.combine(opcode::any_status, m.result_reg, kids); break;
          case combine_kind::at_least: em.combine(opcode::at_least_status, m.result_reg, kids, r.criterion->at_least); break;
          default: em.combine(opcode::all_status, m.result_reg, kids); break;
        }
      } else if (r.evaluator >= 0) {
        em.evaluate(m.result_reg, static_cast<std::uint32_t>(r.evaluator), k);
        m.direct_facts = r.reads;
      } else if (r.condition_unit >= 0) {
        const expression_unit& u = units_[static_cast<std::size_t>(r.condition_unit)];
        const bool whole_set = r.kind == rule_kind::standard && r.rule->expression.empty();
        if (whole_set) {
          // The default standard: every criterion of its set met (not applicable ones aside).
          std::vector<std::uint32_t> kids;
          for (std::uint32_t c : set_criteria_[r.set_index]) kids.push_back(regs[c]);
          em.combine(opcode::all_status, m.result_reg, kids);
        } else {
          em.emit_into(m.result_reg, u.ast, u.text);
          std::vector<const node*> parts;
          collect_conjuncts(u.ast, parts);
          for (const node* part : parts) {
            check_meta c;
            if (em.describe_check(*part, u.text, c)) m.checks.push_back(std::move(c));
          }
          referenced_inputs(u.ast, m.direct_facts, m.direct_params);
        }
      }
      if (r.applies_unit >= 0) {
        const expression_unit& u = units_[static_cast<std::size_t>(r.applies_unit)];
        const std::uint32_t cond = em.emit(u.ast, u.text);
        em.apply_na(m.result_reg, cond, m.result_reg);
        referenced_inputs(u.ast, m.direct_facts, m.direct_params);
      }
      m.seg_end = static_cast<std::uint32_t>(p_->tape.size());
      dedupe(m.direct_facts);
      dedupe(m.direct_params);
      // Direct rule references, for lineage.
      for (int ui : {r.condition_unit, r.applies_unit}) {
        if (ui < 0) continue;
        std::vector<std::uint32_t> refs;
        referenced_rules(units_[static_cast<std::size_t>(ui)].ast, scope(r.set_index, false), refs);
        for (std::uint32_t ref : refs) m.lineage_rules.push_back(position_[ref]);
      }
      if (r.kind == rule_kind::criterion)
        for (std::uint32_t c : r.children) m.lineage_rules.push_back(position_[c]);
      if (r.kind == rule_kind::standard && r.rule->expression.empty())
        for (std::uint32_t c : set_criteria_[r.set_index]) m.lineage_rules.push_back(position_[c]);
      dedupe(m.lineage_rules);
      p_->rule_index.emplace(r.id, k);
    }
    p_->standard = position_[standard_of_set_.back()];
    for (std::uint32_t c : criteria_for_set(static_cast<std::uint32_t>(sets_.size() - 1))) p_->top_criteria.push_back(position_[c]);
  }

  const std::vector<std::uint32_t>& criteria_for_set(std::uint32_t set) const {
    for (std::uint32_t k = set + 1; k-- > 0;)
      if (!set_criteria_[k].empty()) return set_criteria_[k];
    return set_criteria_[set];
  }

  // A cycle found along "computed before" edges, turned into "uses" order starting from its
  // first-defined rule: a → b means a uses b.
  static std::vector<std::uint32_t> uses_order(std::vector<std::uint32_t> cycle) {
    std::reverse(cycle.begin(), cycle.end());
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    return cycle;
  }

  static void collect_conjuncts(const node& n, std::vector<const node*>& out) {
    if (n.kind == node_kind::binary && n.op == op_kind::and_) {
      collect_conjuncts(n.args[0], out);
      collect_conjuncts(n.args[1], out);
    } else {
      out.push_back(&n);
    }
  }

  static void dedupe(std::vector<std::uint32_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }

  // Each rule's lineage (transitive dependencies). A long chain of rules makes these lists
  // grow with the square of its length, so their total is bounded.
  bool lineage() {
    auto& rules = p_->rules;
    std::size_t total = 0;
    p_->fact_readers.assign(p_->schema->facts.size(), {});
    p_->rule_readers.assign(rules.size(), {});
    for (std::uint32_t k = 0; k < rules.size(); ++k) {
      for (std::uint32_t f : rules[k].direct_facts) p_->fact_readers[f].push_back(k);
      for (std::uint32_t r : rules[k].lineage_rules) p_->rule_readers[r].push_back(k);  // still the direct references here
    }
    for (std::size_t k = 0; k < rules.size(); ++k) {
      rule_meta& m = rules[k];
      std::vector<std::uint32_t> facts = m.direct_facts, params = m.direct_params, all_rules = m.lineage_rules;
      for (std::uint32_t q : m.direct_params) {
        const auto& dep = p_->parameters[q].depends;
        params.insert(params.end(), dep.begin(), dep.end());
      }
      for (std::uint32_t dep : m.lineage_rules) {
        const rule_meta& d = rules[dep];  // earlier in order: complete already
        facts.insert(facts.end(), d.lineage_facts.begin(), d.lineage_facts.end());
        params.insert(params.end(), d.lineage_params.begin(), d.lineage_params.end());
        all_rules.insert(all_rules.end(), d.lineage_rules.begin(), d.lineage_rules.end());
      }
      dedupe(facts);
      dedupe(params);
      dedupe(all_rules);
      total += facts.size() + params.size() + all_rules.size();
      if (total > opt_.max_dependencies) {
        const rule_source& src = rules_[order_[k]];
        diag_.add(limit_error("max_dependencies", opt_.max_dependencies,
                              "the rules depend on more facts, parameters and rules (counted per rule, through other rules) "
                              "than ntm keeps; rule " + src.id + " reaches the limit",
                              src.set ? src.set->locate(src.pointer) : source_location{}));
        return false;
      }
      m.lineage_facts = std::move(facts);
      m.lineage_params = std::move(params);
      m.lineage_rules = std::move(all_rules);
    }
    p_->fact_dependents.assign(p_->schema->facts.size(), {});
    for (std::uint32_t k = 0; k < rules.size(); ++k)
      for (std::uint32_t f : rules[k].lineage_facts) p_->fact_dependents[f].push_back(k);
    return true;
  }

  // Per fact, its direct readers' segments of the single tape, concatenated (the tape has no
  // jumps, and operands are registers and pool entries, so a segment runs anywhere). A rule
  // reading many facts is copied once per fact: beyond four times the tape, none are kept and
  // re-evaluation runs the rules one by one.
  void reader_tapes() {
    const std::size_t facts = p_->fact_readers.size();
    p_->reader_tape.clear();
    p_->reader_tape_begin.clear();
    std::size_t total = 0;
    for (std::size_t f = 0; f < facts; ++f)
      for (std::uint32_t r : p_->fact_readers[f]) total += p_->rules[r].seg_end - p_->rules[r].seg_begin;
    if (total > 4 * p_->tape.size() + 4096) return;
    p_->reader_tape.reserve(total);
    p_->reader_tape_begin.assign(facts + 1, 0);
    for (std::size_t f = 0; f < facts; ++f) {
      p_->reader_tape_begin[f] = static_cast<std::uint32_t>(p_->reader_tape.size());
      for (std::uint32_t r : p_->fact_readers[f]) {
        const rule_meta& m = p_->rules[r];
        p_->reader_tape.insert(p_->reader_tape.end(), p_->tape.begin() + m.seg_begin, p_->tape.begin() + m.seg_end);
      }
    }
    p_->reader_tape_begin[facts] = static_cast<std::uint32_t>(p_->reader_tape.size());
  }

  // The batch tape: the same instructions with temporaries reused once their last reader has
  // run, so a block's registers stay small enough for the cache.
  void batch_tape() {
    const auto& tape = p_->tape;
    const std::uint32_t first_temp = p_->temp_base;
    const std::uint32_t count = p_->register_count;
    std::vector<bool> is_constant(count, false);
    for (const auto& [reg, raw] : p_->constant_registers) is_constant[reg] = true;
    // Last use of each temporary.
    std::vector<std::int64_t> last_use(count, -1);
    auto for_each_use = [&](const instr& in, auto&& f) {
      switch (in.op) {
        case opcode::and_n: case opcode::or_n: case opcode::at_least: case opcode::count_true:
        case opcode::all_status: case opcode::any_status: case opcode::at_least_status: case opcode::count_status:
          for (std::uint32_t k = 0; k < in.aux; ++k) f(p_->pool[in.b + k]);
          break;
        case opcode::in_set: case opcode::not_in_set: case opcode::in_text: case opcode::not_in_text:
          f(in.a);
          for (std::uint32_t k = 0; k < in.aux; ++k) f(p_->pool[in.b + k]);
          break;
        case opcode::select:
          f(in.a);
          f(p_->pool[in.b]);
          f(p_->pool[in.b + 1]);
          break;
        case opcode::call:
          for (std::int64_t k = 0; k < in.imm; ++k) f(p_->pool[in.b + static_cast<std::uint32_t>(k)]);
          break;
        case opcode::evaluate:
          break;
        case opcode::neg: case opcode::abs: case opcode::not_: case opcode::known: case opcode::to_scaled:
        case opcode::round_scaled: case opcode::year_of: case opcode::month_of: case opcode::applicable:
        case opcode::mov: case opcode::load_rule:
        case opcode::lt_i: case opcode::le_i: case opcode::gt_i: case opcode::ge_i: case opcode::eq_i: case opcode::ne_i:
          f(in.a);
          break;
        default:
          f(in.a);
          f(in.b);
          break;
      }
    };
    for (std::size_t i = 0; i < tape.size(); ++i)
      for_each_use(tape[i], [&](std::uint32_t r) {
        if (r >= first_temp) last_use[r] = static_cast<std::int64_t>(i);
      });
    // Constants keep their own registers; temporaries share a pool.
    std::vector<std::uint32_t> phys(count, 0);
    for (std::uint32_t r = 0; r < first_temp; ++r) phys[r] = r;
    std::uint32_t next = first_temp;
    for (std::uint32_t r = first_temp; r < count; ++r)
      if (is_constant[r]) phys[r] = next++;
    std::vector<std::uint32_t> free_list;
    std::vector<bool> assigned(count, false);
    p_->batch_tape = tape;
    p_->batch_pool = p_->pool;
    for (std::size_t i = 0; i < tape.size(); ++i) {
      const instr& in = tape[i];
      if (in.dst >= first_temp && !is_constant[in.dst] && !assigned[in.dst]) {
        if (!free_list.empty()) {
          phys[in.dst] = free_list.back();
          free_list.pop_back();
        } else {
          phys[in.dst] = next++;
        }
        assigned[in.dst] = true;
      }
      for_each_use(in, [&](std::uint32_t r) {
        if (r >= first_temp && !is_constant[r] && last_use[r] == static_cast<std::int64_t>(i) && assigned[r]) {
          free_list.push_back(phys[r]);
          assigned[r] = false;
          last_use[r] = -2;
        }
      });
    }
    for (instr& in : p_->batch_tape) {
      in.dst = phys[in.dst];
      if (in.op != opcode::and_n && in.op != opcode::or_n) in.a = phys[in.a];
      switch (in.op) {
        case opcode::evaluate: break;
        case opcode::lt_i: case opcode::le_i: case opcode::gt_i: case opcode::ge_i: case opcode::eq_i: case opcode::ne_i:
        case opcode::neg: case opcode::abs: case opcode::not_: case opcode::known: case opcode::to_scaled:
        case opcode::round_scaled: case opcode::year_of: case opcode::month_of: case opcode::applicable:
        case opcode::mov: case opcode::load_rule:
          break;
        case opcode::and_n: case opcode::or_n: case opcode::at_least: case opcode::count_true:
        case opcode::all_status: case opcode::any_status: case opcode::at_least_status: case opcode::count_status:
        case opcode::in_set: case opcode::not_in_set: case opcode::in_text: case opcode::not_in_text:
        case opcode::select: case opcode::call:
          break;  // pool operands remapped below
        default:
          in.b = phys[in.b];
          break;
      }
    }
    for (std::uint32_t& r : p_->batch_pool) r = phys[r];
    for (const auto& [reg, raw] : p_->constant_registers) p_->batch_constant_registers.emplace_back(phys[reg], raw);
    p_->batch_register_count = next;
    for (auto& m : p_->rules) {
      m.batch_begin = m.seg_begin;
      m.batch_end = m.seg_end;
    }
  }

  const function_registry& fns_;
  const compile_options& opt_;
  std::shared_ptr<detail::program_impl> p_;
  diagnostics diag_;
  std::vector<const criteria_set*> sets_;
  std::unordered_map<std::string, const char*> ids_;
  std::vector<std::uint32_t> parameter_sets_;
  std::vector<rule_source> rules_;
  std::unordered_map<std::string, std::uint32_t> rule_ids_;
  std::vector<std::vector<std::uint32_t>> set_criteria_;
  std::vector<std::uint32_t> standard_of_set_;
  std::unordered_map<std::string, std::uint32_t> standard_sets_;
  std::vector<expression_unit> units_;
  std::vector<std::uint32_t> order_;
  std::vector<std::uint32_t> position_;
  std::vector<value_type> rule_types_;
  std::vector<std::string> rule_units_;
  std::vector<bool> rule_typed_;
  std::vector<bool> rule_is_key_;
};

}  // namespace
}  // namespace rules_internal

result<program> compile(const criteria_set& set, const function_registry& functions, const compile_options& options) {
  try {
    auto impl = rules_internal::compiler(set, functions, options).run();
    if (!impl) return fail(std::move(impl).error());
    return program(std::move(*impl));
  } catch (const std::bad_alloc&) {
    return fail(errc::limit_exceeded, "out of memory while compiling the criteria set");
  } catch (const std::exception& e) {
    return fail(errc::internal, std::string("internal error while compiling: ") + e.what());
  }
}

NTM_END_NAMESPACE
