// SPDX-License-Identifier: MIT
// Working calendars: Vietnam's holidays 2022–2026 as data, O(1) working-day arithmetic,
// and the errors for bad data and dates out of range.
#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/roadmap.hpp>

#include <random>

#include "schedule/schedule_fixtures.hpp"

using namespace ntm_test;
using ntm::errc;

namespace {

ntm::calendar vn_calendar() {
  auto spec = ntm::load_calendar(source_dir() + "/data/calendars/vn-public-holidays.json");
  REQUIRE_OK(spec);
  auto cal = ntm::calendar::build(*spec);
  REQUIRE_OK(cal);
  return *cal;
}

bool working(const ntm::calendar& c, ntm::date day) {
  auto w = c.is_working_day(day);
  REQUIRE_OK(w);
  return *w;
}

const ntm::holiday* holiday_on(const ntm::calendar_spec& spec, ntm::date day) {
  for (const auto& h : spec.holidays)
    if (!(day < h.first) && !(h.last < day)) return &h;
  return nullptr;
}

}  // namespace

TEST_CASE("calendar: Vietnam's public holidays 2022-2026 from the data file", "[schedule][calendar]") {
  const auto cal = vn_calendar();
  CHECK(cal.first() == d(2022, 1, 1));
  CHECK(cal.last() == d(2026, 12, 31));
  // Tết (mùng 1 Tết, computed from the lunar calendar) lies in each year's Tết days off.
  for (const auto tet : {d(2022, 2, 1), d(2023, 1, 22), d(2024, 2, 10), d(2025, 1, 29), d(2026, 2, 17)}) {
    const ntm::holiday* h = holiday_on(cal.spec(), tet);
    INFO(ntm::format_date(tet));
    REQUIRE(h != nullptr);
    CHECK(h->name.vi.find("Tết Nguyên đán") == 0);
  }
  // Giỗ Tổ Hùng Vương, 10/3 lunar.
  for (const auto hung : {d(2022, 4, 10), d(2023, 4, 29), d(2024, 4, 18), d(2025, 4, 7), d(2026, 4, 26)}) {
    const ntm::holiday* h = holiday_on(cal.spec(), hung);
    INFO(ntm::format_date(hung));
    REQUIRE(h != nullptr);
    CHECK(h->name.vi.find("Giỗ Tổ Hùng Vương") == 0);
    CHECK_FALSE(working(cal, hung));
  }
  // The official Tết ranges, weekdays included.
  for (int day = 20; day <= 26; ++day) CHECK_FALSE(working(cal, d(2023, 1, day)));
  CHECK(working(cal, d(2023, 1, 19)));
  CHECK(working(cal, d(2023, 1, 27)));
  for (int day = 8; day <= 14; ++day) CHECK_FALSE(working(cal, d(2024, 2, day)));
  CHECK(working(cal, d(2024, 2, 15)));
  CHECK_FALSE(working(cal, d(2025, 1, 27)));
  CHECK_FALSE(working(cal, d(2025, 1, 31)));
  CHECK(working(cal, d(2025, 2, 3)));
  CHECK_FALSE(working(cal, d(2026, 2, 16)));
  CHECK_FALSE(working(cal, d(2026, 2, 20)));
  CHECK(working(cal, d(2026, 2, 23)));
  // 30/4, 1/5, 2/9 and its adjacent day, 1/1 and the compensatory days.
  CHECK_FALSE(working(cal, d(2023, 5, 1)));
  CHECK_FALSE(working(cal, d(2023, 5, 2)));
  CHECK_FALSE(working(cal, d(2023, 5, 3)));
  CHECK(working(cal, d(2023, 5, 4)));
  CHECK_FALSE(working(cal, d(2023, 9, 1)));
  CHECK_FALSE(working(cal, d(2023, 9, 4)));
  CHECK_FALSE(working(cal, d(2025, 9, 1)));
  CHECK_FALSE(working(cal, d(2025, 9, 2)));
  CHECK_FALSE(working(cal, d(2023, 1, 2)));
  CHECK(working(cal, d(2023, 1, 3)));
  // Swapped days: Monday 29/4/2024 off, Saturday 4/5/2024 worked; Friday 2/5/2025 off, Saturday 26/4/2025 worked.
  CHECK_FALSE(working(cal, d(2024, 4, 29)));
  CHECK(working(cal, d(2024, 5, 4)));
  CHECK_FALSE(working(cal, d(2025, 5, 2)));
  CHECK(working(cal, d(2025, 4, 26)));
  // Every holiday says whether it is the official announcement or the statutory minimum.
  for (const auto& h : cal.spec().holidays) CHECK(h.basis != ntm::holiday_basis::unspecified);
  // Working days in 2023: 260 weekdays minus 11 holiday weekdays (2/1, 20/1, 23–26/1, 1–3/5, 1/9, 4/9).
  auto year = cal.working_days_between(d(2023, 1, 1), d(2024, 1, 1));
  REQUIRE_OK(year);
  CHECK(*year == 260 - 11);
}

