// SPDX-License-Identifier: MIT
// Monte Carlo over a plan, seeded per run so that threads do not change the result.
#include <ntm/scenario/monte_carlo.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include <nlohmann/json.hpp>

#include <ntm/ledger/cash_flow.hpp>
#include <ntm/plan/analysis.hpp>
#include <ntm/schedule/roadmap.hpp>

#include "core/number_text.hpp"
#include "io/csv.hpp"
#include "io/json_document.hpp"
#include "ledger/cash_core.hpp"
#include "ledger/funding_eval.hpp"
#include "plan/projection.hpp"
#include "scenario/random.hpp"
#include "schedule/scheduler.hpp"

NTM_BEGIN_NAMESPACE

namespace {

using scenario_internal::check_distribution;
using scenario_internal::generator;
using scenario_internal::sample;
using scenario_internal::times;

constexpr const char* simulation_spec_format = "ntm.simulation-spec/1";
constexpr std::int64_t max_simulation_runs = 100'000'000;

// Everything a run needs, prepared once and shared read-only by the threads.
struct prepared {
  const plan* p = nullptr;
  std::optional<calendar> cal;
  std::optional<task_network> net;
  schedule_options options;
  rule_index goal;
  std::vector<rule_index> criteria;
  std::vector<std::optional<distribution>> duration_of;  // per task
  std::vector<std::pair<std::size_t, distribution>> cost_of;   // need index → multiplier
  std::vector<std::pair<fact_slot, distribution>> growth_of;
  std::vector<std::string> condition_rules;
  std::optional<plan_internal::projector> projector;
  // The cash projection by index: each need's task, each after_task source's task, each
  // conditional source's rule; the source amounts when no sampled cost can change them.
  bool cash_by_index = false;  // false: every run takes project_cash (and so gives its errors)
  std::vector<std::size_t> need_task, source_task;
  std::vector<rule_index> source_rule;
  std::vector<money> source_amounts;
  bool amounts_vary = false;   // a derived source depends on more than a base: recomputed per run
};

// Per-thread memory reused from run to run, so that a run allocates (almost) nothing.
struct workspace {
  std::vector<std::int32_t> durations;
  std::vector<date> start, early_finish;
  std::vector<std::optional<date>> finish;
  fact_table facts;
  plan_internal::projector::workspace projection;
  std::vector<std::optional<date>> met_on;
  std::vector<status> final_status;
  std::vector<money> needs, sources;
  ledger_internal::cash_dates cash_dates;
  ledger_internal::cash_work cash;
  std::optional<funding_plan> amounts_plan;  // for amounts_vary
};

// What the runs give, one slot per run (per run and criterion for the criteria).
struct outcomes {
  std::vector<std::optional<date>> goal, criteria;
  std::vector<money> gap;
};

// Prepares the cash projection by index; leaves cash_by_index false when the plan's funding
// refers to something this cannot resolve (the full projection then reports it every run).
void prepare_cash(prepared& pr) {
  const plan& p = *pr.p;
  if (!ledger_internal::require_valid(p.funding)) return;
  auto task_index = [&](const std::string& id) -> std::optional<std::size_t> { return pr.net->index_of(id); };
  for (const funding_need& n : p.funding.needs) {
    auto t = task_index(n.task);
    if (!t) return;
    pr.need_task.push_back(*t);
  }
  pr.source_task.assign(p.funding.sources.size(), 0);
  pr.source_rule.assign(p.funding.sources.size(), rule_index{});
  for (std::size_t i = 0; i < p.funding.sources.size(); ++i) {
    const funding_source& s = p.funding.sources[i];
    if (s.available.kind == availability_kind::after_task) {
      auto t = task_index(s.available.task);
      if (!t) return;
      pr.source_task[i] = *t;
    }
    if (s.condition) {
      auto r = p.criteria.find_rule(s.condition->rule);
      if (!r) return;
      pr.source_rule[i] = *r;
    }
    pr.amounts_vary = pr.amounts_vary || (s.share && s.share->of.rfind("base.", 0) != 0);
  }
  std::vector<error> problems;
  pr.source_amounts = ledger_internal::evaluate_amounts(p.funding, problems).sources;
  pr.cash_by_index = problems.empty();
}

// The in-year gap by project_cash, from a copy of the funding with the run's need amounts
// and a timeline of the run's dates.
result<money> gap_by_project_cash(const prepared& pr, const workspace& ws) {
  const plan& p = *pr.p;
  funding_plan funding = p.funding;
  for (std::size_t i = 0; i < funding.needs.size(); ++i) funding.needs[i].amount = ws.needs[i];
  funding_timeline tl;
  for (std::size_t t = 0; t < p.road.tasks.size(); ++t)
    tl.tasks[p.road.tasks[t].id] = {ws.start[t], ws.early_finish[t], p.road.tasks[t].actual.start, p.road.tasks[t].actual.finish};
  for (const std::string& rule : pr.condition_rules)
    if (auto r = p.criteria.find_rule(rule)) tl.rules[rule] = ws.met_on[r->index];
  NTM_TRY(cash, project_cash(funding, tl));
  return cash.in_year_gap;
}

// The in-year gap: the same allocation as project_cash, on the run's amounts and dates by
// index. Anything project_cash would reject (a task that finishes before it starts, amounts
// that overflow) goes to project_cash, for its error.
result<money> gap(const prepared& pr, workspace& ws) {
  if (!pr.cash_by_index) return gap_by_project_cash(pr, ws);
  const plan& p = *pr.p;
  const std::vector<money>* sources = &pr.source_amounts;
  if (!pr.cost_of.empty()) {
    detail::int128 total = 0;
    for (const money m : ws.needs) total += m.dong();
    if (total > INT64_MAX) return gap_by_project_cash(pr, ws);
    if (pr.amounts_vary) {
      if (!ws.amounts_plan) ws.amounts_plan = p.funding;
      for (std::size_t i = 0; i < ws.needs.size(); ++i) ws.amounts_plan->needs[i].amount = ws.needs[i];
      std::vector<error> problems;
      ws.sources = ledger_internal::evaluate_amounts(*ws.amounts_plan, problems).sources;
      if (!problems.empty()) return gap_by_project_cash(pr, ws);
      sources = &ws.sources;
    }
  }
  for (std::size_t t = 0; t < p.road.tasks.size(); ++t) {
    const task_actuals& a = p.road.tasks[t].actual;
    const funding_timeline::task_dates d{ws.start[t], ws.early_finish[t], a.start, a.finish};
    if (d.finish() < d.start()) return gap_by_project_cash(pr, ws);
  }
  ledger_internal::cash_dates& cd = ws.cash_dates;
  cd.need_task.resize(pr.need_task.size());
  for (std::size_t i = 0; i < pr.need_task.size(); ++i) {
    const std::size_t t = pr.need_task[i];
    cd.need_task[i] = {ws.start[t], ws.early_finish[t], p.road.tasks[t].actual.start, p.road.tasks[t].actual.finish};
  }
  cd.source_task_finish.resize(pr.source_task.size());
  cd.source_rule_met.resize(pr.source_rule.size());
  for (std::size_t i = 0; i < p.funding.sources.size(); ++i) {
    const funding_source& s = p.funding.sources[i];
    if (s.available.kind == availability_kind::after_task) {
      const std::size_t t = pr.source_task[i];
      cd.source_task_finish[i] = p.road.tasks[t].actual.finish.value_or(ws.early_finish[t]);
    }
    if (s.condition) cd.source_rule_met[i] = ws.met_on[pr.source_rule[i].index];
  }
  NTM_CHECK(ledger_internal::allocate_cash(p.funding, ws.needs, *sources, cd, ws.cash, nullptr));
  NTM_TRY(totals, ledger_internal::totals_in_period(p.funding, ws.cash));
  return totals.gap;
}

// Run k: durations drawn and scheduled (the forward pass: only the early dates are used),
// facts grown and projected through the completions, costs drawn and the cash projected.
result<void> one_run(const prepared& pr, std::size_t k, std::uint64_t seed, workspace& ws, outcomes& out) {
  const plan& p = *pr.p;
  const std::size_t n = p.road.tasks.size();
  generator g(seed, k);
  ws.durations.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    ws.durations[t] = p.road.tasks[t].duration;
    if (pr.duration_of[t] && !p.road.tasks[t].is_milestone()) {
      const double d = sample(*pr.duration_of[t], g);
      ws.durations[t] = static_cast<std::int32_t>(std::clamp(std::llround(d), 0LL, static_cast<long long>(max_task_days)));
    }
  }
  schedule_internal::run_options run;
  run.durations = &ws.durations;
  NTM_CHECK(schedule_internal::early_dates(*pr.net, *pr.cal, pr.options, run, ws.start, ws.early_finish));
  ws.finish.resize(n);
  for (std::size_t t = 0; t < n; ++t)
    ws.finish[t] = p.road.tasks[t].actual.finish ? *p.road.tasks[t].actual.finish : ws.early_finish[t];
  ws.facts = p.baseline;
  for (const auto& [slot, dist] : pr.growth_of) {
    auto v = ws.facts.get(slot);
    if (!v) continue;
    NTM_TRY(raw, times(v->raw(), 1.0 + sample(dist, g)));
    value next = *v;
    switch (v->type()) {
      case value_type::integer: next = value::of_integer(raw); break;
      case value_type::money: next = value::of_money(money::from_dong(raw)); break;
      case value_type::number: next = value::of_number(decimal::from_micros(raw)); break;
      default: next = value::of_percent(decimal::from_micros(raw)); break;
    }
    NTM_CHECK(ws.facts.set(slot, next));
  }
  NTM_CHECK(pr.projector->run(ws.facts, projection_end(p, ws.finish), ws.finish, ws.projection, ws.met_on, ws.final_status, nullptr));
  out.goal[k] = ws.met_on[pr.goal.index];
  for (std::size_t c = 0; c < pr.criteria.size(); ++c) out.criteria[k * pr.criteria.size() + c] = ws.met_on[pr.criteria[c].index];
  // Money: the run's costs, against the run's dates.
  ws.needs.resize(p.funding.needs.size());
  for (std::size_t i = 0; i < ws.needs.size(); ++i) ws.needs[i] = p.funding.needs[i].amount;
  for (const auto& [need, dist] : pr.cost_of) {
    NTM_TRY(raw, times(ws.needs[need].dong(), sample(dist, g)));
    ws.needs[need] = money::from_dong(std::max<std::int64_t>(raw, 0));
  }
  NTM_TRY(in_year_gap, gap(pr, ws));
  out.gap[k] = in_year_gap;
  return {};
}

