// SPDX-License-Identifier: MIT
// Monte Carlo across a table of units: every run of a unit is a row of a batch evaluation.
#include <ntm/scenario/unit_simulation.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/guard.hpp"
#include "io/csv.hpp"
#include "scenario/random.hpp"
#include "scenario/units_internal.hpp"

NTM_BEGIN_NAMESPACE

namespace {

using scenario_internal::counts_as_met;

constexpr std::size_t max_runs = 100'000'000;
constexpr std::size_t max_run_counts = std::size_t{1} << 26;  // areas × runs kept for percentiles (256 MiB)
constexpr std::size_t block_rows = 2048;                        // runs evaluated together

struct growth_fact {
  fact_slot slot;
  distribution dist;
};

// The units' table and facts, with the parts of merged units (none outside a scenario).
struct table_view {
  const unit_table* units;
  const fact_columns* facts;
  const std::vector<std::vector<std::string>>* merged_from;
};

result<units_simulation> simulate_table(const program& prog, const table_view& view, const simulation_spec& spec, const unit_simulation_options& options,
                                        const progress_fn& progress) {
  const unit_table& units = *view.units;
  const fact_columns& facts = *view.facts;
  if (spec.runs == 0) return fail(errc::invalid_argument, "a simulation needs at least one run");
  if (spec.runs > max_runs) return fail(errc::limit_exceeded, "more than 100 000 000 runs");
  if (!spec.durations.empty() || !spec.costs.empty())
    return fail(errc::invalid_argument,
                "the simulation varies task durations or costs, but a table of units has no roadmap or funding (simulate a plan with ntm simulate)");
  if (options.years < 1 || options.years > 100) return fail(errc::invalid_argument, "years of growth must be 1 to 100");
  std::vector<growth_fact> growth;
  for (const auto& [id, dist] : spec.growth) {
    NTM_CHECK(scenario_internal::check_distribution(dist, "growth of " + id));
    NTM_TRY(slot, prog.find_fact(id));
    const value_type type = prog.fact(slot).type;
    if (type != value_type::integer && type != value_type::number && type != value_type::money && type != value_type::percent)
      return fail(errc::fact_type, "fact " + id + " is " + to_string(type) + "; only numbers, amounts and percentages grow");
    growth.push_back({slot, dist});
  }
  const std::string goal_id = options.goal.empty() ? prog.rule(prog.standard()).id : options.goal;
  NTM_TRY(goal, prog.find_rule(goal_id));
  const std::vector<rule_index> criteria = prog.rule(goal).children;
  const std::size_t nc = criteria.size();
  const std::size_t runs = spec.runs;
  const std::size_t n = units.size();
  const scenario_internal::area_layout layout = scenario_internal::layout_areas(units);
  const std::size_t na = layout.size();
  if (na > max_run_counts / runs)
    return fail(errc::limit_exceeded, std::to_string(runs) + " runs for " + std::to_string(na) +
                                          " areas (all, provinces, districts) are too many to keep each run's count; use fewer runs or shard the table by province");

  // Shared, each added to by integers only (so the order of threads does not matter): per
  // area and run, the units meeting the goal; per area, the runs meeting each criterion; the
  // units meeting the goal in every run, or in none. Units whose facts do not vary meet the
  // goal in all runs or none: they are counted once in `steady`, added to every run at the end.
  std::vector<std::atomic<std::uint32_t>> goal_runs(na * runs);
  std::vector<std::atomic<std::uint64_t>> criteria_runs(na * nc);
  std::vector<std::atomic<std::uint32_t>> certain(na), never(na), steady(na);
  std::vector<std::uint64_t> goal_met_runs(n);          // per unit: runs meeting the goal
  std::vector<std::uint64_t> criterion_met_runs(n * nc);
  std::atomic<std::size_t> done{0};

  batch_options bo;
  bo.at = options.at;
  bo.region = options.region;
  bo.threads = 1;
  const std::size_t parts = scenario_internal::part_count(n, options.threads, 16);
  auto simulate_part = [&](std::size_t, std::size_t begin, std::size_t end) -> result<void> {
    const std::size_t rows_max = std::min(runs, block_rows);
    fact_columns cols = prog.make_columns(rows_max);
    for (const std::string& t : facts.raw_texts()) cols.add_text(t);  // the same raw indices
    batch_result res;
    std::vector<std::uint8_t> met_goal(rows_max);
    for (std::size_t u = begin; u < end; ++u) {
      const std::size_t in[3] = {0, layout.province_of[u], layout.district_of[u]};
      bool varies = false;
      for (const growth_fact& g : growth) varies = varies || facts.states(g.slot)[u] == 0;
      const std::size_t unit_runs = varies ? runs : 1;  // a unit that does not vary is evaluated once
      std::uint64_t goal_count = 0;
      std::uint64_t* crit_count = &criterion_met_runs[u * nc];
      const std::uint64_t stream = scenario_internal::stream_of(units.ids[u]);
      for (std::size_t first = 0; first < unit_runs; first += rows_max) {
        const std::size_t rows = std::min(rows_max, unit_runs - first);
        cols.resize(rows);
        for (std::uint32_t k = 0; k < prog.fact_count(); ++k) {
          const fact_slot slot{k};
          std::fill_n(cols.values(slot), rows, facts.values(slot)[u]);
          std::fill_n(cols.states(slot), rows, facts.states(slot)[u]);
        }
        if (varies)
          for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t run = first + r;
            scenario_internal::generator g(spec.seed ^ stream, run);
            for (const growth_fact& gf : growth) {
              if (cols.states(gf.slot)[r] != 0) continue;  // unknown stays unknown
              std::int64_t raw = cols.values(gf.slot)[r];
              for (int y = 0; y < options.years; ++y) {
                auto next = scenario_internal::times(raw, 1.0 + scenario_internal::sample(gf.dist, g));
                if (!next)
                  return fail(std::move(next).error().add_context("growing " + prog.fact(gf.slot).id + " of unit " + units.ids[u] + " in run " +
                                                                  std::to_string(run) + " (seed " + std::to_string(spec.seed) + ")"));
                raw = *next;
              }
              cols.values(gf.slot)[r] = raw;
            }
          }
        NTM_CHECK(prog.evaluate_batch(cols, bo, res));
        for (std::size_t r = 0; r < rows; ++r) {
          met_goal[r] = res.at(r, goal) == status::met ? 1 : 0;
          goal_count += met_goal[r];
        }
        for (std::size_t c = 0; c < nc; ++c)
          for (std::size_t r = 0; r < rows; ++r) crit_count[c] += counts_as_met(res.at(r, criteria[c])) ? 1 : 0;
        if (varies)
          for (const std::size_t a : in)
            for (std::size_t r = 0; r < rows; ++r)
              if (met_goal[r]) goal_runs[a * runs + first + r].fetch_add(1, std::memory_order_relaxed);
      }
      if (!varies) {  // one evaluation stands for every run
        goal_count *= runs;
        for (std::size_t c = 0; c < nc; ++c) crit_count[c] *= runs;
        if (goal_count)
          for (const std::size_t a : in) steady[a].fetch_add(1, std::memory_order_relaxed);
      }
      goal_met_runs[u] = goal_count;
      for (const std::size_t a : in) {
        if (goal_count == runs) certain[a].fetch_add(1, std::memory_order_relaxed);
        if (goal_count == 0) never[a].fetch_add(1, std::memory_order_relaxed);
        for (std::size_t c = 0; c < nc; ++c) criteria_runs[a * nc + c].fetch_add(crit_count[c], std::memory_order_relaxed);
      }
      const std::size_t now = done.fetch_add(1) + 1;
      if (progress) progress(now, n);
    }
    return {};
  };
  NTM_CHECK(scenario_internal::in_parts(n, parts, "simulating units", simulate_part));

