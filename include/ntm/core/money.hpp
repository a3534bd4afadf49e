// SPDX-License-Identifier: MIT
/// @file
/// ntm::money: an amount in whole Vietnamese đồng, with checked arithmetic, exact percentage
/// shares under a stated rounding rule, and parsing/formatting of the forms Vietnamese
/// documents use ("23,8 tỷ", "500 triệu", "1.234.567 đ", "1234567 VND").
///
/// Example:
/// @code
///   auto need = ntm::parse_money("23,8 tỷ");           // 23 800 000 000 đồng
///   auto have = ntm::parse_money("10,5 tỷ đồng");
///   auto gap  = ntm::subtract(*need, *have);           // result<money>: 13,3 tỷ
///   std::cout << ntm::format_money(*gap);              // "13,3 tỷ"
///   std::cout << ntm::format_dong(*gap);               // "13.300.000.000 đ"
/// @endcode
#ifndef NTM_CORE_MONEY_HPP_
#define NTM_CORE_MONEY_HPP_

#include <cstdint>
#include <string>
#include <string_view>

#include <ntm/core/decimal.hpp>
#include <ntm/core/numeric.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>

NTM_BEGIN_NAMESPACE

/// An amount of money in whole đồng (VND has no minor unit in use). Range ±9.2 × 10¹⁸ đồng.
/// There is deliberately no unchecked `operator+`: use `add`, `subtract`, `multiply`, `share`,
/// which report overflow instead of wrapping.
class money {
 public:
  constexpr money() noexcept = default;
  /// An amount of `dong` đồng.
  static constexpr money from_dong(std::int64_t dong) noexcept { return money(dong); }
  /// The amount in đồng.
  constexpr std::int64_t dong() const noexcept { return dong_; }
  constexpr bool is_zero() const noexcept { return dong_ == 0; }
  constexpr bool is_negative() const noexcept { return dong_ < 0; }

  friend constexpr bool operator==(money a, money b) noexcept { return a.dong_ == b.dong_; }
  friend constexpr bool operator!=(money a, money b) noexcept { return a.dong_ != b.dong_; }
  friend constexpr bool operator<(money a, money b) noexcept { return a.dong_ < b.dong_; }
  friend constexpr bool operator<=(money a, money b) noexcept { return a.dong_ <= b.dong_; }
  friend constexpr bool operator>(money a, money b) noexcept { return a.dong_ > b.dong_; }
  friend constexpr bool operator>=(money a, money b) noexcept { return a.dong_ >= b.dong_; }

 private:
  constexpr explicit money(std::int64_t d) noexcept : dong_(d) {}
  std::int64_t dong_ = 0;
};

/// Common multiples, in đồng.
inline constexpr std::int64_t dong_per_nghin = 1'000;
inline constexpr std::int64_t dong_per_trieu = 1'000'000;
inline constexpr std::int64_t dong_per_ty = 1'000'000'000;

/// `a + b`; `errc::overflow` instead of wrapping.
inline result<money> add(money a, money b) {
  std::int64_t r;
  if (!checked_add(a.dong(), b.dong(), r)) return fail(errc::overflow, "money sum overflows: the amounts are beyond ±9.2 × 10^18 đồng");
  return money::from_dong(r);
}
/// `a - b`; `errc::overflow` instead of wrapping.
inline result<money> subtract(money a, money b) {
  std::int64_t r;
  if (!checked_sub(a.dong(), b.dong(), r)) return fail(errc::overflow, "money difference overflows: the amounts are beyond ±9.2 × 10^18 đồng");
  return money::from_dong(r);
}
/// `a × factor`; `errc::overflow` instead of wrapping.
inline result<money> multiply(money a, std::int64_t factor) {
  std::int64_t r;
  if (!checked_mul(a.dong(), factor, r)) return fail(errc::overflow, "money product overflows: the amount is beyond ±9.2 × 10^18 đồng");
  return money::from_dong(r);
}
/// `−a`; `errc::overflow` for the most negative amount.
inline result<money> negate(money a) { return subtract(money{}, a); }

/// An exact rational rate such as 15 % (15/100) or 12,5 % (125/1000). Denominator > 0.
struct fraction {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  friend bool operator==(fraction a, fraction b) noexcept {
    return static_cast<detail::int128>(a.numerator) * b.denominator ==
           static_cast<detail::int128>(b.numerator) * a.denominator;
  }
  friend bool operator!=(fraction a, fraction b) noexcept { return !(a == b); }
};

/// Parses a percentage: "15%", "15 %", "12,5%", "12.5%", "100%". Errors: percentage_syntax,
/// overflow.
NTM_API result<fraction> parse_percentage(std::string_view text);
/// "15%", "12,5%" (vi) or "12.5%" (en), exact when the fraction is a terminating decimal.
NTM_API std::string format_percentage(fraction f, lang l = lang::vi);
/// A decimal percentage (15.5 means 15.5 %) as an exact fraction.
NTM_API fraction percentage_fraction(decimal percent) noexcept;

/// `amount × rate`, exactly, rounded to the đồng by `mode` (default: half away from zero).
/// Errors: invalid_argument (denominator ≤ 0), overflow.
NTM_API result<money> share(money amount, fraction rate, rounding mode = rounding::half_up);

/// `amount × numerator / denominator` rounded to the đồng (e.g. a pro-rata split).
/// Errors: division_by_zero, overflow.
NTM_API result<money> prorate(money amount, std::int64_t numerator, std::int64_t denominator,
                              rounding mode = rounding::half_up);

/// Parses an amount as Vietnamese documents write it. Dots group thousands and the comma is
/// the decimal mark; a unit multiplies: tỷ/tỉ/ty (10⁹), triệu/trieu (10⁶), nghìn/ngàn (10³),
/// đồng/đ/₫/VND/VNĐ (1), optionally followed by "đồng" ("23,8 tỷ đồng"). A leading '-' or
/// '−' negates. Accepted: "23,8 tỷ", "500 triệu", "1.234.567 đ", "1234567 VND", "1.234.567",
/// "1234567". Rejected with a located error:
///  - money_ambiguous: "1.000" (one thousand, or one?), "23,8" (a decimal comma needs a unit);
///  - money_fraction: an amount that is not whole đồng ("0,5 đ", "1,0000000001 tỷ");
///  - money_syntax: anything else ("17.5 tỷ" names the fix: "17,5 tỷ");
///  - overflow: beyond ±9.2 × 10¹⁸ đồng.
NTM_API result<money> parse_money(std::string_view text);

/// The unit used by `format_money`.
enum class money_unit { automatic, ty, trieu, nghin, dong };

/// Options for `format_money`.
struct money_format {
  money_unit unit = money_unit::automatic;  ///< automatic: tỷ from 10⁹, triệu from 10⁶, else đồng
  int max_decimals = -1;   ///< -1: exact (all needed digits); else round half-up to this many
  lang language = lang::vi;
  bool unit_dong = false;  ///< vi: "23,8 tỷ đồng" instead of "23,8 tỷ"
};

/// Full amount with thousands grouping: "1.234.567 đ" (vi) or "1,234,567 VND" (en).
NTM_API std::string format_dong(money amount, lang l = lang::vi);
/// Amount in tỷ/triệu with a decimal comma: "23,8 tỷ", "500 triệu", "950.000 đ"; in English
/// "23.8 billion VND", "500 million VND".
NTM_API std::string format_money(money amount, const money_format& options = {});

NTM_END_NAMESPACE

#endif  // NTM_CORE_MONEY_HPP_
