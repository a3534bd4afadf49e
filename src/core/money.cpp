// SPDX-License-Identifier: MIT
// Money parsing, formatting and shares.
#include <ntm/core/money.hpp>

#include <numeric>
#include <vector>

#include "core/number_text.hpp"

NTM_BEGIN_NAMESPACE

namespace {

// Space characters a document may put between a number and its unit.
std::size_t space_length(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == ' ' || s[i] == '\t') return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;        // U+00A0 no-break space
  if (s.substr(i, 3) == "\xE2\x80\xAF") return 3;    // U+202F narrow no-break space
  return 0;
}

std::string_view trim(std::string_view s, std::size_t& offset) {
  offset = 0;
  while (std::size_t n = space_length(s, offset)) offset += n;
  std::size_t end = s.size();
  for (;;) {
    bool cut = false;
    for (std::size_t n : {1u, 2u, 3u}) {
      if (end >= offset + n && space_length(s, end - n) == n) {
        end -= n;
        cut = true;
        break;
      }
    }
    if (!cut) break;
  }
  return s.substr(offset, end - offset);
}

source_location at_column(std::string_view text, std::size_t byte) {
  source_location where;
  where.column = static_cast<std::uint32_t>(utf8_column(text, byte));
  return where;
}

// Unit words, folded (lower case, no diacritics), and their power of ten.
int multiplier_digits(const std::string& folded) {
  if (folded == "ty" || folded == "ti") return 9;
  if (folded == "trieu" || folded == "tr") return 6;
  if (folded == "nghin" || folded == "ngan") return 3;
  if (folded == "dong" || folded == "d" || folded == "vnd" || folded == "\xE2\x82\xAB") return 0;
  return -1;
}

bool is_dong_word(const std::string& folded) { return multiplier_digits(folded) == 0; }

}  // namespace

result<money> parse_money(std::string_view original) {
  std::size_t offset = 0;
  const std::string_view text = trim(original, offset);
  if (text.empty()) return fail(errc::money_syntax, "empty amount; write e.g. \"500 triệu\" or \"1.234.567 đ\"", at_column(original, offset));
  std::size_t used = 0;
  auto parts = core_internal::scan_number(text, ',', '.', errc::money_syntax,
                                          static_cast<std::uint32_t>(utf8_column(original, offset)), "amount", used);
  if (!parts) {
    parts.error().message += " in \"" + std::string(original) + "\"";
    return fail(std::move(parts).error());
  }
  // The unit: up to two words after the number ("tỷ đồng").
  std::vector<std::pair<std::string, std::size_t>> words;  // folded word, byte offset in text
  std::size_t i = used;
  while (i < text.size()) {
    while (std::size_t n = space_length(text, i)) i += n;
    if (i >= text.size()) break;
    const std::size_t start = i;
    while (i < text.size() && space_length(text, i) == 0) ++i;
    words.emplace_back(fold_vi(text.substr(start, i - start)), start);
  }
  int shift = 0;
  if (words.empty()) {
    if (parts->has_decimal_mark)
      return fail(errc::money_ambiguous,
                  "\"" + std::string(original) + "\" has a decimal comma but no unit; write the unit, e.g. \"" + std::string(text) + " tỷ\" or \"" + std::string(text) + " triệu\"",
                  at_column(original, offset));
    if (parts->group_marks == 1)
      return fail(errc::money_ambiguous,
                  "\"" + std::string(original) + "\" is ambiguous without a unit (one thousand đồng, or one with a decimal point?); write \"" + std::string(text) + " đ\" for đồng",
                  at_column(original, offset));
  } else {
    shift = multiplier_digits(words[0].first);
    if (shift < 0)
      return fail(errc::money_syntax,
                  "unknown unit \"" + std::string(text.substr(words[0].second)) + "\" in \"" + std::string(original) + "\"; use tỷ, triệu, nghìn, đồng, đ or VND",
                  at_column(original, offset + words[0].second));
    const std::size_t allowed = shift > 0 ? 2 : 1;
    if (words.size() > allowed || (words.size() == 2 && !is_dong_word(words[1].first)))
      return fail(errc::money_syntax,
                  "unexpected \"" + std::string(text.substr(words[words.size() > allowed ? allowed : 1].second)) + "\" after the unit in \"" + std::string(original) + "\"",
                  at_column(original, offset + words[words.size() > allowed ? allowed : 1].second));
  }
  std::int64_t dong = 0;
  bool inexact = false;
  if (!core_internal::digits_to_int(*parts, shift, dong, inexact)) {
    if (inexact)
      return fail(errc::money_fraction, "\"" + std::string(original) + "\" is not a whole number of đồng", at_column(original, offset));
    return fail(errc::overflow, "\"" + std::string(original) + "\" is beyond the largest amount (about 9,2 × 10^18 đồng)", at_column(original, offset));
  }
  return money::from_dong(dong);
}

std::string format_dong(money amount, lang l) {
  const char group = l == lang::vi ? '.' : ',';
  return core_internal::format_scaled(amount.dong(), 0, -1, ',', group) + (l == lang::vi ? " đ" : " VND");
}

