// SPDX-License-Identifier: MIT
#include <ntm/core/date.hpp>

#include <string>

#include "support/result_matchers.hpp"

using ntm::errc;
using ntm::period_kind;

namespace {
std::string iso(const ntm::date& d) { return ntm::format_date(d); }
}  // namespace

TEST_CASE("date: ISO and Vietnamese forms parse", "[core][date]") {
  CHECK(iso(*ntm::parse_date("2023-12-31")) == "2023-12-31");
  CHECK(iso(*ntm::parse_date("2023-1-5")) == "2023-01-05");
  CHECK(iso(*ntm::parse_date("31/12/2023")) == "2023-12-31");
  CHECK(iso(*ntm::parse_date("5/1/2023")) == "2023-01-05");
  CHECK(iso(*ntm::parse_date("2024-02-29")) == "2024-02-29");
  CHECK(iso(*ntm::parse_date("2000-02-29")) == "2000-02-29");
  CHECK(ntm::format_date(*ntm::parse_date("2023-12-31"), ntm::lang::vi) == "31/12/2023");
  CHECK(ntm::format_date(ntm::date()) == "");
}

TEST_CASE("date: impossible and malformed dates are errors, not exceptions", "[core][date]") {
  using row = std::tuple<const char*, errc, std::uint32_t>;
  auto [text, code, column] = GENERATE(table<const char*, errc, std::uint32_t>({
      row{"2023-02-29", errc::date_invalid, 1},
      row{"1900-02-29", errc::date_invalid, 1},
      row{"2023-02-30", errc::date_invalid, 1},
      row{"2023-13-01", errc::date_invalid, 1},
      row{"2023-04-31", errc::date_invalid, 1},
      row{"2023-00-10", errc::date_invalid, 1},
      row{"30/02/2023", errc::date_invalid, 1},
      row{"0999-01-01", errc::date_invalid, 1},
      row{"2023/12/31", errc::date_syntax, 5},
      row{"2023-12", errc::date_syntax, 8},
      row{"2023-12-31x", errc::date_syntax, 11},
      row{"31/12/23", errc::date_syntax, 7},
      row{"", errc::date_syntax, 1},
      row{"hôm nay", errc::date_syntax, 1},
      row{"2023-123-1", errc::date_syntax, 6},
  }));
  CAPTURE(text);
  auto d = ntm::parse_date(text);
  REQUIRE_ERROR(d, code);
  CHECK(d.error().where.column == column);
}

TEST_CASE("date: month arithmetic clamps to the month end, and leap years", "[core][date]") {
  const auto jan31 = *ntm::parse_date("2023-01-31");
  CHECK(iso(*ntm::add_months(jan31, 1)) == "2023-02-28");
  CHECK(iso(*ntm::add_months(*ntm::parse_date("2024-01-31"), 1)) == "2024-02-29");
  CHECK(iso(*ntm::add_months(jan31, -2)) == "2022-11-30");
  CHECK(iso(*ntm::add_months(jan31, 12)) == "2024-01-31");
  CHECK(iso(*ntm::add_days(jan31, 29)) == "2023-03-01");
  REQUIRE_ERROR(ntm::add_days(*ntm::parse_date("9999-12-31"), 1), errc::date_invalid);
  REQUIRE_ERROR(ntm::add_months(*ntm::parse_date("1400-01-31"), -1), errc::date_invalid);
  CHECK(ntm::is_leap_year(2024));
  CHECK_FALSE(ntm::is_leap_year(2100));
  CHECK(ntm::is_leap_year(2000));
  CHECK(ntm::days_in_month(2023, 2) == 28);
  CHECK(ntm::days_in_month(2024, 2) == 29);
  CHECK(ntm::days_in_month(2023, 13) == 0);
}

