// Conv -> Add(R)  ==>  com.onyx FusedConv(X, W, B, R) computing conv + B + R (ops/conv.cc), the
// residual connection of ResNet-style blocks; a following Relu then fuses too
// (fuse_conv_activation.cc).
// Applies when the Conv's output is read only by the Add, is not a graph output, and R is float32
// with exactly the Conv output's shape (known or the same symbolic dims): no broadcasting;
// FusedConv checks the concrete shapes again when planned. The fused node takes the Add's
// place in the node list, after R's producer. Outputs are bit for bit those of the unfused graph
// (the same Add kernel runs over the convolution's output in place).
#include "ops/registry.h"
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

bool same_float_shape(const ops::ValueType* a, const ops::ValueType* b) {
  if (!a || !b || !a->is_tensor() || !b->is_tensor() || a->dtype != DType::kFloat32 ||
      b->dtype != DType::kFloat32 || !a->has_shape || !b->has_shape || a->dims != b->dims)
    return false;
  for (int64_t d : a->dims)
    if (d == ops::kUnknownDim) return false;  // equal symbolic dims are equal at run time
  return true;
}

}  // namespace

Result<int> fuse_conv_residual(ir::Graph& graph, PassContext& ctx) {
  if (&graph != &ctx.model.graph) return 0;
  ir::GraphIndex& index = ctx.index;
  bool has_conv = false;
  for (const ir::Node& node : graph.nodes)
    has_conv |= node.op_type == "Conv" && ir::is_default_domain(node.domain);
  if (!has_conv) return 0;
  Result<shape::GraphInference> types = infer_types(ctx.model);
  if (!types) return 0;  // a graph inference rejects is left alone
  int fused = 0;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    ++ctx.node_visits;
    if (!is_op(graph, index, n, "Add")) continue;
    ir::Node& add = graph.nodes[n];
    if (add.inputs.size() != 2 || add.outputs.size() != 1 || add.outputs[0].empty()) continue;
    for (int side = 0; side < 2; ++side) {
      const size_t c = sole_producer(graph, index, add.inputs[side]);
      const std::string residual = add.inputs[1 - side];
      if (!is_op(graph, index, c, "Conv") || residual == add.inputs[side] ||
          !same_float_shape(types->find(add.inputs[side]), types->find(residual)))
        continue;
      ir::Node& conv = graph.nodes[c];
      std::vector<std::string> inputs = conv.inputs;
      inputs.resize(3);
      inputs.push_back(residual);
      add.op_type = "FusedConv";
      add.domain = ops::kOnyxDomain;
      add.inputs = std::move(inputs);
      add.attributes = conv.attributes;
      if (add.name.empty() || !conv.name.empty()) add.name = conv.name;
      index.remove_node(c);
      ++fused;
      break;
    }
  }
  if (fused == 0) return 0;
  index.erase_removed_nodes(graph);
  index.rebuild(graph);  // the fused nodes read the Conv inputs now
  if (ctx.model.opset(ops::kOnyxDomain) == 0)
    ctx.model.opset_imports.push_back({ops::kOnyxDomain, 1});
  return fused;
}

}  // namespace onyx::opt
