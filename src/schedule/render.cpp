// SPDX-License-Identifier: MIT
// Schedules rendered as Graphviz DOT and JSON.
#include <ntm/schedule/render.hpp>

#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "schedule/scheduler.hpp"

NTM_BEGIN_NAMESPACE

namespace {

using ordered_json = nlohmann::ordered_json;

// A DOT double-quoted string: backslashes and quotes escaped, line breaks as \n.
std::string dot_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  return out + "\"";
}

// Breaks a label into lines of at most `width` characters at spaces (UTF-8 aware).
std::string wrap(const std::string& text, std::size_t width) {
  std::string out;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && utf8_length(line) + 1 + utf8_length(word) > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + line;
}

std::string link_label(const dependency& d) {
  if (d.type == link_type::finish_to_start && d.lag == 0) return "";
  std::string s = to_string(d.type);
  if (d.lag > 0) s += "+" + std::to_string(d.lag);
  if (d.lag < 0) s += std::to_string(d.lag);
  return s;
}

ordered_json chain_json(const std::vector<std::string>& ids) { return ids; }

ordered_json schedule_json(const schedule_result& s) {
  ordered_json j;
  j["project_start"] = format_date(s.project_start);
  j["project_finish"] = format_date(s.project_finish);
  j["duration"] = s.duration;
  ordered_json rows = ordered_json::array();
  for (const task_schedule& r : s.tasks) {
    rows.push_back(ordered_json{{"id", r.id},
                                {"index", r.index},
                                {"early_start", format_date(r.early_start)},
                                {"early_finish", format_date(r.early_finish)},
                                {"late_start", format_date(r.late_start)},
                                {"late_finish", format_date(r.late_finish)},
                                {"marks", ordered_json{{"early_start", r.marks.early_start},
                                                       {"early_finish", r.marks.early_finish},
                                                       {"late_start", r.marks.late_start},
                                                       {"late_finish", r.marks.late_finish}}},
                                {"total_float", r.total_float},
                                {"free_float", r.free_float},
                                {"critical", r.critical},
                                {"milestone", r.milestone}});
  }
  j["tasks"] = std::move(rows);
  ordered_json paths = ordered_json::array();
  for (const auto& p : s.critical_paths) paths.push_back(chain_json(p));
  j["critical_paths"] = std::move(paths);
  j["critical_paths_truncated"] = s.critical_paths_truncated;
  if (s.deadline) {
    const deadline_report& d = *s.deadline;
    j["deadline"] = ordered_json{{"deadline", format_date(d.deadline)},
                                 {"project_finish", format_date(d.project_finish)},
                                 {"met", d.met},
                                 {"working_days_late", d.working_days_late},
                                 {"calendar_days_late", d.calendar_days_late},
                                 {"chain", chain_json(d.chain)}};
  }
  ordered_json conflicts = ordered_json::array();
  for (const window_conflict& c : s.window_conflicts) {
    conflicts.push_back(ordered_json{{"task", c.task},
                                     {"finish_limit", format_date(c.finish_limit)},
                                     {"earliest_finish", format_date(c.earliest_finish)},
                                     {"working_days_over", c.working_days_over},
                                     {"chain", chain_json(c.chain)},
                                     {"message", c.message}});
  }
  j["window_conflicts"] = std::move(conflicts);
  return j;
}

}  // namespace

std::string to_dot(const task_network& network, const schedule_result& schedule, lang l) {
  const auto& tasks = network.tasks();
  std::set<std::pair<std::string, std::string>> critical_links;
  for (const auto& path : schedule.critical_paths)
    for (std::size_t k = 1; k < path.size(); ++k) critical_links.emplace(path[k - 1], path[k]);

  std::string out = "digraph \"roadmap\" {\n";
  out += "  graph [rankdir=LR, charset=\"UTF-8\", fontname=\"Helvetica\", labelloc=t, label=" +
         dot_quoted((l == lang::vi ? "Tiến độ " : "Schedule ") + format_date(schedule.project_start, l) + " → " +
                format_date(schedule.project_finish, l)) + "];\n";
  out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (const task_schedule& r : schedule.tasks) {
    if (r.index >= tasks.size()) continue;
    const task& t = tasks[r.index];
    std::string label = wrap(t.name.get(l), 40) + "\n" + t.id + " · " + format_date(r.early_start, l);
    if (!r.milestone) label += " → " + format_date(r.early_finish, l);
    label += "\n" + std::string(l == lang::vi ? "dự trữ " : "float ") + std::to_string(r.total_float);
    out += "  " + dot_quoted(t.id) + " [label=" + dot_quoted(label);
    if (r.milestone) out += ", peripheries=2";
    if (r.critical) out += ", color=\"#c0392b\", fillcolor=\"#fdecea\", penwidth=2";
    out += "];\n";
  }
  for (const task& t : tasks) {
    for (const dependency& d : t.depends_on) {
      out += "  " + dot_quoted(d.task) + " -> " + dot_quoted(t.id);
      std::string attrs;
      const std::string lbl = link_label(d);
      if (!lbl.empty()) attrs += "label=" + dot_quoted(lbl);
      if (critical_links.count({d.task, t.id})) attrs += std::string(attrs.empty() ? "" : ", ") + "color=\"#c0392b\", penwidth=2";
      if (!attrs.empty()) out += " [" + attrs + "]";
      out += ";\n";
    }
  }
  out += "}\n";
  return out;
}

std::string to_json(const schedule_result& schedule) { return schedule_json(schedule).dump(2) + "\n"; }

std::string to_json(const progress_report& report) {
  ordered_json j;
  j["status_date"] = format_date(report.status_date);
  j["current_period"] = report.current_period.to_string(lang::vi);
  j["next_period"] = report.next_period.to_string(lang::vi);
  ordered_json rows = ordered_json::array();
  for (const task_progress& p : report.tasks) {
    ordered_json row{{"id", p.id},
                     {"lead", p.lead},
                     {"state", to_string(p.state)},
                     {"percent_complete", p.percent_complete},
                     {"late_start", p.late_start},
                     {"late_finish", p.late_finish},
                     {"baseline_start", format_date(p.baseline_start)},
                     {"baseline_finish", format_date(p.baseline_finish)},
                     {"forecast_start", format_date(p.forecast_start)},
                     {"forecast_finish", format_date(p.forecast_finish)},
                     {"finish_variance", p.finish_variance}};
    rows.push_back(std::move(row));
  }
  j["tasks"] = std::move(rows);
  j["late"] = report.late;
  ordered_json reviews = ordered_json::array();
  for (const body_review& r : report.reviews)
    reviews.push_back(ordered_json{{"body", r.body}, {"done", r.done}, {"in_progress", r.in_progress}, {"late", r.late},
                                   {"due", r.due}, {"upcoming", r.upcoming}});
  j["reviews"] = std::move(reviews);
  j["forecast"] = schedule_json(report.forecast);
  return j.dump(2) + "\n";
}

NTM_END_NAMESPACE
