// Conv -> Add(per-channel constant)  ==>  Conv with bias B' = B + c.
// The constant c is float32 with one value per output channel laid out to broadcast over the
// channel axis: shape [1, M, 1, ...] (rank of the output) or [M, 1, ...] (one less), with a 1 for
// every spatial dim. Applies when W (and B, if present) are float32 constants and the Conv's
// output is read only by the Add.
//
// Numerics: the unfolded graph rounds the convolution (bias included) and then adds c; the folded
// one starts the sum from B + c (rounded once). Outputs agree to a few ulp of the output
// magnitude, not bit for bit.
#include "opt/conv_folding.h"
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

namespace {

bool is_channel_vector(const Tensor& t, int64_t channels, int spatial_rank) {
  if (t.dtype() != DType::kFloat32 || t.numel() != channels) return false;
  const int r = t.rank();
  if (r != spatial_rank + 1 && r != spatial_rank + 2) return false;
  const int channel_axis = r - spatial_rank - 1;
  for (int d = 0; d < r; ++d)
    if (t.dim(d) != (d == channel_axis ? channels : 1)) return false;
  return true;
}

}  // namespace

Result<int> fold_conv_add(ir::Graph& graph, PassContext& ctx) {
  ir::GraphIndex& index = ctx.index;
  int folded = 0;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    ++ctx.node_visits;
    if (!is_op(graph, index, n, "Add")) continue;
    const ir::Node& add = graph.nodes[n];
    if (add.inputs.size() != 2 || add.outputs.size() != 1 || add.outputs[0].empty()) continue;
    for (int side = 0; side < 2; ++side) {
      std::optional<FoldableConv> conv = foldable_conv(graph, index, add.inputs[side]);
      const Tensor* c = constant_tensor(graph, index, add.inputs[1 - side]);
      if (!conv || !c || !is_channel_vector(*c, conv->out_channels, conv->spatial_rank)) continue;
      Tensor b = Tensor::empty(DType::kFloat32, {conv->out_channels});
      for (int64_t m = 0; m < conv->out_channels; ++m)
        b.data<float>()[m] =
            (conv->bias ? conv->bias->data<float>()[m] : 0.0f) + c->data<float>()[m];
      rewrite_folded_conv(graph, index, *conv, Tensor(), std::move(b), n, add.outputs[0]);
      ++folded;
      break;
    }
  }
  if (folded) {
    index.erase_removed_nodes(graph);
    index.rebuild(graph);
  }
  return folded;
}

}  // namespace onyx::opt
