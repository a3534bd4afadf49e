// SPDX-License-Identifier: MIT
// Private: the compiled form of a criteria set — fact schema, parameter table, rule metadata
// and the instruction tape — shared (immutable) by every evaluation.
//
// Registers. Every value lives in a register: a 64-bit raw value (see value::raw) and a
// state byte (0 known, 1 unknown, 2 error, 3 not applicable). Registers are laid out as
// [facts | parameters | constants | rule results | temporaries]. One unit is evaluated on
// flat arrays; a batch on columns of `block` units, one instruction over all of them at a
// time, which keeps dispatch cost per unit close to zero.
#ifndef NTM_SRC_RULES_PROGRAM_IMPL_HPP_
#define NTM_SRC_RULES_PROGRAM_IMPL_HPP_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <ntm/rules/criteria_set.hpp>
#include <ntm/rules/functions.hpp>
#include <ntm/rules/program.hpp>

NTM_BEGIN_NAMESPACE

namespace detail {

/// The facts of a program, shared with its fact tables.
struct fact_schema {
  std::vector<fact_definition> facts;
  std::unordered_map<std::string, std::uint32_t> index;
  std::vector<std::string> ids;  // for suggestions
};

}  // namespace detail

namespace rules_internal {

// Register states.
inline constexpr std::uint8_t st_known = 0;
inline constexpr std::uint8_t st_unknown = 1;
inline constexpr std::uint8_t st_error = 2;
inline constexpr std::uint8_t st_na = 3;

// Text raw values: below text_literal_base, text of the unit's data (fact table slot, or a
// fact_columns pool index); then program literals; then texts made during evaluation.
inline constexpr std::int64_t text_literal_base = std::int64_t{1} << 60;
inline constexpr std::int64_t text_runtime_base = std::int64_t{1} << 61;

enum class opcode : std::uint8_t {
  mov,           // dst = a
  load_rule,     // dst = a, with not-applicable read as (known) true
  add, sub, neg, abs, min, max,
  mul_plain,     // a * b
  mul_scaled,    // a * b / 10^6
  mul_pct,       // a * b / 10^8
  div_plain,     // a / b
  div_scaled,    // a * 10^6 / b
  div_pct,       // a * 10^8 / b
  to_scaled,     // a * 10^6
  round_scaled,  // a (millionths) rounded to imm decimals
  lt, le, gt, ge, eq, ne,            // a ? b
  lt_i, le_i, gt_i, ge_i, eq_i, ne_i,  // a ? imm
  eq_text, ne_text,
  in_set, not_in_set,                // a in pool[b .. b+n) (constant registers), n = aux
  in_text, not_in_text,
  and_n, or_n,                       // Kleene over pool[b .. b+aux)
  not_,
  select,                            // a ? pool[b] : pool[b+1]
  known,                             // dst = (a is known)
  coalesce,                          // a if known else b
  at_least,                          // Kleene "at least imm of pool[b .. b+aux) are true"
  count_true,                        // number of true in pool (unknown if any is unknown)
  add_days, add_months, days_between, year_of, month_of,
  all_status,                        // criterion: every applicable child met (NA-aware)
  any_status,                        // criterion: some applicable child met
  at_least_status,                   // criterion: at least imm children met
  count_status,                      // number of pool children with status imm (strict)
  applicable,                        // dst = (a is not not-applicable)
  apply_na,                          // dst = b unless condition a is known false (then NA)
  call,                              // custom function aux, args pool[b .. b+imm)
  evaluate,                          // custom evaluator aux for rule imm
};

struct instr {
  opcode op = opcode::mov;
  std::uint32_t aux = 0;
  std::uint32_t dst = 0;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::int64_t imm = 0;
};

/// An operand of an explanation check: a register, or a constant folded into an immediate.
struct check_operand {
  bool is_register = true;
  std::uint32_t reg = 0;
  std::int64_t raw = 0;
  std::string text;            // source text of this side
  std::int32_t parameter = -1;  // a parameter reference on this side
};

struct check_meta {
  check_operand measured;
  check_operand threshold;
  comparison_op op = comparison_op::ge;
  value_type type = value_type::number;
  std::string unit;
};

struct rule_meta {
  rule_info info;
  rule_kind kind = rule_kind::rule;
  std::uint32_t set = 0;                // index of the owning set
  std::uint32_t result_reg = 0;
  std::uint32_t seg_begin = 0, seg_end = 0;  // in the single tape
  std::uint32_t batch_begin = 0, batch_end = 0;  // in the batch tape
  std::vector<check_meta> checks;
  std::vector<std::uint32_t> direct_facts;
  std::vector<std::uint32_t> direct_params;
  std::vector<std::uint32_t> lineage_facts;   // transitive
  std::vector<std::uint32_t> lineage_params;  // transitive (including through formulas)
  std::vector<std::uint32_t> lineage_rules;   // transitive
  localized_text explanation;
  std::string source;
  std::string expression;  // the condition as written
  std::string evaluator;   // custom evaluator name
  std::vector<std::uint32_t> reads;  // evaluator's declared facts
  bool modelled = false;
  bool key = false;
};

/// One row of the parameter table: every parameter's value for one (period, region).
struct parameter_epoch {
  date from;  // first day (inclusive)
  date to;    // last day (inclusive)
  std::vector<std::int64_t> raw;
  std::vector<std::uint8_t> state;            // st_known or st_error (no value in force)
  std::vector<std::int32_t> value_index;      // which parameter_value, -1 derived or none
  std::vector<std::string> messages;          // why a value is missing (state st_error)
};

struct parameter_meta {
  parameter_definition def;
  std::vector<std::uint32_t> depends;  // parameters a formula reads (transitive)
};

struct function_entry {
  std::string name;
  function_signature signature;
  native_function fn;
};

struct evaluator_entry {
  std::string name;
  indicator_evaluator fn;
};

}  // namespace rules_internal

