// SPDX-License-Identifier: MIT
// JSON documents with located errors.
#include "io/json_document.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <tuple>
#include <unordered_set>

NTM_BEGIN_NAMESPACE
namespace io_internal {

source_location location_of(std::string_view text, std::size_t offset, const std::string& file) {
  if (offset > text.size()) offset = text.size();
  source_location where;
  where.file = file;
  std::size_t line_start = 0;
  std::uint32_t line = 1;
  for (std::size_t k = 0; k < offset; ++k) {
    if (text[k] == '\n') {
      ++line;
      line_start = k + 1;
    }
  }
  where.line = line;
  where.column = static_cast<std::uint32_t>(utf8_column(text.substr(line_start), offset - line_start));
  return where;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

namespace {

// A JSON scanner that validates structure (with positions), rejects duplicate keys and deep
// nesting, and can find where the value at a JSON pointer starts. Recursion is bounded by
// max_depth, which is checked before descending.
class scanner {
 public:
  scanner(std::string_view text, std::size_t max_depth) : s_(text), max_depth_(max_depth) {}

  // Validates the whole text. On failure sets failure_offset_ and failure_.
  bool validate() {
    ws();
    if (!value(0)) return false;
    ws();
    if (i_ != s_.size()) return fail_at(i_, errc::json_syntax, "unexpected text after the end of the JSON value");
    return true;
  }

  // Finds the start of the value at `pointer`, or of its nearest existing ancestor.
  std::size_t locate(std::string_view pointer) {
    target_ = pointer;
    best_ = 0;
    locating_ = true;
    ws();
    value(0);
    return best_;
  }

  std::size_t failure_offset() const { return failure_offset_; }
  errc failure_code() const { return failure_code_; }
  const std::string& failure() const { return failure_; }

 private:
  bool fail_at(std::size_t at, errc code, std::string why) {
    if (failure_.empty()) {
      failure_offset_ = at;
      failure_code_ = code;
      failure_ = std::move(why);
    }
    return false;
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  void mark_value_start() {
    if (!locating_) return;
    if (path_ == target_) {
      best_ = i_;
      done_ = true;
    } else if (target_.size() > path_.size() && target_.substr(0, path_.size()) == path_ &&
               target_[path_.size()] == '/') {
      best_ = i_;
    }
  }
  bool value(std::size_t depth) {
    if (done_) return false;
    mark_value_start();
    if (i_ >= s_.size()) return fail_at(i_, errc::json_syntax, "unexpected end of the file: a value is missing (the file may be truncated)");
    const char c = s_[i_];
    if (c == '{' || c == '[') {
      if (depth + 1 > max_depth_)
        return fail_at(i_, errc::limit_exceeded, "JSON nested " + std::to_string(depth + 1) + " levels deep, more than max_depth = " +
                                                     std::to_string(max_depth_));
      return c == '{' ? object(depth + 1) : array(depth + 1);
    }
    if (c == '"') {
      return string(nullptr);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    for (std::string_view lit : {"true", "false", "null"}) {
      if (s_.substr(i_, lit.size()) == lit) {
        i_ += lit.size();
        return true;
      }
    }
    return fail_at(i_, errc::json_syntax, std::string("unexpected character '") + c + "': expected a value (object, array, string, number, true, false or null)");
  }
  bool object(std::size_t depth) {
    ++i_;  // '{'
    ws();
    std::unordered_set<std::string> keys;
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    for (;;) {
      ws();
      if (i_ >= s_.size() || s_[i_] != '"')
        return fail_at(i_, errc::json_syntax, i_ >= s_.size() ? "unexpected end of the file inside an object" : "expected a key in double quotes");
      const std::size_t key_at = i_;
      std::string key;
      if (!string(&key)) return false;
      if (!locating_ && !keys.insert(key).second)
        return fail_at(key_at, errc::json_duplicate_key, "duplicate key \"" + key + "\" in this object");
      ws();
      if (i_ >= s_.size() || s_[i_] != ':') return fail_at(i_, errc::json_syntax, "expected ':' after the key \"" + key + "\"");
      ++i_;
      ws();
      const std::size_t saved = path_.size();
      path_ += '/';
      path_ += pointer_token(key);
      const bool ok = value(depth);
      path_.resize(saved);
      if (!ok) return false;
      ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return true;
      }
      return fail_at(i_, errc::json_syntax, i_ >= s_.size() ? "unexpected end of the file: '}' is missing" : "expected ',' or '}' after a value in an object");
    }
  }
  bool array(std::size_t depth) {
    ++i_;  // '['
    ws();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    for (std::size_t index = 0;; ++index) {
      ws();
      const std::size_t saved = path_.size();
      path_ += '/';
      path_ += std::to_string(index);
      const bool ok = value(depth);
      path_.resize(saved);
      if (!ok) return false;
      ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return true;
      }
      return fail_at(i_, errc::json_syntax, i_ >= s_.size() ? "unexpected end of the file: ']' is missing" : "expected ',' or ']' after a value in an array");
    }
  }
  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool hex4(unsigned& out) {
    if (i_ + 4 > s_.size()) return fail_at(i_, errc::json_syntax, "\\u needs four hex digits");
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = hex(s_[i_ + static_cast<std::size_t>(k)]);
      if (h < 0) return fail_at(i_ + static_cast<std::size_t>(k), errc::json_syntax, "\\u needs four hex digits");
      out = out * 16 + static_cast<unsigned>(h);
    }
    i_ += 4;
    return true;
  }
  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  // Scans a string at i_ (a '"'); decodes it into *out when out is not null.
  bool string(std::string* out) {
    const std::size_t start = i_;
    ++i_;
    for (;;) {
      if (i_ >= s_.size()) return fail_at(start, errc::json_syntax, "unterminated string (a closing '\"' is missing)");
      const char c = s_[i_];
      if (c == '"') {
        ++i_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        return fail_at(i_, errc::json_syntax, c == '\n' ? "a line break inside a string (write \\n, or close the string)" : "a control character inside a string");
      if (c == '\\') {
        ++i_;
        if (i_ >= s_.size()) return fail_at(i_, errc::json_syntax, "unterminated escape");
        const char e = s_[i_++];
        switch (e) {
          case '"': if (out) *out += '"'; break;
          case '\\': if (out) *out += '\\'; break;
          case '/': if (out) *out += '/'; break;
          case 'b': if (out) *out += '\b'; break;
          case 'f': if (out) *out += '\f'; break;
          case 'n': if (out) *out += '\n'; break;
          case 'r': if (out) *out += '\r'; break;
          case 't': if (out) *out += '\t'; break;
          case 'u': {
            unsigned cp = 0;
            if (!hex4(cp)) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              unsigned lo = 0;
              if (s_.substr(i_, 2) != "\\u") return fail_at(i_, errc::json_syntax, "a lone UTF-16 high surrogate in \\u escape");
              i_ += 2;
              if (!hex4(lo)) return false;
              if (lo < 0xDC00 || lo > 0xDFFF) return fail_at(i_ - 6, errc::json_syntax, "an invalid UTF-16 surrogate pair in \\u escapes");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return fail_at(i_ - 6, errc::json_syntax, "a lone UTF-16 low surrogate in \\u escape");
            }
            if (out) append_utf8(*out, cp);
            break;
          }
          default:
            return fail_at(i_ - 1, errc::json_syntax, std::string("unknown escape '\\") + e + "'");
        }
        continue;
      }
      if (out) *out += c;
      ++i_;
    }
  }
  bool number() {
    const std::size_t start = i_;
    if (s_[i_] == '-') ++i_;
    auto digits = [&] {
      const std::size_t d = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ - d;
    };
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
      if (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') return fail_at(start, errc::json_syntax, "a number may not have leading zeros");
    } else if (digits() == 0) {
      return fail_at(start, errc::json_syntax, "expected digits in a number");
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (digits() == 0) return fail_at(i_, errc::json_syntax, "expected digits after the decimal point");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (digits() == 0) return fail_at(i_, errc::json_syntax, "expected digits in the exponent");
    }
    if (i_ < s_.size() && s_[i_] == ',' && i_ + 1 < s_.size() && s_[i_ + 1] >= '0' && s_[i_ + 1] <= '9' && start + 0 < i_) {
      // "59,58" as a bare number is a Vietnamese decimal comma in JSON; say so.
      return fail_at(i_, errc::json_syntax, "a decimal comma in a JSON number; write 59.58, or a string \"59,58 triệu\"");
    }
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t max_depth_;
  std::string path_;
  std::string_view target_;
  std::size_t best_ = 0;
  bool locating_ = false;
  bool done_ = false;
  std::size_t failure_offset_ = 0;
  errc failure_code_ = errc::json_syntax;
  std::string failure_;
};

}  // namespace

result<json_document> json_document::parse(std::string text, std::string file, const load_options& options) {
  source_location whole;
  whole.file = file;
  if (text.size() > options.max_file_bytes)
    return fail(limit_error("max_file_bytes", options.max_file_bytes, "the text is " + std::to_string(text.size()) + " bytes", whole));
  const std::size_t bad = first_invalid_utf8(text);
  if (bad != text.size()) {
    source_location where = location_of(text, bad, file);
    return fail(errc::invalid_utf8, "the file is not valid UTF-8 (save it as UTF-8)", where);
  }
  scanner check(text, options.max_depth);
  if (!check.validate()) return fail(check.failure_code(), check.failure(), location_of(text, check.failure_offset(), file));
  json_document doc;
  try {
    doc.root_ = json::parse(text);
  } catch (const json::parse_error& e) {
    return fail(errc::json_syntax, e.what(), location_of(text, e.byte > 0 ? e.byte - 1 : 0, file));
  } catch (const std::exception& e) {
    return fail(errc::json_syntax, e.what(), whole);
  }
  doc.text_ = std::move(text);
  doc.file_ = std::move(file);
  return doc;
}

source_location json_document::locate(std::string_view pointer) const {
  scanner s(text_, static_cast<std::size_t>(-1));
  source_location where = location_of(text_, s.locate(pointer), file_);
  where.pointer = std::string(pointer);
  return where;
}

error json_document::make(errc code, std::string message, std::string_view pointer) const {
  return make_error(code, std::move(message), locate(pointer));
}

// ---------------------------------------------------------------------------------------

const char* json_type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number";
    default: return "a value";
  }
}

