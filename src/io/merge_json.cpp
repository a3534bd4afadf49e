// SPDX-License-Identifier: MIT
// Units that merge: a merge file, or an entry of a scenario's "merges".
#include "io/merge_json.hpp"

#include <algorithm>

NTM_BEGIN_NAMESPACE

result<aggregation> parse_aggregation(std::string_view name) {
  static const std::pair<const char*, aggregation> names[] = {
      {"sum", aggregation::sum}, {"mean", aggregation::mean}, {"weighted_mean", aggregation::weighted_mean}, {"any", aggregation::any},
      {"all", aggregation::all}, {"max", aggregation::max}, {"min", aggregation::min}, {"unknown", aggregation::unknown}};
  for (const auto& [n, a] : names)
    if (name == n) return a;
  return fail(errc::invalid_value, "\"" + std::string(name) + "\" is not an aggregation (sum, mean, weighted_mean, any, all, max, min, unknown)");
}

namespace io_internal {

void read_merge(json_reader& r, const json& node, const std::string& pointer, merge_spec& spec, bool file_root) {
  spec.pointer = pointer;
  if (!r.expect_object(node, pointer, "a merge")) return;
  if (file_root) r.check_fields(node, pointer, {"format", "id", "name", "units", "facts", "otherwise", "weight", "district", "province"});
  else r.check_fields(node, pointer, {"id", "name", "units", "facts", "otherwise", "weight", "district", "province"});
  if (auto f = r.get_string(node, pointer, "format", false); file_root && f && *f != merge_format)
    r.report(errc::format_version, "unsupported format \"" + *f + "\"; this version of ntm reads \"" + merge_format + "\"", pointer + "/format");
  spec.id = r.get_string(node, pointer, "id", true).value_or("");
  spec.name = r.get_string(node, pointer, "name", false).value_or(spec.id);
  spec.weight = r.get_string(node, pointer, "weight", false).value_or("");
  spec.district = r.get_string(node, pointer, "district", false).value_or("");
  spec.province = r.get_string(node, pointer, "province", false).value_or("");
  if (const json* u = r.field(node, pointer, "units", true); u && r.expect_array(*u, pointer + "/units", "\"units\"")) {
    if (u->size() < 2) r.report(errc::invalid_value, "a merge needs at least two units", pointer + "/units");
    for (std::size_t k = 0; k < u->size(); ++k) {
      const std::string ptr = pointer + "/units/" + std::to_string(k);
      if (!(*u)[k].is_string()) r.report(errc::json_type, "a unit id is text", ptr);
      else if (std::find(spec.units.begin(), spec.units.end(), (*u)[k].get<std::string>()) != spec.units.end())
        r.report(errc::duplicate_id, "unit \"" + (*u)[k].get<std::string>() + "\" is listed twice", ptr);
      else spec.units.push_back((*u)[k].get<std::string>());
    }
  }
  if (auto o = r.get_string(node, pointer, "otherwise", false)) {
    auto a = parse_aggregation(*o);
    if (a) spec.otherwise = *a;
    else r.report(a.error().code, a.error().message, pointer + "/otherwise");
  }
  if (const json* f = r.field(node, pointer, "facts", false); f && r.expect_object(*f, pointer + "/facts", "\"facts\""))
    for (auto it = f->begin(); it != f->end(); ++it) {
      const std::string ptr = pointer + "/facts/" + pointer_token(it.key());
      if (!it.value().is_string()) {
        r.report(errc::json_type, "an aggregation is text", ptr);
        continue;
      }
      auto a = parse_aggregation(it.value().get<std::string>());
      if (a) spec.facts[it.key()] = *a;
      else r.report(a.error().code, a.error().message, ptr);
    }
}

}  // namespace io_internal
NTM_END_NAMESPACE
