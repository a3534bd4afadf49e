// SPDX-License-Identifier: MIT
// Comparing scenarios with the baseline.
#include <ntm/scenario/compare.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <tuple>

#include <nlohmann/json.hpp>

#include "io/criteria_set_json.hpp"
#include "io/csv.hpp"

NTM_BEGIN_NAMESPACE

namespace {

rule_change change_of(const rule_projection& before, const rule_projection& after) {
  rule_change c;
  c.id = before.id;
  c.at_baseline_before = before.at_baseline;
  c.at_baseline_after = after.at_baseline;
  c.at_target_before = before.at_target;
  c.at_target_after = after.at_target;
  c.met_on_before = before.met_on;
  c.met_on_after = after.met_on;
  if (before.met_on && after.met_on) c.days_moved = (*after.met_on - *before.met_on).days();
  c.flipped = before.at_baseline != after.at_baseline || before.at_target != after.at_target;
  return c;
}

}  // namespace

scenario_comparison compare(const plan_analysis& baseline, const plan_analysis& other, const scenario& s) {
  scenario_comparison c;
  c.scenario = s.id;
  c.name = s.name;
  for (const rule_projection& b : baseline.criteria) {
    auto it = std::find_if(other.criteria.begin(), other.criteria.end(), [&](const rule_projection& o) { return o.id == b.id; });
    if (it != other.criteria.end()) c.criteria.push_back(change_of(b, *it));
  }
  c.goal = change_of(baseline.goal, other.goal);
  c.finish_before = baseline.schedule.project_finish;
  c.finish_after = other.schedule.project_finish;
  if (!baseline.schedule.critical_paths.empty()) c.critical_before = baseline.schedule.critical_paths.front();
  if (!other.schedule.critical_paths.empty()) c.critical_after = other.schedule.critical_paths.front();
  c.needs_before = baseline.funding.needs_total;
  c.needs_after = other.funding.needs_total;
  c.sources_before = baseline.funding.sources_total;
  c.sources_after = other.funding.sources_total;
  c.gap_before = baseline.funding.gap;
  c.gap_after = other.funding.gap;
  c.in_year_gap_before = baseline.cash.in_year_gap;
  c.in_year_gap_after = other.cash.in_year_gap;
  c.first_short_before = baseline.cash.first_short;
  c.first_short_after = other.cash.first_short;
  c.first_short_amount_before = baseline.cash.first_short_amount;
  c.first_short_amount_after = other.cash.first_short_amount;
  return c;
}

result<std::vector<scenario_comparison>> run_scenarios(const plan& p, const std::vector<scenario>& scenarios,
                                                       const function_registry& functions, const load_options& limits) {
  if (scenarios.size() > limits.max_scenarios)
    return fail(limit_error("max_scenarios", limits.max_scenarios, std::to_string(scenarios.size()) + " scenarios to run"));
  NTM_TRY(base, add_context(analyze(p), "while analysing the baseline"));
  return run_scenarios(p, base, scenarios, functions, limits);
}

result<std::vector<scenario_comparison>> run_scenarios(const plan& p, const plan_analysis& baseline, const std::vector<scenario>& scenarios,
                                                       const function_registry& functions, const load_options& limits) {
  if (scenarios.size() > limits.max_scenarios)
    return fail(limit_error("max_scenarios", limits.max_scenarios, std::to_string(scenarios.size()) + " scenarios to run"));
  std::vector<scenario_comparison> out;
  for (const scenario& s : scenarios) {
    NTM_TRY(changed, apply(p, s, functions));
    NTM_TRY(analysis, add_context(analyze(changed), "while analysing scenario " + s.id));
    out.push_back(compare(baseline, analysis, s));
  }
  return out;
}

std::vector<std::size_t> rank_scenarios(const std::vector<scenario_comparison>& comparisons) {
  // One comparable key per scenario: (misses the target, days to the goal or "never", in-year
  // gap, gap), in đồng and days.
  struct key {
    bool misses = true;
    std::int64_t goal_day = std::numeric_limits<std::int64_t>::max();
    std::int64_t in_year_gap = 0, gap = 0;
  };
  std::vector<key> keys(comparisons.size());
  for (std::size_t k = 0; k < comparisons.size(); ++k) {
    const scenario_comparison& c = comparisons[k];
    keys[k].misses = c.goal.at_target_after != status::met;
    if (c.goal.met_on_after) keys[k].goal_day = c.goal.met_on_after->day_number();
    keys[k].in_year_gap = c.in_year_gap_after.dong();
    keys[k].gap = c.gap_after.dong();
  }
  std::vector<std::size_t> order(comparisons.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const key& a = keys[x];
    const key& b = keys[y];
    return std::tie(a.misses, a.goal_day, a.in_year_gap, a.gap) < std::tie(b.misses, b.goal_day, b.in_year_gap, b.gap);
  });
  return order;
}

