// SPDX-License-Identifier: MIT
// CPM at scale: random task DAGs of 10,000 / 100,000 / 1,000,000 tasks (about 3 dependencies
// each, the four link types with lags) scheduled by ntm — the compiled network scheduled, and
// the task list built into a network and scheduled — against a plain topological
// longest-path loop over arrays (Kahn's order, forward and backward passes, total float).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <optional>
#include <stdexcept>

#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/schedule.hpp>

#include "support.hpp"
#include "workloads.hpp"

namespace {

// --- the baseline -------------------------------------------------------------------------------

struct cpm_marks {
  std::vector<std::int32_t> es, ef, ls, lf, tf;
};

// Early and late marks (working days from the start) and total float, from the predecessor
// arrays: successor lists by a counting sort, Kahn's topological order, a forward pass pulling
// from predecessors, a backward pass pulling from successors.
void baseline_cpm(const bench::task_dag& d, cpm_marks& r) {
  const std::size_t n = d.duration.size(), m = d.pred.size();
  std::vector<std::uint32_t> sfirst(n + 1, 0), succ(m), sedge(m);
  for (std::uint32_t p : d.pred) ++sfirst[p + 1];
  for (std::size_t i = 0; i < n; ++i) sfirst[i + 1] += sfirst[i];
  {
    std::vector<std::uint32_t> next(sfirst.begin(), sfirst.end() - 1);
    for (std::uint32_t v = 0; v < n; ++v)
      for (std::uint32_t e = d.first[v]; e < d.first[v + 1]; ++e) {
        const std::uint32_t at = next[d.pred[e]]++;
        succ[at] = v;
        sedge[at] = e;
      }
  }
  std::vector<std::uint32_t> indegree(n), order;
  order.reserve(n);
  for (std::uint32_t v = 0; v < n; ++v)
    if ((indegree[v] = d.first[v + 1] - d.first[v]) == 0) order.push_back(v);
  for (std::size_t i = 0; i < order.size(); ++i)
    for (std::uint32_t k = sfirst[order[i]]; k < sfirst[order[i] + 1]; ++k)
      if (--indegree[succ[k]] == 0) order.push_back(succ[k]);
  if (order.size() != n) throw std::runtime_error("the baseline found a cycle");

  r.es.assign(n, 0);
  r.ef.assign(n, 0);
  r.ls.assign(n, 0);
  r.lf.assign(n, 0);
  r.tf.assign(n, 0);
  std::int32_t finish = 0;
  for (const std::uint32_t v : order) {
    std::int32_t es = 0;
    for (std::uint32_t e = d.first[v]; e < d.first[v + 1]; ++e) {
      const std::uint32_t p = d.pred[e];
      std::int32_t b = 0;
      switch (static_cast<ntm::link_type>(d.type[e])) {
        case ntm::link_type::finish_to_start: b = r.ef[p] + d.lag[e]; break;
        case ntm::link_type::start_to_start: b = r.es[p] + d.lag[e]; break;
        case ntm::link_type::finish_to_finish: b = r.ef[p] + d.lag[e] - d.duration[v]; break;
        case ntm::link_type::start_to_finish: b = r.es[p] + d.lag[e] - d.duration[v]; break;
      }
      es = std::max(es, b);
    }
    r.es[v] = es;
    r.ef[v] = es + d.duration[v];
    finish = std::max(finish, r.ef[v]);
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const std::uint32_t u = *it;
    std::int32_t lfb = finish, lsb = INT_MAX;
    for (std::uint32_t k = sfirst[u]; k < sfirst[u + 1]; ++k) {
      const std::uint32_t v = succ[k], e = sedge[k];
      switch (static_cast<ntm::link_type>(d.type[e])) {
        case ntm::link_type::finish_to_start: lfb = std::min(lfb, r.ls[v] - d.lag[e]); break;
        case ntm::link_type::start_to_start: lsb = std::min(lsb, r.ls[v] - d.lag[e]); break;
        case ntm::link_type::finish_to_finish: lfb = std::min(lfb, r.lf[v] - d.lag[e]); break;
        case ntm::link_type::start_to_finish: lsb = std::min(lsb, r.lf[v] - d.lag[e]); break;
      }
    }
    r.ls[u] = std::min(lsb, lfb - d.duration[u]);
    r.lf[u] = r.ls[u] + d.duration[u];
    r.tf[u] = r.ls[u] - r.es[u];
  }
}

// --- the workload -------------------------------------------------------------------------------

// One size at a time is kept (a million tasks take about half a gigabyte).
struct workload {
  std::size_t n = 0;
  bench::task_dag dag;
  std::optional<ntm::task_network> net;  // built on first use
};

workload& shared_workload(std::size_t n) {
  static std::unique_ptr<workload> w;
  if (!w || w->n != n) {
    w.reset();
    w = std::make_unique<workload>();
    w->n = n;
    w->dag = bench::make_task_dag(n);
  }
  return *w;
}

const ntm::calendar& shared_calendar() {  // Monday–Friday, no holidays, 300 years
  static const ntm::calendar cal = [] {
    ntm::calendar_spec spec;
    spec.first = *ntm::make_date(2000, 1, 1);
    spec.last = *ntm::make_date(2299, 12, 31);
    return *ntm::calendar::build(spec);
  }();
  return cal;
}

ntm::schedule_options options() {
  ntm::schedule_options o;
  o.project_start = *ntm::make_date(2000, 1, 3);
  o.max_critical_paths = 4;
  return o;
}

// Checks once per size that ntm and the baseline agree on every mark of every task.
void verify(workload& w, const ntm::schedule_result& s) {
  static std::size_t verified = 0;
  if (verified == w.n) return;
  cpm_marks b;
  baseline_cpm(w.dag, b);
  for (std::size_t i = 0; i < w.n; ++i) {
    const ntm::schedule_marks& m = s.tasks[s.row_of[i]].marks;
    if (m.early_start != b.es[i] || m.early_finish != b.ef[i] || m.late_start != b.ls[i] || m.late_finish != b.lf[i] ||
        s.tasks[s.row_of[i]].total_float != b.tf[i])
      throw std::runtime_error("ntm and the baseline disagree on task " + w.dag.tasks[i].id);
  }
  verified = w.n;
}

void counters(benchmark::State& state, const workload& w) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.n));
  state.counters["tasks"] = static_cast<double>(w.n);
  state.counters["edges"] = static_cast<double>(w.dag.edges());
}

