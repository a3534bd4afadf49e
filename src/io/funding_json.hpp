// SPDX-License-Identifier: MIT
// Private: the funding JSON format (schemas/funding.schema.json), readable as a whole file
// or as one member of a larger document (a whole-plan loader passes its json_reader, the
// node and its JSON pointer).
#ifndef NTM_IO_FUNDING_JSON_HPP_
#define NTM_IO_FUNDING_JSON_HPP_

#include <string>

#include <nlohmann/json.hpp>

#include <ntm/ledger/funding.hpp>

#include "io/json_document.hpp"

NTM_BEGIN_NAMESPACE
namespace io_internal {

/// The value of "format" in a funding file.
inline constexpr const char* funding_format = "ntm.funding";
/// The current version of the funding format.
inline constexpr int funding_version = 1;

/// Reads a funding plan from `node` (an object at JSON pointer `pointer`, "" for the root)
/// into `out`, recording every problem in `r` with its location: JSON types, unknown fields
/// (with a suggestion), ambiguous or malformed amounts, then every problem of
/// `ntm::check(plan)` that is not a consequence of one already reported. Returns true when
/// it recorded no problem.
bool read_funding(json_reader& r, const json& node, const std::string& pointer, funding_plan& out);

/// A transaction in the funding format (also used in "transactions").
/// One need or source, as in a funding file's lists (for files that add one, like scenarios).
bool read_need(json_reader& r, const json& node, const std::string& pointer, funding_need& out);
bool read_source(json_reader& r, const json& node, const std::string& pointer, funding_source& out);

bool read_transaction(json_reader& r, const json& node, const std::string& pointer, transaction_input& out);

/// The funding plan as JSON, fields in a fixed order; `read_funding` gives back an equal plan.
nlohmann::ordered_json funding_to_json(const funding_plan& plan);

/// An amount as data files write it: "17,5 tỷ" / "500 triệu" when a whole number of triệu,
/// else "1.234.567 đ". parse_money reads it back exactly.
std::string money_to_text(money m);

}  // namespace io_internal
NTM_END_NAMESPACE

#endif  // NTM_IO_FUNDING_JSON_HPP_
