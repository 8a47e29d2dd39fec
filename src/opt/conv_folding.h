// Shared by the passes that fold a per-channel affine op into the Conv before it
// (fold_conv_batchnorm.cc, fold_conv_add.cc).
#pragma once

#include <optional>
#include <string>

#include "ir/graph.h"
#include "ir/graph_index.h"

namespace onyx::opt {

// A default-domain Conv whose weights (and bias, if any) are float32 constants and whose output
// is read once, by the op being folded. out_channels = W's dim 0, spatial_rank = W's rank - 2.
struct FoldableConv {
  size_t node = 0;
  const Tensor* weights = nullptr;
  const Tensor* bias = nullptr;  // nullptr: no bias input
  int64_t out_channels = 0;
  int spatial_rank = 0;
};

// The FoldableConv producing `value`, if that is what produces it.
std::optional<FoldableConv> foldable_conv(const ir::Graph& graph, const ir::GraphIndex& index,
                                          const std::string& value);

// Points conv.node at new weights (undefined: keep W) and bias initializers (fresh names; the old
// ones may be shared),
// makes its output `output` (the folded node's output) and removes node `folded`. The index's use
// lists are stale afterwards: the caller rebuilds it before returning.
void rewrite_folded_conv(ir::Graph& graph, ir::GraphIndex& index, const FoldableConv& conv,
                         Tensor weights, Tensor bias, size_t folded, const std::string& output);

}  // namespace onyx::opt