date_percentiles percentiles(const std::string& id, std::vector<std::optional<date>> dates, date target) {
  date_percentiles d;
  d.id = id;
  const std::size_t n = dates.size();
  if (n == 0) return d;
  std::size_t by_target = 0, never = 0;
  for (const auto& x : dates) {
    if (!x) ++never;
    else if (!(target < *x)) ++by_target;
  }
  d.probability_by_target = static_cast<double>(by_target) / static_cast<double>(n);
  d.probability_never = static_cast<double>(never) / static_cast<double>(n);
  // Never met sorts after every date.
  std::sort(dates.begin(), dates.end(), [](const std::optional<date>& a, const std::optional<date>& b) {
    if (!a) return false;
    if (!b) return true;
    return *a < *b;
  });
  auto at = [&](double q) { return dates[std::min(n - 1, static_cast<std::size_t>(std::ceil(q * static_cast<double>(n))) - 1)]; };
  d.p50 = at(0.50);
  d.p80 = at(0.80);
  d.p95 = at(0.95);
  return d;
}

}  // namespace

result<simulation_result> simulate(const plan& p, const simulation_spec& spec, const progress_fn& progress) {
  try {
    if (spec.runs == 0) return fail(errc::invalid_argument, "a simulation needs at least one run");
    if (spec.runs > static_cast<std::size_t>(max_simulation_runs)) return fail(errc::limit_exceeded, "more than 100 000 000 runs");
    prepared pr;
    pr.p = &p;
    NTM_TRY(cal, calendar::build(effective_calendar(p.road)));
    pr.cal.emplace(std::move(cal));
    NTM_TRY(net, task_network::build(p.road.tasks));
    pr.net.emplace(std::move(net));
    pr.options.project_start = p.road.project_start;
    pr.options.deadline = p.road.deadline ? p.road.deadline : std::optional<date>(p.target);
    pr.options.max_critical_paths = 1;
    NTM_TRY(goal, p.criteria.find_rule(p.goal));
    pr.goal = goal;
    pr.criteria = p.criteria.rule(goal).children;
    pr.duration_of.resize(p.road.tasks.size());
    for (std::size_t t = 0; t < p.road.tasks.size(); ++t) {
      const task& tk = p.road.tasks[t];
      if (spec.task_estimates && tk.estimate)
        pr.duration_of[t] = distribution{distribution::kind::pert, static_cast<double>(tk.estimate->optimistic),
                                         static_cast<double>(tk.estimate->most_likely), static_cast<double>(tk.estimate->pessimistic)};
    }
    // (Plain references, not structured bindings: C++17 lambdas cannot capture those.)
    for (const auto& entry : spec.durations) {
      const std::string& id = entry.first;
      const distribution& dist = entry.second;
      NTM_CHECK(check_distribution(dist, "duration of " + id));
      auto it = std::find_if(p.road.tasks.begin(), p.road.tasks.end(), [&](const task& t) { return t.id == id; });
      if (it == p.road.tasks.end()) return fail(errc::unknown_reference, "the roadmap has no task \"" + id + "\"");
      if (it->is_milestone())
        return fail(errc::invalid_argument, "task \"" + id + "\" is a milestone: it has no duration to vary (vary the tasks before it)");
      pr.duration_of[static_cast<std::size_t>(it - p.road.tasks.begin())] = dist;
    }
    for (const auto& entry : spec.costs) {
      const std::string& id = entry.first;
      const distribution& dist = entry.second;
      NTM_CHECK(check_distribution(dist, "cost of " + id));
      auto it = std::find_if(p.funding.needs.begin(), p.funding.needs.end(), [&](const funding_need& n) { return n.id == id; });
      if (it == p.funding.needs.end()) return fail(errc::unknown_reference, "the funding has no need \"" + id + "\"");
      pr.cost_of.emplace_back(static_cast<std::size_t>(it - p.funding.needs.begin()), dist);
    }
    for (const auto& [id, dist] : spec.growth) {
      NTM_CHECK(check_distribution(dist, "growth of " + id));
      NTM_TRY(slot, p.criteria.find_fact(id));
      const value_type type = p.criteria.fact(slot).type;
      if (type != value_type::integer && type != value_type::number && type != value_type::money && type != value_type::percent)
        return fail(errc::fact_type, "fact " + id + " is " + to_string(type) + "; only numbers, amounts and percentages grow");
      pr.growth_of.emplace_back(slot, dist);
    }
    for (const funding_source& s : p.funding.sources)
      if (s.condition) pr.condition_rules.push_back(s.condition->rule);
    pr.projector.emplace(p.criteria, p.road.tasks, p.baseline_date, p.unit.region);
    prepare_cash(pr);

    const std::size_t runs = spec.runs;
    const std::size_t per_run = pr.criteria.size();
    outcomes results;
    results.goal.resize(runs);
    results.criteria.resize(runs * per_run);
    results.gap.resize(runs);
    unsigned threads = spec.threads ? spec.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, runs));
    std::atomic<std::size_t> done{0};
    std::atomic<std::size_t> failed_run{runs};
    std::vector<std::optional<error>> errors(threads);
    auto work = [&](unsigned w) {
      // Interleaved blocks keep the threads busy to the end; the outcome of run k depends on k only.
      constexpr std::size_t block = 64;
      workspace ws;
      for (std::size_t start = static_cast<std::size_t>(w) * block; start < runs; start += static_cast<std::size_t>(threads) * block) {
        for (std::size_t k = start; k < std::min(runs, start + block); ++k) {
          if (failed_run.load(std::memory_order_relaxed) < k) return;
          auto r = one_run(pr, k, spec.seed, ws, results);
          if (!r) {
            std::size_t expected = failed_run.load();
            while (k < expected && !failed_run.compare_exchange_weak(expected, k)) {
            }
            errors[w] = std::move(r).error().add_context("in run " + std::to_string(k) + " of the simulation (seed " + std::to_string(spec.seed) + ")");
            return;
          }
        }
        const std::size_t now = done.fetch_add(std::min(block, runs - start)) + std::min(block, runs - start);
        if (progress) progress(now, runs);
      }
    };
    if (threads == 1) {
      work(0);
    } else {
      std::vector<std::thread> pool;
      for (unsigned w = 0; w < threads; ++w) pool.emplace_back(work, w);
      for (auto& t : pool) t.join();
    }
    if (failed_run.load() < runs)
      for (auto& e : errors)
        if (e) return fail(std::move(*e));

    simulation_result out;
    out.runs = runs;
    out.seed = spec.seed;
    out.target = p.target;
    out.goal = percentiles(p.goal, std::move(results.goal), p.target);
    std::vector<std::optional<date>> dates(runs);
    for (std::size_t c = 0; c < per_run; ++c) {
      for (std::size_t k = 0; k < runs; ++k) dates[k] = results.criteria[k * per_run + c];
      out.criteria.push_back(percentiles(p.criteria.rule(pr.criteria[c]).id, dates, p.target));
    }
    std::vector<std::int64_t> gaps(runs);
    detail::int128 sum = 0;
    for (std::size_t k = 0; k < runs; ++k) {
      gaps[k] = results.gap[k].dong();
      sum += gaps[k];
    }
    std::sort(gaps.begin(), gaps.end());
    auto q = [&](double f) { return money::from_dong(gaps[std::min(runs - 1, static_cast<std::size_t>(std::ceil(f * static_cast<double>(runs))) - 1)]); };
    out.gap_p50 = q(0.50);
    out.gap_p80 = q(0.80);
    out.gap_p95 = q(0.95);
    out.gap_min = money::from_dong(gaps.front());
    out.gap_max = money::from_dong(gaps.back());
    std::int64_t mean = 0;
    div_round(sum, static_cast<detail::int128>(runs), rounding::half_up, mean);
    out.gap_mean = money::from_dong(mean);
    // Ten buckets of equal width from the smallest to the largest gap.
    const std::int64_t lo = gaps.front(), hi = gaps.back();
    const std::int64_t width = std::max<std::int64_t>(1, (hi - lo) / 10 + 1);
    for (std::int64_t b = 0; b < 10 && lo + b * width <= hi; ++b) out.gap_histogram.emplace_back(money::from_dong(lo + b * width), 0);
    for (std::int64_t g : gaps) ++out.gap_histogram[static_cast<std::size_t>(std::min<std::int64_t>((g - lo) / width, static_cast<std::int64_t>(out.gap_histogram.size()) - 1))].second;
    return out;
  } catch (const std::bad_alloc&) {
    return fail(errc::limit_exceeded, "out of memory in the simulation");
  } catch (const std::exception& e) {
    return fail(errc::internal, std::string("internal error in the simulation: ") + e.what());
  }
}

