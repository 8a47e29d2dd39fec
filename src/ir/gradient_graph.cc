#include "ir/gradient_graph.h"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace onyx::ir {

namespace {

bool is_gradient(const Node& node) {
  return node.op_type == "Gradient" && node.domain == "ai.onnx.preview.training";
}

Status attach(const Graph& graph, Node& node) {
  const std::string y = node.attr_string("y", "");
  if (y.empty())
    return Status(StatusCode::kInvalidGraph, node.label() + ": attribute y is missing");
  std::unordered_set<std::string> held;  // xs and zs: where the backward walk stops
  for (const std::string& in : node.inputs)
    if (!in.empty()) held.insert(in);
  for (const std::string& x : node.attr_strings("xs"))
    if (!held.count(x))
      return Status(StatusCode::kInvalidGraph,
                    node.label() + ": x '" + x + "' is not among the node's inputs");

  std::unordered_map<std::string, size_t> producer;
  for (size_t i = 0; i < graph.nodes.size(); ++i)
    for (const std::string& o : graph.nodes[i].outputs)
      if (!o.empty()) producer.emplace(o, i);
  // Nodes y depends on, not looking past held values.
  std::vector<bool> needed(graph.nodes.size(), false);
  std::vector<std::string> stack{y};
  std::unordered_set<std::string> seen;
  while (!stack.empty()) {
    std::string v = std::move(stack.back());
    stack.pop_back();
    if (held.count(v) || !seen.insert(v).second) continue;
    auto it = producer.find(v);
    if (it == producer.end()) continue;  // graph input or initializer: captured
    if (is_gradient(graph.nodes[it->second]))
      return Status(StatusCode::kNotImplemented,
                    node.label() +
                        ": y depends on another Gradient node (higher-order "
                        "derivatives are not supported)");
    needed[it->second] = true;
    for (const std::string& in : graph.nodes[it->second].inputs)
      if (!in.empty()) stack.push_back(in);
  }
  if (!held.count(y) && !producer.count(y) && !graph.initializer(y) &&
      std::none_of(graph.inputs.begin(), graph.inputs.end(),
                   [&](const ValueInfo& v) { return v.name == y; }))
    return Status(StatusCode::kInvalidGraph,
                  node.label() + ": y '" + y + "' is not defined in the graph");

  auto forward = std::make_shared<Graph>();
  forward->name = node.label() + " forward";
  for (const std::string& in : node.inputs) forward->inputs.push_back(ValueInfo{in, {}, {}});
  std::unordered_set<std::string> listed(held.begin(), held.end());
  auto add_output = [&](const std::string& v) {
    if (!v.empty() && listed.insert(v).second) forward->outputs.push_back(ValueInfo{v, {}, {}});
  };
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    if (!needed[i]) continue;
    forward->nodes.push_back(graph.nodes[i]);
    for (const std::string& in : graph.nodes[i].inputs) add_output(in);
    for (const std::string& out : graph.nodes[i].outputs) add_output(out);
  }
  Attribute a;
  a.name = kGradientForwardAttr;
  a.type = Attribute::Type::kGraph;
  a.g = std::move(forward);
  node.attributes.push_back(std::move(a));
  return Status::ok();
}

}  // namespace

Status attach_gradient_graphs(Graph& graph) {
  for (Node& node : graph.nodes)
    if (is_gradient(node) && !node.has_attr(kGradientForwardAttr))
      ONYX_RETURN_IF_ERROR(attach(graph, node));
  return Status::ok();
}

}  // namespace onyx::ir
