// GELU written out as PyTorch exports it (erf form),
//   y = Mul(Mul(x, Add(Erf(Div(x, sqrt 2)), 1)), 0.5)      or  Mul(Mul(x, 0.5), Add(...)),
// with Div(x, sqrt 2) also accepted as Mul(x, 1/sqrt 2)  ==>  one node y = gelu(x):
// ai.onnx Gelu when the model's opset is >= 20, else com.onyx FusedGelu (same contract, opset 1).
// Every intermediate value must be read only by the next node of the pattern and not be a graph
// output; constants are float32 scalars within 1e-6 of the exact values. The fused node takes the
// last node's place. The tanh form is not matched.
//
// Numerics: the Gelu kernel evaluates x/2 (1 + erf(x / sqrt 2)) with its own erf, so outputs
// differ from the five-node chain by float32 rounding (relative ~1e-6), not bit for bit.
#include <cmath>

#include "ops/registry.h"
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

constexpr float kSqrt2 = 1.41421356237f;

bool is_constant_near(const ir::Graph& graph, const ir::GraphIndex& index, const std::string& name,
                      float want) {
  std::optional<float> v = constant_scalar(graph, index, name);
  return v && std::fabs(*v - want) <= 1e-6f;
}

// The input of binary node `n` that is not `known`, or "" when neither or both are.
std::string other_input(const ir::Node& n, const std::string& known) {
  if (n.inputs.size() != 2) return "";
  if (n.inputs[0] == known && n.inputs[1] != known) return n.inputs[1];
  if (n.inputs[1] == known && n.inputs[0] != known) return n.inputs[0];
  return "";
}

// The single reader of `value` if it is a live default-domain `op` node reading it once.
size_t sole_reader(const ir::Graph& graph, const ir::GraphIndex& index, const std::string& value,
                   const char* op) {
  if (index.is_graph_output(value)) return ir::GraphIndex::kNoNode;
  std::vector<ir::GraphIndex::Use> uses = index.uses(value);
  if (uses.size() != 1 || uses[0].slot == ir::GraphIndex::kImplicit) return ir::GraphIndex::kNoNode;
  return is_op(graph, index, uses[0].node, op) ? uses[0].node : ir::GraphIndex::kNoNode;
}

}  // namespace

Result<int> fuse_gelu(ir::Graph& graph, PassContext& ctx) {
  ir::GraphIndex& index = ctx.index;
  int fused = 0;
  for (size_t e = 0; e < graph.nodes.size(); ++e) {
    ++ctx.node_visits;
    if (!is_op(graph, index, e, "Erf") || graph.nodes[e].inputs.size() != 1 ||
        graph.nodes[e].outputs.size() != 1)
      continue;
    // x / sqrt 2
    const size_t d = sole_producer(graph, index, graph.nodes[e].inputs[0]);
    std::string x;
    if (is_op(graph, index, d, "Div") && graph.nodes[d].inputs.size() == 2 &&
        is_constant_near(graph, index, graph.nodes[d].inputs[1], kSqrt2)) {
      x = graph.nodes[d].inputs[0];
    } else if (is_op(graph, index, d, "Mul") && graph.nodes[d].inputs.size() == 2) {
      for (int side = 0; side < 2 && x.empty(); ++side)
        if (is_constant_near(graph, index, graph.nodes[d].inputs[1 - side], 1.0f / kSqrt2))
          x = graph.nodes[d].inputs[side];
    }
    if (x.empty()) continue;
    // 1 + erf
    const size_t a = sole_reader(graph, index, graph.nodes[e].outputs[0], "Add");
    if (a == ir::GraphIndex::kNoNode ||
        !is_constant_near(graph, index, other_input(graph.nodes[a], graph.nodes[e].outputs[0]),
                          1.0f))
      continue;
    const size_t m = sole_reader(graph, index, graph.nodes[a].outputs[0], "Mul");
    if (m == ir::GraphIndex::kNoNode) continue;
    const std::string other = other_input(graph.nodes[m], graph.nodes[a].outputs[0]);
    size_t last = ir::GraphIndex::kNoNode, half = ir::GraphIndex::kNoNode;
    if (other == x) {  // (x * (1 + erf)) * 0.5
      last = sole_reader(graph, index, graph.nodes[m].outputs[0], "Mul");
      if (last == ir::GraphIndex::kNoNode ||
          !is_constant_near(graph, index, other_input(graph.nodes[last], graph.nodes[m].outputs[0]),
                            0.5f))
        continue;
    } else {  // (x * 0.5) * (1 + erf)
      half = sole_producer(graph, index, other);
      if (!is_op(graph, index, half, "Mul") ||
          !is_constant_near(graph, index, other_input(graph.nodes[half], x), 0.5f))
        continue;
      last = m;
    }
    ir::Node& gelu = graph.nodes[last];
    gelu.op_type = ctx.opset >= 20 ? "Gelu" : "FusedGelu";
    gelu.domain = ctx.opset >= 20 ? "" : ops::kOnyxDomain;
    gelu.inputs = {x};
    gelu.attributes.clear();
    for (size_t n : {d, e, a, m, half})
      if (n != last && n != ir::GraphIndex::kNoNode) index.remove_node(n);
    ++fused;
  }
  if (fused == 0) return 0;
  index.erase_removed_nodes(graph);
  index.rebuild(graph);  // the fused nodes read x now
  if (ctx.opset < 20 && ctx.model.opset(ops::kOnyxDomain) == 0)
    ctx.model.opset_imports.push_back({ops::kOnyxDomain, 1});
  return fused;
}

}  // namespace onyx::opt
