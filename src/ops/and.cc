// And: elementwise logical and of two bool tensors with broadcasting, bool output (family code in
// ops/common/binary_common.h). Opsets 1..6 take the legacy broadcast/axis attributes.
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

struct AndFn {
  bool operator()(bool x, bool y) const { return x && y; }
};

class AndOp final : public MappedBinaryOp<types::Bool, AndFn, true> {};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(And, AndOp)
