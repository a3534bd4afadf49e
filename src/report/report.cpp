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
                                         "responsibilities", "funding", "cash", "statuses"};

// Runs a renderer; an unexpected failure (a bug) becomes a one-line note in the output
// instead of an exception crossing the API. Out of memory still propagates.
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
  return k < 8 ? section_names[k] : "";
}

result<report_section> parse_report_section(std::string_view name) {
  for (std::size_t k = 0; k < 8; ++k)
    if (name == section_names[k]) return static_cast<report_section>(k);
  return fail(errc::invalid_value, "unknown report section \"" + std::string(name) +
                                       "\": use summary, criteria, missing, schedule, responsibilities, funding, cash or statuses");
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
        const std::string title = report_title(a, l);
        const std::string unit = unit_text(plan_of(a), l);
        switch (format) {
          case report_format::text: {
            std::string out = title + "\n";
            std::string rule;
            for (std::size_t k = 0; k < display_width(title); ++k) rule += "═";
            out += rule + "\n";
            if (!unit.empty()) out += unit + "\n";
            for (report_section s : all_report_sections) out += "\n\n" + write_text(make_section(a, s, options), options);
            return out;
          }
          case report_format::markdown: {
            std::string out = "# " + markdown_escape(title) + "\n";
            if (!unit.empty()) out += "\n" + markdown_escape(unit) + "\n";
            for (report_section s : all_report_sections) out += "\n" + write_markdown(make_section(a, s, options), options, 2);
            return out;
          }
          case report_format::html: return html_page(a, options);
          case report_format::json: return json_text(a, nullptr, l);
        }
        return {};
      },
      format);
}

std::string to_json(const plan_analysis& a, lang l) {
  report_options o;
  o.language = l;
  return render_report(a, report_format::json, o);
}

NTM_END_NAMESPACE
