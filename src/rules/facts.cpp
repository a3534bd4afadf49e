// SPDX-License-Identifier: MIT
// Fact tables and columns: typed storage of a unit's facts, addressed by slot.
#include <ntm/rules/facts.hpp>

#include <algorithm>

#include "core/guard.hpp"
#include "io/json_document.hpp"
#include "rules/program_impl.hpp"

NTM_BEGIN_NAMESPACE

namespace {

error unknown_fact_error(const detail::fact_schema& schema, std::string_view id) {
  std::string msg = "\"" + std::string(id) + "\" is not a fact declared by the criteria set";
  const std::string near = io_internal::closest_match(id, schema.ids);
  if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
  return make_error(errc::unknown_fact, msg);
}

// Checks `v` against the declaration and gives its raw representation.
result<std::int64_t> encode(const fact_definition& d, const value& v) {
  value_type t = v.type();
  if (d.type == value_type::enumeration && (t == value_type::text || t == value_type::enumeration)) {
    auto it = std::find(d.values.begin(), d.values.end(), v.as_text());
    if (it == d.values.end()) {
      std::string allowed;
      for (const auto& name : d.values) allowed += (allowed.empty() ? "\"" : ", \"") + name + "\"";
      return fail(errc::fact_type, "\"" + v.as_text() + "\" is not a value of " + d.id + " (allowed: " + allowed + ")");
    }
    return static_cast<std::int64_t>(it - d.values.begin());
  }
  if (d.type == value_type::number && t == value_type::integer) {
    auto n = decimal::from_integer(v.as_integer());
    if (!n) return fail(errc::fact_type, "fact " + d.id + ": " + n.error().message);
    return n->micros();
  }
  if (t != d.type)
    return fail(errc::fact_type, "fact " + d.id + " is " + to_string(d.type) + ", not " + to_string(t));
  return v.raw();
}

}  // namespace

fact_table::fact_table(std::shared_ptr<const detail::fact_schema> schema) : schema_(std::move(schema)) {
  const std::size_t n = schema_->facts.size();
  values_.assign(n, 0);
  states_.assign(n, 1);
  texts_.assign(n, std::string());
  provenance_.assign(n, provenance{});
}

result<fact_slot> fact_table::slot(std::string_view id) const {
  if (!schema_) return fail(errc::invalid_argument, "this fact table was not made by a program (use program::make_facts)");
  auto it = schema_->index.find(std::string(id));
  if (it == schema_->index.end()) return fail(unknown_fact_error(*schema_, id));
  return fact_slot{it->second};
}

const std::string& fact_table::id(fact_slot slot) const { return schema_->facts[slot.index].id; }
value_type fact_table::type(fact_slot slot) const { return schema_->facts[slot.index].type; }

result<void> fact_table::set(std::string_view id, const value& v, provenance p) {
  NTM_TRY(s, slot(id));
  return set(s, v, std::move(p));
}

result<void> fact_table::set(fact_slot slot, const value& v, provenance p) { return assign(slot, v, &p); }

result<void> fact_table::set(fact_slot slot, const value& v) { return assign(slot, v, nullptr); }

result<void> fact_table::assign(fact_slot slot, const value& v, provenance* p) {
  return core_internal::guarded("setting a fact", [&]() -> result<void> {
    if (!schema_ || slot.index >= values_.size()) return fail(errc::invalid_argument, "fact slot out of range");
    NTM_TRY(raw, encode(schema_->facts[slot.index], v));
    if (v.type() == value_type::text) {
      texts_[slot.index] = v.as_text();  // the only step that may throw, and it comes first
      raw = slot.index;
    }
    values_[slot.index] = raw;
    states_[slot.index] = 0;
    provenance& kept = provenance_[slot.index];
    if (p) kept = std::move(*p);
    else if (!kept.source.empty() || !kept.note.empty() || kept.collected || kept.imputed) kept = provenance{};
    return {};
  });
}

