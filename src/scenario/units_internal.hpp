// SPDX-License-Identifier: MIT
// Private: what assessing and simulating tables of units share — a scenario applied to a
// table (parameters, fact changes, merges), the areas units roll up into, and work split
// into contiguous parts whose results do not depend on the number of threads.
#ifndef NTM_SRC_SCENARIO_UNITS_INTERNAL_HPP_
#define NTM_SRC_SCENARIO_UNITS_INTERNAL_HPP_

#include <algorithm>
#include <cstdint>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <ntm/scenario/batch.hpp>

NTM_BEGIN_NAMESPACE
namespace scenario_internal {

/// Met, or not applicable (a criterion that does not apply counts for the standard).
inline bool counts_as_met(status s) { return s == status::met || s == status::not_applicable; }

/// The number of contiguous parts `n` items are split into on `threads` threads (0: every
/// core), at least `min_part` items a part.
inline std::size_t part_count(std::size_t n, unsigned threads, std::size_t min_part = 1024) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min<std::size_t>(threads, n / std::max<std::size_t>(1, min_part)));
}

/// Runs body(part, begin, end) over [0, n) in `parts` contiguous parts, one thread each; the
/// error of the lowest failing part wins, so the outcome does not depend on the count.
/// `what` names the work in the error of an exception.
template <class Body>
result<void> in_parts(std::size_t n, std::size_t parts, const char* what, Body&& body) {
  auto guarded = [&](std::size_t part) -> result<void> {
    try {
      return body(part, n * part / parts, n * (part + 1) / parts);
    } catch (const std::bad_alloc&) {
      return fail(errc::limit_exceeded, std::string("out of memory ") + what);
    } catch (const std::exception& e) {
      return fail(errc::internal, std::string("internal error ") + what + ": " + e.what());
    }
  };
  if (parts <= 1) return guarded(0);
  std::vector<result<void>> results(parts);
  std::vector<std::thread> pool;
  for (std::size_t k = 1; k < parts; ++k) pool.emplace_back([&, k] { results[k] = guarded(k); });
  results[0] = guarded(0);
  for (std::thread& t : pool) t.join();
  for (result<void>& r : results)
    if (!r) return r;
  return {};
}

/// The areas a table rolls up into: 0 is every unit, then the provinces, then the districts
/// (province, district), each in name order.
struct area_layout {
  std::vector<std::string> name;        ///< per area ("" for all)
  std::vector<std::string> province;    ///< per area: a district's province, else ""
  std::size_t provinces = 0;            ///< areas 1 .. provinces are provinces
  std::vector<std::uint32_t> province_of, district_of;  ///< per unit: its areas
  std::size_t size() const noexcept { return name.size(); }
};
area_layout layout_areas(const unit_table& units);

/// A table of units under a scenario: the criteria set with its parameter changes, the
/// units' facts with its fact changes (in that program's layout), and when it merges units
/// the table after the merges (merged units take the place of their first part).
struct scenario_units {
  program prog;
  fact_columns facts;                   ///< the facts of the original table's units (empty when merged)
  std::optional<unit_table> merged;     ///< the table after merges, with its facts
  std::vector<merge_result> merges;     ///< each merge against its parts, under the scenario
  std::vector<std::vector<std::string>> merged_from;  ///< per unit of table(): the parts it merges, or none
  const unit_table& table(const unit_table& original) const { return merged ? *merged : original; }
  const fact_columns& columns() const { return merged ? merged->facts : facts; }
};

/// Applies `s` (its bases first): parameters, then fact changes, then merges (evaluated at
/// `at` in `region` for the kept/lost criteria). Errors: a scenario that changes tasks or
/// funding (invalid_argument), and those of apply_parameters, the fact changes, and merging.
result<scenario_units> apply_to_units(const program& prog, const unit_table& units, const scenario& s, date at, const std::string& region,
                                      const function_registry& functions);

}  // namespace scenario_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_SCENARIO_UNITS_INTERNAL_HPP_