void json_reader::report(errc code, std::string message, std::string_view pointer) {
  if (full()) return;
  errors_.push_back(doc_.make(code, std::move(message), pointer));
}

void json_reader::report(error e, std::string_view pointer) {
  if (full()) return;
  const std::uint32_t inner_column = e.where.column;
  source_location where = doc_.locate(pointer);
  // A column inside a string value: the value's opening quote is at where.column.
  if (inner_column > 0 && e.where.line == 0) where.column += inner_column;
  e.where = where;
  errors_.push_back(std::move(e));
}

result<void> json_reader::finish(const std::string& what) const {
  if (errors_.empty()) return {};
  // In the order a person reads the file (nlohmann iterates object keys sorted).
  std::vector<error> sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const error& a, const error& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
  if (sorted.size() == 1 && dropped_ == 0) {
    error e = sorted.front();
    e.add_context(what);
    return fail(std::move(e));
  }
  error e = sorted.front();
  e.message = std::to_string(error_count()) + " errors" +
              (dropped_ ? " (the first " + std::to_string(sorted.size()) + " listed)" : std::string()) + "; the first: " + e.message;
  e.details = std::move(sorted);
  e.add_context(what);
  return fail(std::move(e));
}

bool json_reader::expect_object(const json& v, const std::string& ptr, const char* what) {
  if (v.is_object()) return true;
  report(errc::json_type, std::string(what) + " must be an object, not " + json_type_name(v), ptr);
  return false;
}

