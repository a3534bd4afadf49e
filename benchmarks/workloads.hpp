// SPDX-License-Identifier: MIT
// Seeded generators of the benchmark workloads, in one place: communes' facts for the
// generated 19-criteria set (rules and scenarios), random task DAGs (schedule), and journals
// of postings as CSV (ledger). Deterministic for a given size and seed.
#ifndef NTM_BENCHMARKS_WORKLOADS_HPP_
#define NTM_BENCHMARKS_WORKLOADS_HPP_

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <ntm/io/json.hpp>
#include <ntm/ledger/funding.hpp>
#include <ntm/rules/program.hpp>
#include <ntm/schedule/task.hpp>

#include "baseline.hpp"  // generated: bench::commune, fact_count, fact_kind, assess

namespace bench {

// --- communes ---------------------------------------------------------------------------------

/// The generated criteria set (gen_rules_workload.py: 60 facts, 19 criteria of 2–5
/// indicators), compiled.
inline ntm::program workload_program() {
  auto set = ntm::load_criteria_set(std::string(NTM_BENCH_GENERATED) + "/workload_set.json");
  if (!set) throw std::runtime_error(ntm::format(set.error()));
  auto prog = ntm::compile(*set);
  if (!prog) throw std::runtime_error(ntm::format(prog.error()));
  return *prog;
}

/// The slots of facts f0 … f59 in `prog`.
inline std::vector<ntm::fact_slot> fact_slots(const ntm::program& prog) {
  std::vector<ntm::fact_slot> out;
  for (int k = 0; k < fact_count; ++k) out.push_back(*prog.find_fact("f" + std::to_string(k)));
  return out;
}

/// `n` communes with realistic spreads (money 10–99 million, counts 0–9, booleans, 40–100 %),
/// about 5 % of facts missing, as the baseline's plain structs (raw values as ntm stores them).
inline std::vector<commune> make_communes(std::size_t n, std::uint64_t seed = 12345) {
  std::mt19937_64 rng(seed);
  std::vector<commune> out(n);
  for (commune& c : out)
    for (int k = 0; k < fact_count; ++k) {
      const bool known = rng() % 100 >= 5;
      std::int64_t raw = 0;
      switch (fact_kind[k]) {
        case 0: raw = static_cast<std::int64_t>(10 + rng() % 90) * 1'000'000; break;
        case 1: raw = static_cast<std::int64_t>(rng() % 10); break;
        case 2: raw = static_cast<std::int64_t>(rng() % 2); break;
        default: raw = static_cast<std::int64_t>(40 + rng() % 61) * 1'000'000; break;
      }
      c.v[k] = raw;
      c.known[k] = known ? 1 : 0;
    }
  return out;
}

/// Fact k's raw value as an ntm value of its type.
inline ntm::value fact_value(int k, std::int64_t raw) {
  switch (fact_kind[k]) {
    case 0: return ntm::value::of_money(ntm::money::from_dong(raw));
    case 1: return ntm::value::of_integer(raw);
    case 2: return ntm::value::of_bool(raw != 0);
    default: return ntm::value::of_percent(ntm::decimal::from_micros(raw));
  }
}

/// The communes as columns for a batch.
inline ntm::fact_columns to_columns(const ntm::program& prog, const std::vector<commune>& communes) {
  const std::vector<ntm::fact_slot> slot = fact_slots(prog);
  ntm::fact_columns cols = prog.make_columns(communes.size());
  for (std::size_t u = 0; u < communes.size(); ++u)
    for (int k = 0; k < fact_count; ++k)
      if (communes[u].known[k]) {
        cols.values(slot[static_cast<std::size_t>(k)])[u] = communes[u].v[k];
        cols.states(slot[static_cast<std::size_t>(k)])[u] = 0;
      }
  return cols;
}

// --- task DAGs --------------------------------------------------------------------------------

/// A random task DAG, as ntm tasks and as the plain arrays of the baseline.
struct task_dag {
  std::vector<ntm::task> tasks;
  std::vector<std::int32_t> duration;  ///< working days
  std::vector<std::uint32_t> first;    ///< task v's predecessors are [first[v], first[v + 1])
  std::vector<std::uint32_t> pred;
  std::vector<std::uint8_t> type;      ///< ntm::link_type
  std::vector<std::int32_t> lag;
  std::size_t edges() const { return pred.size(); }
};

/// `n` tasks "t0" … in list order; task k (k ≥ 3) depends on 3 distinct tasks among the 1,000
/// before it (nearby work, as in a roadmap), so about 3 edges per task. Links: 70 % FS, 15 %
/// SS, 10 % FF, 5 % SF, lags −1 … 3 working days; durations 0 … 9 working days (a tenth are
/// milestones).
inline task_dag make_task_dag(std::size_t n, std::uint64_t seed = 1) {
  std::mt19937_64 rng(seed);
  task_dag d;
  d.tasks.resize(n);
  d.duration.resize(n);
  d.first.assign(1, 0);
  for (std::size_t k = 0; k < n; ++k) {
    ntm::task& t = d.tasks[k];
    t.id = "t" + std::to_string(k);
    t.duration = static_cast<std::int32_t>(rng() % 10);
    d.duration[k] = t.duration;
    if (k >= 3) {
      std::uint32_t picked[3];
      for (int p = 0; p < 3; ++p) {
        std::uint32_t j = 0;
        do j = static_cast<std::uint32_t>(k - 1 - rng() % std::min<std::size_t>(k, 1000));
        while (std::find(picked, picked + p, j) != picked + p);
        picked[p] = j;
        const unsigned r = static_cast<unsigned>(rng() % 100);
        const auto type = r < 70 ? ntm::link_type::finish_to_start
                          : r < 85 ? ntm::link_type::start_to_start
                          : r < 95 ? ntm::link_type::finish_to_finish
                                   : ntm::link_type::start_to_finish;
        const auto lag = static_cast<std::int32_t>(rng() % 5) - 1;
        t.depends_on.push_back({d.tasks[j].id, type, lag});
        d.pred.push_back(j);
        d.type.push_back(static_cast<std::uint8_t>(type));
        d.lag.push_back(lag);
      }
    }
    d.first.push_back(static_cast<std::uint32_t>(d.pred.size()));
  }
  return d;
}

// --- journals ---------------------------------------------------------------------------------

/// Writes a year of a commune's receipts and disbursements as CSV in the import format
/// (date,account,amount,description,reference), `postings` rows, dates in order: pledges
/// (Phải thu +, Nguồn −) and receipts (Quỹ +, Phải thu −) for the plan's sources, and
/// disbursements from the cash account to the plan's needs, per hamlet ("…:Thôn 7"), some
/// split over two or three needs. Amounts are whole thousands of đồng.
inline void write_postings_csv(const std::string& path, std::size_t postings, const ntm::funding_plan& plan,
                               std::uint64_t seed = 2023) {
  std::vector<std::string> sources, receivables, needs;
  for (const ntm::funding_source& s : plan.sources) {
    sources.push_back(ntm::source_account(s));
    receivables.push_back(ntm::receivable_account(s));
  }
  for (const ntm::funding_need& n : plan.needs)
    for (int h = 1; h <= 12; ++h) needs.push_back(ntm::need_account(n) + ":Thôn " + std::to_string(h));
  if (sources.empty() || needs.empty()) throw std::runtime_error("the plan needs sources and needs");

  std::mt19937_64 rng(seed);
  std::ofstream out(path, std::ios::binary);
  out << "date,account,amount,description,reference\n";
  std::size_t written = 0, txn = 0;
  auto row = [&](const std::string& when, const std::string& account, std::int64_t amount, const std::string& text, const std::string& ref) {
    out << when << ',' << account << ',' << amount << ',' << text << ',' << ref << '\n';
    ++written;
  };
  while (written < postings) {
    const std::size_t day = written * 365 / postings;  // dates in order through 2023
    const auto when = ntm::format_date(*ntm::add_days(*ntm::make_date(2023, 1, 1), static_cast<std::int64_t>(day)));
    const std::string ref = "GD-" + std::to_string(++txn);
    const std::int64_t amount = static_cast<std::int64_t>(1 + rng() % 500'000) * 1000;
    const unsigned kind = static_cast<unsigned>(rng() % 10);
    const std::size_t s = rng() % sources.size();
    const std::size_t left = postings - written;
    if (kind < 2 || left < 3) {  // a pledge
      row(when, receivables[s], amount, "Cam kết nguồn " + std::to_string(s + 1), ref);
      row(when, sources[s], -amount, "", ref);
    } else if (kind < 5) {  // a receipt
      row(when, plan.cash_account, amount, "Nhận tiền nguồn " + std::to_string(s + 1), ref);
      row(when, receivables[s], -amount, "", ref);
    } else {  // a disbursement over one to three needs
      std::size_t parts = std::min<std::size_t>(1 + rng() % 3, left - 1);
      if (left - parts - 1 == 1) parts = parts < 3 ? parts + 1 : parts - 1;  // never leave a single row
      std::int64_t total = 0;
      for (std::size_t p = 0; p < parts; ++p) {
        const std::int64_t a = static_cast<std::int64_t>(1 + rng() % 200'000) * 1000;
        row(when, needs[rng() % needs.size()], a, p == 0 ? "\"Chi thanh toán khối lượng, đợt " + std::to_string(txn % 7 + 1) + "\"" : "", ref);
        total += a;
      }
      row(when, plan.cash_account, -total, "", ref);
    }
  }
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace bench

#endif  // NTM_BENCHMARKS_WORKLOADS_HPP_
