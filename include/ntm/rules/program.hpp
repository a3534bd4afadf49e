// SPDX-License-Identifier: MIT
/// @file
/// A compiled criteria set: checked once (types, units, references, cycles, parameter
/// ranges), then evaluated any number of times, fast. Facts are addressed by dense slots;
/// rules run in dependency order from a flat instruction tape; evaluating a unit through an
/// `evaluation_state` allocates nothing; a batch evaluates a columnar table of many units.
///
/// Thread safety: a `program` is immutable. Any number of threads may evaluate the same
/// program at once, each with its own `evaluation_state`, `fact_table` and `batch_result`.
///
/// Example:
/// @code
///   auto set = ntm::load_criteria_set("hai-duong-nang-cao.json");
///   auto prog = ntm::compile(*set);
///   ntm::fact_table facts = prog->make_facts();
///   facts.set("income_per_capita", ntm::value::of_money(*ntm::parse_money("59,58 triệu")));
///   ntm::evaluate_options opt;
///   opt.at = *ntm::parse_date("2023-12-31");
///   auto a = prog->evaluate(facts, opt);
///   std::cout << a->explain("TC10.1") << '\n';
/// @endcode
#ifndef NTM_RULES_PROGRAM_HPP_
#define NTM_RULES_PROGRAM_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/result.hpp>
#include <ntm/rules/assessment.hpp>
#include <ntm/rules/criteria_set.hpp>
#include <ntm/rules/facts.hpp>
#include <ntm/rules/functions.hpp>
#include <ntm/rules/status.hpp>
#include <ntm/rules/value.hpp>

NTM_BEGIN_NAMESPACE

namespace detail {
struct program_impl;
}  // namespace detail

/// The dense index of a rule (indicator, criterion, standard or rule) in a program; rules
/// are numbered in dependency order.
struct rule_index {
  std::uint32_t index = 0;
  friend bool operator==(rule_index a, rule_index b) noexcept { return a.index == b.index; }
  friend bool operator!=(rule_index a, rule_index b) noexcept { return a.index != b.index; }
  friend bool operator<(rule_index a, rule_index b) noexcept { return a.index < b.index; }
};

/// Limits that keep an untrusted criteria set from exhausting the host (see
/// ntm/core/limits.hpp); each violation is `errc::limit_exceeded` naming the limit.
struct compile_options {
  std::size_t max_expression_length = 16 * 1024;  ///< bytes per expression
  std::size_t max_expression_depth = 64;          ///< nesting of an expression (each operator of a chain counts)
  std::size_t max_rules = 100'000;                ///< indicators, criteria, standards and rules
  std::size_t max_facts = 100'000;
  std::size_t max_parameters = 10'000;
  /// The facts, parameters and rules each rule depends on (directly or through other rules),
  /// summed over all rules: a long chain of rules grows this with the square of its length.
  std::size_t max_dependencies = 50'000'000;
};

/// How to evaluate one unit.
struct evaluate_options {
  date at;                  ///< assessment date (required)
  std::string region;       ///< region key for regional parameters (optional)
  bool explain = true;      ///< fill values used, checks, shortfalls and missing facts
  bool stamp = false;       ///< compute the reproducibility stamp (SHA-256)
};

/// Which facts, parameters and rules a rule depends on, directly or through other rules.
struct lineage {
  std::vector<std::string> facts;
  std::vector<std::string> parameters;
  std::vector<std::string> rules;
};

/// Public facts about one compiled rule.
struct rule_info {
  std::string id;
  rule_kind kind = rule_kind::rule;
  localized_text name;
  value_type type = value_type::boolean;
  std::string unit;
  int number = 0;
  std::optional<rule_index> parent;
  std::vector<rule_index> children;
};

class program;

/// Reusable scratch space for evaluating units one at a time without allocating: the values
/// of every fact, parameter and rule of the last evaluation. One per thread. The statuses
/// stay readable until the next evaluation.
class NTM_API evaluation_state {
 public:
  evaluation_state();
  ~evaluation_state();
  evaluation_state(evaluation_state&&) noexcept;
  evaluation_state& operator=(evaluation_state&&) noexcept;
  evaluation_state(const evaluation_state&) = delete;
  evaluation_state& operator=(const evaluation_state&) = delete;

