// SPDX-License-Identifier: MIT
/// @file
/// ntm::error: what went wrong, where, and while doing what.
///
/// Every fallible public call returns `ntm::result<T>` (see result.hpp) whose error side is
/// an `ntm::error`. An error has a stable numeric code (`errc`, append-only, documented in
/// docs/errors.md), a message a person can act on, a location (file, line and column, or a
/// JSON pointer into a data file), a context trail ("while loading plan X"), and, when a
/// checker found several problems at once, the full list in `details`.
#ifndef NTM_CORE_ERROR_HPP_
#define NTM_CORE_ERROR_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/export.hpp>

NTM_BEGIN_NAMESPACE

/// Stable error codes. Numbers never change and are never reused; new codes are appended
/// within their module's range (core 1xx, io/json 2xx, rules 3xx, schedule 4xx, ledger 5xx,
/// plan 6xx, scenario 7xx, C API 8xx). Each is listed in docs/errors.md.
enum class errc : int {
  // core ----------------------------------------------------------------------------------
  invalid_argument = 100,   ///< an argument is outside what the call accepts
  overflow = 101,           ///< an arithmetic result does not fit (never wraps)
  money_syntax = 102,       ///< text is not a money amount
  money_ambiguous = 103,    ///< an amount could be read two ways ("1.000" without a unit)
  money_fraction = 104,     ///< an amount is not a whole number of đồng
  date_syntax = 105,        ///< text is not a date
  date_invalid = 106,       ///< a date that does not exist (2023-02-30) or is out of range
  period_syntax = 107,      ///< text is not a period (year, quarter, month, month range)
  period_invalid = 108,     ///< a period that does not exist (quarter 5, month 13, 7,5)
  percentage_syntax = 109,  ///< text is not a percentage
  number_syntax = 110,      ///< text is not a decimal number
  division_by_zero = 111,   ///< a division or share by zero
  io_error = 112,           ///< a file could not be read or written
  invalid_utf8 = 113,       ///< text is not valid UTF-8
  limit_exceeded = 114,     ///< an input exceeds a configured limit (size, depth, count)
  not_found = 115,          ///< a named item does not exist
  internal = 199,           ///< a bug in ntm; please report it

  // io / json -----------------------------------------------------------------------------
  json_syntax = 200,         ///< the file is not well-formed JSON
  json_type = 201,           ///< a JSON value has the wrong type
  json_missing_field = 202,  ///< a required field is absent
  json_unknown_field = 203,  ///< a field that the format does not define (likely a typo)
  json_duplicate_key = 204,  ///< the same key twice in one JSON object
  format_version = 205,      ///< unknown or unsupported file format / version
  duplicate_id = 206,        ///< two items share an id
  unknown_reference = 207,   ///< an id refers to nothing
  invalid_value = 208,       ///< a value is of the right type but not allowed here

  // rules ---------------------------------------------------------------------------------
  expression_syntax = 300,     ///< an expression does not parse
  expression_type = 301,       ///< operand types do not fit (a percentage compared with money)
  expression_unit = 302,       ///< numbers with different units combined (km with hộ)
  unknown_identifier = 303,    ///< a name is neither a fact, a parameter nor a rule
  ambiguous_identifier = 304,  ///< a name is declared twice, as a fact and as a parameter
  unknown_function = 305,      ///< a call to a function that is neither built in nor registered
  wrong_arity = 306,           ///< a call with the wrong number of arguments
  dependency_cycle = 307,      ///< rules, or tasks, depend on each other in a cycle
  parameter_overlap = 308,     ///< two values of a parameter are in force on the same day
  parameter_gap = 309,         ///< days between two values of a parameter have no value
  parameter_undefined = 310,   ///< no value of a parameter is in force on the assessment date
  unknown_fact = 311,          ///< a fact that the criteria set does not declare
  fact_type = 312,             ///< a fact value of the wrong type
  unknown_rule = 313,          ///< a rule id that the set does not define
  unknown_parameter = 314,     ///< a parameter id that the set does not define
  unknown_region = 315,        ///< a region key that the set does not declare
  evaluator_failed = 316,      ///< a custom function or evaluator threw or returned an error
  extends_cycle = 317,         ///< criteria sets extend each other in a cycle
  test_case_failed = 318,      ///< a data test case's expected statuses were not met

