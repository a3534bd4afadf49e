// SPDX-License-Identifier: MIT
// Report sections written as aligned text, Markdown and HTML fragments.
#include "report/document.hpp"

#include <algorithm>
#include <utility>

NTM_BEGIN_NAMESPACE
namespace report_internal {

namespace {

constexpr std::size_t line_width = 100;  // text paragraphs and fact values wrap here
constexpr const char* replacement = "\xEF\xBF\xBD";

// Decodes one code point at `i` (advancing past it); -1 for an invalid byte (advancing one).
long decode(std::string_view s, std::size_t& i) noexcept {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  std::size_t n = 0;
  long cp = 0;
  long min = 0;
  if ((b & 0xE0) == 0xC0) n = 1, cp = b & 0x1F, min = 0x80;
  else if ((b & 0xF0) == 0xE0) n = 2, cp = b & 0x0F, min = 0x800;
  else if ((b & 0xF8) == 0xF0) n = 3, cp = b & 0x07, min = 0x10000;
  else {
    ++i;
    return -1;
  }
  if (i + n >= s.size()) {
    ++i;
    return -1;
  }
  for (std::size_t k = 1; k <= n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return -1;
  }
  i += n + 1;
  return cp;
}

bool zero_width(long cp) noexcept {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFE0F;
}

std::string spaces(std::size_t n) { return std::string(n, ' '); }

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t k = 0; k < n; ++k) out += s;
  return out;
}

void trim_right(std::string& s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
}

// ---- text -------------------------------------------------------------------------------

const char* ansi(tone t) noexcept {
  switch (t) {
    case tone::good: return "\x1b[32m";
    case tone::bad: return "\x1b[31m";
    case tone::warn: return "\x1b[33m";
    case tone::muted: return "\x1b[2m";
    case tone::strong: return "\x1b[1m";
    default: return "";
  }
}

std::string paint(const std::string& text, tone t, const report_options& o) {
  const char* code = ansi(t);
  if (!o.colour || *code == '\0' || text.empty()) return text;
  return code + text + "\x1b[0m";
}

// `text` padded to `width` display columns, aligned as asked, coloured without counting the colour.
std::string pad(const std::string& text, tone t, std::size_t width, align a, const report_options& o) {
  const std::size_t w = display_width(text);
  const std::string fill = spaces(w < width ? width - w : 0);
  return a == align::right ? fill + paint(text, t, o) : paint(text, t, o) + fill;
}

void text_lines(std::string& out, const cell& c, std::string_view first, std::string_view rest, std::size_t width,
                const report_options& o) {
  const std::size_t indent = display_width(first);
  const auto lines = wrap(c.text, width > indent + 20 ? width - indent : 20);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    std::string line = std::string(k == 0 ? first : rest) + paint(lines[k], c.t, o);
    trim_right(line);
    out += line + "\n";
  }
  if (lines.empty()) out += std::string(first) + "\n";
}

