// HannWindow (opset 17): the Hann window of length `size`; coefficients, periodic and
// output_datatype as in ops/common/window_common.h.
#include "ops/common/window_common.h"

namespace onyx::ops {
namespace {

class HannWindowOp final : public WindowFamilyOp {
 public:
  HannWindowOp() : WindowFamilyOp({0.5, 0.5, 0.0}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(HannWindow, HannWindowOp)
