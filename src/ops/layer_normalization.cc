// LayerNormalization (opset 17): y = (x - mean) / sqrt(var + epsilon) * Scale + B over the dims
// [axis, rank); optional outputs Mean and InvStdDev (element type from stash_type). Semantics and
// attributes: ops/common/norm_common.h. Float types.
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
