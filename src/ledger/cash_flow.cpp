// SPDX-License-Identifier: MIT
// Cash over time: payments, arrivals, allocation and the running position.
#include <ntm/ledger/cash_flow.hpp>

#include <algorithm>
#include <utility>

#include "ledger/cash_core.hpp"
#include "ledger/funding_eval.hpp"
#include "ledger/ledger_util.hpp"

NTM_BEGIN_NAMESPACE
namespace ledger_internal {
namespace {

// `amount` over the days first..last, one part per calendar month proportional to its days,
// dated on the first day in that month, appended to `parts`. Parts sum exactly to `amount`
// (cumulative rounding); zero parts are left out.
result<void> spread_by_month(money amount, date first, date last, std::vector<dated_amount>& parts) {
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
  return {};
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

// True when arrival `a` may pay (part of) a payment of need `n` due on `due`.
bool can_pay(const funding_plan& plan, const arrival_rec& a, const funding_need& n, date due) {
  if (due < a.when) return false;
  if (a.condition_met && !(*a.condition_met < due)) return false;
  return plan.sources[a.source].eligible.allows(n);
}

result<money> to_money(detail::int128 v) {
  if (v < INT64_MIN || v > INT64_MAX) return fail(errc::overflow, "a cash total is beyond the money range");
  return money::from_dong(static_cast<std::int64_t>(v));
}

}  // namespace

result<void> allocate_cash(const funding_plan& plan, const std::vector<money>& needs, const std::vector<money>& sources,
                           const cash_dates& dates, cash_work& w, cash_report* report) {
  // Payments, in (due, need, month) order.
  w.payments.clear();
  for (std::size_t i = 0; i < plan.needs.size(); ++i) {
    const funding_need& n = plan.needs[i];
    const funding_timeline::task_dates& t = dates.need_task[i];
    w.parts.clear();
    switch (n.payment) {
      case payment_timing::at_start: w.parts.push_back(dated_amount{t.start(), needs[i]}); break;
      case payment_timing::at_finish: w.parts.push_back(dated_amount{t.finish(), needs[i]}); break;
      case payment_timing::spread_monthly: NTM_CHECK(spread_by_month(needs[i], t.start(), t.finish(), w.parts)); break;
    }
    if (n.payment_delay_days != 0)
      for (dated_amount& p : w.parts) {
        NTM_TRY(later, add_days(p.when, n.payment_delay_days));
        p.when = later;
      }
    for (const dated_amount& p : w.parts)
      if (!p.amount.is_zero()) w.payments.push_back(payment_rec{i, p.when, p.amount, money{}, money{}});
  }
  std::stable_sort(w.payments.begin(), w.payments.end(), [](const payment_rec& a, const payment_rec& b) { return a.due < b.due; });

  // Arrivals, in (date, source, part) order.
  w.arrivals.clear();
  if (report) report->sources.resize(plan.sources.size());
  for (std::size_t i = 0; i < plan.sources.size(); ++i) {
    const funding_source& s = plan.sources[i];
    if (report) {
      report->sources[i].source = s.id;
      report->sources[i].amount = sources[i];
    }
    std::optional<date> cond_date, met_on;
    if (s.condition) {
      const std::optional<date>& met = dates.source_rule_met[i];
      if (!met) {
        if (report) report->sources[i].never_arrives = sources[i];
        continue;
      }
      met_on = *met;
      if (report) report->sources[i].condition_met = *met;
      NTM_TRY(d, add_days(*met, s.condition->lag_days));
      cond_date = d;
    }
    w.parts.clear();
    switch (s.available.kind) {
      case availability_kind::from_date:
        w.parts.push_back(dated_amount{s.available.from.value_or(plan.span.first), sources[i]});
        break;
      case availability_kind::after_task: {
        NTM_TRY(d, add_days(dates.source_task_finish[i], s.available.lag_days));
        w.parts.push_back(dated_amount{d, sources[i]});
        break;
      }
      case availability_kind::spread:
        NTM_CHECK(spread_by_month(sources[i], s.available.spread->first, s.available.spread->last, w.parts));
        break;
    }
    for (dated_amount& p : w.parts) {
      if (p.amount.is_zero()) continue;
      if (cond_date && p.when < *cond_date) p.when = *cond_date;
      w.arrivals.push_back(arrival_rec{i, met_on, p.when, p.amount});
    }
  }
  std::stable_sort(w.arrivals.begin(), w.arrivals.end(), [](const arrival_rec& a, const arrival_rec& b) { return a.when < b.when; });

  // Allocation, with (for a report) a snapshot of the money on hand for each need at its
  // planned start.
  w.remaining.clear();
  for (const arrival_rec& a : w.arrivals) w.remaining.push_back(a.amount);
  auto planned_start = [&](std::size_t i) { return dates.need_task[i].planned_start; };
  w.by_start.clear();
  if (report) {
    for (std::size_t i = 0; i < plan.needs.size(); ++i) w.by_start.push_back(i);
    std::stable_sort(w.by_start.begin(), w.by_start.end(), [&](std::size_t a, std::size_t b) { return planned_start(a) < planned_start(b); });
    report->needs.resize(plan.needs.size());
  }
  auto snapshot = [&](std::size_t i) -> result<void> {
    const funding_need& n = plan.needs[i];
    const date d = planned_start(i);
    detail::int128 on_hand = 0;
    for (std::size_t a = 0; a < w.arrivals.size(); ++a)
      if (can_pay(plan, w.arrivals[a], n, d)) on_hand += w.remaining[a].dong();
    NTM_TRY(m, to_money(on_hand));
    report->needs[i].on_hand_at_planned_start = m;
    if (m < needs[i]) report->needs[i].short_at_planned_start = *subtract(needs[i], m);
    return {};
  };
  std::size_t next_start = 0;
  for (std::size_t p = 0; p < w.payments.size(); ++p) {
    payment_rec& line = w.payments[p];
    const funding_need& n = plan.needs[line.need];
    while (next_start < w.by_start.size() && !(line.due < planned_start(w.by_start[next_start]))) NTM_CHECK(snapshot(w.by_start[next_start++]));
    std::int64_t left = line.amount.dong();
    for (std::size_t a = 0; a < w.arrivals.size() && left > 0; ++a) {
      if (line.due < w.arrivals[a].when) break;
      if (w.remaining[a].is_zero() || !can_pay(plan, w.arrivals[a], n, line.due)) continue;
      const std::int64_t take = std::min(left, w.remaining[a].dong());
      w.remaining[a] = money::from_dong(w.remaining[a].dong() - take);
      left -= take;
      if (report) report->allocations.push_back(cash_allocation{p, a, money::from_dong(take)});
    }
    line.unfunded = money::from_dong(left);
    line.funded = money::from_dong(line.amount.dong() - left);
  }
  while (next_start < w.by_start.size()) NTM_CHECK(snapshot(w.by_start[next_start++]));
  return {};
}

result<period_totals> totals_in_period(const funding_plan& plan, const cash_work& w) {
  detail::int128 needed = 0, funded = 0, after = 0;
  for (const payment_rec& p : w.payments) {
    if (plan.span.last < p.due) {
      after += p.amount.dong();
      continue;
    }
    needed += p.amount.dong();
    funded += p.funded.dong();
  }
  period_totals t;
  NTM_TRY(needed_m, to_money(needed));
  NTM_TRY(funded_m, to_money(funded));
  NTM_TRY(after_m, to_money(after));
  NTM_TRY(gap_m, to_money(needed - funded));
  t.needed = needed_m;
  t.funded = funded_m;
  t.after = after_m;
  t.gap = gap_m;
  return t;
}

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

