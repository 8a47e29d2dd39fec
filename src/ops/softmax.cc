// Softmax: exp(x - max) / sum(exp(x - max)) along an axis. Opsets 1, 11, 13 (axis semantics:
// ops/common/softmax_common.h). Float types.
#include "ops/common/softmax_common.h"

namespace onyx::ops {
namespace {

class SoftmaxOp final : public SoftmaxFamilyOp {
 public:
  SoftmaxOp() : SoftmaxFamilyOp(SoftmaxKind::kSoftmax) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Softmax, SoftmaxOp)
