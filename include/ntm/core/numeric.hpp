// SPDX-License-Identifier: MIT
/// @file
/// Checked 64-bit integer arithmetic and rounding division, the basis of exact money and
/// decimal arithmetic. Inline: these sit in evaluation hot paths.
#ifndef NTM_CORE_NUMERIC_HPP_
#define NTM_CORE_NUMERIC_HPP_

#include <cstdint>

#include <ntm/export.hpp>

NTM_BEGIN_NAMESPACE

/// How a division that is not exact is rounded. The default throughout ntm is `half_up`:
/// to the nearest, halves away from zero (the rule of Vietnamese accounting practice and of
/// most budget documents: 0,5 đồng → 1 đồng, −0,5 → −1).
enum class rounding {
  half_up,    ///< nearest; ties away from zero (default)
  half_even,  ///< nearest; ties to the even neighbour (banker's rounding)
  down,       ///< toward zero (truncate)
  up,         ///< away from zero
  floor,      ///< toward −∞
  ceiling,    ///< toward +∞
};

namespace detail {
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;
}  // namespace detail

/// `out = a + b`; false (out unchanged) on overflow.
inline bool checked_add(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return false;
  out = r;
  return true;
}
/// `out = a - b`; false (out unchanged) on overflow.
inline bool checked_sub(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  std::int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) return false;
  out = r;
  return true;
}
/// `out = a * b`; false (out unchanged) on overflow.
inline bool checked_mul(std::int64_t a, std::int64_t b, std::int64_t& out) noexcept {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return false;
  out = r;
  return true;
}

/// `out = num / den` rounded by `mode`, with 128-bit operands; false on division by zero
/// or when the quotient does not fit in 64 bits.
inline bool div_round(detail::int128 num, detail::int128 den, rounding mode, std::int64_t& out) noexcept {
  if (den == 0) return false;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  detail::int128 q = num / den;
  const detail::int128 r = num % den;  // same sign as num
  if (r != 0) {
    const bool negative = num < 0;
    const detail::int128 twice = (r < 0 ? -r : r) * 2;
    switch (mode) {
      case rounding::half_up:
        if (twice >= den) q += negative ? -1 : 1;
        break;
      case rounding::half_even:
        if (twice > den || (twice == den && (q % 2 != 0))) q += negative ? -1 : 1;
        break;
      case rounding::down:
        break;
      case rounding::up:
        q += negative ? -1 : 1;
        break;
      case rounding::floor:
        if (negative) q -= 1;
        break;
      case rounding::ceiling:
        if (!negative) q += 1;
        break;
    }
  }
  if (q > INT64_MAX || q < INT64_MIN) return false;
  out = static_cast<std::int64_t>(q);
  return true;
}

NTM_END_NAMESPACE

#endif  // NTM_CORE_NUMERIC_HPP_
