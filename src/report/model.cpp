// SPDX-License-Identifier: MIT
// What the report renderers read from a plan's analysis.
#include <ntm/schedule/render.hpp>
#include <ntm/schedule/schedule.hpp>

#include "report/model.hpp"

#include <algorithm>
#include <set>

#include <ntm/rules/value.hpp>

NTM_BEGIN_NAMESPACE
namespace report_internal {

namespace {

bool contains(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

const char* month_abbrev(int m) noexcept {
  static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return m >= 1 && m <= 12 ? names[m - 1] : "";
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// The goal criterion an id belongs to: the criterion itself, the criterion of an indicator.
std::string criterion_of(const plan_analysis& a, const std::string& id) {
  for (const rule_projection& c : a.criteria)
    if (c.id == id) return id;
  if (const rule_outcome* o = a.baseline.find(id); o && !o->parent.empty())
    for (const rule_projection& c : a.criteria)
      if (c.id == o->parent) return o->parent;
  return {};
}

// The goal criteria a task serves (a task id) — from the projection's task lists.
std::vector<std::size_t> criteria_of_task(const plan_analysis& a, const std::string& task_id) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < a.criteria.size(); ++k)
    if (contains(a.criteria[k].tasks, task_id)) out.push_back(k);
  return out;
}

}  // namespace

const plan& plan_of(const plan_analysis& a) {
  static const plan empty;
  return a.source ? *a.source : empty;
}

graph_dots dots_of(const plan_analysis& a, lang l) {
  graph_dots out;
  if (!a.source) return out;
  const plan& p = *a.source;
  out.rules = p.criteria.to_dot(l);
  if (auto net = task_network::build(p.road.tasks)) out.tasks = to_dot(*net, a.schedule, l);
  return out;
}

std::string date_text(date d, lang l) { return d.is_special() ? std::string() : format_date(d, l); }

std::string short_date(date d, lang l) {
  if (d.is_special()) return {};
  const auto ymd = d.year_month_day();
  if (l == lang::en) return std::string(month_abbrev(ymd.month)) + " " + std::to_string(static_cast<int>(ymd.day));
  return two_digits(ymd.day) + "/" + two_digits(ymd.month);
}

std::string money_text(money m, lang l, bool unit_word) {
  money_format f;
  f.language = l;
  f.max_decimals = 2;
  f.unit_dong = unit_word;
  return format_money(m, f);
}

std::int64_t days_between(date a, date b) {
  if (a.is_special() || b.is_special()) return 0;
  return (b - a).days();
}

std::string body_name(const plan& p, const std::string& id, lang l) {
  for (const body& b : p.bodies)
    if (b.id == id) return b.name.get(l).empty() ? id : b.name.get(l);
  for (const body& b : p.road.bodies)
    if (b.id == id) return b.name.get(l).empty() ? id : b.name.get(l);
  return id;
}

const task* find_task(const plan& p, std::string_view id) {
  for (const task& t : p.road.tasks)
    if (t.id == id) return &t;
  return nullptr;
}

std::string task_name(const plan& p, const std::string& id, lang l) {
  const task* t = find_task(p, id);
  return t && !t->name.get(l).empty() ? t->name.get(l) : id;
}

std::string rule_name(const plan_analysis& a, const std::string& id, lang l) {
  const rule_outcome* o = a.baseline.find(id);
  return o && !o->name.get(l).empty() ? o->name.get(l) : id;
}

std::string unit_text(const plan& p, lang l) {
  const admin_unit& u = p.unit;
  std::string out;
  auto part = [&out](const std::string& s) {
    if (s.empty()) return;
    if (!out.empty()) out += ", ";
    out += s;
  };
  if (l == lang::en) {
    part(u.name.empty() ? std::string() : u.name + (u.kind.empty() ? "" : " (" + u.kind + ")"));
    part(u.district.empty() ? std::string() : u.district + " district");
    part(u.province.empty() ? std::string() : u.province + " province");
  } else {
    part(u.name.empty() ? std::string() : (u.kind.empty() ? "" : u.kind + " ") + u.name);
    part(u.district.empty() ? std::string() : "huyện " + u.district);
    part(u.province.empty() ? std::string() : "tỉnh " + u.province);
  }
  return out;
}

std::string criterion_lead(const plan_analysis& a, const std::string& criterion) {
  const plan& p = plan_of(a);
  for (const responsibility& r : p.responsibilities)
    for (const std::string& id : r.leads)
      if (criterion_of(a, id) == criterion) return r.body;
  return {};
}

std::string shortfall_text(const plan_analysis& a, const std::string& criterion, lang l) {
  const rule_outcome* c = a.baseline.find(criterion);
  if (!c || c->result == status::met || c->result == status::not_applicable) return {};
  std::string out;
  if (!c->children.empty())
    out = std::to_string(c->met) + "/" + std::to_string(c->children.size()) +
          (c->kind == rule_kind::criterion ? tr(l, " chỉ tiêu đạt", " indicators met") : tr(l, " tiêu chí đạt", " criteria met"));
  for (const rule_outcome* i : a.baseline.indicators_of(criterion)) {
    if (i->result != status::not_met) continue;
    for (const check_detail& ch : i->checks) {
      if (!ch.shortfall || ch.result != status::not_met) continue;
      out += std::string(out.empty() ? "" : "; ") + tr(l, "thiếu ", "short by ") + format_value(*ch.shortfall, l, ch.unit);
    }
  }
  return out;
}

baseline_count count_baseline(const plan_analysis& a) {
  baseline_count n;
  n.total = a.criteria.size();
  for (const rule_projection& c : a.criteria) {
    if (c.at_baseline == status::met) ++n.met;
    else if (c.at_baseline == status::not_met) n.not_met.push_back(c.id);
    else if (c.at_baseline == status::unknown || c.at_baseline == status::error) n.unknown.push_back(c.id);
  }
  return n;
}

const char* role_code(role r, lang l) noexcept {
  switch (r) {
    case role::lead: return tr(l, "CT", "L");
    case role::task_lead: return tr(l, "NV", "T");
    case role::support: return tr(l, "PH", "S");
    default: return "";
  }
}

responsibility_matrix make_matrix(const plan_analysis& a) {
  const plan& p = plan_of(a);
  responsibility_matrix m;
  for (const rule_projection& c : a.criteria) m.criteria.push_back(c.id);
  auto add_body = [&m](const std::string& id) {
    if (!id.empty() && !contains(m.bodies, id)) m.bodies.push_back(id);
  };
  for (const body& b : p.bodies) add_body(b.id);
  for (const responsibility& r : p.responsibilities) add_body(r.body);
  for (const task& t : p.road.tasks) {
    add_body(t.lead);
    for (const std::string& s : t.support) add_body(s);
  }
  m.cells.assign(m.bodies.size(), std::vector<role>(m.criteria.size(), role::none));
  m.tasks_led.assign(m.bodies.size(), 0);
  m.tasks_supported.assign(m.bodies.size(), 0);
  auto index_of = [&m](const std::string& body) {
    return static_cast<std::size_t>(std::find(m.bodies.begin(), m.bodies.end(), body) - m.bodies.begin());
  };
  auto raise = [&m](std::size_t b, std::size_t c, role r) {
    if (b < m.cells.size() && c < m.criteria.size() && m.cells[b][c] < r) m.cells[b][c] = r;
  };
  auto crit_index = [&](const std::string& id) {
    const std::string c = criterion_of(a, id);
    return static_cast<std::size_t>(std::find(m.criteria.begin(), m.criteria.end(), c) - m.criteria.begin());
  };
  // Tasks each body leads or supports: by the roadmap, and by the responsibilities' task ids.
  std::vector<std::set<std::string>> led(m.bodies.size()), supported(m.bodies.size());
  for (const task& t : p.road.tasks) {
    if (!t.lead.empty()) led[index_of(t.lead)].insert(t.id);
    for (const std::string& s : t.support) supported[index_of(s)].insert(t.id);
  }
  for (const responsibility& r : p.responsibilities) {
    const std::size_t b = index_of(r.body);
    for (const std::string& id : r.leads) {
      if (find_task(p, id)) led[b].insert(id);
      else raise(b, crit_index(id), role::lead);
    }
    for (const std::string& id : r.supports) {
      if (find_task(p, id)) supported[b].insert(id);
      else raise(b, crit_index(id), role::support);
    }
  }
  for (std::size_t b = 0; b < m.bodies.size(); ++b) {
    for (const std::string& t : led[b])
      for (std::size_t c : criteria_of_task(a, t)) raise(b, c, role::task_lead);
    for (const std::string& t : supported[b])
      for (std::size_t c : criteria_of_task(a, t)) raise(b, c, role::support);
    m.tasks_led[b] = led[b].size();
    for (const std::string& t : supported[b]) m.tasks_supported[b] += led[b].count(t) ? 0 : 1;
  }
  for (std::size_t c = 0; c < m.criteria.size(); ++c) {
    bool has_lead = false;
    for (std::size_t b = 0; b < m.bodies.size(); ++b) has_lead = has_lead || m.cells[b][c] == role::lead;
    if (!has_lead) m.without_lead.push_back(m.criteria[c]);
  }
  return m;
}

const stated_check* mismatch(const reconciliation& r, std::string_view figure) {
  for (const stated_check& s : r.stated)
    if (s.figure == figure && !s.matches()) return &s;
  return nullptr;
}

const funding_source* find_source(const plan& p, std::string_view id) {
  for (const funding_source& s : p.funding.sources)
    if (s.id == id) return &s;
  return nullptr;
}

const funding_need* find_need(const plan& p, std::string_view id) {
  for (const funding_need& n : p.funding.needs)
    if (n.id == id) return &n;
  return nullptr;
}

std::string figure_label(const plan& p, const std::string& figure, lang l) {
  auto after = [&figure](std::string_view prefix) { return figure.substr(prefix.size()); };
  auto starts = [&figure](std::string_view prefix) { return figure.compare(0, prefix.size(), prefix) == 0; };
  if (figure == "needs.total") return tr(l, "Tổng nhu cầu (A)", "Total needs (A)");
  if (figure == "sources.total") return tr(l, "Tổng nguồn vốn (B)", "Total sources (B)");
  if (figure == "sources.unconditional") return tr(l, "Nguồn không điều kiện", "Unconditional sources");
  if (figure == "gap") return tr(l, "Cân đối A − B", "Gap A − B");
  if (starts("needs.criterion.")) return tr(l, "Nhu cầu ", "Needs ") + after("needs.criterion.");
  if (starts("need.")) return tr(l, "Khoản chi ", "Need ") + after("need.");
  if (starts("source.")) {
    const funding_source* s = find_source(p, after("source."));
    return s && !s->label.get(l).empty() ? s->label.get(l) : figure;
  }
  if (starts("base.")) {
    for (const amount_base& b : p.funding.bases)
      if (b.id == after("base.")) return b.label.get(l).empty() ? figure : b.label.get(l);
  }
  return figure;
}

std::string need_label(const plan& p, const std::string& need, lang l) {
  const funding_need* n = find_need(p, need);
  if (!n) return need;
  return need + " (" + n->criterion + ", " + money_text(n->amount, l) + ")";
}

std::string timing_text(const funding_need& n, lang l) {
  std::string text;
  switch (n.payment) {
    case payment_timing::at_start: text = tr(l, "khi bắt đầu", "at the start"); break;
    case payment_timing::at_finish: text = tr(l, "khi hoàn thành", "on completion"); break;
    case payment_timing::spread_monthly: text = tr(l, "rải theo tháng", "monthly over the works"); break;
  }
  if (n.payment_delay_days != 0) text += tr(l, ", trả chậm ", ", paid ") + std::to_string(n.payment_delay_days) + tr(l, " ngày", " days later");
  return text;
}

std::string availability_text(const plan_analysis& a, const funding_source& s, lang l) {
  const plan& p = plan_of(a);
  std::string out;
  switch (s.available.kind) {
    case availability_kind::from_date:
      if (s.available.from) out = tr(l, "từ ", "from ") + date_text(*s.available.from, l);
      else out = s.condition ? tr(l, "khi điều kiện đạt", "once its condition holds") : tr(l, "từ đầu kỳ", "from the start");
      break;
    case availability_kind::after_task:
      out = tr(l, "sau khi hoàn thành: ", "after: ") + task_name(p, s.available.task, l);
      if (s.available.lag_days > 0)
        out += " + " + std::to_string(s.available.lag_days) + tr(l, " ngày", " days");
      break;
    case availability_kind::spread:
      out = tr(l, "rải theo tháng", "monthly");
      if (s.available.spread) out += ", " + s.available.spread->to_string(l);
      break;
  }
  for (const source_cash& c : a.cash.sources)
    if (c.source == s.id && c.first_arrival && s.available.kind != availability_kind::spread)
      out += tr(l, " (dự kiến ", " (expected ") + date_text(*c.first_arrival, l) + ")";
  return out;
}

std::string condition_text(const plan_analysis& a, const funding_source& s, lang l) {
  if (!s.condition) return {};
  std::string out = tr(l, "khi đạt: ", "once met: ") + rule_name(a, s.condition->rule, l);
  if (s.condition->lag_days > 0) out += " + " + std::to_string(s.condition->lag_days) + tr(l, " ngày", " days");
  for (const source_cash& c : a.cash.sources)
    if (c.source == s.id && c.condition_met) out += tr(l, " (dự kiến ", " (expected ") + date_text(*c.condition_met, l) + ")";
  return out;
}

std::string eligibility_text(const funding_source& s, lang l) {
  if (s.eligible.unrestricted()) return tr(l, "mọi khoản chi", "any need");
  std::string out;
  for (const std::string& c : s.eligible.criteria) out += (out.empty() ? "" : ", ") + c;
  for (const std::string& n : s.eligible.needs) out += (out.empty() ? "" : ", ") + n;
  return out;
}

money source_amount(const plan_analysis& a, const std::string& id) {
  for (const source_total& s : a.funding.by_source)
    if (s.source == id) return s.amount;
  return {};
}

chart_span chart_span_of(const plan_analysis& a) {
  const plan& p = plan_of(a);
  date first = a.schedule.project_start;
  date last = a.schedule.project_finish;
  auto earlier = [&first](date d) {
    if (!d.is_special() && (first.is_special() || d < first)) first = d;
  };
  auto later = [&last](date d) {
    if (!d.is_special() && (last.is_special() || last < d)) last = d;
  };
  for (const task_schedule& r : a.schedule.tasks) {
    earlier(r.early_start);
    later(r.late_finish);
    later(r.early_finish);
  }
  earlier(p.baseline_date);
  later(p.target);
  if (first.is_special() || last.is_special()) {
    first = date(2000, 1, 1);
    last = date(2000, 12, 31);
  }
  first = date(first.year(), first.month(), 1);
  last = last.end_of_month();
  return {first, last};
}

std::string task_criterion(const plan_analysis& a, const std::string& task_id) {
  if (const task* t = find_task(plan_of(a), task_id))
    for (const std::string& id : t->criteria)
      if (std::string c = criterion_of(a, id); !c.empty()) return c;
  const std::vector<std::size_t> served = criteria_of_task(a, task_id);
  return served.empty() ? std::string() : a.criteria[served.front()].id;
}

}  // namespace report_internal
NTM_END_NAMESPACE
