// SPDX-License-Identifier: MIT
// Monte Carlo over the Thạch Lỗi plan: 100,000 runs, each re-scheduling the roadmap with
// durations drawn from the tasks' three-point estimates (PERT), projecting the criteria through
// the completions with the income growth drawn, and projecting the cash with the axis road's
// cost drawn — on both cores, and on one for the scaling.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include <ntm/scenario/monte_carlo.hpp>

#include "support.hpp"

namespace {

const ntm::plan& shared_plan() {
  static const ntm::plan p = [] {
    const ntm::plan_load_options options;  // named: g++ 12 -O3 warns about the defaulted temporary
    auto x = ntm::load_plan(std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/plan.json", options);
    if (!x) throw std::runtime_error(ntm::format(x.error()));
    return std::move(*x);
  }();
  return p;
}

ntm::simulation_spec spec(unsigned threads) {
  ntm::simulation_spec s;
  s.runs = static_cast<std::size_t>(bench::size(100'000, 200));
  s.seed = 20231231;
  s.threads = threads;
  s.growth["income_per_capita"] = {ntm::distribution::kind::normal, 0.0, 0.03, 0};
  s.costs["axis_road"] = {ntm::distribution::kind::triangular, 0.9, 1.0, 1.4};
  return s;
}

void BM_monte_carlo(benchmark::State& state) {
  const ntm::plan& p = shared_plan();
  const ntm::simulation_spec s = spec(static_cast<unsigned>(state.range(0)));
  double by_target = 0;
  for (auto _ : state) {
    auto r = ntm::simulate(p, s);
    if (!r) {
      state.SkipWithError(ntm::format(r.error()).c_str());
      break;
    }
    by_target = r->goal.probability_by_target;  // (a double through DoNotOptimize read 0 here with g++ 12 -O3)
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.runs));
  state.counters["runs"] = static_cast<double>(s.runs);
  state.counters["runs_per_s"] = benchmark::Counter(static_cast<double>(s.runs), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["goal_by_target"] = by_target;
  state.counters["peak_MiB"] = bench::peak_mib();
}
BENCHMARK(BM_monte_carlo)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
