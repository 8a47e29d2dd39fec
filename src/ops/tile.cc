// Tile (opset 6; 13 adds bfloat16): output dim k = input dim k * repeats[k], the input repeated
// along every axis. `repeats` is a 1-D int64 tensor of length rank, entries >= 0. Any element type.
// (Opset 1's Tile(input, tiles, axis) form is not supported: the registry starts at 6.)
#include "ops/common/dim_expr.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class TileOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    out.has_shape = true;
    out.dims.assign(x.dims.size(), kUnknownDim);
    if (std::optional<std::vector<int64_t>> repeats = ctx.input(1).int_values()) {
      std::string err = check_repeats(*repeats, x.rank());
      if (!err.empty()) return ctx.input_error(1, err);
      for (size_t k = 0; k < x.dims.size(); ++k)
        out.dims[k] = dim_mul(x.dims[k], (*repeats)[k]);  // symbolic: 2*seq
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const std::vector<int64_t> repeats = *tensor_int_values(ctx.input(1));
    std::string err = check_repeats(repeats, x.rank());
    if (!err.empty()) return ctx.error(err);
    // Output viewed as [r0, d0, r1, d1, ...]: repeat dims read with stride 0.
    const std::vector<int64_t> in_strides = dense_strides(x.shape());
    Shape out_dims(x.shape().size());
    std::vector<int64_t> view_dims, view_strides;
    for (size_t k = 0; k < out_dims.size(); ++k) {
      out_dims[k] = x.shape()[k] * repeats[k];
      view_dims.insert(view_dims.end(), {repeats[k], x.shape()[k]});
      view_strides.insert(view_strides.end(), {0, in_strides[k]});
    }
    Tensor& out = output_of_shape(ctx, 0, x.dtype(), out_dims);
    strided_copy_tensor(x, 0, view_dims, view_strides, out, ctx.pool());
    return Status::ok();
  }

 private:
  static std::string check_repeats(const std::vector<int64_t>& repeats, int64_t rank) {
    if (static_cast<int64_t>(repeats.size()) != rank)
      return "repeats has " + std::to_string(repeats.size()) + " entries, input rank is " +
             std::to_string(rank);
    for (int64_t r : repeats)
      if (r < 0) return "repeats entry " + std::to_string(r) + " is negative";
    return "";
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Tile, TileOp)
