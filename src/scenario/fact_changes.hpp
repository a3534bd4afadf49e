// SPDX-License-Identifier: MIT
// Private: a scenario's fact changes resolved against a program, applied to one unit's facts
// or to a table of units alike.
#ifndef NTM_SRC_SCENARIO_FACT_CHANGES_HPP_
#define NTM_SRC_SCENARIO_FACT_CHANGES_HPP_

#include <vector>

#include <ntm/scenario/scenario.hpp>

NTM_BEGIN_NAMESPACE
namespace scenario_internal {

/// One fact change, checked and ready: `set` gives `value`; the others map a known raw value.
struct resolved_change {
  fact_slot slot;
  fact_change_op op = fact_change_op::set;
  value set_value;        ///< set: the new value; add: the addend
  fraction rate{1, 1};    ///< scale: the rate; growth: 1 + rate
  int times = 1;          ///< growth: years
  std::string fact;
};

/// The fact changes of `s` and its bases (bases first), checked against `prog`. Errors are
/// located in the scenario file.
result<std::vector<resolved_change>> resolve(const program& prog, const scenario& s);

/// The new raw value of a known fact under a scale, add or growth change. Errors: overflow.
result<std::int64_t> changed_raw(const resolved_change& c, std::int64_t raw);

/// The error of a change at `pointer` of a scenario, located.
error scenario_error(const scenario& s, const std::string& pointer, errc code, std::string message);

}  // namespace scenario_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_SCENARIO_FACT_CHANGES_HPP_
