// SPDX-License-Identifier: MIT
/// @file
/// The definition of a criteria set (bộ tiêu chí) as data: declared facts, dated parameters,
/// criteria made of indicators, further rules, and the standard. This is what people in a
/// provincial office write (as JSON, see ntm/io/json.hpp); `ntm::compile` checks it and turns
/// it into an immutable, fast `ntm::program`.
#ifndef NTM_RULES_CRITERIA_SET_HPP_
#define NTM_RULES_CRITERIA_SET_HPP_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/error.hpp>
#include <ntm/core/text.hpp>
#include <ntm/rules/value.hpp>

NTM_BEGIN_NAMESPACE

/// Maps JSON pointers in a loaded file back to line and column, for errors found after
/// loading (e.g. by the type checker). Implemented by the loader; immutable, shareable.
class NTM_API source_map {
 public:
  virtual ~source_map();
  /// The location (file, line, column, pointer) of the value at `pointer`.
  virtual source_location locate(std::string_view pointer) const = 0;
};

/// A fact the set reads: the schema of one input about a unit (commune).
struct fact_definition {
  std::string id;                        ///< e.g. "income_per_capita"; letters, digits, '_'
  value_type type = value_type::boolean;
  std::string unit;                      ///< e.g. "km", "hộ"; for integer and number facts
  localized_text label;                  ///< "Thu nhập bình quân đầu người"
  std::vector<std::string> values;       ///< the allowed names of an enumeration fact
  std::string pointer;                   ///< JSON pointer where it was defined (for errors)
};

/// One dated (and optionally regional) value of a parameter.
struct parameter_value {
  std::optional<date> from;   ///< first day in force; none = since always
  std::optional<date> to;     ///< last day in force; none = until replaced or for ever
  std::string region;         ///< region key ("dbsh"); empty = every region without its own value
  value amount;               ///< the value, of the parameter's type
  std::string reference;      ///< legal reference, e.g. "QĐ 2581/QĐ-UBND, TC10"
  std::string pointer;
};

/// A threshold or other constant whose value depends on the assessment date and region.
/// Either `values` (dated) or `formula` (a derived parameter, an expression over other
/// parameters, e.g. "income_min * 110%").
struct parameter_definition {
  std::string id;
  value_type type = value_type::number;
  std::string unit;
  localized_text label;
  std::vector<parameter_value> values;
  std::string formula;
  std::string reference;                 ///< legal reference of a derived parameter
  std::string pointer;
};

/// How a criterion combines its indicators.
enum class combine_kind {
  all,         ///< met when every applicable indicator is met (the default)
  any,         ///< met when at least one applicable indicator is met
  at_least,    ///< met when at least `at_least` indicators are met
  expression,  ///< an expression over the indicator ids
};

/// An indicator (chỉ tiêu): a condition over facts and parameters, or a custom evaluator.
struct indicator_definition {
  std::string id;                    ///< e.g. "TC10.1"
  localized_text name;
  std::string condition;             ///< boolean expression; empty when `evaluator` is set
  std::string applies_if;            ///< optional: when false, the indicator is not applicable
  std::string evaluator;             ///< name of a C++ evaluator registered in the function_registry
  std::vector<std::string> reads;    ///< facts the evaluator reads (for lineage and re-evaluation)
  localized_text explanation;        ///< template: "{income_per_capita} / {income_min}" …
  std::string source;                ///< where the indicator comes from (decision, article)
  bool modelled = false;             ///< true when the official wording/threshold is unknown and
                                     ///< the indicator models what the plan document says
  std::string note;
  std::string pointer;
};

/// A criterion (tiêu chí), e.g. TC10 Thu nhập.
struct criterion_definition {
  std::string id;                    ///< e.g. "TC10"
  int number = 0;                    ///< 10
  localized_text name;
  combine_kind combine = combine_kind::all;
  int at_least = 0;                  ///< for combine_kind::at_least
  std::string expression;            ///< for combine_kind::expression
  bool key = false;                  ///< a key criterion (used by revocation rules)
  std::vector<indicator_definition> indicators;
  std::string source;
  std::string pointer;
};

/// A named rule anywhere in the set: a boolean condition (a status) or a derived value of
/// any type (e.g. a share of failing criteria). The standard is a rule too.
struct rule_definition {
  std::string id;
  localized_text name;
  std::string expression;
  localized_text explanation;
  std::string source;
  std::string pointer;
};

/// A criteria set. Sets may build on other sets (`extends`): the facts, parameters, criteria
/// and rules of the bases are part of this set, and their standards are rules it can use
/// (the advanced standard requires the basic one; a model commune requires the advanced one).
struct criteria_set {
  std::string id;                         ///< e.g. "hai-duong-nang-cao-2021-2025"
  localized_text title;
  std::string legal_basis;                ///< "Quyết định 2581/QĐ-UBND ngày 26/9/2022"
  std::string issuer;                     ///< "UBND tỉnh Hải Dương"
  std::optional<date> valid_from;
  std::optional<date> valid_to;
  std::string region;                     ///< the region the set is written for, if one
  std::vector<std::string> regions;       ///< region keys parameters may use
  std::vector<std::string> extends;       ///< ids (or file names, when loaded) of base sets
  std::vector<std::shared_ptr<const criteria_set>> bases;  ///< the loaded base sets
  std::vector<fact_definition> facts;
  std::vector<parameter_definition> parameters;
  std::vector<criterion_definition> criteria;
  std::vector<rule_definition> rules;
  rule_definition standard;               ///< id defaults to "standard"; expression defaults
                                          ///< to all_criteria() (every criterion met)
  std::string file;                       ///< the file it was loaded from, if any
  std::shared_ptr<const source_map> sources;  ///< set by the loader

  /// Where the item at `pointer` was written (file, line, column), or just the file.
  NTM_API source_location locate(std::string_view pointer) const;
};

NTM_END_NAMESPACE

#endif  // NTM_RULES_CRITERIA_SET_HPP_
