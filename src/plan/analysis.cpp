// SPDX-License-Identifier: MIT
// The whole analysis of a plan: assessment, schedule, projection of the criteria through the
// tasks' completions, missing items, funding and cash, and the document's statements.
#include <ntm/plan/analysis.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <ntm/schedule/roadmap.hpp>

NTM_BEGIN_NAMESPACE

namespace {

// Applies one effect to the facts; the fact's type decides how the value is read.
result<void> apply_effect(const program& prog, fact_table& facts, const effect& e) {
  NTM_TRY(slot, prog.find_fact(e.fact));
  const fact_definition& def = prog.fact(slot);
  NTM_TRY(v, parse_value(def.type, e.value));
  if (e.op == effect_op::set) return facts.set(slot, v, provenance{"projected by the plan", std::nullopt, "", true});
  // add: an unknown value stays unknown (adding to nothing known is not a number).
  auto current = facts.get(slot);
  if (!current) return {};
  std::int64_t sum = 0;
  if (!checked_add(current->raw(), v.raw(), sum))
    return fail(errc::overflow, "adding to fact " + e.fact + " overflows");
  value next = v;
  switch (def.type) {
    case value_type::integer: next = value::of_integer(sum); break;
    case value_type::number: next = value::of_number(decimal::from_micros(sum)); break;
    case value_type::money: next = value::of_money(money::from_dong(sum)); break;
    case value_type::percent: next = value::of_percent(decimal::from_micros(sum)); break;
    default: return fail(errc::fact_type, "cannot add to fact " + e.fact + " of type " + to_string(def.type));
  }
  return facts.set(slot, next, provenance{"projected by the plan", std::nullopt, "", true});
}

}  // namespace

