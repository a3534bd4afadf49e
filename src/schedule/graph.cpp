// SPDX-License-Identifier: MIT
// The task DAG: building the compressed-sparse-row graph, finding a cycle with the path
// that forms it, and the topological order.
#include "schedule/graph.hpp"

#include <algorithm>
#include <utility>

#include <boost/graph/depth_first_search.hpp>
#include <boost/property_map/property_map.hpp>

NTM_BEGIN_NAMESPACE
namespace schedule_internal {

namespace {

using edge_t = boost::graph_traits<task_csr>::edge_descriptor;
using vertex_t = boost::graph_traits<task_csr>::vertex_descriptor;

// Thrown by the visitor to stop the search at the first back edge; caught below, never
// leaves this file.
struct cycle_found {
  edge_t back;
};

// Records the tree edge into each vertex (to walk a cycle back) and the finishing order
// (reverse topological order); stops at the first back edge. Boost's DFS is iterative, so
// a chain of a million tasks does not exhaust the stack.
class cycle_visitor : public boost::default_dfs_visitor {
 public:
  cycle_visitor(std::vector<edge_t>& parent, std::vector<std::uint32_t>& finished) : parent_(parent), finished_(finished) {}
  void tree_edge(edge_t e, const task_csr& g) const { parent_[boost::target(e, g)] = e; }
  void back_edge(edge_t e, const task_csr&) const { throw cycle_found{e}; }
  void finish_vertex(vertex_t v, const task_csr&) const { finished_.push_back(static_cast<std::uint32_t>(v)); }

 private:
  std::vector<edge_t>& parent_;
  std::vector<std::uint32_t>& finished_;
};

}  // namespace

void id_index::reset(const std::vector<task>& tasks) {
  std::size_t bytes = 0;
  for (const task& t : tasks) bytes += t.id.size();
  ids_.clear();
  ids_.reserve(bytes);
  start_.clear();
  start_.reserve(tasks.size() + 1);
  for (const task& t : tasks) {
    start_.push_back(static_cast<std::uint32_t>(ids_.size()));
    ids_ += t.id;
  }
  start_.push_back(static_cast<std::uint32_t>(ids_.size()));
  std::size_t size = 16;
  while (size < 2 * tasks.size()) size *= 2;
  slots_.assign(size, 0);
  mask_ = size - 1;
}

std::uint32_t id_index::insert(std::uint32_t i) {
  const std::string_view key = id(i);
  const std::uint64_t h = std::hash<std::string_view>{}(key);
  const std::uint64_t tag = h >> 32;
  for (std::uint64_t k = h & mask_;; k = (k + 1) & mask_) {
    const std::uint64_t s = slots_[k];
    if (s == 0) {
      slots_[k] = (tag << 32) | (static_cast<std::uint64_t>(i) + 1);
      return npos;
    }
    const auto j = static_cast<std::uint32_t>((s & 0xffffffffu) - 1);
    if ((s >> 32) == tag && id(j) == key) return j;
  }
}

std::uint32_t id_index::find(std::string_view key) const {
  if (slots_.empty()) return npos;
  const std::uint64_t h = std::hash<std::string_view>{}(key);
  const std::uint64_t tag = h >> 32;
  for (std::uint64_t k = h & mask_;; k = (k + 1) & mask_) {
    const std::uint64_t s = slots_[k];
    if (s == 0) return npos;
    const auto j = static_cast<std::uint32_t>((s & 0xffffffffu) - 1);
    if ((s >> 32) == tag && id(j) == key) return j;
  }
}

bool build_task_graph(const std::vector<task>& tasks, const std::vector<std::string>* bodies, task_graph& out,
                      std::vector<issue>& issues) {
  resolved_links resolved;
  issues = check_tasks_resolving(tasks, bodies, resolved, out.ids);
  if (!issues.empty()) return false;
  const std::size_t n = tasks.size();

  // Edges sorted by source with a stable counting sort: within one predecessor, edges keep
  // the order of the list, so every later pass is deterministic. Boost's in-place
  // constructor then takes the vectors over (its histogram sort leaves sorted input as is).
  const std::size_t m = resolved.pred.size();
  std::vector<std::uint32_t> sources(m);
  std::vector<std::uint32_t> targets(m);
  std::vector<link> props(m);
  {
    std::vector<std::uint32_t> next(n + 1, 0);
    for (std::uint32_t p : resolved.pred) ++next[p + 1];
    for (std::size_t i = 0; i < n; ++i) next[i + 1] += next[i];
    for (std::size_t v = 0; v < n; ++v) {
      for (std::uint32_t pos = resolved.first[v]; pos < resolved.first[v + 1]; ++pos) {
        const std::uint32_t p = resolved.pred[pos];
        const std::uint32_t slot = next[p]++;
        sources[slot] = p;
        targets[slot] = static_cast<std::uint32_t>(v);
        props[slot] = resolved.links[pos];
      }
    }
  }
  resolved = resolved_links();
  out.g = task_csr(boost::construct_inplace_from_sources_and_targets, sources, targets, props, n);
  out.duration.resize(n);
  out.calendar_days.resize(n);
  out.windowed.clear();
  for (std::size_t i = 0; i < n; ++i) {
    out.duration[i] = tasks[i].duration;
    out.calendar_days[i] = tasks[i].unit == duration_unit::calendar_days ? 1 : 0;
    if (tasks[i].window.start || tasks[i].window.finish) out.windowed.push_back(static_cast<std::uint32_t>(i));
  }

  std::vector<edge_t> parent(n);
  std::vector<boost::default_color_type> color(n, boost::white_color);
  out.topo.clear();
  out.topo.reserve(n);
  try {
    boost::depth_first_search(out.g, boost::visitor(cycle_visitor(parent, out.topo))
                                         .color_map(boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, out.g))));
  } catch (const cycle_found& found) {
    // The back edge u → v closes the cycle v → … → u → v along tree edges.
    const auto u = static_cast<std::uint32_t>(boost::source(found.back, out.g));
    const auto v = static_cast<std::uint32_t>(boost::target(found.back, out.g));
    std::vector<std::uint32_t> cycle{u};
    for (std::uint32_t w = u; w != v;) {
      w = static_cast<std::uint32_t>(boost::source(parent[w], out.g));
      cycle.push_back(w);
    }
    std::reverse(cycle.begin(), cycle.end());  // v, …, u
    // Start the listing at the task that comes first in the list: the same cycle always
    // reads the same way, whichever edge the search met first.
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    std::string path;
    for (std::uint32_t w : cycle) path += tasks[w].id + " → ";
    path += tasks[cycle.front()].id;
    const link& closing = out.g[found.back];
    issues.push_back({errc::dependency_cycle,
                      "dependency cycle: " + path + " (each task depends on the one before it); remove one of these dependencies",
                      "/" + std::to_string(v) + "/depends_on/" + std::to_string(closing.dep)});
    out.topo.clear();
    return false;
  }
  std::reverse(out.topo.begin(), out.topo.end());
  return true;
}

}  // namespace schedule_internal
NTM_END_NAMESPACE
