// SPDX-License-Identifier: MIT
/// @file
/// The task network (a checked, compiled DAG of tasks) and its schedule by the critical-path
/// method: early and late dates, total and free float, the critical path(s), and reports of
/// a deadline that cannot be met and of windows that cannot hold.
///
/// Time model. The schedule counts working days of a `calendar`. A task occupies whole
/// working days: it starts at the beginning of a working day and finishes at the end of one,
/// so it never starts on a non-working day. "Marks" count working days from the project
/// start: a task with marks [3, 5) works the 4th and 5th working days. A milestone (zero
/// duration) happens at the end of a working day: its date is the last working day before
/// its mark (a milestone right after a task is dated with that task's finish). Tasks in
/// calendar days start on a working day and may finish on any day.
///
/// Example:
/// ```
/// auto cal = ntm::calendar::build(spec);
/// auto net = ntm::task_network::build(tasks);
/// auto s = net->schedule(*cal, {ntm::make_date(2023, 1, 1).value(), ntm::make_date(2023, 12, 31).value()});
/// for (const auto& row : s->tasks) std::cout << row.id << ' ' << ntm::format_date(row.early_finish) << '\n';
/// ```
#ifndef NTM_SCHEDULE_SCHEDULE_HPP_
#define NTM_SCHEDULE_SCHEDULE_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/result.hpp>
#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/task.hpp>

NTM_BEGIN_NAMESPACE

namespace schedule_internal {
struct network_access;
}

/// What to schedule against.
struct schedule_options {
  date project_start;             ///< no task starts before it (first working day on or after it)
  std::optional<date> deadline;   ///< the target date; missing it is reported, not an error
  std::size_t max_critical_paths = 16;  ///< critical chains listed at most (there can be very many)
};

/// Working-day marks of one task, counted from the project start (see the file comment).
struct schedule_marks {
  std::int32_t early_start = 0;
  std::int32_t early_finish = 0;
  std::int32_t late_start = 0;
  std::int32_t late_finish = 0;
};

/// One row of the task table.
struct task_schedule {
  std::string id;
  std::size_t index = 0;           ///< position of the task in the network's list
  date early_start;
  date early_finish;
  date late_start;
  date late_finish;
  schedule_marks marks;
  std::int32_t total_float = 0;    ///< working days the task can slip without delaying the finish or breaking a window (negative: already too late)
  std::int32_t free_float = 0;     ///< working days it can slip without delaying any successor
  bool critical = false;           ///< total float ≤ 0 (and, in a forecast, not finished)
  bool milestone = false;
};

/// A deadline check: the project's finish against the target date.
struct deadline_report {
  date deadline;
  date project_finish;
  bool met = true;
  std::int32_t working_days_late = 0;   ///< 0 when met
  std::int64_t calendar_days_late = 0;  ///< 0 when met
  /// The chain that drives the finish, first task first: each task is held by the one before
  /// it (the first by the project start, its window or its actuals). Shorten one of these to
  /// finish earlier.
  std::vector<std::string> chain;
};

/// A finish window that cannot hold: predecessors, lags or the task's own start bound push
/// its earliest finish past the last day its window allows. The task is not moved.
struct window_conflict {
  std::string task;
  date finish_limit;                  ///< the last day the window allows
  date earliest_finish;               ///< the earliest finish the schedule allows
  std::int32_t working_days_over = 0;
  std::vector<std::string> chain;     ///< the tasks in conflict: the driving chain ending at `task`
  std::string message;                ///< one sentence for a person
};

/// The result of scheduling. Plain data; deterministic for a given input.
struct schedule_result {
  date project_start;                 ///< the first working day on or after the requested start
  date project_finish;                ///< the latest finish of any task
  std::int32_t duration = 0;          ///< working days from the project start to its finish
  /// The task table, ordered by early start date, then id.
  std::vector<task_schedule> tasks;
  /// For task index i (the network's order), the position of its row in `tasks`.
  std::vector<std::size_t> row_of;
  /// Critical chains (all tasks critical, each link driving), each listed first task first;
  /// chains are ordered by their first task's early start, then list order.
  std::vector<std::vector<std::string>> critical_paths;
  bool critical_paths_truncated = false;  ///< more chains exist than max_critical_paths
  std::optional<deadline_report> deadline;
  std::vector<window_conflict> window_conflicts;  ///< in task-table order

  /// The row of a task id, or nullptr. O(n).
  NTM_API const task_schedule* find(std::string_view id) const;
};

/// A checked, compiled task list: ids resolved, the dependency graph built (Boost.Graph,
/// compressed sparse row) and proved acyclic, a topological order computed. Immutable; can
/// be scheduled many times (against other calendars, starts or durations).
///
/// Thread-safety: const member functions may be called concurrently.
class NTM_API task_network {
 public:
  /// Checks and compiles `tasks`. Every problem is reported (up to 100, in `details`), each
  /// located by a JSON pointer "/tasks/<index>/…". Errors: duplicate_id, unknown_reference
  /// (with "did you mean"), invalid_link, invalid_duration, invalid_window, invalid_progress,
  /// invalid_effect, invalid_value, dependency_cycle (the message lists every task of the
  /// cycle in order: "a → b → c → a").
  static result<task_network> build(std::vector<task> tasks);

  task_network(task_network&&) noexcept;
  task_network& operator=(task_network&&) noexcept;
  ~task_network();
  /// A deep copy.
  task_network clone() const;

  const std::vector<task>& tasks() const noexcept;
  std::size_t size() const noexcept;
  /// The index of a task id. O(1).
  std::optional<std::size_t> index_of(std::string_view id) const;
  /// Task indices in an order where every predecessor comes before its dependents.
  const std::vector<std::uint32_t>& topological_order() const noexcept;

  /// Schedules the tasks by the critical-path method, ignoring actuals (a baseline).
  /// Errors: out_of_calendar (the project start, or a computed date, outside the calendar's
  /// range — the message names the task).
  result<schedule_result> schedule(const calendar& cal, const schedule_options& options) const;
  /// The same with other durations (one per task, in list order; e.g. sampled from the
  /// three-point estimates). Errors: as above, and invalid_argument / invalid_duration for a
  /// wrong count or a negative value.
  result<schedule_result> schedule(const calendar& cal, const schedule_options& options,
                                   const std::vector<std::int32_t>& durations) const;

 private:
  friend struct schedule_internal::network_access;
  struct impl;
  explicit task_network(std::unique_ptr<impl> p) noexcept;
  std::unique_ptr<impl> impl_;
};

NTM_END_NAMESPACE

#endif  // NTM_SCHEDULE_SCHEDULE_HPP_