  // ledger 5xx ----------------------------------------------------------------------------
  unbalanced_transaction = 500,    ///< a transaction's postings do not sum to zero đồng
  balance_assertion_failed = 501,  ///< an account's balance at a date differs from the asserted one
  invalid_account_name = 502,      ///< text cannot be an account name (empty segment, ';', two spaces…)
  account_kind_mismatch = 503,     ///< an account is used or declared with a kind that contradicts its own
  csv_syntax = 504,                ///< a CSV file is malformed (quotes, field count, header)
  rate_out_of_range = 505,         ///< a rate (share) outside 0–100 %
  negative_amount = 506,           ///< a negative amount where only zero or more makes sense
  funding_cycle = 507,             ///< derived amounts that depend on each other in a loop
  timeline_missing = 508,          ///< a task or rule the funding plan needs is not in the timeline

  // schedule 4xx --------------------------------------------------------------------------
  // 400 is not used: a task cycle is errc::dependency_cycle (307), as for rules.
  invalid_duration = 401,  ///< a negative duration, a disordered three-point estimate, a milestone with a duration
  invalid_window = 402,    ///< a task's own window is impossible (start bound after finish bound) or given twice
  invalid_link = 403,      ///< a dependency that cannot be scheduled: on itself, twice on one task, a lag out of range
  invalid_progress = 404,  ///< actuals that contradict themselves or the status date (finish before start, 140 %)
  invalid_effect = 405,    ///< an effect on completion of the wrong shape (no fact, unknown op, non-literal value)
  invalid_calendar = 406,  ///< calendar data that contradicts itself (no working day, range reversed, make-up day on a holiday)
  out_of_calendar = 407,   ///< a date outside the range a calendar covers (its working days are not known there)

  // C API 8xx (include/ntm/c/ntm.h) ---------------------------------------------------------
  null_argument = 800,    ///< a required handle or pointer is NULL
  options_version = 801,  ///< an options struct of a version the library does not know
  out_of_memory = 802,    ///< memory ran out (C++ calls throw std::bad_alloc instead)
  callback_stopped = 803, ///< a caller's callback returned nonzero to stop the work
};

/// The short snake_case name of a code ("money_syntax"), or "unknown" for a number that is
/// not a defined code.
NTM_API const char* to_string(errc code) noexcept;

/// Where an error happened. Any part may be empty or zero (unknown).
struct source_location {
  std::string file;           ///< file path as given by the caller; empty for in-memory text
  std::uint32_t line = 0;     ///< 1-based line, 0 when unknown
  std::uint32_t column = 0;   ///< 1-based column in characters (UTF-8 code points), 0 when unknown
  std::string pointer;        ///< JSON pointer (RFC 6901) into a data file, e.g. "/facts/3/type"

  /// True when nothing is known about the location.
  bool empty() const noexcept { return file.empty() && line == 0 && column == 0 && pointer.empty(); }
  /// "file:line:column (pointer)" with the unknown parts left out.
  NTM_API std::string to_string() const;
};

/// An error value. Regular (copyable, comparable by content).
struct error {
  errc code = errc::internal;         ///< stable code
  std::string message;                ///< what is wrong and, where possible, what to do
  source_location where;              ///< where it happened
  std::vector<std::string> context;   ///< outermost last: "while loading plan.json", ...
  std::vector<error> details;         ///< all problems, when a checker found several

  /// Adds a context line ("while loading X") and returns the error, for chaining.
  error& add_context(std::string what) & {
    context.push_back(std::move(what));
    return *this;
  }
  error&& add_context(std::string what) && {
    context.push_back(std::move(what));
    return std::move(*this);
  }
  /// Places the error, and each detail, on `line` of `file`: for one line of a larger text
  /// (a line of JSON Lines) parsed on its own. The column stays.
  error& at_line(const std::string& file, std::uint32_t line) {
    where.file = file;
    where.line = line;
    for (error& d : details) d.at_line(file, line);
    return *this;
  }
};

/// Builds an error.
inline error make_error(errc code, std::string message, source_location where = {}) {
  error e;
  e.code = code;
  e.message = std::move(message);
  e.where = std::move(where);
  return e;
}

/// Renders an error for a person: "file:line:col: error[money_syntax/102]: message", then
/// one indented line per detail and per context entry.
NTM_API std::string format(const error& e);

/// Returns a callable that adds a context line to an error, for `result::map_error`:
/// `load(x).map_error(with_context("while loading x"))`.
inline auto with_context(std::string what) {
  return [what = std::move(what)](error e) { return std::move(e).add_context(what); };
}

NTM_END_NAMESPACE

#endif  // NTM_CORE_ERROR_HPP_
