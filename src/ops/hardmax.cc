// Hardmax: 1 at the first maximum along an axis, 0 elsewhere. Opsets 1, 11, 13 (axis semantics:
// ops/common/softmax_common.h). Float types.
#include "ops/common/softmax_common.h"

namespace onyx::ops {
namespace {

class HardmaxOp final : public SoftmaxFamilyOp {
 public:
  HardmaxOp() : SoftmaxFamilyOp(SoftmaxKind::kHardmax) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Hardmax, HardmaxOp)
