// GlobalAveragePool (opsets 1, 22): the mean of each [N, C] plane (family: common/global_pool.h).
#include "kernels/pool.h"
#include "ops/common/global_pool.h"

namespace onyx::ops {
namespace {

class GlobalAveragePoolOp final : public GlobalPoolOp {
 protected:
  void reduce_planes(int64_t planes, int64_t plane, const float* x, float* y,
                     ThreadPool* pool) const override {
    kernels::global_average_pool(planes, plane, x, y, pool);
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GlobalAveragePool, GlobalAveragePoolOp)
