// Mul: elementwise arithmetic with broadcasting; all semantics live in binary_common.h.
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

class MulOp final : public BinaryArithmeticOp {
 public:
  MulOp() : BinaryArithmeticOp(kernels::BinaryOp::kMul) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Mul, MulOp)
