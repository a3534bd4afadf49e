// SPDX-License-Identifier: MIT
// Private: shared state of the criteria-set compiler (checker, emitter, parameter table).
#ifndef NTM_SRC_RULES_COMPILER_HPP_
#define NTM_SRC_RULES_COMPILER_HPP_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/expression.hpp"
#include "rules/program_impl.hpp"

NTM_BEGIN_NAMESPACE
namespace rules_internal {

/// Errors found while compiling, each located in its file.
class diagnostics {
 public:
  /// An error at `pointer` in `set`; `column` (1-based, 0 = none) is a position inside the
  /// expression string found there.
  /// Beyond `max_kept` errors, errors are counted, not located (locating scans the file).
  void add(errc code, std::string message, const criteria_set* set, const std::string& pointer, std::uint32_t column = 0);
  void add(error e) {
    if (errors_.size() < max_kept) errors_.push_back(std::move(e));
    else ++dropped_;
  }
  bool empty() const { return errors_.empty(); }
  std::size_t size() const { return errors_.size() + dropped_; }
  /// All errors as one (details listing each).
  error combined(const std::string& what) const;

  static constexpr std::size_t max_kept = 100;

 private:
  std::vector<error> errors_;
  std::size_t dropped_ = 0;
};

/// One expression being compiled, and what it belongs to.
struct expression_unit {
  enum class owner_kind { rule, parameter, applies_if } owner = owner_kind::rule;
  std::uint32_t owner_index = 0;   // rule (definition order) or parameter index
  std::string text;
  std::string pointer;             // JSON pointer of the expression string
  const criteria_set* set = nullptr;
  std::uint32_t set_index = 0;
  node ast;
  bool parsed = false;
};

/// What names mean while checking an expression.
struct name_scope {
  const detail::program_impl* program = nullptr;
  bool allow_facts = true;
  bool allow_rules = true;
  std::uint32_t set_index = 0;     // the set that owns the expression (all_criteria())
  // Rule types by definition index (filled in dependency order), for value rules.
  const std::vector<value_type>* rule_types = nullptr;
  const std::vector<std::string>* rule_units = nullptr;
  const std::vector<bool>* rule_typed = nullptr;
  // Criteria of each set, by definition index, for the *_criteria() built-ins.
  const std::vector<std::vector<std::uint32_t>>* set_criteria = nullptr;
  const std::vector<bool>* rule_is_key = nullptr;
  // Definition index of a rule id (rules are checked before they are ordered).
  const std::unordered_map<std::string, std::uint32_t>* rule_ids = nullptr;
  // Set index of each set's standard id, for all_criteria(NC) and friends.
  const std::unordered_map<std::string, std::uint32_t>* standard_sets = nullptr;
};

/// The set whose criteria a criteria built-in (all_criteria(), count_criteria_met(NC), …)
/// is about: its own set without an argument, or the set whose standard is named. -1 when
/// the argument is not a standard.
int criteria_set_of_call(const node& n, const name_scope& scope);
/// True for the built-ins over a set's criteria.
bool is_criteria_builtin(const std::string& name);

/// Type-checks `unit.ast` in place (types, units, name resolution). Reports every problem.
/// Returns false when there were errors.
bool check_expression(expression_unit& unit, const name_scope& scope, diagnostics& diag);

/// Names of the rules and built-in rule lists an expression refers to (for the dependency
/// graph, before types are known): rule definition indices.
void referenced_rules(const node& n, const name_scope& scope, std::vector<std::uint32_t>& out);
/// Fact slots and parameter indices read directly.
void referenced_inputs(const node& n, std::vector<std::uint32_t>& facts, std::vector<std::uint32_t>& params);

/// Emits instructions computing `n` into a register; returns the register.
class emitter {
 public:
  emitter(detail::program_impl& p, std::vector<std::uint32_t> rule_registers,
          const std::vector<std::vector<std::uint32_t>>& set_criteria, const std::vector<bool>& rule_is_key)
      : p_(p), rule_registers_(std::move(rule_registers)), set_criteria_(set_criteria), rule_is_key_(rule_is_key) {}

  /// Emits code for a checked expression; returns the register holding its value. Rule
  /// references use the registers given at construction (by definition index).
  std::uint32_t emit(const node& n, const std::string& expression);
  /// Emits `dst = src`.
  void move(std::uint32_t dst, std::uint32_t src);
  /// Emits code computing `n` straight into `dst` (no extra move when it can be avoided).
  void emit_into(std::uint32_t dst, const node& n, const std::string& expression);
  /// Emits a criterion/standard combinator over child registers.
  void combine(opcode op, std::uint32_t dst, const std::vector<std::uint32_t>& children, std::int64_t imm = 0);
  /// Emits `dst = apply_na(condition, value)`.
  void apply_na(std::uint32_t dst, std::uint32_t condition, std::uint32_t value);
  /// Emits a custom evaluator call.
  void evaluate(std::uint32_t dst, std::uint32_t evaluator, std::uint32_t rule);
  /// A constant register holding `raw` (known).
  std::uint32_t constant(std::int64_t raw);
  /// A new temporary register.
  std::uint32_t temp();
  /// Converts a register of type `from` to the representation of `to` (integer → scaled).
  std::uint32_t convert(std::uint32_t reg, value_type from, value_type to);
  /// Fills `check` operands for a comparison node, if it has one.
  bool describe_check(const node& n, const std::string& expression, check_meta& check);
  /// Evaluation of a constant subtree (for immediates), if it is one.
  bool fold(const node& n, std::int64_t& raw) const;
  // fold(), then the constant as a value of type `as` (an integer scaled to a number); false
  // also when scaling overflows: that is left to the run-time conversion, which reports it.
  bool fold_as(const node& n, value_type as, std::int64_t& raw) const;

 private:
  std::uint32_t emit_binary(const node& n, const std::string& expression);
  std::uint32_t emit_call(const node& n, const std::string& expression);
  std::uint32_t emit_operand(const node& n, const std::string& expression, value_type as);
  std::uint32_t pool_list(const std::vector<std::uint32_t>& regs);

  struct compare_operands {
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    bool b_is_register = true;
    std::int64_t imm = 0;
  };

  detail::program_impl& p_;
  std::vector<std::uint32_t> rule_registers_;  // by rule definition index
  const std::vector<std::vector<std::uint32_t>>& set_criteria_;
  const std::vector<bool>& rule_is_key_;
  std::unordered_map<const node*, compare_operands> compares_;
};

/// Parameter ranges: overlap and gap checks, then the table of parameter values per period
/// and region (derived parameters computed with the kernel). Reports every problem.
bool build_parameter_table(detail::program_impl& p, const std::vector<expression_unit>& formulas,
                           diagnostics& diag);

/// A dependency graph over `n` nodes; edges (from, to) mean "from must be computed before to".
/// Gives a deterministic topological order, or the nodes of one cycle in order.
struct ordering {
  std::vector<std::uint32_t> order;  // when acyclic
  std::vector<std::uint32_t> cycle;  // when cyclic: a → b → … (first not repeated)
};
ordering order_dependencies(std::size_t n, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges);

/// Typed value of a raw register value, for explanations.
value decode_value(value_type t, std::int64_t raw, std::string_view text = {});

}  // namespace rules_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_RULES_COMPILER_HPP_
