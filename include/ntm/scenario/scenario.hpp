// SPDX-License-Identifier: MIT
/// @file
/// Scenarios: named what-if overlays on a plan — fact overrides (set, scale, add, growth per
/// year), parameter overrides, task changes (delay, new duration, remove, add a dependency),
/// cost and source changes (scale, remove, add, delay), another assessment date; and, for
/// tables of units, units that merge. A scenario may build on another. Applying one gives a
/// new plan (or table); the original is untouched.
#ifndef NTM_SCENARIO_SCENARIO_HPP_
#define NTM_SCENARIO_SCENARIO_HPP_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/limits.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/result.hpp>
#include <ntm/ledger/funding.hpp>
#include <ntm/plan/plan.hpp>
#include <ntm/rules/criteria_set.hpp>
#include <ntm/schedule/task.hpp>

NTM_BEGIN_NAMESPACE

/// How a fact changes.
enum class fact_change_op {
  set,     ///< to a value
  scale,   ///< multiplied by a rate ("110%")
  add,     ///< plus a value (negative to subtract)
  growth,  ///< compounded: × (1 + rate) per year, for `years` years
};

struct fact_change {
  std::string fact;
  fact_change_op op = fact_change_op::set;
  std::string value;          ///< JSON literal for set/add (a value of the fact's type)
  fraction rate{1, 1};        ///< for scale and growth
  int years = 1;              ///< for growth
  std::string pointer;
};

/// New dated values for a parameter (they replace its values).
struct parameter_change {
  std::string parameter;
  struct dated_value {
    std::optional<date> from, to;
    std::string region;
    std::string value;        ///< JSON literal of the parameter's type
    std::string reference;
  };
  std::vector<dated_value> values;
  std::string pointer;
};

/// A change to a task of the roadmap.
struct task_change {
  std::string task;
  std::int32_t delay_days = 0;          ///< start at least this many calendar days later
  std::int32_t delay_working_days = 0;  ///< start at least this many working days later
  std::optional<std::int32_t> duration; ///< a new duration
  bool remove = false;                  ///< the task does not happen (nor its costs)
  std::vector<dependency> add_dependencies;
  std::string pointer;
};

/// A change to a need (cost item) of the funding.
struct need_change {
  std::string need;
  std::optional<fraction> scale;
  std::optional<money> amount;
  bool remove = false;
  std::int32_t delay_days = 0;       ///< paid this many days later (added to its payment_delay_days)
  std::optional<funding_need> add;   ///< a new need (`need` is its id)
  std::string pointer;
};

/// A change to a source of the funding.
struct source_change {
  std::string source;
  std::optional<fraction> scale;
  bool remove = false;
  std::int32_t delay_days = 0;       ///< arrives this many days later
  std::optional<funding_source> add; ///< a new source (`source` is its id)
  std::string pointer;
};

/// How a fact of merging units combines.
enum class aggregation { sum, mean, weighted_mean, any, all, max, min, unknown };
/// "sum", "mean", "weighted_mean", "any", "all", "max", "min", "unknown".
NTM_API result<aggregation> parse_aggregation(std::string_view name);

/// Units that merge into one.
struct merge_spec {
  std::string id;                                 ///< the merged unit's id
  std::string name;
  std::vector<std::string> units;                 ///< ids of the units that merge
  std::map<std::string, aggregation> facts;       ///< how each fact combines
  std::optional<aggregation> otherwise;           ///< for facts not listed (none: each must be listed)
  std::string weight;                             ///< the weight fact of weighted means (e.g. "population")
  std::string district, province;                 ///< the merged unit's areas in a table (default: its first part's)
  std::string pointer;                            ///< where a scenario file gives it ("/merges/0"), for errors
};

/// A scenario. `base` (loaded from `extends`) is applied first.
struct scenario {
  std::string id;
  localized_text name;
  std::string extends;
  std::shared_ptr<const scenario> base;
  std::optional<date> at;            ///< assessment (baseline) date
  std::optional<date> target;        ///< target date
  std::vector<fact_change> facts;
  std::vector<parameter_change> parameters;
  std::vector<task_change> tasks;
  std::vector<need_change> needs;
  std::vector<source_change> sources;
  std::vector<merge_spec> merges;    ///< units that merge (tables of units only), after the fact changes
  std::string file;
  std::shared_ptr<const source_map> locations;  ///< set by the loader: where each change was written

  /// Where the change at `pointer` was written (file, line, column).
  NTM_API source_location locate(const std::string& pointer) const;
};

/// Reads a scenario (schemas/scenario.schema.json) and the scenarios it extends (paths
/// relative to it; through `options.resolver` when it is set). Errors: the JSON errors,
/// money/date/percentage errors, extends_cycle, limit_exceeded (`options`: file size,
/// nesting, max_extends_depth), each located; all listed.
NTM_API result<scenario> parse_scenario(std::string_view text, const std::string& file = {}, const load_options& options = load_options::defaults());
/// The same from a file; the scenarios it extends are read relative to it. Errors as
/// parse_scenario, and io_error.
NTM_API result<scenario> load_scenario(const std::string& path, const load_options& options = load_options::defaults());

/// Applies `s` (its bases first) to a copy of `p`. Errors: unknown_fact, unknown_parameter,
/// unknown_reference (a task, need or source the plan lacks, with a suggestion), fact_type,
/// overflow, and the compile errors of a changed criteria set; invalid_argument for a scenario
/// that merges units (a plan is one unit: merges apply to tables, see assess_units). All or
/// nothing: on error nothing is returned and `p` is unchanged.
NTM_API result<plan> apply(const plan& p, const scenario& s, const function_registry& functions = {});

/// `prog` recompiled with the parameter changes of `s` (and its bases), e.g. a new income
/// threshold; `prog` itself when they change no parameter. Its facts are those of `prog`.
/// Errors: unknown_parameter, the parsing errors of a value, the compile errors of the
/// changed set (e.g. parameter_gap).
NTM_API result<program> apply_parameters(const program& prog, const scenario& s, const function_registry& functions = {});

/// Applies only the fact changes of `s` (and its bases) to `facts` (for many units).
NTM_API result<void> apply_facts(const program& prog, fact_table& facts, const scenario& s);

NTM_END_NAMESPACE

#endif  // NTM_SCENARIO_SCENARIO_HPP_
