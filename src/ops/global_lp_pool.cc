// GlobalLpPool (opsets 2, 22): (sum |x|^p)^(1/p) over each [N, C] plane; p is an int attribute
// (default 2) (family: common/global_pool.h).
#include "kernels/pool.h"
#include "ops/common/global_pool.h"

namespace onyx::ops {
namespace {

class GlobalLpPoolOp final : public GlobalPoolOp {
 public:
  Status init(const InitContext& ctx) override {
    const int64_t p = ctx.node().attr_int("p", 2);
    if (p <= 0) return ctx.error("p must be positive, got " + std::to_string(p));
    p_ = static_cast<float>(p);
    return Status::ok();
  }

 protected:
  void reduce_planes(int64_t planes, int64_t plane, const float* x, float* y,
                     ThreadPool* pool) const override {
    kernels::global_lp_pool(planes, plane, p_, x, y, pool);
  }

 private:
  float p_ = 2.0f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GlobalLpPool, GlobalLpPoolOp)
