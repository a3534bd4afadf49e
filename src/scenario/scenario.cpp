// SPDX-License-Identifier: MIT
// Applying a scenario to a plan: a new plan, all or nothing.
#include <ntm/scenario/scenario.hpp>

#include <algorithm>

#include <ntm/ledger/cash_flow.hpp>
#include <ntm/schedule/roadmap.hpp>

#include "io/json_document.hpp"
#include "rules/compiler.hpp"
#include "scenario/fact_changes.hpp"

NTM_BEGIN_NAMESPACE

namespace {

error at(const scenario& s, const std::string& pointer, errc code, std::string message) {
  return scenario_internal::scenario_error(s, pointer, code, std::move(message));
}

template <class Items, class Id>
std::string did_you_mean(const std::string& id, const Items& items, Id&& id_of) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(id_of(item));
  const std::string near = io_internal::closest_match(id, names);
  return near.empty() ? std::string() : "; did you mean \"" + near + "\"?";
}

// A copy of `set` (and of the base chain down to the set that defines `id`) with new values
// for parameter `id`. False when no set in the chain defines it.
bool replace_parameter(const criteria_set& set, const std::string& id, const std::vector<parameter_value>& values,
                       std::shared_ptr<criteria_set>& out) {
  auto copy = std::make_shared<criteria_set>(set);
  for (auto& d : copy->parameters) {
    if (d.id != id) continue;
    d.values = values;
    d.formula.clear();
    out = copy;
    return true;
  }
  for (auto& base : copy->bases) {
    std::shared_ptr<criteria_set> replaced;
    if (base && replace_parameter(*base, id, values, replaced)) {
      base = replaced;
      out = copy;
      return true;
    }
  }
  return false;
}

result<void> apply_fact_changes(const program& prog, fact_table& facts, const scenario& s) {
  // s.base's changes were applied when the base scenario was; only this scenario's own here.
  scenario own = s;
  own.base.reset();
  NTM_TRY(changes, scenario_internal::resolve(prog, own));
  const provenance prov{"scenario " + s.id, std::nullopt, "", true};
  for (const scenario_internal::resolved_change& c : changes) {
    if (c.op == fact_change_op::set) {
      NTM_CHECK(facts.set(c.slot, c.set_value, prov));
      continue;
    }
    auto current = facts.get(c.slot);
    if (!current) continue;  // an unknown value stays unknown
    NTM_TRY(raw, scenario_internal::changed_raw(c, current->raw()));
    NTM_CHECK(facts.set(c.slot, rules_internal::decode_value(current->type(), raw, {}), prov));
  }
  return {};
}

// Moves a fact table onto another program's layout (same fact ids).
result<fact_table> relayout(const fact_table& from, const program& to) {
  fact_table out = to.make_facts();
  for (std::uint32_t k = 0; k < from.size(); ++k) {
    auto v = from.get(fact_slot{k});
    if (!v) continue;
    NTM_CHECK(out.set(from.id(fact_slot{k}), *v, from.provenance_of(fact_slot{k})));
  }
  return out;
}

// The criteria set of `set` with the parameter changes of `s` alone (not its bases).
result<std::shared_ptr<criteria_set>> with_parameters(std::shared_ptr<criteria_set> set, const scenario& s) {
  for (const parameter_change& c : s.parameters) {
    std::vector<parameter_value> values;
    value_type type = value_type::number;
    // The parameter's type, from whichever set defines it.
    bool found = false;
    std::vector<const criteria_set*> chain{set.get()};
    for (std::size_t k = 0; k < chain.size(); ++k) {
      for (const auto& d : chain[k]->parameters)
        if (d.id == c.parameter) {
          type = d.type;
          found = true;
        }
      for (const auto& b : chain[k]->bases)
        if (b) chain.push_back(b.get());
    }
    if (!found) return fail(at(s, c.pointer + "/parameter", errc::unknown_parameter, "\"" + c.parameter + "\" is not a parameter of the criteria set"));
    for (std::size_t k = 0; k < c.values.size(); ++k) {
      const auto& dv = c.values[k];
      auto v = parse_value(type, dv.value);
      if (!v) return fail(at(s, c.pointer + "/values/" + std::to_string(k) + "/value", v.error().code, v.error().message));
      parameter_value pv;
      pv.from = dv.from;
      pv.to = dv.to;
      pv.region = dv.region;
      pv.amount = *v;
      pv.reference = dv.reference;
      values.push_back(std::move(pv));
    }
    std::shared_ptr<criteria_set> replaced;
    replace_parameter(*set, c.parameter, values, replaced);
    set = replaced;
  }
  return set;
}

result<void> apply_parameters(plan& p, const scenario& s, const function_registry& functions) {
  if (s.parameters.empty()) return {};
  NTM_TRY(set, with_parameters(std::make_shared<criteria_set>(p.criteria.definition()), s));
  auto prog = compile(*set, functions);
  if (!prog) return fail(prog.error().add_context("while applying the parameter changes of scenario " + s.id));
  NTM_TRY(facts, relayout(p.baseline, *prog));
  p.criteria = std::move(*prog);
  p.baseline = std::move(facts);
  return {};
}

