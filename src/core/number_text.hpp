// SPDX-License-Identifier: MIT
// Private: splitting written numbers ("1.234,5", "59.58") into exact digit strings, shared
// by the decimal, money and percentage parsers.
#ifndef NTM_SRC_CORE_NUMBER_TEXT_HPP_
#define NTM_SRC_CORE_NUMBER_TEXT_HPP_

#include <cstdint>
#include <string>
#include <string_view>

#include <ntm/core/result.hpp>

NTM_BEGIN_NAMESPACE
namespace core_internal {

/// The digits of a written number, without marks.
struct number_parts {
  bool negative = false;
  std::string whole;     ///< integer digits (at least one)
  std::string fraction;  ///< digits after the decimal mark (may be empty)
  int group_marks = 0;   ///< how many grouping marks were used
  bool has_decimal_mark = false;
};

/// Reads a number at the start of `text`: optional sign ('-', '+', or U+2212 '−'), digits,
/// grouping marks (`group_mark`, each followed by exactly three digits, the first group
/// of 1–3 digits), and at most one `decimal_mark` followed by digits. `group_mark` may be 0
/// (no grouping). Stops at the first other character and stores the number of bytes read
/// in `consumed`. `column_base` is added to columns in errors. `what` names the thing being
/// parsed in messages ("amount", "number").
result<number_parts> scan_number(std::string_view text, char decimal_mark, char group_mark,
                                 errc code, std::uint32_t column_base, const char* what,
                                 std::size_t& consumed);

/// whole.fraction × 10^shift as an exact integer; false if it does not fit or if a non-zero
/// digit remains after the shift (then `inexact` is set).
bool digits_to_int(const number_parts& p, int shift, std::int64_t& out, bool& inexact);

/// Formats |value| with `group_mark` every three digits ("1.234.567").
std::string group_digits(std::uint64_t value, char group_mark);

/// Formats value / 10^scale_digits exactly, trailing zeros trimmed, with the given marks.
/// `max_decimals` ≥ 0 rounds half away from zero to that many digits.
std::string format_scaled(std::int64_t value, int scale_digits, int max_decimals, char decimal_mark,
                          char group_mark);

}  // namespace core_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_CORE_NUMBER_TEXT_HPP_
