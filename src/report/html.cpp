// SPDX-License-Identifier: MIT
// The whole report as one self-contained HTML page (well-formed XML too: it parses as XHTML).
#include <ntm/version.hpp>

#include "report/model.hpp"
#include "report/sections.hpp"

NTM_BEGIN_NAMESPACE
namespace report_internal {

namespace {

constexpr const char* style = R"css(
:root { --bad: #b03a2e; --good: #1e8449; --warn: #9a6700; --muted: #5d6d7e; --line: #d5d8dc; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 14px; line-height: 1.45; color: #1b2631;
       margin: 0 auto; max-width: 1180px; padding: 24px; background: #ffffff; }
header { border-bottom: 3px solid #1f4e79; margin-bottom: 16px; }
h1 { font-size: 24px; margin: 0 0 4px; color: #1f4e79; }
h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); color: #1f4e79; }
h3 { font-size: 15px; margin: 18px 0 6px; }
header p { margin: 2px 0 10px; color: var(--muted); }
nav ul { list-style: none; padding: 0; margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
nav a { color: #1f4e79; text-decoration: none; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 8px 0; }
dl.facts dt { font-weight: bold; color: #34495e; }
dl.facts dd { margin: 0; }
div.table { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 7px; vertical-align: top; text-align: left; }
th { background: #eaf0f6; }
tbody tr:nth-child(even) { background: #f8f9f9; }
.num { text-align: right; white-space: nowrap; }
.good { color: var(--good); }
.bad { color: var(--bad); font-weight: bold; }
.warn { color: var(--warn); background: #fff4d6; }
.muted { color: var(--muted); }
.strong { font-weight: bold; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
figure { margin: 12px 0; }
svg { max-width: 100%; height: auto; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 6px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav { display: none; }
  section { break-inside: avoid-page; }
  table, figure, dl { break-inside: avoid; }
  h2 { break-after: avoid; }
  div.table { overflow: visible; }
  .warn { background: none; }
}
)css";

}  // namespace

std::string html_document(const std::string& title, const std::string& subtitle, const std::vector<section_doc>& sections,
                          const report_options& o) {
  const lang l = o.language;
  std::string out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"";
  out += l == lang::en ? "en" : "vi";
  out += "\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += "<meta name=\"generator\" content=\"ntm " NTM_VERSION_STRING "\"/>\n";
  out += "<title>" + xml_escape(title) + "</title>\n<style>" + std::string(style) + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>" + xml_escape(title) + "</h1>\n";
  if (!subtitle.empty()) out += "<p>" + xml_escape(subtitle) + "</p>\n";
  if (sections.size() > 1) {
    out += "<nav><ul>\n";
    for (const section_doc& d : sections) out += "<li><a href=\"#" + xml_escape(d.id) + "\">" + xml_escape(d.title) + "</a></li>\n";
    out += "</ul></nav>\n";
  }
  out += "</header>\n<main>\n";
  for (const section_doc& d : sections) out += write_html(d, o);
  out += "</main>\n<footer>" + xml_escape(tr(l, "Lập bằng ntm ", "Made with ntm ")) + NTM_VERSION_STRING + " · " +
         xml_escape(tr(l, "Số tiền làm tròn đến hai chữ số thập phân của đơn vị; ngày theo lịch dương.",
                       "Amounts rounded to two decimals of their unit; dates in the Gregorian calendar.")) +
         "</footer>\n</body>\n</html>\n";
  return out;
}

std::string html_page(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  std::string sub = unit_text(p, l);
  if (!p.document.title.empty()) sub += (sub.empty() ? "" : " — ") + p.document.title.get(l);
  if (!p.document.issuer.empty()) sub += " (" + p.document.issuer + ")";
  std::vector<section_doc> docs;
  for (report_section s : chosen_sections(o)) docs.push_back(make_section(a, s, o));
  return html_document(report_title(a, l), sub, docs, o);
}

}  // namespace report_internal
NTM_END_NAMESPACE
