// SPDX-License-Identifier: MIT
// Private: the task DAG on Boost.Graph (compressed sparse row storage: about 12 bytes per
// dependency, cache-friendly passes), its cycle check and topological order.
#ifndef NTM_SRC_SCHEDULE_GRAPH_HPP_
#define NTM_SRC_SCHEDULE_GRAPH_HPP_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "schedule/internal.hpp"

NTM_BEGIN_NAMESPACE
namespace schedule_internal {

/// A dependency as an edge property: the edge runs from the predecessor to the dependent
/// task; `dep` is the position of the dependency in the dependent task's `depends_on`.
struct link {
  std::int32_t lag = 0;
  std::uint32_t dep = 0;
  link_type type = link_type::finish_to_start;
};

using task_csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, link, boost::no_property,
                                                    std::uint32_t, std::uint32_t>;

/// Task id → index: an open-addressing hash table of task indices (8 bytes a slot, at most
/// half full) over a private copy of the ids packed in one buffer, so that a look-up touches
/// a few compact arrays rather than the task list. At a million tasks it is several times
/// faster and smaller than std::unordered_map.
class id_index {
 public:
  static constexpr std::uint32_t npos = std::numeric_limits<std::uint32_t>::max();
  /// Empties the table and sizes it for `tasks`, copying their ids.
  void reset(const std::vector<task>& tasks);
  /// Adds task i; when its id is already present returns the index holding it, else npos.
  std::uint32_t insert(std::uint32_t i);
  /// The index of `id`, or npos.
  std::uint32_t find(std::string_view id) const;
  /// The id of task i, from the packed copy.
  std::string_view id(std::uint32_t i) const { return std::string_view(ids_).substr(start_[i], start_[i + 1] - start_[i]); }

 private:
  std::vector<std::uint64_t> slots_;  ///< (hash high bits << 32) | (index + 1); 0 = empty
  std::uint64_t mask_ = 0;
  std::string ids_;                   ///< all ids, back to back
  std::vector<std::uint32_t> start_;  ///< id i is ids_[start_[i], start_[i + 1])
};

/// The dependencies of a task list with their predecessors resolved, in list order.
struct resolved_links {
  std::vector<std::uint32_t> first;  ///< task v's dependencies are [first[v], first[v + 1])
  std::vector<std::uint32_t> pred;   ///< the predecessor's index of each dependency
  std::vector<link> links;           ///< type, lag and position of each dependency
};

/// The compiled graph of a task list, with compact copies of what every schedule reads of
/// each task, so that the passes never walk the (large) task records.
struct task_graph {
  task_csr g;
  std::vector<std::uint32_t> topo;       ///< a topological order (predecessors first)
  id_index ids;                          ///< over the task list the graph was built from
  std::vector<std::int32_t> duration;    ///< per task
  std::vector<std::uint8_t> calendar_days;  ///< per task: 1 when the duration counts calendar days
  std::vector<std::uint32_t> windowed;   ///< the tasks with a start or finish bound, in list order
};

/// Checks `tasks` (check_tasks, then cycles) and builds the graph. On failure `issues` holds
/// the problems (pointers relative to the list) and false is returned.
bool build_task_graph(const std::vector<task>& tasks, const std::vector<std::string>* bodies, task_graph& out,
                      std::vector<issue>& issues);

/// Every problem of a task list that can be found without the graph: empty or duplicate
/// ids, unknown dependency ids (with a suggestion), self and repeated dependencies, bad
/// durations, estimates, windows, actuals and effects; and, when `bodies` is not null,
/// lead and supporting bodies that are not in it. Pointers are relative to the list
/// ("/3/depends_on/1"). Also returns the resolved dependencies and the id → index map
/// (valid only when no issue was found).
std::vector<issue> check_tasks_resolving(const std::vector<task>& tasks, const std::vector<std::string>* bodies,
                                         resolved_links& resolved, id_index& index);

}  // namespace schedule_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_SCHEDULE_GRAPH_HPP_