bool json_reader::expect_array(const json& v, const std::string& ptr, const char* what) {
  if (v.is_array()) return true;
  report(errc::json_type, std::string(what) + " must be an array, not " + json_type_name(v), ptr);
  return false;
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // Suggestions are for typos in names: a longer word (a hostile key of megabytes) gets none,
  // so that the cost stays small (the distance is quadratic in the lengths).
  constexpr std::size_t max_length = 256;
  if (word.size() > max_length) return {};
  std::string best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  for (const std::string& c : candidates) {
    if (c.size() > max_length) continue;
    // Edit distance with transpositions ("tpye" is one step from "type").
    const std::size_t n = word.size(), m = c.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
      for (std::size_t j = 1; j <= m; ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (word[i - 1] == c[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && word[i - 1] == c[j - 2] && word[i - 2] == c[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    if (d[n][m] < best_d) {
      best_d = d[n][m];
      best = c;
    }
  }
  const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  return best_d <= allowed ? best : std::string();
}

void json_reader::check_fields(const json& obj, const std::string& ptr, std::initializer_list<const char*> allowed) {
  if (!obj.is_object()) return;
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(names.begin(), names.end(), it.key()) != names.end()) continue;
    if (!it.key().empty() && it.key()[0] == '$') continue;  // "$comment", "$schema": free
    std::string msg = "unknown field \"" + it.key() + "\"";
    const std::string near = closest_match(it.key(), names);
    if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
    report(errc::json_unknown_field, msg, ptr + "/" + pointer_token(it.key()));
  }
}

const json* json_reader::field(const json& obj, const std::string& ptr, const char* key, bool required) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) report(errc::json_missing_field, std::string("required field \"") + key + "\" is missing", ptr);
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> json_reader::get_string(const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = field(obj, ptr, key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    report(errc::json_type, std::string("\"") + key + "\" must be a string, not " + json_type_name(*v), ptr + "/" + key);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> json_reader::get_bool(const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = field(obj, ptr, key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    report(errc::json_type, std::string("\"") + key + "\" must be true or false, not " + json_type_name(*v), ptr + "/" + key);
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::int64_t> json_reader::get_integer(const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = field(obj, ptr, key, required);
  if (!v) return std::nullopt;
  if (v->is_number_integer() && !v->is_number_unsigned()) return v->get<std::int64_t>();
  if (v->is_number_unsigned()) {
    const auto u = v->get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(u);
    report(errc::overflow, std::string("\"") + key + "\" is too large", ptr + "/" + key);
    return std::nullopt;
  }
  report(errc::json_type, std::string("\"") + key + "\" must be an integer, not " + json_type_name(*v), ptr + "/" + key);
  return std::nullopt;
}

std::optional<std::int64_t> json_reader::get_integer(const json& obj, const std::string& ptr, const char* key, bool required,
                                                     std::int64_t min, std::int64_t max) {
  auto v = get_integer(obj, ptr, key, required);
  if (!v || (*v >= min && *v <= max)) return v;
  report(errc::invalid_value, std::string("\"") + key + "\" must be from " + std::to_string(min) + " to " + std::to_string(max) +
                                  ", not " + std::to_string(*v), ptr + "/" + key);
  return std::nullopt;
}

std::optional<date> json_reader::to_date(const json& v, const std::string& ptr) {
  if (!v.is_string()) {
    report(errc::json_type, std::string("a date must be a string such as \"2023-12-31\", not ") + json_type_name(v), ptr);
    return std::nullopt;
  }
  auto d = parse_date(v.get_ref<const std::string&>());
  if (!d) {
    report(std::move(d).error(), ptr);
    return std::nullopt;
  }
  return *d;
}

std::optional<date> json_reader::get_date(const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = field(obj, ptr, key, required);
  if (!v) return std::nullopt;
  return to_date(*v, ptr + "/" + key);
}

std::optional<period> json_reader::get_period(const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = field(obj, ptr, key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    report(errc::json_type, std::string("\"") + key + "\" must be a period such as \"Quý II/2023\", not " + json_type_name(*v), ptr + "/" + key);
    return std::nullopt;
  }
  auto p = parse_period(v->get_ref<const std::string&>());
  if (!p) {
    report(std::move(p).error(), ptr + "/" + key);
    return std::nullopt;
  }
  return *p;
}

std::optional<money> json_reader::to_money(const json& v, const std::string& ptr) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return money::from_dong(v.get<std::int64_t>());
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(INT64_MAX)) return money::from_dong(static_cast<std::int64_t>(u));
    report(errc::overflow, "amount is beyond the largest amount (about 9,2 × 10^18 đồng)", ptr);
    return std::nullopt;
  }
  if (v.is_string()) {
    auto m = parse_money(v.get_ref<const std::string&>());
    if (!m) {
      report(std::move(m).error(), ptr);
      return std::nullopt;
    }
    return *m;
  }
  report(errc::json_type,
         std::string("an amount must be a string such as \"17,5 tỷ\" or an integer number of đồng, not ") + json_type_name(v), ptr);
  return std::nullopt;
}

std::optional<money> json_reader::get_money(const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = field(obj, ptr, key, required);
  if (!v) return std::nullopt;
  return to_money(*v, ptr + "/" + key);
}

std::optional<decimal> json_reader::to_decimal(const json& v, const std::string& ptr) {
  if (v.is_number_integer() || v.is_number_unsigned()) {
    auto d = !v.is_number_unsigned() ? decimal::from_integer(v.get<std::int64_t>())
                                   : (v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)
                                          ? fail(errc::overflow, "number is too large")
                                          : decimal::from_integer(static_cast<std::int64_t>(v.get<std::uint64_t>())));
    if (!d) {
      report(std::move(d).error(), ptr);
      return std::nullopt;
    }
    return *d;
  }
  if (v.is_number_float()) {
    // The shortest text that reads back as the same double is the text that was written,
    // for numbers of up to 15 significant digits.
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get<double>());
    std::string text(buf, ec == std::errc() ? end : buf);
    if (text.find('e') != std::string::npos || text.find('E') != std::string::npos) {
      report(errc::number_syntax, "number " + text + " is outside the exact decimal range (6 decimals, about ±9,2 × 10^12)", ptr);
      return std::nullopt;
    }
    auto d = parse_decimal(text);
    if (!d) {
      report(std::move(d).error(), ptr);
      return std::nullopt;
    }
    return *d;
  }
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    auto d = parse_decimal(s, s.find(',') != std::string::npos ? ',' : '.');
    if (!d) {
      report(std::move(d).error(), ptr);
      return std::nullopt;
    }
    return *d;
  }
  report(errc::json_type, std::string("expected a number, not ") + json_type_name(v), ptr);
  return std::nullopt;
}

