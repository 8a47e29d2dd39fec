// Conv -> activation  ==>  com.onyx FusedConv with attribute `activation` (ops/conv.cc):
//   Relu, Clip (in the convolution's epilogue), Sigmoid, HardSwish, and SiLU written as
//   Mul(v, Sigmoid(v)) (the conv output read by exactly those two nodes).
// Also applies to a FusedConv without an activation yet (a residual fused by fuse_conv_residual).
// Applies when the Conv's only consumer is the activation and the Conv output is not a graph
// output. Outputs are those of the unfused graph bit for bit (same kernels; NaN stays NaN). Clip
// bounds must be known: attributes (opset < 11) or float32 scalars from initializers (not
// overridable by a graph input) or Constant nodes (opset >= 11); an absent bound becomes -/+ float
// max.
#include <limits>
#include <optional>

#include "ops/registry.h"
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

// [min, max] for a Clip node, or nullopt when a bound is not a known constant.
std::optional<std::pair<float, float>> clip_bounds(const ir::Graph& graph,
                                                   const ir::GraphIndex& index,
                                                   const ir::Node& clip, int64_t opset) {
  float lo = std::numeric_limits<float>::lowest(), hi = std::numeric_limits<float>::max();
  if (opset < 11) return std::make_pair(clip.attr_float("min", lo), clip.attr_float("max", hi));
  for (size_t i = 1; i < clip.inputs.size() && i < 3; ++i) {
    if (clip.inputs[i].empty()) continue;
    std::optional<float> v = constant_scalar(graph, index, clip.inputs[i]);
    if (!v) return std::nullopt;
    (i == 1 ? lo : hi) = *v;
  }
  return std::make_pair(lo, hi);
}

// Conv, or a FusedConv that has no activation yet, at node `c`.
bool accepts_activation(const ir::Graph& graph, const ir::GraphIndex& index, size_t c) {
  if (is_op(graph, index, c, "Conv")) return true;
  return c != ir::GraphIndex::kNoNode && !index.removed(c) &&
         graph.nodes[c].op_type == "FusedConv" && graph.nodes[c].domain == ops::kOnyxDomain &&
         !graph.nodes[c].attr("activation");
}

// For Mul(v, Sigmoid(v)) at node `mul` (either input order): the Sigmoid node, when v is read by
// exactly these two nodes and the Sigmoid's output only by the Mul.
size_t silu_sigmoid(const ir::Graph& graph, const ir::GraphIndex& index, const ir::Node& mul) {
  if (mul.inputs.size() != 2) return ir::GraphIndex::kNoNode;
  for (int side = 0; side < 2; ++side) {
    const std::string& v = mul.inputs[side];
    const size_t s = sole_producer(graph, index, mul.inputs[1 - side]);
    if (!is_op(graph, index, s, "Sigmoid") || graph.nodes[s].inputs.size() != 1 ||
        graph.nodes[s].inputs[0] != v || index.use_count(v) != 2 || index.uses(v).size() != 2)
      continue;
    return s;
  }
  return ir::GraphIndex::kNoNode;
}

}  // namespace

Result<int> fuse_conv_activation(ir::Graph& graph, PassContext& ctx) {
  ir::GraphIndex& index = ctx.index;
  int fused = 0;
  for (size_t a = 0; a < graph.nodes.size(); ++a) {
    ++ctx.node_visits;
    const ir::Node& act = graph.nodes[a];
    if (index.removed(a) || !ir::is_default_domain(act.domain) || act.inputs.empty() ||
        act.inputs[0].empty() || act.outputs.size() != 1 || act.outputs[0].empty())
      continue;
    std::string kind = act.op_type;
    size_t c = ir::GraphIndex::kNoNode, sigmoid = ir::GraphIndex::kNoNode;
    if (kind == "Relu" || kind == "Clip" || kind == "Sigmoid" || kind == "HardSwish") {
      c = sole_producer(graph, index, act.inputs[0]);
    } else if (kind == "Mul") {
      sigmoid = silu_sigmoid(graph, index, act);
      if (sigmoid == ir::GraphIndex::kNoNode) continue;
      kind = "SiLU";
      const std::string& v = graph.nodes[sigmoid].inputs[0];
      c = index.is_graph_output(v) ? ir::GraphIndex::kNoNode : index.producer(v);
      if (c != ir::GraphIndex::kNoNode && graph.nodes[c].outputs.size() != 1)
        c = ir::GraphIndex::kNoNode;
    }
    if (!accepts_activation(graph, index, c)) continue;
    ir::Node& conv = graph.nodes[c];
    if (kind == "Clip") {
      auto bounds = clip_bounds(graph, index, act, ctx.opset);
      if (!bounds) continue;
      conv.attributes.push_back(
          make_floats_attr("activation_params", {bounds->first, bounds->second}));
    }
    conv.attributes.push_back(make_string_attr("activation", kind));
    conv.op_type = "FusedConv";
    conv.domain = ops::kOnyxDomain;
    const std::string out = act.outputs[0];
    if (sigmoid != ir::GraphIndex::kNoNode) index.remove_node(sigmoid);
    index.remove_node(a);
    index.rename_output(graph, c, 0, out);
    ++fused;
  }
  if (fused == 0) return 0;
  index.erase_removed_nodes(graph);
  if (ctx.model.opset(ops::kOnyxDomain) == 0)
    ctx.model.opset_imports.push_back({ops::kOnyxDomain, 1});
  return fused;
}

}  // namespace onyx::opt
