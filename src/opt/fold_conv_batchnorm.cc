// Conv -> BatchNormalization (inference)  ==>  Conv with rewritten weights and bias:
//   f[m] = scale[m] / sqrt(var[m] + epsilon)
//   W'[m, ...] = W[m, ...] * f[m]          B'[m] = (B[m] - mean[m]) * f[m] + beta[m]
// Applies when W, B and the four BatchNormalization parameters are float32 constants, the Conv's
// output is read only by the BatchNormalization, BatchNormalization's extra outputs are unused
// and it is not in training mode (training_mode = 0; before opset 9 spatial must be 1).
//
// Numerics: f and B' are computed in double and rounded once to float32, so W' and B' are within
// 1 ulp of the exact values; the convolution then sums rounded products of W' instead of rounding
// W*x and scaling afterwards, so outputs differ from the unfolded graph by a few ulp of the
// accumulated magnitude (relative ~1e-6 typical for float32), not bit for bit.
#include <cmath>

#include "opt/conv_folding.h"
#include "opt/optimize.h"
#include "opt/pattern.h"

namespace onyx::opt {

Result<int> fold_conv_batchnorm(ir::Graph& graph, PassContext& ctx) {
  ir::GraphIndex& index = ctx.index;
  int folded = 0;
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    ++ctx.node_visits;
    if (!is_op(graph, index, n, "BatchNormalization")) continue;
    const ir::Node& bn = graph.nodes[n];
    if (bn.inputs.size() != 5 || bn.outputs.empty() || bn.outputs[0].empty() ||
        bn.attr_int("training_mode", 0) != 0 || bn.attr_int("spatial", 1) != 1)
      continue;
    bool extra_outputs_used = false;
    for (size_t i = 1; i < bn.outputs.size(); ++i)
      extra_outputs_used |= !bn.outputs[i].empty() &&
                            (index.has_uses(bn.outputs[i]) || index.is_graph_output(bn.outputs[i]));
    if (extra_outputs_used) continue;
    std::optional<FoldableConv> conv = foldable_conv(graph, index, bn.inputs[0]);
    if (!conv) continue;
    const Tensor* p[4];  // scale, beta, mean, var
    bool ok = true;
    for (int i = 0; i < 4; ++i) {
      p[i] = constant_tensor(graph, index, bn.inputs[static_cast<size_t>(i + 1)]);
      ok = ok && p[i] && p[i]->dtype() == DType::kFloat32 && p[i]->numel() == conv->out_channels;
    }
    if (!ok) continue;
    const double eps = bn.attr_float("epsilon", 1e-5f);
    const int64_t m_count = conv->out_channels;
    const int64_t per_channel = conv->weights->numel() / m_count;
    Tensor w = conv->weights->clone();
    Tensor b = Tensor::empty(DType::kFloat32, {m_count});
    for (int64_t m = 0; m < m_count; ++m) {
      const double f = p[0]->data<float>()[m] / std::sqrt(double(p[3]->data<float>()[m]) + eps);
      float* wm = w.data<float>() + m * per_channel;
      for (int64_t k = 0; k < per_channel; ++k) wm[k] = static_cast<float>(wm[k] * f);
      const double bias = conv->bias ? conv->bias->data<float>()[m] : 0.0;
      b.data<float>()[m] =
          static_cast<float>((bias - p[2]->data<float>()[m]) * f + p[1]->data<float>()[m]);
    }
    rewrite_folded_conv(graph, index, *conv, std::move(w), std::move(b), n, bn.outputs[0]);
    ++folded;
  }
  if (folded) {
    index.erase_removed_nodes(graph);
    index.rebuild(graph);
  }
  return folded;
}

}  // namespace onyx::opt
