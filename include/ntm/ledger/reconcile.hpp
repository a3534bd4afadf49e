// SPDX-License-Identifier: MIT
/// @file
/// Reconciliation: the totals a funding plan implies (per criterion, per need, per source; A,
/// B and A − B), compared with the figures its document states. Each stated figure is
/// reported as stated / computed / difference / where; a difference is a finding (a value),
/// not an error.
#ifndef NTM_LEDGER_RECONCILE_HPP_
#define NTM_LEDGER_RECONCILE_HPP_

#include <optional>
#include <string>
#include <vector>

#include <ntm/core/money.hpp>
#include <ntm/core/result.hpp>
#include <ntm/ledger/funding.hpp>

NTM_BEGIN_NAMESPACE

/// A criterion's total need.
struct criterion_total {
  std::string criterion;
  money amount;
};

/// A need's amount.
struct need_total {
  std::string need;
  std::string criterion;
  money amount;
};

/// A source's computed amount.
struct source_total {
  std::string source;
  source_kind kind = source_kind::unspecified;
  money amount;
  bool conditional = false;  ///< paid only once a rule holds
  std::string basis;         ///< how a derived amount was computed: "15% × 53.333.333.334 đ (…) (base.x)"; empty when fixed
};

/// A base's computed amount (quantity × unit price, or its total).
struct base_total {
  std::string base;
  money amount;
};

/// One stated figure against the computed one.
struct stated_check {
  std::string figure;   ///< "sources.total", "gap", "source.land_auction", ...
  money stated;
  money computed;
  money difference;     ///< stated − computed
  std::string where;    ///< the document's section and quote
  bool matches() const noexcept { return stated == computed; }
};

/// The reconciliation of a plan.
struct reconciliation {
  money needs_total;                 ///< A
  money sources_total;               ///< B (all sources, conditional ones included, as documents count them)
  money unconditional_sources_total; ///< B without the conditional sources
  money gap;                         ///< A − B (positive: money missing)
  std::vector<criterion_total> by_criterion;  ///< in order of first appearance among the needs
  std::vector<need_total> by_need;            ///< in plan order
  std::vector<source_total> by_source;        ///< in plan order
  std::vector<base_total> bases;              ///< in plan order
  std::vector<stated_check> stated;           ///< every stated figure, in plan order
  std::optional<gap_request> request;         ///< who is asked to cover the gap

  /// The stated figures that differ from the computed ones.
  NTM_API std::vector<stated_check> discrepancies() const;
};

/// Computes the totals and compares the stated figures. Errors: the problems of
/// `check(plan)` (one error, all of them in details).
NTM_API result<reconciliation> reconcile(const funding_plan& plan);

NTM_END_NAMESPACE

#endif  // NTM_LEDGER_RECONCILE_HPP_