std::string to_json(const simulation_result& r) {
  using ojson = nlohmann::ordered_json;
  auto d = [](const std::optional<date>& x) { return x ? ojson(format_date(*x)) : ojson(); };
  auto pct = [&](const date_percentiles& p) {
    return ojson{{"id", p.id}, {"probability_by_target", p.probability_by_target}, {"probability_never", p.probability_never},
                 {"p50", d(p.p50)}, {"p80", d(p.p80)}, {"p95", d(p.p95)}};
  };
  ojson j;
  j["format"] = "ntm.simulation/1";
  j["runs"] = r.runs;
  j["seed"] = r.seed;
  j["target"] = format_date(r.target);
  j["goal"] = pct(r.goal);
  ojson crits = ojson::array();
  for (const auto& c : r.criteria) crits.push_back(pct(c));
  j["criteria"] = std::move(crits);
  ojson hist = ojson::array();
  for (const auto& [from, count] : r.gap_histogram) hist.push_back(ojson{{"from", from.dong()}, {"runs", count}});
  j["in_year_gap"] = ojson{{"p50", r.gap_p50.dong()}, {"p80", r.gap_p80.dong()}, {"p95", r.gap_p95.dong()}, {"mean", r.gap_mean.dong()},
                           {"min", r.gap_min.dong()}, {"max", r.gap_max.dong()}, {"histogram", std::move(hist)}};
  return j.dump(2) + "\n";
}

