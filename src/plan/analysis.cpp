// SPDX-License-Identifier: MIT
// The whole analysis of a plan: assessment, schedule, projection of the criteria through the
// tasks' completions, missing items, funding and cash, and the document's statements.
#include <ntm/plan/analysis.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <ntm/schedule/roadmap.hpp>

#include "plan/projection.hpp"

NTM_BEGIN_NAMESPACE

namespace plan_internal {

projector::projector(const program& prog, const std::vector<task>& tasks, date from, std::string_view region)
    : prog_(prog), tasks_(tasks), from_(from), region_(region) {
  effects_.resize(tasks.size());
  dependents_.resize(prog.fact_count());
  for (std::size_t k = 0; k < tasks.size(); ++k)
    for (const effect& e : tasks[k].effects) {
      resolved_effect r;
      r.op = e.op;
      if (auto slot = prog.find_fact(e.fact)) {
        r.slot = *slot;
        r.type = prog.fact(*slot).type;
        if (dependents_[slot->index].empty())
          for (const rule_index d : prog.dependents_of(*slot)) dependents_[slot->index].push_back(d.index);
        if (auto v = parse_value(r.type, e.value)) r.v = *v;
        else r.problem = std::move(v).error();
      } else {
        r.problem = std::move(slot).error();
      }
      effects_[k].push_back(std::move(r));
    }
  // Every parameter change after the start: a run keeps those up to its end.
  changes_ = prog.parameter_changes(from, date(static_cast<unsigned short>(max_year), 12, 31), region);
  std::sort(changes_.begin(), changes_.end());
}

// Applies one effect to the facts; an addition to an unknown fact leaves it unknown (adding to
// nothing known is not a number).
result<void> projector::apply(fact_table& facts, const resolved_effect& e, const std::string& fact, bool record) const {
  if (e.problem) return fail(*e.problem);
  const provenance prov = record ? provenance{"projected by the plan", std::nullopt, "", true} : provenance{};
  if (e.op == effect_op::set) return facts.set(e.slot, e.v, prov);
  auto current = facts.get(e.slot);
  if (!current) return {};
  std::int64_t sum = 0;
  if (!checked_add(current->raw(), e.v.raw(), sum)) return fail(errc::overflow, "adding to fact " + fact + " overflows");
  value next = e.v;
  switch (e.type) {
    case value_type::integer: next = value::of_integer(sum); break;
    case value_type::number: next = value::of_number(decimal::from_micros(sum)); break;
    case value_type::money: next = value::of_money(money::from_dong(sum)); break;
    case value_type::percent: next = value::of_percent(decimal::from_micros(sum)); break;
    default: return fail(errc::fact_type, "cannot add to fact " + fact + " of type " + to_string(e.type));
  }
  return facts.set(e.slot, next, prov);
}

result<void> projector::run(fact_table& facts, date until, const std::vector<std::optional<date>>& finish, workspace& ws,
                            std::vector<std::optional<date>>& met_on, std::vector<status>& final_status,
                            std::vector<projection_event>* events) const {
  if (finish.size() != tasks_.size()) return fail(errc::invalid_argument, "one finish date (or none) is needed per task");
  if (from_.is_special() || until.is_special())
    return fail(errc::invalid_argument, "the projection needs real dates to start and end");
  if (until < from_)
    return fail(errc::invalid_argument, "the projection would end (" + format_date(until) + ") before it starts (" + format_date(from_) + ")");
  const std::size_t rules = prog_.rule_count();
  met_on.assign(rules, std::nullopt);
  // Evaluation points: each completion (with effects) and each change of a parameter.
  ws.completions.clear();
  for (std::size_t k = 0; k < tasks_.size(); ++k)
    if (finish[k] && !effects_[k].empty() && !(*finish[k] < from_) && !(until < *finish[k])) ws.completions.emplace_back(*finish[k], k);
  std::stable_sort(ws.completions.begin(), ws.completions.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  ws.points.clear();
  for (const auto& c : ws.completions) ws.points.push_back(c.first);
  for (const date d : changes_)
    if (!(until < d)) ws.points.push_back(d);
  std::sort(ws.points.begin(), ws.points.end());
  ws.points.erase(std::unique(ws.points.begin(), ws.points.end()), ws.points.end());

  NTM_CHECK(prog_.evaluate(ws.state, facts, from_, region_));
  ws.current.resize(rules);
  for (std::uint32_t r = 0; r < rules; ++r) {
    ws.current[r] = ws.state.status_of(rule_index{r});
    if (ws.current[r] == status::met) met_on[r] = from_;
  }
  std::size_t next = 0;
  for (const date d : ws.points) {
    projection_event ev;
    if (events) ev.on = d;
    ws.changed.clear();
    for (; next < ws.completions.size() && ws.completions[next].first == d; ++next) {
      const std::size_t k = ws.completions[next].second;
      const task& t = tasks_[k];
      if (events) ev.task += (ev.task.empty() ? "" : ", ") + t.id;
      for (std::size_t x = 0; x < effects_[k].size(); ++x) {
        if (auto ok = apply(facts, effects_[k][x], t.effects[x].fact, events != nullptr); !ok)
          return fail(std::move(ok).error().add_context("in an effect of task " + t.id));
        ws.changed.push_back(effects_[k][x].slot);
        if (events) ev.facts_changed.push_back(t.effects[x].fact);
      }
    }
    // A new parameter period: assess afresh on that date; otherwise only what changed, and
    // only the rules depending on it can change. (Every change after the start is a point, so
    // the period is new exactly when d is a change.)
    ws.affected.clear();
    if (std::binary_search(changes_.begin(), changes_.end(), d)) {
      NTM_CHECK(prog_.evaluate(ws.state, facts, d, region_));
      for (std::uint32_t r = 0; r < rules; ++r) ws.affected.push_back(r);
    } else {
      NTM_CHECK(prog_.reevaluate(ws.state, facts, ws.changed));
      for (const fact_slot f : ws.changed) ws.affected.insert(ws.affected.end(), dependents_[f.index].begin(), dependents_[f.index].end());
      std::sort(ws.affected.begin(), ws.affected.end());
      ws.affected.erase(std::unique(ws.affected.begin(), ws.affected.end()), ws.affected.end());
    }
    for (const std::uint32_t r : ws.affected) {
      const status s = ws.state.status_of(rule_index{r});
      if (s == ws.current[r]) continue;
      if (s == status::met) {
        met_on[r] = d;
        if (events) ev.rules_met.push_back(prog_.rule(rule_index{r}).id);
      } else if (ws.current[r] == status::met) {
        met_on[r].reset();
        if (events) ev.rules_lost.push_back(prog_.rule(rule_index{r}).id);
      }
      ws.current[r] = s;
    }
    if (events) events->push_back(std::move(ev));
  }
  final_status = ws.current;
  return {};
}

}  // namespace plan_internal

result<projection_result> project(const program& prog, const fact_table& baseline, date from, date until,
                                  const std::vector<task>& tasks, const std::vector<std::optional<date>>& finish,
                                  std::string_view region) {
  projection_result out;
  out.final_facts = baseline;
  const plan_internal::projector projector(prog, tasks, from, region);
  plan_internal::projector::workspace ws;
  NTM_CHECK(projector.run(out.final_facts, until, finish, ws, out.met_on, out.final_status, &out.events));
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
    // (Assessed after the plan's last completion, the projection is that one date.)
    const date end = std::max(projection_end(p, finish), eo.at);
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
