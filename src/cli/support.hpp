// SPDX-License-Identifier: MIT
// Private to the ntm program: exit codes, terminal output, errors, files.
#ifndef NTM_SRC_CLI_SUPPORT_HPP_
#define NTM_SRC_CLI_SUPPORT_HPP_

#include <string>
#include <string_view>

#include <ntm/core/error.hpp>
#include <ntm/core/text.hpp>
#include <ntm/report/report.hpp>

namespace ntm_cli {

/// Exit codes, documented in `ntm --help` and the README.
enum exit_code : int {
  ok = 0,            ///< done
  invalid_input = 1, ///< a file has errors (each printed with its location)
  usage = 2,         ///< the command line is wrong
  not_holding = 3,   ///< the input is valid but a check did not hold (test mismatches, --require-met)
  failure = 4,       ///< the output could not be written, or an internal error
};

/// Options every command shares.
struct common_options {
  std::string language = "vi";
  std::string format = "text";
  std::string output;              ///< file to write; empty = standard output
  std::string colour = "auto";     ///< auto, always, never
};

/// The language from "vi"/"en".
ntm::lang language(const common_options& o);
/// True when output to standard output should be coloured (a terminal, NO_COLOR unset).
bool use_colour(const common_options& o);
/// Report options from the common options: language, colour (text on a terminal).
ntm::report_options report_options_of(const common_options& o);
/// The report format named by --format (text when it names another kind of output).
ntm::report_format report_format_of(const common_options& o);
/// Prints an error to standard error (coloured on a terminal) and returns invalid_input.
int report_error(const ntm::error& e, const common_options& o);
/// Prints a command-line mistake (invalid_argument, no location) and returns usage.
int usage_error(const std::string& message, const common_options& o);
/// Writes the command's output to the file named by -o, or to standard output.
int write_output(const std::string& text, const common_options& o);
/// The kind of an ntm data file, from its "format" field or its contents.
enum class file_kind { criteria_set, facts, tests, roadmap, calendar, funding, plan, scenario, simulation_spec, merge, journal_csv, units, unknown };
const char* to_string(file_kind k);
file_kind detect_kind(const std::string& path);

}  // namespace ntm_cli

#endif  // NTM_SRC_CLI_SUPPORT_HPP_
