// SPDX-License-Identifier: MIT
/// @file
/// Baseline and scenarios side by side: criteria that flip, projected dates that move, the
/// funding gap and cash shortfall that change, the critical path that changes.
#ifndef NTM_SCENARIO_COMPARE_HPP_
#define NTM_SCENARIO_COMPARE_HPP_

#include <optional>
#include <string>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/money.hpp>
#include <ntm/plan/analysis.hpp>
#include <ntm/scenario/scenario.hpp>

NTM_BEGIN_NAMESPACE

/// One criterion (or the goal) in the baseline and in a scenario.
struct rule_change {
  std::string id;
  status at_baseline_before = status::unknown;  ///< status at the assessment date, baseline
  status at_baseline_after = status::unknown;   ///< the same, under the scenario
  status at_target_before = status::unknown;
  status at_target_after = status::unknown;
  std::optional<date> met_on_before;
  std::optional<date> met_on_after;
  std::optional<std::int64_t> days_moved;       ///< met_on_after − met_on_before, when both exist
  bool flipped = false;                         ///< a status (now or at the target) changes
  bool changed() const noexcept { return flipped || met_on_before != met_on_after; }
};

/// A scenario's effect on a plan.
struct scenario_comparison {
  std::string scenario;
  localized_text name;
  std::vector<rule_change> criteria;
  rule_change goal;
  date finish_before, finish_after;             ///< project finish
  std::vector<std::string> critical_before, critical_after;  ///< first critical chain
  money needs_before, needs_after;              ///< A
  money sources_before, sources_after;          ///< B
  money gap_before, gap_after;                  ///< A − B
  money in_year_gap_before, in_year_gap_after;
  std::optional<date> first_short_before, first_short_after;
  money first_short_amount_before, first_short_amount_after;
  bool critical_path_changed() const { return critical_before != critical_after; }
};

/// Compares a scenario's analysis with the baseline's.
NTM_API scenario_comparison compare(const plan_analysis& baseline, const plan_analysis& other, const scenario& s);

/// Applies each scenario to the plan, analyses it, and compares it with the baseline.
/// Errors: those of apply and analyze, with the scenario named; limit_exceeded for more than
/// `limits.max_scenarios` scenarios.
NTM_API result<std::vector<scenario_comparison>> run_scenarios(const plan& p, const std::vector<scenario>& scenarios,
                                                              const function_registry& functions = {},
                                                              const load_options& limits = load_options::defaults());
/// The same against `baseline`, the analysis of `p` already made (analyze(p), default
/// options), which is not made again.
NTM_API result<std::vector<scenario_comparison>> run_scenarios(const plan& p, const plan_analysis& baseline,
                                                              const std::vector<scenario>& scenarios,
                                                              const function_registry& functions = {},
                                                              const load_options& limits = load_options::defaults());

/// The scenarios from the one that helps most to the one that hurts most (indices into
/// `comparisons`): first those that meet the goal by the target, then by the date the goal is
/// met (earlier first; never last), then by the in-year cash gap and the funding gap
/// (smaller first); ties keep their order. Answers "which single change helps most" when each
/// scenario is one change.
NTM_API std::vector<std::size_t> rank_scenarios(const std::vector<scenario_comparison>& comparisons);
/// The comparisons as JSON (ntm.scenario-comparison/1), with "ranking": the scenario ids in
/// rank_scenarios() order.
NTM_API std::string to_json(const std::vector<scenario_comparison>& comparisons);
/// The comparisons as one long CSV table (RFC 4180, UTF-8), header
/// `scenario,measure,id,before,after,change`. Per scenario, in order: `name` (after: its
/// Vietnamese name); for the goal, then each criterion (id: the rule's id), `status_now` and
/// `status_at_target` (the words of to_json: met, not_met, unknown, …; change: `changed` when
/// they differ, else empty) and `met_on` (YYYY-MM-DD, empty for never; change: days moved);
/// `finish` (dates; days); `critical_path` (task ids joined by " > "; `changed` or empty);
/// `needs`, `sources`, `gap`, `in_year_gap` (whole đồng; change = after − before);
/// `first_shortfall` (dates; days) and `first_shortfall_amount` (đồng); last `rank` (after: the
/// 1-based place in rank_scenarios()). An empty cell is a value that does not exist. The same
/// comparisons give the same bytes.
NTM_API std::string to_csv(const std::vector<scenario_comparison>& comparisons);
/// (As a table a person reads: render_comparison in <ntm/report/what_if.hpp>.)

NTM_END_NAMESPACE

#endif  // NTM_SCENARIO_COMPARE_HPP_
