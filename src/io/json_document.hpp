// SPDX-License-Identifier: MIT
// Private: JSON documents with located errors. nlohmann::json holds the values; a small
// scanner of our own checks what nlohmann does not (duplicate keys, nesting depth, UTF-8)
// and, only when an error must be reported, maps a JSON pointer back to its line and column.
#ifndef NTM_SRC_IO_JSON_DOCUMENT_HPP_
#define NTM_SRC_IO_JSON_DOCUMENT_HPP_

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <ntm/core/date.hpp>
#include <ntm/core/decimal.hpp>
#include <ntm/core/limits.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>
#include <ntm/rules/criteria_set.hpp>

#include "core/guard.hpp"

NTM_BEGIN_NAMESPACE
namespace io_internal {

using json = nlohmann::json;

/// A parsed JSON text that remembers where its values are.
class json_document {
 public:
  /// Parses `text` within `options.max_file_bytes` and `options.max_depth`. Errors:
  /// json_syntax, json_duplicate_key, invalid_utf8, limit_exceeded, each with line and column
  /// in `file`.
  // Exported (with read_file and write_file) for the ntm program, which links a shared libntm.
  NTM_API static result<json_document> parse(std::string text, std::string file, const load_options& options = {});

  const json& root() const noexcept { return root_; }
  const std::string& file() const noexcept { return file_; }
  const std::string& text() const noexcept { return text_; }

  /// File, line and column of the value at `pointer` (or of its nearest existing ancestor).
  source_location locate(std::string_view pointer) const;
  /// An error located at `pointer`.
  error make(errc code, std::string message, std::string_view pointer) const;

 private:
  std::string text_;
  std::string file_;
  json root_;
};

/// Maps pointers back to lines for errors found after loading (keeps the document).
class document_source_map final : public source_map {
 public:
  explicit document_source_map(json_document doc) : doc_(std::move(doc)) {}
  source_location locate(std::string_view pointer) const override { return doc_.locate(pointer); }

 private:
  json_document doc_;
};

/// Line and column (1-based, in characters) of byte `offset` in `text`.
source_location location_of(std::string_view text, std::size_t offset, const std::string& file);

/// Escapes a key for use in a JSON pointer ("~" → "~0", "/" → "~1").
std::string pointer_token(std::string_view key);

/// Reads typed fields from a json_document, collecting every problem instead of stopping at
/// the first, as a checker should.
class json_reader {
 public:
  explicit json_reader(const json_document& doc) : doc_(doc) {}

  const json_document& doc() const noexcept { return doc_; }
  /// At most this many errors are kept (each is located, which scans the text); the rest are
  /// counted, so that a huge broken file costs linear time.
  static constexpr std::size_t max_kept = 100;

  /// Records an error at `pointer`.
  void report(errc code, std::string message, std::string_view pointer);
  /// Records an existing error (e.g. from a value parser) at `pointer`, keeping its code and
  /// adding the location; a column inside the value is kept when the value is on one line.
  void report(error e, std::string_view pointer);
  bool ok() const noexcept { return error_count() == 0; }
  std::size_t error_count() const noexcept { return errors_.size() + dropped_; }
  /// The collected errors as one: the first error, with all of them in `details` when there
  /// are several. Returns success when there are none.
  result<void> finish(const std::string& what) const;

  /// True when `v` is an object; otherwise records json_type.
  bool expect_object(const json& v, const std::string& ptr, const char* what);
  /// True when `v` is an array; otherwise records json_type.
  bool expect_array(const json& v, const std::string& ptr, const char* what);
  /// Records json_unknown_field for each key of `obj` not in `allowed` (with a suggestion).
  void check_fields(const json& obj, const std::string& ptr, std::initializer_list<const char*> allowed);

  /// A field of `obj`: nullptr (and json_missing_field when `required`) if absent.
  const json* field(const json& obj, const std::string& ptr, const char* key, bool required);

  std::optional<std::string> get_string(const json& obj, const std::string& ptr, const char* key, bool required);
  std::optional<bool> get_bool(const json& obj, const std::string& ptr, const char* key, bool required);
  std::optional<std::int64_t> get_integer(const json& obj, const std::string& ptr, const char* key, bool required);
  /// An integer in [min, max]; outside, records invalid_value ("must be from min to max"), so
  /// that no value is silently narrowed.
  std::optional<std::int64_t> get_integer(const json& obj, const std::string& ptr, const char* key, bool required,
                                          std::int64_t min, std::int64_t max);
  std::optional<date> get_date(const json& obj, const std::string& ptr, const char* key, bool required);
  std::optional<period> get_period(const json& obj, const std::string& ptr, const char* key, bool required);
  /// Money as a string ("17,5 tỷ") or as an integer number of đồng.
  std::optional<money> get_money(const json& obj, const std::string& ptr, const char* key, bool required);
  /// A decimal number written as a JSON number (exactly, from its text) or a string.
  std::optional<decimal> get_decimal(const json& obj, const std::string& ptr, const char* key, bool required);
  /// A label: a string (Vietnamese) or {"vi": "...", "en": "..."}.
  std::optional<localized_text> get_text(const json& obj, const std::string& ptr, const char* key, bool required);

  /// Converts values (not fields) with the same rules, recording errors at `ptr`.
  std::optional<money> to_money(const json& v, const std::string& ptr);
  std::optional<decimal> to_decimal(const json& v, const std::string& ptr);
  std::optional<date> to_date(const json& v, const std::string& ptr);
  std::optional<localized_text> to_text(const json& v, const std::string& ptr);

 private:
  bool full() {
    if (errors_.size() < max_kept) return false;
    ++dropped_;
    return true;
  }

  const json_document& doc_;
  std::vector<error> errors_;
  std::size_t dropped_ = 0;  // errors beyond max_kept
};

/// The JSON value type as a person says it ("a string", "an array").
const char* json_type_name(const json& v);

/// Writes a localized_text as a string (Vietnamese only) or {"vi", "en"}.
json text_to_json(const localized_text& t);

/// Reads a whole file (errors: io_error, limit_exceeded naming `limit`).
NTM_API result<std::string> read_file(const std::string& path, std::size_t max_bytes = load_options().max_file_bytes,
                              const char* limit = "max_file_bytes");
/// Reads a file: through `options.resolver` when set, else from disk within
/// `options.max_file_bytes`.
result<std::string> fetch(const load_options& options, const std::string& name);
/// `name` relative to the directory of `from_file` (unchanged when absolute, or when
/// `from_file` is empty).
std::string resolve_path(const std::string& from_file, const std::string& name);
/// How a file named in `from_file` is fetched: the name as written when a resolver is set
/// (it understands its own names), else the path relative to `from_file`.
inline std::string named_file(const load_options& options, const std::string& from_file, const std::string& name) {
  return options.resolver ? name : resolve_path(from_file, name);
}

/// Loaders run their body through core_internal::guarded (no exception escapes).
using core_internal::guarded;

/// Writes a whole file atomically (temporary file then rename); errors: io_error.
NTM_API result<void> write_file(const std::string& path, std::string_view content);

/// The closest of `candidates` to `word` by edit distance, or "" if none is close.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace io_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_IO_JSON_DOCUMENT_HPP_
