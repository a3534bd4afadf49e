// SPDX-License-Identifier: MIT
// Cash over time: payments, arrivals, allocation and the running position.
#include <ntm/ledger/cash_flow.hpp>

#include <algorithm>
#include <utility>

#include "ledger/funding_eval.hpp"
#include "ledger/ledger_util.hpp"

NTM_BEGIN_NAMESPACE
namespace ledger_internal {
namespace {

struct dated_amount {
  date when;
  money amount;
};

// `amount` over the days first..last, one part per calendar month proportional to its days,
// dated on the first day in that month. Parts sum exactly to `amount` (cumulative rounding).
result<std::vector<dated_amount>> spread_by_month(money amount, date first, date last) {
  std::vector<dated_amount> parts;
  const std::int64_t total_days = (last - first).days() + 1;
  std::int64_t days_so_far = 0;
  money before;
  for (date d = first;;) {
    const date month_end = d.end_of_month();
    const date segment_end = month_end < last ? month_end : last;
    days_so_far += (segment_end - d).days() + 1;
    NTM_TRY(upto, prorate(amount, days_so_far, total_days));
    NTM_TRY(part, subtract(upto, before));
    before = upto;
    if (!part.is_zero()) parts.push_back(dated_amount{d, part});
    if (!(segment_end < last)) break;
    NTM_TRY(next, add_days(segment_end, 1));
    d = next;
  }
  return parts;
}

error missing(const std::string& what) { return make_error(errc::timeline_missing, what); }

// Checks that the timeline has everything the plan refers to, with sane dates.
result<void> check_timeline(const funding_plan& plan, const funding_timeline& tl) {
  std::vector<error> problems;
  for (const funding_need& n : plan.needs)
    if (!tl.tasks.count(n.task))
      problems.push_back(missing("need \"" + n.id + "\" is paid for task \"" + n.task + "\", which the timeline does not have"));
  for (const funding_source& s : plan.sources) {
    if (s.available.kind == availability_kind::after_task && !tl.tasks.count(s.available.task))
      problems.push_back(missing("source \"" + s.id + "\" arrives after task \"" + s.available.task +
                                 "\", which the timeline does not have"));
    if (s.condition && !tl.rules.count(s.condition->rule))
      problems.push_back(missing("source \"" + s.id + "\" depends on rule \"" + s.condition->rule +
                                 "\", which the timeline does not have (give its date met, or none if never met)"));
  }
  for (const auto& [id, t] : tl.tasks) {
    if (t.planned_start.is_special() || t.planned_finish.is_special() || (t.actual_start && t.actual_start->is_special()) ||
        (t.actual_finish && t.actual_finish->is_special()))
      problems.push_back(make_error(errc::invalid_value, "task \"" + id + "\" has a missing date in the timeline"));
    else if (t.finish() < t.start())
      problems.push_back(make_error(errc::invalid_value, "task \"" + id + "\" finishes (" + format_date(t.finish()) +
                                                             ") before it starts (" + format_date(t.start()) + ")"));
  }
  for (const auto& [id, d] : tl.rules)
    if (d && d->is_special()) problems.push_back(make_error(errc::invalid_value, "rule \"" + id + "\" has an invalid date met"));
  if (!problems.empty()) return fail(combine_errors(std::move(problems)));
  return {};
}

struct payment_rec {
  std::size_t need;
  scheduled_payment line;
};

struct arrival_rec {
  std::size_t source;
  std::optional<date> condition_met;  // set for conditional sources
  scheduled_arrival line;
};

// True when arrival `a` may pay (part of) a payment of need `n` due on `due`.
bool can_pay(const funding_plan& plan, const arrival_rec& a, const funding_need& n, date due) {
  if (due < a.line.when) return false;
  if (a.condition_met && !(*a.condition_met < due)) return false;
  return plan.sources[a.source].eligible.allows(n);
}

result<money> to_money(detail::int128 v) {
  if (v < INT64_MIN || v > INT64_MAX) return fail(errc::overflow, "a cash total is beyond the money range");
  return money::from_dong(static_cast<std::int64_t>(v));
}

}  // namespace
}  // namespace ledger_internal

std::vector<need_cash> cash_report::unfunded_at_planned_start() const {
  std::vector<need_cash> out;
  for (const need_cash& n : needs)
    if (!n.short_at_planned_start.is_zero()) out.push_back(n);
  return out;
}

