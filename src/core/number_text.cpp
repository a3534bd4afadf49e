// SPDX-License-Identifier: MIT
// Splitting and formatting written numbers exactly.
#include "core/number_text.hpp"

#include <ntm/core/numeric.hpp>
#include <ntm/core/text.hpp>

NTM_BEGIN_NAMESPACE
namespace core_internal {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
std::uint32_t col(std::string_view text, std::size_t i, std::uint32_t base) {
  return base + static_cast<std::uint32_t>(utf8_column(text, i)) - 1;
}
}  // namespace

result<number_parts> scan_number(std::string_view text, char decimal_mark, char group_mark, errc code,
                                 std::uint32_t column_base, const char* what, std::size_t& consumed) {
  number_parts p;
  std::size_t i = 0;
  auto located = [&](std::size_t at, std::string msg) {
    source_location where;
    where.column = col(text, at, column_base);
    return fail(code, std::move(msg), where);
  };
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    p.negative = text[i] == '-';
    ++i;
  } else if (text.substr(i, 3) == "\xE2\x88\x92") {  // U+2212 minus sign
    p.negative = true;
    i += 3;
  }
  if (i >= text.size() || !is_digit(text[i]))
    return located(i, std::string("expected a digit at the start of the ") + what);
  std::size_t group_len = 0;  // digits in the current group
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      (in_fraction ? p.fraction : p.whole) += c;
      ++group_len;
      continue;
    }
    if (group_mark != 0 && c == group_mark && !in_fraction) {
      // A grouping mark: the previous group has 1–3 digits (first) or exactly 3 (later), and
      // exactly three digits follow before the next mark, the decimal mark, or the end.
      if ((p.group_marks == 0 && group_len > 3) || (p.group_marks > 0 && group_len != 3))
        return located(i, std::string("'") + group_mark + "' groups thousands, so it must follow a group of 3 digits in this " + what);
      std::size_t k = i + 1;
      while (k < text.size() && is_digit(text[k])) ++k;
      if (k - (i + 1) != 3) {
        std::string msg = std::string("'") + group_mark + "' groups thousands and must be followed by exactly 3 digits";
        if (decimal_mark == ',') msg += "; for a decimal write a comma, e.g. \"17,5 tỷ\"";
        return located(i, msg);
      }
      ++p.group_marks;
      group_len = 0;
      continue;
    }
    if (c == decimal_mark && !in_fraction) {
      if (p.group_marks > 0 && group_len != 3)
        return located(i, std::string("a group of 3 digits must come before the decimal mark in this ") + what);
      if (i + 1 >= text.size() || !is_digit(text[i + 1]))
        return located(i + 1, std::string("expected digits after the decimal mark '") + decimal_mark + "'");
      in_fraction = true;
      p.has_decimal_mark = true;
      continue;
    }
    break;
  }
  if (p.group_marks > 0 && !in_fraction && group_len != 3)
    return located(i, std::string("the last group of this ") + what + " must have 3 digits");
  consumed = i;
  return p;
}

bool digits_to_int(const number_parts& p, int shift, std::int64_t& out, bool& inexact) {
  inexact = false;
  detail::int128 v = 0;
  const detail::int128 limit = static_cast<detail::int128>(INT64_MAX) + 1;
  auto push = [&](char d) {
    v = v * 10 + (d - '0');
    return v <= limit;
  };
  for (char d : p.whole)
    if (!push(d)) return false;
  int used = 0;
  for (char d : p.fraction) {
    if (used < shift) {
      if (!push(d)) return false;
      ++used;
    } else if (d != '0') {
      inexact = true;
      return false;
    }
  }
  for (; used < shift; ++used)
    if (!push('0')) return false;
  if (p.negative) v = -v;
  if (v > INT64_MAX || v < INT64_MIN) return false;
  out = static_cast<std::int64_t>(v);
  return true;
}

std::string group_digits(std::uint64_t value, char group_mark) {
  std::string digits = std::to_string(value);
  if (group_mark == 0) return digits;
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[i];
    const std::size_t left = n - 1 - i;
    if (left > 0 && left % 3 == 0) out += group_mark;
  }
  return out;
}

std::string format_scaled(std::int64_t value, int scale_digits, int max_decimals, char decimal_mark,
                          char group_mark) {
  detail::int128 v = value;
  int digits = scale_digits;
  if (max_decimals >= 0 && max_decimals < scale_digits) {
    detail::int128 div = 1;
    for (int k = max_decimals; k < scale_digits; ++k) div *= 10;
    std::int64_t q = 0;
    div_round(v, div, rounding::half_up, q);
    v = q;
    digits = max_decimals;
  }
  const bool negative = v < 0;
  const detail::uint128 mag = negative ? static_cast<detail::uint128>(-v) : static_cast<detail::uint128>(v);
  detail::uint128 pow = 1;
  for (int k = 0; k < digits; ++k) pow *= 10;
  const auto whole = static_cast<std::uint64_t>(mag / pow);
  auto frac = static_cast<std::uint64_t>(mag % pow);
  std::string out = negative ? "-" : "";
  out += group_digits(whole, group_mark);
  if (digits > 0 && frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, static_cast<std::size_t>(digits) - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += decimal_mark;
    out += f;
  }
  if (out == "-0") out = "0";
  return out;
}

}  // namespace core_internal
NTM_END_NAMESPACE
