// No-op elimination: nodes that compute the identity at inference are bypassed (readers read the
// node's input), bit for bit:
//   Cast whose `to` equals its input's element type;
//   Dropout whose mask output is unused and that is not in training mode (no training_mode
//   input, or a constant false one; before opset 12 Dropout never trains at inference).
// A node whose output is a graph output is kept (the name is part of the model's interface).
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

bool dropout_is_identity(const ir::Graph& graph, const ir::GraphIndex& index,
                         const ir::Node& node) {
  if (node.inputs.size() < 3 || node.inputs[2].empty()) return true;
  const Tensor* training = constant_tensor(graph, index, node.inputs[2]);
  return training && training->dtype() == DType::kBool && training->numel() == 1 &&
         !training->data<bool>()[0];
}

}  // namespace

Result<int> eliminate_noop_ops(ir::Graph& graph, PassContext& ctx) {
  ir::GraphIndex& index = ctx.index;
  // Element types, inferred when the graph has a Cast (none when inference rejects the graph).
  std::optional<shape::GraphInference> types;
  for (const ir::Node& node : graph.nodes)
    if (node.op_type == "Cast" && ir::is_default_domain(node.domain) &&
        &graph == &ctx.model.graph) {
      Result<shape::GraphInference> inferred = infer_types(ctx.model);
      if (inferred) types = std::move(inferred).value();
      break;
    }
  int removed = 0;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    ++ctx.node_visits;
    const ir::Node& node = graph.nodes[n];
    if (node.inputs.empty() || node.inputs[0].empty()) continue;
    bool noop = false;
    if (is_op(graph, index, n, "Dropout")) {
      noop = dropout_is_identity(graph, index, node);
    } else if (is_op(graph, index, n, "Cast") && types) {
      const ops::ValueType* in = types->find(node.inputs[0]);
      noop = in && in->is_tensor() && in->dtype != DType::kUndefined &&
             static_cast<int64_t>(in->dtype) == node.attr_int("to", -1);
    }
    if (noop && bypass_node(graph, index, n, std::string(node.inputs[0]))) ++removed;
  }
  if (removed) index.erase_removed_nodes(graph);
  return removed;
}

}  // namespace onyx::opt
