// SPDX-License-Identifier: MIT
// Working calendars: checking the data and building the O(1) working-day index.
#include <ntm/schedule/calendar.hpp>

#include <algorithm>
#include <set>

#include "schedule/internal.hpp"

NTM_BEGIN_NAMESPACE

namespace {

// Ranges longer than this are refused: the index costs about 8 bytes a day.
constexpr std::int64_t max_calendar_days = 400LL * 366;

const char* const weekday_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

// The range a spec covers: given, or the whole years of its holidays.
bool derive_range(const calendar_spec& spec, date& first, date& last) {
  if (spec.first && spec.last) {
    first = *spec.first;
    last = *spec.last;
    return true;
  }
  int lo = 0;
  int hi = 0;
  for (const holiday& h : spec.holidays) {
    if (h.first.is_special() || h.last.is_special()) continue;
    lo = lo == 0 ? static_cast<int>(h.first.year()) : std::min<int>(lo, h.first.year());
    hi = std::max<int>(hi, h.last.year());
  }
  for (const extra_working_day& x : spec.extra_working_days) {
    if (x.day.is_special()) continue;
    lo = lo == 0 ? static_cast<int>(x.day.year()) : std::min<int>(lo, x.day.year());
    hi = std::max<int>(hi, x.day.year());
  }
  if (lo == 0) {  // no dated data: one given bound decides the year
    if (!spec.first && !spec.last) return false;
    lo = hi = static_cast<int>(spec.first ? spec.first->year() : spec.last->year());
  }
  first = spec.first ? *spec.first : date(static_cast<unsigned short>(lo), 1, 1);
  last = spec.last ? *spec.last : date(static_cast<unsigned short>(std::max<int>(hi, first.year())), 12, 31);
  return true;
}

std::string day_text(date d) { return format_date(d) + " (" + weekday_names[d.day_of_week().as_number()] + ")"; }

}  // namespace

const char* to_string(holiday_basis b) noexcept {
  switch (b) {
    case holiday_basis::statutory: return "statutory";
    case holiday_basis::official: return "official";
    case holiday_basis::unspecified: break;
  }
  return "unspecified";
}

calendar_spec merge(calendar_spec base, const calendar_spec& overlay) {
  if (!overlay.id.empty()) base.id = overlay.id;
  if (!overlay.name.empty()) base.name = overlay.name;
  if (overlay.week) base.week = overlay.week;
  if (overlay.first) base.first = overlay.first;
  if (overlay.last) base.last = overlay.last;
  base.holidays.insert(base.holidays.end(), overlay.holidays.begin(), overlay.holidays.end());
  base.extra_working_days.insert(base.extra_working_days.end(), overlay.extra_working_days.begin(),
                                 overlay.extra_working_days.end());
  return base;
}

namespace schedule_internal {

error to_error(const std::vector<issue>& issues, const std::string& prefix, const std::string& context) {
  auto one = [&](const issue& i) {
    source_location where;
    where.pointer = prefix + i.pointer;
    return make_error(i.code, i.message, where);
  };
  error e = one(issues.front());
  if (issues.size() > 1) {
    e.message = std::to_string(issues.size()) + (issues.size() >= max_issues ? " or more" : "") +
                " problems; the first: " + e.message;
    for (const issue& i : issues) e.details.push_back(one(i));
  }
  if (!context.empty()) e.add_context(context);
  return e;
}

std::vector<issue> check_calendar(const calendar_spec& spec) {
  std::vector<issue> out;
  const working_week week = spec.week.value_or(monday_to_friday);
  if (std::none_of(week.begin(), week.end(), [](bool b) { return b; }))
    out.push_back({errc::invalid_calendar, "the working week has no working day", "/working_week"});
  date first;
  date last;
  const bool has_range = derive_range(spec, first, last);
  if (!has_range) {
    out.push_back({errc::invalid_calendar,
                   "the calendar has no range: give \"range\": {\"first\": …, \"last\": …} or holidays to derive it from",
                   ""});
  } else if (last < first) {
    out.push_back({errc::invalid_calendar, "the range ends (" + format_date(last) + ") before it starts (" + format_date(first) + ")", "/range"});
  } else if ((last - first).days() + 1 > max_calendar_days) {
    out.push_back({errc::invalid_calendar, "the range " + format_date(first) + ".." + format_date(last) + " is longer than 400 years", "/range"});
  }
  for (std::size_t i = 0; i < spec.holidays.size(); ++i) {
    const holiday& h = spec.holidays[i];
    const std::string where = "/holidays/" + std::to_string(i);
    if (h.first.is_special() || h.last.is_special())
      out.push_back({errc::invalid_calendar, "holiday \"" + h.name.vi + "\" has no date", where});
    else if (h.last < h.first)
      out.push_back({errc::invalid_calendar, "holiday \"" + h.name.vi + "\" ends (" + format_date(h.last) +
                                                 ") before it starts (" + format_date(h.first) + ")", where});
  }
  std::set<date> seen;
  for (std::size_t i = 0; i < spec.extra_working_days.size(); ++i) {
    const extra_working_day& x = spec.extra_working_days[i];
    const std::string where = "/extra_working_days/" + std::to_string(i);
    if (x.day.is_special()) {
      out.push_back({errc::invalid_calendar, "a make-up working day has no date", where});
      continue;
    }
    if (!seen.insert(x.day).second) {
      out.push_back({errc::invalid_calendar, "make-up working day " + format_date(x.day) + " is listed twice", where});
      continue;
    }
    if (week[x.day.day_of_week().as_number()]) {
      out.push_back({errc::invalid_calendar, "make-up working day " + day_text(x.day) +
                                                 " is already a working day of the week; was another date meant?", where});
      continue;
    }
    for (const holiday& h : spec.holidays) {
      if (!h.first.is_special() && !h.last.is_special() && !(x.day < h.first) && !(h.last < x.day)) {
        out.push_back({errc::invalid_calendar, "make-up working day " + format_date(x.day) + " falls on the holiday \"" +
                                                   h.name.vi + "\" (" + format_date(h.first) + ".." + format_date(h.last) + ")", where});
        break;
      }
    }
  }
  if (out.size() > max_issues) out.resize(max_issues);
  return out;
}

}  // namespace schedule_internal

