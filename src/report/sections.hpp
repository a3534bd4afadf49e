// SPDX-License-Identifier: MIT
// Private: the report's sections as documents, the charts as SVG elements (for embedding in
// a page), and the JSON members of each section.
#ifndef NTM_SRC_REPORT_SECTIONS_HPP_
#define NTM_SRC_REPORT_SECTIONS_HPP_

#include <exception>
#include <new>
#include <string>
#include <vector>

#include <ntm/report/report.hpp>

#include "report/document.hpp"

NTM_BEGIN_NAMESPACE
namespace report_internal {

/// A status as a coloured cell ("đạt", "không đạt"…), with an optional detail in brackets.
cell status_cell(status s, lang l, const std::string& detail = {});
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

/// The sections a whole report shows: `o.sections`, or all.
std::vector<report_section> chosen_sections(const report_options& o);
/// The complete HTML page.
std::string html_page(const plan_analysis& a, const report_options& o);
/// A complete HTML page of sections under a title (a table of contents when more than one).
std::string html_document(const std::string& title, const std::string& subtitle, const std::vector<section_doc>& sections,
                          const report_options& o);
/// Sections under a title as text, Markdown or a complete HTML page (not JSON).
std::string render_documents(const std::string& title, const std::string& subtitle, const std::vector<section_doc>& sections,
                             report_format format, const report_options& o);

/// Runs a renderer; an unexpected failure (a bug) becomes a one-line note in the output
/// instead of an exception crossing the API. Out of memory still propagates.
template <class F>
std::string guarded(F&& render, report_format f) {
  try {
    return render();
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    const std::string msg = std::string("ntm: the report could not be rendered: ") + e.what();
    if (f == report_format::json) {
      std::string text;
      for (char c : msg)
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) text += c;
      return "{\"error\": \"" + text + "\"}\n";
    }
    if (f == report_format::html) return "<p class=\"error\">" + xml_escape(msg) + "</p>\n";
    return msg + "\n";
  }
}

}  // namespace report_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_REPORT_SECTIONS_HPP_