std::string to_json(const std::vector<scenario_comparison>& comparisons) {
  using ojson = nlohmann::ordered_json;
  auto date_json = [](const std::optional<date>& d) { return d ? ojson(format_date(*d)) : ojson(); };
  auto rule_json = [&](const rule_change& r) {
    ojson j;
    j["id"] = r.id;
    j["status_before"] = to_string(r.at_baseline_before);
    j["status_after"] = to_string(r.at_baseline_after);
    j["at_target_before"] = to_string(r.at_target_before);
    j["at_target_after"] = to_string(r.at_target_after);
    j["met_on_before"] = date_json(r.met_on_before);
    j["met_on_after"] = date_json(r.met_on_after);
    j["days_moved"] = r.days_moved ? ojson(*r.days_moved) : ojson();
    j["flipped"] = r.flipped;
    j["changed"] = r.changed();
    return j;
  };
  auto money_pair = [](money before, money after) {
    return ojson{{"before", before.dong()}, {"after", after.dong()}, {"change", after.dong() - before.dong()}};
  };
  ojson all = ojson::array();
  for (const scenario_comparison& c : comparisons) {
    ojson j;
    j["scenario"] = c.scenario;
    j["name"] = c.name.vi;
    j["goal"] = rule_json(c.goal);
    ojson crits = ojson::array();
    for (const rule_change& r : c.criteria) crits.push_back(rule_json(r));
    j["criteria"] = std::move(crits);
    j["finish"] = ojson{{"before", format_date(c.finish_before)}, {"after", format_date(c.finish_after)},
                        {"days_moved", (c.finish_after - c.finish_before).days()}};
    j["critical_path"] = ojson{{"before", c.critical_before}, {"after", c.critical_after}, {"changed", c.critical_path_changed()}};
    j["needs"] = money_pair(c.needs_before, c.needs_after);
    j["sources"] = money_pair(c.sources_before, c.sources_after);
    j["gap"] = money_pair(c.gap_before, c.gap_after);
    j["in_year_gap"] = money_pair(c.in_year_gap_before, c.in_year_gap_after);
    j["first_shortfall"] = ojson{{"before", date_json(c.first_short_before)}, {"after", date_json(c.first_short_after)},
                                 {"amount_before", c.first_short_amount_before.dong()}, {"amount_after", c.first_short_amount_after.dong()}};
    all.push_back(std::move(j));
  }
  ojson ranking = ojson::array();
  for (std::size_t k : rank_scenarios(comparisons)) ranking.push_back(comparisons[k].scenario);
  ojson root{{"format", "ntm.scenario-comparison/1"}, {"scenarios", std::move(all)}, {"ranking", std::move(ranking)}};
  return root.dump(2) + "\n";
}

std::string to_csv(const std::vector<scenario_comparison>& comparisons) {
  using io_internal::csv_row;
  auto date_text = [](const std::optional<date>& d) { return d ? format_date(*d) : std::string(); };
  auto days_between = [](const std::optional<date>& before, const std::optional<date>& after) {
    if (!before || !after || before->is_special() || after->is_special()) return std::string();
    return std::to_string((*after - *before).days());
  };
  auto changed = [](bool yes) { return std::string(yes ? "changed" : ""); };
  std::vector<std::size_t> rank(comparisons.size());
  const std::vector<std::size_t> order = rank_scenarios(comparisons);
  for (std::size_t k = 0; k < order.size(); ++k) rank[order[k]] = k + 1;

  std::string out = "scenario,measure,id,before,after,change\n";
  for (std::size_t k = 0; k < comparisons.size(); ++k) {
    const scenario_comparison& c = comparisons[k];
    auto row = [&](std::string_view measure, std::string_view id, std::string_view before, std::string_view after, std::string_view change) {
      out += csv_row({c.scenario, measure, id, before, after, change});
    };
    auto money_row = [&](std::string_view measure, money before, money after) {
      // In 128 bits: amounts of opposite signs may be more than 2^63 đồng apart.
      const detail::int128 change = static_cast<detail::int128>(after.dong()) - before.dong();
      const auto magnitude = static_cast<std::uint64_t>(change < 0 ? -change : change);
      row(measure, "", std::to_string(before.dong()), std::to_string(after.dong()), (change < 0 ? "-" : "") + std::to_string(magnitude));
    };
    auto rule_rows = [&](const rule_change& r) {
      row("status_now", r.id, to_string(r.at_baseline_before), to_string(r.at_baseline_after), changed(r.at_baseline_before != r.at_baseline_after));
      row("status_at_target", r.id, to_string(r.at_target_before), to_string(r.at_target_after), changed(r.at_target_before != r.at_target_after));
      row("met_on", r.id, date_text(r.met_on_before), date_text(r.met_on_after), r.days_moved ? std::to_string(*r.days_moved) : std::string());
    };
    row("name", "", "", c.name.vi, "");
    rule_rows(c.goal);
    for (const rule_change& r : c.criteria) rule_rows(r);
    row("finish", "", format_date(c.finish_before), format_date(c.finish_after), days_between(c.finish_before, c.finish_after));
    auto path = [](const std::vector<std::string>& tasks) {
      std::string text;
      for (const std::string& t : tasks) text += (text.empty() ? "" : " > ") + t;
      return text;
    };
    row("critical_path", "", path(c.critical_before), path(c.critical_after), changed(c.critical_path_changed()));
    money_row("needs", c.needs_before, c.needs_after);
    money_row("sources", c.sources_before, c.sources_after);
    money_row("gap", c.gap_before, c.gap_after);
    money_row("in_year_gap", c.in_year_gap_before, c.in_year_gap_after);
    row("first_shortfall", "", date_text(c.first_short_before), date_text(c.first_short_after), days_between(c.first_short_before, c.first_short_after));
    money_row("first_shortfall_amount", c.first_short_amount_before, c.first_short_amount_after);
    row("rank", "", "", std::to_string(rank[k]), "");
  }
  return out;
}

NTM_END_NAMESPACE
