// Not: logical negation. Opset 1. bool only.
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class NotOp final : public UnaryOp<types::Bool> {
 public:
  Status run(RunContext& ctx) const override {
    return map(ctx, [](auto x) { return !x; });
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Not, NotOp)
