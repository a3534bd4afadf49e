// SPDX-License-Identifier: MIT
/// @file
/// Charts of a plan's analysis: the Gantt chart as standalone SVG and as Mermaid text, and
/// the pooled cash position as an SVG step chart. The SVG is UTF-8, well-formed XML with no
/// external resources or scripts; the same analysis gives the same bytes.
///
/// Example (write the Thạch Lỗi Gantt chart to a file):
/// @code
///   auto p = ntm::load_plan("examples/thach-loi-2023/plan.json");
///   auto a = ntm::analyze(*p);
///   std::ofstream("gantt.svg") << ntm::to_gantt_svg(*a);
/// @endcode
#ifndef NTM_REPORT_CHARTS_HPP_
#define NTM_REPORT_CHARTS_HPP_

#include <string>

#include <ntm/plan/analysis.hpp>
#include <ntm/report/report.hpp>

NTM_BEGIN_NAMESPACE

/// The Gantt chart as a standalone SVG document: one row per task (its name in the options'
/// language), a month grid over the plan's span, bars from early start to early finish with
/// the total float after them, critical tasks in red, milestones as diamonds, a flag on the
/// date each criterion (and the goal) becomes met ("TC5 ✓ 28/06"), the target date as a
/// vertical line, `options.today` as another, and a legend.
NTM_API std::string to_gantt_svg(const plan_analysis& a, const report_options& options = {});

/// The Gantt chart as Mermaid text (`gantt`, `dateFormat YYYY-MM-DD`): sections by criterion
/// or by lead body (`options.grouping`), `crit` on critical tasks, `done`/`active` from
/// actuals, milestones, and a last section with the dates the criteria and the goal are met.
/// ':', '#', ';', '<', '>' and '"' in names are written as Mermaid entity codes (#58; …).
NTM_API std::string to_mermaid_gantt(const plan_analysis& a, const report_options& options = {});

/// The pooled cash position (all arrivals minus all payments) by day over the plan's period
/// as a standalone SVG step chart, with the zero line, the part below zero shaded, and the
/// first shortfall and the lowest point marked.
NTM_API std::string to_cash_svg(const plan_analysis& a, const report_options& options = {});

NTM_END_NAMESPACE

#endif  // NTM_REPORT_CHARTS_HPP_
