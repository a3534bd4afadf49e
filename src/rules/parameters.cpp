// SPDX-License-Identifier: MIT
// Dated parameters: range checks (overlaps and gaps are load errors that name the parameter
// and the dates, never silent defaults) and the table of values per period and region, with
// derived parameters computed once here rather than at every evaluation.
#include <algorithm>
#include <deque>
#include <map>

#include "rules/compiler.hpp"
#include "rules/kernel.hpp"

NTM_BEGIN_NAMESPACE

namespace detail {

const rules_internal::parameter_epoch* program_impl::epoch(std::size_t region, date at) const {
  const auto& table = epochs[region];
  auto it = std::upper_bound(table.begin(), table.end(), at, [](const date& d, const rules_internal::parameter_epoch& e) { return d < e.from; });
  if (it == table.begin()) return nullptr;
  --it;
  return at <= it->to ? &*it : nullptr;
}

int program_impl::region_of(std::string_view key) const {
  for (std::size_t k = 0; k < regions.size(); ++k)
    if (regions[k] == key) return static_cast<int>(k);
  return -1;
}

}  // namespace detail

namespace rules_internal {

namespace {

const date& lowest() {
  static const date d(min_year, 1, 1);
  return d;
}
const date& highest() {
  static const date d(max_year, 12, 31);
  return d;
}

std::string span(const parameter_value& v) {
  return (v.from ? format_date(*v.from) : std::string("…")) + ".." + (v.to ? format_date(*v.to) : std::string("…"));
}

}  // namespace

bool build_parameter_table(detail::program_impl& p, const std::vector<expression_unit>& formulas, diagnostics& diag) {
  const std::size_t before = diag.size();
  const std::size_t count = p.parameters.size();
  std::vector<date> breaks{lowest()};
  // 1. Ranges of each parameter and region: no overlap, no gap.
  for (std::size_t k = 0; k < count; ++k) {
    const parameter_definition& d = p.parameters[k].def;
    const criteria_set* owner = p.sets.back();
    for (const criteria_set* s : p.sets)
      for (const auto& pd : s->parameters)
        if (pd.id == d.id) owner = s;
    std::map<std::string, std::vector<const parameter_value*>> by_region;
    for (const auto& v : d.values) {
      if (v.from && v.to && *v.to < *v.from) {
        diag.add(errc::parameter_overlap, "parameter " + d.id + ": the value " + span(v) + " ends before it starts", owner, v.pointer);
        continue;
      }
      by_region[v.region].push_back(&v);
      if (v.from) breaks.push_back(*v.from);
      if (v.to && *v.to < highest()) breaks.push_back(*v.to + boost::gregorian::days(1));
    }
    for (auto& [region, values] : by_region) {
      std::stable_sort(values.begin(), values.end(), [](const parameter_value* a, const parameter_value* b) {
        return (a->from ? *a->from : lowest()) < (b->from ? *b->from : lowest());
      });
      const std::string where = region.empty() ? "" : " (region " + region + ")";
      for (std::size_t i = 1; i < values.size(); ++i) {
        const parameter_value& prev = *values[i - 1];
        const parameter_value& next = *values[i];
        const date next_from = next.from ? *next.from : lowest();
        if (!prev.to || !(*prev.to < next_from)) {
          diag.add(errc::parameter_overlap,
                   "parameter " + d.id + where + ": the value in force " + span(next) + " overlaps the value in force " + span(prev) +
                       "; give the earlier value an end date (\"to\") before " + format_date(next_from),
                   owner, next.pointer);
        } else if (*prev.to + boost::gregorian::days(1) < next_from) {
          diag.add(errc::parameter_gap,
                   "parameter " + d.id + where + " has no value from " + format_date(*prev.to + boost::gregorian::days(1)) + " to " +
                       format_date(next_from - boost::gregorian::days(1)) + ", between the values " + span(prev) + " and " + span(next),
                   owner, next.pointer);
        }
      }
    }
  }
  if (diag.size() != before) return false;

  // 2. Derived parameters in dependency order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  std::vector<int> formula_of(count, -1);
  for (std::size_t f = 0; f < formulas.size(); ++f) {
    formula_of[formulas[f].owner_index] = static_cast<int>(f);
    std::vector<std::uint32_t> facts, params;
    referenced_inputs(formulas[f].ast, facts, params);
    for (std::uint32_t q : params) edges.emplace_back(q, formulas[f].owner_index);
  }
  const ordering order = order_dependencies(count, edges);
  if (!order.cycle.empty()) {
    std::vector<std::uint32_t> cycle(order.cycle.rbegin(), order.cycle.rend());  // "uses" order
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    std::string path;
    for (std::uint32_t v : cycle) path += p.parameters[v].def.id + " → ";
    path += p.parameters[cycle.front()].def.id;
    const auto& first = formulas[static_cast<std::size_t>(formula_of[order.cycle.front()] >= 0 ? formula_of[order.cycle.front()] : 0)];
    diag.add(errc::dependency_cycle, "parameters depend on each other in a cycle: " + path, first.set, first.pointer);
    return false;
  }
  for (std::size_t k = 0; k < count; ++k) {
    p.parameters[k].depends.clear();
    if (formula_of[k] < 0) continue;
    std::vector<std::uint32_t> facts, params;
    referenced_inputs(formulas[static_cast<std::size_t>(formula_of[k])].ast, facts, params);
    p.parameters[k].depends = params;
  }
  // Transitive dependencies, in order.
  for (std::uint32_t k : order.order) {
    std::vector<std::uint32_t> all = p.parameters[k].depends;
    for (std::uint32_t q : p.parameters[k].depends) all.insert(all.end(), p.parameters[q].depends.begin(), p.parameters[q].depends.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    p.parameters[k].depends = all;
  }

  // Formulas compiled into their own tape, run once per period and region.
  std::vector<instr> main_tape;
  main_tape.swap(p.tape);
  std::vector<std::pair<std::size_t, std::size_t>> segment(count, {0, 0});
  {
    const std::vector<std::vector<std::uint32_t>> no_sets;
    const std::vector<bool> no_keys;
    emitter em(p, {}, no_sets, no_keys);
    for (std::uint32_t k : order.order) {
      if (formula_of[k] < 0) continue;
      const expression_unit& u = formulas[static_cast<std::size_t>(formula_of[k])];
      const std::size_t begin = p.tape.size();
      em.move(p.param_base + k, em.convert(em.emit(u.ast, u.text), u.ast.type, p.parameters[k].def.type));
      segment[k] = {begin, p.tape.size()};
    }
  }
  std::vector<instr> formula_tape;
  formula_tape.swap(p.tape);
  p.tape.swap(main_tape);

  // 3. The table: one row per period between consecutive breakpoints, per region.
  std::sort(breaks.begin(), breaks.end());
  breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
  p.epochs.assign(p.regions.size(), {});
  std::vector<std::int64_t> regs(p.register_count, 0);
  std::vector<std::uint8_t> states(p.register_count, st_unknown);
  for (const auto& [reg, raw] : p.constant_registers) {
    regs[reg] = raw;
    states[reg] = st_known;
  }
  std::vector<std::string> errors;
  std::deque<std::string> texts;
  for (std::size_t r = 0; r < p.regions.size(); ++r) {
    for (std::size_t b = 0; b < breaks.size(); ++b) {
      parameter_epoch e;
      e.from = breaks[b];
      e.to = b + 1 < breaks.size() ? breaks[b + 1] - boost::gregorian::days(1) : highest();
      e.raw.assign(count, 0);
      e.state.assign(count, st_error);
      e.value_index.assign(count, -1);
      e.messages.assign(count, std::string());
      for (std::size_t k = 0; k < count; ++k) {
        if (formula_of[k] >= 0) continue;
        const parameter_definition& d = p.parameters[k].def;
        int found = -1;
        for (const std::string& region : {p.regions[r], std::string()}) {
          for (std::size_t i = 0; i < d.values.size() && found < 0; ++i) {
            const parameter_value& v = d.values[i];
            if (v.region != region) continue;
            if ((!v.from || !(e.from < *v.from)) && (!v.to || !(*v.to < e.from))) found = static_cast<int>(i);
          }
          if (found >= 0 || region.empty()) break;
        }
        if (found >= 0) {
          e.raw[k] = d.values[static_cast<std::size_t>(found)].amount.raw();
          e.state[k] = st_known;
          e.value_index[k] = found;
        } else {
          e.messages[k] = "parameter " + d.id + " has no value in force on this date" +
                          (p.regions[r].empty() ? std::string() : " in region " + p.regions[r]);
        }
      }
      // Derived values.
      std::fill(states.begin() + p.param_base, states.begin() + p.param_base + static_cast<std::ptrdiff_t>(count), st_unknown);
      errors.clear();
      for (std::size_t k = 0; k < count; ++k) {
        regs[p.param_base + k] = e.raw[k];
        states[p.param_base + k] = e.state[k];
        if (e.state[k] == st_error) {
          errors.push_back(e.messages[k]);
          regs[p.param_base + k] = static_cast<std::int64_t>(errors.size() - 1);
        }
      }
      run_context ctx;
      ctx.program = &p;
      ctx.errors = &errors;
      ctx.runtime_texts = &texts;
      ctx.at = e.from;
      flat_registers fr{regs.data(), states.data()};
      for (std::uint32_t k : order.order) {
        if (formula_of[k] < 0) continue;
        run_tape(formula_tape.data() + segment[k].first, formula_tape.data() + segment[k].second, p.pool.data(), fr, ctx);
        e.raw[k] = regs[p.param_base + k];
        e.state[k] = states[p.param_base + k] == st_known ? st_known : st_error;
        if (e.state[k] != st_known) {
          const std::size_t msg = static_cast<std::size_t>(regs[p.param_base + k]);
          e.messages[k] = "derived parameter " + p.parameters[k].def.id + ": " +
                          (states[p.param_base + k] == st_error && msg < errors.size() ? errors[msg] : std::string("an input has no value on this date"));
        }
      }
      // Merge with the previous row when nothing changed, to keep the table short.
      auto& table = p.epochs[r];
      if (!table.empty() && table.back().raw == e.raw && table.back().state == e.state && table.back().value_index == e.value_index) {
        table.back().to = e.to;
      } else {
        table.push_back(std::move(e));
      }
    }
  }
  return true;
}

}  // namespace rules_internal
NTM_END_NAMESPACE