  std::vector<money> need_amounts;
  cash_dates dates;
  for (const funding_need& n : plan.needs) {
    need_amounts.push_back(n.amount);
    dates.need_task.push_back(tl.tasks.at(n.task));
  }
  dates.source_task_finish.resize(plan.sources.size());
  dates.source_rule_met.resize(plan.sources.size());
  for (std::size_t i = 0; i < plan.sources.size(); ++i) {
    const funding_source& s = plan.sources[i];
    if (s.available.kind == availability_kind::after_task) dates.source_task_finish[i] = tl.tasks.at(s.available.task).finish();
    if (s.condition) dates.source_rule_met[i] = tl.rules.at(s.condition->rule);
  }
  cash_work w;
  NTM_CHECK(allocate_cash(plan, need_amounts, amounts.sources, dates, w, &r));
  const std::vector<payment_rec>& payments = w.payments;
  const std::vector<arrival_rec>& arrivals = w.arrivals;
  const std::vector<money>& remaining = w.remaining;

  // Per need and per source.
  for (std::size_t i = 0; i < plan.needs.size(); ++i) {
    need_cash& nc = r.needs[i];
    const funding_need& n = plan.needs[i];
    nc.need = n.id;
    nc.task = n.task;
    nc.planned_start = dates.need_task[i].planned_start;
    nc.amount = n.amount;
  }
  for (const payment_rec& p : payments) {
    need_cash& nc = r.needs[p.need];
    nc.funded = money::from_dong(nc.funded.dong() + p.funded.dong());  // ≤ the need's amount
    if (!p.unfunded.is_zero() && !nc.first_unfunded) nc.first_unfunded = p.due;
  }
  for (need_cash& nc : r.needs) nc.unfunded = money::from_dong(nc.amount.dong() - nc.funded.dong());

