// MatMul(A, B) -> Add(C)  ==>  Gemm(A, B, C) for 2-D A and B (alpha = beta = 1, no transposes),
// so the bias is added in the GEMM epilogue instead of a second pass over the output.
// Applies when the MatMul's output is read only by the Add, A and B are float32 of rank 2 and C's
// shape broadcasts to [M, N] one way (Gemm's rule: each dim 1 or equal, rank <= 2). Opset >= 7
// (Gemm's broadcasting C). N-D MatMul (batched activations, as in transformers) is left alone.
//
// Numerics: Gemm adds C to the finished dot products exactly as Add does; the GEMM kernel may
// order the K sum differently from MatMul's, so outputs agree to float32 rounding, not bit for bit.
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

bool is_float_matrix(const ops::ValueType* t) {
  return t && t->is_tensor() && t->dtype == DType::kFloat32 && t->has_shape && t->rank() == 2;
}

// C broadcasts to [rows, cols] under Gemm's one-way rule.
bool broadcasts_to(const ops::ValueType* c, int64_t rows, int64_t cols) {
  if (!c || !c->is_tensor() || c->dtype != DType::kFloat32 || !c->has_shape || c->rank() > 2)
    return false;
  const int64_t want[2] = {rows, cols};
  for (int i = 0; i < c->rank(); ++i) {
    const int64_t d = c->dims[static_cast<size_t>(i)];
    const int64_t w = want[2 - c->rank() + i];
    if (d != 1 && (d < 0 || d != w)) return false;
  }
  return true;
}

}  // namespace

Result<int> fuse_matmul_add(ir::Graph& graph, PassContext& ctx) {
  if (ctx.opset < 7 || &graph != &ctx.model.graph) return 0;
  ir::GraphIndex& index = ctx.index;
  // Shapes, inferred when the graph has a MatMul; a graph inference rejects is left alone.
  bool has_matmul = false;
  for (const ir::Node& node : graph.nodes)
    has_matmul |= node.op_type == "MatMul" && ir::is_default_domain(node.domain);
  if (!has_matmul) return 0;
  Result<shape::GraphInference> types = infer_types(ctx.model);
  if (!types) return 0;
  int fused = 0;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    ++ctx.node_visits;
    if (!is_op(graph, index, n, "Add")) continue;
    const ir::Node& add = graph.nodes[n];
    if (add.inputs.size() != 2 || add.outputs.size() != 1 || add.outputs[0].empty()) continue;
    for (int side = 0; side < 2; ++side) {
      const size_t mm = sole_producer(graph, index, add.inputs[side]);
      if (!is_op(graph, index, mm, "MatMul") || graph.nodes[mm].inputs.size() != 2) continue;
      const ops::ValueType* a = types.value().find(graph.nodes[mm].inputs[0]);
      const ops::ValueType* b = types.value().find(graph.nodes[mm].inputs[1]);
      if (!is_float_matrix(a) || !is_float_matrix(b) ||
          !broadcasts_to(types.value().find(add.inputs[1 - side]), a->dims[0], b->dims[1]))
        continue;
      ir::Node& gemm = graph.nodes[mm];
      gemm.op_type = "Gemm";
      gemm.inputs.push_back(add.inputs[1 - side]);
      const std::string out = add.outputs[0];
      index.remove_node(n);
      index.rename_output(graph, mm, 0, out);
      ++fused;
      break;
    }
  }
  if (fused) {
    index.erase_removed_nodes(graph);
    index.rebuild(graph);  // the Gemms read C now
  }
  return fused;
}

}  // namespace onyx::opt
