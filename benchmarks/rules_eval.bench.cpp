// SPDX-License-Identifier: MIT
// Rules engine speed: a province's communes assessed against a 19-criteria set, in a batch
// (columnar) and one at a time, against a hand-written C++ function doing the same comparisons
// on a plain struct; incremental re-assessment against full; loading and compiling the shipped
// criteria set.
#include <benchmark/benchmark.h>

#include <cstring>
#include <stdexcept>
#include <vector>

#include <ntm/io/json.hpp>
#include <ntm/rules/program.hpp>

#include "support.hpp"
#include "workloads.hpp"

NTM_BENCH_COUNT_ALLOCATIONS

namespace {

struct workload {
  ntm::program prog;
  std::vector<bench::commune> communes;       // the baseline's plain structs
  std::vector<ntm::fact_table> tables;         // one unit at a time
  ntm::fact_columns columns;                   // the batch
  std::vector<ntm::fact_slot> slot_of;         // fact k → slot
  ntm::date at = *ntm::parse_date("2023-12-31");
};

// Seeded commune data (workloads.hpp), as plain structs, fact tables and columns.
workload make_workload(std::size_t n) {
  workload w;
  w.prog = bench::workload_program();
  w.slot_of = bench::fact_slots(w.prog);
  w.communes = bench::make_communes(n);
  w.columns = bench::to_columns(w.prog, w.communes);
  w.tables.reserve(n);
  for (const bench::commune& c : w.communes) {
    ntm::fact_table t = w.prog.make_facts();
    for (int k = 0; k < bench::fact_count; ++k)
      if (c.known[k]) (void)t.set(w.slot_of[static_cast<std::size_t>(k)], bench::fact_value(k, c.v[k]));
    w.tables.push_back(std::move(t));
  }
  return w;
}

const workload& shared_workload() {
  static const workload w = make_workload(static_cast<std::size_t>(bench::size(10'000, 64)));
  return w;
}

// Checks once that ntm and the baseline agree on every status of every commune.
void verify(const workload& w) {
  static bool done = false;
  if (done) return;
  ntm::batch_options opt;
  opt.at = w.at;
  ntm::batch_result out;
  if (!w.prog.evaluate_batch(w.columns, opt, out)) throw std::runtime_error("batch failed");
  std::vector<ntm::rule_index> rules;
  for (const char* id : bench::status_ids) rules.push_back(*w.prog.find_rule(id));
  std::uint8_t s[bench::status_count];
  for (std::size_t u = 0; u < w.communes.size(); ++u) {
    bench::assess(w.communes[u], s);
    for (int k = 0; k < bench::status_count; ++k)
      if (static_cast<std::uint8_t>(out.at(u, rules[static_cast<std::size_t>(k)])) != s[k])
        throw std::runtime_error(std::string("ntm and the baseline disagree on ") + bench::status_ids[k]);
  }
  done = true;
}

void BM_baseline_hand_written(benchmark::State& state) {
  const workload& w = shared_workload();
  verify(w);
  std::vector<std::uint8_t> out(w.communes.size() * bench::status_count);
  for (auto _ : state) {
    for (std::size_t u = 0; u < w.communes.size(); ++u) bench::assess(w.communes[u], out.data() + u * bench::status_count);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.communes.size()));
  state.counters["communes"] = static_cast<double>(w.communes.size());
}
BENCHMARK(BM_baseline_hand_written)->Unit(benchmark::kMillisecond);

void BM_ntm_batch(benchmark::State& state) {
  const workload& w = shared_workload();
  ntm::batch_options opt;
  opt.at = w.at;
  opt.block = static_cast<std::size_t>(state.range(0));
  ntm::batch_result out;
  (void)w.prog.evaluate_batch(w.columns, opt, out);  // sizes the result
  long allocs = 0;
  for (auto _ : state) {
    bench::allocations = 0;
    bench::counting = true;
    auto r = w.prog.evaluate_batch(w.columns, opt, out);
    bench::counting = false;
    allocs = bench::allocations;
    if (!r) state.SkipWithError("batch failed");
    benchmark::DoNotOptimize(out.at(0, w.prog.standard()));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.communes.size()));
  state.counters["allocs_per_commune"] = static_cast<double>(allocs) / static_cast<double>(w.communes.size());
  state.counters["allocs_per_batch"] = static_cast<double>(allocs);
  state.counters["peak_MiB"] = bench::peak_rss_mib();
}
BENCHMARK(BM_ntm_batch)->Arg(256)->Arg(1024)->Unit(benchmark::kMillisecond);

void BM_ntm_single(benchmark::State& state) {
  const workload& w = shared_workload();
  ntm::evaluation_state st;
  (void)w.prog.evaluate(st, w.tables[0], w.at);
  long allocs = 0;
  for (auto _ : state) {
    bench::allocations = 0;
    bench::counting = true;
    for (const ntm::fact_table& t : w.tables) {
      if (!w.prog.evaluate(st, t, w.at)) state.SkipWithError("evaluate failed");
      benchmark::DoNotOptimize(st.status_of(w.prog.standard()));
    }
    bench::counting = false;
    allocs = bench::allocations;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.tables.size()));
  state.counters["allocs_per_commune"] = static_cast<double>(allocs) / static_cast<double>(w.tables.size());
}
BENCHMARK(BM_ntm_single)->Unit(benchmark::kMillisecond);

// One commune, one fact changed: a full re-assessment against an incremental one.
void BM_ntm_full_after_change(benchmark::State& state) {
  const workload& w = shared_workload();
  ntm::fact_table t = w.tables[0];
  ntm::evaluation_state st;
  (void)w.prog.evaluate(st, t, w.at);
  const ntm::fact_slot slot = w.slot_of[1];
  std::int64_t k = 0;
  for (auto _ : state) {
    (void)t.set(slot, ntm::value::of_money(ntm::money::from_dong((k++ % 90) * 1'000'000)));
    (void)w.prog.evaluate(st, t, w.at);
    benchmark::DoNotOptimize(st.status_of(w.prog.standard()));
  }
}
BENCHMARK(BM_ntm_full_after_change);

void BM_ntm_incremental_after_change(benchmark::State& state) {
  const workload& w = shared_workload();
  ntm::fact_table t = w.tables[0];
  ntm::evaluation_state st;
  (void)w.prog.evaluate(st, t, w.at);
  const std::vector<ntm::fact_slot> changed{w.slot_of[1]};
  std::int64_t k = 0;
  bench::allocations = 0;
  bench::counting = true;
  for (auto _ : state) {
    (void)t.set(changed[0], ntm::value::of_money(ntm::money::from_dong((k++ % 90) * 1'000'000)));
    (void)w.prog.reevaluate(st, t, changed);
    benchmark::DoNotOptimize(st.status_of(w.prog.standard()));
  }
  bench::counting = false;
  state.counters["allocs_per_change"] = static_cast<double>(bench::allocations) / static_cast<double>(state.iterations());
  state.counters["rules_recomputed"] = static_cast<double>(w.prog.dependents_of(changed[0]).size());
  state.counters["rules_total"] = static_cast<double>(w.prog.rule_count());
}
BENCHMARK(BM_ntm_incremental_after_change);

void BM_load_and_compile_shipped_set(benchmark::State& state) {
  const std::string dir = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";
  for (auto _ : state) {
    auto set = ntm::load_criteria_set(dir + "qd18-2022-recognition.json");
    if (!set) state.SkipWithError("load failed");
    auto prog = ntm::compile(*set);
    if (!prog) state.SkipWithError("compile failed");
    benchmark::DoNotOptimize(prog->rule_count());
  }
}
BENCHMARK(BM_load_and_compile_shipped_set)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
