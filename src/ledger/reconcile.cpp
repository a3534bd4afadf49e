// SPDX-License-Identifier: MIT
// Reconciliation of computed and stated funding figures.
#include <ntm/ledger/reconcile.hpp>

#include <utility>

#include "ledger/funding_eval.hpp"

NTM_BEGIN_NAMESPACE

std::vector<stated_check> reconciliation::discrepancies() const {
  std::vector<stated_check> out;
  for (const stated_check& c : stated)
    if (!c.matches()) out.push_back(c);
  return out;
}

result<reconciliation> reconcile(const funding_plan& plan) {
  NTM_CHECK(ledger_internal::require_valid(plan));
  std::vector<error> problems;
  ledger_internal::plan_amounts a = ledger_internal::evaluate_amounts(plan, problems);
  if (!problems.empty()) return fail(std::move(problems.front()));  // check() found none: a bug

  reconciliation r;
  r.needs_total = a.needs_total;
  r.sources_total = a.sources_total;
  r.unconditional_sources_total = a.unconditional_total;
  r.gap = a.gap;
  for (const ledger_internal::criterion_amount& c : a.criteria) r.by_criterion.push_back(criterion_total{c.criterion, c.amount});
  for (const funding_need& n : plan.needs) r.by_need.push_back(need_total{n.id, n.criterion, n.amount});
  for (std::size_t i = 0; i < plan.sources.size(); ++i) {
    const funding_source& s = plan.sources[i];
    r.by_source.push_back(source_total{s.id, s.kind, a.sources[i], s.condition.has_value(), a.source_basis[i]});
  }
  for (std::size_t i = 0; i < plan.bases.size(); ++i) r.bases.push_back(base_total{plan.bases[i].id, a.bases[i]});
  for (const stated_figure& f : plan.stated) {
    stated_check c;
    c.figure = f.figure;
    c.stated = f.amount;
    c.computed = *ledger_internal::figure_value(plan, a, f.figure);  // check() proved it exists
    auto d = subtract(c.stated, c.computed);
    if (!d) return fail(errc::overflow, "stated " + f.figure + " minus computed is beyond the money range");
    c.difference = *d;
    c.where = f.where;
    r.stated.push_back(std::move(c));
  }
  r.request = plan.gap;
  return r;
}

NTM_END_NAMESPACE
