// SPDX-License-Identifier: MIT
// Private: JSON readers and writers for roadmaps, task lists and calendars, usable by a
// later whole-plan loader (a plan file embeds "tasks" and "calendar" the same way).
#ifndef NTM_SRC_IO_ROADMAP_JSON_HPP_
#define NTM_SRC_IO_ROADMAP_JSON_HPP_

#include <string>
#include <vector>

#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/roadmap.hpp>
#include <ntm/schedule/task.hpp>

#include "io/json_document.hpp"

NTM_BEGIN_NAMESPACE
namespace io_internal {

using ordered_json = nlohmann::ordered_json;

/// Reads the task list (a JSON array) at `pointer` into `out` (one task per element, so
/// indices match), reporting every problem into `r`: field types and names, periods, then
/// the checks of task_network::build — duplicate ids, unknown dependency ids (did you mean),
/// durations, windows, links, actuals, effects, cycles — each located at its field. When
/// `bodies` is not null, leads and supports must be among them. Returns true when no
/// problem was found.
bool read_tasks(json_reader& r, const json& node, const std::string& pointer, std::vector<task>& out,
                const std::vector<std::string>* bodies = nullptr);

/// Reads one dependency at `pointer`: a task id, or {"task", "type" (FS, SS, FF, SF;
/// default FS), "lag" (days)}. Returns true when no problem was found.
bool read_dependency(json_reader& r, const json& node, const std::string& pointer, dependency& out);

/// Reads a calendar object at `pointer` (a calendar file's root, or a roadmap's "calendar").
/// With `includes` null the object stands alone and is also checked (see calendar::build);
/// otherwise an "include" field (a path or an array of paths) is accepted into `includes`
/// and the caller checks the merged calendar (report_calendar_issues). Returns true when no
/// problem was found.
bool read_calendar(json_reader& r, const json& node, const std::string& pointer, calendar_spec& out,
                   std::vector<std::string>* includes = nullptr);

/// Reports the problems of `spec` (check_calendar) at `pointer` + their relative pointers.
void report_calendar_issues(json_reader& r, const calendar_spec& spec, const std::string& pointer);

/// Reads the bodies array at `pointer` (ids unique). Returns true when no problem was found.
bool read_bodies(json_reader& r, const json& node, const std::string& pointer, std::vector<body>& out);

/// Writers (fixed field order, defaults left out).
ordered_json tasks_to_json(const std::vector<task>& tasks);
ordered_json calendar_to_json(const calendar_spec& c, const std::vector<std::string>& includes = {});

}  // namespace io_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_IO_ROADMAP_JSON_HPP_
