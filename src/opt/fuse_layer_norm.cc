// LayerNormalization written out, as exporters emit it below opset 17:
//   mean = ReduceMean(x, axes = [last])      d = Sub(x, mean)
//   var  = ReduceMean(Pow(d, 2), axes = [last])
//   y    = Add(Mul(Div(d, Sqrt(Add(var, eps))), gamma), beta)
// ==>  y = LayerNormalization(x, gamma, beta, axis = -1, epsilon = eps): the ai.onnx op when the
// model's opset is >= 17, else com.onyx FusedLayerNorm (same contract, opset 1).
// Conditions: both ReduceMeans reduce only the last axis (axes [-1] or [rank - 1], keepdims 1;
// attribute before opset 18, constant input from 18); eps, 2 are float32 scalar constants; gamma
// and beta are float32 constants of shape [C] (C = x's last dim); d is read exactly by the Pow and
// the Div, and every other intermediate only by the next node; none is a graph output. The fused
// node takes the final Add's place.
//
// Numerics: one pass computes mean and variance in float32 like the op's kernel, so outputs
// differ from the chain by float32 rounding (relative ~1e-6), not bit for bit.
#include <cmath>

#include "ops/registry.h"
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

constexpr size_t kNone = ir::GraphIndex::kNoNode;

// The single reader of `value` if it is a live default-domain `op` node reading it once.
size_t only_reader(const ir::Graph& graph, const ir::GraphIndex& index, const std::string& value,
                   const char* op) {
  if (value.empty() || index.is_graph_output(value)) return kNone;
  std::vector<ir::GraphIndex::Use> uses = index.uses(value);
  if (uses.size() != 1 || uses[0].slot == ir::GraphIndex::kImplicit) return kNone;
  return is_op(graph, index, uses[0].node, op) ? uses[0].node : kNone;
}

// The input of binary node `n` that is not `known`, or "".
std::string other_input(const ir::Node& n, const std::string& known) {
  if (n.inputs.size() != 2) return "";
  if (n.inputs[0] == known && n.inputs[1] != known) return n.inputs[1];
  if (n.inputs[1] == known && n.inputs[0] != known) return n.inputs[0];
  return "";
}

// ReduceMean node `r` averages only the last axis of a rank-`rank` input, keeping dims.
bool reduces_last_axis(const ir::Graph& graph, const ir::GraphIndex& index, const ir::Node& r,
                       int64_t opset, int rank) {
  if (r.attr_int("keepdims", 1) != 1) return false;
  std::optional<std::vector<int64_t>> axes;
  if (opset < 18) {
    if (r.attr("axes")) axes = r.attr_ints("axes");
  } else if (r.inputs.size() > 1) {
    axes = constant_ints(graph, index, r.inputs[1]);
  }
  return axes && axes->size() == 1 && ((*axes)[0] == -1 || (*axes)[0] == rank - 1);
}

bool is_channel_vector(const Tensor* t, int64_t c) {
  return t && t->dtype() == DType::kFloat32 && t->rank() == 1 && t->dim(0) == c;
}

}  // namespace

