// ScatterElements (opset 11; 13 adds bfloat16; 16 `reduction` add/mul; 18 max/min). The op's
// semantics and the reduction rules are in ops/common/scatter_common.h.
#include "ops/common/scatter_common.h"

namespace onyx::ops {
namespace {

class ScatterElementsOp final : public ScatterElementsBase {};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ScatterElements, ScatterElementsOp)