namespace {
// A share of the runs as a decimal with a point: k/n rounded half up to six places, or to as
// many as n has digits when it has more, so that two counts never print alike; trailing zeros
// dropped ("0.932", "1", "0"). Computed from the count, not printed from the double, so the
// text is the same on every platform and in every locale.
std::string share_text(double share, std::size_t runs) {
  if (runs == 0 || !(share > 0)) return "0";
  const auto n = static_cast<std::int64_t>(runs);
  const std::int64_t k = std::min<std::int64_t>(n, std::llround(share * static_cast<double>(runs)));
  int places = 6;
  std::int64_t scale = 1'000'000;
  while (scale < n) {
    scale *= 10;
    ++places;
  }
  std::int64_t scaled = 0;
  div_round(static_cast<detail::int128>(k) * scale, static_cast<detail::int128>(n), rounding::half_up, scaled);
  return core_internal::format_scaled(scaled, places, -1, '.', 0);
}
}  // namespace

std::string to_csv(const simulation_result& r) {
  using io_internal::csv_row;
  std::string out = "measure,id,statistic,value\n";
  out += csv_row({"run", "", "runs", std::to_string(r.runs)});
  out += csv_row({"run", "", "seed", std::to_string(r.seed)});
  out += csv_row({"run", "", "target", format_date(r.target)});
  auto rule = [&](const date_percentiles& p) {
    out += csv_row({"probability", p.id, "by_target", share_text(p.probability_by_target, r.runs)});
    out += csv_row({"probability", p.id, "never", share_text(p.probability_never, r.runs)});
    for (const auto& [name, d] : {std::pair{"p50", &p.p50}, std::pair{"p80", &p.p80}, std::pair{"p95", &p.p95}})
      out += csv_row({"date", p.id, name, *d ? format_date(**d) : std::string()});
  };
  rule(r.goal);
  for (const date_percentiles& c : r.criteria) rule(c);
  for (const auto& [name, m] : {std::pair{"p50", r.gap_p50}, std::pair{"p80", r.gap_p80}, std::pair{"p95", r.gap_p95},
                                std::pair{"mean", r.gap_mean}, std::pair{"min", r.gap_min}, std::pair{"max", r.gap_max}})
    out += csv_row({"money", "in_year_gap", name, std::to_string(m.dong())});
  for (const auto& [from, runs] : r.gap_histogram) out += csv_row({"histogram", "in_year_gap", std::to_string(from.dong()), std::to_string(runs)});
  return out;
}

