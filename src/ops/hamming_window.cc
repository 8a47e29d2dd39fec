// HammingWindow (opset 17): the Hamming window of length `size`; coefficients, periodic and
// output_datatype as in ops/common/window_common.h.
#include "ops/common/window_common.h"

namespace onyx::ops {
namespace {

class HammingWindowOp final : public WindowFamilyOp {
 public:
  HammingWindowOp() : WindowFamilyOp({25.0 / 46.0, 21.0 / 46.0, 0.0}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(HammingWindow, HammingWindowOp)
