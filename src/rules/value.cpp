// SPDX-License-Identifier: MIT
// Value types, statuses and their names; formatting values for people.
#include <ntm/rules/assessment.hpp>
#include <ntm/rules/status.hpp>
#include <ntm/rules/value.hpp>

#include <cstring>

#include "core/number_text.hpp"

NTM_BEGIN_NAMESPACE

const char* to_string(value_type t) noexcept {
  switch (t) {
    case value_type::boolean: return "bool";
    case value_type::integer: return "integer";
    case value_type::number: return "number";
    case value_type::money: return "money";
    case value_type::percent: return "percent";
    case value_type::date: return "date";
    case value_type::text: return "text";
    case value_type::enumeration: return "enum";
  }
  return "unknown";
}

result<value_type> parse_value_type(std::string_view name) {
  for (value_type t : {value_type::boolean, value_type::integer, value_type::number, value_type::money, value_type::percent,
                       value_type::date, value_type::text, value_type::enumeration})
    if (name == to_string(t)) return t;
  if (name == "boolean") return value_type::boolean;
  if (name == "enumeration") return value_type::enumeration;
  return fail(errc::invalid_value, "unknown type \"" + std::string(name) + "\"; use bool, integer, number, money, percent, date, text or enum");
}

const char* to_string(status s) noexcept {
  switch (s) {
    case status::not_met: return "not_met";
    case status::met: return "met";
    case status::unknown: return "unknown";
    case status::not_applicable: return "not_applicable";
    case status::error: return "error";
  }
  return "unknown";
}

const char* status_label(status s, lang l) noexcept {
  const bool vi = l == lang::vi;
  switch (s) {
    case status::not_met: return vi ? "Chưa đạt" : "Not met";
    case status::met: return vi ? "Đạt" : "Met";
    case status::unknown: return vi ? "Chưa xác định" : "Unknown";
    case status::not_applicable: return vi ? "Không áp dụng" : "Not applicable";
    case status::error: return vi ? "Lỗi" : "Error";
  }
  return "?";
}

result<status> parse_status(std::string_view text) {
  for (status s : {status::not_met, status::met, status::unknown, status::not_applicable, status::error})
    if (text == to_string(s)) return s;
  const std::string folded = fold_vi(text);
  if (folded == "dat") return status::met;
  if (folded == "chua dat") return status::not_met;
  if (folded == "chua xac dinh") return status::unknown;
  if (folded == "khong ap dung") return status::not_applicable;
  return fail(errc::invalid_value, "unknown status \"" + std::string(text) + "\"; use met, not_met, unknown, not_applicable or error");
}

const char* to_string(rule_kind k) noexcept {
  switch (k) {
    case rule_kind::indicator: return "indicator";
    case rule_kind::criterion: return "criterion";
    case rule_kind::standard: return "standard";
    case rule_kind::rule: return "rule";
  }
  return "rule";
}

const char* to_symbol(comparison_op op) noexcept {
  switch (op) {
    case comparison_op::lt: return "<";
    case comparison_op::le: return "≤";
    case comparison_op::gt: return ">";
    case comparison_op::ge: return "≥";
    case comparison_op::eq: return "=";
    case comparison_op::ne: return "≠";
  }
  return "?";
}

namespace {
// Units are written in Vietnamese in criteria sets; English reports translate the common words.
std::string unit_text(std::string_view unit, lang l, bool money) {
  std::string u(unit);
  if (money && u.rfind("đồng", 0) == 0) u = u.substr(std::string("đồng").size());  // the amount says đồng already
  if (l == lang::vi) return money && u != std::string(unit) ? std::string(unit) : u;
  static const std::pair<const char*, const char*> words[] = {
      {"người", "person"}, {"năm", "year"}, {"tháng", "month"}, {"ngày", "days"}, {"hộ", "households"},
      {"trường", "schools"}, {"thôn", "hamlets"}, {"lô", "lots"}, {"sản phẩm", "products"}, {"xã", "communes"}};
  for (const auto& [vi, en] : words) {
    for (std::size_t at = u.find(vi); at != std::string::npos; at = u.find(vi, at + std::strlen(en))) u.replace(at, std::strlen(vi), en);
  }
  return u;
}
}  // namespace

std::string format_value(const value& v, lang l, std::string_view unit) {
  const bool vi = l == lang::vi;
  const char mark = vi ? ',' : '.';
  const char group = vi ? '.' : ',';
  std::string out;
  switch (v.type()) {
    case value_type::boolean: return v.as_bool() ? (vi ? "có" : "yes") : (vi ? "không" : "no");
    case value_type::integer: out = core_internal::format_scaled(v.as_integer(), 0, -1, mark, group); break;
    case value_type::number: out = core_internal::format_scaled(v.as_number().micros(), decimal::digits, -1, mark, group); break;
    case value_type::percent: return core_internal::format_scaled(v.as_percent().micros(), decimal::digits, -1, mark, 0) + "%";
    case value_type::money: {
      money_format f;
      f.language = l;
      out = format_money(v.as_money(), f);
      break;
    }
    case value_type::date: return format_date(v.as_date(), l);
    case value_type::text:
    case value_type::enumeration: return v.as_text();
  }
  if (unit.empty()) return out;
  const std::string u = unit_text(unit, l, v.type() == value_type::money);
  if (!u.empty()) out += (u.front() == '/' ? "" : " ") + u;
  return out;
}

NTM_END_NAMESPACE
