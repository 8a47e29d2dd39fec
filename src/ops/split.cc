// Split: cuts the input along `axis` (default 0; negative since opset 11) into the node's outputs.
// Chunk sizes come from, by opset:
//   1:      attribute `split`, or the optional second input `split`
//   2..12:  attribute `split`
//   13+:    optional input `split` (int64)
//   18+:    or attribute `num_outputs`: chunks of ceil(n / num_outputs), the last one smaller
// Without either, the axis is split into equal parts (it must divide evenly). Sizes must be >= 0
// and sum to the axis size. Any element type.
#include <numeric>

#include "ops/common/dim_expr.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class SplitOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", 0);
    split_input_ = ctx.opset() >= 13 || ctx.opset() == 1;
    if (ctx.opset() < 13 && ctx.node().has_attr("split"))
      split_attr_ = ctx.node().attr_ints("split");
    if (ctx.opset() >= 18 && ctx.node().has_attr("num_outputs")) {
      num_outputs_ = ctx.node().attr_int("num_outputs", 0);
      if (num_outputs_ < 1) return ctx.error("num_outputs must be >= 1");
      if (num_outputs_ != static_cast<int64_t>(ctx.node().outputs.size()))
        return ctx.error("num_outputs is " + std::to_string(num_outputs_) + " but the node has " +
                         std::to_string(ctx.node().outputs.size()) + " outputs");
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, split_input_ ? 2 : 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    if (ctx.has_input(1)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      ctx.output(i) = ValueType();
      ctx.output(i).dtype = x.dtype;
    }
    if (!x.has_shape) return Status::ok();
    std::optional<int64_t> axis = normalize_axis(axis_, x.rank());
    if (!axis)
      return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                       std::to_string(x.rank()));
    const int64_t n = x.dims[static_cast<size_t>(*axis)];
    std::optional<std::vector<int64_t>> given = split_attr_;
    if (ctx.has_input(1)) given = ctx.input(1).int_values();
    const bool known = !ctx.has_input(1) || given.has_value();
    std::vector<int64_t> sizes;
    if (known && (given || dim_known(n))) {
      Result<std::vector<int64_t>> r = chunk_sizes(given, n, ctx.num_outputs());
      if (!r.is_ok()) return ctx.error(r.status().message());
      sizes = r.value();
    }
    if (known && !given && !dim_known(n))  // equal parts of a symbolic size: 3*h -> h each
      sizes.assign(static_cast<size_t>(ctx.num_outputs()), dim_exact_div(n, ctx.num_outputs()));
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      ValueType& out = ctx.output(i);
      out.has_shape = true;
      out.dims = x.dims;
      out.dims[static_cast<size_t>(*axis)] =
          sizes.empty() ? kUnknownDim : sizes[static_cast<size_t>(i)];
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t axis = *normalize_axis(axis_, x.rank());
    std::optional<std::vector<int64_t>> given = split_attr_;
    if (ctx.has_input(1)) given = tensor_int_values(ctx.input(1));
    Result<std::vector<int64_t>> sizes =
        chunk_sizes(given, x.dim(static_cast<int>(axis)), ctx.num_outputs());
    if (!sizes.is_ok()) return ctx.error(sizes.status().message());
    const std::vector<int64_t> strides = dense_strides(x.shape());
    int64_t start = 0;
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      Shape dims = x.shape();
      dims[static_cast<size_t>(axis)] = sizes.value()[static_cast<size_t>(i)];
      if (ctx.has_output(i)) {
        Tensor& out = output_of_shape(ctx, i, x.dtype(), dims);
        strided_copy_tensor(x, start * strides[static_cast<size_t>(axis)], dims, strides, out,
                            ctx.pool());
      }
      start += dims[static_cast<size_t>(axis)];
    }
    return Status::ok();
  }

 private:
  // Chunk sizes for an axis of size n split into `outputs` parts.
  Result<std::vector<int64_t>> chunk_sizes(const std::optional<std::vector<int64_t>>& given,
                                           int64_t n, int outputs) const {
    auto fail = [](const std::string& msg) { return Status(StatusCode::kInvalidGraph, msg); };
    if (given) {
      if (static_cast<int>(given->size()) != outputs)
        return fail("split has " + std::to_string(given->size()) + " entries for " +
                    std::to_string(outputs) + " outputs");
      for (int64_t s : *given)
        if (s < 0) return fail("split entry " + std::to_string(s) + " is negative");
      const int64_t sum = std::accumulate(given->begin(), given->end(), int64_t{0});
      if (dim_known(n) && sum != n)
        return fail("split sizes sum to " + std::to_string(sum) + ", axis size is " +
                    std::to_string(n));
      return *given;
    }
    if (outputs < 1) return fail("Split needs at least one output");
    if (num_outputs_ > 0) {
      const int64_t chunk = (n + outputs - 1) / outputs;
      std::vector<int64_t> sizes(static_cast<size_t>(outputs), chunk);
      sizes.back() = n - chunk * (outputs - 1);
      if (sizes.back() < 0)
        return fail("axis of size " + std::to_string(n) + " cannot be split into " +
                    std::to_string(outputs) + " non-empty chunks of " + std::to_string(chunk));
      return sizes;
    }
    if (n % outputs != 0)
      return fail("axis of size " + std::to_string(n) + " does not split evenly into " +
                  std::to_string(outputs) + " outputs");
    return std::vector<int64_t>(static_cast<size_t>(outputs), n / outputs);
  }

  int64_t axis_ = 0;
  bool split_input_ = false;
  std::optional<std::vector<int64_t>> split_attr_;  // opsets 1..12
  int64_t num_outputs_ = 0;                         // opset 18+
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Split, SplitOp)