result<calendar> calendar::build(const calendar_spec& spec) {
  const auto issues = schedule_internal::check_calendar(spec);
  if (!issues.empty()) {
    return fail(schedule_internal::to_error(issues, "", spec.id.empty() ? "while building a calendar"
                                                                        : "while building calendar " + spec.id));
  }
  calendar c;
  c.spec_ = spec;
  derive_range(spec, c.first_, c.last_);
  c.first_day_number_ = static_cast<std::uint32_t>(c.first_.day_number());
  const std::int64_t days = (c.last_ - c.first_).days() + 1;
  const working_week week = spec.week.value_or(monday_to_friday);

  // Day states: start from the week, clear holidays, set make-up days.
  std::vector<char> working(static_cast<std::size_t>(days));
  int dow = c.first_.day_of_week().as_number();
  for (std::int64_t i = 0; i < days; ++i) {
    working[static_cast<std::size_t>(i)] = week[static_cast<std::size_t>(dow)] ? 1 : 0;
    dow = dow == 6 ? 0 : dow + 1;
  }
  for (const holiday& h : spec.holidays) {
    const std::int64_t a = std::max<std::int64_t>(0, schedule_internal::calendar_access::offset(c, h.first));
    const std::int64_t b = std::min<std::int64_t>(days - 1, schedule_internal::calendar_access::offset(c, h.last));
    for (std::int64_t i = a; i <= b; ++i) working[static_cast<std::size_t>(i)] = 0;
  }
  for (const extra_working_day& x : spec.extra_working_days) {
    const std::int64_t i = schedule_internal::calendar_access::offset(c, x.day);
    if (i >= 0 && i < days) working[static_cast<std::size_t>(i)] = 1;
  }
  c.before_.resize(static_cast<std::size_t>(days) + 1);
  c.work_.reserve(static_cast<std::size_t>(days) + 1);
  std::int32_t count = 0;
  for (std::int64_t i = 0; i < days; ++i) {
    c.before_[static_cast<std::size_t>(i)] = count;
    if (working[static_cast<std::size_t>(i)]) {
      c.work_.push_back(static_cast<std::int32_t>(i));
      ++count;
    }
  }
  c.before_[static_cast<std::size_t>(days)] = count;
  c.work_.push_back(static_cast<std::int32_t>(days));  // sentinel: the day after the range
  c.work_.shrink_to_fit();
  return c;
}

bool calendar::covers(date d) const noexcept {
  return !d.is_special() && !(d < first_) && !(last_ < d);
}

error calendar::outside(date d, const char* what) const {
  const std::string id = spec_.id.empty() ? std::string("the calendar") : "calendar " + spec_.id;
  return make_error(errc::out_of_calendar,
                    std::string(what) + (d.is_special() ? std::string(" is not a date") : " " + format_date(d)) +
                        " is outside the range " + id + " covers (" + format_date(first_) + ".." + format_date(last_) +
                        "); its working days are not known there — extend the calendar's range and holidays");
}

result<bool> calendar::is_working_day(date d) const {
  if (!covers(d)) return fail(outside(d, "date"));
  const auto off = static_cast<std::size_t>(schedule_internal::calendar_access::offset(*this, d));
  return before_[off + 1] != before_[off];
}

result<date> calendar::add_working_days(date d, std::int64_t n) const {
  using schedule_internal::calendar_access;
  if (!covers(d)) return fail(outside(d, "date"));
  std::int64_t k;
  if (n > 0) k = static_cast<std::int64_t>(calendar_access::floor_index(*this, d)) + n;
  else if (n < 0) k = static_cast<std::int64_t>(calendar_access::ceil_index(*this, d)) + n;
  else k = calendar_access::ceil_index(*this, d);
  if (k < 0 || k >= working_day_count()) {
    return fail(make_error(errc::out_of_calendar,
                           format_date(d) + (n >= 0 ? " plus " : " minus ") + std::to_string(n >= 0 ? n : -n) +
                               " working days falls outside the range the calendar covers (" + format_date(first_) +
                               ".." + format_date(last_) + ")"));
  }
  return calendar_access::date_of(*this, static_cast<std::int32_t>(k));
}

result<std::int64_t> calendar::working_days_between(date from, date to) const {
  if (!covers(from)) return fail(outside(from, "date"));
  if (!covers(to)) return fail(outside(to, "date"));
  using schedule_internal::calendar_access;
  return static_cast<std::int64_t>(before_[static_cast<std::size_t>(calendar_access::offset(*this, to))]) -
         before_[static_cast<std::size_t>(calendar_access::offset(*this, from))];
}

result<date> calendar::next_working_day(date d) const { return add_working_days(d, 0); }

result<date> calendar::previous_working_day(date d) const {
  if (!covers(d)) return fail(outside(d, "date"));
  const std::int32_t k = schedule_internal::calendar_access::floor_index(*this, d);
  if (k < 0) return fail(make_error(errc::out_of_calendar, "no working day on or before " + format_date(d) + " in the calendar's range"));
  return schedule_internal::calendar_access::date_of(*this, k);
}

NTM_END_NAMESPACE
