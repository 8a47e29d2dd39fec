// Sub: elementwise arithmetic with broadcasting; all semantics live in binary_common.h.
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

class SubOp final : public BinaryArithmeticOp {
 public:
  SubOp() : BinaryArithmeticOp(kernels::BinaryOp::kSub) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Sub, SubOp)
