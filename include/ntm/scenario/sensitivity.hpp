// SPDX-License-Identifier: MIT
/// @file
/// Sensitivity of one unit's plan: how far each unmet indicator's facts must move, the
/// smallest sets of missing items whose completion reaches the goal, which task delays push
/// the goal past the target (and how much float each task has), and how much more money,
/// from when, closes the cash gap.
#ifndef NTM_SCENARIO_SENSITIVITY_HPP_
#define NTM_SCENARIO_SENSITIVITY_HPP_

#include <optional>
#include <string>
#include <vector>

#include <ntm/core/decimal.hpp>
#include <ntm/core/money.hpp>
#include <ntm/plan/analysis.hpp>
#include <ntm/plan/plan.hpp>

NTM_BEGIN_NAMESPACE

/// How far a fact must move for an indicator's comparison to hold.
struct fact_gap {
  std::string indicator;
  std::string fact;
  std::optional<value> current;     ///< nullopt: unknown (collect it first)
  value needed;                     ///< the value at which the comparison holds
  std::optional<value> change;      ///< needed − current (numeric facts)
  std::optional<decimal> change_percent;  ///< change / current × 100
};

/// How late a task may finish before the goal misses the target.
struct task_slack {
  std::string task;
  std::int32_t total_float = 0;          ///< working days, from the schedule
  bool affects_goal = false;             ///< some delay of it moves the goal's date
  std::optional<std::int32_t> delay_to_miss;  ///< the smallest delay (working days) that makes the goal miss the target; none: up to the search limit it never does
};

/// Options.
struct sensitivity_options {
  std::size_t max_set_size = 0;          ///< largest set of missing items tried (0: all)
  std::size_t max_sets = 20;             ///< minimal sets listed at most
  std::int32_t max_delay = 260;          ///< longest task delay tried (working days)
};

/// The sensitivity of a plan.
struct sensitivity_report {
  std::vector<fact_gap> facts;
  std::vector<std::string> items;        ///< the missing items considered (indicators)
  std::vector<std::vector<std::string>> smallest_sets;  ///< minimal sets of items reaching the goal
  bool reachable = false;                ///< completing every item reaches the goal
  bool search_truncated = false;         ///< the search for smallest sets stopped at its limit
  std::vector<task_slack> tasks;         ///< in schedule order
  money extra_money;                     ///< more money needed to avoid any shortfall
  std::optional<date> extra_money_from;  ///< from when (the first shortfall)
  bool extra_money_closes_gap = false;   ///< checked by projecting the cash again with it
};

/// Computes the sensitivity of a plan. Errors: those of analyze.
NTM_API result<sensitivity_report> analyze_sensitivity(const plan& p, const sensitivity_options& options = {});

/// The report as JSON (ntm.sensitivity/1): values as in facts files, money in đồng.
NTM_API std::string to_json(const sensitivity_report& r);

/// When the goal is met if the tasks take these durations (one per task, in roadmap order;
/// empty: as planned) and the baseline facts are `facts`: schedule, then project. nullopt:
/// not met under the plan. The light path used by sensitivity and Monte Carlo.
NTM_API result<std::optional<date>> goal_date(const plan& p, const fact_table& facts, const std::vector<std::int32_t>& durations);

NTM_END_NAMESPACE

#endif  // NTM_SCENARIO_SENSITIVITY_HPP_
