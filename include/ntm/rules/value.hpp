// SPDX-License-Identifier: MIT
/// @file
/// Typed values of facts, parameters and rule results.
#ifndef NTM_RULES_VALUE_HPP_
#define NTM_RULES_VALUE_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <ntm/core/date.hpp>
#include <ntm/core/decimal.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>

NTM_BEGIN_NAMESPACE

// The enumerator `date` is scoped (value_type::date) and does not hide ntm::date, but GCC's
// -Wshadow says it does; silence that one warning here.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#endif
/// The type of a fact, parameter, expression or rule result.
enum class value_type : std::uint8_t {
  boolean,      ///< true / false ("Đạt" / "Chưa đạt")
  integer,      ///< whole number, e.g. a count of lots or schools
  number,       ///< exact decimal with 6 fractional digits, with a unit ("km", "m2")
  money,        ///< whole đồng
  percent,      ///< a percentage; 95.5 means 95.5 %
  date,         ///< calendar date
  text,         ///< free text
  enumeration,  ///< one of the names the fact declares
};
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/// "bool", "integer", "number", "money", "percent", "date", "text", "enum".
NTM_API const char* to_string(value_type t) noexcept;
/// The inverse of to_string; `errc::invalid_value` for an unknown name.
NTM_API result<value_type> parse_value_type(std::string_view name);

/// A percentage as a distinct type for custom functions (95.5 means 95.5 %).
struct percentage {
  decimal points;
  friend bool operator==(percentage a, percentage b) noexcept { return a.points == b.points; }
  friend bool operator!=(percentage a, percentage b) noexcept { return !(a == b); }
};

/// A known value of one of the value types. Enumeration values are held by name.
class value {
 public:
  value() = default;  ///< the boolean false
  static value of_bool(bool b) { return value(value_type::boolean, b ? 1 : 0); }
  static value of_integer(std::int64_t i) { return value(value_type::integer, i); }
  static value of_number(decimal d) { return value(value_type::number, d.micros()); }
  static value of_money(money m) { return value(value_type::money, m.dong()); }
  static value of_percent(decimal points) { return value(value_type::percent, points.micros()); }
  static value of_date(date d) {
    return value(value_type::date, static_cast<std::int64_t>(d.day_number()));
  }
  static value of_text(std::string s) {
    value v(value_type::text, 0);
    v.text_ = std::move(s);
    return v;
  }
  static value of_enum(std::string name) {
    value v(value_type::enumeration, 0);
    v.text_ = std::move(name);
    return v;
  }

  value_type type() const noexcept { return type_; }
  bool as_bool() const noexcept { return raw_ != 0; }
  std::int64_t as_integer() const noexcept { return raw_; }
  decimal as_number() const noexcept { return decimal::from_micros(raw_); }
  decimal as_percent() const noexcept { return decimal::from_micros(raw_); }
  money as_money() const noexcept { return money::from_dong(raw_); }
  date as_date() const { return date(static_cast<date::date_int_type>(raw_)); }
  const std::string& as_text() const noexcept { return text_; }
  /// The 64-bit representation: 0/1, the integer, millionths, đồng, or the day number.
  std::int64_t raw() const noexcept { return raw_; }

  friend bool operator==(const value& a, const value& b) {
    return a.type_ == b.type_ && a.raw_ == b.raw_ && a.text_ == b.text_;
  }
  friend bool operator!=(const value& a, const value& b) { return !(a == b); }

 private:
  value(value_type t, std::int64_t raw) : type_(t), raw_(raw) {}
  value_type type_ = value_type::boolean;
  std::int64_t raw_ = 0;
  std::string text_;
};

/// Formats a value for a person: money as "59,58 triệu", percentages "87,6%", numbers with
/// their unit "12,5 km", dates "31/12/2023", booleans "có"/"không" ("yes"/"no").
NTM_API std::string format_value(const value& v, lang l = lang::vi, std::string_view unit = {});

NTM_END_NAMESPACE

#endif  // NTM_RULES_VALUE_HPP_
