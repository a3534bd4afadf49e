// SPDX-License-Identifier: MIT
/// @file
/// Reports of a plan's analysis for a committee: the summary, the criteria table, the missing
/// items, the schedule, the responsibilities matrix, the funding, the cash position and the
/// check of the document's statuses, each alone or all together, as aligned text (optionally
/// coloured for a terminal), Markdown, JSON (schemas/analysis.schema.json) or one
/// self-contained HTML page. Vietnamese by default, English on request; money as "23,8 tỷ
/// đồng", dates as "31/12/2023". Deterministic: the same analysis gives the same bytes.
///
/// Example:
/// @code
///   auto p = ntm::load_plan("examples/thach-loi-2023/plan.json");
///   auto a = ntm::analyze(*p);
///   std::cout << ntm::render_report(*a, ntm::report_format::text);
///   std::ofstream("report.html") << ntm::render_report(*a, ntm::report_format::html);
/// @endcode
#ifndef NTM_REPORT_REPORT_HPP_
#define NTM_REPORT_REPORT_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>
#include <ntm/io/json.hpp>
#include <ntm/plan/analysis.hpp>
#include <ntm/rules/assessment.hpp>

NTM_BEGIN_NAMESPACE

/// The output formats of a report.
enum class report_format : std::uint8_t {
  text,      ///< columns aligned by display width, for a terminal or a plain-text mail
  markdown,  ///< GitHub-flavoured Markdown (tables; the Gantt chart as a Mermaid block)
  json,      ///< data for programs, described by schemas/analysis.schema.json
  html,      ///< one self-contained page: inline CSS and SVG, no scripts, print-friendly
};
/// "text", "markdown", "json", "html".
NTM_API const char* to_string(report_format f) noexcept;
/// The inverse of to_string (also "txt", "md", "htm"); `errc::invalid_value` otherwise.
NTM_API result<report_format> parse_report_format(std::string_view name);

/// The sections of a report, in the order the whole report shows them.
enum class report_section : std::uint8_t {
  summary,           ///< unit, document, baseline, projected date, critical path, A/B/gap, in-year gap
  criteria,          ///< each criterion: status and shortfall at the baseline, date met, lead body
  missing,           ///< each missing item: who leads and supports, the tasks, dates, cost
  schedule,          ///< the task table (dates, float, critical) and the Gantt chart
  responsibilities,  ///< bodies × criteria: leads (chủ trì), supports (phối hợp); criteria with no lead
  funding,           ///< needs, sources and their conditions, A, B (computed and stated), the gap
  cash,              ///< the cash position over time: first shortfall, in-year gap, late sources
  statuses,          ///< the document's statuses against the computed ones
  graphs,            ///< the task DAG and the rule DAG as Graphviz DOT (HTML: drawn when options.dot_to_svg is set)
};
/// "summary", "criteria", "missing", "schedule", "responsibilities", "funding", "cash", "statuses", "graphs".
NTM_API const char* to_string(report_section s) noexcept;
/// The inverse of to_string; `errc::invalid_value` otherwise.
NTM_API result<report_section> parse_report_section(std::string_view name);
/// Every section, in report order.
inline constexpr std::array<report_section, 9> all_report_sections = {
    report_section::summary,          report_section::criteria, report_section::missing, report_section::schedule,
    report_section::responsibilities, report_section::funding,  report_section::cash,    report_section::statuses,
    report_section::graphs};

/// How Mermaid Gantt text groups its tasks.
enum class gantt_grouping : std::uint8_t {
  criterion,  ///< a section per criterion (tasks serving none under "chung" / "general")
  body,       ///< a section per lead body
};

/// Options of every renderer.
struct report_options {
  lang language = lang::vi;            ///< labels, names and number formats
  bool colour = false;                 ///< text: ANSI colours (for a terminal)
  std::optional<date> today;           ///< charts: a "today" line (e.g. the review date)
  gantt_grouping grouping = gantt_grouping::criterion;  ///< Mermaid sections
  int chart_width = 1100;              ///< SVG charts: width in pixels (600–4000)
  std::size_t max_cell_width = 44;     ///< text: cells wider than this wrap (display columns, ≥ 8)
  std::vector<report_section> sections;  ///< render_report: these sections in this order (empty: all)
  /// HTML, section graphs: draws a DOT graph as SVG (e.g. with Graphviz `dot -Tsvg`, as the
  /// `ntm` program does when it is installed); "" when it cannot. Null, or "": the DOT text
  /// is shown, folded. Called with `dot_to_svg_payload`.
  std::string (*dot_to_svg)(const std::string& dot, void* payload) = nullptr;
  void* dot_to_svg_payload = nullptr;
};

/// One section in `format` (HTML: a fragment without the page around it; JSON: an object
/// with the section's members of the whole document). Never fails; a plan_analysis without
/// its plan (`source` null) renders what the analysis alone holds.
NTM_API std::string render_section(const plan_analysis& a, report_section s, report_format format,
                                   const report_options& options = {});

/// The whole report: every section (or `options.sections`) in order, with a title (HTML: one
/// complete page; JSON: the whole analysis, or one section's members when exactly one is chosen).
NTM_API std::string render_report(const plan_analysis& a, report_format format, const report_options& options = {});

/// One unit's assessment: the standard, then each criterion with its indicators, their
/// statuses and the sentence explaining each (shortfalls, missing facts). JSON: as
/// `to_json(assessment)`.
NTM_API std::string render_assessment(const assessment& a, report_format format, const report_options& options = {});

/// The analysis as JSON for programs (schemas/analysis.schema.json): the plan's identity,
/// the summary, every criterion's projection, the missing items, the schedule (as
/// `to_json(schedule_result)`), the tasks, the responsibilities, the funding with its stated
/// checks, the cash position, the status checks and both assessments (as
/// `to_json(assessment)`). Money in whole đồng, dates ISO 8601.
NTM_API std::string to_json(const plan_analysis& a, lang l = lang::vi);

NTM_END_NAMESPACE

#endif  // NTM_REPORT_REPORT_HPP_