  units_simulation out;
  out.runs = runs;
  out.seed = spec.seed;
  out.at = options.at;
  out.years = options.years;
  out.goal = goal_id;
  for (rule_index c : criteria) out.criteria.push_back(prog.rule(c).id);
  const double runs_d = static_cast<double>(runs);
  if (options.unit_outcomes) {
    out.units.resize(n);
    for (std::size_t u = 0; u < n; ++u) {
      unit_chance& c = out.units[u];
      c.id = units.ids[u];
      c.name = units.names[u];
      c.district = units.districts[u];
      c.province = units.provinces[u];
      c.goal = static_cast<double>(goal_met_runs[u]) / runs_d;
      c.criteria.resize(nc);
      for (std::size_t k = 0; k < nc; ++k) c.criteria[k] = static_cast<double>(criterion_met_runs[u * nc + k]) / runs_d;
      if (view.merged_from && u < view.merged_from->size()) c.merged_from = (*view.merged_from)[u];
    }
  }
  std::vector<std::size_t> area_units(na, 0);
  for (std::size_t u = 0; u < n; ++u) {
    ++area_units[0];
    ++area_units[layout.province_of[u]];
    ++area_units[layout.district_of[u]];
  }
  std::vector<std::uint32_t> per_run(runs);
  auto at_quantile = [&](double q) { return static_cast<std::size_t>(per_run[std::min(runs - 1, static_cast<std::size_t>(std::ceil(q * runs_d)) - 1)]); };
  std::vector<area_chance> areas(na);
  for (std::size_t a = 0; a < na; ++a) {
    area_chance& ac = areas[a];
    ac.area = layout.name[a];
    ac.province = layout.province[a];
    ac.units = area_units[a];
    ac.certain = certain[a].load();
    ac.never = never[a].load();
    std::uint64_t total = 0;
    for (std::size_t k = 0; k < runs; ++k) {
      per_run[k] = goal_runs[a * runs + k].load() + steady[a].load();
      total += per_run[k];
    }
    ac.expected_goal_met = static_cast<double>(total) / runs_d;
    std::sort(per_run.begin(), per_run.end());
    ac.goal_met_p5 = at_quantile(0.05);
    ac.goal_met_p50 = at_quantile(0.50);
    ac.goal_met_p95 = at_quantile(0.95);
    ac.expected_criteria_met.resize(nc);
    for (std::size_t c = 0; c < nc; ++c) ac.expected_criteria_met[c] = static_cast<double>(criteria_runs[a * nc + c].load()) / runs_d;
  }
  const auto first_district = areas.begin() + 1 + static_cast<std::ptrdiff_t>(layout.provinces);
  out.all = std::move(areas[0]);
  out.provinces.assign(std::make_move_iterator(areas.begin() + 1), std::make_move_iterator(first_district));
  out.districts.assign(std::make_move_iterator(first_district), std::make_move_iterator(areas.end()));
  return out;
}

