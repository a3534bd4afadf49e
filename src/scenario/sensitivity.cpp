// SPDX-License-Identifier: MIT
// Sensitivity of one plan: fact gaps, smallest sets of missing items, task delays, money.
#include <ntm/scenario/sensitivity.hpp>

#include <algorithm>

#include <ntm/ledger/cash_flow.hpp>
#include <ntm/schedule/roadmap.hpp>

#include <nlohmann/json.hpp>

#include "io/criteria_set_json.hpp"

NTM_BEGIN_NAMESPACE

namespace {

// The schedule and calendar of a plan, built once.
struct plan_schedule {
  calendar cal;
  task_network net;
  schedule_options options;
};

result<plan_schedule> prepare(const plan& p) {
  NTM_TRY(cal, calendar::build(effective_calendar(p.road)));
  NTM_TRY(net, task_network::build(p.road.tasks));
  schedule_options opt;
  opt.project_start = p.road.project_start;
  opt.deadline = p.road.deadline ? p.road.deadline : std::optional<date>(p.target);
  return plan_schedule{std::move(cal), std::move(net), opt};
}

result<std::optional<date>> goal_date_with(const plan& p, const plan_schedule& ps, const fact_table& facts,
                                           const std::vector<std::int32_t>& durations) {
  NTM_TRY(sched, durations.empty() ? ps.net.schedule(ps.cal, ps.options) : ps.net.schedule(ps.cal, ps.options, durations));
  std::vector<std::optional<date>> finish(p.road.tasks.size());
  for (std::size_t k = 0; k < p.road.tasks.size(); ++k) {
    const task& t = p.road.tasks[k];
    if (t.actual.finish) finish[k] = *t.actual.finish;
    else finish[k] = sched.tasks[sched.row_of[k]].early_finish;
  }
  NTM_TRY(proj, project(p.criteria, facts, p.baseline_date, projection_end(p, finish), p.road.tasks, finish, p.unit.region));
  NTM_TRY(goal, p.criteria.find_rule(p.goal));
  return proj.met_on[goal.index];
}

// The value that makes a check hold, when its measured side is a bare fact.
std::optional<value> needed_value(const check_detail& c) {
  if (!c.threshold) return std::nullopt;
  const value& t = *c.threshold;
  switch (c.op) {
    case comparison_op::ge:
    case comparison_op::le:
    case comparison_op::eq:
      return t;
    case comparison_op::gt:
    case comparison_op::lt: {
      // The next representable value beyond the threshold.
      const std::int64_t step = c.op == comparison_op::gt ? 1 : -1;
      switch (t.type()) {
        case value_type::integer: return value::of_integer(t.as_integer() + step);
        case value_type::money: return value::of_money(money::from_dong(t.as_money().dong() + step));
        case value_type::number: return value::of_number(decimal::from_micros(t.as_number().micros() + step));
        case value_type::percent: return value::of_percent(decimal::from_micros(t.as_percent().micros() + step));
        case value_type::date: return value::of_date(t.as_date() + boost::gregorian::days(step));
        default: return std::nullopt;
      }
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

result<std::optional<date>> goal_date(const plan& p, const fact_table& facts, const std::vector<std::int32_t>& durations) {
  NTM_TRY(ps, prepare(p));
  return goal_date_with(p, ps, facts, durations);
}

result<sensitivity_report> analyze_sensitivity(const plan& p, const sensitivity_options& options) {
  try {
    NTM_TRY(a, analyze(p));
    sensitivity_report out;
    const program& prog = p.criteria;

    // 1. How far each unmet indicator's facts must move; and how to complete each item.
    struct item {
      std::string id;
      std::vector<std::pair<fact_slot, value>> completion;
    };
    std::vector<item> items;
    for (const missing_item& m : a.missing) {
      const rule_outcome* o = a.baseline.find(m.indicator);
      if (!o) continue;
      item it{m.indicator, {}};
      for (const check_detail& c : o->checks) {
        if (c.result == status::met) continue;
        auto slot = prog.find_fact(c.measured_expression);
        auto needed = needed_value(c);
        if (!slot || !needed) continue;
        fact_gap g;
        g.indicator = m.indicator;
        g.fact = c.measured_expression;
        g.current = c.measured;
        g.needed = *needed;
        if (c.measured && c.measured->type() == needed->type() && needed->type() != value_type::boolean && needed->type() != value_type::date) {
          std::int64_t diff = 0;
          if (checked_sub(needed->raw(), c.measured->raw(), diff)) {
            switch (needed->type()) {
              case value_type::integer: g.change = value::of_integer(diff); break;
              case value_type::money: g.change = value::of_money(money::from_dong(diff)); break;
              case value_type::number: g.change = value::of_number(decimal::from_micros(diff)); break;
              default: g.change = value::of_percent(decimal::from_micros(diff)); break;
            }
            std::int64_t pct = 0;
            if (c.measured->raw() != 0 && div_round(static_cast<detail::int128>(diff) * 100'000'000, c.measured->raw(), rounding::half_up, pct))
              g.change_percent = decimal::from_micros(pct);
          }
        }
        out.facts.push_back(g);
        it.completion.emplace_back(*slot, *needed);
      }
      // A condition that is a bare boolean fact: it must become true.
      if (o->checks.empty())
        for (const input_use& f : o->facts)
          if (auto slot = prog.find_fact(f.id); slot && prog.fact(*slot).type == value_type::boolean && (!f.value || !f.value->as_bool())) {
            out.facts.push_back(fact_gap{m.indicator, f.id, f.value, value::of_bool(true), std::nullopt, std::nullopt});
            it.completion.emplace_back(*slot, value::of_bool(true));
          }
      if (!it.completion.empty()) items.push_back(std::move(it));
    }
    for (const item& it : items) out.items.push_back(it.id);

    // 2. The smallest sets of items whose completion reaches the goal (at the assessment date).
    NTM_TRY(goal, prog.find_rule(p.goal));
    const std::size_t n = items.size();
    const std::size_t limit = options.max_set_size == 0 ? n : std::min(n, options.max_set_size);
    evaluation_state state;
    auto reaches = [&](const std::vector<std::size_t>& chosen) -> result<bool> {
      fact_table facts = p.baseline;
      for (std::size_t k : chosen)
        for (const auto& [slot, v] : items[k].completion) NTM_CHECK(facts.set(slot, v));
      NTM_CHECK(prog.evaluate(state, facts, p.baseline_date, p.unit.region));
      return state.status_of(goal) == status::met;
    };
    {
      std::vector<std::size_t> all(n);
      for (std::size_t k = 0; k < n; ++k) all[k] = k;
      NTM_TRY(ok, reaches(all));
      out.reachable = ok;
    }
    if (out.reachable) {
      // Sizes in increasing order; the first size with a solution is the smallest. The search
      // stops after a bounded number of trials (a very long list of items).
      std::size_t trials = 0;
      constexpr std::size_t max_trials = 2'000'000;
      for (std::size_t size = 0; size <= limit && out.smallest_sets.empty() && trials < max_trials; ++size) {
        std::vector<bool> mask(n, false);
        std::fill(mask.end() - static_cast<std::ptrdiff_t>(size), mask.end(), true);
        do {
          std::vector<std::size_t> chosen;
          for (std::size_t k = 0; k < n; ++k)
            if (mask[k]) chosen.push_back(k);
          if (++trials > max_trials) {
            out.search_truncated = true;
            break;
          }
          NTM_TRY(ok, reaches(chosen));
          if (ok && out.smallest_sets.size() < options.max_sets) {
            std::vector<std::string> ids;
            for (std::size_t k : chosen) ids.push_back(items[k].id);
            out.smallest_sets.push_back(std::move(ids));
          }
        } while (std::next_permutation(mask.begin(), mask.end()));
      }
    }

    // 3. Task delays: float from the schedule; the smallest delay that misses the target.
    NTM_TRY(ps, prepare(p));
    std::vector<std::int32_t> durations;
    for (const task& t : p.road.tasks) durations.push_back(t.duration);
    NTM_TRY(planned, goal_date_with(p, ps, p.baseline, durations));
    auto misses = [&](std::size_t k, std::int32_t delay) -> result<bool> {
      std::vector<std::int32_t> d = durations;
      d[k] += delay;
      NTM_TRY(when, goal_date_with(p, ps, p.baseline, d));
      return !when || p.target < *when;
    };
    for (const task_schedule& row : a.schedule.tasks) {
      task_slack s;
      s.task = row.id;
      s.total_float = row.total_float;
      const std::size_t k = row.index;
      if (p.road.tasks[k].actual.finish) {  // finished: cannot slip any more
        out.tasks.push_back(s);
        continue;
      }
      std::vector<std::int32_t> d = durations;
      d[k] += 1;
      NTM_TRY(moved, goal_date_with(p, ps, p.baseline, d));
      s.affects_goal = moved != planned;
      if (planned && !(p.target < *planned)) {
        NTM_TRY(ever, misses(k, options.max_delay));
        if (ever) {
          std::int32_t lo = 0, hi = options.max_delay;  // misses(lo) false, misses(hi) true
          while (hi - lo > 1) {
            const std::int32_t mid = lo + (hi - lo) / 2;
            NTM_TRY(m, misses(k, mid));
            (m ? hi : lo) = mid;
          }
          s.delay_to_miss = hi;
        }
      } else {
        s.delay_to_miss = 0;  // the goal already misses the target as planned
      }
      out.tasks.push_back(s);
    }

    // 4. Money: enough to keep the pooled position at or above zero, from the first shortfall.
    if (a.cash.lowest_position.is_negative()) {
      NTM_TRY(extra, negate(a.cash.lowest_position));
      out.extra_money = extra;
      out.extra_money_from = a.cash.first_short;
      funding_plan more = p.funding;
      funding_source add;
      add.id = "sensitivity.extra";
      add.label = localized_text{"Vốn bổ sung (phân tích độ nhạy)", "Extra money (sensitivity)"};
      add.kind = source_kind::other;
      add.amount = extra;
      add.available.kind = availability_kind::from_date;
      add.available.from = out.extra_money_from;
      more.sources.push_back(add);
      auto cash = project_cash(more, a.timeline);
      out.extra_money_closes_gap = cash && !cash->first_short;
    }
    return out;
  } catch (const std::exception& e) {
    return fail(errc::internal, std::string("internal error in the sensitivity analysis: ") + e.what());
  }
}

std::string to_json(const sensitivity_report& r) {
  using ojson = nlohmann::ordered_json;
  auto opt_value = [](const std::optional<value>& v) { return v ? ojson(io_internal::value_to_json(*v)) : ojson(); };
  ojson j;
  j["format"] = "ntm.sensitivity/1";
  ojson facts = ojson::array();
  for (const fact_gap& g : r.facts)
    facts.push_back(ojson{{"indicator", g.indicator}, {"fact", g.fact}, {"current", opt_value(g.current)},
                          {"needed", io_internal::value_to_json(g.needed)}, {"change", opt_value(g.change)},
                          {"change_percent", g.change_percent ? ojson(g.change_percent->to_string()) : ojson()}});
  j["facts"] = std::move(facts);
  j["items"] = r.items;
  j["reachable"] = r.reachable;
  j["smallest_sets"] = r.smallest_sets;
  j["search_truncated"] = r.search_truncated;
  ojson tasks = ojson::array();
  for (const task_slack& t : r.tasks)
    tasks.push_back(ojson{{"task", t.task}, {"total_float", t.total_float}, {"affects_goal", t.affects_goal},
                          {"delay_to_miss", t.delay_to_miss ? ojson(*t.delay_to_miss) : ojson()}});
  j["tasks"] = std::move(tasks);
  j["extra_money"] = r.extra_money.dong();
  j["extra_money_from"] = r.extra_money_from ? ojson(format_date(*r.extra_money_from)) : ojson();
  j["extra_money_closes_gap"] = r.extra_money_closes_gap;
  return j.dump(2) + "\n";
}

NTM_END_NAMESPACE
