// SPDX-License-Identifier: MIT
/// @file
/// Text helpers: report language, bilingual labels, UTF-8 validation and columns.
#ifndef NTM_CORE_TEXT_HPP_
#define NTM_CORE_TEXT_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include <ntm/export.hpp>

NTM_BEGIN_NAMESPACE

/// Language of labels, explanations and reports. Vietnamese is the default everywhere.
enum class lang { vi, en };

/// A label in Vietnamese and, optionally, English. `get(lang::en)` falls back to Vietnamese
/// when no English text was given, so a label is never empty because a translation is missing.
struct localized_text {
  std::string vi;  ///< Vietnamese (required in data files)
  std::string en;  ///< English (optional)

  /// The text in `l`, falling back to Vietnamese.
  const std::string& get(lang l) const noexcept { return (l == lang::en && !en.empty()) ? en : vi; }
  bool empty() const noexcept { return vi.empty() && en.empty(); }
  friend bool operator==(const localized_text& a, const localized_text& b) {
    return a.vi == b.vi && a.en == b.en;
  }
  friend bool operator!=(const localized_text& a, const localized_text& b) { return !(a == b); }
};

/// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, ≤ U+10FFFF).
NTM_API bool is_valid_utf8(std::string_view text) noexcept;

/// Byte offset of the first invalid UTF-8 sequence, or `text.size()` when all is valid.
NTM_API std::size_t first_invalid_utf8(std::string_view text) noexcept;

/// Number of code points in the first `byte_offset` bytes of `text`, plus one: the 1-based
/// column a person sees for that byte in a line of UTF-8 text.
NTM_API std::size_t utf8_column(std::string_view text, std::size_t byte_offset) noexcept;

/// Number of code points in well-formed UTF-8 `text` (display width of Vietnamese text).
NTM_API std::size_t utf8_length(std::string_view text) noexcept;

/// Lower-cases ASCII and strips Vietnamese (and other Latin) diacritics, including
/// decomposed combining marks: "Quý II" → "quy ii", "TỶ" → "ty", "đồng" → "dong". For
/// matching keywords written with or without accents; never for displaying text.
NTM_API std::string fold_vi(std::string_view text);

NTM_END_NAMESPACE

#endif  // NTM_CORE_TEXT_HPP_