std::string format_money(money amount, const money_format& options) {
  money_unit unit = options.unit;
  const std::int64_t v = amount.dong();
  const std::uint64_t mag = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  if (unit == money_unit::automatic)
    unit = mag >= static_cast<std::uint64_t>(dong_per_ty) ? money_unit::ty
           : mag >= static_cast<std::uint64_t>(dong_per_trieu) ? money_unit::trieu
                                                                 : money_unit::dong;
  const bool vi = options.language == lang::vi;
  int digits = 0;
  const char* word = "";
  switch (unit) {
    case money_unit::ty: digits = 9; word = vi ? (options.unit_dong ? " tỷ đồng" : " tỷ") : " billion VND"; break;
    case money_unit::trieu: digits = 6; word = vi ? (options.unit_dong ? " triệu đồng" : " triệu") : " million VND"; break;
    case money_unit::nghin: digits = 3; word = vi ? (options.unit_dong ? " nghìn đồng" : " nghìn") : " thousand VND"; break;
    case money_unit::dong:
    case money_unit::automatic: digits = 0; word = vi ? (options.unit_dong ? " đồng" : " đ") : " VND"; break;
  }
  return core_internal::format_scaled(v, digits, options.max_decimals, vi ? ',' : '.', vi ? '.' : ',') + word;
}

result<fraction> parse_percentage(std::string_view original) {
  std::size_t offset = 0;
  std::string_view text = trim(original, offset);
  if (text.empty() || text.back() != '%')
    return fail(errc::percentage_syntax, "\"" + std::string(original) + "\" is not a percentage; write e.g. \"15%\" or \"12,5%\"", at_column(original, offset + text.size()));
  text.remove_suffix(1);
  std::size_t dummy = 0;
  text = trim(text, dummy);
  const char mark = text.find(',') != std::string_view::npos ? ',' : '.';
  std::size_t used = 0;
  auto parts = core_internal::scan_number(text, mark, 0, errc::percentage_syntax,
                                          static_cast<std::uint32_t>(utf8_column(original, offset)), "percentage", used);
  if (!parts) return fail(std::move(parts).error());
  if (used != text.size())
    return fail(errc::percentage_syntax, "unexpected \"" + std::string(text.substr(used)) + "\" in percentage \"" + std::string(original) + "\"", at_column(original, offset + used));
  const int places = static_cast<int>(parts->fraction.size());
  if (places > 15) return fail(errc::percentage_syntax, "percentage \"" + std::string(original) + "\" has too many decimals (at most 15)");
  std::int64_t num = 0;
  bool inexact = false;
  if (!core_internal::digits_to_int(*parts, places, num, inexact))
    return fail(errc::overflow, "percentage \"" + std::string(original) + "\" is too large");
  std::int64_t den = 100;
  for (int k = 0; k < places; ++k) den *= 10;
  const std::int64_t g = std::gcd(num < 0 ? -num : num, den);
  fraction f;
  f.numerator = g ? num / g : 0;
  f.denominator = g ? den / g : 1;
  return f;
}

fraction percentage_fraction(decimal percent) noexcept {
  std::int64_t num = percent.micros();
  std::int64_t den = 100 * decimal::scale;
  const std::int64_t g = std::gcd(num < 0 ? -num : num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return fraction{num, den};
}

std::string format_percentage(fraction f, lang l) {
  if (f.denominator == 0) return "?%";
  // In 128 bits: |numerator| × 100 × 10^15 < 10^37, so no rate parse_percentage or a
  // computation returns overflows here, however large ("24120220234120224%" is 10^16 %).
  detail::int128 num = static_cast<detail::int128>(f.numerator) * 100;
  detail::int128 den = f.denominator;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  // The fewest decimals (at most the 15 parse_percentage reads) that show the rate exactly;
  // rounded half away from zero at decimal::digits when none does.
  int digits = 0;
  detail::int128 scale = 1;
  while (digits <= 15 && (num * scale) % den != 0) {
    ++digits;
    scale *= 10;
  }
  detail::int128 v;
  if (digits <= 15) {
    v = num * scale / den;
  } else {
    digits = decimal::digits;
    scale = decimal::scale;
    v = num * scale / den;
    const detail::int128 r = num * scale % den;
    if ((r < 0 ? -r : r) * 2 >= den) v += r < 0 ? -1 : 1;
  }
  const bool negative = v < 0;
  detail::uint128 mag = negative ? static_cast<detail::uint128>(-v) : static_cast<detail::uint128>(v);
  std::string text;  // least significant digit first
  int k = 0;
  do {
    text.push_back(static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
    if (++k == digits) text.push_back(l == lang::vi ? ',' : '.');
  } while (k <= digits || mag != 0);
  std::size_t cut = 0;  // decimals' trailing zeros (rounded rates), and then a bare mark
  if (digits > 0) {
    while (text[cut] == '0') ++cut;
    if (text[cut] == ',' || text[cut] == '.') ++cut;
  }
  std::string out = negative ? "-" : "";
  out.append(text.rbegin(), text.rend() - static_cast<std::ptrdiff_t>(cut));
  return out + "%";
}

result<money> share(money amount, fraction rate, rounding mode) {
  if (rate.denominator <= 0) return fail(errc::invalid_argument, "a share rate needs a positive denominator");
  std::int64_t r;
  if (!div_round(static_cast<detail::int128>(amount.dong()) * rate.numerator, rate.denominator, mode, r))
    return fail(errc::overflow, "share of " + format_dong(amount) + " overflows");
  return money::from_dong(r);
}

result<money> prorate(money amount, std::int64_t numerator, std::int64_t denominator, rounding mode) {
  if (denominator == 0) return fail(errc::division_by_zero, "pro-rata split by zero");
  std::int64_t r;
  if (!div_round(static_cast<detail::int128>(amount.dong()) * numerator, denominator, mode, r))
    return fail(errc::overflow, "pro-rata share of " + format_dong(amount) + " overflows");
  return money::from_dong(r);
}

NTM_END_NAMESPACE
