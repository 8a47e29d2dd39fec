// LogSoftmax: x - max - log(sum(exp(x - max))) along an axis. Opsets 1, 11, 13 (axis semantics:
// ops/common/softmax_common.h). Float types.
#include "ops/common/softmax_common.h"

namespace onyx::ops {
namespace {

class LogSoftmaxOp final : public SoftmaxFamilyOp {
 public:
  LogSoftmaxOp() : SoftmaxFamilyOp(SoftmaxKind::kLogSoftmax) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LogSoftmax, LogSoftmaxOp)
