#include <unordered_set>

#include "opt/optimize.h"

namespace onyx::opt {

namespace {
// Every value name read inside the subgraphs of `node` (outer-scope references count as uses).
void collect_subgraph_inputs(const ir::Node& node, std::unordered_set<std::string>& names) {
  for (const ir::Attribute& a : node.attributes) {
    std::vector<const ir::Graph*> graphs;
    if (a.g) graphs.push_back(a.g.get());
    for (const auto& g : a.graphs) graphs.push_back(g.get());
    for (const ir::Graph* g : graphs)
      for (const ir::Node& inner : g->nodes) {
        for (const std::string& in : inner.inputs) names.insert(in);
        collect_subgraph_inputs(inner, names);
      }
  }
}
}  // namespace

int eliminate_dead_nodes(ir::Graph& graph) {
  // Walk backwards from the graph outputs, marking what is needed.
  std::unordered_set<std::string> needed;
  for (const ir::ValueInfo& o : graph.outputs) needed.insert(o.name);
  std::vector<bool> keep(graph.nodes.size(), false);
  // Nodes are not guaranteed to be sorted: iterate to a fixed point.
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t n = 0; n < graph.nodes.size(); ++n) {
      if (keep[n]) continue;
      for (const std::string& out : graph.nodes[n].outputs) {
        if (out.empty() || !needed.count(out)) continue;
        keep[n] = true;
        changed = true;
        for (const std::string& in : graph.nodes[n].inputs)
          if (!in.empty()) needed.insert(in);
        collect_subgraph_inputs(graph.nodes[n], needed);
        break;
      }
    }
  }
  int removed = 0;
  std::vector<ir::Node> kept;
  kept.reserve(graph.nodes.size());
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    if (keep[n])
      kept.push_back(std::move(graph.nodes[n]));
    else
      ++removed;
  }
  graph.nodes = std::move(kept);
  return removed;
}

}  // namespace onyx::opt
