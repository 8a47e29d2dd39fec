// BitwiseOr: elementwise bitwise or of two integer tensors of one type, with broadcasting (family
// code in ops/common/binary_common.h). Since opset 18.
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

struct BitwiseOrFn {
  template <class T>
  T operator()(T x, T y) const {
    return T(x | y);
  }
};

class BitwiseOrOp final : public MappedBinaryOp<types::Int, BitwiseOrFn> {};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(BitwiseOr, BitwiseOrOp)
