// Identity elimination: readers of an Identity's output read its input instead and the node goes.
//
// Kept when the output is a graph output (its name is part of the model's interface). Reads inside
// subgraphs (outer-scope references) are renamed too. O(nodes + uses).
#include "opt/optimize.h"

namespace onyx::opt {

Result<int> eliminate_identity(ir::Graph& graph, PassContext& ctx) {
  ir::GraphIndex& index = ctx.index;
  int removed = 0;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    ++ctx.node_visits;
    const ir::Node& node = graph.nodes[n];
    if (index.removed(n) || node.op_type != "Identity" || !ir::is_default_domain(node.domain) ||
        node.inputs.size() != 1 || node.inputs[0].empty() || node.outputs.size() != 1 ||
        node.outputs[0].empty() || index.is_graph_output(node.outputs[0]))
      continue;
    // Copies: replace_uses may rewrite strings of this very node's neighbours.
    const std::string from = node.outputs[0], to = node.inputs[0];
    index.remove_node(n);
    index.replace_uses(graph, from, to);
    ++removed;
  }
  index.erase_removed_nodes(graph);
  return removed;
}

}  // namespace onyx::opt