std::optional<decimal> json_reader::get_decimal(const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = field(obj, ptr, key, required);
  if (!v) return std::nullopt;
  return to_decimal(*v, ptr + "/" + key);
}

std::optional<localized_text> json_reader::to_text(const json& v, const std::string& ptr) {
  if (v.is_string()) return localized_text{v.get<std::string>(), ""};
  if (v.is_object()) {
    check_fields(v, ptr, {"vi", "en"});
    auto vi = get_string(v, ptr, "vi", true);
    auto en = get_string(v, ptr, "en", false);
    if (!vi) return std::nullopt;
    return localized_text{*vi, en.value_or("")};
  }
  report(errc::json_type, std::string("a label must be a string or {\"vi\": …, \"en\": …}, not ") + json_type_name(v), ptr);
  return std::nullopt;
}

std::optional<localized_text> json_reader::get_text(const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = field(obj, ptr, key, required);
  if (!v) return std::nullopt;
  return to_text(*v, ptr + "/" + key);
}

json text_to_json(const localized_text& t) {
  if (t.en.empty()) return t.vi;
  return json{{"vi", t.vi}, {"en", t.en}};
}

result<std::string> read_file(const std::string& path, std::size_t max_bytes, const char* limit) {
  source_location where;
  where.file = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(errc::io_error, "cannot open the file: " + std::string(std::strerror(errno)), where);
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return fail(errc::io_error, "cannot read the file (is it a directory?)", where);
  if (static_cast<std::uint64_t>(size) > max_bytes)
    return fail(limit_error(limit, max_bytes, "the file is " + std::to_string(size) + " bytes", where));
  in.seekg(0, std::ios::beg);
  std::string text(static_cast<std::size_t>(size), '\0');
  if (size > 0 && !in.read(text.data(), size)) return fail(errc::io_error, "cannot read the file", where);
  return text;
}

result<std::string> fetch(const load_options& options, const std::string& name) {
  if (options.resolver) return options.resolver(name);
  return read_file(name, options.max_file_bytes);
}

std::string resolve_path(const std::string& from_file, const std::string& name) {
  if (from_file.empty() || name.empty() || std::filesystem::path(name).is_absolute()) return name;
  return (std::filesystem::path(from_file).parent_path() / name).lexically_normal().string();
}

result<void> write_file(const std::string& path, std::string_view content) {
  source_location where;
  where.file = path;
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return fail(errc::io_error, "cannot create the file: " + std::string(std::strerror(errno)), where);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) return fail(errc::io_error, "cannot write the file", where);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return fail(errc::io_error, "cannot replace the file: " + std::string(std::strerror(errno)), where);
  }
  return {};
}

}  // namespace io_internal
NTM_END_NAMESPACE
