// SPDX-License-Identifier: MIT
/// @file
/// What-if results as reports a person reads: scenarios against the baseline, the
/// sensitivity of a plan, a Monte Carlo simulation, the roll-ups of many units under
/// scenarios, a simulation across units, and units that merge. Text (aligned, optionally coloured), Markdown, JSON (the result's own JSON) or
/// one self-contained HTML page, in Vietnamese or English like the plan report.
///
/// Example:
/// @code
///   auto c = ntm::run_scenarios(*plan, scenarios);
///   std::cout << ntm::render_comparison(*c, ntm::report_format::text);
/// @endcode
#ifndef NTM_REPORT_WHAT_IF_HPP_
#define NTM_REPORT_WHAT_IF_HPP_

#include <string>
#include <vector>

#include <ntm/report/report.hpp>
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/compare.hpp>
#include <ntm/scenario/monte_carlo.hpp>
#include <ntm/scenario/sensitivity.hpp>
#include <ntm/scenario/unit_simulation.hpp>

NTM_BEGIN_NAMESPACE

/// Baseline and scenarios in one table: the goal, the criteria that change in any
/// scenario, the finish, the critical path and the money; a column per scenario, changed
/// cells marked. `baseline` (optional) gives the criteria their names.
NTM_API std::string render_comparison(const std::vector<scenario_comparison>& comparisons, report_format format,
                                      const report_options& options = {}, const plan_analysis* baseline = nullptr);

/// The sensitivity of a plan: how far each fact must move, the smallest sets of missing
/// items, each task's float and the delay that misses the target, the money that closes the
/// cash gap. `baseline` (optional) gives names.
NTM_API std::string render_sensitivity(const sensitivity_report& report, report_format format,
                                       const report_options& options = {}, const plan_analysis* baseline = nullptr);

/// A simulation: the probability of meeting the goal by the target, P50/P80/P95 dates per
/// criterion, the distribution of the in-year funding gap (with a histogram).
NTM_API std::string render_simulation(const simulation_result& result, report_format format,
                                      const report_options& options = {});

/// Many units under the baseline and scenarios (`reports[0]` is usually the baseline):
/// units meeting the goal and each criterion, by area, the most common missing items, the
/// units closest to the goal, the money needed. JSON: an array of the reports' JSON without
/// per-unit rows.
NTM_API std::string render_rollups(const std::vector<batch_report>& reports, report_format format,
                                   const report_options& options = {});

/// A simulation across units under the baseline and scenarios: the units expected to meet
/// the goal (P5–P95), certain and never, each criterion, by district, the units in doubt
/// most likely to make it. JSON: an array of the results' JSON without per-unit rows.
NTM_API std::string render_units_simulation(const std::vector<units_simulation>& results, report_format format,
                                            const report_options& options = {});

/// Units that merge: each part's and the merged unit's standard and criteria side by side,
/// the criteria kept, lost and gained. JSON: to_json(const merge_result&).
NTM_API std::string render_merge(const merge_result& result, report_format format, const report_options& options = {});

NTM_END_NAMESPACE

#endif  // NTM_REPORT_WHAT_IF_HPP_
