// IsInf: bool output, true where x is +inf (if detect_positive, default 1) or -inf (if
// detect_negative, default 1). Opsets 10 (float, double), 20 (16-bit floats). Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class IsInfOp final : public UnaryOp<types::Float, DType::kBool> {
 public:
  Status init(const InitContext& ctx) override {
    positive_ = ctx.node().attr_int("detect_positive", 1) != 0;
    negative_ = ctx.node().attr_int("detect_negative", 1) != 0;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return map(ctx,
               [p = positive_, n = negative_](auto x) { return std::isinf(x) && (x > 0 ? p : n); });
  }

 private:
  bool positive_ = true, negative_ = true;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(IsInf, IsInfOp)
