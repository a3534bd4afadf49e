// SPDX-License-Identifier: MIT
/// @file
/// Many units at once: a district's or province's table of communes (CSV or JSON Lines,
/// tens of thousands of rows) assessed under one criteria set and any scenarios, in parallel
/// with results identical to a serial run; roll-ups by district and province (units meeting
/// each criterion, units closest to the standard, the most common missing items, the money
/// each needs); and units that merge.
#ifndef NTM_SCENARIO_BATCH_HPP_
#define NTM_SCENARIO_BATCH_HPP_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/limits.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/progress.hpp>
#include <ntm/rules/program.hpp>
#include <ntm/scenario/scenario.hpp>

NTM_BEGIN_NAMESPACE

/// A table of units: who they are, and their facts in columns.
struct unit_table {
  std::vector<std::string> ids, names, districts, provinces;
  fact_columns facts;
  std::size_t size() const noexcept { return ids.size(); }
};

/// Reads units from CSV: a header with `id` (required), `name`, `district`, `province`, then
/// one column per fact (by fact id); cells as in facts files ("59,58 triệu", "95%",
/// "2023-12-31", true/false, text); an empty cell is unknown. Errors per bad cell with its
/// row and column name (csv_syntax — also for a column given twice —, unknown_fact, fact_type,
/// money_ambiguous…, limit_exceeded beyond `options.max_units` rows); all or nothing.
NTM_API result<unit_table> parse_units_csv(const program& prog, std::string_view text, const std::string& file = {},
                                           const load_options& options = load_options::defaults());
/// Reads units from JSON Lines: one object per line, {"id", "name", "district", "province",
/// "facts": {...}}; errors name the line. Limits: `options.max_units`, and per line the JSON
/// limits.
NTM_API result<unit_table> parse_units_jsonl(const program& prog, std::string_view text, const std::string& file = {},
                                             const load_options& options = load_options::defaults());
/// Reads a file by its extension (.csv, .jsonl / .ndjson), within `options.max_table_bytes`.
NTM_API result<unit_table> load_units(const program& prog, const std::string& path, const load_options& options = load_options::defaults());

/// Applies a scenario's fact changes to every unit (set, scale, add, growth, column by
/// column). Errors: a scenario that changes tasks or funding (units have none), and those of
/// apply_facts.
NTM_API result<void> apply_facts(const program& prog, unit_table& units, const scenario& s);

/// How to assess and roll up.
/// The cost of completing each indicator (indicator id → amount), for the money each unit
/// needs (rollup_options::costs): a JSON object such as {"TC2.1": "17,5 tỷ", "TC8.3": 100000000}.
/// Errors: the JSON errors and those of the amounts (money_ambiguous, overflow …), located.
NTM_API result<std::map<std::string, money>> parse_costs(std::string_view text, const std::string& file = {});
/// The same from a file (and io_error).
NTM_API result<std::map<std::string, money>> load_costs(const std::string& path);

struct rollup_options {
  date at;                                  ///< assessment date (required)
  std::string region;
  std::string goal;                         ///< rule aimed for (default: the set's standard)
  unsigned threads = 0;                     ///< 0: every core
  std::size_t closest = 10;                 ///< units closest to the goal listed per area
  std::size_t common_missing = 10;          ///< most common missing items listed per area
  bool unit_outcomes = true;                ///< false: only the roll-ups (batch_report::units empty), for many scenarios
  std::map<std::string, money> costs;       ///< cost of completing an indicator, for the money each unit needs
};

/// One unit's result.
struct unit_outcome {
  std::string id, name, district, province;
  status goal = status::unknown;
  std::size_t criteria_met = 0, criteria_total = 0;
  std::vector<std::string> criteria_not_met;      ///< not met or undecided
  std::vector<std::string> missing_items;         ///< indicators not met, of criteria not met
  money money_needed;
  std::vector<std::string> merged_from;           ///< a unit a scenario merged: the ids of its parts
};

/// The roll-up of an area (a district, a province, or all).
struct area_rollup {
  std::string area;                               ///< "Cẩm Giàng", "Hải Dương", or "" for all
  std::string province;                           ///< for districts
  std::size_t units = 0;
  std::size_t goal_met = 0;
  std::vector<std::pair<std::string, std::size_t>> criteria_met;   ///< criterion → units meeting it
  std::vector<std::pair<std::string, std::size_t>> common_missing; ///< indicator → units missing it, most first
  std::vector<std::string> closest;               ///< units not meeting the goal with the fewest criteria not met
  money money_needed;
};

