// LayerNormalization (opset 17): y = (x - mean) / sqrt(var + epsilon) * Scale + B over the dims
// [axis, rank); optional outputs Mean and InvStdDev (element type from stash_type). Semantics and
// attributes: ops/common/norm_common.h. Float types.
// Also com.onyx FusedLayerNorm (opset 1, same contract): what opt/fuse_layer_norm.cc makes of the
// written-out form in models whose opset predates LayerNormalization.
#include "ops/common/norm_common.h"

namespace onyx::ops {
namespace {

class LayerNormalizationOp final : public RowNormOp {
 public:
  LayerNormalizationOp() : RowNormOp(/*centered=*/true) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LayerNormalization, LayerNormalizationOp)
ONYX_DEFINE_OP(FusedLayerNorm, LayerNormalizationOp)
