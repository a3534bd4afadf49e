// SPDX-License-Identifier: MIT
// The report's sections, built from a plan's analysis as format-neutral documents.
#include "report/sections.hpp"

#include <algorithm>
#include <utility>

#include <ntm/report/charts.hpp>

#include "report/model.hpp"

NTM_BEGIN_NAMESPACE
namespace report_internal {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string optional_date(const std::optional<date>& d, lang l) { return d ? date_text(*d, l) : std::string(); }

// A criterion with its name: "TC14 (Y tế)".
std::string named(const plan_analysis& a, const std::string& id, lang l) {
  const std::string name = rule_name(a, id, l);
  return name == id ? id : id + " (" + name + ")";
}

std::string named_list(const plan_analysis& a, const std::vector<std::string>& ids, lang l) {
  std::vector<std::string> out;
  for (const std::string& id : ids) out.push_back(named(a, id, l));
  return join(out, ", ");
}

cell money_cell(money m, lang l, tone t = tone::plain) { return cell(money_text(m, l), t); }

// "sớm 16 ngày so với hạn 31/12/2023" — the goal's date against the target.
cell goal_cell(const plan_analysis& a, lang l) {
  const plan& p = plan_of(a);
  const std::string target = date_text(p.target, l);
  if (!a.goal.met_on) {
    std::string s = tr(l, "không đạt với kế hoạch này", "not met under this plan");
    if (!a.goal.still_missing.empty()) s += tr(l, " (còn thiếu: ", " (still missing: ") + join(a.goal.still_missing, ", ") + ")";
    return {s, tone::bad};
  }
  std::string s = date_text(*a.goal.met_on, l);
  if (p.target.is_special()) return {s, tone::good};
  const std::int64_t early = days_between(*a.goal.met_on, p.target);
  if (early > 0)
    s += tr(l, " — sớm ", " — ") + std::to_string(early) + tr(l, " ngày so với hạn ", " days before the target ") + target;
  else if (early == 0)
    s += tr(l, " — đúng hạn ", " — on the target ") + target;
  else
    s += tr(l, " — chậm ", " — ") + std::to_string(-early) + tr(l, " ngày so với hạn ", " days after the target ") + target;
  return {s, early >= 0 ? tone::good : tone::bad};
}

std::string critical_path_text(const plan_analysis& a) {
  if (a.schedule.critical_paths.empty()) return {};
  std::string s = join(a.schedule.critical_paths.front(), " → ");
  return s;
}

cell stated_note(const reconciliation& r, std::string_view figure, money computed, lang l) {
  std::string s = money_text(computed, l, true);
  if (const stated_check* d = mismatch(r, figure)) {
    const bool less = d->difference.is_negative();
    s += tr(l, " — văn bản ghi ", " — the document states ") + money_text(d->stated, l, true) + " (" +
         (less ? tr(l, "ít hơn ", "") : tr(l, "nhiều hơn ", "")) + money_text(less ? negate(d->difference).value_or(money()) : d->difference, l) +
         (less ? tr(l, "", " less") : tr(l, "", " more")) + ") ⚠";
    return {s, tone::warn};
  }
  return {s};
}

// ---- summary ----------------------------------------------------------------------------

section_doc summary(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  section_doc d;
  std::vector<fact> f;
  if (const std::string u = unit_text(p, l); !u.empty()) f.push_back({tr(l, "Đơn vị", "Unit"), u});
  if (!p.document.title.empty()) {
    std::string doc = p.document.title.get(l);
    if (!p.document.issuer.empty()) doc += " — " + p.document.issuer;
    if (!p.document.number.empty()) doc += tr(l, ", số ", ", no. ") + p.document.number;
    if (p.document.issued) doc += tr(l, ", ngày ", ", dated ") + date_text(*p.document.issued, l);
    f.push_back({tr(l, "Văn bản", "Document"), doc});
  }
  if (a.source) {
    const criteria_set& set = p.criteria.definition();
    std::string s = set.title.get(l).empty() ? set.id : set.title.get(l);
    f.push_back({tr(l, "Bộ tiêu chí", "Criteria set"), s});
  }
  if (!a.goal.id.empty())
    f.push_back({tr(l, "Mục tiêu", "Goal"), named(a, a.goal.id, l) + tr(l, ", hạn ", ", by ") + date_text(p.target, l)});
  const baseline_count n = count_baseline(a);
  {
    std::string s = std::to_string(n.met) + "/" + std::to_string(n.total) + tr(l, " tiêu chí đạt", " criteria met");
    if (!n.not_met.empty()) s += tr(l, "; chưa đạt: ", "; not met: ") + join(n.not_met, ", ");
    if (!n.unknown.empty()) s += tr(l, "; chưa xác định: ", "; unknown: ") + join(n.unknown, ", ");
    f.push_back({tr(l, "Hiện trạng ", "Baseline ") + date_text(a.baseline.at, l), {s, n.met == n.total ? tone::good : tone::strong}});
  }
  f.push_back({tr(l, "Dự kiến đạt chuẩn", "Goal projected"), goal_cell(a, l)});
  if (const std::string cp = critical_path_text(a); !cp.empty())
    f.push_back({tr(l, "Đường găng", "Critical path"), {cp + tr(l, " (kết thúc ", " (finishes ") + date_text(a.schedule.project_finish, l) + ")", tone::code}});
  const reconciliation& r = a.funding;
  f.push_back({tr(l, "Nhu cầu vốn (A)", "Needs (A)"), stated_note(r, "needs.total", r.needs_total, l)});
  f.push_back({tr(l, "Nguồn vốn (B)", "Sources (B)"), stated_note(r, "sources.total", r.sources_total, l)});
  {
    cell g = stated_note(r, "gap", r.gap, l);
    if (r.request && !r.request->body.empty()) g.text += tr(l, " — đề nghị ", " — requested from ") + r.request->body;
    f.push_back({tr(l, "Còn thiếu (A − B)", "Gap (A − B)"), g});
  }
  {
    std::string s = money_text(a.cash.in_year_gap, l, true);
    tone t = tone::plain;
    if (a.cash.plan_gap < a.cash.in_year_gap) {
      s += tr(l, " — nhiều hơn mức thiếu văn bản nêu (", " — more than the document's gap (") + money_text(a.cash.plan_gap, l, true) + ")";
      t = tone::bad;
    }
    f.push_back({tr(l, "Thiếu hụt trong năm theo tiến độ", "In-year gap on the schedule"), {s, t}});
  }
  if (a.cash.first_short)
    f.push_back({tr(l, "Thiếu tiền lần đầu", "First cash shortfall"),
                 {date_text(*a.cash.first_short, l) + tr(l, ": thiếu ", ": short by ") + money_text(a.cash.first_short_amount, l, true), tone::bad}});
  {
    const auto disc = r.discrepancies();
    std::vector<std::string> items;
    for (const stated_check& c : disc)
      items.push_back(figure_label(p, c.figure, l) + " " + money_text(c.stated, l) + " ≠ " + money_text(c.computed, l));
    std::string s = disc.empty() ? std::string(tr(l, "số liệu kinh phí khớp", "funding figures agree"))
                                 : std::to_string(disc.size()) + tr(l, " số liệu kinh phí: ", " funding figure(s): ") + join(items, "; ");
    s += a.stated_discrepancies.empty()
             ? std::string(tr(l, "; hiện trạng khớp", "; statuses agree"))
             : "; " + std::to_string(a.stated_discrepancies.size()) + tr(l, " hiện trạng không khớp", " status(es) differ");
    f.push_back({tr(l, "Văn bản so với tính toán", "Document vs computed"),
                 {s, disc.empty() && a.stated_discrepancies.empty() ? tone::good : tone::warn}});
  }
  d.facts(std::move(f));
  return d;
}

// ---- criteria ---------------------------------------------------------------------------

section_doc criteria(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  section_doc d;
  table t;
  t.columns = {{tr(l, "Mã", "Id")},
               {tr(l, "Tiêu chí", "Criterion"), align::left, 30},
               {tr(l, "Hiện trạng ", "Baseline ") + date_text(a.baseline.at, l), align::left, 34},
               {tr(l, "Dự kiến đạt", "Met on")},
               {tr(l, "Kịp hạn", "By target")},
               {tr(l, "Chủ trì", "Lead body"), align::left, 30}};
  auto row = [&](const rule_projection& c, bool with_lead) {
    std::vector<cell> r;
    r.emplace_back(c.id);
    r.emplace_back(rule_name(a, c.id, l));
    r.push_back(status_cell(c.at_baseline, l, shortfall_text(a, c.id, l)));
    if (c.at_baseline == status::met && c.met_on && !(a.baseline.at < *c.met_on))
      r.emplace_back(tr(l, "đã đạt", "already met"), tone::muted);
    else if (c.met_on)
      r.emplace_back(date_text(*c.met_on, l));
    else
      r.emplace_back(tr(l, "không đạt", "never"), tone::bad);
    r.emplace_back(c.met_by_target ? tr(l, "có", "yes") : tr(l, "không", "no"), c.met_by_target ? tone::good : tone::bad);
    if (!with_lead) {
      r.emplace_back("");
    } else if (const std::string lead = criterion_lead(a, c.id); !lead.empty()) {
      r.emplace_back(body_name(p, lead, l));
    } else {
      r.emplace_back(tr(l, "chưa phân công ⚠", "none assigned ⚠"), tone::warn);
    }
    t.rows.push_back(std::move(r));
  };
  for (const rule_projection& c : a.criteria) row(c, true);
  if (!a.goal.id.empty()) {
    row(a.goal, false);
    t.rows.back()[0].t = tone::strong;
    t.rows.back()[1].t = tone::strong;
  }
  d.add(std::move(t));
  std::vector<cell> notes;
  const responsibility_matrix m = make_matrix(a);
  if (!m.without_lead.empty())
    notes.emplace_back(tr(l, "Tiêu chí chưa có cơ quan chủ trì trong kế hoạch: ", "Criteria no body leads in the plan: ") +
                           named_list(a, m.without_lead, l) + ".",
                       tone::warn);
  // Indicators still unknown inside criteria counted as met or not: data to collect.
  for (const rule_projection& c : a.criteria)
    for (const rule_outcome* i : a.baseline.indicators_of(c.id)) {
      if (i->result != status::unknown) continue;
      std::string s = i->id + " (" + i->name.get(l) + tr(l, "): chưa xác định", "): unknown");
      if (!i->missing_facts.empty()) s += tr(l, " — thiếu số liệu: ", " — missing facts: ") + join(i->missing_facts, ", ");
      notes.emplace_back(s, tone::muted);
    }
  d.bullets(std::move(notes));
  return d;
}

// ---- missing items ----------------------------------------------------------------------

section_doc missing(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  section_doc d;
  if (a.missing.empty()) {
    d.paragraph({tr(l, "Không có nội dung nào chưa đạt.", "Nothing is missing."), tone::good});
    return d;
  }
  table t;
  t.columns = {{tr(l, "Tiêu chí", "Criterion")},
               {tr(l, "Chỉ tiêu", "Indicator")},
               {tr(l, "Nội dung", "Item"), align::left, 26},
               {tr(l, "Chủ trì", "Lead"), align::left, 22},
               {tr(l, "Phối hợp", "Support"), align::left, 24},
               {tr(l, "Nhiệm vụ", "Tasks"), align::left, 28},
               {tr(l, "Hoàn thành", "Finish")},
               {tr(l, "Dự kiến đạt", "Met on")},
               {tr(l, "Kinh phí", "Cost"), align::right}};
  std::vector<cell> explanations;
  for (const missing_item& m : a.missing) {
    std::vector<std::string> supports, tasks;
    for (const std::string& s : m.supports) supports.push_back(body_name(p, s, l));
    for (const std::string& s : m.tasks) tasks.push_back(task_name(p, s, l));
    std::vector<cell> r;
    r.emplace_back(m.criterion);
    r.emplace_back(m.indicator);
    r.emplace_back(m.name.get(l).empty() ? m.indicator : m.name.get(l));
    if (m.lead.empty()) r.emplace_back(tr(l, "chưa phân công ⚠", "none assigned ⚠"), tone::warn);
    else r.emplace_back(body_name(p, m.lead, l));
    r.emplace_back(join(supports, "; "));
    if (tasks.empty()) r.emplace_back(tr(l, "chưa có nhiệm vụ ⚠", "no task ⚠"), tone::warn);
    else r.emplace_back(join(tasks, "; "));
    r.emplace_back(optional_date(m.planned_finish, l));
    if (m.met_on) r.emplace_back(date_text(*m.met_on, l), p.target < *m.met_on ? tone::bad : tone::plain);
    else r.emplace_back(tr(l, "không đạt", "never"), tone::bad);
    if (m.cost.is_zero()) r.emplace_back("—", tone::muted);
    else r.push_back(money_cell(m.cost, l));
    t.rows.push_back(std::move(r));
    // The committee reads the account of a numeric shortfall (income 59,58 of 68 triệu).
    if (const rule_outcome* i = a.baseline.find(m.indicator))
      if (std::any_of(i->checks.begin(), i->checks.end(), [](const check_detail& c) { return c.shortfall.has_value(); }))
        explanations.emplace_back(m.indicator + ": " + a.baseline.explain(m.indicator, l));
  }
  d.add(std::move(t));
  d.bullets(std::move(explanations));
  d.paragraph({tr(l, "Kinh phí: các khoản nhu cầu gắn với nhiệm vụ của chỉ tiêu; một khoản có thể phục vụ nhiều chỉ tiêu.",
                  "Cost: the needs tied to the indicator's tasks; one need may serve several indicators."),
               tone::muted});
  return d;
}

// ---- schedule ---------------------------------------------------------------------------

section_doc schedule(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  const schedule_result& s = a.schedule;
  section_doc d;
  std::vector<fact> f;
  f.push_back({tr(l, "Bắt đầu", "Start"), date_text(s.project_start, l)});
  f.push_back({tr(l, "Kết thúc", "Finish"), date_text(s.project_finish, l) + " (" + std::to_string(s.duration) +
                                                 tr(l, " ngày làm việc)", " working days)")});
  if (s.deadline) {
    const deadline_report& dl = *s.deadline;
    if (dl.met)
      f.push_back({tr(l, "Hạn", "Deadline"), {date_text(dl.deadline, l) + tr(l, " — kịp", " — met"), tone::good}});
    else
      f.push_back({tr(l, "Hạn", "Deadline"),
                   {date_text(dl.deadline, l) + tr(l, " — chậm ", " — late by ") + std::to_string(dl.working_days_late) +
                        tr(l, " ngày làm việc", " working days"),
                    tone::bad}});
  }
  if (const std::string cp = critical_path_text(a); !cp.empty())
    f.push_back({tr(l, "Đường găng", "Critical path"), {cp, tone::code}});
  d.facts(std::move(f));
  d.figure(gantt_svg_element(a, o), to_mermaid_gantt(a, o));
  table t;
  t.columns = {{tr(l, "Nhiệm vụ", "Task"), align::left, 44},
               {tr(l, "Mã", "Id")},
               {tr(l, "Bắt đầu", "Start")},
               {tr(l, "Kết thúc", "Finish")},
               {tr(l, "Ngày LV", "Days"), align::right},
               {tr(l, "Dự trữ", "Float"), align::right},
               {tr(l, "Găng", "Critical")},
               {tr(l, "Chủ trì", "Lead"), align::left, 26}};
  for (const task_schedule& r : s.tasks) {
    const task* tk = find_task(p, r.id);
    std::vector<cell> row;
    row.emplace_back(task_name(p, r.id, l), r.critical ? tone::strong : tone::plain);
    row.emplace_back(r.id, tone::code);
    row.emplace_back(date_text(r.early_start, l));
    row.emplace_back(date_text(r.early_finish, l));
    if (r.milestone) row.emplace_back(tr(l, "◆ mốc", "◆ milestone"));
    else row.emplace_back(tk ? std::to_string(tk->duration) + (tk->unit == duration_unit::calendar_days ? tr(l, " (lịch)", " (cal.)") : "")
                             : std::string());
    row.emplace_back(std::to_string(r.total_float), r.total_float < 0 ? tone::bad : tone::plain);
    row.emplace_back(r.critical ? "★" : "", tone::bad);
    row.emplace_back(tk && !tk->lead.empty() ? body_name(p, tk->lead, l) : std::string());
    t.rows.push_back(std::move(row));
  }
  d.add(std::move(t));
  std::vector<cell> notes;
  notes.emplace_back(tr(l, "★ nhiệm vụ găng (dự trữ 0: chậm một ngày là chậm cả kế hoạch); dự trữ tính bằng ngày làm việc.",
                        "★ critical task (no float: a day late delays the plan); float in working days."),
                     tone::muted);
  for (const window_conflict& c : s.window_conflicts) notes.emplace_back(c.message, tone::warn);
  d.bullets(std::move(notes));
  return d;
}

// ---- responsibilities -------------------------------------------------------------------

section_doc responsibilities(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  const responsibility_matrix m = make_matrix(a);
  section_doc d;
  table t;
  t.columns.push_back({tr(l, "Cơ quan", "Body"), align::left, 36});
  for (const std::string& c : m.criteria) t.columns.push_back({c});
  t.columns.push_back({tr(l, "NV (CT/PH)", "Tasks (L/S)"), align::right});
  for (std::size_t b = 0; b < m.bodies.size(); ++b) {
    std::vector<cell> row;
    row.emplace_back(body_name(p, m.bodies[b], l));
    for (std::size_t c = 0; c < m.criteria.size(); ++c) {
      const role r = m.cells[b][c];
      row.emplace_back(role_code(r, l), r == role::lead ? tone::strong : r == role::support ? tone::muted : tone::plain);
    }
    row.emplace_back(std::to_string(m.tasks_led[b]) + "/" + std::to_string(m.tasks_supported[b]));
    t.rows.push_back(std::move(row));
  }
  {  // the row of criteria without a lead
    std::vector<cell> row;
    row.emplace_back(tr(l, "Chưa có chủ trì", "No lead body"), tone::warn);
    for (const std::string& c : m.criteria)
      row.emplace_back(std::find(m.without_lead.begin(), m.without_lead.end(), c) != m.without_lead.end() ? "⚠" : "", tone::warn);
    row.emplace_back("");
    t.rows.push_back(std::move(row));
  }
  d.paragraph({tr(l, "CT: chủ trì tiêu chí (theo mục III của kế hoạch); NV: chủ trì nhiệm vụ phục vụ tiêu chí; PH: phối hợp. "
                     "Cột cuối: số nhiệm vụ chủ trì / phối hợp.",
                  "L: leads the criterion (section III of the plan); T: leads a task serving it; S: supports. "
                  "Last column: tasks led / supported."),
               tone::muted});
  d.add(std::move(t));
  std::vector<cell> notes;
  for (const std::string& c : m.without_lead)
    notes.emplace_back(named(a, c, l) + tr(l, ": không có cơ quan chủ trì ⚠", ": no body leads it ⚠"), tone::warn);
  d.bullets(std::move(notes));
  return d;
}

// ---- funding ----------------------------------------------------------------------------

section_doc funding(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  const reconciliation& r = a.funding;
  section_doc d;
  d.heading(tr(l, "Nhu cầu vốn (A)", "Needs (A)"));
  {
    table t;
    t.columns = {{tr(l, "Tiêu chí", "Criterion")},
                 {tr(l, "Nội dung", "Item"), align::left, 40},
                 {tr(l, "Kinh phí", "Amount"), align::right},
                 {tr(l, "Nhiệm vụ", "Task"), align::left, 30},
                 {tr(l, "Chi trả", "Paid")}};
    for (const funding_need& n : p.funding.needs)
      t.rows.push_back({n.criterion, n.item.get(l), money_cell(n.amount, l), task_name(p, n.task, l), timing_text(n, l)});
    t.rows.push_back({cell(tr(l, "Tổng (A)", "Total (A)"), tone::strong), "", money_cell(r.needs_total, l, tone::strong), "", ""});
    d.add(std::move(t));
  }
  d.heading(tr(l, "Nguồn vốn (B)", "Sources (B)"));
  {
    table t;
    t.columns = {{tr(l, "Nguồn", "Source"), align::left, 36},
                 {tr(l, "Số tiền", "Amount"), align::right},
                 {tr(l, "Cách tính", "Basis"), align::left, 30},
                 {tr(l, "Điều kiện", "Condition"), align::left, 30},
                 {tr(l, "Thời điểm có tiền", "Arrives"), align::left, 30},
                 {tr(l, "Dùng cho", "May pay for"), align::left, 16}};
    for (const funding_source& s : p.funding.sources) {
      std::string basis;
      for (const source_total& st : r.by_source)
        if (st.source == s.id) basis = st.basis;
      t.rows.push_back({s.label.get(l).empty() ? s.id : s.label.get(l), money_cell(source_amount(a, s.id), l), basis,
                        cell(condition_text(a, s, l), s.condition ? tone::warn : tone::plain), availability_text(a, s, l),
                        eligibility_text(s, l)});
    }
    t.rows.push_back({cell(tr(l, "Tổng (B)", "Total (B)"), tone::strong), money_cell(r.sources_total, l, tone::strong), "", "", "", ""});
    d.add(std::move(t));
  }
  d.heading(tr(l, "Cân đối", "Balance"));
  {
    std::vector<fact> f;
    f.push_back({tr(l, "Nhu cầu (A)", "Needs (A)"), stated_note(r, "needs.total", r.needs_total, l)});
    f.push_back({tr(l, "Nguồn vốn (B), tính lại", "Sources (B), recomputed"), stated_note(r, "sources.total", r.sources_total, l)});
    if (const stated_check* c = mismatch(r, "sources.total"))
      f.push_back({tr(l, "Nơi ghi", "Stated in"), {c->where, tone::muted}});
    f.push_back({tr(l, "B không kể nguồn có điều kiện", "B without conditional sources"), money_text(r.unconditional_sources_total, l, true)});
    f.push_back({tr(l, "Còn thiếu (A − B)", "Gap (A − B)"), stated_note(r, "gap", r.gap, l)});
    if (r.request) {
      f.push_back({tr(l, "Đề nghị hỗ trợ", "Asked to cover it"), {r.request->body, tone::strong}});
      if (!r.request->text.empty()) f.push_back({tr(l, "Nội dung đề nghị", "Request"), {r.request->text.get(l), tone::muted}});
    }
    d.facts(std::move(f));
  }
  if (!r.stated.empty()) {
    d.heading(tr(l, "Số liệu văn bản so với tính toán", "Stated figures against computed"));
    table t;
    t.columns = {{tr(l, "Số liệu", "Figure"), align::left, 28},
                 {tr(l, "Văn bản ghi", "Stated"), align::right},
                 {tr(l, "Tính toán", "Computed"), align::right},
                 {tr(l, "Chênh lệch", "Difference"), align::right},
                 {tr(l, "Khớp", "Agrees")},
                 {tr(l, "Ghi tại", "Where"), align::left, 50}};
    for (const stated_check& c : r.stated) {
      const tone t0 = c.matches() ? tone::plain : tone::warn;
      t.rows.push_back({cell(figure_label(p, c.figure, l), t0), money_cell(c.stated, l, t0), money_cell(c.computed, l),
                        money_cell(c.difference, l, t0),
                        c.matches() ? cell(tr(l, "có", "yes"), tone::good) : cell(tr(l, "không ⚠", "no ⚠"), tone::warn),
                        cell(c.where, tone::muted)});
    }
    d.add(std::move(t));
  }
  return d;
}

// ---- cash -------------------------------------------------------------------------------

section_doc cash(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  const cash_report& c = a.cash;
  section_doc d;
  std::vector<fact> f;
  if (c.first_short)
    f.push_back({tr(l, "Thiếu tiền lần đầu (quỹ chung)", "First shortfall (pooled)"),
                 {date_text(*c.first_short, l) + tr(l, ": âm ", ": below zero by ") + money_text(c.first_short_amount, l, true), tone::bad}});
  else
    f.push_back({tr(l, "Thiếu tiền (quỹ chung)", "Shortfall (pooled)"), {tr(l, "không", "none"), tone::good}});
  if (c.lowest_date)
    f.push_back({tr(l, "Tồn quỹ thấp nhất", "Lowest position"),
                 {date_text(*c.lowest_date, l) + ": " + money_text(c.lowest_position, l, true), c.lowest_position.is_negative() ? tone::bad : tone::plain}});
  f.push_back({tr(l, "Phải chi trong kỳ", "Due in the period"), money_text(c.needed_in_period, l, true)});
  f.push_back({tr(l, "Chi kịp bằng nguồn hợp lệ", "Paid in time from eligible sources"), money_text(c.funded_in_period, l, true)});
  {
    std::string s = money_text(c.in_year_gap, l, true) + tr(l, " (văn bản: thiếu ", " (the document: a gap of ") +
                    money_text(c.plan_gap, l, true) + ")";
    f.push_back({tr(l, "Thiếu hụt trong năm", "In-year gap"), {s, c.plan_gap < c.in_year_gap ? tone::bad : tone::plain}});
  }
  if (c.first_unfunded)
    f.push_back({tr(l, "Khoản chi đầu tiên không đủ tiền", "First payment not covered"),
                 {date_text(*c.first_unfunded, l) + ": " + money_text(c.first_unfunded_amount, l, true), tone::bad}});
  if (!c.due_after_period.is_zero())
    f.push_back({tr(l, "Chi sau kỳ kế hoạch", "Due after the period"), money_text(c.due_after_period, l, true)});
  d.facts(std::move(f));
  d.figure(cash_svg_element(a, o), {});

  std::vector<cell> late;
  for (const source_cash& s : c.sources) {
    const funding_source* src = find_source(p, s.source);
    const std::string label = src && !src->label.get(l).empty() ? src->label.get(l) : s.source;
    if (!s.too_late_for.empty()) {
      std::vector<std::string> needs;
      for (const std::string& n : s.too_late_for) needs.push_back(need_label(p, n, l));
      std::string text = label + " — " + money_text(s.amount, l, true);
      if (s.condition_met) text += tr(l, ", chỉ có khi điều kiện đạt (", ", only once its condition holds (") + date_text(*s.condition_met, l) + ")";
      else if (s.first_arrival) text += tr(l, ", có từ ", ", arriving ") + date_text(*s.first_arrival, l);
      text += tr(l, ": đến quá muộn để trả cho ", ": too late to pay for ") + join(needs, ", ");
      if (!s.unused.is_zero()) text += tr(l, "; không dùng được ", "; unused ") + money_text(s.unused, l, true);
      late.emplace_back(text, tone::bad);
    }
    if (!s.never_arrives.is_zero())
      late.emplace_back(label + tr(l, ": không bao giờ có (điều kiện không đạt) ", ": never arrives (condition never met) ") +
                            money_text(s.never_arrives, l, true), tone::bad);
    if (!s.arrives_later.is_zero())
      late.emplace_back(label + tr(l, ": đến sau kỳ kế hoạch ", ": arrives after the period ") + money_text(s.arrives_later, l, true),
                        tone::warn);
  }
  if (!late.empty()) {
    d.heading(tr(l, "Nguồn vốn đến muộn", "Sources that come too late"));
    d.bullets(std::move(late));
  }

  d.heading(tr(l, "Từng khoản chi", "Each need"));
  {
    table t;
    t.columns = {{tr(l, "Khoản chi", "Need"), align::left, 28},
                 {tr(l, "Tiêu chí", "Criterion")},
                 {tr(l, "Bắt đầu", "Starts")},
                 {tr(l, "Số tiền", "Amount"), align::right},
                 {tr(l, "Có sẵn khi bắt đầu", "On hand at start"), align::right},
                 {tr(l, "Thiếu khi bắt đầu", "Short at start"), align::right},
                 {tr(l, "Trả kịp", "Paid in time"), align::right},
                 {tr(l, "Không trả kịp", "Not paid in time"), align::right}};
    for (const need_cash& n : c.needs) {
      const funding_need* fn = find_need(p, n.need);
      const tone short_tone = n.short_at_planned_start.is_zero() ? tone::plain : tone::bad;
      t.rows.push_back({n.need, fn ? fn->criterion : std::string(), date_text(n.planned_start, l), money_cell(n.amount, l),
                        money_cell(n.on_hand_at_planned_start, l), money_cell(n.short_at_planned_start, l, short_tone),
                        money_cell(n.funded, l), money_cell(n.unfunded, l, n.unfunded.is_zero() ? tone::plain : tone::bad)});
    }
    d.add(std::move(t));
  }
  d.heading(tr(l, "Từng nguồn vốn", "Each source"));
  {
    table t;
    t.columns = {{tr(l, "Nguồn", "Source"), align::left, 36},
                 {tr(l, "Số tiền", "Amount"), align::right},
                 {tr(l, "Có tiền từ", "First arrival")},
                 {tr(l, "Đã dùng", "Used"), align::right},
                 {tr(l, "Không dùng được", "Unused"), align::right}};
    for (const source_cash& s : c.sources) {
      const funding_source* src = find_source(p, s.source);
      t.rows.push_back({src && !src->label.get(l).empty() ? src->label.get(l) : s.source, money_cell(s.amount, l),
                        optional_date(s.first_arrival, l), money_cell(s.used, l),
                        money_cell(s.unused, l, s.unused.is_zero() ? tone::plain : tone::bad)});
    }
    d.add(std::move(t));
  }
  d.heading(tr(l, "Theo tháng (quỹ chung)", "By month (pooled)"));
  {
    table t;
    t.columns = {{tr(l, "Tháng", "Month")},
                 {tr(l, "Thu", "In"), align::right},
                 {tr(l, "Chi", "Out"), align::right},
                 {tr(l, "Tồn cuối tháng", "Closing"), align::right}};
    for (const cash_month& m : c.months) {
      const std::string month = l == lang::en ? std::to_string(m.year) + "-" + (m.month < 10 ? "0" : "") + std::to_string(m.month)
                                              : std::to_string(m.month) + "/" + std::to_string(m.year);
      t.rows.push_back({month, money_cell(m.inflow, l), money_cell(m.outflow, l),
                        money_cell(m.closing, l, m.closing.is_negative() ? tone::bad : tone::plain)});
    }
    d.add(std::move(t));
  }
  return d;
}

// ---- graphs -----------------------------------------------------------------------------

section_doc graphs(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  section_doc d;
  const graph_dots dots = dots_of(a, l);
  if (dots.tasks.empty() && dots.rules.empty()) {
    d.paragraph({tr(l, "Không có kế hoạch để vẽ đồ thị.", "No plan to draw."), tone::muted});
    return d;
  }
  d.paragraph({tr(l, "Đồ thị công việc (mũi tên: việc trước → việc sau; đường găng tô đậm) và đồ thị quy tắc (mũi tên: "
                     "điều kiện → quy tắc dùng nó), dạng Graphviz DOT; vẽ bằng `ntm graph --tasks | dot -Tsvg` hoặc `ntm graph | dot -Tsvg`.",
                  "The task graph (arrows: predecessor → successor; the critical path in bold) and the rule graph (arrows: "
                  "input → the rule using it), as Graphviz DOT; draw them with `ntm graph --tasks | dot -Tsvg` or `ntm graph | dot -Tsvg`."),
               tone::muted});
  auto add = [&](const char* title_vi, const char* title_en, const std::string& dot) {
    if (dot.empty()) return;
    d.heading(tr(l, title_vi, title_en));
    const std::string svg = o.dot_to_svg ? o.dot_to_svg(dot, o.dot_to_svg_payload) : std::string();
    if (!svg.empty()) d.figure(svg, {});
    d.code(dot, "dot");
  };
  add("Đồ thị công việc", "Task graph", dots.tasks);
  add("Đồ thị quy tắc", "Rule graph", dots.rules);
  return d;
}

// ---- statuses ---------------------------------------------------------------------------

section_doc statuses(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  section_doc d;
  if (p.stated.met.empty() && p.stated.not_met.empty()) {
    d.paragraph({tr(l, "Văn bản không nêu hiện trạng các tiêu chí.", "The document states no statuses."), tone::muted});
    return d;
  }
  if (!p.stated.where.empty()) d.paragraph({tr(l, "Văn bản: ", "Document: ") + p.stated.where, tone::muted});
  table t;
  t.columns = {{tr(l, "Mã", "Id")},
               {tr(l, "Tiêu chí", "Criterion"), align::left, 40},
               {tr(l, "Văn bản ghi", "Stated")},
               {tr(l, "Tính toán", "Computed")},
               {tr(l, "Khớp", "Agrees")}};
  std::size_t agree = 0;
  auto has = [](const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); };
  for (const rule_projection& c : a.criteria) {
    std::optional<status> said;
    if (has(p.stated.met, c.id)) said = status::met;
    else if (has(p.stated.not_met, c.id)) said = status::not_met;
    const bool ok = said && *said == c.at_baseline;
    agree += ok ? 1 : 0;
    t.rows.push_back({c.id, rule_name(a, c.id, l), said ? cell(status_label(*said, l)) : cell(tr(l, "không nêu", "not stated"), tone::muted),
                      status_cell(c.at_baseline, l),
                      ok ? cell(tr(l, "có", "yes"), tone::good) : cell(tr(l, "không ⚠", "no ⚠"), tone::warn)});
  }
  d.add(std::move(t));
  const std::string count = std::to_string(agree) + "/" + std::to_string(a.criteria.size());
  if (agree == a.criteria.size())
    d.paragraph({tr(l, "Hiện trạng văn bản nêu khớp kết quả tính: ", "The stated statuses agree with the computed ones: ") + count + ".",
                 tone::good});
  else
    d.paragraph({tr(l, "Khớp ", "Agree: ") + count + tr(l, " tiêu chí; xem các dòng ⚠.", " criteria; see the rows marked ⚠."), tone::warn});
  return d;
}

}  // namespace

