// Drops initializers nothing reads any more (after folds rewrote weights or dead nodes went):
// not read by a node or inside a subgraph, not a graph output and not declared as a graph input
// (such an initializer is part of the model's interface). Outputs are unchanged, bit for bit.
#include <algorithm>

#include "opt/optimize.h"

namespace onyx::opt {

Result<int> prune_initializers(ir::Graph& graph, PassContext& ctx) {
  const ir::GraphIndex& index = ctx.index;
  auto unused = [&](const std::pair<std::string, Tensor>& init) {
    ++ctx.node_visits;
    if (index.has_uses(init.first) || index.is_graph_output(init.first)) return false;
    for (const ir::ValueInfo& in : graph.inputs)
      if (in.name == init.first) return false;
    return true;
  };
  const size_t before = graph.initializers.size();
  graph.initializers.erase(
      std::remove_if(graph.initializers.begin(), graph.initializers.end(), unused),
      graph.initializers.end());
  return static_cast<int>(before - graph.initializers.size());
}

}  // namespace onyx::opt
