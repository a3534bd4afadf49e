// SPDX-License-Identifier: MIT
/// @file
/// A roadmap (lộ trình) as data: the project start and deadline, the working calendar
/// (files it includes plus inline holidays), the bodies that lead and support the work, and
/// the tasks. Loaded from and saved to JSON (`schemas/roadmap.schema.json`) with located
/// errors; saving and loading again gives an equal roadmap.
#ifndef NTM_SCHEDULE_ROADMAP_HPP_
#define NTM_SCHEDULE_ROADMAP_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/limits.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>
#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/schedule.hpp>
#include <ntm/schedule/task.hpp>

NTM_BEGIN_NAMESPACE

/// A body of the commune that leads or supports tasks ("ban_quan_ly": Ban quản lý xây dựng NTM).
struct body {
  std::string id;
  localized_text name;

  friend bool operator==(const body& a, const body& b) { return a.id == b.id && a.name == b.name; }
  friend bool operator!=(const body& a, const body& b) { return !(a == b); }
};

/// A calendar file a roadmap includes: the path as written (relative paths are relative to
/// the roadmap file's directory) and the calendar read from it.
struct calendar_import {
  std::string file;
  calendar_spec spec;

  friend bool operator==(const calendar_import& a, const calendar_import& b) { return a.file == b.file && a.spec == b.spec; }
  friend bool operator!=(const calendar_import& a, const calendar_import& b) { return !(a == b); }
};

/// A roadmap. Regular value.
struct roadmap {
  std::string id;
  localized_text name;
  date project_start;
  std::optional<date> deadline;               ///< the plan's target date
  std::vector<calendar_import> calendar_imports;
  calendar_spec calendar;                     ///< inline part, laid over the imports
  std::vector<body> bodies;                   ///< when not empty, task leads and supports must be among them
  std::vector<task> tasks;

  friend bool operator==(const roadmap& a, const roadmap& b) {
    return a.id == b.id && a.name == b.name && a.project_start == b.project_start && a.deadline == b.deadline &&
           a.calendar_imports == b.calendar_imports && a.calendar == b.calendar && a.bodies == b.bodies && a.tasks == b.tasks;
  }
  friend bool operator!=(const roadmap& a, const roadmap& b) { return !(a == b); }
};

/// The calendar a roadmap schedules with: its imports merged in order, then its inline part
/// (see `merge`).
NTM_API calendar_spec effective_calendar(const roadmap& r);

/// Reads a roadmap from JSON text; `file` names it in errors and anchors relative calendar
/// includes (empty: the current directory). Reports every problem found (in `details`), each
/// with file:line:column and JSON pointer: json_syntax, json_type, json_missing_field,
/// json_unknown_field (with "did you mean"), format_version, period_syntax / period_invalid
/// ("Quý V/2023"), date_syntax / date_invalid, duplicate_id, unknown_reference (with "did you
/// mean"), invalid_value, invalid_duration, invalid_window, invalid_link, invalid_progress,
/// invalid_effect, invalid_calendar, dependency_cycle, io_error (an include), limit_exceeded
/// (`options`: file size, nesting, max_tasks). Includes are read through `options.resolver`
/// when it is set. Nothing is returned unless everything is valid.
NTM_API result<roadmap> parse_roadmap(std::string_view text, std::string file, const load_options& options = load_options::defaults());
/// Reads a roadmap file (errors: as parse_roadmap, and io_error).
NTM_API result<roadmap> load_roadmap(const std::string& path, const load_options& options = load_options::defaults());
/// The roadmap as JSON text (UTF-8, two-space indent, fixed field order, deterministic).
/// Includes are written as their paths, not their content.
NTM_API std::string to_json(const roadmap& r);
/// Writes `to_json(r)` to `path` atomically. Errors: io_error.
NTM_API result<void> save_roadmap(const roadmap& r, const std::string& path);

/// Reads a calendar file (`data/calendars/*.json`). Errors: as parse_roadmap where they apply.
NTM_API result<calendar_spec> parse_calendar(std::string_view text, std::string file, const load_options& options = load_options::defaults());
/// The same from a file (errors as parse_calendar, and io_error).
NTM_API result<calendar_spec> load_calendar(const std::string& path, const load_options& options = load_options::defaults());
/// The calendar as JSON text, in the calendar file format.
NTM_API std::string to_json(const calendar_spec& c);

/// Builds the roadmap's calendar and task network and schedules it from its project start
/// against its deadline. Errors: those of calendar::build, task_network::build and
/// task_network::schedule.
NTM_API result<schedule_result> schedule_roadmap(const roadmap& r);

NTM_END_NAMESPACE

#endif  // NTM_SCHEDULE_ROADMAP_HPP_
