// SPDX-License-Identifier: MIT
// Private helpers shared by the schedule module and its loaders: problems found by checks
// (with a JSON pointer, so loaders can locate them in the file), and raw access to a
// calendar's index for the scheduler's hot loops.
#ifndef NTM_SRC_SCHEDULE_INTERNAL_HPP_
#define NTM_SRC_SCHEDULE_INTERNAL_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include <ntm/core/error.hpp>
#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/task.hpp>

NTM_BEGIN_NAMESPACE
namespace schedule_internal {

/// One problem found by a check. `pointer` is a JSON pointer relative to the checked object
/// ("/3/depends_on/1" within a task list), so a loader can prefix it and find line:column.
struct issue {
  errc code;
  std::string message;
  std::string pointer;
};

/// Checks stop collecting after this many problems (a 1,000,000-task input with a systematic
/// mistake should not produce a million messages).
inline constexpr std::size_t max_issues = 100;

/// The issues as one error: the first, with all of them in `details` when there are several.
/// `prefix` is prepended to each pointer. Precondition: `issues` is not empty.
error to_error(const std::vector<issue>& issues, const std::string& prefix, const std::string& context);

/// Every problem of a calendar's data (see calendar::build).
std::vector<issue> check_calendar(const calendar_spec& spec);

/// Raw O(1) access to a calendar's index. Indices count working days from the calendar's
/// first day; dates outside the range are clamped as documented per function.
struct calendar_access {
  static std::int64_t offset(const calendar& c, date d) {
    return static_cast<std::int64_t>(d.day_number()) - static_cast<std::int64_t>(c.first_day_number_);
  }
  static std::int64_t days(const calendar& c) { return static_cast<std::int64_t>(c.before_.size()) - 1; }
  static std::int32_t count(const calendar& c) { return c.working_day_count(); }
  /// Index of the first working day on or after `d`; 0 before the range, count() after it.
  static std::int32_t ceil_index(const calendar& c, date d) {
    const std::int64_t off = offset(c, d);
    if (off <= 0) return 0;
    if (off >= days(c)) return count(c);
    return c.before_[static_cast<std::size_t>(off)];
  }
  /// Index of the last working day on or before `d`; -1 before the range, count() - 1 after.
  static std::int32_t floor_index(const calendar& c, date d) {
    const std::int64_t off = offset(c, d);
    if (off < 0) return -1;
    if (off >= days(c)) return count(c) - 1;
    return c.before_[static_cast<std::size_t>(off) + 1] - 1;
  }
  /// The date of working day `k`, 0 <= k <= count(); count() gives the day after the range.
  static date date_of(const calendar& c, std::int32_t k) {
    return c.first_ + boost::gregorian::date_duration(c.work_[static_cast<std::size_t>(k)]);
  }
  /// The date `n` days after the calendar's first day (may lie outside the range).
  static date day(const calendar& c, std::int64_t n) {
    return c.first_ + boost::gregorian::date_duration(static_cast<long>(n));
  }
};

}  // namespace schedule_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_SCHEDULE_INTERNAL_HPP_