result<void> fact_table::clear(std::string_view id) {
  NTM_TRY(s, slot(id));
  clear(s);
  return {};
}

void fact_table::clear(fact_slot slot) {
  if (slot.index >= values_.size()) return;
  values_[slot.index] = 0;
  states_[slot.index] = 1;
  texts_[slot.index].clear();
  provenance_[slot.index] = provenance{};
}

std::optional<value> fact_table::get(fact_slot slot) const {
  if (slot.index >= values_.size() || states_[slot.index] != 0) return std::nullopt;
  const fact_definition& d = schema_->facts[slot.index];
  const std::int64_t raw = values_[slot.index];
  switch (d.type) {
    case value_type::boolean: return value::of_bool(raw != 0);
    case value_type::integer: return value::of_integer(raw);
    case value_type::number: return value::of_number(decimal::from_micros(raw));
    case value_type::money: return value::of_money(money::from_dong(raw));
    case value_type::percent: return value::of_percent(decimal::from_micros(raw));
    case value_type::date: return value::of_date(date(static_cast<date::date_int_type>(raw)));
    case value_type::text: return value::of_text(texts_[slot.index]);
    case value_type::enumeration: return value::of_enum(d.values[static_cast<std::size_t>(raw)]);
  }
  return std::nullopt;
}

result<std::optional<value>> fact_table::get(std::string_view id) const {
  NTM_TRY(s, slot(id));
  return get(s);
}

fact_columns::fact_columns(std::shared_ptr<const detail::fact_schema> schema, std::size_t rows) : schema_(std::move(schema)) {
  values_.assign(schema_->facts.size(), {});
  states_.assign(schema_->facts.size(), {});
  resize(rows);
}

void fact_columns::resize(std::size_t rows) {
  for (auto& c : values_) c.resize(rows, 0);
  for (auto& c : states_) c.resize(rows, 1);
  rows_ = rows;
}

result<void> fact_columns::set(std::size_t row, fact_slot slot, const value& v) {
  if (!schema_) return fail(errc::invalid_argument, "these columns were not made by a program (use program::make_columns)");
  if (row >= rows_) return fail(errc::invalid_argument, "row " + std::to_string(row) + " is beyond the " + std::to_string(rows_) + " rows");
  if (slot.index >= values_.size()) return fail(errc::invalid_argument, "fact slot out of range");
  NTM_TRY(raw, encode(schema_->facts[slot.index], v));
  if (v.type() == value_type::text) raw = add_text(v.as_text());
  values_[slot.index][row] = raw;
  states_[slot.index][row] = 0;
  return {};
}

result<void> fact_columns::set(std::size_t row, std::string_view id, const value& v) {
  if (!schema_) return fail(errc::invalid_argument, "these columns were not made by a program (use program::make_columns)");
  auto it = schema_->index.find(std::string(id));
  if (it == schema_->index.end()) return fail(unknown_fact_error(*schema_, id));
  return set(row, fact_slot{it->second}, v);
}

result<void> fact_columns::set_row(std::size_t row, const fact_table& facts) {
  if (facts.schema() != schema_) return fail(errc::invalid_argument, "the fact table belongs to another program");
  if (row >= rows_) return fail(errc::invalid_argument, "row " + std::to_string(row) + " is beyond the " + std::to_string(rows_) + " rows");
  for (std::uint32_t k = 0; k < values_.size(); ++k) {
    std::int64_t raw = facts.raw_values()[k];
    if (facts.raw_states()[k] == 0 && schema_->facts[k].type == value_type::text) raw = add_text(facts.text(fact_slot{k}));
    values_[k][row] = raw;
    states_[k][row] = facts.raw_states()[k];
  }
  return {};
}

std::int64_t fact_columns::add_text(std::string text) {
  texts_.push_back(std::move(text));
  return static_cast<std::int64_t>(texts_.size() - 1);
}

NTM_END_NAMESPACE
