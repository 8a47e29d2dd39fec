// PRelu: Y = X < 0 ? X * slope : X, with slope broadcast unidirectionally to X (the output has
// X's shape; numpy rule from opset 7). Opsets 1 and 6: slope is X-shaped, one shared value, or
// (as older exporters write it) a 1-D per-channel vector applied along axis 1. Opset 16 adds
// int32/int64/uint32/uint64 (unsigned X is never negative). float16/bfloat16 compute in float32.
#include <type_traits>

#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

struct PReluFn {
  template <class T>
  T operator()(T x, T slope) const {
    if constexpr (std::is_signed_v<T>)
      return x < T(0) ? T(x * slope) : x;
    else
      return x;
  }
};

using PReluTypes = types::Concat<types::Float, TypeList<int32_t, int64_t, uint32_t, uint64_t>>;

class PReluOp final : public MappedBinaryOp<PReluTypes, PReluFn> {
 public:
  PReluOp()
      : MappedBinaryOp(
            Options{.legacy_attrs = false, .unidirectional = true, .legacy_channel_b = true}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(PRelu, PReluOp)
