// CumProd (opset 26): running products of x along `axis`, with the exclusive/reverse attributes
// of ops/common/scan_common.h (an exclusive product starts at 1).
#include "ops/common/scan_common.h"

namespace onyx::ops {
namespace {

class CumProdOp final : public CumulativeFamilyOp {
 public:
  CumProdOp() : CumulativeFamilyOp(ScanKind::kProd) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(CumProd, CumProdOp)
