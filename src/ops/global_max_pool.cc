// GlobalMaxPool (opsets 1, 22): the max of each [N, C] plane (family: common/global_pool.h;
// float16/bfloat16 staging through float32 is exact for max).
#include "kernels/pool.h"
#include "ops/common/global_pool.h"

namespace onyx::ops {
namespace {

class GlobalMaxPoolOp final : public GlobalPoolOp {
 protected:
  void reduce_planes(int64_t planes, int64_t plane, const float* x, float* y,
                     ThreadPool* pool) const override {
    kernels::global_max_pool(planes, plane, x, y, pool);
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GlobalMaxPool, GlobalMaxPoolOp)