/// The merged unit against its parts: which criteria it keeps and which it loses.
struct merge_result {
  std::string id;
  fact_table facts;
  assessment merged;
  std::vector<std::pair<std::string, assessment>> parts;
  std::vector<std::string> kept;                  ///< criteria every part met and the merged unit meets
  std::vector<std::string> lost;                  ///< criteria some part met that the merged unit does not
  std::vector<std::string> gained;                ///< criteria the merged unit meets that some part did not
};

/// A table of units assessed, with roll-ups.
struct batch_report {
  std::string scenario;                           ///< "" for the baseline
  std::vector<unit_outcome> units;
  area_rollup all;
  std::vector<area_rollup> provinces;
  std::vector<area_rollup> districts;
  std::vector<merge_result> merges;               ///< the scenario's merges, each against its parts
};

/// Assesses every unit (in parallel) and rolls up. Errors: those of evaluate_batch,
/// unknown_rule (the goal).
NTM_API result<batch_report> assess_units(const program& prog, const unit_table& units, const rollup_options& options);

/// Assesses every unit under scenario `s` (and its bases): its parameter changes (a new
/// threshold) recompile the criteria set, its fact changes apply to every unit, then its
/// merges replace their parts by the merged unit (at its first part's place; unit_outcome::
/// merged_from names the parts, batch_report::merges what each keeps and loses); its date
/// replaces `options.at`. The report's `scenario` is the scenario's id. Errors: a scenario
/// that changes tasks or funding (invalid_argument), those of apply_parameters, apply_facts
/// and merge_units, a unit in two merges or a merged id that another unit has
/// (duplicate_id).
NTM_API result<batch_report> assess_units(const program& prog, const unit_table& units, const scenario& s,
                                          const rollup_options& options, const function_registry& functions = {});

/// Receives the report of scenario `index` (its place in the list given to assess_scenarios).
/// An error stops the run and is returned.
using scenario_report_sink = std::function<result<void>(std::size_t index, batch_report&& report)>;

/// Assesses every unit under each of `scenarios`, several scenarios at once: each scenario
/// runs on one thread (up to `options.threads`; 0: every core), which copies the table's
/// columns once and, for a scenario that changes only facts, changes and then restores just
/// the columns it touches. Each report equals assess_units(prog, units, scenarios[k],
/// options), whatever the number of threads. `sink` receives them in scenario order, one call
/// at a time (a report finished early waits for its turn); `progress(done, total)` counts the
/// reports delivered. Errors: the first failing scenario's (in list order, with its id as
/// context), invalid_argument (no sink), or the sink's.
NTM_API result<void> assess_scenarios(const program& prog, const unit_table& units, const std::vector<scenario>& scenarios,
                                      const rollup_options& options, const scenario_report_sink& sink,
                                      const function_registry& functions = {}, const progress_fn& progress = {});
/// The same, with the reports collected in scenario order (for many scenarios over a large
/// table, prefer the sink, or `options.unit_outcomes = false`: every unit's row of every
/// scenario is kept).
NTM_API result<std::vector<batch_report>> assess_scenarios(const program& prog, const unit_table& units,
                                                           const std::vector<scenario>& scenarios, const rollup_options& options,
                                                           const function_registry& functions = {}, const progress_fn& progress = {});

/// As JSON (ntm.batch/1), with or without the per-unit rows.
NTM_API std::string to_json(const batch_report& r, bool with_units = true);
/// The per-unit rows as JSON Lines (one object per unit, with the scenario), for streams.
NTM_API std::string to_jsonl(const batch_report& r);
/// The per-unit rows as CSV, with a header (id, scenario, name, district, province, goal, …,
/// money_needed, merged_from).
NTM_API std::string to_csv(const batch_report& r);

/// Merges units of a table and re-evaluates. Errors: unknown_reference (a unit id), a fact
/// with no declared aggregation, fact_type (any/all on a number, a sum of text), overflow.
NTM_API result<merge_result> merge_units(const program& prog, const unit_table& units, const merge_spec& spec, date at,
                                         std::string_view region = {});
/// Reads a merge spec (ntm.merge/1, schemas/merge.schema.json). Errors: located JSON
/// errors, duplicate_id (a unit listed twice), format_version.
NTM_API result<merge_spec> parse_merge_spec(std::string_view text, const std::string& file = {});
/// The same from a file (errors as parse_merge_spec, and io_error).
NTM_API result<merge_spec> load_merge_spec(const std::string& path);

/// The merge as JSON (ntm.merge-result/1): the parts, the standard and each criterion for
/// the merged unit and for each part, the criteria kept, lost and gained, the merged facts.
NTM_API std::string to_json(const merge_result& m);

NTM_END_NAMESPACE

#endif  // NTM_SCENARIO_BATCH_HPP_