result<cash_report> project_cash(const funding_plan& plan, const funding_timeline& tl) {
  using namespace ledger_internal;
  NTM_CHECK(require_valid(plan));
  NTM_CHECK(check_timeline(plan, tl));
  std::vector<error> problems;
  const plan_amounts amounts = evaluate_amounts(plan, problems);

  cash_report r;
  r.span = plan.span;
  r.plan_gap = amounts.gap;

  // Payments, in (due, need, month) order.
  std::vector<payment_rec> payments;
  for (std::size_t i = 0; i < plan.needs.size(); ++i) {
    const funding_need& n = plan.needs[i];
    const funding_timeline::task_dates& t = tl.tasks.at(n.task);
    std::vector<dated_amount> parts;
    switch (n.payment) {
      case payment_timing::at_start: parts.push_back(dated_amount{t.start(), n.amount}); break;
      case payment_timing::at_finish: parts.push_back(dated_amount{t.finish(), n.amount}); break;
      case payment_timing::spread_monthly: {
        NTM_TRY(spread, spread_by_month(n.amount, t.start(), t.finish()));
        parts = std::move(spread);
        break;
      }
    }
    for (const dated_amount& p : parts)
      if (!p.amount.is_zero()) payments.push_back(payment_rec{i, scheduled_payment{n.id, n.task, p.when, p.amount, money{}, money{}}});
  }
  std::stable_sort(payments.begin(), payments.end(), [](const payment_rec& a, const payment_rec& b) { return a.line.due < b.line.due; });

  // Arrivals, in (date, source, part) order.
  std::vector<arrival_rec> arrivals;
  r.sources.resize(plan.sources.size());
  for (std::size_t i = 0; i < plan.sources.size(); ++i) {
    const funding_source& s = plan.sources[i];
    source_cash& sc = r.sources[i];
    sc.source = s.id;
    sc.amount = amounts.sources[i];
    std::optional<date> cond_date;
    if (s.condition) {
      const std::optional<date>& met = tl.rules.at(s.condition->rule);
      if (!met) {
        sc.never_arrives = sc.amount;
        continue;
      }
      sc.condition_met = *met;
      NTM_TRY(d, add_days(*met, s.condition->lag_days));
      cond_date = d;
    }
    std::vector<dated_amount> parts;
    switch (s.available.kind) {
      case availability_kind::from_date:
        parts.push_back(dated_amount{s.available.from.value_or(plan.span.first), sc.amount});
        break;
      case availability_kind::after_task: {
        NTM_TRY(d, add_days(tl.tasks.at(s.available.task).finish(), s.available.lag_days));
        parts.push_back(dated_amount{d, sc.amount});
        break;
      }
      case availability_kind::spread: {
        NTM_TRY(spread, spread_by_month(sc.amount, s.available.spread->first, s.available.spread->last));
        parts = std::move(spread);
        break;
      }
    }
    for (dated_amount& p : parts) {
      if (p.amount.is_zero()) continue;
      if (cond_date && p.when < *cond_date) p.when = *cond_date;
      arrivals.push_back(arrival_rec{i, sc.condition_met, scheduled_arrival{s.id, p.when, p.amount, money{}}});
    }
  }
  std::stable_sort(arrivals.begin(), arrivals.end(), [](const arrival_rec& a, const arrival_rec& b) { return a.line.when < b.line.when; });

  // Allocation, with a snapshot of the money on hand for each need at its planned start.
  std::vector<money> remaining;
  for (const arrival_rec& a : arrivals) remaining.push_back(a.line.amount);
  std::vector<std::size_t> by_start(plan.needs.size());
  for (std::size_t i = 0; i < by_start.size(); ++i) by_start[i] = i;
  auto planned_start = [&](std::size_t i) { return tl.tasks.at(plan.needs[i].task).planned_start; };
  std::stable_sort(by_start.begin(), by_start.end(), [&](std::size_t a, std::size_t b) { return planned_start(a) < planned_start(b); });
  r.needs.resize(plan.needs.size());
  auto snapshot = [&](std::size_t i) -> result<void> {
    const funding_need& n = plan.needs[i];
    const date d = planned_start(i);
    detail::int128 on_hand = 0;
    for (std::size_t a = 0; a < arrivals.size(); ++a)
      if (can_pay(plan, arrivals[a], n, d)) on_hand += remaining[a].dong();
    NTM_TRY(m, ledger_internal::to_money(on_hand));
    r.needs[i].on_hand_at_planned_start = m;
    if (m < n.amount) r.needs[i].short_at_planned_start = *subtract(n.amount, m);
    return {};
  };
  std::size_t next_start = 0;
  for (std::size_t p = 0; p < payments.size(); ++p) {
    scheduled_payment& line = payments[p].line;
    const funding_need& n = plan.needs[payments[p].need];
    while (next_start < by_start.size() && !(line.due < planned_start(by_start[next_start]))) NTM_CHECK(snapshot(by_start[next_start++]));
    std::int64_t left = line.amount.dong();
    for (std::size_t a = 0; a < arrivals.size() && left > 0; ++a) {
      if (line.due < arrivals[a].line.when) break;
      if (remaining[a].is_zero() || !can_pay(plan, arrivals[a], n, line.due)) continue;
      const std::int64_t take = std::min(left, remaining[a].dong());
      remaining[a] = money::from_dong(remaining[a].dong() - take);
      left -= take;
      r.allocations.push_back(cash_allocation{p, a, money::from_dong(take)});
    }
    line.unfunded = money::from_dong(left);
    line.funded = money::from_dong(line.amount.dong() - left);
  }
  while (next_start < by_start.size()) NTM_CHECK(snapshot(by_start[next_start++]));

  // Per need and per source.
  for (std::size_t i = 0; i < plan.needs.size(); ++i) {
    need_cash& nc = r.needs[i];
    const funding_need& n = plan.needs[i];
    nc.need = n.id;
    nc.task = n.task;
    nc.planned_start = planned_start(i);
    nc.amount = n.amount;
  }
  for (const payment_rec& p : payments) {
    need_cash& nc = r.needs[p.need];
    nc.funded = money::from_dong(nc.funded.dong() + p.line.funded.dong());  // ≤ the need's amount
    if (!p.line.unfunded.is_zero() && !nc.first_unfunded) nc.first_unfunded = p.line.due;
  }
  for (need_cash& nc : r.needs) nc.unfunded = money::from_dong(nc.amount.dong() - nc.funded.dong());

  for (std::size_t a = 0; a < arrivals.size(); ++a) {
    arrival_rec& rec = arrivals[a];
    rec.line.used = money::from_dong(rec.line.amount.dong() - remaining[a].dong());
    source_cash& sc = r.sources[rec.source];
    money& bucket = plan.span.last < rec.line.when ? sc.arrives_later : sc.arrives_in_period;
    bucket = money::from_dong(bucket.dong() + rec.line.amount.dong());  // parts of one amount
    sc.used = money::from_dong(sc.used.dong() + rec.line.used.dong());
    sc.unused = money::from_dong(sc.unused.dong() + remaining[a].dong());
    if (!sc.first_arrival) sc.first_arrival = rec.line.when;
  }
  for (std::size_t i = 0; i < plan.sources.size(); ++i) {
    source_cash& sc = r.sources[i];
    if (!sc.first_arrival) continue;
    for (std::size_t k = 0; k < plan.needs.size(); ++k) {
      const funding_need& n = plan.needs[k];
      if (!plan.sources[i].eligible.allows(n)) continue;
      bool any_payment = false, reachable = false;
      for (const payment_rec& p : payments) {
        if (p.need != k) continue;
        any_payment = true;
        for (const arrival_rec& a : arrivals)
          if (a.source == i && can_pay(plan, a, n, p.line.due)) reachable = true;
      }
      if (any_payment && !reachable) sc.too_late_for.push_back(n.id);
    }
  }

  // Pooled position by day, then by month.
  struct movement {
    date when;
    std::int64_t in, out;
  };
  std::vector<movement> moves;
  for (const arrival_rec& a : arrivals) moves.push_back(movement{a.line.when, a.line.amount.dong(), 0});
  for (const payment_rec& p : payments) moves.push_back(movement{p.line.due, 0, p.line.amount.dong()});
  std::stable_sort(moves.begin(), moves.end(), [](const movement& a, const movement& b) { return a.when < b.when; });
  detail::int128 position = 0;
  for (std::size_t k = 0; k < moves.size();) {
    detail::int128 in = 0, out = 0;
    const date d = moves[k].when;
    for (; k < moves.size() && moves[k].when == d; ++k) {
      in += moves[k].in;
      out += moves[k].out;
    }
    position += in - out;
    NTM_TRY(mi, ledger_internal::to_money(in));
    NTM_TRY(mo, ledger_internal::to_money(out));
    NTM_TRY(mp, ledger_internal::to_money(position));
    r.days.push_back(cash_day{d, mi, mo, mp});
    if (mp.is_negative() && !r.first_short) {
      r.first_short = d;
      r.first_short_amount = *negate(mp);
    }
    if (!r.lowest_date || mp < r.lowest_position) {
      r.lowest_date = d;
      r.lowest_position = mp;
    }
  }
  {
    date first = plan.span.first, last = plan.span.last;
    if (!r.days.empty()) {
      if (r.days.front().when < first) first = r.days.front().when;
      if (last < r.days.back().when) last = r.days.back().when;
    }
    std::size_t k = 0;
    detail::int128 closing = 0;
    for (int y = first.year(), m = first.month();;) {
      detail::int128 in = 0, out = 0;
      for (; k < r.days.size() && r.days[k].when.year() == y && r.days[k].when.month() == m; ++k) {
        in += r.days[k].inflow.dong();
        out += r.days[k].outflow.dong();
        closing = r.days[k].position.dong();
      }
      NTM_TRY(mi, ledger_internal::to_money(in));
      NTM_TRY(mo, ledger_internal::to_money(out));
      r.months.push_back(cash_month{y, m, mi, mo, money::from_dong(static_cast<std::int64_t>(closing))});
      if (y == last.year() && m == last.month()) break;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }

  // Totals.
  detail::int128 needed = 0, funded = 0, after = 0, first_amount = 0;
  for (const payment_rec& p : payments) {
    if (plan.span.last < p.line.due) {
      after += p.line.amount.dong();
      continue;
    }
    needed += p.line.amount.dong();
    funded += p.line.funded.dong();
  }
  for (const payment_rec& p : payments) {
    if (p.line.unfunded.is_zero()) continue;
    if (!r.first_unfunded) r.first_unfunded = p.line.due;
    if (p.line.due == *r.first_unfunded) first_amount += p.line.unfunded.dong();
  }
  NTM_TRY(needed_m, ledger_internal::to_money(needed));
  NTM_TRY(funded_m, ledger_internal::to_money(funded));
  NTM_TRY(after_m, ledger_internal::to_money(after));
  NTM_TRY(gap_m, ledger_internal::to_money(needed - funded));
  NTM_TRY(first_m, ledger_internal::to_money(first_amount));
  r.needed_in_period = needed_m;
  r.funded_in_period = funded_m;
  r.due_after_period = after_m;
  r.in_year_gap = gap_m;
  r.first_unfunded_amount = first_m;

  for (payment_rec& p : payments) r.payments.push_back(std::move(p.line));
  for (arrival_rec& a : arrivals) r.arrivals.push_back(std::move(a.line));
  return r;
}

result<journal> make_plan_journal(const funding_plan& plan, const funding_timeline& tl) {
  NTM_TRY(report, project_cash(plan, tl));
  funding_plan accounts_only = plan;
  accounts_only.transactions.clear();
  NTM_TRY(j, make_journal(accounts_only));

  auto label = [](const localized_text& t, const std::string& id) { return t.vi.empty() ? id : t.vi; };
  std::vector<transaction_input> txns;
  for (std::size_t i = 0; i < plan.sources.size(); ++i) {
    const funding_source& s = plan.sources[i];
    const money amount = report.sources[i].amount;
    if (amount.is_zero()) continue;
    transaction_input t;
    t.when = plan.span.first;
    t.description = "Cam kết: " + label(s.label, s.id) + (s.condition ? " (khi đạt " + s.condition->rule + ")" : "");
    t.reference = "P:" + s.id;
    t.postings = {posting_input{receivable_account(s), amount, std::nullopt},
                  posting_input{source_account(s), *negate(amount), std::nullopt}};
    txns.push_back(std::move(t));
  }
  for (const scheduled_arrival& a : report.arrivals) {
    const funding_source& s = plan.sources[*ledger_internal::find_source(plan, a.source)];
    transaction_input t;
    t.when = a.when;
    t.description = "Nhận: " + label(s.label, s.id);
    t.reference = "R:" + s.id;
    t.postings = {posting_input{plan.cash_account, a.amount, std::nullopt},
                  posting_input{receivable_account(s), *negate(a.amount), std::nullopt}};
    txns.push_back(std::move(t));
  }
  for (const scheduled_payment& p : report.payments) {
    const funding_need& n = plan.needs[*ledger_internal::find_need(plan, p.need)];
    transaction_input t;
    t.when = p.due;
    t.description = "Chi: " + n.criterion + " " + label(n.item, n.id);
    t.reference = "C:" + n.id;
    t.postings = {posting_input{need_account(n), p.amount, std::nullopt},
                  posting_input{plan.cash_account, *negate(p.amount), std::nullopt}};
    txns.push_back(std::move(t));
  }
  std::stable_sort(txns.begin(), txns.end(), [](const transaction_input& a, const transaction_input& b) { return a.when < b.when; });
  NTM_CHECK(j.post_all(txns));
  return j;
}

NTM_END_NAMESPACE