TEST_CASE("calendar: a task spanning Tết 2023 is pushed by the Tết days off", "[schedule][calendar]") {
  const auto vn = vn_calendar();
  const auto plain = weekdays(d(2022, 1, 1), d(2026, 12, 31));
  // Ten working days from Monday 16 January 2023.
  auto with_tet = vn.add_working_days(d(2023, 1, 16), 9);
  auto without = plain.add_working_days(d(2023, 1, 16), 9);
  REQUIRE_OK(with_tet);
  REQUIRE_OK(without);
  CHECK(*without == d(2023, 1, 27));
  CHECK(*with_tet == d(2023, 2, 3));  // 5 working days later (20, 23, 24, 25, 26 January), 7 calendar days
  const auto s = schedule_ok({make_task("dossier", 10)}, vn, {d(2023, 1, 16), {}, 16});
  CHECK(row(s, "dossier").early_finish == d(2023, 2, 3));
  const auto s2 = schedule_ok({make_task("dossier", 10)}, plain, {d(2023, 1, 16), {}, 16});
  CHECK(row(s2, "dossier").early_finish == d(2023, 1, 27));
  // A task after it starts on the first working day after Tết.
  const auto s3 = schedule_ok({make_task("a", 4), make_task("b", 1, {fs("a")})}, vn, {d(2023, 1, 16), {}, 16});
  CHECK(row(s3, "a").early_finish == d(2023, 1, 19));
  CHECK(row(s3, "b").early_start == d(2023, 1, 27));
}

TEST_CASE("calendar: working-day arithmetic semantics", "[schedule][calendar]") {
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  auto next = [&](ntm::date day, long n) {
    auto r = cal.add_working_days(day, n);
    REQUIRE_OK(r);
    return *r;
  };
  CHECK(next(d(2023, 1, 6), 1) == d(2023, 1, 9));    // Friday + 1 = Monday
  CHECK(next(d(2023, 1, 7), 1) == d(2023, 1, 9));    // Saturday + 1 = Monday
  CHECK(next(d(2023, 1, 7), 0) == d(2023, 1, 9));    // 0 on a weekend: the next working day
  CHECK(next(d(2023, 1, 9), 0) == d(2023, 1, 9));
  CHECK(next(d(2023, 1, 9), -1) == d(2023, 1, 6));   // Monday − 1 = Friday
  CHECK(next(d(2023, 1, 8), -1) == d(2023, 1, 6));   // Sunday − 1 = Friday
  CHECK(*cal.next_working_day(d(2023, 1, 7)) == d(2023, 1, 9));
  CHECK(*cal.previous_working_day(d(2023, 1, 7)) == d(2023, 1, 6));
  CHECK(*cal.working_days_between(d(2023, 1, 2), d(2023, 1, 9)) == 5);
  CHECK(*cal.working_days_between(d(2023, 1, 9), d(2023, 1, 2)) == -5);
  CHECK(cal.working_day_count() == 260);
}

