// BitwiseNot: ~x on the two's-complement bits. Opset 18. Integer types.
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class BitwiseNotOp final : public UnaryOp<types::Int> {
 public:
  Status run(RunContext& ctx) const override {
    return map(ctx, [](auto x) { return static_cast<decltype(x)>(~x); });
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(BitwiseNot, BitwiseNotOp)
