// SPDX-License-Identifier: MIT
// Private: RFC 4180 CSV over UTF-8 text: the record reader shared by the CSV imports, and the
// cell quoting shared by the CSV writers.
#ifndef NTM_SRC_IO_CSV_HPP_
#define NTM_SRC_IO_CSV_HPP_

#include <algorithm>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/export.hpp>

NTM_BEGIN_NAMESPACE
namespace io_internal {

// A cell as RFC 4180 writes it: as is, or in quotes (a quote doubled) when it holds a comma, a
// quote or a line break. UTF-8 text (Vietnamese names) passes through unchanged.
inline std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A record: the cells quoted as needed, separated by commas, ended by a line feed.
inline std::string csv_row(std::initializer_list<std::string_view> cells) {
  std::string out;
  bool first = true;
  for (std::string_view c : cells) {
    if (!first) out += ',';
    first = false;
    out += csv_cell(c);
  }
  return out + "\n";
}

struct field {
  std::string_view text;
  std::size_t offset = 0;  // of the first byte of the field (the opening quote when quoted)
  bool quoted = false;
};

// An RFC 4180 record reader over UTF-8 text.
class csv_scanner {
 public:
  csv_scanner(std::string_view text, std::size_t start) : s_(text), i_(start) {}

  // Reads the next non-blank record. False at the end of the text or on a syntax error
  // (then failed() is true).
  bool next(std::vector<field>& fields) {
    fields.clear();
    while (i_ < s_.size() && (s_[i_] == '\n' || (s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n'))) {
      i_ += s_[i_] == '\r' ? 2 : 1;
      ++line_;
    }
    if (i_ >= s_.size()) return false;
    record_offset_ = i_;
    record_line_ = line_;
    for (;;) {
      field f;
      f.offset = i_;
      if (i_ < s_.size() && s_[i_] == '"') {
        f.quoted = true;
        std::size_t j = i_ + 1;
        bool escaped = false;
        std::size_t close;
        for (;;) {
          close = s_.find('"', j);
          if (close == std::string_view::npos) return failure(f.offset, "a quoted field is not closed (a '\"' is missing)");
          if (close + 1 < s_.size() && s_[close + 1] == '"') {
            escaped = true;
            j = close + 2;
            continue;
          }
          break;
        }
        const std::string_view inner = s_.substr(i_ + 1, close - i_ - 1);
        line_ += static_cast<std::uint32_t>(std::count(inner.begin(), inner.end(), '\n'));
        if (escaped) {
          std::string& u = unescaped_.emplace_back();
          u.reserve(inner.size());
          for (std::size_t k = 0; k < inner.size(); ++k) {
            u += inner[k];
            if (inner[k] == '"') ++k;  // "" → "
          }
          f.text = u;
        } else {
          f.text = inner;
        }
        i_ = close + 1;
        if (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '\n' && !(s_[i_] == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n'))
          return failure(i_, "text after a closing quote (quote the whole field, and write a quote inside it as \"\")");
      } else {
        std::size_t j = i_;
        while (j < s_.size() && s_[j] != ',' && s_[j] != '\n' && s_[j] != '"' &&
               !(s_[j] == '\r' && j + 1 < s_.size() && s_[j + 1] == '\n'))
          ++j;
        if (j < s_.size() && s_[j] == '"') return failure(j, "a '\"' inside an unquoted field (quote the whole field, and write the quote as \"\")");
        f.text = s_.substr(i_, j - i_);
        i_ = j;
      }
      fields.push_back(f);
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size()) {
        i_ += s_[i_] == '\r' ? 2 : 1;
        ++line_;
      }
      return true;
    }
  }

  bool failed() const { return !failure_.empty(); }
  const std::string& failure_message() const { return failure_; }
  std::size_t failure_offset() const { return failure_offset_; }
  std::size_t record_offset() const { return record_offset_; }
  std::uint32_t record_line() const { return record_line_; }

 private:
  bool failure(std::size_t at, std::string why) {
    failure_ = std::move(why);
    failure_offset_ = at;
    return false;
  }

  std::string_view s_;
  std::size_t i_;
  std::uint32_t line_ = 1;
  std::size_t record_offset_ = 0;
  std::uint32_t record_line_ = 1;
  std::string failure_;
  std::size_t failure_offset_ = 0;
  std::deque<std::string> unescaped_;  // stable storage for fields with "" escapes
};

}  // namespace io_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_IO_CSV_HPP_
