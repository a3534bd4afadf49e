// SPDX-License-Identifier: MIT
// Rule dependency graph on Boost.Graph: cycle detection that names the cycle, and a
// deterministic topological order (definition order wherever dependencies allow).
#include <functional>
#include <queue>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include "rules/compiler.hpp"

NTM_BEGIN_NAMESPACE
namespace rules_internal {

namespace {

using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using vertex = boost::graph_traits<graph>::vertex_descriptor;
using edge = boost::graph_traits<graph>::edge_descriptor;

struct cycle_found {};

// Records DFS tree edges (parents) and stops at the first back edge, remembering it.
class cycle_visitor : public boost::default_dfs_visitor {
 public:
  cycle_visitor(std::vector<vertex>& parent, std::vector<vertex>& cycle) : parent_(parent), cycle_(cycle) {}
  void tree_edge(edge e, const graph& g) { parent_[boost::target(e, g)] = boost::source(e, g); }
  void back_edge(edge e, const graph& g) {
    if (!cycle_.empty()) return;
    const vertex from = boost::source(e, g), to = boost::target(e, g);
    // The cycle is to → … → from → to: walk the tree from `from` up to `to`.
    std::vector<vertex> path{from};
    for (vertex v = from; v != to;) {
      v = parent_[v];
      path.push_back(v);
    }
    cycle_.assign(path.rbegin(), path.rend());
  }

 private:
  std::vector<vertex>& parent_;
  std::vector<vertex>& cycle_;
};

}  // namespace

ordering order_dependencies(std::size_t n, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges) {
  graph g(n);
  std::vector<std::uint32_t> indegree(n, 0);
  for (const auto& [from, to] : edges) {
    boost::add_edge(from, to, g);
    ++indegree[to];
  }
  ordering out;
  std::vector<vertex> parent(n), cycle;
  for (std::size_t v = 0; v < n; ++v) parent[v] = v;
  cycle_visitor vis(parent, cycle);
  std::vector<boost::default_color_type> colors(n);
  boost::depth_first_search(g, boost::visitor(vis).color_map(boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, g))));
  if (!cycle.empty()) {
    out.cycle.assign(cycle.begin(), cycle.end());
    return out;
  }
  // Kahn's algorithm, always taking the smallest ready index: definition order is kept
  // wherever the dependencies allow, so the order is deterministic.
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> ready;
  for (std::uint32_t v = 0; v < n; ++v)
    if (indegree[v] == 0) ready.push(v);
  out.order.reserve(n);
  while (!ready.empty()) {
    const std::uint32_t v = ready.top();
    ready.pop();
    out.order.push_back(v);
    for (auto [it, end] = boost::adjacent_vertices(v, g); it != end; ++it)
      if (--indegree[*it] == 0) ready.push(static_cast<std::uint32_t>(*it));
  }
  return out;
}

}  // namespace rules_internal
NTM_END_NAMESPACE
