// BitwiseAnd: elementwise bitwise and of two integer tensors of one type, with broadcasting (family
// code in ops/common/binary_common.h). Since opset 18.
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

struct BitwiseAndFn {
  template <class T>
  T operator()(T x, T y) const {
    return T(x & y);
  }
};

class BitwiseAndOp final : public MappedBinaryOp<types::Int, BitwiseAndFn> {};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(BitwiseAnd, BitwiseAndOp)
