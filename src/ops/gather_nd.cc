// GatherND (opset 11; 12 adds batch_dims; 13 bfloat16). With b = batch_dims and q =
// indices.shape[-1] (1 <= q <= rank(data) - b), the first b dims of data and indices are batch dims
// (equal sizes), and
//   out.shape = indices.shape[:-1] ++ data.shape[b + q:]
//   out[batch, i..] = data[batch, indices[batch, i.., 0], .., indices[batch, i.., q-1], :]
// Indices are int64; negative entries count from the end; an entry outside [-n, n) is an error
// from run(). Any element type.
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class GatherNDOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override {
    batch_dims_ = ctx.node().attr_int("batch_dims", 0);
    if (batch_dims_ < 0) return ctx.error("batch_dims must be >= 0");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& data = ctx.input(0);
    const ValueType& indices = ctx.input(1);
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = data.dtype;
    if (!data.has_shape || !indices.has_shape) return Status::ok();
    if (indices.rank() < 1 || indices.rank() <= batch_dims_ || data.rank() <= batch_dims_)
      return ctx.error("data and indices need rank > batch_dims (" + std::to_string(batch_dims_) +
                       ")");
    const int64_t q = indices.dims.back();
    if (!dim_known(q)) return Status::ok();
    if (q < 1 || q > data.rank() - batch_dims_)
      return ctx.input_error(1, "last dim " + std::to_string(q) + " must be in [1, " +
                                    std::to_string(data.rank() - batch_dims_) + "]");
    out.has_shape = true;
    out.dims.assign(indices.dims.begin(), indices.dims.end() - 1);
    out.dims.insert(out.dims.end(), data.dims.begin() + batch_dims_ + q, data.dims.end());
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& data = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    const int64_t b = batch_dims_, q = indices.dim(indices.rank() - 1);
    for (int d = 0; d < b; ++d)
      if (data.dim(d) != indices.dim(d))
        return ctx.error("batch dim " + std::to_string(d) + " differs: data " +
                         std::to_string(data.dim(d)) + ", indices " +
                         std::to_string(indices.dim(d)));
    int64_t batch = 1, data_batch_size = 1, slice = 1;
    for (int d = 0; d < data.rank(); ++d) {
      if (d < b)
        batch *= data.dim(d);
      else
        data_batch_size *= data.dim(d);
      if (d >= b + q) slice *= data.dim(static_cast<int>(d));
    }
    const int64_t tuples = batch == 0 ? 0 : indices.numel() / q / batch;
    const std::vector<int64_t> strides = dense_strides(data.shape());
    const int64_t* dims = data.shape().data() + b;
    int64_t bad = -1;
    visit_storage(data.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = data.data<S>();
      S* dst = ctx.output(0).data<S>();
      for (int64_t n = 0; n < batch && bad < 0; ++n)
        for (int64_t t = 0; t < tuples; ++t) {
          const int64_t tuple = n * tuples + t;
          std::optional<int64_t> off =
              tuple_offset(indices, tuple * q, q, dims, strides.data() + b, &bad);
          if (!off) break;
          std::copy_n(src + n * data_batch_size + *off, slice, dst + tuple * slice);
        }
    });
    if (bad >= 0) {
      const int64_t axis = b + bad % q;
      return ctx.error(
          index_range_message(int_at(indices, bad), axis, data.dim(static_cast<int>(axis))));
    }
    return Status::ok();
  }

 private:
  int64_t batch_dims_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GatherND, GatherNDOp)