cell status_cell(status s, lang l, const std::string& detail) {
  const tone t = s == status::met ? tone::good : s == status::not_met || s == status::error ? tone::bad : tone::warn;
  return cell(std::string(status_label(s, l)) + (detail.empty() ? "" : " (" + detail + ")"), t);
}

std::string section_title(report_section s, lang l) {
  switch (s) {
    case report_section::summary: return tr(l, "Tóm tắt", "Summary");
    case report_section::criteria: return tr(l, "Các tiêu chí", "Criteria");
    case report_section::missing: return tr(l, "Nội dung chưa đạt", "Missing items");
    case report_section::schedule: return tr(l, "Tiến độ thực hiện", "Schedule");
    case report_section::responsibilities: return tr(l, "Phân công trách nhiệm", "Responsibilities");
    case report_section::funding: return tr(l, "Kinh phí", "Funding");
    case report_section::cash: return tr(l, "Dòng tiền", "Cash position");
    case report_section::statuses: return tr(l, "Đối chiếu hiện trạng", "Stated statuses");
    case report_section::graphs: return tr(l, "Đồ thị", "Graphs");
  }
  return {};
}

std::string report_title(const plan_analysis& a, lang l) {
  const plan& p = plan_of(a);
  if (!p.title.get(l).empty()) return p.title.get(l);
  return tr(l, "Phân tích kế hoạch", "Plan analysis");
}

section_doc make_section(const plan_analysis& a, report_section s, const report_options& o) {
  section_doc d;
  switch (s) {
    case report_section::summary: d = summary(a, o); break;
    case report_section::criteria: d = criteria(a, o); break;
    case report_section::missing: d = missing(a, o); break;
    case report_section::schedule: d = schedule(a, o); break;
    case report_section::responsibilities: d = responsibilities(a, o); break;
    case report_section::funding: d = funding(a, o); break;
    case report_section::cash: d = cash(a, o); break;
    case report_section::statuses: d = statuses(a, o); break;
    case report_section::graphs: d = graphs(a, o); break;
  }
  d.id = to_string(s);
  d.title = section_title(s, o.language);
  return d;
}

}  // namespace report_internal
NTM_END_NAMESPACE
