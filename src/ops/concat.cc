// Concat: joins inputs along `axis`. Every input has the same dtype and rank, and equal dims off
// the axis. axis: optional (default 1) in opset 1, required from opset 4; negative values count
// from the end from opset 11. Empty inputs (a 0 dim) are fine. All element types.
#include <limits>

#include "kernels/copy.h"
#include "ops/common/dim_expr.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class ConcatOp final : public OpKernel {
 public:
  // Element types: any element type (copied, never computed).
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    if (ctx.opset() >= 4 && !ctx.node().has_attr("axis"))
      return ctx.error("missing required attribute 'axis'");
    axis_ = ctx.node().attr_int("axis", 1);
    if (ctx.opset() < 11 && axis_ < 0)
      return ctx.error("axis " + std::to_string(axis_) +
                       " is negative; negative axes need opset 11 or later");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, std::numeric_limits<int>::max()));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& first = ctx.input(0);
    int64_t rank = -1;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      if (!ctx.has_input(i)) return ctx.input_error(i, "required input is missing");
      const ValueType& in = ctx.input(i);
      if (in.dtype != first.dtype)
        return ctx.input_error(i, std::string("element type ") + dtype_name(in.dtype) +
                                      " differs from input 0's " + dtype_name(first.dtype));
      if (!in.has_shape) continue;
      if (rank < 0) rank = in.rank();
      if (in.rank() != rank)
        return ctx.input_error(i, "rank " + std::to_string(in.rank()) +
                                      " differs from the other inputs' rank " +
                                      std::to_string(rank));
    }
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = first.dtype;
    if (rank < 0) return Status::ok();
    std::optional<int64_t> axis = normalize_axis(axis_, rank);
    if (!axis)
      return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                       std::to_string(rank));
    out.has_shape = true;
    out.dims.assign(static_cast<size_t>(rank), kUnknownDim);
    int64_t axis_sum = 0;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      const ValueType& in = ctx.input(i);
      if (!in.has_shape) {
        axis_sum = kUnknownDim;
        continue;
      }
      for (int64_t a = 0; a < rank; ++a) {
        const int64_t d = in.dims[a];
        if (a == *axis) {
          axis_sum = dim_add(axis_sum, d);  // symbolic sizes add up: seq + 1
          continue;
        }
        int64_t& o = out.dims[a];
        if (dim_known(o) && dim_known(d) && o != d)
          return ctx.input_error(i, "dim " + std::to_string(a) + " is " + std::to_string(d) +
                                        " but an earlier input has " + std::to_string(o) +
                                        " (only axis " + std::to_string(*axis) + " may differ)");
        if (o == kUnknownDim || (dim_known(d) && !dim_known(o))) o = d;  // prefer fixed dims
      }
    }
    out.dims[*axis] = axis_sum;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    Tensor& y = ctx.output(0);
    const int64_t axis = *normalize_axis(axis_, y.rank());
    int64_t outer = 1;
    for (int64_t a = 0; a < axis; ++a) outer *= y.dim(static_cast<int>(a));
    const int64_t out_row = outer == 0 ? 0 : y.numel() / outer;  // elements per outer index
    const size_t elem = dtype_size(y.dtype());
    int64_t offset = 0;  // elements into each output row
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      const Tensor& x = ctx.input(i);
      const int64_t row = outer == 0 ? 0 : x.numel() / outer;
      if (y.dtype() == DType::kString)
        kernels::copy_string_rows(x.data<std::string>(), row, y.data<std::string>() + offset,
                                  out_row, row, outer);
      else
        kernels::copy_rows(x.raw_data(), row, static_cast<char*>(y.raw_data()) + offset * elem,
                           out_row, row, outer, elem, ctx.pool());
      offset += row;
    }
    return Status::ok();
  }

 private:
  int64_t axis_ = 1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Concat, ConcatOp)
