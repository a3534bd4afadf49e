// SPDX-License-Identifier: MIT
// The report's entry points: one section or the whole report in a format.
#include <ntm/report/report.hpp>

#include <exception>
#include <new>

#include "report/model.hpp"
#include "report/sections.hpp"

NTM_BEGIN_NAMESPACE

using namespace report_internal;

namespace {

constexpr const char* format_names[] = {"text", "markdown", "json", "html"};
constexpr const char* section_names[] = {"summary", "criteria", "missing", "schedule",
                                         "responsibilities", "funding", "cash", "statuses", "graphs"};

}  // namespace

const char* to_string(report_format f) noexcept {
  const auto k = static_cast<std::size_t>(f);
  return k < 4 ? format_names[k] : "";
}

result<report_format> parse_report_format(std::string_view name) {
  for (std::size_t k = 0; k < 4; ++k)
    if (name == format_names[k]) return static_cast<report_format>(k);
  if (name == "txt") return report_format::text;
  if (name == "md") return report_format::markdown;
  if (name == "htm") return report_format::html;
  return fail(errc::invalid_value, "unknown report format \"" + std::string(name) + "\": use text, markdown, json or html");
}

const char* to_string(report_section s) noexcept {
  const auto k = static_cast<std::size_t>(s);
  return k < 9 ? section_names[k] : "";
}

result<report_section> parse_report_section(std::string_view name) {
  for (std::size_t k = 0; k < 9; ++k)
    if (name == section_names[k]) return static_cast<report_section>(k);
  return fail(errc::invalid_value, "unknown report section \"" + std::string(name) +
                                       "\": use summary, criteria, missing, schedule, responsibilities, funding, cash, statuses or graphs");
}

std::string render_section(const plan_analysis& a, report_section s, report_format format, const report_options& options) {
  return guarded(
      [&]() -> std::string {
        switch (format) {
          case report_format::text: return write_text(make_section(a, s, options), options);
          case report_format::markdown: return write_markdown(make_section(a, s, options), options, 2);
          case report_format::html: return write_html(make_section(a, s, options), options);
          case report_format::json: return json_text(a, &s, options.language);
        }
        return {};
      },
      format);
}

std::string render_report(const plan_analysis& a, report_format format, const report_options& options) {
  return guarded(
      [&]() -> std::string {
        const lang l = options.language;
        if (format == report_format::json) return json_text(a, options.sections.size() == 1 ? &options.sections.front() : nullptr, l);
        if (format == report_format::html) return html_page(a, options);
        std::vector<section_doc> docs;
        for (report_section s : chosen_sections(options)) docs.push_back(make_section(a, s, options));
        return render_documents(report_title(a, l), unit_text(plan_of(a), l), docs, format, options);
      },
      format);
}

namespace report_internal {

std::vector<report_section> chosen_sections(const report_options& o) {
  if (!o.sections.empty()) return o.sections;
  return {all_report_sections.begin(), all_report_sections.end()};
}

std::string render_documents(const std::string& title, const std::string& subtitle, const std::vector<section_doc>& sections,
                             report_format format, const report_options& o) {
  std::string out;
  switch (format) {
    case report_format::text: {
      out = title + "\n";
      for (std::size_t k = 0; k < display_width(title); ++k) out += "═";
      out += "\n";
      if (!subtitle.empty()) out += subtitle + "\n";
      for (const section_doc& d : sections) out += "\n\n" + write_text(d, o);
      return out;
    }
    case report_format::markdown: {
      out = "# " + markdown_escape(title) + "\n";
      if (!subtitle.empty()) out += "\n" + markdown_escape(subtitle) + "\n";
      for (const section_doc& d : sections) out += "\n" + write_markdown(d, o, 2);
      return out;
    }
    case report_format::html: return html_document(title, subtitle, sections, o);
    case report_format::json: break;
  }
  return out;
}

}  // namespace report_internal

std::string to_json(const plan_analysis& a, lang l) {
  report_options o;
  o.language = l;
  return render_report(a, report_format::json, o);
}

NTM_END_NAMESPACE
