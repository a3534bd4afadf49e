// SPDX-License-Identifier: MIT
/// @file
/// Progress against a baseline at a status date: which tasks are late, the rest of the
/// schedule forecast from the actuals, the variance of each task's finish, and a review per
/// body (the plan holds monthly and quarterly reviews: "định kỳ hàng tháng, quý").
#ifndef NTM_SCHEDULE_PROGRESS_HPP_
#define NTM_SCHEDULE_PROGRESS_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/result.hpp>
#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/schedule.hpp>

NTM_BEGIN_NAMESPACE

/// Where a task stands at the status date (from its actuals).
enum class task_state {
  not_started,  ///< no actual start
  in_progress,  ///< an actual start, no actual finish
  finished,     ///< an actual finish
};

/// "not_started", "in_progress", "finished".
NTM_API const char* to_string(task_state s) noexcept;

/// How often bodies report: the review covers the period holding the status date and looks
/// ahead to the next one.
enum class review_cadence { month, quarter };

/// What to analyse.
struct progress_options {
  date status_date;                              ///< actuals are known up to the end of this day
  review_cadence cadence = review_cadence::month;
};

/// One task's progress.
struct task_progress {
  std::string id;
  std::size_t index = 0;          ///< position in the network's list
  std::string lead;
  task_state state = task_state::not_started;
  double percent_complete = 0;
  bool late_start = false;        ///< not started, though the baseline starts it on or before the status date
  bool late_finish = false;       ///< not finished, though the baseline finishes it on or before the status date
  date baseline_start;
  date baseline_finish;
  date forecast_start;            ///< actual start when started
  date forecast_finish;           ///< actual finish when finished
  std::int32_t finish_variance = 0;  ///< forecast − baseline finish in working days (positive: later)
};

/// What one body leads, for its review. Task ids in forecast-table order.
struct body_review {
  std::string body;
  std::vector<std::string> done;         ///< finished by the status date
  std::vector<std::string> in_progress;
  std::vector<std::string> late;         ///< late start or late finish
  std::vector<std::string> due;          ///< baseline finish within the current period
  std::vector<std::string> upcoming;     ///< not finished; forecast start or finish within the next period
};

/// The analysis. Plain data; deterministic.
struct progress_report {
  date status_date;
  period current_period;                 ///< the month or quarter holding the status date
  period next_period;
  std::vector<task_progress> tasks;      ///< in forecast-table order (forecast start, then id)
  std::vector<std::string> late;         ///< ids of late tasks, same order
  schedule_result baseline;
  /// The remaining schedule: finished tasks fixed at their actual dates, in-progress tasks
  /// finishing after the status date with duration × (1 − percent/100) left (rounded up),
  /// other tasks starting after the status date; windows and the deadline reported as usual.
  schedule_result forecast;
  std::vector<body_review> reviews;      ///< one per lead body, by body id; tasks without a lead are left out
};

/// Analyses the tasks' actuals at `progress.status_date` against the baseline computed from
/// the same network, calendar and options (actuals ignored).
/// Errors: out_of_calendar (status or actual dates outside the calendar), invalid_progress
/// (an actual date after the status date), and those of task_network::schedule.
NTM_API result<progress_report> analyze_progress(const task_network& network, const calendar& cal,
                                                 const schedule_options& options, const progress_options& progress);
/// The same against a saved baseline of this network (same tasks, same project start).
/// Errors: as above, and invalid_argument when `baseline` does not belong to the network.
NTM_API result<progress_report> analyze_progress(const task_network& network, const calendar& cal,
                                                 const schedule_options& options, const progress_options& progress,
                                                 const schedule_result& baseline);

NTM_END_NAMESPACE

#endif  // NTM_SCHEDULE_PROGRESS_HPP_
