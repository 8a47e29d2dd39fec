// Softsign: y = x / (1 + |x|). Opsets 1, 22 (bfloat16). Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class SoftsignOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(ctx, [](auto x) { return x / (decltype(x)(1) + std::fabs(x)); });
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Softsign, SoftsignOp)
