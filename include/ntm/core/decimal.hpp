// SPDX-License-Identifier: MIT
/// @file
/// ntm::decimal: an exact fixed-point number with six fractional digits, for quantities and
/// percentages (never for money, which is integer đồng). No floating point anywhere in a
/// decision: 59,58 is stored as 59 580 000 millionths, compared and added exactly.
#ifndef NTM_CORE_DECIMAL_HPP_
#define NTM_CORE_DECIMAL_HPP_

#include <cstdint>
#include <string>
#include <string_view>

#include <ntm/core/numeric.hpp>
#include <ntm/core/result.hpp>

NTM_BEGIN_NAMESPACE

/// Exact decimal with 6 fractional digits, range about ±9.2 × 10¹². Regular value type.
class decimal {
 public:
  /// Number of fractional digits kept.
  static constexpr int digits = 6;
  /// Units per whole: 10^digits.
  static constexpr std::int64_t scale = 1'000'000;

  constexpr decimal() noexcept = default;
  /// From a count of millionths (the exact internal representation).
  static constexpr decimal from_micros(std::int64_t micros) noexcept { return decimal(micros); }
  /// From a whole number; `errc::overflow` outside the range.
  static result<decimal> from_integer(std::int64_t whole) {
    std::int64_t m;
    if (!checked_mul(whole, scale, m)) return fail(errc::overflow, "number " + std::to_string(whole) + " is too large for a decimal");
    return decimal(m);
  }
  /// The internal count of millionths.
  constexpr std::int64_t micros() const noexcept { return micros_; }
  /// Approximate value as double (for display and statistics only, never for decisions).
  constexpr double to_double() const noexcept { return static_cast<double>(micros_) / static_cast<double>(scale); }
  /// True when the value has no fractional part.
  constexpr bool is_integer() const noexcept { return micros_ % scale == 0; }

  /// Shortest exact text: "59.58", "-3", "0.000001". `decimal_mark` ',' gives Vietnamese "59,58".
  NTM_API std::string to_string(char decimal_mark = '.') const;

  friend constexpr bool operator==(decimal a, decimal b) noexcept { return a.micros_ == b.micros_; }
  friend constexpr bool operator!=(decimal a, decimal b) noexcept { return a.micros_ != b.micros_; }
  friend constexpr bool operator<(decimal a, decimal b) noexcept { return a.micros_ < b.micros_; }
  friend constexpr bool operator<=(decimal a, decimal b) noexcept { return a.micros_ <= b.micros_; }
  friend constexpr bool operator>(decimal a, decimal b) noexcept { return a.micros_ > b.micros_; }
  friend constexpr bool operator>=(decimal a, decimal b) noexcept { return a.micros_ >= b.micros_; }

 private:
  constexpr explicit decimal(std::int64_t m) noexcept : micros_(m) {}
  std::int64_t micros_ = 0;
};

/// Parses "59.58", "-3", "1e3"-free decimal text. `decimal_mark` is '.' (JSON, expressions)
/// or ',' (Vietnamese documents; then '.' groups thousands: "1.234,5"). More than six
/// fractional digits is `errc::number_syntax` unless the extra digits are zeros.
/// Errors: number_syntax (with the column), overflow.
NTM_API result<decimal> parse_decimal(std::string_view text, char decimal_mark = '.');

/// Exact sum; `errc::overflow` when out of range.
NTM_API result<decimal> add(decimal a, decimal b);
/// Exact difference; `errc::overflow` when out of range.
NTM_API result<decimal> subtract(decimal a, decimal b);
/// Product rounded to six digits by `mode`; `errc::overflow` when out of range.
NTM_API result<decimal> multiply(decimal a, decimal b, rounding mode = rounding::half_up);
/// Quotient rounded to six digits by `mode`; `errc::division_by_zero`, `errc::overflow`.
NTM_API result<decimal> divide(decimal a, decimal b, rounding mode = rounding::half_up);

NTM_END_NAMESPACE

#endif  // NTM_CORE_DECIMAL_HPP_