result<void> apply_tasks(plan& p, const scenario& s) {
  if (s.tasks.empty()) return {};
  roadmap road = p.road;
  if (!road.deadline) road.deadline = p.target;
  NTM_TRY(base_schedule, add_context(schedule_roadmap(road), "while scheduling the plan before scenario " + s.id));
  NTM_TRY(cal, calendar::build(effective_calendar(p.road)));
  auto& tasks = p.road.tasks;
  auto id_of = [](const task& t) { return t.id; };
  for (const task_change& c : s.tasks) {
    auto it = std::find_if(tasks.begin(), tasks.end(), [&](const task& t) { return t.id == c.task; });
    if (it == tasks.end())
      return fail(at(s, c.pointer + "/task", errc::unknown_reference, "the roadmap has no task \"" + c.task + "\"" + did_you_mean(c.task, tasks, id_of)));
    if (c.remove) {
      const std::string id = c.task;
      tasks.erase(it);
      for (task& t : tasks)
        t.depends_on.erase(std::remove_if(t.depends_on.begin(), t.depends_on.end(), [&](const dependency& d) { return d.task == id; }),
                           t.depends_on.end());
      auto& needs = p.funding.needs;
      needs.erase(std::remove_if(needs.begin(), needs.end(), [&](const funding_need& n) { return n.task == id; }), needs.end());
      auto& sources = p.funding.sources;
      sources.erase(std::remove_if(sources.begin(), sources.end(),
                                   [&](const funding_source& src) { return src.available.kind == availability_kind::after_task && src.available.task == id; }),
                    sources.end());
      continue;
    }
    task& t = *it;
    if (c.duration) t.duration = *c.duration;
    if (c.delay_days > 0 || c.delay_working_days > 0) {
      const task_schedule* row = base_schedule.find(t.id);
      date start = row ? row->early_start : p.road.project_start;
      if (c.delay_days > 0) NTM_CHECK(add_days(start, c.delay_days).map([&](date d) { start = d; return 0; }));
      if (c.delay_working_days > 0) {
        auto moved = cal.add_working_days(start, c.delay_working_days);
        if (!moved) return fail(at(s, c.pointer, moved.error().code, moved.error().message));
        start = *moved;
      }
      if (!t.window.start || t.window.start->first < start) t.window.start = period{period_kind::day, start, start};
      // A delayed task no longer keeps its own planned finish window; what it pushes past
      // theirs (successors, the deadline) is reported by the schedule as a conflict.
      if (t.window.finish && t.window.finish->last < start) t.window.finish.reset();
    }
    for (std::size_t k = 0; k < c.add_dependencies.size(); ++k) {
      const dependency& d = c.add_dependencies[k];
      if (std::none_of(tasks.begin(), tasks.end(), [&](const task& x) { return x.id == d.task; }))
        return fail(at(s, c.pointer + "/add_dependencies/" + std::to_string(k), errc::unknown_reference,
                       "the roadmap has no task \"" + d.task + "\"" + did_you_mean(d.task, tasks, id_of)));
      t.depends_on.push_back(d);
    }
  }
  NTM_CHECK(add_context(task_network::build(tasks), "the roadmap changed by scenario " + s.id));
  return {};
}

// What the document stated about an item the scenario removes no longer applies.
void drop_stated(funding_plan& f, const std::string& figure) {
  f.stated.erase(std::remove_if(f.stated.begin(), f.stated.end(), [&](const stated_figure& x) { return x.figure == figure; }), f.stated.end());
}

