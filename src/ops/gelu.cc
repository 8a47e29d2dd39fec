// Gelu (opset 20): approximate="none" (default): x/2 (1 + erf(x / sqrt 2));
// approximate="tanh": x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). Float types.
// Also com.onyx FusedGelu (opset 1, same contract): what opt/fuse_gelu.cc makes of the written-out
// erf form in models whose opset predates Gelu.
#include <string>

#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class GeluOp final : public UnaryOp<types::Float> {
 public:
  Status init(const InitContext& ctx) override {
    const std::string approximate = ctx.node().attr_string("approximate", "none");
    if (approximate != "none" && approximate != "tanh")
      return ctx.error("attribute approximate must be \"none\" or \"tanh\", got \"" + approximate +
                       "\"");
    tanh_ = approximate == "tanh";
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    if (tanh_)
      return map(
          ctx, [](auto x) { return kernels::scalar::gelu_tanh(x); },
          F32Kernel{kernels::UnaryF32::kGeluTanh});
    return map(
        ctx, [](auto x) { return kernels::scalar::gelu(x); }, F32Kernel{kernels::UnaryF32::kGelu});
  }

 private:
  bool tanh_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Gelu, GeluOp)
ONYX_DEFINE_OP(FusedGelu, GeluOp)
