// Div: elementwise arithmetic with broadcasting; all semantics live in binary_common.h.
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

class DivOp final : public BinaryArithmeticOp {
 public:
  DivOp() : BinaryArithmeticOp(kernels::BinaryOp::kDiv) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Div, DivOp)
