// CenterCropPad (opset 18): crops or zero-pads input_data centrally to `shape` (int32/int64, one
// entry per axis in attribute `axes`, default every axis). An axis that shrinks by d keeps
// elements [d / 2, d / 2 + size); one that grows by d gets d / 2 zeros before and d - d / 2
// after. Element types: every type but complex, float8 and 4-bit (strings pad with "").
#include <optional>
#include <string>

#include "kernels/pad.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"

namespace onyx::ops {
namespace {

class CenterCropPadOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    axes_ = ctx.node().attr_ints("axes");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt32, DType::kInt64}));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = x.type_only();
    ctx.output(0).value = Tensor();
    if (!x.has_shape) return Status::ok();
    std::vector<int64_t> axes;
    if (std::string err = target_axes(x.rank(), &axes); !err.empty()) return ctx.error(err);
    std::optional<std::vector<int64_t>> shape = ctx.input(1).int_values();
    if (shape && shape->size() != axes.size())
      return ctx.input_error(1, "has " + std::to_string(shape->size()) + " entries, expected " +
                                    std::to_string(axes.size()));
    for (size_t i = 0; i < axes.size(); ++i) {
      if (shape && (*shape)[i] < 0) return ctx.input_error(1, "sizes must be non-negative");
      ctx.output(0).dims[static_cast<size_t>(axes[i])] = shape ? (*shape)[i] : kUnknownDim;
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    std::vector<int64_t> axes;
    if (std::string err = target_axes(x.rank(), &axes); !err.empty()) return ctx.error(err);
    const std::vector<int64_t> shape = *tensor_int_values(ctx.input(1));
    if (shape.size() != axes.size()) return ctx.error("shape does not match axes");
    const auto rank = static_cast<size_t>(x.rank());
    // kernels::pad's [begins..., ends...]: negative entries crop.
    std::vector<int64_t> pads(2 * rank, 0);
    Shape dims = x.shape();
    for (size_t i = 0; i < axes.size(); ++i) {
      const auto a = static_cast<size_t>(axes[i]);
      if (shape[i] < 0) return ctx.error("sizes must be non-negative");
      const int64_t diff = shape[i] - dims[a];
      const int64_t sign = diff < 0 ? -1 : 1;
      const int64_t mag = diff < 0 ? -diff : diff;
      pads[a] = sign * (mag / 2);
      pads[rank + a] = sign * (mag - mag / 2);
      dims[a] = shape[i];
    }
    Tensor& y = output_of_shape(ctx, 0, x.dtype(), dims);
    if (x.dtype() == DType::kString) {
      kernels::pad_strings(x.data<std::string>(), y.data<std::string>(), x.shape(), pads,
                           kernels::PadMode::kConstant, std::string());
      return Status::ok();
    }
    alignas(16) unsigned char zero[16] = {};
    kernels::pad(x.raw_data(), y.raw_data(), dtype_size(x.dtype()), x.shape(), pads,
                 kernels::PadMode::kConstant, zero, ctx.pool());
    return Status::ok();
  }

 private:
  std::string target_axes(int64_t rank, std::vector<int64_t>* axes) const {
    if (axes_.empty()) {
      for (int64_t i = 0; i < rank; ++i) axes->push_back(i);
      return "";
    }
    *axes = axes_;
    return normalize_axes(axes, rank);
  }

  std::vector<int64_t> axes_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(CenterCropPad, CenterCropPadOp)
