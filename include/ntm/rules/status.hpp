// SPDX-License-Identifier: MIT
/// @file
/// The outcome of a rule: met, not met, unknown (data missing), not applicable, or errored.
#ifndef NTM_RULES_STATUS_HPP_
#define NTM_RULES_STATUS_HPP_

#include <cstdint>
#include <string_view>

#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>

NTM_BEGIN_NAMESPACE

/// Three-valued outcome plus "not applicable" and "error". Missing data gives `unknown`,
/// never `not_met`: a missing fact is never read as zero or false.
enum class status : std::uint8_t {
  not_met = 0,         ///< the condition is known to be false (Chưa đạt)
  met = 1,             ///< the condition is known to be true (Đạt)
  unknown = 2,         ///< facts needed to decide are missing (Chưa xác định)
  not_applicable = 3,  ///< the indicator does not apply to this unit (Không áp dụng)
  error = 4,           ///< evaluation failed (a custom evaluator threw, division by zero…)
};

/// "met", "not_met", "unknown", "not_applicable", "error".
NTM_API const char* to_string(status s) noexcept;
/// "Đạt", "Chưa đạt", "Chưa xác định", "Không áp dụng", "Lỗi" (vi) or English words.
NTM_API const char* status_label(status s, lang l) noexcept;
/// The inverse of to_string (also accepts "đạt"/"chưa đạt"); `errc::invalid_value` otherwise.
NTM_API result<status> parse_status(std::string_view text);

NTM_END_NAMESPACE

#endif  // NTM_RULES_STATUS_HPP_
