// SPDX-License-Identifier: MIT
// Private: the projection of a criteria set through task completions, prepared once and run
// many times (`project()` runs it once; Monte Carlo once per sample).
#ifndef NTM_SRC_PLAN_PROJECTION_HPP_
#define NTM_SRC_PLAN_PROJECTION_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ntm/plan/analysis.hpp>

NTM_BEGIN_NAMESPACE
namespace plan_internal {

/// A projection over one program, task list, start date and region: every effect resolved
/// once to its fact slot and value (or the error applying it gives), the parameter changes
/// after the start listed once. Runs reuse a workspace, so that a run allocates nothing.
class projector {
 public:
  projector(const program& prog, const std::vector<task>& tasks, date from, std::string_view region);

  /// Memory reused from run to run.
  struct workspace {
    evaluation_state state;
    std::vector<std::pair<date, std::size_t>> completions;
    std::vector<date> points;
    std::vector<fact_slot> changed;
    std::vector<std::uint32_t> affected;  // rules a re-evaluation may change
    std::vector<status> current;
  };

  /// Projects from the start date through `until`, task k finishing on `finish[k]` (none: not
  /// completed). `facts` holds the baseline on entry and the final facts on return; `met_on`
  /// and `final_status` are per rule. When `events` is given, the events are recorded and the
  /// projected facts carry their provenance. Errors: as project().
  result<void> run(fact_table& facts, date until, const std::vector<std::optional<date>>& finish, workspace& ws,
                   std::vector<std::optional<date>>& met_on, std::vector<status>& final_status,
                   std::vector<projection_event>* events) const;

 private:
  struct resolved_effect {
    fact_slot slot;
    value_type type = value_type::boolean;
    effect_op op = effect_op::set;
    value v;
    std::optional<error> problem;  // the error applying it gives (an unknown fact, a bad value)
  };
  result<void> apply(fact_table& facts, const resolved_effect& e, const std::string& fact, bool record) const;

  const program& prog_;
  const std::vector<task>& tasks_;
  date from_;
  std::string region_;
  std::vector<std::vector<resolved_effect>> effects_;  // per task
  std::vector<std::vector<std::uint32_t>> dependents_;  // per fact slot an effect changes: the rules to recompute
  std::vector<date> changes_;                          // parameter changes after from_, in order
};

}  // namespace plan_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_PLAN_PROJECTION_HPP_
