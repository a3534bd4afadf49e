// SPDX-License-Identifier: MIT
// The analysis as JSON (schemas/analysis.schema.json), reusing the assessment and schedule
// JSON writers.
#include <algorithm>

#include <nlohmann/json.hpp>

#include <ntm/io/json.hpp>
#include <ntm/ledger/account.hpp>
#include <ntm/schedule/render.hpp>
#include <ntm/version.hpp>

#include "report/model.hpp"
#include "report/sections.hpp"

NTM_BEGIN_NAMESPACE
namespace report_internal {

namespace {

using ojson = nlohmann::ordered_json;

ojson date_json(date d) { return d.is_special() ? ojson() : ojson(format_date(d)); }
ojson date_json(const std::optional<date>& d) { return d ? date_json(*d) : ojson(); }
ojson money_json(money m) { return m.dong(); }
ojson text_or_null(const std::string& s) { return s.empty() ? ojson() : ojson(s); }

// Text another writer produced, parsed back so it nests (those writers emit valid JSON).
ojson embedded(const std::string& text) {
  ojson j = ojson::parse(text, nullptr, false);
  return j.is_discarded() ? ojson() : j;
}

ojson projection_json(const plan_analysis& a, const rule_projection& c, lang l, bool with_lead) {
  const plan& p = plan_of(a);
  ojson j;
  j["id"] = c.id;
  j["name"] = rule_name(a, c.id, l);
  j["at_baseline"] = to_string(c.at_baseline);
  j["at_target"] = to_string(c.at_target);
  j["met_on"] = date_json(c.met_on);
  j["met_by_target"] = c.met_by_target;
  if (with_lead) {
    const std::string lead = criterion_lead(a, c.id);
    j["lead"] = text_or_null(lead);
    j["lead_name"] = lead.empty() ? ojson() : ojson(body_name(p, lead, l));
  }
  j["shortfall"] = text_or_null(shortfall_text(a, c.id, l));
  j["tasks"] = c.tasks;
  j["still_missing"] = c.still_missing;
  return j;
}

ojson plan_json(const plan_analysis& a, lang l) {
  const plan& p = plan_of(a);
  ojson j;
  j["id"] = p.id;
  j["title"] = p.title.get(l);
  j["unit"] = ojson{{"kind", p.unit.kind},       {"name", p.unit.name},          {"code", p.unit.code},
                    {"district", p.unit.district}, {"province", p.unit.province}, {"region", p.unit.region},
                    {"text", unit_text(p, l)}};
  j["document"] = ojson{{"title", p.document.title.get(l)},
                        {"issuer", p.document.issuer},
                        {"number", p.document.number},
                        {"issued", date_json(p.document.issued)},
                        {"signed_by", p.document.signed_by},
                        {"basis", p.document.basis}};
  ojson set;
  set["id"] = a.baseline.set_id;
  if (a.source) {
    set["title"] = p.criteria.definition().title.get(l);
    set["legal_basis"] = p.criteria.definition().legal_basis;
  }
  j["criteria_set"] = std::move(set);
  j["goal"] = a.goal.id;
  j["baseline_date"] = date_json(a.baseline.at);
  j["target"] = date_json(p.target);
  return j;
}

ojson summary_json(const plan_analysis& a, lang l) {
  const plan& p = plan_of(a);
  const baseline_count n = count_baseline(a);
  ojson j;
  j["criteria_total"] = n.total;
  j["criteria_met"] = n.met;
  j["criteria_not_met"] = n.not_met;
  j["criteria_unknown"] = n.unknown;
  j["goal_met_on"] = date_json(a.goal.met_on);
  j["target"] = date_json(p.target);
  j["goal_met_by_target"] = a.goal.met_by_target;
  j["days_before_target"] = a.goal.met_on && !p.target.is_special() ? ojson(days_between(*a.goal.met_on, p.target)) : ojson();
  j["project_finish"] = date_json(a.schedule.project_finish);
  j["critical_path"] = a.schedule.critical_paths.empty() ? ojson::array() : ojson(a.schedule.critical_paths.front());
  j["needs_total"] = money_json(a.funding.needs_total);
  j["sources_total"] = money_json(a.funding.sources_total);
  const stated_check* b = mismatch(a.funding, "sources.total");
  j["sources_total_stated"] = b ? money_json(b->stated) : ojson();
  j["gap"] = money_json(a.funding.gap);
  j["gap_requested_from"] = a.funding.request ? text_or_null(a.funding.request->body) : ojson();
  j["in_year_gap"] = money_json(a.cash.in_year_gap);
  j["first_shortfall"] = a.cash.first_short ? ojson{{"date", date_json(a.cash.first_short)}, {"amount", money_json(a.cash.first_short_amount)}}
                                            : ojson();
  j["funding_discrepancies"] = a.funding.discrepancies().size();
  j["status_discrepancies"] = a.stated_discrepancies.size();
  j["text"] = ojson::object();
  j["text"]["needs_total"] = money_text(a.funding.needs_total, l, true);
  j["text"]["sources_total"] = money_text(a.funding.sources_total, l, true);
  j["text"]["gap"] = money_text(a.funding.gap, l, true);
  j["text"]["in_year_gap"] = money_text(a.cash.in_year_gap, l, true);
  j["text"]["goal_met_on"] = a.goal.met_on ? ojson(date_text(*a.goal.met_on, l)) : ojson();
  return j;
}

ojson missing_json(const plan_analysis& a, lang l) {
  const plan& p = plan_of(a);
  ojson out = ojson::array();
  for (const missing_item& m : a.missing) {
    ojson supports = ojson::array();
    for (const std::string& s : m.supports) supports.push_back(ojson{{"id", s}, {"name", body_name(p, s, l)}});
    ojson tasks = ojson::array();
    for (const std::string& t : m.tasks) tasks.push_back(ojson{{"id", t}, {"name", task_name(p, t, l)}});
    out.push_back(ojson{{"indicator", m.indicator},
                        {"criterion", m.criterion},
                        {"name", m.name.get(l)},
                        {"lead", text_or_null(m.lead)},
                        {"lead_name", m.lead.empty() ? ojson() : ojson(body_name(p, m.lead, l))},
                        {"supports", std::move(supports)},
                        {"tasks", std::move(tasks)},
                        {"planned_finish", date_json(m.planned_finish)},
                        {"met_on", date_json(m.met_on)},
                        {"cost", money_json(m.cost)},
                        {"explanation", m.explanation}});
  }
  return out;
}

ojson tasks_json(const plan_analysis& a, lang l) {
  const plan& p = plan_of(a);
  ojson out = ojson::array();
  for (const task_schedule& r : a.schedule.tasks) {
    const task* t = find_task(p, r.id);
    const std::string crit = task_criterion(a, r.id);
    out.push_back(ojson{{"id", r.id},
                        {"name", task_name(p, r.id, l)},
                        {"lead", t ? text_or_null(t->lead) : ojson()},
                        {"support", t ? ojson(t->support) : ojson::array()},
                        {"criterion", text_or_null(crit)},
                        {"duration", t ? t->duration : 0},
                        {"unit", t ? to_string(t->unit) : "working_days"},
                        {"milestone", r.milestone},
                        {"critical", r.critical},
                        {"early_start", date_json(r.early_start)},
                        {"early_finish", date_json(r.early_finish)},
                        {"total_float", r.total_float}});
  }
  return out;
}

ojson events_json(const plan_analysis& a) {
  ojson out = ojson::array();
  for (const projection_event& e : a.events)
    out.push_back(ojson{{"date", date_json(e.on)},
                        {"task", e.task},
                        {"facts_changed", e.facts_changed},
                        {"rules_met", e.rules_met},
                        {"rules_lost", e.rules_lost}});
  return out;
}

ojson responsibilities_json(const plan_analysis& a, lang l) {
  const plan& p = plan_of(a);
  const responsibility_matrix m = make_matrix(a);
  ojson bodies = ojson::array();
  for (std::size_t b = 0; b < m.bodies.size(); ++b) {
    ojson roles = ojson::object();
    for (std::size_t c = 0; c < m.criteria.size(); ++c) {
      const role r = m.cells[b][c];
      if (r != role::none) roles[m.criteria[c]] = r == role::lead ? "lead" : r == role::task_lead ? "task_lead" : "support";
    }
    bodies.push_back(ojson{{"id", m.bodies[b]},
                           {"name", body_name(p, m.bodies[b], l)},
                           {"roles", std::move(roles)},
                           {"tasks_led", m.tasks_led[b]},
                           {"tasks_supported", m.tasks_supported[b]}});
  }
  return ojson{{"criteria", m.criteria}, {"bodies", std::move(bodies)}, {"criteria_without_lead", m.without_lead}};
}

ojson funding_json(const plan_analysis& a, lang l) {
  const plan& p = plan_of(a);
  const reconciliation& r = a.funding;
  ojson needs = ojson::array();
  for (const funding_need& n : p.funding.needs)
    needs.push_back(ojson{{"id", n.id},
                          {"criterion", n.criterion},
                          {"item", n.item.get(l)},
                          {"amount", money_json(n.amount)},
                          {"task", n.task},
                          {"payment", to_string(n.payment)},
                          {"payment_delay_days", n.payment_delay_days}});
  ojson sources = ojson::array();
  for (const funding_source& s : p.funding.sources) {
    ojson x;
    x["id"] = s.id;
    x["label"] = s.label.get(l);
    x["kind"] = to_string(s.kind);
    x["amount"] = money_json(source_amount(a, s.id));
    std::string basis;
    for (const source_total& st : r.by_source)
      if (st.source == s.id) basis = st.basis;
    x["basis"] = text_or_null(basis);
    x["condition"] = s.condition ? ojson{{"rule", s.condition->rule}, {"lag_days", s.condition->lag_days}} : ojson();
    ojson av{{"kind", to_string(s.available.kind)}};
    if (s.available.from) av["from"] = date_json(s.available.from);
    if (!s.available.task.empty()) av["task"] = s.available.task, av["lag_days"] = s.available.lag_days;
    if (s.available.spread)
      av["spread"] = ojson{{"first", date_json(s.available.spread->first)}, {"last", date_json(s.available.spread->last)}};
    x["available"] = std::move(av);
    x["eligible"] = ojson{{"needs", s.eligible.needs}, {"criteria", s.eligible.criteria}};
    x["text"] = ojson{{"condition", text_or_null(condition_text(a, s, l))}, {"available", availability_text(a, s, l)}};
    sources.push_back(std::move(x));
  }
  ojson by_criterion = ojson::array();
  for (const criterion_total& c : r.by_criterion) by_criterion.push_back(ojson{{"criterion", c.criterion}, {"amount", money_json(c.amount)}});
  ojson stated = ojson::array();
  for (const stated_check& c : r.stated)
    stated.push_back(ojson{{"figure", c.figure},
                           {"label", figure_label(p, c.figure, l)},
                           {"stated", money_json(c.stated)},
                           {"computed", money_json(c.computed)},
                           {"difference", money_json(c.difference)},
                           {"matches", c.matches()},
                           {"where", c.where}});
  ojson j;
  j["needs"] = std::move(needs);
  j["sources"] = std::move(sources);
  j["needs_total"] = money_json(r.needs_total);
  j["sources_total"] = money_json(r.sources_total);
  j["unconditional_sources_total"] = money_json(r.unconditional_sources_total);
  j["gap"] = money_json(r.gap);
  j["by_criterion"] = std::move(by_criterion);
  j["stated"] = std::move(stated);
  j["request"] = r.request ? ojson{{"body", r.request->body}, {"text", r.request->text.get(l)}} : ojson();
  return j;
}

ojson cash_json(const plan_analysis& a) {
  const cash_report& c = a.cash;
  ojson j;
  j["period"] = ojson{{"first", date_json(c.span.first)}, {"last", date_json(c.span.last)}};
  j["first_shortfall"] = c.first_short ? ojson{{"date", date_json(c.first_short)}, {"amount", money_json(c.first_short_amount)}} : ojson();
  j["lowest"] = c.lowest_date ? ojson{{"date", date_json(c.lowest_date)}, {"position", money_json(c.lowest_position)}} : ojson();
  j["first_unfunded"] =
      c.first_unfunded ? ojson{{"date", date_json(c.first_unfunded)}, {"amount", money_json(c.first_unfunded_amount)}} : ojson();
  j["needed_in_period"] = money_json(c.needed_in_period);
  j["funded_in_period"] = money_json(c.funded_in_period);
  j["in_year_gap"] = money_json(c.in_year_gap);
  j["due_after_period"] = money_json(c.due_after_period);
  j["plan_gap"] = money_json(c.plan_gap);
  ojson months = ojson::array();
  for (const cash_month& m : c.months)
    months.push_back(ojson{{"year", m.year}, {"month", m.month}, {"inflow", money_json(m.inflow)}, {"outflow", money_json(m.outflow)},
                           {"closing", money_json(m.closing)}});
  j["months"] = std::move(months);
  ojson days = ojson::array();
  for (const cash_day& d : c.days)
    days.push_back(ojson{{"date", date_json(d.when)}, {"inflow", money_json(d.inflow)}, {"outflow", money_json(d.outflow)},
                         {"position", money_json(d.position)}});
  j["days"] = std::move(days);
  ojson needs = ojson::array();
  for (const need_cash& n : c.needs)
    needs.push_back(ojson{{"need", n.need},
                          {"task", n.task},
                          {"planned_start", date_json(n.planned_start)},
                          {"amount", money_json(n.amount)},
                          {"funded", money_json(n.funded)},
                          {"unfunded", money_json(n.unfunded)},
                          {"first_unfunded", date_json(n.first_unfunded)},
                          {"on_hand_at_planned_start", money_json(n.on_hand_at_planned_start)},
                          {"short_at_planned_start", money_json(n.short_at_planned_start)}});
  j["needs"] = std::move(needs);
  ojson sources = ojson::array();
  for (const source_cash& s : c.sources)
    sources.push_back(ojson{{"source", s.source},
                            {"amount", money_json(s.amount)},
                            {"arrives_in_period", money_json(s.arrives_in_period)},
                            {"arrives_later", money_json(s.arrives_later)},
                            {"never_arrives", money_json(s.never_arrives)},
                            {"used", money_json(s.used)},
                            {"unused", money_json(s.unused)},
                            {"first_arrival", date_json(s.first_arrival)},
                            {"condition_met", date_json(s.condition_met)},
                            {"too_late_for", s.too_late_for}});
  j["sources"] = std::move(sources);
  ojson payments = ojson::array();
  for (const scheduled_payment& p : c.payments)
    payments.push_back(ojson{{"need", p.need}, {"task", p.task}, {"due", date_json(p.due)}, {"amount", money_json(p.amount)},
                             {"funded", money_json(p.funded)}, {"unfunded", money_json(p.unfunded)}});
  j["payments"] = std::move(payments);
  ojson arrivals = ojson::array();
  for (const scheduled_arrival& x : c.arrivals)
    arrivals.push_back(ojson{{"source", x.source}, {"date", date_json(x.when)}, {"amount", money_json(x.amount)}, {"used", money_json(x.used)}});
  j["arrivals"] = std::move(arrivals);
  return j;
}

ojson statuses_json(const plan_analysis& a) {
  const plan& p = plan_of(a);
  ojson checks = ojson::array();
  auto has = [](const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); };
  for (const rule_projection& c : a.criteria) {
    ojson said;
    if (has(p.stated.met, c.id)) said = "met";
    else if (has(p.stated.not_met, c.id)) said = "not_met";
    const bool matches = said.is_string() && said.get<std::string>() == to_string(c.at_baseline);
    checks.push_back(ojson{{"criterion", c.id}, {"stated", said}, {"computed", to_string(c.at_baseline)}, {"matches", matches}});
  }
  ojson disc = ojson::array();
  for (const status_discrepancy& d : a.stated_discrepancies)
    disc.push_back(ojson{{"criterion", d.criterion}, {"stated", d.stated}, {"computed", to_string(d.computed)}, {"where", d.where}});
  return ojson{{"where", p.stated.where}, {"checks", std::move(checks)}, {"discrepancies", std::move(disc)}};
}

void add_section(ojson& j, const plan_analysis& a, report_section s, lang l) {
  switch (s) {
    case report_section::summary:
      j["plan"] = plan_json(a, l);
      j["summary"] = summary_json(a, l);
      break;
    case report_section::criteria: {
      ojson crit = ojson::array();
      for (const rule_projection& c : a.criteria) crit.push_back(projection_json(a, c, l, true));
      j["criteria"] = std::move(crit);
      j["goal"] = projection_json(a, a.goal, l, false);
      break;
    }
    case report_section::missing: j["missing"] = missing_json(a, l); break;
    case report_section::schedule:
      j["schedule"] = embedded(to_json(a.schedule));
      j["tasks"] = tasks_json(a, l);
      j["events"] = events_json(a);
      break;
    case report_section::responsibilities: j["responsibilities"] = responsibilities_json(a, l); break;
    case report_section::funding: j["funding"] = funding_json(a, l); break;
    case report_section::cash: j["cash"] = cash_json(a); break;
    case report_section::statuses: j["statuses"] = statuses_json(a); break;
    case report_section::graphs: {
      const graph_dots dots = dots_of(a, l);
      j["graphs"] = ojson{{"tasks_dot", dots.tasks}, {"rules_dot", dots.rules}};
      break;
    }
  }
}

}  // namespace

std::string json_text(const plan_analysis& a, const report_section* s, lang l) {
  ojson j;
  j["format"] = "ntm.analysis/1";
  j["language"] = l == lang::en ? "en" : "vi";
  j["ntm_version"] = NTM_VERSION_STRING;
  if (s) {
    add_section(j, a, *s, l);
  } else {
    for (report_section x : all_report_sections) add_section(j, a, x, l);
    j["baseline"] = a.baseline.outcomes.empty() ? ojson() : embedded(to_json(a.baseline, l));
    j["at_target"] = a.at_target.outcomes.empty() ? ojson() : embedded(to_json(a.at_target, l));
  }
  return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace report_internal
NTM_END_NAMESPACE
