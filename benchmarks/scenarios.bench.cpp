// SPDX-License-Identifier: MIT
// Scenarios over a province's communes: 10,000 communes (in 63 provinces and 700 districts)
// under 100 generated scenario overlays, through `assess_scenarios`: for each scenario, its
// fact changes applied to the table of units and every unit assessed against the 19-criteria
// set, with roll-ups by district and province — on both cores, against the same assessments
// run serially (threads = 1).
#include <benchmark/benchmark.h>

#include <random>
#include <stdexcept>

#include <ntm/scenario/batch.hpp>

#include "support.hpp"
#include "workloads.hpp"

namespace {

struct workload {
  ntm::program prog;
  ntm::unit_table units;
  std::vector<ntm::scenario> scenarios;
  ntm::date at = *ntm::parse_date("2023-12-31");
};

// 1–4 fact changes each: money facts grow (3–10 % a year for 1–3 years) or scale (90–120 %),
// counts go up by 1–3, yes/no facts become true, percentages are set to 60–100 %.
std::vector<ntm::scenario> make_scenarios(std::size_t count, std::uint64_t seed = 7) {
  std::mt19937_64 rng(seed);
  std::vector<ntm::scenario> out(count);
  for (std::size_t s = 0; s < count; ++s) {
    ntm::scenario& sc = out[s];
    sc.id = "s" + std::to_string(s);
    for (int c = 0, changes = static_cast<int>(1 + rng() % 4); c < changes; ++c) {
      const int k = static_cast<int>(rng() % bench::fact_count);
      ntm::fact_change ch;
      ch.fact = "f" + std::to_string(k);
      switch (bench::fact_kind[k]) {
        case 0:
          if (rng() % 2) {
            ch.op = ntm::fact_change_op::growth;
            ch.rate = ntm::fraction{static_cast<std::int64_t>(3 + rng() % 8), 100};
            ch.years = static_cast<int>(1 + rng() % 3);
          } else {
            ch.op = ntm::fact_change_op::scale;
            ch.rate = ntm::fraction{static_cast<std::int64_t>(90 + rng() % 31), 100};
          }
          break;
        case 1:
          ch.op = ntm::fact_change_op::add;
          ch.value = std::to_string(1 + rng() % 3);
          break;
        case 2:
          ch.op = ntm::fact_change_op::set;
          ch.value = "true";
          break;
        default:
          ch.op = ntm::fact_change_op::set;
          ch.value = "\"" + std::to_string(60 + rng() % 41) + "%\"";
          break;
      }
      sc.facts.push_back(std::move(ch));
    }
  }
  return out;
}

const workload& shared_workload() {
  static const workload w = [] {
    workload x;
    x.prog = bench::workload_program();
    const auto n = static_cast<std::size_t>(bench::size(10'000, 200));
    x.units.facts = bench::to_columns(x.prog, bench::make_communes(n));
    for (std::size_t u = 0; u < n; ++u) {
      x.units.ids.push_back("X" + std::to_string(100000 + u));
      x.units.names.push_back("Xã " + std::to_string(u + 1));
      x.units.districts.push_back("Huyện " + std::to_string(u * 700 / n + 1));
      x.units.provinces.push_back("Tỉnh " + std::to_string(u * 63 / n + 1));
    }
    x.scenarios = make_scenarios(static_cast<std::size_t>(bench::size(100, 4)));
    return x;
  }();
  return w;
}

// Every scenario over every unit (assess_scenarios: the scenarios spread over `threads`
// threads); returns the units meeting the standard, summed over the scenarios.
std::size_t run_all(const workload& w, unsigned threads, bool unit_outcomes = true) {
  ntm::rollup_options opt;
  opt.at = w.at;
  opt.threads = threads;
  opt.unit_outcomes = unit_outcomes;
  std::size_t met = 0;
  auto done = ntm::assess_scenarios(w.prog, w.units, w.scenarios, opt, [&](std::size_t, ntm::batch_report&& report) -> ntm::result<void> {
    met += report.all.goal_met;
    return {};
  });
  if (!done) throw std::runtime_error(ntm::format(done.error()));
  return met;
}

void scenarios(benchmark::State& state, bool unit_outcomes) {
  const workload& w = shared_workload();
  const auto threads = static_cast<unsigned>(state.range(0));
  static const std::size_t serial_met = run_all(w, 1);  // the results must not depend on threads or rows
  std::size_t met = 0;
  for (auto _ : state) {
    met = run_all(w, threads, unit_outcomes);
    benchmark::DoNotOptimize(met);
  }
  if (met != serial_met) state.SkipWithError("results differ from the serial run");
  const double assessments = static_cast<double>(w.units.size() * w.scenarios.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.units.size() * w.scenarios.size()));
  state.counters["assessments_per_s"] = benchmark::Counter(assessments, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["units"] = static_cast<double>(w.units.size());
  state.counters["scenarios"] = static_cast<double>(w.scenarios.size());
  state.counters["peak_MiB"] = bench::peak_mib();
}

// Each unit's row (ids, names, the criteria and items it misses) and the roll-ups.
void BM_scenarios(benchmark::State& state) { scenarios(state, true); }
// Only the roll-ups by district and province (rollup_options::unit_outcomes = false): what a
// province compares across many scenarios.
void BM_scenarios_rollups(benchmark::State& state) { scenarios(state, false); }
// threads = 1: the baseline (the same assessments, serially); 2: both cores.
BENCHMARK(BM_scenarios)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scenarios_rollups)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
