// SPDX-License-Identifier: MIT
/// @file
/// Working calendars: a working week, holidays and make-up working days as data, and an
/// index that answers working-day questions in O(1).
///
/// Vietnamese public offices work Monday to Friday; public holidays (Labour Code 2019,
/// Art. 112) move with the lunar calendar, and the government often swaps a Saturday to
/// bridge a holiday ("làm bù"). `data/calendars/vn-public-holidays.json` ships 2022–2026.
#ifndef NTM_SCHEDULE_CALENDAR_HPP_
#define NTM_SCHEDULE_CALENDAR_HPP_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>

NTM_BEGIN_NAMESPACE

namespace schedule_internal {
struct calendar_access;
}

/// Where a holiday's day range comes from.
enum class holiday_basis {
  unspecified,  ///< not said
  statutory,    ///< the legal minimum (Labour Code 2019 Art. 112, with the weekend rule of Art. 111)
  official,     ///< the range the government announced for that year (includes any bridging)
};

/// "statutory", "official" or "unspecified".
NTM_API const char* to_string(holiday_basis b) noexcept;

/// Days off: one date (`first == last`) or an inclusive range.
struct holiday {
  localized_text name;
  date first;
  date last;
  holiday_basis basis = holiday_basis::unspecified;
  std::string note;  ///< free text (source, lunar date, what the range includes)

  friend bool operator==(const holiday& a, const holiday& b) {
    return a.name == b.name && a.first == b.first && a.last == b.last && a.basis == b.basis && a.note == b.note;
  }
  friend bool operator!=(const holiday& a, const holiday& b) { return !(a == b); }
};

/// A day that is normally off (a Saturday) but worked to make up for a bridged holiday.
struct extra_working_day {
  date day;
  localized_text name;
  std::string note;

  friend bool operator==(const extra_working_day& a, const extra_working_day& b) {
    return a.day == b.day && a.name == b.name && a.note == b.note;
  }
  friend bool operator!=(const extra_working_day& a, const extra_working_day& b) { return !(a == b); }
};

/// Which days of the week are worked, indexed 0 = Sunday … 6 = Saturday (Boost.Date_Time's
/// `day_of_week()` numbering).
using working_week = std::array<bool, 7>;

/// Monday to Friday, the week of Vietnamese public offices.
inline constexpr working_week monday_to_friday{{false, true, true, true, true, true, false}};

/// A calendar as data. Regular value; what `calendar::build` indexes.
struct calendar_spec {
  std::string id;                                  ///< e.g. "vn-public-holidays"
  localized_text name;
  std::optional<working_week> week;                ///< absent: Monday–Friday
  std::vector<holiday> holidays;
  std::vector<extra_working_day> extra_working_days;
  std::optional<date> first;  ///< first day covered; absent: 1 January of the first holiday's year
  std::optional<date> last;   ///< last day covered; absent: 31 December of the last holiday's year

  friend bool operator==(const calendar_spec& a, const calendar_spec& b) {
    return a.id == b.id && a.name == b.name && a.week == b.week && a.holidays == b.holidays &&
           a.extra_working_days == b.extra_working_days && a.first == b.first && a.last == b.last;
  }
  friend bool operator!=(const calendar_spec& a, const calendar_spec& b) { return !(a == b); }
};

/// `base` with `overlay` laid over it: holidays and make-up days are appended; the week, the
/// range, the id and the name of `overlay` win where it gives them.
NTM_API calendar_spec merge(calendar_spec base, const calendar_spec& overlay);

/// An indexed working calendar over a closed range of dates. Immutable once built; copies
/// are independent. Every query is O(1): the index holds, for each day of the range, the
/// number of working days before it, and for each working day its date.
///
/// Thread-safety: const member functions may be called concurrently.
class NTM_API calendar {
 public:
  /// Indexes `spec` over its range (given, or derived from the holidays' years).
  /// Errors: invalid_calendar — no working day in the week, a range that ends before it
  /// starts or spans more than 400 years, no range and no holiday to derive one from, a
  /// holiday that ends before it starts, a make-up day that is a holiday or already a
  /// working day, the same make-up day twice. All problems are listed in `details`.
  static result<calendar> build(const calendar_spec& spec);

  /// The data this calendar was built from.
  const calendar_spec& spec() const noexcept { return spec_; }
  /// First and last day covered.
  date first() const noexcept { return first_; }
  date last() const noexcept { return last_; }
  /// True when `d` lies within [first(), last()].
  bool covers(date d) const noexcept;
  /// Number of working days in the whole range.
  std::int32_t working_day_count() const noexcept { return static_cast<std::int32_t>(work_.size()) - 1; }

  /// True when `d` is a working day. Errors: out_of_calendar.
  result<bool> is_working_day(date d) const;
  /// `n` > 0: the n-th working day after `d`; `n` < 0: the |n|-th working day before `d`;
  /// `n` == 0: `d` if it is a working day, otherwise the next one.
  /// Errors: out_of_calendar (for `d` or for the answer).
  result<date> add_working_days(date d, std::int64_t n) const;
  /// Number of working days in [from, to) — negative when `to` is before `from`.
  /// Errors: out_of_calendar.
  result<std::int64_t> working_days_between(date from, date to) const;
  /// `d` if it is a working day, otherwise the next one. Errors: out_of_calendar.
  result<date> next_working_day(date d) const;
  /// `d` if it is a working day, otherwise the previous one. Errors: out_of_calendar.
  result<date> previous_working_day(date d) const;

 private:
  friend struct schedule_internal::calendar_access;
  calendar() = default;
  error outside(date d, const char* what) const;

  calendar_spec spec_;
  date first_;
  date last_;
  std::uint32_t first_day_number_ = 0;
  std::vector<std::int32_t> before_;  ///< [i]: working days in [first, first + i), size days + 1
  std::vector<std::int32_t> work_;    ///< [k]: day offset of working day k; back() = days (sentinel)
};

NTM_END_NAMESPACE

#endif  // NTM_SCHEDULE_CALENDAR_HPP_
