// SPDX-License-Identifier: MIT
#include <ntm/core/decimal.hpp>
#include <ntm/core/error.hpp>
#include <ntm/core/text.hpp>
#include <ntm/version.hpp>

#include <cstring>

#include "support/result_matchers.hpp"

using ntm::errc;

TEST_CASE("error: formatting shows location, code, details and context", "[core][error]") {
  ntm::source_location where;
  where.file = "plan.json";
  where.line = 12;
  where.column = 7;
  where.pointer = "/funding/sources/1/amount";
  ntm::error e = ntm::make_error(errc::money_ambiguous, "\"1.000\" is ambiguous", where);
  e.add_context("while loading plan.json");
  const std::string text = ntm::format(e);
  CHECK(text.find("plan.json:12:7 (at /funding/sources/1/amount): error[money_ambiguous/103]: \"1.000\" is ambiguous") == 0);
  CHECK(text.find("\n  while loading plan.json") != std::string::npos);
  ntm::error many = ntm::make_error(errc::json_type, "2 errors");
  many.details.push_back(ntm::make_error(errc::json_missing_field, "missing \"id\""));
  many.details.push_back(ntm::make_error(errc::json_unknown_field, "unknown \"nmae\""));
  const std::string listed = ntm::format(many);
  CHECK(listed.find("  error[json_missing_field/202]: missing \"id\"") != std::string::npos);
  CHECK(listed.find("  error[json_unknown_field/203]: unknown \"nmae\"") != std::string::npos);
}

TEST_CASE("error: codes have stable numbers and names", "[core][error]") {
  CHECK(static_cast<int>(errc::overflow) == 101);
  CHECK(static_cast<int>(errc::money_ambiguous) == 103);
  CHECK(std::strcmp(ntm::to_string(errc::period_invalid), "period_invalid") == 0);
  CHECK(std::strcmp(ntm::to_string(static_cast<errc>(12345)), "unknown") == 0);
}

TEST_CASE("result: combinators and context", "[core][error]") {
  auto r = ntm::parse_decimal("12x").map_error(ntm::with_context("while reading the income"));
  REQUIRE_ERROR(r, errc::number_syntax);
  REQUIRE(r.error().context.size() == 1);
  CHECK(r.error().context[0] == "while reading the income");
  auto again = ntm::add_context(ntm::parse_decimal("x"), "while reading the poverty rate");
  REQUIRE(again.error().context.at(0) == "while reading the poverty rate");
  auto doubled = ntm::parse_decimal("2.5").and_then([](ntm::decimal d) { return ntm::add(d, d); });
  REQUIRE_OK(doubled);
  CHECK(doubled->to_string() == "5");
}

TEST_CASE("version: header and library agree", "[core][version]") {
  CHECK(std::strcmp(ntm::version(), NTM_VERSION_STRING) == 0);
  CHECK(ntm::version_number() == NTM_VERSION);
}

TEST_CASE("text: UTF-8 validation, columns and folding", "[core][text]") {
  CHECK(ntm::is_valid_utf8("Thạch Lỗi"));
  CHECK_FALSE(ntm::is_valid_utf8("\xC3\x28"));
  CHECK_FALSE(ntm::is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(ntm::is_valid_utf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(ntm::is_valid_utf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  CHECK_FALSE(ntm::is_valid_utf8("abc\xE1\xBA"));       // truncated
  CHECK(ntm::first_invalid_utf8("ab\xFF") == 2);
  CHECK(ntm::utf8_column("Lỗi x", 5) == 4);  // "Lỗi" is 5 bytes, 3 characters
  CHECK(ntm::utf8_length("Thạch Lỗi") == 9);
  CHECK(ntm::fold_vi("Quý II/2023") == "quy ii/2023");
  CHECK(ntm::fold_vi("TỶ ĐỒNG") == "ty dong");
  CHECK(ntm::fold_vi("Thạch Lỗi") == "thach loi");
  CHECK(ntm::fold_vi("ty\xCC\x89") == "ty");  // decomposed "tỷ"
  ntm::localized_text label{"Thu nhập", ""};
  CHECK(label.get(ntm::lang::en) == "Thu nhập");
  label.en = "Income";
  CHECK(label.get(ntm::lang::en) == "Income");
}

TEST_CASE("decimal: exact parsing, arithmetic and rounding", "[core][decimal]") {
  CHECK(ntm::parse_decimal("59.58")->micros() == 59'580'000);
  CHECK(ntm::parse_decimal("59,58", ',')->micros() == 59'580'000);
  CHECK(ntm::parse_decimal("1.234,5", ',')->micros() == 1'234'500'000);
  CHECK(ntm::parse_decimal("-0.000001")->micros() == -1);
  CHECK(ntm::parse_decimal("1.5000000")->micros() == 1'500'000);
  REQUIRE_ERROR(ntm::parse_decimal("1.0000001"), errc::number_syntax);
  REQUIRE_ERROR(ntm::parse_decimal("99999999999999"), errc::overflow);
  REQUIRE_ERROR(ntm::parse_decimal("1.2.3"), errc::number_syntax);
  auto third = ntm::divide(*ntm::parse_decimal("1"), *ntm::parse_decimal("3"));
  CHECK(third->to_string() == "0.333333");
  CHECK(ntm::divide(*ntm::parse_decimal("2"), *ntm::parse_decimal("3"))->to_string() == "0.666667");
  CHECK(ntm::multiply(*ntm::parse_decimal("87.6"), *ntm::parse_decimal("0.5"))->to_string(',') == "43,8");
  REQUIRE_ERROR(ntm::divide(*ntm::parse_decimal("1"), ntm::decimal{}), errc::division_by_zero);
  REQUIRE_ERROR(ntm::add(ntm::decimal::from_micros(INT64_MAX), ntm::decimal::from_micros(1)), errc::overflow);
  REQUIRE_ERROR(ntm::decimal::from_integer(INT64_MAX / 10), errc::overflow);
}
