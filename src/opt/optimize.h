// Graph optimization passes, one per file, applied by level like onnxruntime's:
//   basic    : constant folding, identity / no-op (Cast to the same type, inference Dropout)
//              elimination, cancellation of inverse shape ops, dead-node elimination, pruning of
//              unused initializers. Bit for bit.
//   extended : + Conv+BatchNormalization and Conv+Add(bias) folding, Conv+residual Add and
//              Conv+Relu/Clip/Sigmoid/HardSwish/SiLU fusion (com.onyx FusedConv), 2-D
//              MatMul+Add -> Gemm, N-D MatMul + bias -> com.onyx FusedMatMul,
//              GELU (erf form) -> Gelu / com.onyx FusedGelu, written-out LayerNormalization ->
//              LayerNormalization / com.onyx FusedLayerNorm, attention blocks -> com.onyx
//              FusedAttention, residual Add + LayerNormalization -> com.onyx SkipLayerNorm.
//              Within float32 rounding (each pass's header says how).
//   all      : = extended.
// Passes that need types run shape inference and leave a graph it rejects unchanged.
// Every pass works on the main graph only; subgraphs (If/Loop/Scan bodies) are left as they are,
// and values they read count as uses, so nothing they capture is fused away.
// Saved models: FusedConv, FusedMatMul, FusedGelu, FusedLayerNorm, FusedAttention and
// SkipLayerNorm are com.onyx ops; a model that holds one gets an opset_import for com.onyx version
// 1, which onyx loads back (other runtimes do not know the op).
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"
#include "opt/pass.h"

namespace onyx::opt {

// Every pass, in the order one round applies them.
const std::vector<Pass>& all_passes();

// Runs the passes enabled at `level` over model.graph in rounds until a round changes nothing
// (at most kMaxRounds). Logs each pass that changed the graph (ONYX_LOG=1). Returns the number of
// nodes removed or rewritten, summed over passes and rounds.
// `report`, when given, gets one entry per pass run that changed the graph; unused initializers
// are pruned once after the rounds (reported as round 0, not counted in the result).
// `disabled` names passes to skip (onnxruntime's disabled_optimizers): each must be a pass of
// all_passes() or "prune_initializers", else kInvalidArgument listing the known names.
struct PassReport {
  std::string pass;
  int round = 0;    // 1-based
  int changes = 0;  // what the pass returned
  size_t nodes_before = 0, nodes_after = 0;
  size_t initializers_before = 0, initializers_after = 0;
};
Result<int> optimize_graph(ir::Model& model, Level level, std::vector<PassReport>* report = nullptr,
                           const std::vector<std::string>& disabled = {});
constexpr int kMaxRounds = 8;

// Removes Identity nodes whose output is not a graph output, rewiring readers to the input.
Result<int> eliminate_identity(ir::Graph& graph, PassContext& ctx);
// Removes nodes none of whose outputs is read (directly or inside a subgraph) or a graph output.
Result<int> eliminate_dead_nodes(ir::Graph& graph, PassContext& ctx);
// Conv followed by its only consumer Relu/Clip/Sigmoid/HardSwish/SiLU becomes com.onyx FusedConv.
Result<int> fuse_conv_activation(ir::Graph& graph, PassContext& ctx);
// Nodes whose outputs are known at load time become initializers (fold_constants.cc).
Result<int> fold_constants(ir::Graph& graph, PassContext& ctx);
// Cast to the same type and inference Dropout are bypassed (eliminate_noop_ops.cc).
Result<int> eliminate_noop_ops(ir::Graph& graph, PassContext& ctx);
// Transpose/Transpose, Reshape/Reshape, Squeeze/Unsqueeze pairs (cancel_inverse_ops.cc).
Result<int> cancel_inverse_ops(ir::Graph& graph, PassContext& ctx);
// Initializers nothing reads are dropped (prune_initializers.cc).
Result<int> prune_initializers(ir::Graph& graph, PassContext& ctx);
// Conv -> BatchNormalization folded into the Conv's weights and bias (fold_conv_batchnorm.cc).
Result<int> fold_conv_batchnorm(ir::Graph& graph, PassContext& ctx);
// Conv -> Add(per-channel constant) folded into the Conv's bias (fold_conv_add.cc).
Result<int> fold_conv_add(ir::Graph& graph, PassContext& ctx);
// Conv -> Add(same-shape R) becomes com.onyx FusedConv with residual R (fuse_conv_residual.cc).
Result<int> fuse_conv_residual(ir::Graph& graph, PassContext& ctx);
// The erf form of GELU becomes Gelu (opset >= 20) or com.onyx FusedGelu (fuse_gelu.cc).
Result<int> fuse_gelu(ir::Graph& graph, PassContext& ctx);
// LayerNormalization written out (ReduceMean/Sub/Pow/.../Add) becomes LayerNormalization
// (opset >= 17) or com.onyx FusedLayerNorm (fuse_layer_norm.cc).
Result<int> fuse_layer_norm(ir::Graph& graph, PassContext& ctx);
// MatMul -> Add becomes Gemm (2-D) or com.onyx FusedMatMul (batched A, bias [N])
// (fuse_matmul_add.cc).
Result<int> fuse_matmul_add(ir::Graph& graph, PassContext& ctx);
// Scaled dot-product attention (MatMul -> scale -> [Add mask] -> Softmax -> MatMul with the head
// transposes) becomes com.onyx FusedAttention (fuse_attention.cc).
Result<int> fuse_attention(ir::Graph& graph, PassContext& ctx);
// Residual Add -> last-axis LayerNormalization becomes com.onyx SkipLayerNorm
// (fuse_skip_layer_norm.cc).
Result<int> fuse_skip_layer_norm(ir::Graph& graph, PassContext& ctx);

// Runs one pass function on model.graph with a freshly built index (tests, tools).
Result<int> run_pass(ir::Model& model, Result<int> (*run)(ir::Graph&, PassContext&));

}  // namespace onyx::opt
