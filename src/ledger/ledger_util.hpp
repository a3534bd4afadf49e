// SPDX-License-Identifier: MIT
// Private: small helpers shared by the ledger's files (messages, error lists).
#ifndef NTM_LEDGER_LEDGER_UTIL_HPP_
#define NTM_LEDGER_LEDGER_UTIL_HPP_

#include <string>
#include <vector>

#include <ntm/core/error.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/numeric.hpp>

NTM_BEGIN_NAMESPACE
namespace ledger_internal {

/// "1.234.567.890 đ (1,23456789 tỷ)": exact, and readable for large amounts.
std::string describe_money(money m);
/// The same for a 128-bit amount (a sum that may be beyond the money range).
std::string describe_amount(detail::int128 v);
/// One error for a non-empty list: the first, with all of them in `details` when several.
error combine_errors(std::vector<error> problems);

}  // namespace ledger_internal
NTM_END_NAMESPACE

#endif  // NTM_LEDGER_LEDGER_UTIL_HPP_
