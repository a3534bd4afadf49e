// SPDX-License-Identifier: MIT
/// @file
/// Monte Carlo across a table of units: each unit's facts grow by rates drawn from
/// distributions (income growth, say), and every run assesses every unit → for each unit the
/// probability that it meets the goal and each criterion at the date, and for each district
/// and province the expected number of units meeting the goal with its P5/P50/P95 over the
/// runs. A unit's runs depend only on the seed, its id and the run number, so the result is
/// the same on any number of threads and however the table is split into shards.
#ifndef NTM_SCENARIO_UNIT_SIMULATION_HPP_
#define NTM_SCENARIO_UNIT_SIMULATION_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/progress.hpp>
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/monte_carlo.hpp>

NTM_BEGIN_NAMESPACE

/// How to simulate a table of units (the distributions are a simulation_spec's `growth`).
struct unit_simulation_options {
  date at;                      ///< assessment date (required)
  std::string region;
  std::string goal;             ///< rule aimed for (default: the set's standard)
  int years = 1;                ///< years of growth before `at`: a rate is drawn for each year and compounded (1–100)
  unsigned threads = 0;         ///< 0: every core; the result is the same for any number
  bool unit_outcomes = true;    ///< false: only the areas (units_simulation::units empty)
};

/// One unit's chances.
struct unit_chance {
  std::string id, name, district, province;
  double goal = 0;                           ///< share of runs in which it meets the goal
  std::vector<double> criteria;              ///< per criterion (units_simulation::criteria), share of runs met
  std::vector<std::string> merged_from;      ///< a unit a scenario merged: its parts
};

/// An area's chances (a district, a province, or all).
struct area_chance {
  std::string area;                          ///< "" for all
  std::string province;                      ///< for districts
  std::size_t units = 0;
  double expected_goal_met = 0;              ///< mean over the runs of the units meeting the goal
  std::size_t goal_met_p5 = 0, goal_met_p50 = 0, goal_met_p95 = 0;  ///< units meeting the goal, percentiles over the runs
  std::size_t certain = 0;                   ///< units meeting the goal in every run
  std::size_t never = 0;                     ///< units meeting it in no run
  std::vector<double> expected_criteria_met; ///< per criterion: mean units meeting it
};

/// The outcome of a simulation across units.
struct units_simulation {
  std::string scenario;                      ///< "" for the baseline
  std::size_t runs = 0;
  std::uint64_t seed = 0;
  date at;
  int years = 1;
  std::string goal;
  std::vector<std::string> criteria;         ///< the goal's criteria, in order
  std::vector<unit_chance> units;            ///< table order (empty without unit_outcomes)
  area_chance all;
  std::vector<area_chance> provinces, districts;
};

/// Simulates every unit of `units` under `spec.growth` (fact id → distribution of its
/// yearly growth rate, 0.05 = 5%), `spec.runs` runs from `spec.seed`; unknown facts stay
/// unknown. Errors: invalid_argument (zero runs, a bad distribution, years outside 1–100, a
/// spec with task durations or costs: a table of units has no roadmap or funding, use
/// simulate() on a plan), limit_exceeded (more than 100 000 000 runs), unknown_fact,
/// fact_type (growth of a fact that is not a number, amount or percentage), unknown_rule
/// (the goal), overflow (a grown value, naming the unit and the run).
NTM_API result<units_simulation> simulate_units(const program& prog, const unit_table& units, const simulation_spec& spec,
                                                const unit_simulation_options& options, const progress_fn& progress = {});

/// The same under scenario `s` (its parameters, fact changes and merges apply first, as in
/// assess_units; its date replaces `options.at`). Errors: those of assess_units with a
/// scenario, and of simulate_units.
NTM_API result<units_simulation> simulate_units(const program& prog, const unit_table& units, const scenario& s, const simulation_spec& spec,
                                                const unit_simulation_options& options, const progress_fn& progress = {},
                                                const function_registry& functions = {});

/// As JSON (ntm.units-simulation/1), with or without the per-unit rows.
NTM_API std::string to_json(const units_simulation& r, bool with_units = true);
/// The per-unit rows as JSON Lines (id, scenario, probability of the goal and of each
/// criterion), for streams: `ntm batch --simulate` shards like `ntm batch`.
NTM_API std::string to_jsonl(const units_simulation& r);
/// The per-unit rows as CSV: id, scenario, name, district, province, goal, one column per
/// criterion, merged_from (the parts of a merged unit, space-separated).
NTM_API std::string to_csv(const units_simulation& r);

NTM_END_NAMESPACE

#endif  // NTM_SCENARIO_UNIT_SIMULATION_HPP_