TEST_CASE("period: every accepted form with its first and last day", "[core][period]") {
  using row = std::tuple<const char*, period_kind, const char*, const char*>;
  auto [text, kind, first, last] = GENERATE(table<const char*, period_kind, const char*, const char*>({
      row{"2023", period_kind::year, "2023-01-01", "2023-12-31"},
      row{"năm 2023", period_kind::year, "2023-01-01", "2023-12-31"},
      row{"Năm 2024", period_kind::year, "2024-01-01", "2024-12-31"},
      row{"Q2/2023", period_kind::quarter, "2023-04-01", "2023-06-30"},
      row{"Q1 2024", period_kind::quarter, "2024-01-01", "2024-03-31"},
      row{"2023-Q4", period_kind::quarter, "2023-10-01", "2023-12-31"},
      row{"Quý I/2023", period_kind::quarter, "2023-01-01", "2023-03-31"},
      row{"Quý II/2023", period_kind::quarter, "2023-04-01", "2023-06-30"},
      row{"Quý III/2023", period_kind::quarter, "2023-07-01", "2023-09-30"},
      row{"Quý IV/2023", period_kind::quarter, "2023-10-01", "2023-12-31"},
      row{"QUÝ IV/2023", period_kind::quarter, "2023-10-01", "2023-12-31"},
      row{"quy 3/2023", period_kind::quarter, "2023-07-01", "2023-09-30"},
      row{"Quý II năm 2023", period_kind::quarter, "2023-04-01", "2023-06-30"},
      row{"6 tháng đầu năm 2023", period_kind::half_year, "2023-01-01", "2023-06-30"},
      row{"6 tháng cuối năm 2023", period_kind::half_year, "2023-07-01", "2023-12-31"},
      row{"H2/2023", period_kind::half_year, "2023-07-01", "2023-12-31"},
      row{"2023-H1", period_kind::half_year, "2023-01-01", "2023-06-30"},
      row{"tháng 5/2023", period_kind::month, "2023-05-01", "2023-05-31"},
      row{"Tháng 4/2023", period_kind::month, "2023-04-01", "2023-04-30"},
      row{"tháng 2/2024", period_kind::month, "2024-02-01", "2024-02-29"},
      row{"tháng 2/2023", period_kind::month, "2023-02-01", "2023-02-28"},
      row{"tháng 5 năm 2023", period_kind::month, "2023-05-01", "2023-05-31"},
      row{"T5/2023", period_kind::month, "2023-05-01", "2023-05-31"},
      row{"05/2023", period_kind::month, "2023-05-01", "2023-05-31"},
      row{"2023-05", period_kind::month, "2023-05-01", "2023-05-31"},
      row{"tháng 5,6/2023", period_kind::months, "2023-05-01", "2023-06-30"},
      row{"Tháng 5,6/2023", period_kind::months, "2023-05-01", "2023-06-30"},
      row{"tháng 5-6/2023", period_kind::months, "2023-05-01", "2023-06-30"},
      row{"tháng 7 - 9/2023", period_kind::months, "2023-07-01", "2023-09-30"},
      row{"tháng 7,8,9/2023", period_kind::months, "2023-07-01", "2023-09-30"},
      row{"Tháng 10,11,12/2023", period_kind::months, "2023-10-01", "2023-12-31"},
      row{"tháng 10, 11, 12/2023", period_kind::months, "2023-10-01", "2023-12-31"},
      row{"tháng 5, 6 năm 2023", period_kind::months, "2023-05-01", "2023-06-30"},
      row{"2023-05-15", period_kind::day, "2023-05-15", "2023-05-15"},
      row{"15/05/2023", period_kind::day, "2023-05-15", "2023-05-15"},
      row{"2023-04-01..2023-06-30", period_kind::range, "2023-04-01", "2023-06-30"},
  }));
  CAPTURE(text);
  auto p = ntm::parse_period(text);
  REQUIRE_OK(p);
  CHECK(p->kind == kind);
  CHECK(iso(p->first) == first);
  CHECK(iso(p->last) == last);
  // The canonical Vietnamese text parses back to the same period.
  auto again = ntm::parse_period(p->to_string(ntm::lang::vi));
  REQUIRE_OK(again);
  CHECK(*again == *p);
}

TEST_CASE("period: rejected forms give the code and the column", "[core][period]") {
  using row = std::tuple<const char*, errc, std::uint32_t>;
  auto [text, code, column] = GENERATE(table<const char*, errc, std::uint32_t>({
      row{"Quý V/2023", errc::period_syntax, 5},
      row{"Q5/2023", errc::period_invalid, 2},
      row{"Quý IIII/2023", errc::period_invalid, 5},
      row{"tháng 13/2023", errc::period_invalid, 7},
      row{"tháng 0/2023", errc::period_invalid, 7},
      row{"tháng 5,7/2023", errc::period_invalid, 9},
      row{"tháng 6,5/2023", errc::period_invalid, 9},
      row{"tháng 9-7/2023", errc::period_invalid, 9},
      row{"tháng 5/23", errc::period_syntax, 9},
      row{"Quý II/2023 abc", errc::period_syntax, 13},
      row{"", errc::period_syntax, 1},
      row{"mùa xuân 2023", errc::period_syntax, 1},
      row{"2023-Q9", errc::period_invalid, 7},
      row{"2023-13", errc::period_invalid, 6},
      row{"2023-H3", errc::period_invalid, 7},
      row{"2023-06-30..2023-04-01", errc::period_invalid, 13},
      row{"2023-02-30", errc::date_invalid, 1},
  }));
  CAPTURE(text);
  auto p = ntm::parse_period(text);
  REQUIRE_ERROR(p, code);
  CHECK(p.error().where.column == column);
}

TEST_CASE("period: boundaries, containment and English names", "[core][period]") {
  auto q1 = *ntm::quarter_period(2024, 1);
  CHECK(q1.days() == 91);  // leap year
  CHECK(ntm::quarter_period(2023, 1)->days() == 90);
  CHECK(q1.contains(*ntm::parse_date("2024-03-31")));
  CHECK_FALSE(q1.contains(*ntm::parse_date("2024-04-01")));
  CHECK(ntm::year_period(2024)->days() == 366);
  CHECK(ntm::parse_period("Quý II/2023")->to_string(ntm::lang::en) == "Q2 2023");
  CHECK(ntm::parse_period("tháng 5,6/2023")->to_string(ntm::lang::en) == "May–June 2023");
  CHECK(ntm::parse_period("tháng 5,6/2023")->to_string() == "tháng 5,6/2023");
  CHECK(ntm::parse_period("Q3/2023")->to_string() == "Quý III/2023");
  REQUIRE_ERROR(ntm::quarter_period(2023, 0), errc::period_invalid);
  REQUIRE_ERROR(ntm::month_period(2023, 13), errc::period_invalid);
  REQUIRE_ERROR(ntm::year_period(10000), errc::date_invalid);
}
