// SPDX-License-Identifier: MIT
// Private: the computed amounts of a funding plan (bases, derived sources, totals), shared by
// check(), reconcile() and project_cash().
#ifndef NTM_LEDGER_FUNDING_EVAL_HPP_
#define NTM_LEDGER_FUNDING_EVAL_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/error.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/result.hpp>
#include <ntm/ledger/funding.hpp>

NTM_BEGIN_NAMESPACE
namespace ledger_internal {

struct criterion_amount {
  std::string criterion;
  money amount;
};

struct plan_amounts {
  std::vector<money> bases;    // per base, in plan order
  std::vector<money> sources;  // per source, in plan order
  std::vector<std::string> source_basis;  // per source: "15% × 53.333.333.334 đ", empty when fixed
  money needs_total;
  money sources_total;
  money unconditional_total;
  money gap;                   // needs_total − sources_total
  std::vector<criterion_amount> criteria;  // in order of first appearance among the needs
};

/// Computes every amount. Unknown references, cycles and overflows are appended to
/// `problems`, located by JSON pointer; the amounts concerned are then 0.
plan_amounts evaluate_amounts(const funding_plan& plan, std::vector<error>& problems);

/// Success when check(plan) finds nothing; else the problems as one error.
result<void> require_valid(const funding_plan& plan);

/// The computed value of a stated figure's name, or nothing for an unknown name.
std::optional<money> figure_value(const funding_plan& plan, const plan_amounts& amounts, std::string_view figure);

/// An error located at a JSON pointer.
error located(errc code, std::string message, std::string pointer);

/// Index of the need / source with this id.
std::optional<std::size_t> find_need(const funding_plan& plan, std::string_view id);
std::optional<std::size_t> find_source(const funding_plan& plan, std::string_view id);

}  // namespace ledger_internal
NTM_END_NAMESPACE

#endif  // NTM_LEDGER_FUNDING_EVAL_HPP_
