// SPDX-License-Identifier: MIT
// Private: the task network's implementation and the critical-path engine shared by the
// baseline schedule and the progress forecast.
#ifndef NTM_SRC_SCHEDULE_SCHEDULER_HPP_
#define NTM_SRC_SCHEDULE_SCHEDULER_HPP_

#include <optional>
#include <vector>

#include <ntm/schedule/schedule.hpp>

#include "schedule/graph.hpp"

NTM_BEGIN_NAMESPACE

struct task_network::impl {
  std::vector<task> tasks;
  schedule_internal::task_graph graph;
};

namespace schedule_internal {

struct network_access {
  static const task_network::impl& get(const task_network& n) noexcept { return *n.impl_; }
};

/// How to run the engine beyond schedule_options.
struct run_options {
  const std::vector<std::int32_t>* durations = nullptr;  ///< overrides the tasks' durations
  /// When set, a forecast from the tasks' actuals at this status date: finished tasks are
  /// fixed at their actual dates; in-progress tasks keep their actual start and finish after
  /// the status date with duration × (1 − percent/100) left; others start after it.
  std::optional<date> status;
};

/// The critical-path method over a checked network. See schedule.hpp for the time model.
result<schedule_result> run_schedule(const task_network& net, const calendar& cal, const schedule_options& options,
                                     const run_options& run);

/// The early start and finish date of every task, in list order: the forward pass only, with
/// the dates run_schedule reports as early_start and early_finish, for callers that schedule
/// many times and read nothing else (Monte Carlo). Errors: as run_schedule.
result<void> early_dates(const task_network& net, const calendar& cal, const schedule_options& options,
                         const run_options& run, std::vector<date>& start, std::vector<date>& finish);

}  // namespace schedule_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_SCHEDULE_SCHEDULER_HPP_
