// Dropout: y = x in inference; in training, y = x * mask / (1 - ratio) with mask[i] = u[i] >= ratio
// for uniform u[i] in [0, 1) from onyx's seeded generator (ops/common/random_common.h; never
// numpy's values). ratio 0 in training is exact identity with an all-true mask; ratio 1 gives
// y = 0 and an all-false mask. Optional output 1 is the mask (all true in inference).
//   opset 1:  attributes ratio (0.5), is_test (0 = training), consumed_inputs (ignored); mask T
//   opset 6:  consumed_inputs removed
//   opset 7:  is_test removed: always inference
//   opset 10: mask is bool
//   opset 12: ratio (input 1, float scalar, default 0.5) and training_mode (input 2, bool
//             scalar, default false) are inputs; attribute seed (int)
//   opset 13, 22: element types added (onyx: every float type at every opset)
#include <algorithm>

#include "kernels/random.h"
#include "ops/common/float_widen.h"
#include "ops/common/random_common.h"

namespace onyx::ops {
namespace {

class DropoutOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    stream_.init(node);
    inputs_ratio_ = ctx.opset() >= 12;
    bool_mask_ = ctx.opset() >= 10;
    if (!inputs_ratio_) ratio_ = node.attr_float("ratio", 0.5f);
    if (ctx.opset() < 7) training_attr_ = node.attr_int("is_test", 0) == 0;
    may_train_ =
        training_attr_ || (inputs_ratio_ && node.inputs.size() > 2 && !node.inputs[2].empty());
    if (!(ratio_ >= 0 && ratio_ <= 1)) return ctx.error("ratio must lie in [0, 1]");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(inputs_ratio_ ? ctx.expect_inputs(1, 3) : ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    if (ctx.has_input(1)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kElementTypes));
    if (ctx.has_input(2)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {DType::kBool}));
    for (int i = 1; i < 3; ++i)
      if (ctx.has_input(i) && ctx.input(i).has_shape && shape_numel(ctx.input(i).dims) != 1)
        return ctx.input_error(i, "expected a scalar");
    ctx.output(0) = ctx.input(0).type_only();
    if (ctx.num_outputs() > 1) {
      ctx.output(1) = ctx.input(0).type_only();
      if (bool_mask_) ctx.output(1).dtype = DType::kBool;
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    double ratio = ratio_;
    bool training = training_attr_;
    if (ctx.has_input(1))
      visit_dtype<types::Float>(ctx.input(1).dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        ratio = static_cast<double>(widen(ctx.input(1).data<T>()[0]));
      });
    if (ctx.has_input(2)) training = ctx.input(2).data<bool>()[0];
    if (training && !(ratio >= 0 && ratio <= 1))
      return ctx.error("ratio " + std::to_string(ratio) + " is outside [0, 1]");
    if (!training) ratio = 0;
    Tensor* mask = ctx.has_output(1) ? &ctx.output(1) : nullptr;
    const int64_t n = x.numel();
    const uint64_t key = ratio > 0 ? stream_.key_for_run() : 0;
    const double scale = ratio < 1 ? 1.0 / (1.0 - ratio) : 0.0;
    constexpr int64_t kChunk = 256;  // a multiple of 4: chunks start at Philox block boundaries
    float u[kChunk];
    visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* in = x.data<T>();
      T* out = ctx.output(0).data<T>();
      for (int64_t first = 0; first < n; first += kChunk) {
        const int64_t count = std::min(kChunk, n - first);
        // Chunk c draws from stream mix64(key + c).
        if (ratio > 0)
          kernels::random_uniform_f32(kernels::mix64(key + static_cast<uint64_t>(first / kChunk)),
                                      0.0f, 1.0f, u, count);
        for (int64_t i = first; i < first + count; ++i) {
          const bool keep = ratio == 0 || static_cast<double>(u[i - first]) >= ratio;
          if (ratio == 0)
            out[i] = in[i];
          else
            out[i] =
                narrow<T>(keep ? static_cast<Wide<T>>(static_cast<double>(widen(in[i])) * scale)
                               : Wide<T>(0));
          if (!mask) continue;
          if (bool_mask_)
            mask->data<bool>()[i] = keep;
          else
            mask->data<T>()[i] = narrow<T>(Wide<T>(keep ? 1 : 0));
        }
      }
    });
    return Status::ok();
  }

  bool deterministic() const override { return !may_train_; }

 private:
  bool inputs_ratio_ = true;    // opset 12+
  bool bool_mask_ = true;       // opset 10+
  bool training_attr_ = false;  // opsets < 7: is_test == 0
  bool may_train_ = false;
  double ratio_ = 0.5;  // opsets < 12 (attribute); opset 12+ default of input 1
  RandomStream stream_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Dropout, DropoutOp)
