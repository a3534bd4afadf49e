// SPDX-License-Identifier: MIT
#include <ntm/core/money.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "support/result_matchers.hpp"

using ntm::errc;
using ntm::money;

namespace {
money dong(std::int64_t v) { return money::from_dong(v); }
}  // namespace

TEST_CASE("money: accepted Vietnamese forms parse exactly", "[core][money]") {
  using row = std::pair<const char*, std::int64_t>;
  auto [text, expected] = GENERATE(table<const char*, std::int64_t>({
      row{"23,8 tỷ", 23'800'000'000},
      row{"23,8 tỷ đồng", 23'800'000'000},
      row{"17,5 tỷ", 17'500'000'000},
      row{"0,1 tỷ", 100'000'000},
      row{"2 tỷ", 2'000'000'000},
      row{"2 tỉ", 2'000'000'000},
      row{"2 ty", 2'000'000'000},
      row{"2 TỶ", 2'000'000'000},
      row{"1.500 tỷ", 1'500'000'000'000},
      row{"500 triệu", 500'000'000},
      row{"500 trieu dong", 500'000'000},
      row{"59,58 triệu", 59'580'000},
      row{"1.234,5 triệu", 1'234'500'000},
      row{"750 nghìn", 750'000},
      row{"750 ngàn đồng", 750'000},
      row{"1.234.567 đ", 1'234'567},
      row{"1.234.567đ", 1'234'567},
      row{"1.234.567 ₫", 1'234'567},
      row{"1234567 VND", 1'234'567},
      row{"1234567 vnđ", 1'234'567},
      row{"1234567 đồng", 1'234'567},
      row{"1.000 đ", 1'000},
      row{"1.234.567", 1'234'567},
      row{"1234567", 1'234'567},
      row{"0", 0},
      row{"-5 tỷ", -5'000'000'000},
      row{"\xE2\x88\x92" "5 triệu", -5'000'000},
      row{"  7 triệu  ", 7'000'000},
      row{"7\xC2\xA0triệu", 7'000'000},
      row{"9.223.372.036.854.775.807 đ", std::numeric_limits<std::int64_t>::max()},
      row{"9.223.372.036,854775807 tỷ", std::numeric_limits<std::int64_t>::max()},
      row{"-9.223.372.036.854.775.808 đ", std::numeric_limits<std::int64_t>::min()},
  }));
  CAPTURE(text);
  auto m = ntm::parse_money(text);
  REQUIRE_OK(m);
  CHECK(m->dong() == expected);
}

TEST_CASE("money: rejected forms give the code and the column", "[core][money]") {
  using row = std::tuple<const char*, errc, std::uint32_t>;
  auto [text, code, column] = GENERATE(table<const char*, errc, std::uint32_t>({
      row{"1.000", errc::money_ambiguous, 1},
      row{"23,8", errc::money_ambiguous, 1},
      row{"17.5 tỷ", errc::money_syntax, 3},
      row{"1.23.456 đ", errc::money_syntax, 2},
      row{"12.3456 đ", errc::money_syntax, 3},
      row{"1.234. đ", errc::money_syntax, 6},
      row{"", errc::money_syntax, 1},
      row{"tỷ", errc::money_syntax, 1},
      row{"5 đô la", errc::money_syntax, 3},
      row{"5 tỷ USD", errc::money_syntax, 6},
      row{"0,5 đ", errc::money_fraction, 1},
      row{"1,0000000001 tỷ", errc::money_fraction, 1},
      row{"9.223.372.036.854.775.808 đ", errc::overflow, 1},
      row{"10 tỷ tỷ", errc::money_syntax, 7},
      row{"1,2,3 tỷ", errc::money_syntax, 4},
      row{"1,234,567 VND", errc::money_syntax, 6},
  }));
  CAPTURE(text);
  auto m = ntm::parse_money(text);
  REQUIRE_ERROR(m, code);
  CHECK(m.error().where.column == column);
  CHECK_FALSE(m.error().message.empty());
}

TEST_CASE("money: arithmetic at the int64 limits reports overflow and never wraps", "[core][money]") {
  const money max = dong(std::numeric_limits<std::int64_t>::max());
  const money min = dong(std::numeric_limits<std::int64_t>::min());
  REQUIRE_ERROR(ntm::add(max, dong(1)), errc::overflow);
  REQUIRE_ERROR(ntm::subtract(min, dong(1)), errc::overflow);
  REQUIRE_ERROR(ntm::multiply(max, 2), errc::overflow);
  REQUIRE_ERROR(ntm::multiply(min, -1), errc::overflow);
  REQUIRE_ERROR(ntm::negate(min), errc::overflow);
  REQUIRE_OK(ntm::add(max, dong(0)));
  CHECK(ntm::add(max, dong(-1))->dong() == std::numeric_limits<std::int64_t>::max() - 1);
  CHECK(ntm::subtract(min, dong(-1))->dong() == std::numeric_limits<std::int64_t>::min() + 1);
  CHECK(ntm::negate(max)->dong() == -std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("money: the seed's funding arithmetic is exact", "[core][money]") {
  // A = 17,5 + 6 + 0,1 + 0,1 + 0,1 = 23,8 tỷ; B = 2 + 8 + 0,5 = 10,5 tỷ; A − B = 13,3 tỷ.
  money a;
  for (const char* item : {"17,5 tỷ", "6 tỷ", "0,1 tỷ", "0,1 tỷ", "0,1 tỷ"}) a = *ntm::add(a, *ntm::parse_money(item));
  money b;
  for (const char* item : {"2 tỷ", "8 tỷ", "0,5 tỷ"}) b = *ntm::add(b, *ntm::parse_money(item));
  CHECK(a == *ntm::parse_money("23,8 tỷ"));
  CHECK(b == *ntm::parse_money("10,5 tỷ"));
  CHECK(b != *ntm::parse_money("10,3 tỷ"));
  CHECK(ntm::format_money(*ntm::subtract(a, b)) == "13,3 tỷ");
}

TEST_CASE("money: percentage shares are exact with the stated rounding", "[core][money]") {
  auto rate = ntm::parse_percentage("15%");
  REQUIRE_OK(rate);
  CHECK(rate->numerator == 3);
  CHECK(rate->denominator == 20);
  // 15 % of 53 1/3 tỷ of auction proceeds.
  CHECK(ntm::share(dong(53'333'333'333), *rate)->dong() == 8'000'000'000);  // 7 999 999 999,95 → half up
  CHECK(ntm::share(dong(53'333'333'333), *rate, ntm::rounding::down)->dong() == 7'999'999'999);
  // Ties: 0,5 đồng rounds away from zero by default, to even under half_even.
  const ntm::fraction half{1, 2};
  CHECK(ntm::share(dong(1), half)->dong() == 1);
  CHECK(ntm::share(dong(-1), half)->dong() == -1);
  CHECK(ntm::share(dong(1), half, ntm::rounding::half_even)->dong() == 0);
  CHECK(ntm::share(dong(3), half, ntm::rounding::half_even)->dong() == 2);
  CHECK(ntm::share(dong(-3), half, ntm::rounding::floor)->dong() == -2);
  CHECK(ntm::share(dong(3), half, ntm::rounding::ceiling)->dong() == 2);
  CHECK(ntm::share(dong(3), half, ntm::rounding::up)->dong() == 2);
  // Exact large shares use 128-bit intermediates.
  CHECK(ntm::share(dong(std::numeric_limits<std::int64_t>::max()), ntm::fraction{1, 1})->dong() ==
        std::numeric_limits<std::int64_t>::max());
  REQUIRE_ERROR(ntm::share(dong(std::numeric_limits<std::int64_t>::max()), ntm::fraction{3, 2}), errc::overflow);
  REQUIRE_ERROR(ntm::share(dong(5), ntm::fraction{1, 0}), errc::invalid_argument);
  REQUIRE_ERROR(ntm::prorate(dong(5), 1, 0), errc::division_by_zero);
  CHECK(ntm::prorate(dong(10), 1, 3)->dong() == 3);
}

TEST_CASE("money: percentages parse and format", "[core][money]") {
  CHECK(*ntm::parse_percentage("12,5%") == ntm::fraction{1, 8});
  CHECK(*ntm::parse_percentage("12.5 %") == ntm::fraction{1, 8});
  CHECK(*ntm::parse_percentage("100%") == ntm::fraction{1, 1});
  CHECK(*ntm::parse_percentage("0%") == ntm::fraction{0, 1});
  CHECK(ntm::format_percentage(ntm::fraction{1, 8}) == "12,5%");
  CHECK(ntm::format_percentage(ntm::fraction{1, 8}, ntm::lang::en) == "12.5%");
  CHECK(ntm::format_percentage(ntm::fraction{3, 20}) == "15%");
  // Every percentage the parser reads formats back exactly (found by fuzzing: 3,3333333%).
  // And so do rates far beyond 100%: 24120220234120224% (fuzzing again) once printed "?%".
  for (const char* text : {"3,3333333%", "0,000000000000001%", "12,345678912345%", "24120220234120224%",
                           "-9223372036854775807%", "-0,5%", "92233720368,54775807%"}) {
    auto f = ntm::parse_percentage(text);
    REQUIRE(f);
    CHECK(ntm::format_percentage(*f) == text);
  }
  CHECK(ntm::format_percentage(ntm::fraction{1, 3}) == "33,333333%");  // not a terminating decimal: rounded
  CHECK(ntm::format_percentage(ntm::fraction{-2, 3}) == "-66,666667%");
  CHECK(ntm::format_percentage(ntm::fraction{1, -3'000'000'000'000'000'000}) == "0%");  // rounds to zero: no "-0"
  CHECK(ntm::format_percentage(ntm::fraction{1, 400'000'000'000}, ntm::lang::en) == "0.00000000025%");
  CHECK(ntm::format_percentage(ntm::fraction{0, 7}) == "0%");
  CHECK(ntm::format_percentage(ntm::fraction{1, 0}) == "?%");
  CHECK(ntm::percentage_fraction(ntm::decimal::from_micros(15'000'000)) == ntm::fraction{3, 20});
  REQUIRE_ERROR(ntm::parse_percentage("15"), errc::percentage_syntax);
  REQUIRE_ERROR(ntm::parse_percentage("%"), errc::percentage_syntax);
  REQUIRE_ERROR(ntm::parse_percentage("1x%"), errc::percentage_syntax);
}

TEST_CASE("money: formatting in đồng and in tỷ/triệu", "[core][money]") {
  CHECK(ntm::format_dong(dong(1'234'567)) == "1.234.567 đ");
  CHECK(ntm::format_dong(dong(1'234'567), ntm::lang::en) == "1,234,567 VND");
  CHECK(ntm::format_dong(dong(-1'000)) == "-1.000 đ");
  CHECK(ntm::format_dong(dong(0)) == "0 đ");
  CHECK(ntm::format_dong(dong(std::numeric_limits<std::int64_t>::min())) == "-9.223.372.036.854.775.808 đ");
  CHECK(ntm::format_money(dong(23'800'000'000)) == "23,8 tỷ");
  CHECK(ntm::format_money(dong(500'000'000)) == "500 triệu");
  CHECK(ntm::format_money(dong(950'000)) == "950.000 đ");
  CHECK(ntm::format_money(dong(1'500'000'000'000)) == "1.500 tỷ");
  CHECK(ntm::format_money(dong(23'812'345'678)) == "23,812345678 tỷ");
  ntm::money_format three;
  three.max_decimals = 3;
  CHECK(ntm::format_money(dong(23'812'545'678), three) == "23,813 tỷ");
  ntm::money_format words;
  words.unit_dong = true;
  CHECK(ntm::format_money(dong(13'300'000'000), words) == "13,3 tỷ đồng");
  ntm::money_format en;
  en.language = ntm::lang::en;
  CHECK(ntm::format_money(dong(23'800'000'000), en) == "23.8 billion VND");
  ntm::money_format in_trieu;
  in_trieu.unit = ntm::money_unit::trieu;
  CHECK(ntm::format_money(dong(8'420'000), in_trieu) == "8,42 triệu");
  // Formatting and parsing round-trip.
  for (std::int64_t v : {0LL, 1LL, 999LL, 1'000LL, 59'580'000LL, 23'800'000'000LL, -13'300'000'000LL, 123'456'789'012LL}) {
    CHECK(ntm::parse_money(ntm::format_dong(dong(v)))->dong() == v);
    CHECK(ntm::parse_money(ntm::format_money(dong(v)))->dong() == v);
  }
}
