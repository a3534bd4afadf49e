// SPDX-License-Identifier: MIT
/// @file
/// Dates (boost::gregorian::date) and the periods Vietnamese plans are written in: years,
/// quarters ("Quý II/2023"), half-years, months ("tháng 5/2023") and month ranges
/// ("tháng 5,6/2023"), each with its first and last day. Parsing never throws: bad text gives
/// an `ntm::error` with the column.
#ifndef NTM_CORE_DATE_HPP_
#define NTM_CORE_DATE_HPP_

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>

NTM_BEGIN_NAMESPACE

/// A calendar date. `date()` (default-constructed) is "not a date".
using date = boost::gregorian::date;

/// Earliest and latest year ntm accepts in data (Boost.Date_Time supports 1400–9999).
inline constexpr int min_year = 1400;
inline constexpr int max_year = 9999;

/// True for Gregorian leap years.
constexpr bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}
/// Days in `month` (1–12) of `year`; 0 for a month outside 1–12.
constexpr int days_in_month(int year, int month) noexcept {
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

/// A date from its parts; `errc::date_invalid` for 2023-02-30, month 13, a year outside
/// 1400–9999.
NTM_API result<date> make_date(int year, int month, int day);

/// Parses "2023-12-31" (ISO 8601) or "31/12/2023" (Vietnamese day/month/year).
/// Errors: date_syntax (with the column), date_invalid.
NTM_API result<date> parse_date(std::string_view text);

/// "2023-12-31"; "" for not-a-date.
NTM_API std::string format_date(date d);
/// Vietnamese "31/12/2023" or English ISO "2023-12-31".
NTM_API std::string format_date(date d, lang l);

/// `d` plus `months` calendar months; a day past the end of the target month is clamped to
/// its last day (31/01 + 1 month = 28/02 or 29/02). `errc::date_invalid` out of range.
NTM_API result<date> add_months(date d, int months);
/// `d` plus `days` days; `errc::date_invalid` out of range.
NTM_API result<date> add_days(date d, std::int64_t days);

/// The kind of a period, as it was written.
enum class period_kind {
  day,        ///< one date: "2023-05-15"
  month,      ///< "tháng 5/2023"
  months,     ///< consecutive months of one year: "tháng 5,6/2023", "tháng 7-9/2023"
  quarter,    ///< "Quý II/2023", "Q2/2023"
  half_year,  ///< "6 tháng đầu năm 2023", "H1/2023"
  year,       ///< "2023", "năm 2023"
  range,      ///< explicit "2023-04-01..2023-06-30"
};

/// A closed span of days [first, last] with the kind it was written as.
struct period {
  period_kind kind = period_kind::day;
  date first;
  date last;

  /// True when `d` lies within [first, last].
  bool contains(date d) const noexcept { return !(d < first) && !(last < d); }
  /// Number of days, both ends included.
  std::int64_t days() const { return (last - first).days() + 1; }
  /// The canonical text: "Quý II/2023", "tháng 5,6/2023", "năm 2023" (vi) or "Q2 2023",
  /// "May–June 2023", "2023" (en). `parse_period(p.to_string(lang::vi))` gives `p` back.
  NTM_API std::string to_string(lang l = lang::vi) const;

  friend bool operator==(const period& a, const period& b) {
    return a.kind == b.kind && a.first == b.first && a.last == b.last;
  }
  friend bool operator!=(const period& a, const period& b) { return !(a == b); }
};

/// Parses a period. Accepted (case and accents optional):
/// "2023", "năm 2023"; "Q2/2023", "Q2 2023", "2023-Q2", "Quý II/2023", "quý 2/2023",
/// "Quý II năm 2023"; "H1/2023", "6 tháng đầu năm 2023", "6 tháng cuối năm 2023";
/// "tháng 5/2023", "tháng 5 năm 2023", "T5/2023", "05/2023", "2023-05";
/// "tháng 5,6/2023", "tháng 5-6/2023", "tháng 7,8,9/2023", "tháng 10, 11, 12/2023";
/// a date "2023-05-15" or "15/05/2023"; a range "2023-04-01..2023-06-30".
/// Errors: period_syntax (with the column), period_invalid (quarter 5, month 13, months
/// not consecutive or not ascending, a range that ends before it starts), date_invalid.
NTM_API result<period> parse_period(std::string_view text);

/// The year `y`; `errc::date_invalid` outside 1400–9999.
NTM_API result<period> year_period(int y);
/// Quarter `q` (1–4) of year `y`.
NTM_API result<period> quarter_period(int y, int q);
/// Month `m` (1–12) of year `y`.
NTM_API result<period> month_period(int y, int m);

NTM_END_NAMESPACE

#endif  // NTM_CORE_DATE_HPP_