  /// The status of a rule after the last evaluation (value rules: met = computed).
  status status_of(rule_index r) const noexcept;
  /// The value of a rule (booleans for conditions), or nullopt when not known.
  std::optional<value> value_of(rule_index r) const;
  /// The error message of an errored rule.
  std::string error_of(rule_index r) const;

  /// @cond internal
  struct impl;  // defined in src/ (registers of the last evaluation)
  /// @endcond

 private:
  friend class program;
  std::unique_ptr<impl> impl_;
};

/// Statuses (and values of value rules) of many units, rule-major: what the batch's
/// instructions wrote, with nothing converted until read.
class NTM_API batch_result {
 public:
  std::size_t rows() const noexcept { return rows_; }
  std::size_t rules() const noexcept { return rules_; }
  /// The status of rule `r` for unit `row`.
  status at(std::size_t row, rule_index r) const noexcept {
    const std::size_t i = static_cast<std::size_t>(r.index) * rows_ + row;
    switch (states_[i]) {
      case 0: return conditions_[r.index] ? (values_[i] != 0 ? status::met : status::not_met) : status::met;
      case 1: return status::unknown;
      case 2: return status::error;
      default: return status::not_applicable;
    }
  }
  /// The raw value (see value::raw) of value rule `r` for unit `row`, meaningful when its
  /// status is met (computed).
  std::int64_t raw_value(std::size_t row, rule_index r) const noexcept {
    return values_[static_cast<std::size_t>(r.index) * rows_ + row];
  }
  /// The error message of an errored cell (empty otherwise).
  std::string error_of(std::size_t row, rule_index r) const;
  /// Every errored cell with its message.
  struct cell_error {
    std::size_t row;
    rule_index rule;
    std::string message;
  };
  std::vector<cell_error> errors() const;

 private:
  friend class program;
  std::size_t rows_ = 0;
  std::size_t rules_ = 0;
  std::vector<std::uint8_t> states_;      // per rule and row: 0 known, 1 unknown, 2 error, 3 n/a
  std::vector<std::int64_t> values_;      // per rule and row; for errors, an index into messages_
  std::vector<std::uint8_t> conditions_;  // per rule: 1 for conditions (met/not met)
  std::vector<std::string> messages_;
  // Each thread's registers of one block, kept between calls so that a reused result
  // allocates nothing.
  struct worker {
    std::vector<std::int64_t> scratch_values;
    std::vector<std::uint8_t> scratch_states;
    std::vector<std::int64_t*> value_columns;
    std::vector<std::uint8_t*> state_columns;
    std::vector<std::uint8_t> lane_flags;
    std::vector<std::string> messages;
  };
  std::vector<worker> workers_;
};

/// How to evaluate a batch.
struct batch_options {
  date at;                  ///< assessment date (required)
  std::string region;       ///< region for every row (use several batches for several regions)
  std::size_t block = 256;  ///< units evaluated together (cache blocking); 1–4096
  unsigned threads = 1;     ///< threads sharing the rows (0: every core); results are the same for any number
};

/// A compiled, immutable criteria set. Cheap to copy (shared).
class NTM_API program {
 public:
  program();
  ~program();
  program(const program&);
  program& operator=(const program&);
  program(program&&) noexcept;
  program& operator=(program&&) noexcept;

  /// The definition it was compiled from (including bases).
  const criteria_set& definition() const;
  /// The id of the top-level set.
  const std::string& id() const;

  // --- facts ---------------------------------------------------------------------------
  std::size_t fact_count() const noexcept;
  /// The slot of fact `id`. Errors: unknown_fact (with a suggestion).
  result<fact_slot> find_fact(std::string_view id) const;
  /// The declaration of the fact in `slot`.
  const fact_definition& fact(fact_slot slot) const;
  /// An empty fact table (all facts unknown) laid out for this program.
  fact_table make_facts() const;
  /// An empty columnar table of `rows` units.
  fact_columns make_columns(std::size_t rows) const;

