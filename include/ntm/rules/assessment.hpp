// SPDX-License-Identifier: MIT
/// @file
/// The result of evaluating one unit against a criteria set at a date: every indicator,
/// criterion, rule and the standard with its status, the values it used, the thresholds and
/// their legal references, the shortfall, and the missing facts that would decide what is
/// still unknown. Self-contained: it outlives the program and renders its own explanations.
#ifndef NTM_RULES_ASSESSMENT_HPP_
#define NTM_RULES_ASSESSMENT_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/text.hpp>
#include <ntm/rules/status.hpp>
#include <ntm/rules/value.hpp>

NTM_BEGIN_NAMESPACE

/// What a rule is in the set's structure.
enum class rule_kind : std::uint8_t {
  indicator,  ///< chỉ tiêu, inside a criterion
  criterion,  ///< tiêu chí
  standard,   ///< the standard of a set (all criteria met, or its own expression)
  rule,       ///< any other named rule (recognition conditions, derived values)
};
/// "standard", "criterion", "indicator" or "rule".
NTM_API const char* to_string(rule_kind k) noexcept;

/// A comparison operator in a check.
enum class comparison_op : std::uint8_t { lt, le, gt, ge, eq, ne };
/// "<", "≤", ">", "≥", "=", "≠".
NTM_API const char* to_symbol(comparison_op op) noexcept;

/// A fact or parameter a rule read, with the value it had (nullopt: unknown).
struct input_use {
  std::string id;
  localized_text label;
  std::optional<ntm::value> value;
  std::string unit;
  std::string reference;  ///< legal reference (parameters)
};

/// One comparison of an indicator's condition, e.g. income_per_capita ≥ income_min:
/// measured value, threshold, and for a numeric threshold the shortfall and attainment.
struct check_detail {
  std::string measured_expression;       ///< "income_per_capita"
  std::string threshold_expression;      ///< "income_min"
  comparison_op op = comparison_op::ge;  ///< as written with the measured side on the left
  std::optional<value> measured;
  std::optional<value> threshold;
  std::string unit;
  std::string reference;                 ///< legal reference of the threshold, if a parameter
  status result = status::unknown;       ///< this comparison alone
  std::optional<value> shortfall;        ///< how far the measured value must move (when not met)
  std::optional<decimal> attainment;     ///< measured / threshold × 100, for ≥ / > checks
};

/// The outcome of one rule.
struct rule_outcome {
  std::string id;
  rule_kind kind = rule_kind::rule;
  localized_text name;
  int number = 0;                        ///< criterion number (TC10 → 10)
  status result = status::unknown;       ///< for value rules: met = computed
  value_type type = value_type::boolean;
  std::optional<value> computed;         ///< the value of a non-boolean rule
  std::string unit;
  std::string parent;                    ///< the criterion of an indicator
  std::vector<std::string> children;     ///< indicators of a criterion, criteria of a standard
  std::size_t met = 0, not_met = 0, unknown = 0, not_applicable = 0, errored = 0;  ///< among children
  std::vector<input_use> facts;          ///< facts read directly
  std::vector<input_use> parameters;     ///< parameters read directly
  std::vector<check_detail> checks;      ///< comparisons of the condition's top-level conjunction
  std::vector<std::string> missing_facts;  ///< unknown facts in its lineage (when undecided)
  std::string message;                   ///< an evaluator's explanation, or the error
  localized_text explanation_template;   ///< from the set
  std::string source;                    ///< where the rule comes from (citation)
  bool modelled = false;                 ///< not the official wording/threshold (see set)
  bool key = false;                      ///< a key criterion
};

/// An assessment of one unit at one date.
class NTM_API assessment {
 public:
  date at;                                ///< assessment date
  std::string region;
  std::string set_id;
  std::string standard_id;                ///< id of the set's standard
  std::vector<rule_outcome> outcomes;     ///< every rule, in dependency order
  std::vector<std::string> warnings;      ///< e.g. the date is outside the set's validity
  std::string stamp;                      ///< reproducibility stamp (SHA-256), when requested

  /// The outcome of rule `id`, or nullptr.
  const rule_outcome* find(std::string_view id) const;
  /// The outcome of the standard.
  const rule_outcome& standard() const;
  /// The criteria in their set order (by number).
  std::vector<const rule_outcome*> criteria() const;
  /// The indicators of criterion `id`.
  std::vector<const rule_outcome*> indicators_of(std::string_view criterion_id) const;
  /// A sentence a committee can read: the rule's explanation template filled in, or a
  /// generated account ("Thu nhập bình quân đầu người 59,58 triệu; yêu cầu ≥ 68 triệu
  /// (QĐ 2581…); còn thiếu 8,42 triệu (đạt 87,6%)"). Empty for an unknown id.
  std::string explain(std::string_view id, lang l = lang::vi) const;
};

NTM_END_NAMESPACE

#endif  // NTM_RULES_ASSESSMENT_HPP_
