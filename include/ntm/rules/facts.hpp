// SPDX-License-Identifier: MIT
/// @file
/// A unit's facts: one value (or none: unknown) per fact the criteria set declares, with
/// provenance; and a columnar table of many units' facts for batch evaluation.
#ifndef NTM_RULES_FACTS_HPP_
#define NTM_RULES_FACTS_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/result.hpp>
#include <ntm/rules/value.hpp>

NTM_BEGIN_NAMESPACE

namespace detail {
struct fact_schema;
}  // namespace detail

/// The dense index of a fact in a compiled program: facts are addressed by slot, not by
/// name, in the hot path. Obtain one with `program::find_fact`.
struct fact_slot {
  std::uint32_t index = 0;
  friend bool operator==(fact_slot a, fact_slot b) noexcept { return a.index == b.index; }
  friend bool operator!=(fact_slot a, fact_slot b) noexcept { return a.index != b.index; }
  friend bool operator<(fact_slot a, fact_slot b) noexcept { return a.index < b.index; }
};

/// Where a fact's value comes from.
struct provenance {
  std::string source;              ///< source document, e.g. "Báo cáo thống kê thu nhập 2022"
  std::optional<date> collected;   ///< when it was collected
  std::string note;                ///< evidence note
  bool imputed = false;            ///< true when estimated rather than observed
  friend bool operator==(const provenance& a, const provenance& b) {
    return a.source == b.source && a.collected == b.collected && a.note == b.note && a.imputed == b.imputed;
  }
};

/// One unit's facts, laid out by the slots of the program that made it
/// (`program::make_facts`). Unset facts are unknown. Setting a value checks its type against
/// the declaration. Copyable; not synchronised (one writer, or copies per thread).
class fact_table {
 public:
  fact_table() = default;
  /// Number of declared facts.
  std::size_t size() const noexcept { return values_.size(); }
  /// The slot of fact `id`; `errc::not_found` (rules: unknown_fact) with a suggestion.
  NTM_API result<fact_slot> slot(std::string_view id) const;
  /// The id of the fact in `slot`.
  NTM_API const std::string& id(fact_slot slot) const;
  /// The declared type of the fact in `slot`.
  NTM_API value_type type(fact_slot slot) const;

  /// Sets a fact. Errors: unknown_fact, fact_type (a value of another type, an enumeration
  /// name that is not declared). On error nothing changes.
  NTM_API result<void> set(std::string_view id, const value& v, provenance p = {});
  /// The same by slot (from program::find_fact): no lookup by id.
  NTM_API result<void> set(fact_slot slot, const value& v, provenance p);
  /// By slot, with no provenance (any earlier one is cleared): the fast form for loops that
  /// change facts and re-evaluate.
  NTM_API result<void> set(fact_slot slot, const value& v);
  /// Makes a fact unknown again.
  NTM_API result<void> clear(std::string_view id);
  /// The same by slot.
  NTM_API void clear(fact_slot slot);

  /// The value of a fact, or nullopt when unknown.
  NTM_API std::optional<value> get(fact_slot slot) const;
  /// The value of fact `id` (nullopt: unknown). Errors: unknown_fact.
  NTM_API result<std::optional<value>> get(std::string_view id) const;
  bool is_known(fact_slot slot) const noexcept { return states_[slot.index] == 0; }
  /// Provenance of a fact (empty when none was given).
  const provenance& provenance_of(fact_slot slot) const { return provenance_[slot.index]; }

  /// The raw 64-bit representation of each slot (see `value::raw`) and its state (0 known,
  /// 1 unknown): what the evaluator reads. Text facts hold their slot number.
  const std::int64_t* raw_values() const noexcept { return values_.data(); }
  const std::uint8_t* raw_states() const noexcept { return states_.data(); }
  /// The text of a text fact.
  const std::string& text(fact_slot slot) const { return texts_[slot.index]; }
  /// Texts of text facts, indexed by their raw value (the slot).
  const std::vector<std::string>& raw_texts() const noexcept { return texts_; }
  /// The schema shared with the program.
  const std::shared_ptr<const detail::fact_schema>& schema() const noexcept { return schema_; }

  friend bool operator==(const fact_table& a, const fact_table& b) {
    return a.values_ == b.values_ && a.states_ == b.states_ && a.texts_ == b.texts_ && a.provenance_ == b.provenance_;
  }

 private:
  friend class program;
  explicit fact_table(std::shared_ptr<const detail::fact_schema> schema);
  // Both slot forms of set: `p` null for no provenance.
  result<void> assign(fact_slot slot, const value& v, provenance* p);
  std::shared_ptr<const detail::fact_schema> schema_;
  std::vector<std::int64_t> values_;
  std::vector<std::uint8_t> states_;
  std::vector<std::string> texts_;
  std::vector<provenance> provenance_;
};

/// Many units' facts in columns (one array per fact), for `program::evaluate_batch`.
/// Unset cells are unknown. Not synchronised.
class fact_columns {
 public:
  fact_columns() = default;
  std::size_t rows() const noexcept { return rows_; }
  std::size_t columns() const noexcept { return values_.size(); }
  /// Grows or shrinks to `rows` units; new cells are unknown.
  NTM_API void resize(std::size_t rows);
  /// Sets one cell, with the same checks as fact_table::set. Errors: invalid_argument (row
  /// out of range), unknown_fact, fact_type.
  NTM_API result<void> set(std::size_t row, fact_slot slot, const value& v);
  /// The same by fact id. Errors: unknown_fact, and those of the slot form.
  NTM_API result<void> set(std::size_t row, std::string_view id, const value& v);
  /// Copies a unit's facts into row `row`.
  NTM_API result<void> set_row(std::size_t row, const fact_table& facts);
  /// Direct access for fast filling: raw values (see value::raw) and states (0 known,
  /// 1 unknown) of one fact for all rows. Text cells hold an index from `add_text`.
  std::int64_t* values(fact_slot slot) noexcept { return values_[slot.index].data(); }
  std::uint8_t* states(fact_slot slot) noexcept { return states_[slot.index].data(); }
  const std::int64_t* values(fact_slot slot) const noexcept { return values_[slot.index].data(); }
  const std::uint8_t* states(fact_slot slot) const noexcept { return states_[slot.index].data(); }
  /// Stores a text and returns the raw value for a text cell.
  NTM_API std::int64_t add_text(std::string text);
  const std::string& text(std::int64_t raw) const { return texts_[static_cast<std::size_t>(raw)]; }
  /// Texts of text cells, indexed by their raw value.
  const std::vector<std::string>& raw_texts() const noexcept { return texts_; }
  const std::shared_ptr<const detail::fact_schema>& schema() const noexcept { return schema_; }

 private:
  friend class program;
  explicit fact_columns(std::shared_ptr<const detail::fact_schema> schema, std::size_t rows);
  std::shared_ptr<const detail::fact_schema> schema_;
  std::size_t rows_ = 0;
  std::vector<std::vector<std::int64_t>> values_;
  std::vector<std::vector<std::uint8_t>> states_;
  std::vector<std::string> texts_;
};

NTM_END_NAMESPACE

#endif  // NTM_RULES_FACTS_HPP_
