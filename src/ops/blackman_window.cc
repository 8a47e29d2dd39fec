// BlackmanWindow (opset 17): the Blackman window of length `size`; coefficients, periodic and
// output_datatype as in ops/common/window_common.h.
#include "ops/common/window_common.h"

namespace onyx::ops {
namespace {

class BlackmanWindowOp final : public WindowFamilyOp {
 public:
  BlackmanWindowOp() : WindowFamilyOp({0.42, 0.5, 0.08}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(BlackmanWindow, BlackmanWindowOp)