void BM_cpm_baseline(benchmark::State& state) {
  workload& w = shared_workload(static_cast<std::size_t>(state.range(0)));
  cpm_marks r;
  for (auto _ : state) {
    baseline_cpm(w.dag, r);
    benchmark::DoNotOptimize(r.tf.data());
    benchmark::ClobberMemory();
  }
  counters(state, w);
}

// The network compiled once (as a plan's roadmap is), scheduled: both passes, floats,
// critical paths, deadline chain, the table sorted by date and id, dates from the calendar.
void BM_ntm_schedule(benchmark::State& state) {
  workload& w = shared_workload(static_cast<std::size_t>(state.range(0)));
  if (!w.net) {
    auto net = ntm::task_network::build(w.dag.tasks);
    if (!net) throw std::runtime_error(ntm::format(net.error()));
    w.net.emplace(std::move(*net));
  }
  const ntm::calendar& cal = shared_calendar();
  for (auto _ : state) {
    auto s = w.net->schedule(cal, options());
    if (!s) {
      state.SkipWithError(ntm::format(s.error()).c_str());
      break;
    }
    verify(w, *s);
    benchmark::DoNotOptimize(s->duration);
  }
  counters(state, w);
}

// From the task list: ids resolved, every check, the CSR graph, cycle check and topological
// order, then the schedule (copying the list in and freeing it after are not timed).
// peak_MiB: the process's peak growth over one iteration — the task list given to ntm, the
// network and the result.
void BM_ntm_build_and_schedule(benchmark::State& state) {
  workload& w = shared_workload(static_cast<std::size_t>(state.range(0)));
  w.net.reset();
  const ntm::calendar& cal = shared_calendar();
  double peak = 0;
  std::optional<ntm::result<ntm::task_network>> net;  // freed outside the timed part
  std::optional<ntm::result<ntm::schedule_result>> s;
  for (auto _ : state) {
    state.PauseTiming();
    s.reset();
    net.reset();
    bench::reset_peak_rss();
    const double before = bench::peak_mib();
    std::vector<ntm::task> tasks = w.dag.tasks;
    state.ResumeTiming();
    net.emplace(ntm::task_network::build(std::move(tasks)));
    if (!*net) {
      state.SkipWithError(ntm::format(net->error()).c_str());
      break;
    }
    s.emplace((*net)->schedule(cal, options()));
    if (!*s) {
      state.SkipWithError(ntm::format(s->error()).c_str());
      break;
    }
    benchmark::DoNotOptimize((*s)->duration);
    state.PauseTiming();
    peak = std::max(peak, bench::peak_mib() - before);
    state.ResumeTiming();
  }
  counters(state, w);
  state.counters["peak_MiB"] = peak;
}

}  // namespace

int main(int argc, char** argv) {
  // Sizes one after the other, each with its baseline, so that one DAG is kept at a time.
  for (long n : {bench::size(10'000, 300), bench::size(100'000, 3'000), bench::size(1'000'000, 30'000)}) {
    benchmark::RegisterBenchmark("BM_cpm_baseline", BM_cpm_baseline)->Arg(n)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_ntm_schedule", BM_ntm_schedule)->Arg(n)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_ntm_build_and_schedule", BM_ntm_build_and_schedule)->Arg(n)->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
