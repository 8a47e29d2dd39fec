// RMSNormalization (opset 23): y = x / sqrt(mean(x^2) + epsilon) * scale over the dims
// [axis, rank). Semantics and attributes: ops/common/norm_common.h. Float types.
#include "ops/common/norm_common.h"

namespace onyx::ops {
namespace {

class RmsNormalizationOp final : public RowNormOp {
 public:
  RmsNormalizationOp() : RowNormOp(/*centered=*/false) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(RMSNormalization, RmsNormalizationOp)
