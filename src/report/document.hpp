// SPDX-License-Identifier: MIT
// Private: a report section as a small document (facts, tables, paragraphs, figures) and its
// writers to aligned text, Markdown and HTML, with the escaping each format needs.
#ifndef NTM_SRC_REPORT_DOCUMENT_HPP_
#define NTM_SRC_REPORT_DOCUMENT_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/report/report.hpp>

NTM_BEGIN_NAMESPACE
namespace report_internal {

/// How a piece of text is to be shown: colour in a terminal, bold in Markdown, a class in HTML.
enum class tone : std::uint8_t { plain, good, bad, warn, muted, strong, code };

/// A piece of text with its tone.
struct cell {
  std::string text;
  tone t = tone::plain;
  cell() = default;
  cell(std::string s, tone k = tone::plain) : text(std::move(s)), t(k) {}  // NOLINT: implicit from text
  cell(const char* s, tone k = tone::plain) : text(s), t(k) {}             // NOLINT
};

enum class align : std::uint8_t { left, right };

/// A table column: header, alignment, and the widest its text cells may be before wrapping
/// (0: the options' default).
struct column {
  std::string header;
  align a = align::left;
  std::size_t max_width = 0;
};

struct table {
  std::vector<column> columns;
  std::vector<std::vector<cell>> rows;
};

/// A labelled value ("Đơn vị: xã Thạch Lỗi").
struct fact {
  std::string label;
  cell value;
};

/// One block of a section.
struct block {
  enum class kind : std::uint8_t { paragraph, bullets, facts, table, figure, heading, code } k = kind::paragraph;
  std::vector<cell> lines;  ///< paragraph (one), bullets, heading (one)
  std::vector<fact> facts;
  report_internal::table tbl;
  std::string svg;          ///< figure: inline SVG for HTML
  std::string mermaid;      ///< figure: Mermaid text for Markdown
  std::string code;         ///< code: source text (Markdown: fenced; HTML: folded; text: left out)
  std::string code_language;  ///< code: "dot"
};

/// A section: an anchor id, a title and its blocks.
struct section_doc {
  std::string id;
  std::string title;
  std::vector<block> blocks;

  void paragraph(cell c);
  void heading(std::string text);
  void bullets(std::vector<cell> items);
  void facts(std::vector<fact> items);
  void add(table t);
  void figure(std::string svg, std::string mermaid);
  void code(std::string text, std::string language);
};

/// Display width of UTF-8 text: code points, not counting combining marks (U+0300–U+036F)
/// and zero-width joiners, so decomposed Vietnamese aligns like precomposed.
std::size_t display_width(std::string_view text) noexcept;
/// Breaks `text` into lines of at most `width` display columns at spaces (a longer word is
/// cut); existing line breaks are kept. `width` 0: no wrapping.
std::vector<std::string> wrap(std::string_view text, std::size_t width);
/// The first `width` display columns of `text`, with "…" when it was cut.
std::string truncate(std::string_view text, std::size_t width);

/// &, <, >, " and ' as XML character references; invalid UTF-8 bytes as U+FFFD; control
/// characters other than tab and line feed dropped (they are not allowed in XML).
std::string xml_escape(std::string_view text);
/// Markdown-escaped text (CommonMark backslash escapes; line breaks become spaces).
std::string markdown_escape(std::string_view text);

/// Writers. `o.colour` adds ANSI colours to text.
std::string write_text(const section_doc& s, const report_options& o);
std::string write_markdown(const section_doc& s, const report_options& o, int level);
std::string write_html(const section_doc& s, const report_options& o);

}  // namespace report_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_REPORT_DOCUMENT_HPP_
