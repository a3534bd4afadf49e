// SPDX-License-Identifier: MIT
/// @file
/// Tasks of a plan's roadmap: durations, windows, dependencies, the bodies that lead them,
/// the criteria and cost items they serve, their effects on facts, and their actuals.
///
/// Tasks are plain values; `task_network` (schedule.hpp) checks and compiles a list of them.
#ifndef NTM_SCHEDULE_TASK_HPP_
#define NTM_SCHEDULE_TASK_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>

NTM_BEGIN_NAMESPACE

/// The unit of a task's duration.
enum class duration_unit {
  working_days,   ///< days of the calendar's working week that are not holidays (default)
  calendar_days,  ///< every day counts (curing concrete, a legal notice period)
};

/// How a dependency ties a task to its predecessor, with a lag in working days (negative
/// lags — leads — are allowed).
enum class link_type {
  finish_to_start,   ///< FS: start ≥ predecessor's finish + lag
  start_to_start,    ///< SS: start ≥ predecessor's start + lag
  finish_to_finish,  ///< FF: finish ≥ predecessor's finish + lag
  start_to_finish,   ///< SF: finish ≥ predecessor's start + lag
};

/// "working_days" / "calendar_days".
NTM_API const char* to_string(duration_unit u) noexcept;
/// "FS", "SS", "FF", "SF".
NTM_API const char* to_string(link_type t) noexcept;

/// Largest accepted |lag| and duration, in days (about 270 years).
inline constexpr std::int32_t max_task_days = 100000;

/// A dependency on another task of the same list.
struct dependency {
  std::string task;                             ///< the predecessor's id
  link_type type = link_type::finish_to_start;
  std::int32_t lag = 0;                         ///< working days; negative = lead

  friend bool operator==(const dependency& a, const dependency& b) {
    return a.task == b.task && a.type == b.type && a.lag == b.lag;
  }
  friend bool operator!=(const dependency& a, const dependency& b) { return !(a == b); }
};

/// A three-point estimate of the duration (same unit as the duration), kept for Monte
/// Carlo analysis. Requires 0 ≤ optimistic ≤ most_likely ≤ pessimistic.
struct three_point_estimate {
  double optimistic = 0;
  double most_likely = 0;
  double pessimistic = 0;

  friend bool operator==(const three_point_estimate& a, const three_point_estimate& b) {
    return a.optimistic == b.optimistic && a.most_likely == b.most_likely && a.pessimistic == b.pessimistic;
  }
  friend bool operator!=(const three_point_estimate& a, const three_point_estimate& b) { return !(a == b); }
};

/// When a task may run. Each bound is a period as written ("Quý II/2023", "tháng 5,6/2023",
/// or one day "2023-04-03"): the task starts no earlier than the first day of `start` and
/// finishes no later than the last day of `finish`. A "window" in a data file sets both.
/// The start bound holds the task back like a dependency; the finish bound never moves
/// anything: when predecessors make it impossible it is reported in
/// `schedule_result::window_conflicts` (and shows as negative float).
struct task_window {
  std::optional<period> start;   ///< start ≥ start->first
  std::optional<period> finish;  ///< finish ≤ finish->last

  friend bool operator==(const task_window& a, const task_window& b) { return a.start == b.start && a.finish == b.finish; }
  friend bool operator!=(const task_window& a, const task_window& b) { return !(a == b); }
};

/// What an effect does to its fact.
enum class effect_op {
  set,  ///< the fact takes the value
  add,  ///< the value (a number, or a string such as "5 triệu") is added to the fact
};

/// "set" / "add".
NTM_API const char* to_string(effect_op op) noexcept;

/// A change to a fact when the task completes, kept as data for the rules engine. The value
/// is a JSON scalar kept as canonical JSON text: `true`, `12.5`, `"68 triệu"`.
struct effect {
  std::string fact;            ///< fact id: letters, digits, '_', '.', '-'
  effect_op op = effect_op::set;
  std::string value = "true";  ///< canonical JSON text of a scalar (not null, object or array)

  friend bool operator==(const effect& a, const effect& b) { return a.fact == b.fact && a.op == b.op && a.value == b.value; }
  friend bool operator!=(const effect& a, const effect& b) { return !(a == b); }
};

/// Progress as reported: actual dates and percent complete (0–100). A task is finished when
/// it has an actual finish, in progress when it has only an actual start.
struct task_actuals {
  std::optional<date> start;
  std::optional<date> finish;
  double percent_complete = 0;

  bool empty() const noexcept { return !start && !finish && percent_complete == 0; }
  friend bool operator==(const task_actuals& a, const task_actuals& b) {
    return a.start == b.start && a.finish == b.finish && a.percent_complete == b.percent_complete;
  }
  friend bool operator!=(const task_actuals& a, const task_actuals& b) { return !(a == b); }
};

/// One task of a roadmap.
struct task {
  std::string id;                      ///< unique within the list
  localized_text name;                 ///< Vietnamese label (English optional)
  std::string lead;                    ///< id of the body that leads it (chủ trì); may be empty
  std::vector<std::string> support;    ///< ids of supporting bodies (phối hợp)
  std::int32_t duration = 0;           ///< 0 = milestone
  duration_unit unit = duration_unit::working_days;
  std::optional<three_point_estimate> estimate;
  task_window window;
  std::vector<dependency> depends_on;
  std::vector<std::string> criteria;   ///< criteria / indicator ids it serves ("TC5")
  std::vector<std::string> cost_items; ///< ids of the cost items (needs) it spends
  std::vector<effect> effects;         ///< applied to facts on completion
  task_actuals actual;

  bool is_milestone() const noexcept { return duration == 0; }

  friend bool operator==(const task& a, const task& b) {
    return a.id == b.id && a.name == b.name && a.lead == b.lead && a.support == b.support &&
           a.duration == b.duration && a.unit == b.unit && a.estimate == b.estimate && a.window == b.window &&
           a.depends_on == b.depends_on && a.criteria == b.criteria && a.cost_items == b.cost_items &&
           a.effects == b.effects && a.actual == b.actual;
  }
  friend bool operator!=(const task& a, const task& b) { return !(a == b); }
};

/// Checks a task list without scheduling it and reports every problem (up to 100), each
/// located by a JSON pointer such as "/tasks/3/depends_on/1":
/// duplicate_id, unknown_reference (a dependency on a missing id, with "did you mean"),
/// invalid_link (a task depending on itself or twice on one task, |lag| > max_task_days),
/// invalid_duration, invalid_window, invalid_progress (percent outside 0–100, finish before
/// start, finish or percent without a start), invalid_effect, invalid_value (an empty id),
/// dependency_cycle (listing the cycle: "a → b → c → a").
NTM_API result<void> validate_tasks(const std::vector<task>& tasks);

/// Canonical JSON text of an effect value written as JSON text (`"68 triệu"`, `true`, `1.50`
/// → `1.5`). Errors: invalid_effect when `json_text` is not one JSON scalar.
NTM_API result<std::string> canonical_effect_value(std::string_view json_text);

NTM_END_NAMESPACE

#endif  // NTM_SCHEDULE_TASK_HPP_
