// Graphviz DOT output of a view model (view_html.h).
#include <string>

#include "inspect/view_html.h"
#include "inspect/view_text.h"

namespace onyx::inspect {
namespace {

std::string node_id(size_t graph, size_t node) {
  return "g" + std::to_string(graph) + "_n" + std::to_string(node);
}

void write_graph(const ViewModel& vm, size_t g, bool show_names, const std::string& indent,
                 std::string& out) {
  const ViewGraph& graph = vm.graphs[g];
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const ViewNode& n = graph.nodes[i];
    std::string label = n.label;
    if (show_names && n.kind == ViewNodeKind::kOperator && !n.name.empty()) label += "\n" + n.name;
    for (const ViewPort& p : n.inputs)
      if (p.weight >= 0) label += "\n" + chip_name(p) + " " + p.shape;
    const char* shape = n.kind == ViewNodeKind::kOperator ? "box" : "ellipse";
    out += indent + node_id(g, i) + " [label=" + dot_string(label) + ", shape=" + shape +
           (n.kind == ViewNodeKind::kCapture ? ", style=dashed" : "") + "];\n";
  }
  for (const ViewEdge& e : graph.edges)
    out += indent + node_id(g, static_cast<size_t>(e.from)) + " -> " +
           node_id(g, static_cast<size_t>(e.to)) + " [label=" + dot_string(e.label) + "];\n";
  // Bodies owned by this graph's nodes, nested as clusters.
  for (size_t s = 0; s < vm.graphs.size(); ++s) {
    if (vm.graphs[s].parent != static_cast<int>(g)) continue;
    out += indent + "subgraph cluster_" + std::to_string(s) + " {\n" + indent +
           "  label=" + dot_string(vm.graphs[s].title) + ";\n" + indent + "  style=rounded;\n";
    write_graph(vm, s, show_names, indent + "  ", out);
    out += indent + "}\n";
    if (!vm.graphs[s].nodes.empty())
      out += indent + node_id(g, static_cast<size_t>(vm.graphs[s].parent_node)) + " -> " +
             node_id(s, 0) +
             " [style=dashed, arrowhead=none, label=" + dot_string(vm.graphs[s].attribute) + "];\n";
  }
}

}  // namespace

std::string model_dot(const ViewModel& vm, bool show_names) {
  std::string out =
      "digraph onyx {\n  rankdir=" + std::string(vm.direction_left_right ? "LR" : "TB") +
      ";\n  node [fontname=\"Helvetica\", fontsize=11];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  if (!vm.graphs.empty()) write_graph(vm, 0, show_names, "  ", out);
  return out + "}\n";
}

}  // namespace onyx::inspect