// A share or a mean as text: the shortest form that reads back to the same double.
std::string number_text(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

nlohmann::ordered_json unit_json(const units_simulation& r, const unit_chance& u, bool with_scenario) {
  nlohmann::ordered_json j{{"id", u.id}};
  if (with_scenario) j["scenario"] = r.scenario;
  j["name"] = u.name;
  j["district"] = u.district;
  j["province"] = u.province;
  j["goal"] = u.goal;
  nlohmann::ordered_json c = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < r.criteria.size() && k < u.criteria.size(); ++k) c[r.criteria[k]] = u.criteria[k];
  j["criteria"] = std::move(c);
  if (!u.merged_from.empty()) j["merged_from"] = u.merged_from;
  return j;
}

}  // namespace

result<units_simulation> simulate_units(const program& prog, const unit_table& units, const simulation_spec& spec, const unit_simulation_options& options,
                                        const progress_fn& progress) {
  return core_internal::guarded("simulating units", [&]() -> result<units_simulation> {
    return simulate_table(prog, table_view{&units, &units.facts, nullptr}, spec, options, progress);
  });
}

result<units_simulation> simulate_units(const program& prog, const unit_table& units, const scenario& s, const simulation_spec& spec,
                                        const unit_simulation_options& options, const progress_fn& progress, const function_registry& functions) {
  return core_internal::guarded("simulating units under a scenario", [&]() -> result<units_simulation> {
    unit_simulation_options o = options;
    if (s.at) o.at = *s.at;
    NTM_TRY(applied, scenario_internal::apply_to_units(prog, units, s, o.at, o.region, functions));
    NTM_TRY(out, simulate_table(applied.prog, table_view{&applied.table(units), &applied.columns(), &applied.merged_from}, spec, o, progress));
    out.scenario = s.id;
    return out;
  });
}

std::string to_json(const units_simulation& r, bool with_units) {
  using ojson = nlohmann::ordered_json;
  auto area = [&](const area_chance& a) {
    ojson j;
    j["area"] = a.area;
    if (!a.province.empty()) j["province"] = a.province;
    j["units"] = a.units;
    j["expected_goal_met"] = a.expected_goal_met;
    j["goal_met"] = ojson{{"p5", a.goal_met_p5}, {"p50", a.goal_met_p50}, {"p95", a.goal_met_p95}};
    j["certain"] = a.certain;
    j["never"] = a.never;
    ojson c = ojson::object();
    for (std::size_t k = 0; k < r.criteria.size() && k < a.expected_criteria_met.size(); ++k) c[r.criteria[k]] = a.expected_criteria_met[k];
    j["expected_criteria_met"] = std::move(c);
    return j;
  };
  ojson j;
  j["format"] = "ntm.units-simulation/1";
  j["scenario"] = r.scenario;
  j["runs"] = r.runs;
  j["seed"] = r.seed;
  j["at"] = format_date(r.at);
  j["years"] = r.years;
  j["goal"] = r.goal;
  j["criteria"] = r.criteria;
  j["all"] = area(r.all);
  ojson provinces = ojson::array(), districts = ojson::array();
  for (const area_chance& a : r.provinces) provinces.push_back(area(a));
  for (const area_chance& a : r.districts) districts.push_back(area(a));
  j["provinces"] = std::move(provinces);
  j["districts"] = std::move(districts);
  if (with_units) {
    ojson units = ojson::array();
    for (const unit_chance& u : r.units) units.push_back(unit_json(r, u, false));
    j["units"] = std::move(units);
  }
  return j.dump(2) + "\n";
}

std::string to_jsonl(const units_simulation& r) {
  std::string out;
  for (const unit_chance& u : r.units) out += unit_json(r, u, true).dump() + "\n";
  return out;
}

std::string to_csv(const units_simulation& r) {
  std::string out = "id,scenario,name,district,province,goal";
  for (const std::string& c : r.criteria) out += "," + io_internal::csv_cell(c);
  out += ",merged_from\n";
  for (const unit_chance& u : r.units) {
    out += io_internal::csv_cell(u.id) + "," + io_internal::csv_cell(r.scenario) + "," + io_internal::csv_cell(u.name) + "," +
           io_internal::csv_cell(u.district) + "," + io_internal::csv_cell(u.province) + "," + number_text(u.goal);
    for (double p : u.criteria) out += "," + number_text(p);
    std::string parts;
    for (const std::string& id : u.merged_from) parts += (parts.empty() ? "" : " ") + id;
    out += "," + io_internal::csv_cell(parts) + "\n";
  }
  return out;
}

NTM_END_NAMESPACE
