// Relu: y = max(x, 0); NaN stays NaN. Opsets 1 (consumed_inputs, ignored), 6, 13 (bfloat16), 14
// (signed integer types; accepted at every opset). Float and signed integer types.
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class ReluOp final : public UnaryOp<types::Concat<types::Float, types::SignedInt>> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return kernels::scalar::relu(x); }, F32Kernel{kernels::UnaryF32::kRelu});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Relu, ReluOp)
