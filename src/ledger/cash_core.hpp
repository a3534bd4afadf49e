// SPDX-License-Identifier: MIT
// Private: the core of the cash projection — the payments and arrivals of a funding plan and
// the allocation of the money to the payments — by index, on reusable memory. project_cash()
// builds its report around it; Monte Carlo runs it once per sample with other amounts and
// dates, allocating nothing.
#ifndef NTM_LEDGER_CASH_CORE_HPP_
#define NTM_LEDGER_CASH_CORE_HPP_

#include <cstddef>
#include <optional>
#include <vector>

#include <ntm/ledger/cash_flow.hpp>

NTM_BEGIN_NAMESPACE
namespace ledger_internal {

/// An amount due or arriving on a day.
struct dated_amount {
  date when;
  money amount;
};

/// A payment due for need `need` (an index into the plan's needs).
struct payment_rec {
  std::size_t need = 0;
  date due;
  money amount;
  money funded;    ///< paid in time by the allocation
  money unfunded;  ///< amount − funded
};

/// An arrival of source `source`'s money (an index into the plan's sources).
struct arrival_rec {
  std::size_t source = 0;
  std::optional<date> condition_met;  ///< set for conditional sources
  date when;
  money amount;
};

/// The dates a projection reads, by index instead of by id.
struct cash_dates {
  std::vector<funding_timeline::task_dates> need_task;  ///< per need: its task's dates
  std::vector<date> source_task_finish;                 ///< per source: for after_task, its task's finish
  std::vector<std::optional<date>> source_rule_met;     ///< per source: for a conditional one, when its rule is met
};

/// Memory of an allocation, reused from run to run.
struct cash_work {
  std::vector<payment_rec> payments;  ///< in allocation order (due date, then plan order, then month)
  std::vector<arrival_rec> arrivals;  ///< in date order (then plan order, then part)
  std::vector<money> remaining;       ///< per arrival, after the allocation
  std::vector<dated_amount> parts;
  std::vector<std::size_t> by_start;
};

/// Lists the payments (need amounts `needs`) and arrivals (source amounts `sources`) and
/// allocates the money as cash_flow.hpp states. When `report` is given, also records the
/// allocations, the money on hand at each need's planned start, and per source its id,
/// amount, condition date and money that never arrives. Errors: date_invalid, overflow.
result<void> allocate_cash(const funding_plan& plan, const std::vector<money>& needs, const std::vector<money>& sources,
                           const cash_dates& dates, cash_work& w, cash_report* report);

/// The payments' totals: due within the plan's period and how much of it is funded, due
/// after it, and the in-year gap. Error: overflow.
struct period_totals {
  money needed, funded, after, gap;
};
result<period_totals> totals_in_period(const funding_plan& plan, const cash_work& w);

}  // namespace ledger_internal
NTM_END_NAMESPACE

#endif  // NTM_LEDGER_CASH_CORE_HPP_
