// SPDX-License-Identifier: MIT
/// @file
/// The limits that keep a hostile or broken input from exhausting the host, and the options
/// that carry them. ntm reads files written by other offices: no file may crash it, hang it
/// or drive a recursion past the stack. Each limit is checked before the work it bounds, and
/// a violation is `errc::limit_exceeded` with a message naming the limit and its value, e.g.
/// "the roadmap has 250000 tasks, more than max_tasks = 100000".
///
/// | limit                   | default  | set in             | bounds                                        |
/// |-------------------------|----------|--------------------|-----------------------------------------------|
/// | `max_file_bytes`        | 64 MiB   | `load_options`     | one JSON file or text (set, facts, plan, roadmap, calendar, funding, scenario, tests) |
/// | `max_table_bytes`       | 2 GiB    | `load_options`     | one table of units (CSV, JSON Lines) read by `load_units` |
/// | `max_depth`             | 64       | `load_options`     | JSON nesting ([ and { levels)                 |
/// | `max_extends_depth`     | 16       | `load_options`     | a chain of criteria sets or scenarios that extend each other |
/// | `max_tasks`             | 100 000  | `load_options`     | tasks of a roadmap                            |
/// | `max_funding_items`     | 10 000   | `load_options`     | needs, sources, bases, accounts, stated figures or transactions of a funding plan (each list) |
/// | `max_units`             | 1 000 000| `load_options`     | rows of a table of units                      |
/// | `max_scenarios`         | 1 000    | `load_options`     | scenarios run at once (`run_scenarios`)       |
/// | `max_expression_length` | 16 KiB   | `compile_options`  | bytes of one expression                       |
/// | `max_expression_depth`  | 64       | `compile_options`  | nesting of one expression: parentheses, calls, lists, `if`, operators (a chain `a + b + c` counts one level per operator) |
/// | `max_rules`             | 100 000  | `compile_options`  | indicators, criteria, standards and rules of a set with its bases |
/// | `max_dependencies`      | 5 × 10⁷  | `compile_options`  | facts, parameters and rules each rule depends on, through other rules, summed over the rules |
/// | `max_facts`             | 100 000  | `compile_options`  | facts a set declares                          |
/// | `max_parameters`        | 10 000   | `compile_options`  | parameters a set declares                     |
///
/// Fixed limits: a journal holds at most 2³² − 1 accounts, transactions and postings; a CSV
/// import of a journal reads at most 4 GiB and reports at most `csv_import_options::max_errors`
/// problems; a Monte Carlo simulation runs at most 10⁸ times; a funding source derived from a
/// source derived from … at most 256 levels deep; sets built in code extend at most 256
/// levels deep. A loader lists at most 100 problems in an error's details (it counts the rest).
///
/// `load_options` is accepted by every loader (`ntm/io/json.hpp`, `ntm/schedule/roadmap.hpp`,
/// `ntm/ledger/funding_io.hpp`, `ntm/scenario/scenario.hpp`, `ntm/scenario/batch.hpp`, and
/// through `plan_load_options::files` by the plan loader, which passes it to every file a plan
/// names). See docs/limits.md.
#ifndef NTM_CORE_LIMITS_HPP_
#define NTM_CORE_LIMITS_HPP_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <ntm/core/result.hpp>

NTM_BEGIN_NAMESPACE

/// Options for reading files: the limits above, and where named files come from.
struct load_options {
  std::size_t max_file_bytes = std::size_t{64} << 20;   ///< one JSON file or text
  std::size_t max_table_bytes = std::size_t{2} << 30;   ///< one table of units (load_units)
  std::size_t max_depth = 64;                           ///< JSON nesting
  std::size_t max_extends_depth = 16;                   ///< sets or scenarios extending each other
  std::size_t max_tasks = 100'000;                      ///< tasks of a roadmap
  std::size_t max_funding_items = 10'000;               ///< needs, sources, bases, … of a funding plan (each list)
  std::size_t max_units = 1'000'000;                    ///< rows of a table of units
  std::size_t max_scenarios = 1'000;                    ///< scenarios run at once
  /// Reads a file that another file names (a base set in "extends", a calendar a roadmap
  /// includes, the sections a plan names, a base scenario), given its name resolved against
  /// the naming file's directory. When empty, files are read from disk. A host that serves
  /// files from elsewhere (a database, an upload) sets it; so does one that must not let a
  /// file name arbitrary paths.
  std::function<result<std::string>(const std::string& name)> resolver;
};

/// The error for a violated limit: `errc::limit_exceeded`, with the message
/// "<what>, more than <limit> = <value>", e.g. limit_error("max_tasks", 100000, "the roadmap
/// has 250000 tasks").
NTM_API error limit_error(std::string_view limit, std::size_t value, std::string what, source_location where = {});

NTM_END_NAMESPACE

#endif  // NTM_CORE_LIMITS_HPP_
