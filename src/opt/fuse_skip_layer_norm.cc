// Residual Add feeding a last-axis LayerNormalization (BERT's post-norm and GPT's pre-norm blocks):
//   s = Add(a, b);  y = LayerNormalization(s, scale[, bias], axis = -1)   (or com.onyx
//   FusedLayerNorm)
// ==>  y[, s] = com.onyx SkipLayerNorm(a, b, scale[, bias], epsilon) (ops/skip_layer_norm.cc), one
// pass over memory. The sum stays an output when anything else reads it (GPT's pre-norm residual
// stream) or it is a graph output. The fused node takes the Add's place in the node order.
//
// Conditions: a and b are float32 of provably the same shape (no broadcasting); scale and bias are
// float32 [C] (C = the last dim, known) made before the Add (initializers, graph inputs or earlier
// nodes); the normalization has axis -1 (or rank - 1), stash_type 1, and its Mean / InvStdDev
// outputs are absent or unread.
//
// Numerics: the sum is Add's bit for bit and Y is LayerNormalization's kernel on it (identical
// arithmetic).
#include "ops/registry.h"
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

constexpr size_t kNone = ir::GraphIndex::kNoNode;

bool is_layer_norm(const ir::Graph& graph, const ir::GraphIndex& index, size_t n) {
  if (n == kNone || index.removed(n)) return false;
  const ir::Node& node = graph.nodes[n];
  return (node.op_type == "LayerNormalization" && ir::is_default_domain(node.domain)) ||
         (node.op_type == "FusedLayerNorm" && node.domain == ops::kOnyxDomain);
}

// Float32 [c] value, available before node `before` (produced by an earlier node or none).
bool is_early_vector(const ir::GraphIndex& index, const shape::GraphInference& types,
                     const std::string& name, int64_t c, size_t before) {
  const ops::ValueType* t = types.find(name);
  if (!t || !t->is_tensor() || t->dtype != DType::kFloat32 || !t->has_shape || t->rank() != 1 ||
      t->dims[0] != c)
    return false;
  const size_t p = index.producer(name);
  return p == kNone || p < before;
}

bool same_shape(const ops::ValueType* a, const ops::ValueType* b) {
  if (!a || !b || !a->is_tensor() || !b->is_tensor() || a->dtype != DType::kFloat32 ||
      b->dtype != DType::kFloat32 || !a->has_shape || !b->has_shape || a->rank() != b->rank() ||
      a->rank() < 1)
    return false;
  for (size_t i = 0; i < a->dims.size(); ++i)
    if (a->dims[i] != b->dims[i] || a->dims[i] == ops::kUnknownDim) return false;
  return true;
}

}  // namespace

Result<int> fuse_skip_layer_norm(ir::Graph& graph, PassContext& ctx) {
  if (&graph != &ctx.model.graph) return 0;
  bool has_norm = false;
  for (size_t n = 0; n < graph.nodes.size(); ++n) has_norm |= is_layer_norm(graph, ctx.index, n);
  if (!has_norm) return 0;
  Result<shape::GraphInference> types = infer_types(ctx.model);
  if (!types) return 0;  // a graph inference rejects is left alone
  ir::GraphIndex& index = ctx.index;
  int fused = 0;
  for (size_t ln = 0; ln < graph.nodes.size(); ++ln) {
    ++ctx.node_visits;
    if (!is_layer_norm(graph, index, ln)) continue;
    const ir::Node& norm = graph.nodes[ln];
    if (norm.inputs.size() < 2 || norm.inputs.size() > 3) continue;
    bool stats_read = false;
    for (size_t o = 1; o < norm.outputs.size(); ++o)
      stats_read |= !norm.outputs[o].empty() &&
                    (index.has_uses(norm.outputs[o]) || index.is_graph_output(norm.outputs[o]));
    if (stats_read || norm.attr_int("stash_type", 1) != 1) continue;
    const std::string s = norm.inputs[0];
    const size_t add = index.producer(s);
    if (!is_op(graph, index, add, "Add") || graph.nodes[add].inputs.size() != 2) continue;
    const ir::Node& add_node = graph.nodes[add];
    const ops::ValueType* a = types->find(add_node.inputs[0]);
    if (!same_shape(a, types->find(add_node.inputs[1])) || !same_shape(a, types->find(s))) continue;
    const int64_t rank = a->rank(), c = a->dims.back();
    const int64_t axis = norm.attr_int("axis", -1);
    if (c < 0 || (axis != -1 && axis != rank - 1)) continue;
    bool vectors = true;
    for (size_t i = 1; i < norm.inputs.size(); ++i)
      vectors &= !norm.inputs[i].empty() && is_early_vector(index, *types, norm.inputs[i], c, add);
    if (!vectors) continue;
    // The sum stays an output when the normalization is not its only reader.
    const bool keep_sum = index.is_graph_output(s) || index.uses(s).size() != 1;
    const std::string y = norm.outputs[0];
    std::vector<std::string> inputs = {add_node.inputs[0], add_node.inputs[1]};
    inputs.insert(inputs.end(), norm.inputs.begin() + 1, norm.inputs.end());
    const float epsilon = norm.attr_float("epsilon", 1e-5f);
    index.remove_node(ln);
    ir::Node& fusedn = graph.nodes[add];
    fusedn.op_type = "SkipLayerNorm";
    fusedn.domain = ops::kOnyxDomain;
    fusedn.inputs = inputs;
    fusedn.outputs = keep_sum ? std::vector<std::string>{y, s} : std::vector<std::string>{y};
    ir::Attribute eps;
    eps.name = "epsilon";
    eps.type = ir::Attribute::Type::kFloat;
    eps.f = epsilon;
    fusedn.attributes = {eps};
    ++fused;
  }
  if (fused == 0) return 0;
  index.erase_removed_nodes(graph);
  index.rebuild(graph);  // the fused nodes produce y (and s) now
  if (ctx.model.opset(ops::kOnyxDomain) == 0)
    ctx.model.opset_imports.push_back({ops::kOnyxDomain, 1});
  return fused;
}

}  // namespace onyx::opt