Result<int> fuse_layer_norm(ir::Graph& graph, PassContext& ctx) {
  if (&graph != &ctx.model.graph) return 0;
  bool has_reduce = false;
  for (const ir::Node& node : graph.nodes)
    has_reduce |= node.op_type == "ReduceMean" && ir::is_default_domain(node.domain);
  if (!has_reduce) return 0;
  Result<shape::GraphInference> types = infer_types(ctx.model);
  if (!types) return 0;  // a graph inference rejects is left alone
  ir::GraphIndex& index = ctx.index;
  int fused = 0;
  for (size_t s = 0; s < graph.nodes.size(); ++s) {
    ++ctx.node_visits;
    if (!is_op(graph, index, s, "Sub") || graph.nodes[s].inputs.size() != 2) continue;
    const std::string x = graph.nodes[s].inputs[0];
    const ops::ValueType* xt = types->find(x);
    if (!xt || !xt->is_tensor() || xt->dtype != DType::kFloat32 || !xt->has_shape ||
        xt->rank() < 1 || xt->dims.back() < 0)
      continue;
    const int rank = xt->rank();
    const int64_t channels = xt->dims.back();
    const size_t mean = sole_producer(graph, index, graph.nodes[s].inputs[1]);
    if (!is_op(graph, index, mean, "ReduceMean") || graph.nodes[mean].inputs.empty() ||
        graph.nodes[mean].inputs[0] != x ||
        !reduces_last_axis(graph, index, graph.nodes[mean], ctx.opset, rank))
      continue;
    // d = x - mean is read by exactly Pow and Div.
    const std::string d = graph.nodes[s].outputs[0];
    std::vector<ir::GraphIndex::Use> d_uses = index.uses(d);
    if (index.is_graph_output(d) || d_uses.size() != 2) continue;
    size_t pow = kNone, div = kNone;
    for (const ir::GraphIndex::Use& u : d_uses) {
      if (u.slot == 0 && is_op(graph, index, u.node, "Pow")) pow = u.node;
      if (u.slot == 0 && is_op(graph, index, u.node, "Div")) div = u.node;
    }
    if (pow == kNone || div == kNone || graph.nodes[pow].inputs.size() != 2) continue;
    std::optional<float> two = constant_scalar(graph, index, graph.nodes[pow].inputs[1]);
    if (!two || *two != 2.0f) continue;
    const size_t var = only_reader(graph, index, graph.nodes[pow].outputs[0], "ReduceMean");
    if (var == kNone || !reduces_last_axis(graph, index, graph.nodes[var], ctx.opset, rank))
      continue;
    const size_t add_eps = only_reader(graph, index, graph.nodes[var].outputs[0], "Add");
    if (add_eps == kNone) continue;
    std::optional<float> eps = constant_scalar(
        graph, index, other_input(graph.nodes[add_eps], graph.nodes[var].outputs[0]));
    if (!eps) continue;
    const size_t sqrt = only_reader(graph, index, graph.nodes[add_eps].outputs[0], "Sqrt");
    if (sqrt == kNone || graph.nodes[div].inputs.size() != 2 ||
        graph.nodes[div].inputs[1] != graph.nodes[sqrt].outputs[0] ||
        only_reader(graph, index, graph.nodes[sqrt].outputs[0], "Div") != div)
      continue;
    const size_t mul = only_reader(graph, index, graph.nodes[div].outputs[0], "Mul");
    if (mul == kNone) continue;
    const std::string gamma = other_input(graph.nodes[mul], graph.nodes[div].outputs[0]);
    const size_t add = only_reader(graph, index, graph.nodes[mul].outputs[0], "Add");
    if (add == kNone) continue;
    const std::string beta = other_input(graph.nodes[add], graph.nodes[mul].outputs[0]);
    if (!is_channel_vector(constant_tensor(graph, index, gamma), channels) ||
        !is_channel_vector(constant_tensor(graph, index, beta), channels))
      continue;
    ir::Node& ln = graph.nodes[add];
    ln.op_type = ctx.opset >= 17 ? "LayerNormalization" : "FusedLayerNorm";
    ln.domain = ctx.opset >= 17 ? "" : ops::kOnyxDomain;
    ln.inputs = {x, gamma, beta};
    ln.attributes.clear();
    ir::Attribute axis;
    axis.name = "axis";
    axis.type = ir::Attribute::Type::kInt;
    axis.i = -1;
    ln.attributes.push_back(axis);
    ir::Attribute epsilon;
    epsilon.name = "epsilon";
    epsilon.type = ir::Attribute::Type::kFloat;
    epsilon.f = *eps;
    ln.attributes.push_back(epsilon);
    for (size_t n : {mean, s, pow, var, add_eps, sqrt, div, mul}) index.remove_node(n);
    ++fused;
  }
  if (fused == 0) return 0;
  index.erase_removed_nodes(graph);
  index.rebuild(graph);  // the fused nodes read x, gamma and beta now
  if (ctx.opset < 17 && ctx.model.opset(ops::kOnyxDomain) == 0)
    ctx.model.opset_imports.push_back({ops::kOnyxDomain, 1});
  return fused;
}

}  // namespace onyx::opt
