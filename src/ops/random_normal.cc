// RandomNormal: a tensor of attribute 'shape' filled with normal values (mean, scale) from onyx's
// seeded generator (kernels/random.h; semantics, seeds and opset history in
// ops/common/random_common.h).
#include "ops/common/random_common.h"

namespace onyx::ops {
namespace {

class RandomNormalOp final : public RandomTensorOp {
 public:
  RandomNormalOp() : RandomTensorOp(RandomDistribution::kNormal, false) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(RandomNormal, RandomNormalOp)
