// SPDX-License-Identifier: MIT
/// @file
/// Loading and saving funding plans in the funding JSON format (schemas/funding.schema.json,
/// described in docs/ledger.md).
#ifndef NTM_LEDGER_FUNDING_IO_HPP_
#define NTM_LEDGER_FUNDING_IO_HPP_

#include <string>
#include <string_view>

#include <ntm/core/limits.hpp>
#include <ntm/core/result.hpp>
#include <ntm/ledger/funding.hpp>

NTM_BEGIN_NAMESPACE

/// Parses a funding plan from JSON text; `file` names it in errors. Every problem is
/// reported (the first in the error, all in `details`), each with file:line:column and the
/// JSON pointer: json_* codes, money_* codes ("1.000" is ambiguous), unknown fields with a
/// suggestion, and the problems of `check(plan)` (unknown references, negative amounts,
/// rates above 100 %, cycles, unbalanced transactions, ...), limit_exceeded (`options`: file
/// size, nesting).
NTM_API result<funding_plan> parse_funding(std::string_view text, std::string file = "", const load_options& options = {});
/// Reads and parses a funding file. Errors: io_error, limit_exceeded, and those of parse_funding.
NTM_API result<funding_plan> load_funding(const std::string& path, const load_options& options = {});
/// The plan as funding JSON (UTF-8, 2-space indent, fields in a fixed order); parsing it gives
/// an equal plan.
NTM_API std::string to_json(const funding_plan& plan);
/// Writes `to_json(plan)` to `path` atomically. Error: io_error.
NTM_API result<void> save_funding(const funding_plan& plan, const std::string& path);

NTM_END_NAMESPACE

#endif  // NTM_LEDGER_FUNDING_IO_HPP_
