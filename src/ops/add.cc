// Add: elementwise arithmetic with broadcasting; all semantics live in binary_common.h.
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

class AddOp final : public BinaryArithmeticOp {
 public:
  AddOp() : BinaryArithmeticOp(kernels::BinaryOp::kAdd) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Add, AddOp)