void text_table(std::string& out, const table& t, const report_options& o) {
  const std::size_t n = t.columns.size();
  const std::size_t default_width = std::max<std::size_t>(8, o.max_cell_width);
  std::vector<std::size_t> width(n, 0);
  // Each cell wrapped to its column's limit.
  std::vector<std::vector<std::vector<std::string>>> wrapped(t.rows.size());
  for (std::size_t c = 0; c < n; ++c) width[c] = display_width(t.columns[c].header);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    wrapped[r].resize(n);
    for (std::size_t c = 0; c < n && c < t.rows[r].size(); ++c) {
      const std::size_t limit = t.columns[c].max_width ? t.columns[c].max_width : default_width;
      wrapped[r][c] = wrap(t.rows[r][c].text, std::max(limit, display_width(t.columns[c].header)));
      for (const std::string& line : wrapped[r][c]) width[c] = std::max(width[c], display_width(line));
    }
  }
  auto emit = [&](const std::vector<std::string>& texts, const std::vector<tone>& tones) {
    std::string line;
    for (std::size_t c = 0; c < n; ++c) {
      if (c) line += "  ";
      line += pad(texts[c], tones[c], width[c], t.columns[c].a, o);
    }
    trim_right(line);
    out += line + "\n";
  };
  std::vector<std::string> texts(n);
  std::vector<tone> tones(n, tone::strong);
  for (std::size_t c = 0; c < n; ++c) texts[c] = t.columns[c].header;
  emit(texts, tones);
  for (std::size_t c = 0; c < n; ++c) texts[c] = repeat("─", width[c]), tones[c] = tone::plain;
  emit(texts, tones);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::size_t height = 1;
    for (const auto& lines : wrapped[r]) height = std::max(height, lines.size());
    for (std::size_t k = 0; k < height; ++k) {
      for (std::size_t c = 0; c < n; ++c) {
        texts[c] = k < wrapped[r][c].size() ? wrapped[r][c][k] : std::string();
        tones[c] = c < t.rows[r].size() ? t.rows[r][c].t : tone::plain;
      }
      emit(texts, tones);
    }
  }
}

// ---- Markdown ---------------------------------------------------------------------------

std::string md_cell(const cell& c) {
  if (c.text.empty()) return {};
  if (c.t == tone::code && c.text.find('`') == std::string::npos && c.text.find('\n') == std::string::npos)
    return "`" + c.text + "`";
  const std::string text = markdown_escape(c.text);
  if (c.t == tone::bad || c.t == tone::warn || c.t == tone::strong) return "**" + text + "**";
  return text;
}

// ---- HTML -------------------------------------------------------------------------------

const char* css_class(tone t) noexcept {
  switch (t) {
    case tone::good: return "good";
    case tone::bad: return "bad";
    case tone::warn: return "warn";
    case tone::muted: return "muted";
    case tone::strong: return "strong";
    default: return "";
  }
}

std::string html_text(const std::string& text) {
  std::string out = xml_escape(text);
  std::string::size_type pos = 0;
  while ((pos = out.find('\n', pos)) != std::string::npos) {
    out.replace(pos, 1, "<br/>");
    pos += 5;
  }
  return out;
}

std::string html_inner(const cell& c) {
  if (c.t == tone::code) return "<code>" + html_text(c.text) + "</code>";
  return html_text(c.text);
}

std::string class_attr(std::string a, std::string b) {
  if (!a.empty() && !b.empty()) a += " ";
  a += b;
  return a.empty() ? std::string() : " class=\"" + a + "\"";
}

}  // namespace

// ---- the document -----------------------------------------------------------------------

void section_doc::paragraph(cell c) {
  block b;
  b.k = block::kind::paragraph;
  b.lines.push_back(std::move(c));
  blocks.push_back(std::move(b));
}

void section_doc::heading(std::string text) {
  block b;
  b.k = block::kind::heading;
  b.lines.emplace_back(std::move(text), tone::strong);
  blocks.push_back(std::move(b));
}

void section_doc::bullets(std::vector<cell> items) {
  if (items.empty()) return;
  block b;
  b.k = block::kind::bullets;
  b.lines = std::move(items);
  blocks.push_back(std::move(b));
}

void section_doc::facts(std::vector<fact> items) {
  block b;
  b.k = block::kind::facts;
  b.facts = std::move(items);
  blocks.push_back(std::move(b));
}

void section_doc::add(table t) {
  block b;
  b.k = block::kind::table;
  b.tbl = std::move(t);
  blocks.push_back(std::move(b));
}

void section_doc::figure(std::string svg, std::string mermaid) {
  block b;
  b.k = block::kind::figure;
  b.svg = std::move(svg);
  b.mermaid = std::move(mermaid);
  blocks.push_back(std::move(b));
}

void section_doc::code(std::string text, std::string language) {
  block b;
  b.k = block::kind::code;
  b.code = std::move(text);
  b.code_language = std::move(language);
  blocks.push_back(std::move(b));
}

// ---- text helpers -----------------------------------------------------------------------

