// SPDX-License-Identifier: MIT
/// @file
/// Cash over time: given when tasks run and when rules are met (a `funding_timeline`, which the
/// schedule and rules modules compute and the caller passes in as data), when each need must
/// be paid, when each source's money arrives, the running cash position, where money runs
/// short, and the gap that no source can cover in time.
///
/// Allocation rule (deterministic). Payments are taken in order of due date (ties: plan order
/// of the needs, then month). Each is paid from the money that has arrived by its due date,
/// earliest arrival first (ties: plan order of the sources), using only sources that are
/// eligible for the need and, for a conditional source, only when its rule was met strictly
/// before the due date (money that exists because the works were done cannot pay for those
/// works). What cannot be paid in time stays unfunded: it is not paid later from money that
/// arrives afterwards. The in-year gap is the unfunded part of the payments due within the
/// plan's period.
///
/// The pooled cash position (all arrivals minus all payments, by day and by month) ignores
/// eligibility and conditions' timing rule; it shows the treasury as a single pot.
#ifndef NTM_LEDGER_CASH_FLOW_HPP_
#define NTM_LEDGER_CASH_FLOW_HPP_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/result.hpp>
#include <ntm/ledger/funding.hpp>
#include <ntm/ledger/journal.hpp>

NTM_BEGIN_NAMESPACE

/// What the ledger needs from the schedule and the rules, by id.
struct funding_timeline {
  /// A task's dates. Payments and arrivals use the actual dates when known, else the planned
  /// (projected) ones.
  struct task_dates {
    date planned_start;
    date planned_finish;
    std::optional<date> actual_start;
    std::optional<date> actual_finish;

    date start() const { return actual_start.value_or(planned_start); }
    date finish() const { return actual_finish.value_or(planned_finish); }
  };

  std::map<std::string, task_dates> tasks;           ///< task id → dates
  std::map<std::string, std::optional<date>> rules;  ///< rule id → date met (projected or actual); empty: never met
};

/// One payment due for a need.
struct scheduled_payment {
  std::string need;
  std::string task;
  date due;
  money amount;
  money funded;   ///< paid in time by the allocation
  money unfunded; ///< amount − funded
};

/// One arrival of a source's money.
struct scheduled_arrival {
  std::string source;
  date when;
  money amount;
  money used;     ///< allocated to payments
};

/// Money of arrival `arrival` paying payment `payment` (indices into the report's lists).
struct cash_allocation {
  std::size_t payment = 0;
  std::size_t arrival = 0;
  money amount;
};

/// The pooled cash position at the end of a day with movements.
struct cash_day {
  date when;
  money inflow;
  money outflow;
  money position;
};

/// The pooled cash movements of a calendar month and the position at its end.
struct cash_month {
  int year = 0;
  int month = 0;
  money inflow;
  money outflow;
  money closing;
};

/// How one need fares.
struct need_cash {
  std::string need;
  std::string task;
  date planned_start;
  money amount;
  money funded;                     ///< paid in time
  money unfunded;                   ///< amount − funded
  std::optional<date> first_unfunded;  ///< due date of its first payment not fully paid
  money on_hand_at_planned_start;   ///< eligible money arrived and not yet allocated, at the start of that day
  money short_at_planned_start;     ///< max(0, amount − on_hand_at_planned_start)
};

/// How one source fares.
struct source_cash {
  std::string source;
  money amount;
  money arrives_in_period;         ///< arrives on or before the plan's last day
  money arrives_later;             ///< arrives after it
  money never_arrives;             ///< its condition is never met
  money used;
  money unused;                    ///< arrived (at any time) but not allocated
  std::optional<date> first_arrival;
  std::optional<date> condition_met;
  /// Needs it is eligible for but cannot pay for at all because every payment of theirs is
  /// due before its money can be used (for a conditional source: on or before the date its
  /// rule is met, i.e. the works that meet it). Empty when it never arrives.
  std::vector<std::string> too_late_for;
};

/// The projection.
struct cash_report {
  period span;
  std::vector<scheduled_payment> payments;   ///< in allocation order
  std::vector<scheduled_arrival> arrivals;   ///< in date order
  std::vector<cash_allocation> allocations;
  std::vector<cash_day> days;                ///< days with movements, in order
  std::vector<cash_month> months;            ///< every month from the first movement (or the plan start) to the last (or the plan end)
  std::optional<date> first_short;           ///< first day the pooled position is below 0
  money first_short_amount;                  ///< how far below 0 on that day
  std::optional<date> lowest_date;           ///< day of the lowest pooled position
  money lowest_position;
  std::optional<date> first_unfunded;        ///< first due date with a payment the allocation cannot cover
  money first_unfunded_amount;               ///< unfunded on that date
  std::vector<need_cash> needs;              ///< in plan order
  std::vector<source_cash> sources;          ///< in plan order
  money needed_in_period;                    ///< payments due on or before the plan's last day
  money funded_in_period;                    ///< of which paid in time
  money in_year_gap;                         ///< needed_in_period − funded_in_period
  money due_after_period;                    ///< payments due after the plan's last day
  money plan_gap;                            ///< A − B, for comparison

  /// The needs not fully funded at their planned start (short_at_planned_start > 0).
  NTM_API std::vector<need_cash> unfunded_at_planned_start() const;
};

/// Projects the plan's cash over the timeline. Errors: the problems of `check(plan)`;
/// timeline_missing (a need's task, an after_task source's task or a condition's rule is not
/// in the timeline); invalid_value (a task that finishes before it starts, a missing date);
/// date_invalid; overflow.
NTM_API result<cash_report> project_cash(const funding_plan& plan, const funding_timeline& tl);

/// The projection as a journal: the plan's accounts; a pledge per source on the plan's first
/// day (Phải thu +, Nguồn −), a receipt per arrival (Quỹ +, Phải thu −) and a payment per
/// scheduled payment (Nhu cầu +, Quỹ −; the cash account goes below zero where money runs
/// short). The plan's actual transactions are not included (see make_journal). Errors: as
/// `project_cash`.
NTM_API result<journal> make_plan_journal(const funding_plan& plan, const funding_timeline& tl);

NTM_END_NAMESPACE

#endif  // NTM_LEDGER_CASH_FLOW_HPP_
