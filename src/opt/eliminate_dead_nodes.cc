// Dead-node elimination: keeps only the nodes that the graph outputs depend on.
//
// Marks backwards from the graph outputs through producers; a value read inside a kept node's
// subgraph (outer-scope reference) is needed like a direct input. O(nodes + edges), whatever the
// node order.
#include "opt/optimize.h"

namespace onyx::opt {

Result<int> eliminate_dead_nodes(ir::Graph& graph, PassContext& ctx) {
  ir::GraphIndex& index = ctx.index;
  const size_t n = graph.nodes.size();
  std::vector<bool> live(n, false);
  std::vector<size_t> work;  // live nodes whose inputs are not yet marked
  auto need = [&](const std::string& value) {
    if (value.empty()) return;
    size_t p = index.producer(value);
    if (p == ir::GraphIndex::kNoNode || live[p]) return;
    live[p] = true;
    work.push_back(p);
  };
  for (const ir::ValueInfo& o : graph.outputs) need(o.name);
  while (!work.empty()) {
    size_t node = work.back();
    work.pop_back();
    ++ctx.node_visits;
    for (const std::string& in : graph.nodes[node].inputs) need(in);
    for (const std::string& in : index.implicit_inputs_of(node)) need(in);
  }
  int removed = 0;
  for (size_t i = 0; i < n; ++i)
    if (!live[i] && !index.removed(i)) {
      index.remove_node(i);
      ++removed;
    }
  index.erase_removed_nodes(graph);
  return removed;
}

}  // namespace onyx::opt
