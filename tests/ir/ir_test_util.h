// Small IR builders shared by the ir tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace onyx::ir::testing {

inline Node make_node(const std::string& op, std::vector<std::string> in,
                      std::vector<std::string> out, const std::string& name = "") {
  Node n;
  n.op_type = op;
  n.name = name;
  n.inputs = std::move(in);
  n.outputs = std::move(out);
  return n;
}

// A kGraph attribute `name` holding `body`.
inline Attribute graph_attr(const std::string& name, Graph body) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kGraph;
  a.g = std::make_shared<Graph>(std::move(body));
  return a;
}

inline std::vector<std::string> node_names(const Graph& g) {
  std::vector<std::string> names;
  for (const Node& n : g.nodes) names.push_back(n.name);
  return names;
}

}  // namespace onyx::ir::testing
