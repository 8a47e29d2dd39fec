// Conv -> Relu / Clip  ==>  com.onyx FusedConv (activation applied in the convolution's epilogue).
//
// Applies when the Conv's only consumer is the activation and the Conv output is not a graph
// output. Clip bounds must be known: attributes (opset < 11) or float32 scalars from initializers
// (not overridable by a graph input) or Constant nodes (opset >= 11); an absent bound becomes -/+
// float max.
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

}  // namespace

Result<int> fuse_conv_activation(ir::Graph& graph, PassContext& ctx) {
  ir::GraphIndex& index = ctx.index;
  int fused = 0;
  for (size_t a = 0; a < graph.nodes.size(); ++a) {
    ++ctx.node_visits;
    const ir::Node& act = graph.nodes[a];
    if (index.removed(a) || !ir::is_default_domain(act.domain) ||
        (act.op_type != "Relu" && act.op_type != "Clip") || act.inputs.empty() ||
        act.inputs[0].empty() || act.outputs.size() != 1 || act.outputs[0].empty())
      continue;
    size_t c = sole_producer(graph, index, act.inputs[0]);
    if (!is_op(graph, index, c, "Conv")) continue;
    ir::Node& conv = graph.nodes[c];
    ir::Attribute kind;
    kind.name = "activation";
    kind.type = ir::Attribute::Type::kString;
    kind.s = act.op_type;
    if (act.op_type == "Clip") {
      auto bounds = clip_bounds(graph, index, act, ctx.opset);
      if (!bounds) continue;
      ir::Attribute params;
      params.name = "activation_params";
      params.type = ir::Attribute::Type::kFloats;
      params.floats = {bounds->first, bounds->second};
      conv.attributes.push_back(std::move(params));
    }
    conv.attributes.push_back(std::move(kind));
    conv.op_type = "FusedConv";
    conv.domain = ops::kOnyxDomain;
    const std::string out = act.outputs[0];
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
