// ScatterND (opset 11; 13 adds bfloat16; 16 `reduction` add/mul; 18 max/min). With q =
// indices.shape[-1] (1 <= q <= rank(data)): out = copy of data, then for every index tuple t
//   out[indices[t, 0], .., indices[t, q-1], :] (reduction)= updates[t, :]
// where updates.shape = indices.shape[:-1] ++ data.shape[q:]. Tuples apply in order (with "none"
// a duplicate index keeps the last update). Indices are int64; negative entries count from the
// end; an entry outside [-n, n) is an error from run(). Reduction rules:
// ops/common/scatter_common.h.
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/common/scatter_common.h"

namespace onyx::ops {
namespace {

class ScatterNDOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status init(const InitContext& ctx) override { return parse_scatter_reduction(ctx, &reduction_); }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, reduction_ == ScatterReduction::kNone
                                                 ? kElementTypes
                                                 : dtype_set<ScatterReduceTypes>()));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {ctx.input(0).dtype}));
    const ValueType& data = ctx.input(0);
    const ValueType& indices = ctx.input(1);
    const ValueType& updates = ctx.input(2);
    if (data.has_shape && indices.fully_known() && updates.fully_known() && data.fully_known()) {
      if (indices.rank() < 1) return ctx.input_error(1, "indices must have rank >= 1");
      const int64_t q = indices.dims.back();
      if (q < 1 || q > data.rank())
        return ctx.input_error(1, "last dim " + std::to_string(q) + " must be in [1, " +
                                      std::to_string(data.rank()) + "]");
      Shape expected(indices.dims.begin(), indices.dims.end() - 1);
      expected.insert(expected.end(), data.dims.begin() + q, data.dims.end());
      if (updates.dims != expected)
        return ctx.input_error(2, "updates shape " + dims_to_string(updates.dims) + " should be " +
                                      dims_to_string(expected));
    }
    ctx.output(0) = data.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& data = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    const Tensor& updates = ctx.input(2);
    Tensor& out = ctx.output(0);
    const int64_t q = indices.dim(indices.rank() - 1);
    int64_t slice = 1;
    for (int d = static_cast<int>(q); d < data.rank(); ++d) slice *= data.dim(d);
    const int64_t tuples = indices.numel() / q;
    if (updates.numel() != tuples * slice)
      return ctx.error("updates has " + std::to_string(updates.numel()) + " elements, expected " +
                       std::to_string(tuples * slice));
    copy_tensor_data(data, out);
    const std::vector<int64_t> strides = dense_strides(data.shape());
    int64_t bad = -1;
    auto scatter = [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* upd = updates.data<T>();
      T* dst = out.data<T>();
      for (int64_t t = 0; t < tuples; ++t) {
        std::optional<int64_t> off =
            tuple_offset(indices, t * q, q, data.shape().data(), strides.data(), &bad);
        if (!off) return;
        for (int64_t k = 0; k < slice; ++k)
          scatter_combine(dst[*off + k], upd[t * slice + k], reduction_);
      }
    };
    if (reduction_ == ScatterReduction::kNone)
      visit_storage(data.dtype(), scatter);
    else
      visit_dtype<ScatterReduceTypes>(data.dtype(), scatter);
    if (bad >= 0)
      return ctx.error(
          index_range_message(int_at(indices, bad), bad % q, data.dim(static_cast<int>(bad % q))));
    return Status::ok();
  }

 private:
  ScatterReduction reduction_ = ScatterReduction::kNone;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ScatterND, ScatterNDOp)
