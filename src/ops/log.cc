// Log: natural logarithm (NaN for x < 0, -inf at 0). Opsets 1 (consumed_inputs, ignored), 6, 13.
// Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class LogOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return std::log(x); }, F32Kernel{kernels::UnaryF32::kLog});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Log, LogOp)
