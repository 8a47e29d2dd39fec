// BitwiseXor: elementwise bitwise exclusive or of two integer tensors of one type, with
// broadcasting (family code in ops/common/binary_common.h). Since opset 18.
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

struct BitwiseXorFn {
  template <class T>
  T operator()(T x, T y) const {
    return T(x ^ y);
  }
};

class BitwiseXorOp final : public MappedBinaryOp<types::Int, BitwiseXorFn> {};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(BitwiseXor, BitwiseXorOp)
