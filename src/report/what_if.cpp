// SPDX-License-Identifier: MIT
// What-if results as reports: scenario comparisons, sensitivity, simulations, roll-ups.
#include <ntm/report/what_if.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <map>
#include <new>

#include "report/model.hpp"
#include "report/sections.hpp"

NTM_BEGIN_NAMESPACE

using namespace report_internal;

namespace {

// A number with one decimal, the decimal mark of the language ("12,5" / "12.5").
std::string one_decimal(double v, lang l) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (l == lang::vi) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string percent(double p, lang l) { return one_decimal(p * 100.0, l) + "%"; }

std::string signed_days(std::int64_t d, lang l) {
  if (d == 0) return tr(l, "không đổi", "unchanged");
  return (d > 0 ? "+" : "−") + std::to_string(d > 0 ? d : -d) + tr(l, " ngày", " days");
}

std::string signed_money(std::int64_t before, std::int64_t after, lang l) {
  std::int64_t d = 0;
  if (__builtin_sub_overflow(after, before, &d) || d == 0 || d == INT64_MIN) return {};
  return std::string(d > 0 ? " (+" : " (−") + money_text(money::from_dong(d > 0 ? d : -d), l) + ")";
}

std::string optional_date(const std::optional<date>& d, lang l) { return d ? date_text(*d, l) : tr(l, "không đạt", "never"); }

std::string name_of(const plan_analysis* a, const std::string& id, lang l) {
  if (!a) return id;
  const std::string name = rule_name(*a, id, l);
  return name == id ? id : id + " " + name;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

// ---- scenarios against the baseline ------------------------------------------------------

section_doc comparison_section(const std::vector<scenario_comparison>& cs, const report_options& o, const plan_analysis* a) {
  const lang l = o.language;
  section_doc d;
  d.id = "scenarios";
  d.title = tr(l, "So sánh kịch bản", "Scenarios compared");
  if (cs.empty()) {
    d.paragraph(cell(tr(l, "Không có kịch bản nào.", "No scenarios."), tone::muted));
    return d;
  }
  table t;
  t.columns.push_back({tr(l, "Nội dung", "What"), align::left, 34});
  t.columns.push_back({tr(l, "Hiện tại", "Baseline"), align::left, 24});
  for (const scenario_comparison& c : cs) t.columns.push_back({c.name.get(l).empty() ? c.scenario : c.name.get(l), align::left, 26});
  auto rule_row = [&](const std::string& label, auto&& pick, bool strong) {
    std::vector<cell> r{cell(label, strong ? tone::strong : tone::plain)};
    const rule_change& first = pick(cs.front());
    r.emplace_back(optional_date(first.met_on_before, l), first.met_on_before ? tone::plain : tone::bad);
    for (const scenario_comparison& c : cs) {
      const rule_change& x = pick(c);
      std::string text = optional_date(x.met_on_after, l);
      if (!x.met_on_after && x.at_target_after == status::met)  // met at the target, later undecided (e.g. no threshold after it)
        text = tr(l, "đạt tại hạn, sau đó chưa xác định", "met at the target, undecided later");
      tone k = tone::muted;
      if (x.changed()) {
        if (x.days_moved) text += " (" + signed_days(*x.days_moved, l) + ")";
        if (x.flipped) text += tr(l, " — đổi trạng thái", " — status changes");
        const bool worse = !x.met_on_after || (x.days_moved && *x.days_moved > 0) ||
                           (x.at_target_before == status::met && x.at_target_after != status::met);
        k = worse ? tone::bad : tone::good;
      }
      r.emplace_back(text, k);
    }
    t.rows.push_back(std::move(r));
  };
  rule_row(tr(l, "Đạt chuẩn (dự kiến)", "Goal met on"), [](const scenario_comparison& c) -> const rule_change& { return c.goal; }, true);
  // The criteria that change in some scenario.
  std::vector<std::string> changed;
  for (const scenario_comparison& c : cs)
    for (const rule_change& r : c.criteria)
      if (r.changed() && std::find(changed.begin(), changed.end(), r.id) == changed.end()) changed.push_back(r.id);
  for (const rule_change& r : cs.front().criteria) {
    if (std::find(changed.begin(), changed.end(), r.id) == changed.end()) continue;
    rule_row(name_of(a, r.id, l), [&](const scenario_comparison& c) -> const rule_change& {
      for (const rule_change& x : c.criteria)
        if (x.id == r.id) return x;
      return c.goal;
    }, false);
  }
  auto value_row = [&](const std::string& label, auto&& before, auto&& after, auto&& text, auto&& delta) {
    std::vector<cell> r{cell(label)};
    r.emplace_back(text(before(cs.front())));
    for (const scenario_comparison& c : cs) {
      const std::string dt = delta(c);
      r.emplace_back(text(after(c)) + dt, dt.empty() ? tone::muted : tone::warn);
    }
    t.rows.push_back(std::move(r));
  };
  value_row(
      tr(l, "Hoàn thành kế hoạch", "Plan finishes"), [](const scenario_comparison& c) { return c.finish_before; },
      [](const scenario_comparison& c) { return c.finish_after; }, [&](date x) { return date_text(x, l); },
      [&](const scenario_comparison& c) {
        const std::int64_t dd = days_between(c.finish_before, c.finish_after);
        return dd ? " (" + signed_days(dd, l) + ")" : std::string();
      });
  value_row(
      tr(l, "Đường găng", "Critical path"), [](const scenario_comparison& c) { return c.critical_before; },
      [](const scenario_comparison& c) { return c.critical_after; }, [](const std::vector<std::string>& v) { return join(v, " → "); },
      [&](const scenario_comparison& c) { return c.critical_path_changed() ? std::string(tr(l, " (thay đổi)", " (changed)")) : std::string(); });
  auto money_row = [&](const std::string& label, money scenario_comparison::*before, money scenario_comparison::*after) {
    value_row(
        label, [&](const scenario_comparison& c) { return c.*before; }, [&](const scenario_comparison& c) { return c.*after; },
        [&](money m) { return money_text(m, l); },
        [&](const scenario_comparison& c) { return signed_money((c.*before).dong(), (c.*after).dong(), l); });
  };
  money_row(tr(l, "Nhu cầu vốn (A)", "Needs (A)"), &scenario_comparison::needs_before, &scenario_comparison::needs_after);
  money_row(tr(l, "Nguồn vốn (B)", "Sources (B)"), &scenario_comparison::sources_before, &scenario_comparison::sources_after);
  money_row(tr(l, "Còn thiếu (A − B)", "Gap (A − B)"), &scenario_comparison::gap_before, &scenario_comparison::gap_after);
  money_row(tr(l, "Thiếu hụt tiền mặt trong năm", "In-year cash gap"), &scenario_comparison::in_year_gap_before,
            &scenario_comparison::in_year_gap_after);
  value_row(
      tr(l, "Thiếu tiền lần đầu", "First cash shortfall"), [](const scenario_comparison& c) { return c.first_short_before; },
      [](const scenario_comparison& c) { return c.first_short_after; },
      [&](const std::optional<date>& x) { return x ? date_text(*x, l) : std::string(tr(l, "không", "none")); },
      [&](const scenario_comparison& c) {
        return c.first_short_before != c.first_short_after ? std::string(tr(l, " (thay đổi)", " (changed)")) : std::string();
      });
  d.add(std::move(t));
  if (changed.empty())
    d.paragraph(cell(tr(l, "Không tiêu chí nào đổi ngày đạt hay trạng thái.", "No criterion changes its date or status."), tone::muted));
  // From the change that helps most to the one that hurts most (rank_scenarios).
  d.heading(tr(l, "Xếp hạng: thay đổi nào có lợi nhất", "Ranking: which change helps most"));
  std::vector<cell> ranked;
  for (std::size_t k : rank_scenarios(cs)) {
    const scenario_comparison& c = cs[k];
    const std::string name = c.name.get(l).empty() ? c.scenario : c.name.get(l);
    std::string why = c.goal.at_target_after == status::met
                          ? tr(l, "đạt chuẩn ", "goal met on ") + optional_date(c.goal.met_on_after, l)
                          : std::string(tr(l, "không đạt chuẩn đúng hạn", "goal missed at the target"));
    why += tr(l, "; thiếu hụt tiền mặt trong năm ", "; in-year cash gap ") + money_text(c.in_year_gap_after, l);
    const bool better = c.goal.at_target_after == status::met &&
                        (!c.goal.met_on_before || (c.goal.met_on_after && *c.goal.met_on_after < *c.goal.met_on_before) ||
                         c.in_year_gap_after < c.in_year_gap_before);
    const bool worse = c.goal.at_target_after != status::met && c.goal.at_target_before == status::met;
    ranked.emplace_back(name + ": " + why, better ? tone::good : worse ? tone::bad : tone::plain);
  }
  d.bullets(std::move(ranked));
  return d;
}

// ---- sensitivity ------------------------------------------------------------------------

std::vector<section_doc> sensitivity_sections(const sensitivity_report& s, const report_options& o, const plan_analysis* a) {
  const lang l = o.language;
  std::vector<section_doc> out;
  {
    section_doc d;
    d.id = "facts";
    d.title = tr(l, "Chỉ số cần thay đổi bao nhiêu", "How far the facts must move");
    if (s.facts.empty()) {
      d.paragraph(cell(tr(l, "Không có chỉ tiêu so sánh số nào chưa đạt.", "No unmet numeric comparison."), tone::muted));
    } else {
      table t;
      t.columns = {{tr(l, "Chỉ tiêu", "Indicator"), align::left, 30}, {tr(l, "Dữ liệu", "Fact")}, {tr(l, "Hiện tại", "Now"), align::right},
                   {tr(l, "Cần đạt", "Needed"), align::right}, {tr(l, "Thiếu", "Change"), align::right}, {"%", align::right}};
      for (const fact_gap& g : s.facts)
        t.rows.push_back({cell(name_of(a, g.indicator, l)), cell(g.fact, tone::code),
                          g.current ? cell(format_value(*g.current, l)) : cell(tr(l, "chưa biết", "unknown"), tone::warn),
                          cell(format_value(g.needed, l)), g.change ? cell(format_value(*g.change, l), tone::bad) : cell(""),
                          g.change_percent ? cell(percent(g.change_percent->to_double() / 100.0, l)) : cell("")});
      d.add(std::move(t));
    }
    out.push_back(std::move(d));
  }
  {
    section_doc d;
    d.id = "sets";
    d.title = tr(l, "Tập nội dung nhỏ nhất để đạt chuẩn", "Smallest sets of items reaching the goal");
    if (!s.reachable) {
      d.paragraph(cell(tr(l, "Hoàn thành mọi nội dung chưa đạt vẫn không đạt chuẩn.", "Completing every missing item does not reach the goal."),
                       tone::bad));
    } else {
      std::vector<cell> items;
      for (const auto& set : s.smallest_sets) {
        std::vector<std::string> names;
        for (const std::string& id : set) names.push_back(name_of(a, id, l));
        items.emplace_back(std::to_string(set.size()) + tr(l, " nội dung: ", " items: ") + join(names, ", "));
      }
      d.bullets(std::move(items));
      if (s.search_truncated)
        d.paragraph(cell(tr(l, "Việc tìm kiếm dừng ở giới hạn; có thể còn tập khác.", "The search stopped at its limit; there may be other sets."),
                         tone::warn));
    }
    out.push_back(std::move(d));
  }
  {
    section_doc d;
    d.id = "delays";
    d.title = tr(l, "Nhiệm vụ có thể chậm bao lâu", "How late each task may be");
    table t;
    t.columns = {{tr(l, "Nhiệm vụ", "Task"), align::left, 36},
                 {tr(l, "Thời gian dự trữ (ngày làm việc)", "Float (working days)"), align::right},
                 {tr(l, "Chậm 1 ngày lùi ngày đạt chuẩn", "A day late moves the goal"), align::left},
                 {tr(l, "Chậm thì lỡ hạn (ngày làm việc)", "Delay missing the target (working days)"), align::right}};
    for (const task_slack& k : s.tasks) {
      const std::string name = a ? task_name(plan_of(*a), k.task, l) : k.task;
      t.rows.push_back({cell(name == k.task ? k.task : k.task + " " + name), cell(std::to_string(k.total_float)),
                        cell(k.affects_goal ? tr(l, "có", "yes") : tr(l, "không", "no"), k.affects_goal ? tone::warn : tone::muted),
                        k.delay_to_miss ? cell(std::to_string(*k.delay_to_miss), *k.delay_to_miss <= 10 ? tone::bad : tone::plain)
                                        : cell(tr(l, "không lỡ", "never"), tone::good)});
    }
    d.add(std::move(t));
    out.push_back(std::move(d));
  }
  {
    section_doc d;
    d.id = "money";
    d.title = tr(l, "Tiền bổ sung để không thiếu tiền mặt", "Money that closes the cash gap");
    if (s.extra_money.dong() == 0) {
      d.paragraph(cell(tr(l, "Không thiếu tiền mặt.", "No cash shortfall."), tone::good));
    } else {
      d.facts({{tr(l, "Cần thêm", "Extra money"), cell(money_text(s.extra_money, l, true), tone::bad)},
               {tr(l, "Từ ngày", "From"), cell(s.extra_money_from ? date_text(*s.extra_money_from, l) : std::string())},
               {tr(l, "Kiểm tra lại dòng tiền", "Cash re-projected"),
                cell(s.extra_money_closes_gap ? tr(l, "hết thiếu hụt", "no shortfall left") : tr(l, "vẫn thiếu", "still short"),
                     s.extra_money_closes_gap ? tone::good : tone::bad)}});
    }
    out.push_back(std::move(d));
  }
  return out;
}

// ---- simulation -------------------------------------------------------------------------

std::vector<section_doc> simulation_sections(const simulation_result& r, const report_options& o) {
  const lang l = o.language;
  auto pdate = [&](const std::optional<date>& d) { return d ? date_text(*d, l) : std::string(tr(l, "không đạt", "never")); };
  std::vector<section_doc> out;
  {
    section_doc d;
    d.id = "summary";
    d.title = tr(l, "Khả năng đạt chuẩn", "Chance of meeting the goal");
    d.facts({{tr(l, "Số lần chạy", "Runs"), cell(std::to_string(r.runs) + tr(l, " (hạt giống ", " (seed ") + std::to_string(r.seed) + ")")},
             {tr(l, "Hạn", "Target"), cell(date_text(r.target, l))},
             {tr(l, "Xác suất đạt chuẩn đúng hạn", "Probability of meeting the goal by the target"),
              cell(percent(r.goal.probability_by_target, l), r.goal.probability_by_target >= 0.8 ? tone::good : tone::bad)},
             {tr(l, "Xác suất không đạt", "Probability never met"), cell(percent(r.goal.probability_never, l))},
             {"P50 / P80 / P95", cell(pdate(r.goal.p50) + " / " + pdate(r.goal.p80) + " / " + pdate(r.goal.p95))}});
    out.push_back(std::move(d));
  }
  {
    section_doc d;
    d.id = "criteria";
    d.title = tr(l, "Ngày đạt từng tiêu chí", "When each criterion is met");
    table t;
    t.columns = {{tr(l, "Tiêu chí", "Criterion")}, {tr(l, "Đúng hạn", "By target"), align::right}, {"P50"}, {"P80"}, {"P95"},
                 {tr(l, "Không đạt", "Never"), align::right}};
    for (const date_percentiles& c : r.criteria)
      t.rows.push_back({cell(c.id), cell(percent(c.probability_by_target, l), c.probability_by_target >= 0.8 ? tone::good : tone::bad),
                        cell(pdate(c.p50)), cell(pdate(c.p80)), cell(pdate(c.p95)), cell(percent(c.probability_never, l))});
    d.add(std::move(t));
    out.push_back(std::move(d));
  }
  {
    section_doc d;
    d.id = "gap";
    d.title = tr(l, "Thiếu hụt tiền mặt trong năm", "In-year cash gap");
    d.facts({{"P50 / P80 / P95", cell(money_text(r.gap_p50, l) + " / " + money_text(r.gap_p80, l) + " / " + money_text(r.gap_p95, l))},
             {tr(l, "Trung bình", "Mean"), cell(money_text(r.gap_mean, l))},
             {tr(l, "Nhỏ nhất – lớn nhất", "Min – max"), cell(money_text(r.gap_min, l) + " – " + money_text(r.gap_max, l))}});
    if (!r.gap_histogram.empty()) {
      std::size_t most = 1;
      for (const auto& b : r.gap_histogram) most = std::max(most, b.second);
      table t;
      t.columns = {{tr(l, "Từ", "From"), align::right}, {tr(l, "Số lần", "Runs"), align::right}, {""}};
      for (const auto& [from, n] : r.gap_histogram) {
        std::string bar;
        for (std::size_t k = 0; k < (n * 30 + most - 1) / most; ++k) bar += "█";
        t.rows.push_back({cell(money_text(from, l)), cell(std::to_string(n)), cell(bar, tone::muted)});
      }
      d.add(std::move(t));
    }
    out.push_back(std::move(d));
  }
  return out;
}

// ---- many units --------------------------------------------------------------------------

std::string scenario_label(const std::string& scenario, lang l) { return scenario.empty() ? tr(l, "Hiện tại", "Baseline") : scenario; }
std::string scenario_label(const batch_report& r, lang l) { return scenario_label(r.scenario, l); }

section_doc merge_section(const merge_result& m, const report_options& o);

std::vector<section_doc> rollup_sections(const std::vector<batch_report>& rs, const report_options& o) {
  const lang l = o.language;
  std::vector<section_doc> out;
  if (rs.empty()) return out;
  auto count_cell = [&](std::size_t n, std::size_t of, std::size_t base, bool first) {
    std::string text = std::to_string(n) + " (" + percent(of ? static_cast<double>(n) / static_cast<double>(of) : 0.0, l) + ")";
    if (first || n == base) return cell(text);
    return cell(text + (n > base ? " ▲" : " ▼"), n > base ? tone::good : tone::bad);
  };
  {
    section_doc d;
    d.id = "all";
    d.title = tr(l, "Toàn bộ đơn vị", "All units");
    table t;
    t.columns.push_back({tr(l, "Nội dung", "What"), align::left, 30});
    for (const batch_report& r : rs) t.columns.push_back({scenario_label(r, l), align::right});
    std::vector<cell> units{cell(tr(l, "Số đơn vị", "Units"))}, goal{cell(tr(l, "Đạt chuẩn", "Meeting the goal"), tone::strong)},
        money_row{cell(tr(l, "Kinh phí cần", "Money needed"))};
    for (std::size_t k = 0; k < rs.size(); ++k) {
      units.emplace_back(std::to_string(rs[k].all.units));
      goal.push_back(count_cell(rs[k].all.goal_met, rs[k].all.units, rs.front().all.goal_met, k == 0));
      money_row.emplace_back(money_text(rs[k].all.money_needed, l));
    }
    t.rows = {units, goal};
    for (std::size_t c = 0; c < rs.front().all.criteria_met.size(); ++c) {
      std::vector<cell> row{cell(rs.front().all.criteria_met[c].first)};
      for (std::size_t k = 0; k < rs.size(); ++k) {
        const std::size_t n = c < rs[k].all.criteria_met.size() ? rs[k].all.criteria_met[c].second : 0;
        row.push_back(count_cell(n, rs[k].all.units, rs.front().all.criteria_met[c].second, k == 0));
      }
      t.rows.push_back(std::move(row));
    }
    t.rows.push_back(money_row);
    d.add(std::move(t));
    out.push_back(std::move(d));
  }
  if (!rs.front().districts.empty()) {
    section_doc d;
    d.id = "districts";
    d.title = tr(l, "Theo huyện", "By district");
    table t;
    t.columns = {{tr(l, "Huyện", "District")}, {tr(l, "Tỉnh", "Province")}, {tr(l, "Số đơn vị", "Units"), align::right}};
    for (const batch_report& r : rs) t.columns.push_back({tr(l, "Đạt chuẩn — ", "Goal met — ") + scenario_label(r, l), align::right});
    for (std::size_t a = 0; a < rs.front().districts.size(); ++a) {
      const area_rollup& base = rs.front().districts[a];
      std::vector<cell> row{cell(base.area), cell(base.province), cell(std::to_string(base.units))};
      for (std::size_t k = 0; k < rs.size(); ++k) {
        const std::size_t n = a < rs[k].districts.size() ? rs[k].districts[a].goal_met : 0;
        row.push_back(count_cell(n, base.units, base.goal_met, k == 0));
      }
      t.rows.push_back(std::move(row));
    }
    d.add(std::move(t));
    out.push_back(std::move(d));
  }
  {
    section_doc d;
    d.id = "missing";
    d.title = tr(l, "Nội dung thiếu phổ biến và đơn vị gần đạt nhất", "Most common missing items and units closest to the goal");
    for (const batch_report& r : rs) {
      d.heading(scenario_label(r, l));
      table t;
      t.columns = {{tr(l, "Nội dung", "Item")}, {tr(l, "Số đơn vị thiếu", "Units missing it"), align::right}};
      for (const auto& [item, n] : r.all.common_missing) t.rows.push_back({cell(item, tone::code), cell(std::to_string(n))});
      d.add(std::move(t));
      if (!r.all.closest.empty())
        d.paragraph(cell(tr(l, "Gần đạt nhất: ", "Closest: ") + join(r.all.closest, ", ")));
    }
    out.push_back(std::move(d));
  }
  for (const batch_report& r : rs)
    for (const merge_result& m : r.merges) {
      section_doc d = merge_section(m, o);
      d.title += " (" + scenario_label(r, l) + ")";
      out.push_back(std::move(d));
    }
  return out;
}

// ---- a simulation across units --------------------------------------------------------------

std::string expected_text(const area_chance& a, lang l) {
  return one_decimal(a.expected_goal_met, l) + " (" + std::to_string(a.goal_met_p5) + "–" + std::to_string(a.goal_met_p95) + ")";
}

std::vector<section_doc> unit_simulation_sections(const std::vector<units_simulation>& rs, const report_options& o) {
  const lang l = o.language;
  std::vector<section_doc> out;
  if (rs.empty()) return out;
  const units_simulation& first = rs.front();
  {
    section_doc d;
    d.id = "all";
    d.title = tr(l, "Toàn bộ đơn vị", "All units");
    d.facts({{tr(l, "Số lần mô phỏng", "Runs"), cell(std::to_string(first.runs) + tr(l, " (hạt giống ", " (seed ") + std::to_string(first.seed) + ")")},
             {tr(l, "Ngày đánh giá", "Assessed on"), cell(date_text(first.at, l))},
             {tr(l, "Số năm tăng trưởng", "Years of growth"), cell(std::to_string(first.years))},
             {tr(l, "Mục tiêu", "Goal"), cell(first.goal, tone::code)}});
    table t;
    t.columns.push_back({tr(l, "Nội dung", "What"), align::left, 34});
    for (const units_simulation& r : rs) t.columns.push_back({scenario_label(r.scenario, l), align::right});
    std::vector<cell> units{cell(tr(l, "Số đơn vị", "Units"))}, goal{cell(tr(l, "Đạt chuẩn: kỳ vọng (P5–P95)", "Meeting the goal: expected (P5–P95)"), tone::strong)},
        certain{cell(tr(l, "Chắc chắn đạt (mọi lần)", "Certain (every run)"))}, never{cell(tr(l, "Không lần nào đạt", "In no run"))};
    for (const units_simulation& r : rs) {
      units.emplace_back(std::to_string(r.all.units));
      goal.emplace_back(expected_text(r.all, l));
      certain.emplace_back(std::to_string(r.all.certain));
      never.emplace_back(std::to_string(r.all.never));
    }
    t.rows = {units, goal, certain, never};
    for (std::size_t c = 0; c < first.criteria.size(); ++c) {
      std::vector<cell> row{cell(first.criteria[c])};
      for (const units_simulation& r : rs) row.emplace_back(one_decimal(c < r.all.expected_criteria_met.size() ? r.all.expected_criteria_met[c] : 0.0, l));
      t.rows.push_back(std::move(row));
    }
    d.add(std::move(t));
    out.push_back(std::move(d));
  }
  if (!first.districts.empty()) {
    section_doc d;
    d.id = "districts";
    d.title = tr(l, "Theo huyện: số đơn vị đạt chuẩn kỳ vọng (P5–P95)", "By district: units expected to meet the goal (P5–P95)");
    table t;
    t.columns = {{tr(l, "Huyện", "District")}, {tr(l, "Tỉnh", "Province")}, {tr(l, "Số đơn vị", "Units"), align::right}};
    for (const units_simulation& r : rs) t.columns.push_back({scenario_label(r.scenario, l), align::right});
    for (std::size_t a = 0; a < first.districts.size(); ++a) {
      const area_chance& base = first.districts[a];
      std::vector<cell> row{cell(base.area), cell(base.province), cell(std::to_string(base.units))};
      for (const units_simulation& r : rs) row.emplace_back(a < r.districts.size() ? expected_text(r.districts[a], l) : std::string());
      t.rows.push_back(std::move(row));
    }
    d.add(std::move(t));
    out.push_back(std::move(d));
  }
  if (!first.units.empty()) {
    section_doc d;
    d.id = "uncertain";
    d.title = tr(l, "Đơn vị chưa chắc chắn: khả năng đạt chuẩn cao nhất", "Units in doubt: the most likely to meet the goal");
    for (const units_simulation& r : rs) {
      std::vector<const unit_chance*> doubt;
      for (const unit_chance& u : r.units)
        if (u.goal > 0 && u.goal < 1) doubt.push_back(&u);
      std::stable_sort(doubt.begin(), doubt.end(), [](const unit_chance* a, const unit_chance* b) { return a->goal > b->goal; });
      if (doubt.size() > 10) doubt.resize(10);
      d.heading(scenario_label(r.scenario, l));
      if (doubt.empty()) {
        d.paragraph(cell(tr(l, "Không có: mỗi đơn vị hoặc luôn đạt hoặc không bao giờ đạt.", "None: every unit meets the goal in every run or in none."), tone::muted));
        continue;
      }
      table t;
      t.columns = {{tr(l, "Đơn vị", "Unit")}, {tr(l, "Tên", "Name")}, {tr(l, "Huyện", "District")}, {tr(l, "Khả năng đạt", "Probability"), align::right}};
      for (const unit_chance* u : doubt) t.rows.push_back({cell(u->id, tone::code), cell(u->name), cell(u->district), cell(percent(u->goal, l))});
      d.add(std::move(t));
    }
    out.push_back(std::move(d));
  }
  return out;
}

// ---- units that merge -------------------------------------------------------------------

section_doc merge_section(const merge_result& m, const report_options& o) {
  const lang l = o.language;
  section_doc d;
  d.id = "merge";
  d.title = tr(l, "Hợp nhất thành ", "Merged into ") + m.id;
  std::vector<std::string> units;
  for (const auto& part : m.parts) units.push_back(part.first);
  auto listed = [&](const std::vector<std::string>& ids, tone t) {
    return ids.empty() ? cell(tr(l, "không có", "none"), tone::muted) : cell(std::to_string(ids.size()) + ": " + join(ids, ", "), t);
  };
  d.facts({{tr(l, "Các đơn vị", "Units"), cell(join(units, " + "))},
           {tr(l, "Ngày đánh giá", "Assessed on"), cell(date_text(m.merged.at, l))},
           {tr(l, "Giữ được", "Kept"), listed(m.kept, tone::good)},
           {tr(l, "Mất", "Lost"), listed(m.lost, tone::bad)},
           {tr(l, "Có thêm", "Gained"), listed(m.gained, tone::good)}});
  table t;
  t.columns = {{tr(l, "Tiêu chí", "Criterion")}, {tr(l, "Tên", "Name"), align::left, 30}};
  for (const std::string& u : units) t.columns.push_back({u});
  t.columns.push_back({tr(l, "Sau hợp nhất", "Merged")});
  t.columns.push_back({""});
  auto has = [](const std::vector<std::string>& ids, const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
  auto row = [&](const rule_outcome& r, bool strong) {
    std::vector<cell> cells{cell(r.id, strong ? tone::strong : tone::plain), cell(r.name.get(l), strong ? tone::strong : tone::plain)};
    for (const auto& part : m.parts) {
      const rule_outcome* x = part.second.find(r.id);
      cells.push_back(status_cell(x ? x->result : status::unknown, l));
    }
    cells.push_back(status_cell(r.result, l));
    cells.push_back(has(m.lost, r.id) ? cell(tr(l, "mất", "lost"), tone::bad)
                    : has(m.gained, r.id) ? cell(tr(l, "có thêm", "gained"), tone::good)
                                          : cell(""));
    t.rows.push_back(std::move(cells));
  };
  row(m.merged.standard(), true);
  for (const rule_outcome* c : m.merged.criteria()) row(*c, false);
  d.add(std::move(t));
  return d;
}

}  // namespace

std::string render_merge(const merge_result& result, report_format format, const report_options& options) {
  if (format == report_format::json) return to_json(result);
  return guarded([&]() -> std::string {
    return render_documents(tr(options.language, "Hợp nhất đơn vị", "Units that merge"), {}, {merge_section(result, options)}, format, options);
  }, format);
}

std::string render_comparison(const std::vector<scenario_comparison>& comparisons, report_format format, const report_options& options,
                              const plan_analysis* baseline) {
  if (format == report_format::json) return to_json(comparisons);
  return guarded([&]() -> std::string {
    const lang l = options.language;
    return render_documents(tr(l, "Phân tích kịch bản", "Scenario analysis"), baseline ? unit_text(plan_of(*baseline), l) : std::string(),
                            {comparison_section(comparisons, options, baseline)}, format, options);
  }, format);
}

std::string render_sensitivity(const sensitivity_report& report, report_format format, const report_options& options,
                               const plan_analysis* baseline) {
  if (format == report_format::json) return to_json(report);
  return guarded([&]() -> std::string {
    const lang l = options.language;
    return render_documents(tr(l, "Phân tích độ nhạy", "Sensitivity"), baseline ? unit_text(plan_of(*baseline), l) : std::string(),
                            sensitivity_sections(report, options, baseline), format, options);
  }, format);
}

std::string render_units_simulation(const std::vector<units_simulation>& results, report_format format, const report_options& options) {
  if (format == report_format::json) {
    std::string out = "[";
    for (const units_simulation& r : results) out += (out.size() > 1 ? "," : "") + to_json(r, false);
    return out + "]\n";
  }
  return guarded([&]() -> std::string {
    return render_documents(tr(options.language, "Mô phỏng Monte Carlo nhiều đơn vị", "Monte Carlo across units"), {}, unit_simulation_sections(results, options),
                            format, options);
  }, format);
}

std::string render_simulation(const simulation_result& result, report_format format, const report_options& options) {
  if (format == report_format::json) return to_json(result);
  return guarded([&]() -> std::string {
    return render_documents(tr(options.language, "Mô phỏng Monte Carlo", "Monte Carlo simulation"), {}, simulation_sections(result, options),
                            format, options);
  }, format);
}

std::string render_rollups(const std::vector<batch_report>& reports, report_format format, const report_options& options) {
  if (format == report_format::json) {
    std::string out = "[";
    for (const batch_report& r : reports) out += (out.size() > 1 ? "," : "") + to_json(r, false);
    return out + "]\n";
  }
  return guarded([&]() -> std::string {
    return render_documents(tr(options.language, "Tổng hợp nhiều đơn vị", "Many units"), {}, rollup_sections(reports, options), format, options);
  }, format);
}

NTM_END_NAMESPACE