std::size_t display_width(std::string_view text) noexcept {
  std::size_t w = 0;
  for (std::size_t i = 0; i < text.size();) {
    const long cp = decode(text, i);
    if (cp < 0 || !zero_width(cp)) ++w;
  }
  return w;
}

std::string truncate(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const long cp = decode(text, i);
    const bool counts = cp < 0 || !zero_width(cp);
    if (counts && w + 1 >= width) break;
    out.append(text.substr(start, i - start));
    if (counts) ++w;
  }
  trim_right(out);
  return out + "…";
}

std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view para = text.substr(start, end - start);
    if (width == 0 || display_width(para) <= width) {
      lines.emplace_back(para);
    } else {
      std::string line;
      std::size_t line_w = 0;
      std::size_t p = 0;
      while (p <= para.size()) {
        std::size_t q = para.find(' ', p);
        if (q == std::string_view::npos) q = para.size();
        std::string_view word = para.substr(p, q - p);
        std::size_t word_w = display_width(word);
        if (!line.empty() && line_w + 1 + word_w > width) {
          lines.push_back(line);
          line.clear();
          line_w = 0;
        }
        // A word wider than the line is cut into pieces.
        while (word_w > width) {
          std::size_t i = 0;
          std::size_t w = 0;
          while (i < word.size() && w < width) {
            const long cp = decode(word, i);
            if (cp < 0 || !zero_width(cp)) ++w;
            while (i < word.size()) {  // keep combining marks with their letter
              std::size_t j = i;
              const long next = decode(word, j);
              if (next < 0 || !zero_width(next)) break;
              i = j;
            }
          }
          lines.emplace_back(word.substr(0, i));
          word = word.substr(i);
          word_w = display_width(word);
        }
        if (!word.empty() || line.empty()) {
          if (!line.empty()) line += ' ', ++line_w;
          line += std::string(word);
          line_w += word_w;
        }
        p = q + 1;
      }
      if (!line.empty()) lines.push_back(line);
    }
    start = end + 1;
  }
  return lines;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const long cp = decode(text, i);
    if (cp < 0 || cp == 0xFFFE || cp == 0xFFFF) {
      out += replacement;
      continue;
    }
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t':
      case '\n': out += static_cast<char>(cp); break;
      default:
        if (cp < 0x20 || cp == 0x7F) break;  // not allowed in XML
        out.append(text.substr(start, i - start));
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '&': case '#': case '~':
        out += '\\';
        out += c;
        break;
      case '\n': out += ' '; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

// ---- writers ----------------------------------------------------------------------------

std::string write_text(const section_doc& s, const report_options& o) {
  std::string out = paint(s.title, tone::strong, o) + "\n" + repeat("=", display_width(s.title)) + "\n";
  for (const block& b : s.blocks) {
    out += "\n";
    switch (b.k) {
      case block::kind::heading:
        out += paint(b.lines.front().text, tone::strong, o) + "\n" + repeat("-", display_width(b.lines.front().text)) + "\n";
        break;
      case block::kind::paragraph: text_lines(out, b.lines.front(), "", "", line_width, o); break;
      case block::kind::bullets:
        for (const cell& c : b.lines) text_lines(out, c, "• ", "  ", line_width, o);
        break;
      case block::kind::facts: {
        std::size_t w = 0;
        for (const fact& f : b.facts) w = std::max(w, display_width(f.label));
        for (const fact& f : b.facts) {
          const std::string first = f.label + ":" + spaces(w - display_width(f.label) + 1);
          text_lines(out, f.value, first, spaces(w + 2), line_width, o);
        }
        break;
      }
      case block::kind::table: text_table(out, b.tbl, o); break;
      case block::kind::figure:
      case block::kind::code: out.pop_back(); break;  // no picture, no source in plain text
    }
  }
  return out;
}