namespace detail {

struct program_impl {
  std::shared_ptr<const criteria_set> definition;
  std::vector<const criteria_set*> sets;  // bases first, top set last
  std::shared_ptr<const fact_schema> schema;

  std::vector<rules_internal::parameter_meta> parameters;
  std::unordered_map<std::string, std::uint32_t> parameter_index;
  std::vector<std::string> regions;  // "" first, then declared regions
  // epochs[region][k], sorted by date, covering from min_date to max_date.
  std::vector<std::vector<rules_internal::parameter_epoch>> epochs;

  std::vector<rules_internal::rule_meta> rules;  // in dependency (evaluation) order
  std::vector<std::uint8_t> conditions;          // per rule: 1 for a boolean rule (has a status), 0 for a value rule
  std::unordered_map<std::string, std::uint32_t> rule_index;
  std::uint32_t standard = 0;
  std::vector<std::uint32_t> top_criteria;

  // Registers.
  // Layout: [facts | parameters | assessment date | rule results | constants and temporaries].
  std::uint32_t fact_base = 0, param_base = 0, date_register = 0, rule_base = 0, temp_base = 0;  // rule k: rule_base + k
  std::uint32_t register_count = 0;        // single tape
  std::uint32_t batch_register_count = 0;  // batch tape (temporaries reused)
  std::vector<std::pair<std::uint32_t, std::int64_t>> constant_registers;        // single layout
  std::vector<std::pair<std::uint32_t, std::int64_t>> batch_constant_registers;  // batch layout
  std::vector<std::string> text_literals;

  std::vector<rules_internal::instr> tape;        // single-unit tape
  std::vector<rules_internal::instr> batch_tape;  // batch tape
  std::vector<std::uint32_t> pool;                // operand lists (single)
  std::vector<std::uint32_t> batch_pool;          // operand lists (batch)

  std::vector<rules_internal::function_entry> functions;
  std::vector<rules_internal::evaluator_entry> evaluators;

  // For each fact slot, the rules to recompute when it changes (evaluation order).
  std::vector<std::vector<std::uint32_t>> fact_dependents;
  // For incremental re-evaluation with early cut-off: the rules reading each fact directly,
  // and the rules reading each rule's result directly (both ascending).
  std::vector<std::vector<std::uint32_t>> fact_readers;
  std::vector<std::vector<std::uint32_t>> rule_readers;
  // For a change of one fact: the single-tape segments of the rules reading it directly, one
  // after another, so that they run in one pass (fact f's are reader_tape[reader_tape_begin[f]
  // .. reader_tape_begin[f + 1])).
  std::vector<rules_internal::instr> reader_tape;
  std::vector<std::uint32_t> reader_tape_begin;

  std::string fingerprint;

  /// The epoch in force on `at` for region index `region`, or nullptr outside the table.
  const rules_internal::parameter_epoch* epoch(std::size_t region, date at) const;
  /// Region index of `key`, or -1.
  int region_of(std::string_view key) const;
};

/// Data behind a fact_view for one unit.
struct view_data {
  const fact_schema* schema = nullptr;
  const std::int64_t* const* values = nullptr;  // per slot: pointer to the unit's raw value
  const std::uint8_t* const* states = nullptr;
  std::size_t lane = 0;
  const std::vector<std::uint32_t>* reads = nullptr;
  const std::vector<std::string>* texts = nullptr;  // texts for text facts (indexed by raw)
  date at;
  std::string_view region;
};

}  // namespace detail

NTM_END_NAMESPACE

#endif  // NTM_SRC_RULES_PROGRAM_IMPL_HPP_
