#include <unordered_set>

#include "opt/optimize.h"

namespace onyx::opt {

namespace {
// Renames uses of `from` in `nodes` and, since ONNX names are unique across scopes, in subgraphs.
void rename_uses(std::vector<ir::Node>& nodes, const std::string& from, const std::string& to) {
  for (ir::Node& node : nodes) {
    for (std::string& in : node.inputs)
      if (in == from) in = to;
    for (ir::Attribute& a : node.attributes) {
      if (a.g) rename_uses(a.g->nodes, from, to);
      for (auto& g : a.graphs) rename_uses(g->nodes, from, to);
    }
  }
}
}  // namespace

int eliminate_identity(ir::Graph& graph) {
  std::unordered_set<std::string> graph_outputs;
  for (const ir::ValueInfo& o : graph.outputs) graph_outputs.insert(o.name);
  int removed = 0;
  for (size_t n = 0; n < graph.nodes.size();) {
    const ir::Node& node = graph.nodes[n];
    bool removable = node.op_type == "Identity" && ir::is_default_domain(node.domain) &&
                     node.inputs.size() == 1 && !node.inputs[0].empty() &&
                     node.outputs.size() == 1 && !graph_outputs.count(node.outputs[0]);
    if (!removable) {
      ++n;
      continue;
    }
    std::string from = node.outputs[0], to = node.inputs[0];
    graph.nodes.erase(graph.nodes.begin() + static_cast<ptrdiff_t>(n));
    rename_uses(graph.nodes, from, to);
    ++removed;
  }
  return removed;
}

}  // namespace onyx::opt