result<projection_result> project(const program& prog, const fact_table& baseline, date from, date until,
                                  const std::vector<task>& tasks, const std::vector<std::optional<date>>& finish,
                                  std::string_view region) {
  if (finish.size() != tasks.size()) return fail(errc::invalid_argument, "one finish date (or none) is needed per task");
  if (from.is_special() || until.is_special() || until < from)
    return fail(errc::invalid_argument, "the projection needs dates from ≤ until");
  projection_result out;
  out.final_facts = baseline;
  const std::size_t rules = prog.rule_count();
  out.met_on.assign(rules, std::nullopt);
  // Evaluation points: each completion (with effects) and each change of a parameter.
  std::vector<std::pair<date, std::size_t>> completions;
  for (std::size_t k = 0; k < tasks.size(); ++k)
    if (finish[k] && !tasks[k].effects.empty() && !(*finish[k] < from) && !(until < *finish[k])) completions.emplace_back(*finish[k], k);
  std::stable_sort(completions.begin(), completions.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::set<date> points;
  for (const auto& c : completions) points.insert(c.first);
  for (date d : prog.parameter_changes(from, until, region)) points.insert(d);

  evaluation_state state;
  NTM_CHECK(prog.evaluate(state, out.final_facts, from, region));
  std::vector<status> current(rules);
  for (std::uint32_t r = 0; r < rules; ++r) {
    current[r] = state.status_of(rule_index{r});
    if (current[r] == status::met) out.met_on[r] = from;
  }
  date evaluated_at = from;
  std::size_t next = 0;
  for (date d : points) {
    projection_event ev;
    ev.on = d;
    std::vector<fact_slot> changed;
    for (; next < completions.size() && completions[next].first == d; ++next) {
      const task& t = tasks[completions[next].second];
      ev.task += (ev.task.empty() ? "" : ", ") + t.id;
      for (const effect& e : t.effects) {
        NTM_CHECK(add_context(apply_effect(prog, out.final_facts, e), "in an effect of task " + t.id));
        changed.push_back(*prog.find_fact(e.fact));
        ev.facts_changed.push_back(e.fact);
      }
    }
    // A new parameter period: assess afresh on that date; otherwise only what changed.
    const bool new_period = !prog.parameter_changes(evaluated_at, d, region).empty();
    if (new_period) NTM_CHECK(prog.evaluate(state, out.final_facts, d, region));
    else NTM_CHECK(prog.reevaluate(state, out.final_facts, changed));
    evaluated_at = d;
    for (std::uint32_t r = 0; r < rules; ++r) {
      const status s = state.status_of(rule_index{r});
      if (s == current[r]) continue;
      if (s == status::met) {
        out.met_on[r] = d;
        ev.rules_met.push_back(prog.rule(rule_index{r}).id);
      } else if (current[r] == status::met) {
        out.met_on[r].reset();
        ev.rules_lost.push_back(prog.rule(rule_index{r}).id);
      }
      current[r] = s;
    }
    if (ev.task.empty()) ev.task = "";  // a change of parameters only
    out.events.push_back(std::move(ev));
  }
  out.final_status = std::move(current);
  return out;
}

namespace {

std::vector<std::optional<date>> finish_dates(const plan& p, const schedule_result& s) {
  std::vector<std::optional<date>> out(p.road.tasks.size());
  for (std::size_t k = 0; k < p.road.tasks.size(); ++k) {
    const task& t = p.road.tasks[k];
    if (t.actual.finish) out[k] = *t.actual.finish;
    else if (const task_schedule* row = s.find(t.id)) out[k] = row->early_finish;
  }
  return out;
}

const responsibility* lead_of(const plan& p, const std::string& id) {
  for (const responsibility& r : p.responsibilities)
    if (std::find(r.leads.begin(), r.leads.end(), id) != r.leads.end()) return &r;
  return nullptr;
}

}  // namespace

date projection_end(const plan& p, const std::vector<std::optional<date>>& finish) {
  date end = p.target;
  for (std::size_t k = 0; k < p.road.tasks.size() && k < finish.size(); ++k)
    if (finish[k] && !p.road.tasks[k].effects.empty() && end < *finish[k]) end = *finish[k];
  return end;
}

result<plan_analysis> analyze(const plan& p, const analysis_options& options) {
  try {
    plan_analysis a;
    a.source = &p;
    const program& prog = p.criteria;
    const std::string& region = p.unit.region;
    evaluate_options eo;
    eo.at = options.at.value_or(p.baseline_date);
    eo.region = region;
    NTM_TRY(base, add_context(prog.evaluate(p.baseline, eo), "while assessing the baseline"));
    a.baseline = std::move(base);

    // The schedule, against the plan's target when the roadmap names no deadline.
    roadmap road = p.road;
    if (!road.deadline) road.deadline = p.target;
    NTM_TRY(sched, add_context(schedule_roadmap(road), "while scheduling the roadmap"));
    a.schedule = std::move(sched);

    // The projection: through the target, or the last completion that changes facts if later
    // (after it nothing changes; assessing later would only meet thresholds not yet set).
    const std::vector<std::optional<date>> finish = finish_dates(p, a.schedule);
    const date end = projection_end(p, finish);
    NTM_TRY(proj, add_context(project(prog, p.baseline, eo.at, end, p.road.tasks, finish, region), "while projecting the plan"));
    a.events = proj.events;
    NTM_TRY(to_target, project(prog, p.baseline, eo.at, p.target < eo.at ? eo.at : p.target, p.road.tasks, finish, region));
    evaluate_options at_target = eo;
    at_target.at = p.target < eo.at ? eo.at : p.target;
    NTM_TRY(target_assessment, add_context(prog.evaluate(to_target.final_facts, at_target), "while assessing at the target date"));
    a.at_target = std::move(target_assessment);

    // Which tasks serve a rule: linked to it or to one of its indicators, or changing a fact
    // in its lineage.
    auto tasks_for = [&](const std::string& rule_id) {
      std::vector<std::string> out;
      auto lin = prog.lineage_of(rule_id);
      std::set<std::string> related{rule_id};
      if (lin) related.insert(lin->rules.begin(), lin->rules.end());
      for (const task& t : p.road.tasks) {
        bool serves = std::any_of(t.criteria.begin(), t.criteria.end(), [&](const std::string& c) { return related.count(c) > 0; });
        if (lin)
          for (const effect& e : t.effects)
            serves = serves || std::find(lin->facts.begin(), lin->facts.end(), e.fact) != lin->facts.end();
        if (serves) out.push_back(t.id);
      }
      return out;
    };
    auto projection_of = [&](rule_index r) {
      rule_projection rp;
      rp.id = prog.rule(r).id;
      if (const rule_outcome* o = a.baseline.find(rp.id)) rp.at_baseline = o->result;
      if (const rule_outcome* o = a.at_target.find(rp.id)) rp.at_target = o->result;
      rp.met_on = proj.met_on[r.index];
      rp.met_by_target = rp.met_on && !(p.target < *rp.met_on);
      rp.tasks = tasks_for(rp.id);
      for (rule_index c : prog.rule(r).children)
        if (proj.final_status[c.index] != status::met && proj.final_status[c.index] != status::not_applicable)
          rp.still_missing.push_back(prog.rule(c).id);
      return rp;
    };
    NTM_TRY(goal, prog.find_rule(p.goal));
    a.goal = projection_of(goal);
    std::vector<rule_index> criteria = prog.rule(goal).children;
    for (rule_index c : criteria) a.criteria.push_back(projection_of(c));

    // Missing items: indicators of the goal's criteria not met at the baseline.
    std::map<std::string, const funding_need*> need_by_id;
    for (const funding_need& n : p.funding.needs) need_by_id[n.id] = &n;
    for (rule_index c : criteria) {
      const rule_info& crit = prog.rule(c);
      // Items of criteria already met are not missing (an unknown detail of a met criterion
      // is a data gap, listed by the reports from the assessment itself).
      if (const rule_outcome* co = a.baseline.find(crit.id); !co || co->result == status::met || co->result == status::not_applicable) continue;
      for (rule_index i : crit.children) {
        const rule_info& ind = prog.rule(i);
        const rule_outcome* o = a.baseline.find(ind.id);
        if (!o || o->result == status::met || o->result == status::not_applicable) continue;
        missing_item m;
        m.indicator = ind.id;
        m.criterion = crit.id;
        m.name = ind.name;
        m.explanation = a.baseline.explain(ind.id, options.language);
        m.met_on = proj.met_on[i.index];
        // Tasks changing the indicator's facts.
        auto lin = prog.lineage_of(ind.id);
        std::set<std::string> needs;
        for (std::size_t k = 0; k < p.road.tasks.size(); ++k) {
          const task& t = p.road.tasks[k];
          const bool changes = lin && std::any_of(t.effects.begin(), t.effects.end(), [&](const effect& e) {
            return std::find(lin->facts.begin(), lin->facts.end(), e.fact) != lin->facts.end();
          });
          if (!changes) continue;
          m.tasks.push_back(t.id);
          if (finish[k] && (!m.planned_finish || *m.planned_finish < *finish[k])) m.planned_finish = finish[k];
          if (m.lead.empty()) m.lead = t.lead;
          for (const std::string& s : t.support)
            if (std::find(m.supports.begin(), m.supports.end(), s) == m.supports.end()) m.supports.push_back(s);
          needs.insert(t.cost_items.begin(), t.cost_items.end());
          for (const funding_need& n : p.funding.needs)
            if (n.task == t.id) needs.insert(n.id);
        }
        if (const responsibility* r = lead_of(p, crit.id)) m.lead = r->body;
        for (const std::string& n : needs) {
          auto it = need_by_id.find(n);
          if (it == need_by_id.end()) continue;
          NTM_TRY(total, add(m.cost, it->second->amount));
          m.cost = total;
        }
        a.missing.push_back(std::move(m));
      }
    }

    // Funding: totals and statements, then cash against the schedule and the projection.
    NTM_TRY(recon, add_context(reconcile(p.funding), "while reconciling the funding"));
    a.funding = std::move(recon);
    funding_timeline tl;
    for (std::size_t k = 0; k < p.road.tasks.size(); ++k) {
      const task& t = p.road.tasks[k];
      const task_schedule* row = a.schedule.find(t.id);
      if (!row) continue;
      funding_timeline::task_dates d;
      d.planned_start = row->early_start;
      d.planned_finish = row->early_finish;
      d.actual_start = t.actual.start;
      d.actual_finish = t.actual.finish;
      tl.tasks[t.id] = d;
    }
    for (const funding_source& s : p.funding.sources)
      if (s.condition)
        if (auto r = prog.find_rule(s.condition->rule)) tl.rules[s.condition->rule] = proj.met_on[r->index];
    NTM_TRY(cash, add_context(project_cash(p.funding, tl), "while projecting the cash position"));
    a.cash = std::move(cash);
    a.timeline = std::move(tl);

    // What the document states about statuses.
    for (const auto& [ids, said] : {std::pair<const std::vector<std::string>*, const char*>{&p.stated.met, "met"},
                                    std::pair<const std::vector<std::string>*, const char*>{&p.stated.not_met, "not_met"}}) {
      for (const std::string& id : *ids) {
        const rule_outcome* o = a.baseline.find(id);
        const status computed = o ? o->result : status::unknown;
        const bool agrees = std::string(said) == "met" ? computed == status::met : computed == status::not_met;
        if (!agrees) a.stated_discrepancies.push_back({id, said, computed, p.stated.where});
      }
    }
    return a;
  } catch (const std::exception& e) {
    return fail(errc::internal, std::string("internal error while analysing the plan: ") + e.what());
  }
}

NTM_END_NAMESPACE
