// SPDX-License-Identifier: MIT
/// @file
/// Reading and writing ntm's JSON files: criteria sets, a unit's facts, data test cases and
/// assessments. Every loader reports every problem it finds, each with file, line, column
/// and JSON pointer; nothing is half-loaded. The formats are described by the JSON Schema
/// files in `schemas/`.
#ifndef NTM_IO_JSON_HPP_
#define NTM_IO_JSON_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include <ntm/core/limits.hpp>
#include <ntm/core/result.hpp>
#include <ntm/rules/assessment.hpp>
#include <ntm/rules/criteria_set.hpp>
#include <ntm/rules/facts.hpp>
#include <ntm/rules/program.hpp>
#include <ntm/rules/test_cases.hpp>

NTM_BEGIN_NAMESPACE

/// Loads a criteria set and, recursively, the sets it extends (paths relative to `path`).
/// Errors: io_error, json_syntax, json_type, json_missing_field, json_unknown_field,
/// json_duplicate_key, invalid_utf8, money_ambiguous, date_invalid, format_version,
/// extends_cycle, limit_exceeded — all problems listed in `details`.
NTM_API result<criteria_set> load_criteria_set(const std::string& path, const load_options& options = load_options::defaults());
/// The same, from text in memory; `file` names it in errors and anchors relative "extends".
NTM_API result<criteria_set> parse_criteria_set(std::string_view text, const std::string& file = {},
                                                const load_options& options = load_options::defaults());
/// The set's own content as canonical JSON (bases stay references in "extends").
NTM_API std::string to_json(const criteria_set& set);
/// Writes `to_json(set)` to `path` atomically. Errors: io_error.
NTM_API result<void> save_criteria_set(const criteria_set& set, const std::string& path);

/// Reads a unit's facts for `prog`: {"facts": {"id": value | {"value": …, "source": …,
/// "collected": …, "note": …, "imputed": …}}}. Values follow the declared types: money as
/// "59,58 triệu" or integer đồng, percentages as "95%", dates "2023-12-31"; null = unknown.
/// Errors: unknown_fact (with a suggestion), fact_type, and the JSON errors above.
NTM_API result<fact_table> parse_facts(const program& prog, std::string_view text, const std::string& file = {},
                                       const load_options& options = load_options::defaults());
/// The same from a file (errors as parse_facts, and io_error).
NTM_API result<fact_table> load_facts(const program& prog, const std::string& path, const load_options& options = load_options::defaults());
/// A unit's facts as canonical JSON (unknown facts left out).
NTM_API std::string to_json(const fact_table& facts);

/// Reads data test cases (see ntm/rules/test_cases.hpp).
NTM_API result<test_suite> parse_test_suite(std::string_view text, const std::string& file = {}, const load_options& options = load_options::defaults());
/// The same from a file (errors as parse_test_suite, and io_error).
NTM_API result<test_suite> load_test_suite(const std::string& path, const load_options& options = load_options::defaults());

/// An assessment as JSON for other programs (statuses, values, checks, explanations).
NTM_API std::string to_json(const assessment& a, lang l = lang::vi);

/// A value read from JSON for a declared type, as in facts files: money "17,5 tỷ" or đồng,
/// "95%", "2023-12-31", numbers, booleans, text, enumeration names. Errors as parse_facts.
NTM_API result<value> parse_value(value_type type, std::string_view json_text);

NTM_END_NAMESPACE

#endif  // NTM_IO_JSON_HPP_
