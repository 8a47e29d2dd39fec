// Scatter (opsets 9..10; deprecated in 11 and replaced by ScatterElements, which it equals without
// `reduction`). Semantics in ops/common/scatter_common.h.
#include "ops/common/scatter_common.h"

namespace onyx::ops {
namespace {

class ScatterOp final : public ScatterElementsBase {};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Scatter, ScatterOp)
