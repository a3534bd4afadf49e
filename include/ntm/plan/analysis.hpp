// SPDX-License-Identifier: MIT
/// @file
/// The whole analysis of a plan: the baseline assessment, the schedule, the date each
/// criterion (and the goal) becomes met as the tasks' completions change the facts, the
/// missing items with who, what, when and how much, the funding reconciliation and the cash
/// position over time, and the document's statements checked against all of it.
#ifndef NTM_PLAN_ANALYSIS_HPP_
#define NTM_PLAN_ANALYSIS_HPP_

#include <optional>
#include <string>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/result.hpp>
#include <ntm/ledger/cash_flow.hpp>
#include <ntm/ledger/reconcile.hpp>
#include <ntm/plan/plan.hpp>
#include <ntm/rules/assessment.hpp>
#include <ntm/schedule/schedule.hpp>

NTM_BEGIN_NAMESPACE

/// A completion event of the projection: a task finishes and its effects change facts.
struct projection_event {
  date on;
  std::string task;
  std::vector<std::string> facts_changed;
  std::vector<std::string> rules_met;    ///< rules that became met on this date
  std::vector<std::string> rules_lost;   ///< rules that stopped being met (e.g. a new threshold)
};

/// When a rule becomes met under the plan.
struct rule_projection {
  std::string id;
  status at_baseline = status::unknown;
  status at_target = status::unknown;
  std::optional<date> met_on;            ///< first date from which it stays met; none: never under this plan
  bool met_by_target = false;
  std::vector<std::string> tasks;        ///< tasks serving it (linked to it or its indicators)
  std::vector<std::string> still_missing;  ///< its indicators not met at the end of the plan
};

/// A missing item (an indicator not met at the baseline) with who, what, when and how much.
struct missing_item {
  std::string indicator;
  std::string criterion;
  localized_text name;
  std::string lead;                      ///< body leading the criterion or the task
  std::vector<std::string> supports;
  std::vector<std::string> tasks;        ///< tasks whose completion changes its facts
  std::optional<date> planned_finish;    ///< latest early finish of those tasks
  std::optional<date> met_on;            ///< projected date the indicator is met
  money cost;                            ///< needs linked to those tasks
  std::string explanation;               ///< the baseline explanation
};

/// The document's statement about a criterion against the computed status.
struct status_discrepancy {
  std::string criterion;
  std::string stated;                    ///< "met" / "not_met"
  status computed = status::unknown;
  std::string where;
};

/// Options for the analysis.
struct analysis_options {
  std::optional<date> at;                ///< assess the baseline at this date (default: the plan's baseline date)
  lang language = lang::vi;              ///< language of explanations stored in the analysis
};

/// The analysis of one plan. Plain data, deterministic.
struct plan_analysis {
  const plan* source = nullptr;          ///< the analysed plan (must outlive the analysis)
  assessment baseline;                   ///< at the baseline date
  assessment at_target;                  ///< at the target date, after every task of the plan
  schedule_result schedule;
  std::vector<projection_event> events;
  std::vector<rule_projection> criteria;  ///< the goal's criteria, by number
  rule_projection goal;                  ///< the goal itself
  std::vector<missing_item> missing;
  reconciliation funding;
  funding_timeline timeline;             ///< task dates and rule dates the cash projection used
  cash_report cash;
  std::vector<status_discrepancy> stated_discrepancies;
};

/// Schedules the roadmap, projects the criteria through the task completions, reconciles and
/// projects the funding against the schedule, and checks the document's statements.
/// Errors: those of scheduling (a cycle, a calendar outside its range), of evaluation, and
/// of the funding projection (a task the funding names that the roadmap lacks).
NTM_API result<plan_analysis> analyze(const plan& p, const analysis_options& options = {});

/// What project() found: the events, when each rule becomes and stays met, the end state.
struct projection_result {
  std::vector<projection_event> events;
  std::vector<std::optional<date>> met_on;  ///< per rule index of the program
  std::vector<status> final_status;         ///< per rule, at the end date
  fact_table final_facts;
};
/// The date a plan's projection runs to: its target, or the last finish of a task that changes
/// facts when later (`finish` per task, as for project()).
NTM_API date projection_end(const plan& p, const std::vector<std::optional<date>>& finish);

/// Projects a criteria set through completion events: applies each task's effects at its
/// finish date, re-evaluates (incrementally within a parameter period), and records when each
/// rule becomes and stays met. `finish` gives each task's finish date (tasks without one are
/// not completed under this plan).
NTM_API result<projection_result> project(const program& prog, const fact_table& baseline, date from, date until,
                                          const std::vector<task>& tasks, const std::vector<std::optional<date>>& finish,
                                          std::string_view region = {});

NTM_END_NAMESPACE

#endif  // NTM_PLAN_ANALYSIS_HPP_
