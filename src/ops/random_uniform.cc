// RandomUniform: a tensor of attribute 'shape' filled with uniform values in [low, high) from
// onyx's seeded generator (kernels/random.h; semantics, seeds and opset history in
// ops/common/random_common.h).
#include "ops/common/random_common.h"

namespace onyx::ops {
namespace {

class RandomUniformOp final : public RandomTensorOp {
 public:
  RandomUniformOp() : RandomTensorOp(RandomDistribution::kUniform, false) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(RandomUniform, RandomUniformOp)
