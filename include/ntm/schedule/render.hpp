// SPDX-License-Identifier: MIT
/// @file
/// Schedules as text: a Graphviz DOT drawing of the task DAG and JSON renderings of a
/// schedule and of a progress report. Deterministic: the same input gives the same bytes.
#ifndef NTM_SCHEDULE_RENDER_HPP_
#define NTM_SCHEDULE_RENDER_HPP_

#include <string>

#include <ntm/core/text.hpp>
#include <ntm/schedule/progress.hpp>
#include <ntm/schedule/schedule.hpp>

NTM_BEGIN_NAMESPACE

/// The task DAG in Graphviz DOT (UTF-8): one box per task labelled with its name (in `l`,
/// falling back to Vietnamese), id, early dates and total float; milestones with a double
/// border; critical tasks and the links of the critical paths in red; link types and lags
/// on the edges. Ids and labels are quoted and escaped. `schedule` must come from `network`
/// (rows are matched by task index). Render with `dot -Tsvg`.
NTM_API std::string to_dot(const task_network& network, const schedule_result& schedule, lang l = lang::vi);

/// The schedule as JSON text: project dates, the task table, critical paths, the deadline
/// report and window conflicts.
NTM_API std::string to_json(const schedule_result& schedule);

/// The progress report as JSON text: per-task progress and variance, late tasks, reviews
/// per body, and the forecast schedule.
NTM_API std::string to_json(const progress_report& report);

NTM_END_NAMESPACE

#endif  // NTM_SCHEDULE_RENDER_HPP_
