// CumSum (opset 11; 14 adds float16/bfloat16): running sums of x along `axis`, with the
// exclusive/reverse attributes of ops/common/scan_common.h.
#include "ops/common/scan_common.h"

namespace onyx::ops {
namespace {

class CumSumOp final : public CumulativeFamilyOp {
 public:
  CumSumOp() : CumulativeFamilyOp(ScanKind::kSum) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(CumSum, CumSumOp)