// --- the spec file ---------------------------------------------------------------------------

namespace {
std::optional<distribution> read_distribution(io_internal::json_reader& r, const io_internal::json& v, const std::string& ptr) {
  if (!r.expect_object(v, ptr, "a distribution")) return std::nullopt;
  distribution d;
  const std::string shape = r.get_string(v, ptr, "shape", true).value_or("fixed");
  auto num = [&](const char* key) {
    const io_internal::json* x = r.field(v, ptr, key, true);
    if (!x) return 0.0;
    if (!x->is_number()) {
      r.report(errc::json_type, std::string("\"") + key + "\" must be a number", ptr + "/" + key);
      return 0.0;
    }
    return x->get<double>();
  };
  // Each shape takes its own parameters, and no other: a "min" on a normal distribution is a
  // mistake to show, not to ignore.
  if (shape == "fixed") {
    r.check_fields(v, ptr, {"shape", "value"});
    d.shape = distribution::kind::fixed;
    d.low = num("value");
  } else if (shape == "uniform") {
    r.check_fields(v, ptr, {"shape", "min", "max"});
    d.shape = distribution::kind::uniform;
    d.low = num("min");
    d.high = num("max");
  } else if (shape == "triangular" || shape == "pert") {
    r.check_fields(v, ptr, {"shape", "min", "mode", "max"});
    d.shape = shape == "pert" ? distribution::kind::pert : distribution::kind::triangular;
    d.low = num("min");
    d.mode = num("mode");
    d.high = num("max");
  } else if (shape == "normal") {
    r.check_fields(v, ptr, {"shape", "mean", "sd"});
    d.shape = distribution::kind::normal;
    d.low = num("mean");
    d.mode = num("sd");
  } else {
    r.report(errc::invalid_value, "\"shape\" is fixed, uniform, triangular, pert or normal", ptr + "/shape");
    return std::nullopt;
  }
  if (auto ok = check_distribution(d, ptr); !ok) {
    r.report(ok.error().code, ok.error().message, ptr);
    return std::nullopt;
  }
  return d;
}
}  // namespace

