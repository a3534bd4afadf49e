// SPDX-License-Identifier: MIT
// Private: the report's sections as documents, the charts as SVG elements (for embedding in
// a page), and the JSON members of each section.
#ifndef NTM_SRC_REPORT_SECTIONS_HPP_
#define NTM_SRC_REPORT_SECTIONS_HPP_

#include <string>

#include <ntm/report/report.hpp>

#include "report/document.hpp"

NTM_BEGIN_NAMESPACE
namespace report_internal {

/// A section's title in the options' language.
std::string section_title(report_section s, lang l);
/// The report's title: the plan's title, or a generic one.
std::string report_title(const plan_analysis& a, lang l);
/// A section as a document.
section_doc make_section(const plan_analysis& a, report_section s, const report_options& o);

/// The Gantt chart and the cash chart as `<svg>` elements (no XML declaration).
std::string gantt_svg_element(const plan_analysis& a, const report_options& o);
std::string cash_svg_element(const plan_analysis& a, const report_options& o);

/// JSON text of one section's members, or of the whole analysis (`whole`).
std::string json_text(const plan_analysis& a, const report_section* s, lang l);

/// The complete HTML page.
std::string html_page(const plan_analysis& a, const report_options& o);

}  // namespace report_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_REPORT_SECTIONS_HPP_