  // --- rules ---------------------------------------------------------------------------
  std::size_t rule_count() const noexcept;
  /// The index of rule `id` (indicator, criterion, standard or rule). Errors: unknown_rule.
  result<rule_index> find_rule(std::string_view id) const;
  const rule_info& rule(rule_index r) const;
  /// The top-level set's standard.
  rule_index standard() const noexcept;
  /// The top-level set's criteria, by number.
  std::vector<rule_index> criteria() const;
  /// Which facts, parameters and rules `rule_id` depends on. Errors: unknown_rule.
  result<lineage> lineage_of(std::string_view rule_id) const;
  /// The rules that must be recomputed when fact `slot` changes, in evaluation order.
  std::vector<rule_index> dependents_of(fact_slot slot) const;
  /// The rule dependency graph in Graphviz DOT (facts, parameters, rules).
  std::string to_dot(lang l = lang::vi) const;

  /// The region keys the set (and its bases) declares.
  std::vector<std::string> regions() const;
  /// Days in (from, to] on which some parameter's value changes in `region` (a new
  /// threshold comes into force): re-assess on these even when no fact changes.
  std::vector<date> parameter_changes(date from, date to, std::string_view region = {}) const;

  /// The value of parameter `id` on date `at` in `region`. Errors: unknown_parameter,
  /// parameter_undefined (no value in force on that date), unknown_region.
  result<value> parameter(std::string_view id, date at, std::string_view region = {}) const;

  // --- evaluation ------------------------------------------------------------------------
  /// Evaluates one unit with full explanations. Errors: invalid_argument (not-a-date, facts
  /// from another program), unknown_region. Missing facts are not errors: they give unknown.
  result<assessment> evaluate(const fact_table& facts, const evaluate_options& options) const;
  /// Evaluates one unit into `state` (statuses only), allocating nothing once `state` has
  /// been used with this program. Same errors as above.
  result<void> evaluate(evaluation_state& state, const fact_table& facts, date at,
                        std::string_view region = {}) const;
  /// Recomputes only the rules that depend on `changed` facts, after a full `evaluate` into
  /// the same state (same date and region); the result equals a full evaluation.
  /// Errors: invalid_argument (state not evaluated with this program).
  result<void> reevaluate(evaluation_state& state, const fact_table& facts,
                          const std::vector<fact_slot>& changed) const {
    return reevaluate(state, facts, changed.data(), changed.size());
  }
  /// The same, with the changed slots as an array (no container needed).
  result<void> reevaluate(evaluation_state& state, const fact_table& facts, const fact_slot* changed,
                          std::size_t count) const;
  /// Evaluates every row of `facts` into `out` (statuses, values of value rules).
  result<void> evaluate_batch(const fact_columns& facts, const batch_options& options, batch_result& out) const;

  /// SHA-256 (hex) of the set's canonical definition (including bases) and ntm's version.
  std::string fingerprint() const;

 private:
  friend NTM_API result<program> compile(const criteria_set&, const function_registry&, const compile_options&);
  explicit program(std::shared_ptr<const detail::program_impl> impl);
  std::shared_ptr<const detail::program_impl> impl_;
};

/// Checks and compiles a criteria set (with its bases). Every problem found is reported, not
/// only the first: the error's `details` list them all, each with file, line and column.
/// Errors: expression_syntax, expression_type, expression_unit, unknown_identifier,
/// unknown_function, wrong_arity, dependency_cycle (naming every rule in the cycle),
/// parameter_overlap, parameter_gap, duplicate_id, limit_exceeded, …
NTM_API result<program> compile(const criteria_set& set, const function_registry& functions = function_registry(),
                                const compile_options& options = compile_options());

NTM_END_NAMESPACE

#endif  // NTM_RULES_PROGRAM_HPP_
