// SPDX-License-Identifier: MIT
// Tasks: names of enumerations and the checks of a task list that need no graph.
#include <ntm/schedule/task.hpp>

#include <cmath>
#include <string_view>
#include <unordered_set>

#include "io/json_document.hpp"
#include "schedule/graph.hpp"

NTM_BEGIN_NAMESPACE

const char* to_string(duration_unit u) noexcept {
  return u == duration_unit::calendar_days ? "calendar_days" : "working_days";
}

const char* to_string(link_type t) noexcept {
  switch (t) {
    case link_type::start_to_start: return "SS";
    case link_type::finish_to_finish: return "FF";
    case link_type::start_to_finish: return "SF";
    case link_type::finish_to_start: break;
  }
  return "FS";
}

const char* to_string(effect_op op) noexcept { return op == effect_op::add ? "add" : "set"; }

namespace {

// The parsed value when `json_text` is one JSON scalar other than null, else an error text.
bool parse_scalar(std::string_view json_text, io_internal::json& out, std::string& why) {
  if (!is_valid_utf8(json_text)) {
    why = "the value is not valid UTF-8";
    return false;
  }
  out = io_internal::json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (out.is_discarded()) {
    why = "the value \"" + std::string(json_text) + "\" is not JSON text (write true, 12.5 or \"68 triệu\")";
    return false;
  }
  if (out.is_null() || out.is_object() || out.is_array()) {
    why = std::string("an effect's value must be a string, number or boolean, not ") + io_internal::json_type_name(out);
    return false;
  }
  return true;
}

bool is_fact_id(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string at(std::size_t i) { return "/" + std::to_string(i); }

// "task \"id\"", built only when a message needs it.
std::string who(const task& t) { return "task \"" + t.id + "\""; }

}  // namespace

result<std::string> canonical_effect_value(std::string_view json_text) {
  io_internal::json v;
  std::string why;
  if (!parse_scalar(json_text, v, why)) return fail(errc::invalid_effect, why);
  try {
    return v.dump();
  } catch (const std::exception& e) {
    return fail(errc::invalid_effect, std::string("the value cannot be written as JSON: ") + e.what());
  }
}

namespace schedule_internal {

std::vector<issue> check_tasks_resolving(const std::vector<task>& tasks, const std::vector<std::string>* bodies,
                                         resolved_links& resolved, id_index& index) {
  std::vector<issue> out;
  auto add = [&](errc code, std::string message, std::string pointer) {
    if (out.size() < max_issues) out.push_back({code, std::move(message), std::move(pointer)});
  };
  // Ids first, so that dependencies can be resolved in one pass.
  index.reset(tasks);
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const task& t = tasks[i];
    if (t.id.empty()) {
      add(errc::invalid_value, "task at index " + std::to_string(i) + " has an empty id", at(i) + "/id");
      continue;
    }
    const std::uint32_t first = index.insert(static_cast<std::uint32_t>(i));
    if (first != id_index::npos)
      add(errc::duplicate_id, "task id \"" + t.id + "\" is used twice (also by the task at index " + std::to_string(first) + ")",
          at(i) + "/id");
  }
  std::vector<std::string> all_ids;  // for suggestions, filled on first need
  std::size_t suggestions_left = tasks.size() <= 10000 ? 10 : 1;
  auto suggest = [&](std::string_view word, const std::vector<std::string>& candidates) -> std::string {
    if (suggestions_left == 0) return "";
    --suggestions_left;
    const std::string near = io_internal::closest_match(word, candidates);
    return near.empty() ? "" : "; did you mean \"" + near + "\"?";
  };
  std::unordered_set<std::string_view> body_set;
  if (bodies) body_set.insert(bodies->begin(), bodies->end());

