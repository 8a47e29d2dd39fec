// Binarizer (ai.onnx.ml opset 1): Y = X > threshold ? 1 : 0 elementwise, same shape and type.
// threshold: float attribute (default 0.0), compared in double. NaN inputs give 0.
#include "ops/op.h"

namespace onyx::ops {
namespace {

using BinarizerTypes = TypeList<float, double, int64_t, int32_t>;

class BinarizerOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<BinarizerTypes>();

  Status init(const InitContext& ctx) override {
    threshold_ = ctx.node().attr_float("threshold", 0.0f);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ctx.output(0) = ctx.input(0).type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    visit_dtype<BinarizerTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* in = x.data<T>();
      T* out = y.data<T>();
      for (int64_t i = 0; i < x.numel(); ++i)
        out[i] = static_cast<double>(in[i]) > threshold_ ? T(1) : T(0);
    });
    return Status::ok();
  }

 private:
  double threshold_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Binarizer, BinarizerOp)
