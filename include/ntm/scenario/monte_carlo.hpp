// SPDX-License-Identifier: MIT
/// @file
/// Monte Carlo over a plan: task durations from three-point estimates, costs from ranges,
/// fact growth from distributions → the probability that the goal is met by the target date,
/// P50/P80/P95 dates per criterion, and the distribution of the in-year funding gap. Seeded
/// and deterministic: run k always draws from a generator seeded by (seed, k), so the result
/// is the same whatever the number of threads.
#ifndef NTM_SCENARIO_MONTE_CARLO_HPP_
#define NTM_SCENARIO_MONTE_CARLO_HPP_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/progress.hpp>
#include <ntm/plan/plan.hpp>

NTM_BEGIN_NAMESPACE

/// A distribution of a quantity.
struct distribution {
  enum class kind { fixed, uniform, triangular, pert, normal } shape = kind::fixed;
  double low = 0;    ///< fixed: the value; uniform/triangular/pert: minimum; normal: mean
  double mode = 0;   ///< triangular/pert: most likely; normal: standard deviation
  double high = 0;   ///< uniform/triangular/pert: maximum
};

/// What varies.
struct simulation_spec {
  std::uint64_t seed = 20231231;
  std::size_t runs = 10'000;
  unsigned threads = 0;                          ///< 0: every core
  bool task_estimates = true;                    ///< use the roadmap's three-point estimates (PERT)
  std::map<std::string, distribution> durations; ///< per task, working days (overrides the estimate)
  std::map<std::string, distribution> costs;     ///< per need: a multiplier of its amount (1.0 = as planned)
  std::map<std::string, distribution> growth;    ///< per fact: yearly growth rate (0.05 = 5%), one year
};

/// Reads a simulation spec (schemas/simulation.schema.json). Errors: located JSON errors.
NTM_API result<simulation_spec> parse_simulation_spec(std::string_view text, const std::string& file = {});
/// The same from a file (errors as parse_simulation_spec, and io_error).
NTM_API result<simulation_spec> load_simulation_spec(const std::string& path);

/// Percentile dates of one rule over the runs (nullopt: in more than that share of runs the
/// rule is never met under the plan).
struct date_percentiles {
  std::string id;
  double probability_by_target = 0;   ///< share of runs met on or before the target
  double probability_never = 0;       ///< share of runs never met
  std::optional<date> p50, p80, p95;
};

/// The outcome of a simulation.
struct simulation_result {
  std::size_t runs = 0;
  std::uint64_t seed = 0;
  date target;
  date_percentiles goal;
  std::vector<date_percentiles> criteria;
  money gap_p50, gap_p80, gap_p95, gap_mean, gap_min, gap_max;  ///< in-year funding gap
  std::vector<std::pair<money, std::size_t>> gap_histogram;     ///< bucket lower bound → runs
};

/// Runs the simulation. Errors: invalid_argument (zero runs, a bad distribution),
/// unknown_reference (a task, need or fact the plan lacks), and errors of scheduling or
/// evaluation in a run (reported with the run number).
NTM_API result<simulation_result> simulate(const plan& p, const simulation_spec& spec, const progress_fn& progress = {});

/// The result as JSON (ntm.simulation/1).
NTM_API std::string to_json(const simulation_result& r);
/// The result as one long CSV table (RFC 4180, UTF-8), header `measure,id,statistic,value`:
/// `run` rows (`runs`, `seed`, `target`); per rule, the goal first, `probability` rows
/// (`by_target`, `never`: a decimal with a point, six places or as many as the run count has
/// digits, trailing zeros dropped) and `date` rows (`p50`, `p80`, `p95`: YYYY-MM-DD, empty when
/// never met at that percentile); `money` rows for `in_year_gap` (`p50`, `p80`, `p95`, `mean`,
/// `min`, `max`, whole đồng); `histogram` rows for `in_year_gap` (statistic: the bucket's lower
/// bound in đồng; value: its runs). The same result gives the same bytes.
NTM_API std::string to_csv(const simulation_result& r);

NTM_END_NAMESPACE

#endif  // NTM_SCENARIO_MONTE_CARLO_HPP_