result<void> apply_funding(plan& p, const scenario& s) {
  auto& needs = p.funding.needs;
  auto need_id = [](const funding_need& n) { return n.id; };
  for (const need_change& c : s.needs) {
    if (c.add) {
      if (std::any_of(needs.begin(), needs.end(), [&](const funding_need& n) { return n.id == c.need; }))
        return fail(at(s, c.pointer, errc::duplicate_id, "the funding already has a need \"" + c.need + "\""));
      needs.push_back(*c.add);
      continue;
    }
    auto it = std::find_if(needs.begin(), needs.end(), [&](const funding_need& n) { return n.id == c.need; });
    if (it == needs.end())
      return fail(at(s, c.pointer + "/need", errc::unknown_reference, "the funding has no need \"" + c.need + "\"" + did_you_mean(c.need, needs, need_id)));
    if (c.remove) {
      needs.erase(it);
      drop_stated(p.funding, "need." + c.need);
      continue;
    }
    if (c.amount) it->amount = *c.amount;
    if (c.scale) {
      auto scaled_amount = share(it->amount, *c.scale);
      if (!scaled_amount) return fail(at(s, c.pointer + "/scale", scaled_amount.error().code, scaled_amount.error().message));
      it->amount = *scaled_amount;
    }
    if (c.delay_days > 0) {
      if (it->payment_delay_days > max_payment_delay_days - c.delay_days)
        return fail(at(s, c.pointer + "/delay_days", errc::invalid_value,
                       "need \"" + c.need + "\" would be paid more than " + std::to_string(max_payment_delay_days) + " days after it falls due"));
      it->payment_delay_days += c.delay_days;
    }
  }
  auto& sources = p.funding.sources;
  auto source_id = [](const funding_source& x) { return x.id; };
  for (const source_change& c : s.sources) {
    if (c.add) {
      if (std::any_of(sources.begin(), sources.end(), [&](const funding_source& x) { return x.id == c.source; }))
        return fail(at(s, c.pointer, errc::duplicate_id, "the funding already has a source \"" + c.source + "\""));
      sources.push_back(*c.add);
      continue;
    }
    auto it = std::find_if(sources.begin(), sources.end(), [&](const funding_source& x) { return x.id == c.source; });
    if (it == sources.end())
      return fail(at(s, c.pointer + "/source", errc::unknown_reference,
                     "the funding has no source \"" + c.source + "\"" + did_you_mean(c.source, sources, source_id)));
    if (c.remove) {
      sources.erase(it);
      drop_stated(p.funding, "source." + c.source);
      continue;
    }
    if (c.scale) {
      if (it->amount) {
        auto v = share(*it->amount, *c.scale);
        if (!v) return fail(at(s, c.pointer + "/scale", v.error().code, v.error().message));
        it->amount = *v;
      }
      if (it->share) {
        // A derived source scales through its rate: 15% × 50% = 7,5%.
        const auto num = static_cast<detail::int128>(it->share->rate.numerator) * c.scale->numerator;
        const auto den = static_cast<detail::int128>(it->share->rate.denominator) * c.scale->denominator;
        if (num > INT64_MAX || den > INT64_MAX) return fail(at(s, c.pointer + "/scale", errc::overflow, "the scaled rate overflows"));
        it->share->rate = fraction{static_cast<std::int64_t>(num), static_cast<std::int64_t>(den)};
      }
    }
    if (c.delay_days > 0) {
      availability& av = it->available;
      switch (av.kind) {
        case availability_kind::from_date:
          if (av.from) NTM_CHECK(add_days(*av.from, c.delay_days).map([&](date d) { av.from = d; return 0; }));
          break;
        case availability_kind::after_task:
          av.lag_days += c.delay_days;
          break;
        case availability_kind::spread:
          if (av.spread) {
            NTM_TRY(first, add_days(av.spread->first, c.delay_days));
            NTM_TRY(last, add_days(av.spread->last, c.delay_days));
            av.spread = period{period_kind::range, first, last};
          }
          break;
        default:
          break;
      }
      if (it->condition) it->condition->lag_days += c.delay_days;
    }
  }
  const std::vector<error> problems = check(p.funding);
  if (!problems.empty()) return fail(error(problems.front()).add_context("the funding changed by scenario " + s.id));
  return {};
}

}  // namespace

result<void> apply_facts(const program& prog, fact_table& facts, const scenario& s) {
  // Changes a copy, then moves it in (which cannot fail): all or nothing.
  return core_internal::guarded("applying a scenario's facts", [&]() -> result<void> {
    fact_table copy = facts;
    if (s.base) NTM_CHECK(apply_facts(prog, copy, *s.base));
    NTM_CHECK(apply_fact_changes(prog, copy, s));
    facts = std::move(copy);
    return {};
  });
}

result<program> apply_parameters(const program& prog, const scenario& s, const function_registry& functions) {
  try {
    std::vector<const scenario*> chain;  // bases first
    for (const scenario* x = &s; x; x = x->base.get()) chain.insert(chain.begin(), x);
    if (std::none_of(chain.begin(), chain.end(), [](const scenario* x) { return !x->parameters.empty(); })) return prog;
    auto set = std::make_shared<criteria_set>(prog.definition());
    for (const scenario* x : chain) {
      NTM_TRY(next, with_parameters(set, *x));
      set = std::move(next);
    }
    auto changed = compile(*set, functions);
    if (!changed) return fail(changed.error().add_context("while applying the parameter changes of scenario " + s.id));
    return changed;
  } catch (const std::exception& e) {
    return fail(errc::internal, std::string("internal error while applying a scenario's parameters: ") + e.what());
  }
}

result<plan> apply(const plan& p, const scenario& s, const function_registry& functions) {
  return core_internal::guarded("applying a scenario", [&]() -> result<plan> {
    if (!s.merges.empty())
      return fail(at(s, s.merges.front().pointer, errc::invalid_argument,
                     "scenario " + s.id + " merges units; a plan is one unit (merges apply to a table of units: ntm batch)"));
    plan out = p;
    if (s.base) {
      NTM_TRY(based, apply(p, *s.base, functions));
      out = std::move(based);
    }
    NTM_CHECK(apply_parameters(out, s, functions));
    NTM_CHECK(apply_fact_changes(out.criteria, out.baseline, s));
    NTM_CHECK(apply_tasks(out, s));
    NTM_CHECK(apply_funding(out, s));
    if (s.at) out.baseline_date = *s.at;
    if (s.target) out.target = *s.target;
    return out;
  });
}

NTM_END_NAMESPACE