result<simulation_spec> parse_simulation_spec(std::string_view text, const std::string& file) {
  try {
    NTM_TRY(doc, io_internal::json_document::parse(std::string(text), file));
    io_internal::json_reader r(doc);
    simulation_spec spec;
    const io_internal::json& root = doc.root();
    if (r.expect_object(root, "", "a simulation spec")) {
      r.check_fields(root, "", {"format", "seed", "runs", "threads", "task_estimates", "durations", "costs", "growth"});
      if (auto f = r.get_string(root, "", "format", false); f && *f != simulation_spec_format)
        r.report(errc::format_version, "unsupported format \"" + *f + "\"; this version of ntm reads \"" + simulation_spec_format + "\"", "/format");
      auto in_range = [&](const char* key, std::int64_t lo, std::int64_t hi) -> std::optional<std::int64_t> {
        auto n = r.get_integer(root, "", key, false);
        if (n && (*n < lo || *n > hi)) {
          r.report(errc::invalid_value, std::string("\"") + key + "\" must be " + std::to_string(lo) + " to " + std::to_string(hi), std::string("/") + key);
          return std::nullopt;
        }
        return n;
      };
      if (auto s = in_range("seed", 0, INT64_MAX)) spec.seed = static_cast<std::uint64_t>(*s);
      if (auto n = in_range("runs", 1, max_simulation_runs)) spec.runs = static_cast<std::size_t>(*n);
      if (auto t = in_range("threads", 0, 1024)) spec.threads = static_cast<unsigned>(*t);
      spec.task_estimates = r.get_bool(root, "", "task_estimates", false).value_or(true);
      for (const char* key : {"durations", "costs", "growth"}) {
        const io_internal::json* m = r.field(root, "", key, false);
        if (!m || !r.expect_object(*m, std::string("/") + key, key)) continue;
        auto& target = std::string(key) == "durations" ? spec.durations : std::string(key) == "costs" ? spec.costs : spec.growth;
        for (auto it = m->begin(); it != m->end(); ++it)
          if (auto d = read_distribution(r, it.value(), std::string("/") + key + "/" + io_internal::pointer_token(it.key()))) target[it.key()] = *d;
      }
    }
    NTM_CHECK(r.finish("while loading simulation spec " + (file.empty() ? std::string("(in memory)") : file)));
    return spec;
  } catch (const std::exception& e) {
    return fail(errc::internal, std::string("internal error while loading a simulation spec: ") + e.what());
  }
}

result<simulation_spec> load_simulation_spec(const std::string& path) {
  NTM_TRY(text, io_internal::read_file(path));
  return parse_simulation_spec(text, path);
}

NTM_END_NAMESPACE