std::string write_markdown(const section_doc& s, const report_options&, int level) {
  const std::string hashes(static_cast<std::size_t>(std::clamp(level, 1, 5)), '#');
  std::string out = hashes + " " + markdown_escape(s.title) + "\n";
  for (const block& b : s.blocks) {
    out += "\n";
    switch (b.k) {
      case block::kind::heading: out += hashes + "# " + markdown_escape(b.lines.front().text) + "\n"; break;
      case block::kind::paragraph: out += md_cell(b.lines.front()) + "\n"; break;
      case block::kind::bullets:
        for (const cell& c : b.lines) out += "- " + md_cell(c) + "\n";
        break;
      case block::kind::facts:
        for (const fact& f : b.facts) out += "- **" + markdown_escape(f.label) + ":** " + md_cell(f.value) + "\n";
        break;
      case block::kind::table: {
        const table& t = b.tbl;
        std::string head = "|", rule = "|";
        for (const column& c : t.columns) {
          head += " " + markdown_escape(c.header) + " |";
          rule += c.a == align::right ? " ---: |" : " --- |";
        }
        out += head + "\n" + rule + "\n";
        for (const auto& row : t.rows) {
          std::string line = "|";
          for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const std::string text = c < row.size() ? md_cell(row[c]) : std::string();
            line += text.empty() ? " |" : " " + text + " |";
          }
          out += line + "\n";
        }
        break;
      }
      case block::kind::figure:
        if (b.mermaid.empty()) out.pop_back();
        else out += "```mermaid\n" + b.mermaid + "```\n";
        break;
      case block::kind::code: out += "```" + b.code_language + "\n" + b.code + (b.code.empty() || b.code.back() == '\n' ? "" : "\n") + "```\n"; break;
    }
  }
  return out;
}

std::string write_html(const section_doc& s, const report_options&) {
  std::string out = "<section id=\"" + xml_escape(s.id) + "\">\n<h2>" + xml_escape(s.title) + "</h2>\n";
  for (const block& b : s.blocks) {
    switch (b.k) {
      case block::kind::heading: out += "<h3>" + html_text(b.lines.front().text) + "</h3>\n"; break;
      case block::kind::paragraph:
        out += "<p" + class_attr(css_class(b.lines.front().t), "") + ">" + html_inner(b.lines.front()) + "</p>\n";
        break;
      case block::kind::bullets:
        out += "<ul>\n";
        for (const cell& c : b.lines) out += "<li" + class_attr(css_class(c.t), "") + ">" + html_inner(c) + "</li>\n";
        out += "</ul>\n";
        break;
      case block::kind::facts:
        out += "<dl class=\"facts\">\n";
        for (const fact& f : b.facts)
          out += "<dt>" + html_text(f.label) + "</dt><dd" + class_attr(css_class(f.value.t), "") + ">" + html_inner(f.value) +
                 "</dd>\n";
        out += "</dl>\n";
        break;
      case block::kind::table: {
        const table& t = b.tbl;
        out += "<div class=\"table\"><table>\n<thead><tr>";
        for (const column& c : t.columns)
          out += "<th" + class_attr(c.a == align::right ? "num" : "", "") + ">" + html_text(c.header) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : t.rows) {
          out += "<tr>";
          for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const cell empty;
            const cell& x = c < row.size() ? row[c] : empty;
            out += "<td" + class_attr(t.columns[c].a == align::right ? "num" : "", css_class(x.t)) + ">" + html_inner(x) +
                   "</td>";
          }
          out += "</tr>\n";
        }
        out += "</tbody>\n</table></div>\n";
        break;
      }
      case block::kind::figure:
        if (!b.svg.empty()) out += "<figure>\n" + b.svg + "</figure>\n";
        break;
      case block::kind::code:
        out += "<details><summary>" + xml_escape(b.code_language == "dot" ? "DOT (Graphviz)" : b.code_language) + "</summary><pre><code>" +
               xml_escape(b.code) + "</code></pre></details>\n";
        break;
    }
  }
  return out + "</section>\n";
}

}  // namespace report_internal
NTM_END_NAMESPACE
