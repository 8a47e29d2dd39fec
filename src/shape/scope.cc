#include "shape/scope.h"

#include <unordered_set>

namespace onyx::shape {

bool has_subgraphs(const ir::Node& node) {
  for (const ir::Attribute& a : node.attributes)
    if (a.g || !a.graphs.empty()) return true;
  return false;
}

std::vector<const ir::Graph*> subgraphs_of(const ir::Node& node) {
  std::vector<const ir::Graph*> out;
  for (const ir::Attribute& a : node.attributes) {
    if (a.g) out.push_back(a.g.get());
    for (const auto& g : a.graphs)
      if (g) out.push_back(g.get());
  }
  return out;
}

namespace {

void add_unique(std::vector<std::string>& out, std::unordered_set<std::string>& seen,
                const std::string& name) {
  if (seen.insert(name).second) out.push_back(name);
}

}  // namespace

std::vector<std::string> free_variables(const ir::Graph& graph) {
  std::unordered_set<std::string> defined;
  for (const ir::ValueInfo& in : graph.inputs) defined.insert(in.name);
  for (const auto& [name, t] : graph.initializers) defined.insert(name);
  for (const ir::Node& n : graph.nodes)
    for (const std::string& o : n.outputs)
      if (!o.empty()) defined.insert(o);
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const ir::Node& n : graph.nodes) {
    for (const std::string& in : n.inputs)
      if (!in.empty() && !defined.count(in)) add_unique(out, seen, in);
    for (const std::string& name : node_captures(n))
      if (!defined.count(name)) add_unique(out, seen, name);
  }
  for (const ir::ValueInfo& o : graph.outputs)
    if (!defined.count(o.name)) add_unique(out, seen, o.name);
  return out;
}

std::vector<std::string> node_captures(const ir::Node& node) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const ir::Graph* g : subgraphs_of(node))
    for (const std::string& name : free_variables(*g)) add_unique(out, seen, name);
  return out;
}

}  // namespace onyx::shape