TEST_CASE("calendar: O(1) answers agree with counting day by day", "[schedule][calendar]") {
  const auto cal = vn_calendar();
  std::mt19937 rng(20230101);
  std::uniform_int_distribution<int> offset(0, static_cast<int>((cal.last() - cal.first()).days()));
  for (int k = 0; k < 300; ++k) {
    ntm::date a = cal.first() + boost::gregorian::date_duration(offset(rng));
    ntm::date b = cal.first() + boost::gregorian::date_duration(offset(rng));
    if (b < a) std::swap(a, b);
    std::int64_t naive = 0;
    for (ntm::date x = a; x < b; x += boost::gregorian::date_duration(1)) naive += cal.is_working_day(x).value_or(false) ? 1 : 0;
    auto fast = cal.working_days_between(a, b);
    REQUIRE_OK(fast);
    CHECK(*fast == naive);
  }
}

TEST_CASE("calendar: dates outside the range are errors", "[schedule][calendar]") {
  const auto cal = vn_calendar();
  auto r = cal.is_working_day(d(2027, 1, 4));
  REQUIRE_ERROR(r, errc::out_of_calendar);
  CHECK(r.error().message.find("2022-01-01..2026-12-31") != std::string::npos);
  CHECK(r.error().message.find("vn-public-holidays") != std::string::npos);
  REQUIRE_ERROR(cal.add_working_days(d(2026, 12, 30), 5), errc::out_of_calendar);
  REQUIRE_ERROR(cal.add_working_days(d(2022, 1, 4), -5), errc::out_of_calendar);
  REQUIRE_ERROR(cal.working_days_between(d(2021, 12, 31), d(2022, 3, 1)), errc::out_of_calendar);
  REQUIRE_ERROR(cal.previous_working_day(d(2022, 1, 2)), errc::out_of_calendar);
}

TEST_CASE("calendar: contradictory data is refused with every problem listed", "[schedule][calendar]") {
  ntm::calendar_spec spec;
  spec.id = "bad";
  spec.first = d(2023, 1, 1);
  spec.last = d(2023, 12, 31);
  spec.holidays.push_back({{"Tết", ""}, d(2023, 1, 26), d(2023, 1, 20), ntm::holiday_basis::official, ""});
  spec.holidays.push_back({{"Quốc khánh", ""}, d(2023, 9, 1), d(2023, 9, 4), ntm::holiday_basis::official, ""});
  spec.extra_working_days.push_back({d(2023, 9, 2), {"làm bù", ""}, ""});   // a Saturday inside a holiday
  spec.extra_working_days.push_back({d(2023, 9, 6), {"làm bù", ""}, ""});   // a Wednesday: already working
  auto c = ntm::calendar::build(spec);
  REQUIRE_ERROR(c, errc::invalid_calendar);
  REQUIRE(c.error().details.size() == 3);
  CHECK(c.error().details[0].where.pointer == "/holidays/0");
  CHECK(c.error().details[1].message.find("falls on the holiday") != std::string::npos);
  CHECK(c.error().details[2].message.find("already a working day") != std::string::npos);

  ntm::calendar_spec no_week;
  no_week.first = d(2023, 1, 1);
  no_week.last = d(2023, 1, 31);
  no_week.week = ntm::working_week{};
  REQUIRE_ERROR(ntm::calendar::build(no_week), errc::invalid_calendar);
  ntm::calendar_spec reversed;
  reversed.first = d(2023, 2, 1);
  reversed.last = d(2023, 1, 1);
  REQUIRE_ERROR(ntm::calendar::build(reversed), errc::invalid_calendar);
  REQUIRE_ERROR(ntm::calendar::build(ntm::calendar_spec{}), errc::invalid_calendar);  // no range at all
}

TEST_CASE("calendar: a six-day week and merging calendars", "[schedule][calendar]") {
  ntm::calendar_spec base;
  base.first = d(2023, 1, 1);
  base.last = d(2023, 12, 31);
  ntm::calendar_spec six;
  six.week = ntm::working_week{{false, true, true, true, true, true, true}};
  six.holidays.push_back({{"Nghỉ", ""}, d(2023, 3, 4), d(2023, 3, 4), ntm::holiday_basis::unspecified, ""});
  auto cal = ntm::calendar::build(ntm::merge(base, six));
  REQUIRE_OK(cal);
  CHECK(*cal->is_working_day(d(2023, 3, 11)));      // a Saturday
  CHECK_FALSE(*cal->is_working_day(d(2023, 3, 4)));  // a Saturday off
  CHECK_FALSE(*cal->is_working_day(d(2023, 3, 5)));  // Sunday
}