  for (std::size_t a = 0; a < arrivals.size(); ++a) {
    const arrival_rec& rec = arrivals[a];
    source_cash& sc = r.sources[rec.source];
    money& bucket = plan.span.last < rec.when ? sc.arrives_later : sc.arrives_in_period;
    bucket = money::from_dong(bucket.dong() + rec.amount.dong());  // parts of one amount
    sc.used = money::from_dong(sc.used.dong() + rec.amount.dong() - remaining[a].dong());
    sc.unused = money::from_dong(sc.unused.dong() + remaining[a].dong());
    if (!sc.first_arrival) sc.first_arrival = rec.when;
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
          if (a.source == i && can_pay(plan, a, n, p.due)) reachable = true;
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
  for (const arrival_rec& a : arrivals) moves.push_back(movement{a.when, a.amount.dong(), 0});
  for (const payment_rec& p : payments) moves.push_back(movement{p.due, 0, p.amount.dong()});
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
  NTM_TRY(totals, totals_in_period(plan, w));
  detail::int128 first_amount = 0;
  for (const payment_rec& p : payments) {
    if (p.unfunded.is_zero()) continue;
    if (!r.first_unfunded) r.first_unfunded = p.due;
    if (p.due == *r.first_unfunded) first_amount += p.unfunded.dong();
  }
  NTM_TRY(first_m, ledger_internal::to_money(first_amount));
  r.needed_in_period = totals.needed;
  r.funded_in_period = totals.funded;
  r.due_after_period = totals.after;
  r.in_year_gap = totals.gap;
  r.first_unfunded_amount = first_m;

  for (const payment_rec& p : payments)
    r.payments.push_back(scheduled_payment{plan.needs[p.need].id, plan.needs[p.need].task, p.due, p.amount, p.funded, p.unfunded});
  for (std::size_t a = 0; a < arrivals.size(); ++a)
    r.arrivals.push_back(scheduled_arrival{plan.sources[arrivals[a].source].id, arrivals[a].when, arrivals[a].amount,
                                           money::from_dong(arrivals[a].amount.dong() - remaining[a].dong())});
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
