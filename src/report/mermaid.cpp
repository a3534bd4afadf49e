// SPDX-License-Identifier: MIT
// The Gantt chart as Mermaid text.
#include <ntm/report/charts.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "report/model.hpp"
#include "report/sections.hpp"

NTM_BEGIN_NAMESPACE
namespace report_internal {

namespace {

// Text Mermaid keeps as written: the characters its Gantt grammar reserves (':' ends the
// name, '#' and ';' start comments and statements, '<' '>' '"' reach the HTML) written as
// Mermaid entity codes, line breaks as spaces.
std::string mermaid_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case ':': out += "#58;"; break;
      case '#': out += "#35;"; break;
      case ';': out += "#59;"; break;
      case '<': out += "#60;"; break;
      case '>': out += "#62;"; break;
      case '"': out += "#34;"; break;
      case '\n':
      case '\r':
      case '\t': out += ' '; break;
      default: out += c;
    }
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "-";
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

// A Mermaid task id: letters, digits and '_' only.
std::string mermaid_id(std::string_view s) {
  std::string out = "t_";
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  return out;
}

std::string iso(date d) { return format_date(d); }

}  // namespace

}  // namespace report_internal

std::string to_mermaid_gantt(const plan_analysis& a, const report_options& options) {
  using namespace report_internal;
  const lang l = options.language;
  const plan& p = plan_of(a);
  std::string out = "gantt\n";
  const std::string title = p.road.name.get(l).empty() ? report_title(a, l) : p.road.name.get(l);
  out += "    title " + mermaid_text(title) + "\n";
  out += "    dateFormat YYYY-MM-DD\n";
  out += "    axisFormat %m/%Y\n";
  out += "    todayMarker off\n";

  // Sections in order: by criterion (the goal's order, general tasks first) or by lead body
  // (in order of first appearance); tasks in schedule order within each.
  std::vector<std::string> keys;
  std::map<std::string, std::vector<const task_schedule*>> rows;
  auto key_of = [&](const task_schedule& r) {
    if (options.grouping == gantt_grouping::criterion) return task_criterion(a, r.id);
    const task* t = find_task(p, r.id);
    return t ? t->lead : std::string();
  };
  for (const task_schedule& r : a.schedule.tasks) {
    const std::string k = key_of(r);
    if (!rows.count(k)) keys.push_back(k);
    rows[k].push_back(&r);
  }
  if (options.grouping == gantt_grouping::criterion) {
    auto rank = [&](const std::string& k) {
      if (k.empty()) return std::size_t{0};
      for (std::size_t i = 0; i < a.criteria.size(); ++i)
        if (a.criteria[i].id == k) return i + 1;
      return a.criteria.size() + 1;
    };
    std::stable_sort(keys.begin(), keys.end(), [&](const std::string& x, const std::string& y) { return rank(x) < rank(y); });
  }
  for (const std::string& k : keys) {
    std::string name;
    if (options.grouping == gantt_grouping::criterion)
      name = k.empty() ? tr(l, "Chung", "General") : k + " " + rule_name(a, k, l);
    else
      name = k.empty() ? tr(l, "Chưa phân công", "Unassigned") : body_name(p, k, l);
    out += "    section " + mermaid_text(name) + "\n";
    for (const task_schedule* r : rows[k]) {
      const task* t = find_task(p, r->id);
      std::vector<std::string> tags;
      if (r->critical) tags.emplace_back("crit");
      if (t && t->actual.finish) tags.emplace_back("done");
      else if (t && t->actual.start) tags.emplace_back("active");
      if (r->milestone) tags.emplace_back("milestone");
      std::string line = "    " + mermaid_text(task_name(p, r->id, l)) + " :";
      for (const std::string& tag : tags) line += tag + ", ";
      line += mermaid_id(r->id) + ", " + iso(r->milestone ? r->early_finish : r->early_start) + ", ";
      line += r->milestone ? std::string("0d") : std::to_string((r->early_finish - r->early_start).days() + 1) + "d";
      out += line + "\n";
    }
  }
  // The criteria met and the target, as milestones.
  out += "    section " + mermaid_text(tr(l, "Tiêu chí đạt", "Criteria met")) + "\n";
  std::vector<const rule_projection*> met;
  for (const rule_projection& c : a.criteria)
    if (c.met_on && c.at_baseline != status::met) met.push_back(&c);
  std::stable_sort(met.begin(), met.end(), [](const rule_projection* x, const rule_projection* y) { return *x->met_on < *y->met_on; });
  for (const rule_projection* c : met)
    out += "    " + mermaid_text(c->id + " ✓") + " :milestone, " + mermaid_id("met_" + c->id) + ", " + iso(*c->met_on) + ", 0d\n";
  if (a.goal.met_on)
    out += "    " + mermaid_text(a.goal.id + " ✓") + " :crit, milestone, " + mermaid_id("met_" + a.goal.id) + ", " + iso(*a.goal.met_on) +
           ", 0d\n";
  if (!p.target.is_special())
    out += "    " + mermaid_text(tr(l, "Hạn ", "Target ") + date_text(p.target, l)) + " :milestone, t__target, " + iso(p.target) + ", 0d\n";
  return out;
}

NTM_END_NAMESPACE
