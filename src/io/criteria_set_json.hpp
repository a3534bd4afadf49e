// SPDX-License-Identifier: MIT
// Private: criteria-set JSON helpers shared with the compiler (fingerprints, stamps) and with
// later loaders (plan files embed facts and values).
#ifndef NTM_SRC_IO_CRITERIA_SET_JSON_HPP_
#define NTM_SRC_IO_CRITERIA_SET_JSON_HPP_

#include <optional>
#include <string>

#include <ntm/rules/criteria_set.hpp>
#include <ntm/rules/facts.hpp>

#include "io/json_document.hpp"

NTM_BEGIN_NAMESPACE
namespace io_internal {

/// SHA-256 of the canonical JSON of `set` and its bases, with ntm's version.
std::string criteria_set_fingerprint(const criteria_set& set);

/// SHA-256 stamp of an assessment's inputs: the set fingerprint, the facts, date, region.
std::string assessment_stamp(const std::string& fingerprint, const fact_table& facts, date at, const std::string& region);

/// Reads a value of type `t` (an enumeration checks `enum_values` when given).
std::optional<value> read_value(json_reader& r, value_type t, const std::vector<std::string>* enum_values, const json& v,
                                const std::string& ptr);
/// Writes a value as JSON (money "17,5 tỷ", percentages "95%", dates ISO).
json value_to_json(const value& v);

/// Reads the "facts" object of a facts file (or of a plan) into `facts`.
bool read_facts_object(json_reader& r, const json& obj, const std::string& ptr, fact_table& facts);
/// The facts as the JSON object a facts file holds under "facts".
json facts_to_json(const fact_table& facts);

}  // namespace io_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_IO_CRITERIA_SET_JSON_HPP_
