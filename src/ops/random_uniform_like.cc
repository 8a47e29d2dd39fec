// RandomUniformLike: a tensor of input 0's shape filled with uniform values in [low, high) from
// onyx's seeded generator (kernels/random.h; semantics, seeds and opset history in
// ops/common/random_common.h).
#include "ops/common/random_common.h"

namespace onyx::ops {
namespace {

class RandomUniformLikeOp final : public RandomTensorOp {
 public:
  RandomUniformLikeOp() : RandomTensorOp(RandomDistribution::kUniform, true) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(RandomUniformLike, RandomUniformLikeOp)
