// MatMul(A, B) -> Add(C)  ==>  one node that adds C in the GEMM epilogue instead of a second pass
// over the output. Applies when the MatMul's output is read only by the Add and is not a graph
// output, and A and B are float32:
//   A, B of rank 2, C broadcasting to [M, N] one way (Gemm's rule: each dim 1 or equal, rank <= 2),
//   opset >= 7  ->  Gemm(A, B, C) (alpha = beta = 1, no transposes): a standard op;
//   A of rank > 2 (batched activations, as in transformers), B of rank 2, C 1-D [N]
//     ->  com.onyx FusedMatMul(A, B, C) (ops/mat_mul.cc).
//
// Numerics: both add C to the finished dot products exactly as Add does. FusedMatMul runs
// MatMul's own GEMM calls (bit for bit); Gemm's kernel may order the K sum differently from
// MatMul's, so outputs agree to float32 rounding.
#include "ops/registry.h"
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

bool is_float_matrix(const ops::ValueType* t) {
  return t && t->is_tensor() && t->dtype == DType::kFloat32 && t->has_shape && t->rank() == 2;
}

// C is float32 [cols].
bool is_bias_vector(const ops::ValueType* c, int64_t cols) {
  return c && c->is_tensor() && c->dtype == DType::kFloat32 && c->has_shape && c->rank() == 1 &&
         cols >= 0 && c->dims[0] == cols;
}

bool is_batched_float(const ops::ValueType* t) {
  return t && t->is_tensor() && t->dtype == DType::kFloat32 && t->has_shape && t->rank() > 2;
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
      const ops::ValueType* c = types.value().find(add.inputs[1 - side]);
      const bool gemm_2d =
          is_float_matrix(a) && is_float_matrix(b) && broadcasts_to(c, a->dims[0], b->dims[1]);
      const bool batched =
          is_batched_float(a) && is_float_matrix(b) && is_bias_vector(c, b->dims[1]);
      if (!gemm_2d && !batched) continue;
      ir::Node& gemm = graph.nodes[mm];
      gemm.op_type = gemm_2d ? "Gemm" : "FusedMatMul";
      if (batched) {
        gemm.domain = ops::kOnyxDomain;
        if (ctx.model.opset(ops::kOnyxDomain) == 0)
          ctx.model.opset_imports.push_back({ops::kOnyxDomain, 1});
      }
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
