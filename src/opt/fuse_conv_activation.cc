// Conv -> Relu / Clip  ==>  com.onyx FusedConv (activation applied in the convolution's epilogue).
//
// Applies when the Conv's only consumer is the activation and the Conv output is not a graph
// output. Clip bounds must be known: attributes (opset < 11) or float32 scalars from initializers
// or Constant nodes (opset >= 11); an absent bound becomes -/+ float max.
#include <limits>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "ops/registry.h"
#include "opt/optimize.h"

namespace onyx::opt {

namespace {

// Float32 scalar value of `name` if it is an initializer or a Constant node's `value`.
std::optional<float> constant_scalar(const ir::Graph& graph, const std::string& name) {
  const Tensor* t = graph.initializer(name);
  if (!t) {
    for (const ir::Node& n : graph.nodes)
      if (n.op_type == "Constant" && n.outputs.size() == 1 && n.outputs[0] == name) {
        const ir::Attribute* a = n.attr("value");
        if (a && a->type == ir::Attribute::Type::kTensor) t = &a->t;
      }
  }
  if (!t || t->dtype() != DType::kFloat32 || t->numel() != 1) return std::nullopt;
  return t->data<float>()[0];
}

// [min, max] for a Clip node, or nullopt when a bound is not a known constant.
std::optional<std::pair<float, float>> clip_bounds(const ir::Graph& graph, const ir::Node& clip,
                                                   int64_t opset) {
  float lo = std::numeric_limits<float>::lowest(), hi = std::numeric_limits<float>::max();
  if (opset < 11) return std::make_pair(clip.attr_float("min", lo), clip.attr_float("max", hi));
  for (size_t i = 1; i < clip.inputs.size() && i < 3; ++i) {
    if (clip.inputs[i].empty()) continue;
    std::optional<float> v = constant_scalar(graph, clip.inputs[i]);
    if (!v) return std::nullopt;
    (i == 1 ? lo : hi) = *v;
  }
  return std::make_pair(lo, hi);
}

}  // namespace

int fuse_conv_activation(ir::Model& model) {
  ir::Graph& graph = model.graph;
  const int64_t opset = model.opset("");
  std::unordered_set<std::string> graph_outputs;
  for (const ir::ValueInfo& o : graph.outputs) graph_outputs.insert(o.name);
  std::unordered_map<std::string, int> use_count;
  for (const ir::Node& n : graph.nodes)
    for (const std::string& in : n.inputs) ++use_count[in];

  std::unordered_map<std::string, size_t> producer;
  for (size_t i = 0; i < graph.nodes.size(); ++i)
    if (!graph.nodes[i].outputs.empty()) producer[graph.nodes[i].outputs[0]] = i;

  std::vector<bool> erased(graph.nodes.size(), false);
  int fused = 0;
  for (size_t a = 0; a < graph.nodes.size(); ++a) {
    ir::Node& act = graph.nodes[a];
    if (!ir::is_default_domain(act.domain) || (act.op_type != "Relu" && act.op_type != "Clip"))
      continue;
    if (act.inputs.empty() || act.outputs.size() != 1) continue;
    auto p = producer.find(act.inputs[0]);
    if (p == producer.end()) continue;
    ir::Node& conv = graph.nodes[p->second];
    if (conv.op_type != "Conv" || !ir::is_default_domain(conv.domain) || conv.outputs.size() != 1 ||
        use_count[conv.outputs[0]] != 1 || graph_outputs.count(conv.outputs[0]))
      continue;
    ir::Attribute kind;
    kind.name = "activation";
    kind.type = ir::Attribute::Type::kString;
    kind.s = act.op_type;
    if (act.op_type == "Clip") {
      auto bounds = clip_bounds(graph, act, opset);
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
    conv.outputs[0] = act.outputs[0];
    erased[a] = true;
    ++fused;
  }
  if (fused == 0) return 0;
  std::vector<ir::Node> kept;
  for (size_t i = 0; i < graph.nodes.size(); ++i)
    if (!erased[i]) kept.push_back(std::move(graph.nodes[i]));
  graph.nodes = std::move(kept);
  if (model.opset(ops::kOnyxDomain) == 0) model.opset_imports.push_back({ops::kOnyxDomain, 1});
  return fused;
}

}  // namespace onyx::opt