  std::size_t dep_total = 0;
  for (const task& t : tasks) dep_total += t.depends_on.size();
  resolved.first.assign(tasks.size() + 1, 0);
  resolved.pred.assign(dep_total, 0);
  resolved.links.assign(dep_total, link{});
  std::size_t pos = 0;
  std::vector<std::uint32_t> seen_preds;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const task& t = tasks[i];
    if (t.duration < 0) add(errc::invalid_duration, who(t) + " has a negative duration (" + std::to_string(t.duration) + ")", at(i) + "/duration");
    if (t.duration > max_task_days)
      add(errc::invalid_duration, who(t) + " has a duration of " + std::to_string(t.duration) + " days, more than " + std::to_string(max_task_days), at(i) + "/duration");
    if (t.estimate) {
      const three_point_estimate& e = *t.estimate;
      const bool finite = std::isfinite(e.optimistic) && std::isfinite(e.most_likely) && std::isfinite(e.pessimistic);
      if (!finite || e.optimistic < 0 || e.optimistic > e.most_likely || e.most_likely > e.pessimistic || e.pessimistic > max_task_days)
        add(errc::invalid_duration, who(t) + ": a three-point estimate needs 0 ≤ optimistic ≤ most likely ≤ pessimistic", at(i) + "/estimate");
    }
    const task_window& w = t.window;
    if ((w.start && (w.start->first.is_special() || w.start->last.is_special())) ||
        (w.finish && (w.finish->first.is_special() || w.finish->last.is_special()))) {
      add(errc::invalid_window, who(t) + " has a window bound that is not a date", at(i) + "/window");
    } else if (w.start && w.finish && w.finish->last < w.start->first) {
      add(errc::invalid_window, who(t) + " may start no earlier than " + format_date(w.start->first) +
                                    " but must finish by " + format_date(w.finish->last) + ", which is before",
          at(i) + (*w.start == *w.finish ? "/window" : "/finish_no_later_than"));
    }
    seen_preds.clear();
    resolved.first[i] = static_cast<std::uint32_t>(pos);
    for (std::size_t k = 0; k < t.depends_on.size(); ++k, ++pos) {
      const dependency& d = t.depends_on[k];
      const std::string where = at(i) + "/depends_on/" + std::to_string(k);
      if (d.lag > max_task_days || d.lag < -max_task_days)
        add(errc::invalid_link, who(t) + ": the lag " + std::to_string(d.lag) + " on \"" + d.task + "\" is beyond ±" + std::to_string(max_task_days) + " days", where);
      if (d.task.empty()) {
        add(errc::invalid_value, who(t) + " has a dependency with an empty task id", where);
        continue;
      }
      if (d.task == t.id) {
        add(errc::invalid_link, who(t) + " depends on itself", where);
        continue;
      }
      const std::uint32_t p = index.find(d.task);
      if (p == id_index::npos) {
        if (all_ids.empty()) {
          all_ids.reserve(tasks.size());
          for (const task& x : tasks) all_ids.push_back(x.id);
        }
        add(errc::unknown_reference, who(t) + " depends on \"" + d.task + "\", which is not a task of this list" + suggest(d.task, all_ids), where);
        continue;
      }
      bool repeated = false;
      for (std::uint32_t q : seen_preds) repeated = repeated || q == p;
      if (repeated) {
        add(errc::invalid_link, who(t) + " depends on \"" + d.task + "\" twice; keep one link (FS, SS, FF or SF) per pair", where);
        continue;
      }
      seen_preds.push_back(p);
      resolved.pred[pos] = p;
      resolved.links[pos] = link{d.lag, static_cast<std::uint32_t>(k), d.type};
    }
    resolved.first[i + 1] = static_cast<std::uint32_t>(pos);
    // Actuals.
    const task_actuals& a = t.actual;
    if (!(a.percent_complete >= 0 && a.percent_complete <= 100))
      add(errc::invalid_progress, who(t) + ": percent complete must be between 0 and 100", at(i) + "/actual/percent_complete");
    if (a.finish && !a.start && !t.is_milestone())
      add(errc::invalid_progress, who(t) + " has an actual finish but no actual start", at(i) + "/actual/start");
    if (a.start && a.finish && *a.finish < *a.start)
      add(errc::invalid_progress, who(t) + " actually finished (" + format_date(*a.finish) + ") before it started (" + format_date(*a.start) + ")",
          at(i) + "/actual/finish");
    if (!a.start && !a.finish && a.percent_complete > 0)
      add(errc::invalid_progress, who(t) + " is " + io_internal::json(a.percent_complete).dump() + " % complete but has no actual start",
          at(i) + "/actual/start");
    if (a.finish && a.percent_complete > 0 && a.percent_complete < 100)
      add(errc::invalid_progress, who(t) + " has an actual finish but is only " + io_internal::json(a.percent_complete).dump() + " % complete",
          at(i) + "/actual/percent_complete");
    // Effects.
    for (std::size_t k = 0; k < t.effects.size(); ++k) {
      const effect& e = t.effects[k];
      const std::string where = at(i) + "/effects/" + std::to_string(k);
      if (!is_fact_id(e.fact))
        add(errc::invalid_effect, who(t) + ": an effect's fact must be an id of letters, digits, '_', '.' or '-', not \"" + e.fact + "\"", where + "/fact");
      io_internal::json v;
      std::string why;
      if (!parse_scalar(e.value, v, why)) {
        add(errc::invalid_effect, who(t) + ": " + why, where + "/value");
      } else if (e.op == effect_op::add && !v.is_number() && !v.is_string()) {
        add(errc::invalid_effect, who(t) + ": \"add\" needs a number or an amount such as \"5 triệu\", not " + io_internal::json_type_name(v), where + "/value");
      }
    }
    // References to bodies, criteria, cost items.
    if (bodies) {
      auto check_body = [&](const std::string& id, const std::string& where, const char* role) {
        if (body_set.count(id)) return;
        add(errc::unknown_reference, who(t) + ": the " + role + " body \"" + id + "\" is not in the list of bodies" + suggest(id, *bodies), where);
      };
      if (!t.lead.empty()) check_body(t.lead, at(i) + "/lead", "lead");
      for (std::size_t k = 0; k < t.support.size(); ++k) check_body(t.support[k], at(i) + "/support/" + std::to_string(k), "supporting");
    }
    for (std::size_t k = 0; k < t.criteria.size(); ++k)
      if (t.criteria[k].empty()) add(errc::invalid_value, who(t) + " has an empty criterion id", at(i) + "/criteria/" + std::to_string(k));
    for (std::size_t k = 0; k < t.cost_items.size(); ++k)
      if (t.cost_items[k].empty()) add(errc::invalid_value, who(t) + " has an empty cost item id", at(i) + "/cost_items/" + std::to_string(k));
  }
  return out;
}

}  // namespace schedule_internal

result<void> validate_tasks(const std::vector<task>& tasks) {
  schedule_internal::task_graph g;
  std::vector<schedule_internal::issue> issues;
  if (!schedule_internal::build_task_graph(tasks, nullptr, g, issues))
    return fail(schedule_internal::to_error(issues, "/tasks", "while checking " + std::to_string(tasks.size()) + " tasks"));
  return {};
}

NTM_END_NAMESPACE
