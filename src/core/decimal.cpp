// SPDX-License-Identifier: MIT
// Exact fixed-point decimals.
#include <ntm/core/decimal.hpp>

#include <ntm/core/text.hpp>

#include "core/number_text.hpp"

NTM_BEGIN_NAMESPACE

std::string decimal::to_string(char decimal_mark) const {
  return core_internal::format_scaled(micros_, digits, -1, decimal_mark, 0);
}

result<decimal> parse_decimal(std::string_view text, char decimal_mark) {
  const char group_mark = decimal_mark == ',' ? '.' : 0;
  std::size_t used = 0;
  auto parts = core_internal::scan_number(text, decimal_mark, group_mark, errc::number_syntax, 1, "number", used);
  if (!parts) return fail(std::move(parts).error());
  if (used != text.size()) {
    source_location where;
    where.column = static_cast<std::uint32_t>(utf8_column(text, used));
    return fail(errc::number_syntax, "unexpected '" + std::string(text.substr(used, 1)) + "' in number \"" + std::string(text) + "\"", where);
  }
  std::int64_t m = 0;
  bool inexact = false;
  if (!core_internal::digits_to_int(*parts, decimal::digits, m, inexact)) {
    if (inexact)
      return fail(errc::number_syntax, "number \"" + std::string(text) + "\" has more than 6 digits after the decimal mark");
    return fail(errc::overflow, "number \"" + std::string(text) + "\" is too large (limit about 9.2 × 10^12)");
  }
  return decimal::from_micros(m);
}

result<decimal> add(decimal a, decimal b) {
  std::int64_t r;
  if (!checked_add(a.micros(), b.micros(), r)) return fail(errc::overflow, "decimal sum overflows");
  return decimal::from_micros(r);
}

result<decimal> subtract(decimal a, decimal b) {
  std::int64_t r;
  if (!checked_sub(a.micros(), b.micros(), r)) return fail(errc::overflow, "decimal difference overflows");
  return decimal::from_micros(r);
}

result<decimal> multiply(decimal a, decimal b, rounding mode) {
  std::int64_t r;
  if (!div_round(static_cast<detail::int128>(a.micros()) * b.micros(), decimal::scale, mode, r))
    return fail(errc::overflow, "decimal product overflows");
  return decimal::from_micros(r);
}

result<decimal> divide(decimal a, decimal b, rounding mode) {
  if (b.micros() == 0) return fail(errc::division_by_zero, "division by zero");
  std::int64_t r;
  if (!div_round(static_cast<detail::int128>(a.micros()) * decimal::scale, b.micros(), mode, r))
    return fail(errc::overflow, "decimal quotient overflows");
  return decimal::from_micros(r);
}

NTM_END_NAMESPACE
