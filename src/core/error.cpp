// SPDX-License-Identifier: MIT
// Error names and rendering.
#include <ntm/core/error.hpp>

#include <string>

NTM_BEGIN_NAMESPACE

const char* to_string(errc code) noexcept {
  switch (code) {
#define NTM_ERRC_NAME(name) \
  case errc::name:          \
    return #name;
    NTM_ERRC_NAME(invalid_argument)
    NTM_ERRC_NAME(overflow)
    NTM_ERRC_NAME(money_syntax)
    NTM_ERRC_NAME(money_ambiguous)
    NTM_ERRC_NAME(money_fraction)
    NTM_ERRC_NAME(date_syntax)
    NTM_ERRC_NAME(date_invalid)
    NTM_ERRC_NAME(period_syntax)
    NTM_ERRC_NAME(period_invalid)
    NTM_ERRC_NAME(percentage_syntax)
    NTM_ERRC_NAME(number_syntax)
    NTM_ERRC_NAME(division_by_zero)
    NTM_ERRC_NAME(io_error)
    NTM_ERRC_NAME(invalid_utf8)
    NTM_ERRC_NAME(limit_exceeded)
    NTM_ERRC_NAME(not_found)
    NTM_ERRC_NAME(internal)
    NTM_ERRC_NAME(json_syntax)
    NTM_ERRC_NAME(json_type)
    NTM_ERRC_NAME(json_missing_field)
    NTM_ERRC_NAME(json_unknown_field)
    NTM_ERRC_NAME(json_duplicate_key)
    NTM_ERRC_NAME(format_version)
    NTM_ERRC_NAME(duplicate_id)
    NTM_ERRC_NAME(unknown_reference)
    NTM_ERRC_NAME(invalid_value)
    NTM_ERRC_NAME(expression_syntax)
    NTM_ERRC_NAME(expression_type)
    NTM_ERRC_NAME(expression_unit)
    NTM_ERRC_NAME(unknown_identifier)
    NTM_ERRC_NAME(ambiguous_identifier)
    NTM_ERRC_NAME(unknown_function)
    NTM_ERRC_NAME(wrong_arity)
    NTM_ERRC_NAME(dependency_cycle)
    NTM_ERRC_NAME(parameter_overlap)
    NTM_ERRC_NAME(parameter_gap)
    NTM_ERRC_NAME(parameter_undefined)
    NTM_ERRC_NAME(unknown_fact)
    NTM_ERRC_NAME(fact_type)
    NTM_ERRC_NAME(unknown_rule)
    NTM_ERRC_NAME(unknown_parameter)
    NTM_ERRC_NAME(unknown_region)
    NTM_ERRC_NAME(evaluator_failed)
    NTM_ERRC_NAME(extends_cycle)
    NTM_ERRC_NAME(test_case_failed)
    NTM_ERRC_NAME(unbalanced_transaction)
    NTM_ERRC_NAME(balance_assertion_failed)
    NTM_ERRC_NAME(invalid_account_name)
    NTM_ERRC_NAME(account_kind_mismatch)
    NTM_ERRC_NAME(csv_syntax)
    NTM_ERRC_NAME(rate_out_of_range)
    NTM_ERRC_NAME(negative_amount)
    NTM_ERRC_NAME(funding_cycle)
    NTM_ERRC_NAME(timeline_missing)
    NTM_ERRC_NAME(invalid_duration)
    NTM_ERRC_NAME(invalid_window)
    NTM_ERRC_NAME(invalid_link)
    NTM_ERRC_NAME(invalid_progress)
    NTM_ERRC_NAME(invalid_effect)
    NTM_ERRC_NAME(invalid_calendar)
    NTM_ERRC_NAME(out_of_calendar)
    NTM_ERRC_NAME(null_argument)
    NTM_ERRC_NAME(options_version)
    NTM_ERRC_NAME(out_of_memory)
    NTM_ERRC_NAME(callback_stopped)
#undef NTM_ERRC_NAME
  }
  return "unknown";
}

std::string source_location::to_string() const {
  std::string out = file;
  if (line != 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(line);
    if (column != 0) {
      out += ':';
      out += std::to_string(column);
    }
  } else if (column != 0) {
    if (!out.empty()) out += ':';
    out += "column " + std::to_string(column);
  }
  if (!pointer.empty()) {
    if (!out.empty()) out += ' ';
    out += "(at " + pointer + ")";
  }
  return out;
}

namespace {
void format_into(std::string& out, const error& e, const std::string& indent) {
  out += indent;
  const std::string where = e.where.to_string();
  if (!where.empty()) out += where + ": ";
  out += "error[";
  out += to_string(e.code);
  out += '/';
  out += std::to_string(static_cast<int>(e.code));
  out += "]: ";
  out += e.message;
  for (const error& d : e.details) {
    out += '\n';
    format_into(out, d, indent + "  ");
  }
  for (const std::string& c : e.context) {
    out += '\n';
    out += indent + "  " + c;
  }
}
}  // namespace

std::string format(const error& e) {
  std::string out;
  format_into(out, e, "");
  return out;
}

NTM_END_NAMESPACE
