// RandomNormalLike: a tensor of input 0's shape filled with normal values (mean, scale) from onyx's
// seeded generator (kernels/random.h; semantics, seeds and opset history in
// ops/common/random_common.h).
#include "ops/common/random_common.h"

namespace onyx::ops {
namespace {

class RandomNormalLikeOp final : public RandomTensorOp {
 public:
  RandomNormalLikeOp() : RandomTensorOp(RandomDistribution::kNormal, true) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(RandomNormalLike, RandomNormalLikeOp)
