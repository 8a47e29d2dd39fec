#include "opt/conv_folding.h"

#include "opt/pattern.h"

namespace onyx::opt {

std::optional<FoldableConv> foldable_conv(const ir::Graph& graph, const ir::GraphIndex& index,
                                          const std::string& value) {
  const size_t c = sole_producer(graph, index, value);
  if (!is_op(graph, index, c, "Conv")) return std::nullopt;
  const ir::Node& conv = graph.nodes[c];
  if (conv.inputs.size() < 2 || conv.outputs.size() != 1) return std::nullopt;
  FoldableConv f;
  f.node = c;
  f.weights = constant_tensor(graph, index, conv.inputs[1]);
  if (!f.weights || f.weights->dtype() != DType::kFloat32 || f.weights->rank() < 3)
    return std::nullopt;
  f.out_channels = f.weights->dim(0);
  f.spatial_rank = f.weights->rank() - 2;
  if (conv.inputs.size() > 2 && !conv.inputs[2].empty()) {
    f.bias = constant_tensor(graph, index, conv.inputs[2]);
    if (!f.bias || f.bias->dtype() != DType::kFloat32 || f.bias->numel() != f.out_channels)
      return std::nullopt;
  }
  return f;
}

void rewrite_folded_conv(ir::Graph& graph, ir::GraphIndex& index, const FoldableConv& conv,
                         Tensor weights, Tensor bias, size_t folded, const std::string& output) {
  const std::string stem = graph.nodes[conv.node].name.empty() ? graph.nodes[conv.node].outputs[0]
                                                               : graph.nodes[conv.node].name;
  std::string w = weights.defined() ? add_initializer(graph, stem + "_folded_W", std::move(weights))
                                    : graph.nodes[conv.node].inputs[1];
  std::string b = add_initializer(graph, stem + "_folded_B", std::move(bias));
  ir::Node& node = graph.nodes[conv.node];
  node.inputs.resize(3);
  node.inputs[1] = w;
  node.inputs[2] = b;
  const std::string out = output;  // copy: removing `folded` may invalidate the reference
  index.remove_node(folded);
  index.rename_output(graph, conv.node, 0, out);
}

}  // namespace onyx::opt
