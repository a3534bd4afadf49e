// SPDX-License-Identifier: MIT
// Private: units that merge, as a file of their own (ntm.merge/1, schemas/merge.schema.json)
// or as an entry of a scenario's "merges".
#ifndef NTM_IO_MERGE_JSON_HPP_
#define NTM_IO_MERGE_JSON_HPP_

#include <string>

#include <ntm/scenario/scenario.hpp>

#include "io/json_document.hpp"

NTM_BEGIN_NAMESPACE
namespace io_internal {

/// The value of "format" in a merge file.
inline constexpr const char* merge_format = "ntm.merge/1";

/// Reads a merge from `node` (an object at `pointer`) into `out`, recording every problem in
/// `r` with its location: types, unknown fields, fewer than two units, a unit listed twice
/// (duplicate_id), an unknown aggregation. `file_root`: a whole merge file, which may
/// carry "format".
void read_merge(json_reader& r, const json& node, const std::string& pointer, merge_spec& out, bool file_root);

}  // namespace io_internal
NTM_END_NAMESPACE

#endif  // NTM_IO_MERGE_JSON_HPP_
