// SPDX-License-Identifier: MIT
// Ledger at scale: a year of receipts and disbursements, 1,000,000 postings in CSV (written
// once, seeded, to the build directory), imported into a journal holding the Thạch Lỗi
// funding plan's accounts and actual transactions; every account balanced (its own postings
// and with its subaccounts); totals by stage checked (cash = received − disbursed − other);
// the plan reconciled, and each need's disbursements compared with its planned amount.
// There is no baseline in the same run: the issue compares ledger-cli outside (run.sh can
// run it on the same data, exported as a ledger journal).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <stdexcept>

#include <ntm/ledger/funding_io.hpp>
#include <ntm/ledger/journal_io.hpp>
#include <ntm/ledger/reconcile.hpp>

#include "support.hpp"
#include "workloads.hpp"

namespace {

struct workload {
  ntm::funding_plan plan;
  std::size_t postings = 0;
  std::string csv;  // path
};

const workload& shared_workload() {
  static const workload w = [] {
    workload x;
    auto plan = ntm::load_funding(std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/funding.json");
    if (!plan) throw std::runtime_error(ntm::format(plan.error()));
    x.plan = std::move(*plan);
    x.postings = static_cast<std::size_t>(bench::size(1'000'000, 2'000));
    x.csv = std::string(NTM_BENCH_GENERATED) + "/postings-" + std::to_string(x.postings) + ".csv";
    if (!std::filesystem::exists(x.csv)) {
      const std::string tmp = x.csv + ".tmp";
      bench::write_postings_csv(tmp, x.postings, x.plan);
      std::filesystem::rename(tmp, x.csv);
    }
    return x;
  }();
  return w;
}

struct outcome {
  std::size_t postings = 0, accounts = 0, over_budget = 0, discrepancies = 0;
};

// The whole workload once; throws on any error (a benchmark of a failing import is no use).
outcome import_balance_reconcile(const workload& w) {
  auto j = ntm::make_journal(w.plan);
  if (!j) throw std::runtime_error(ntm::format(j.error()));
  ntm::csv_import_options opt;
  opt.declare_new_accounts = true;  // the hamlet subaccounts ("…:Thôn 7")
  auto imported = ntm::import_csv_file(*j, w.csv, opt);
  if (!imported) throw std::runtime_error(ntm::format(imported.error()));
  auto balances = j->balances();
  if (!balances) throw std::runtime_error(ntm::format(balances.error()));
  auto stages = j->totals_by_stage();
  if (!stages) throw std::runtime_error(ntm::format(stages.error()));
  if (stages->cash.dong() != stages->received.dong() - stages->disbursed.dong() - stages->other.dong())
    throw std::runtime_error("the totals by stage do not agree");
  auto rec = ntm::reconcile(w.plan);
  if (!rec) throw std::runtime_error(ntm::format(rec.error()));
  outcome o;
  o.postings = imported->postings;
  o.accounts = j->account_count();
  o.discrepancies = rec->discrepancies().size();
  for (const ntm::funding_need& n : w.plan.needs)
    if (auto id = j->find_account(ntm::need_account(n)); id && (*balances)[id->value].total > n.amount) ++o.over_budget;
  return o;
}

void BM_ledger_import_balance_reconcile(benchmark::State& state) {
  const workload& w = shared_workload();
  outcome o;
  double peak = 0;
  for (auto _ : state) {
    state.PauseTiming();
    bench::reset_peak_rss();
    const double before = bench::peak_mib();
    state.ResumeTiming();
    o = import_balance_reconcile(w);
    benchmark::DoNotOptimize(o);
    state.PauseTiming();
    peak = std::max(peak, bench::peak_mib() - before);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * o.postings));
  state.counters["postings"] = static_cast<double>(o.postings);
  state.counters["accounts"] = static_cast<double>(o.accounts);
  state.counters["csv_MiB"] = static_cast<double>(std::filesystem::file_size(w.csv)) / (1024.0 * 1024.0);
  state.counters["peak_MiB"] = peak;
  state.counters["needs_over_budget"] = static_cast<double>(o.over_budget);
}
BENCHMARK(BM_ledger_import_balance_reconcile)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // `ledger_import.bench --export-ledger FILE`: writes the same data as a ledger-cli journal
  // (for run.sh's comparison with ledger-cli) and exits.
  if (argc == 3 && std::string(argv[1]) == "--export-ledger") {
    const workload& w = shared_workload();
    auto j = ntm::make_journal(w.plan);
    ntm::csv_import_options opt;
    opt.declare_new_accounts = true;
    if (!j || !ntm::import_csv_file(*j, w.csv, opt)) return 1;
    std::ofstream(argv[2], std::ios::binary) << ntm::to_ledger_journal(*j);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
