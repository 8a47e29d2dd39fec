// TensorScatter (opset 24): a KV-cache update. present_cache = past_cache with, for every index
// prefix p over dims [0, axis) (p[0] = batch b) and s in [0, sequence_length),
//   present[p, w[b] + s, ...] = update[p, s, ...]
// where w = write_indices (optional input 2, int64 [batch], default zeros) and `axis` (default
// -2, never 0, the batch dim) is the sequence dim. update has past_cache's shape except
// sequence_length <= max_sequence_length along axis. mode "linear" (default) requires
// w[b] + sequence_length <= max_sequence_length (a run-time error otherwise); "circular" takes
// the index modulo max_sequence_length. Any element type that is moved whole (4-bit types,
// packed two per byte, are refused).
#include <algorithm>
#include <cstring>

#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class TensorScatterOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes =
      kMovableDTypes - DTypeSet{DType::kUInt4, DType::kInt4, DType::kFloat4E2M1};

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", -2);
    const std::string mode = ctx.node().attr_string("mode", "linear");
    if (mode != "linear" && mode != "circular")
      return ctx.error("mode must be 'linear' or 'circular', got '" + mode + "'");
    circular_ = mode == "circular";
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {ctx.input(0).dtype}));
    if (ctx.has_input(2)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {DType::kInt64}));
    const ValueType& cache = ctx.input(0);
    const ValueType& update = ctx.input(1);
    if (cache.has_shape) {
      std::optional<int64_t> axis = normalize_axis(axis_, cache.rank());
      if (!axis || *axis == 0)
        return ctx.error("axis " + std::to_string(axis_) + " must name a non-batch dim of rank " +
                         std::to_string(cache.rank()));
      if (update.has_shape) {
        if (update.rank() != cache.rank())
          return ctx.input_error(1, "update rank differs from past_cache's");
        for (int64_t d = 0; d < cache.rank(); ++d) {
          const int64_t c = cache.dims[size_t(d)], u = update.dims[size_t(d)];
          if (dim_known(c) && dim_known(u) && (d == *axis ? u > c : u != c))
            return ctx.input_error(1, "update " + dims_to_string(update.dims) +
                                          " does not fit past_cache " + dims_to_string(cache.dims));
        }
      }
    }
    ctx.output(0) = cache.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& cache = ctx.input(0);
    const Tensor& update = ctx.input(1);
    const int64_t rank = cache.rank();
    const int64_t axis = *normalize_axis(axis_, rank);
    for (int64_t d = 0; d < rank; ++d)
      if (d == axis ? update.dim(d) > cache.dim(d) : update.dim(d) != cache.dim(d))
        return ctx.error("update does not fit past_cache");
    const int64_t batch = cache.dim(0), max_seq = cache.dim(axis), seq = update.dim(axis);
    if (ctx.has_input(2) && ctx.input(2).numel() != batch)
      return ctx.error("write_indices must have one entry per batch (" + std::to_string(batch) +
                       ")");
    int64_t prefix = 1, inner = 1;
    for (int64_t d = 0; d < axis; ++d) prefix *= cache.dim(d);
    for (int64_t d = axis + 1; d < rank; ++d) inner *= cache.dim(d);
    const int64_t per_batch = batch > 0 ? prefix / batch : 0;
    const int64_t* w = ctx.has_input(2) ? ctx.input(2).data<int64_t>() : nullptr;
    for (int64_t b = 0; b < batch && !circular_; ++b) {
      const int64_t start = w ? w[b] : 0;
      if (start < 0 || start + seq > max_seq)
        return ctx.error("write_indices[" + std::to_string(b) + "] = " + std::to_string(start) +
                         " + sequence_length " + std::to_string(seq) +
                         " exceeds max_sequence_length " + std::to_string(max_seq));
    }
    Tensor& out = ctx.output(0);
    copy_tensor_data(cache, out);
    visit_storage(cache.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = update.data<S>();
      S* dst = out.data<S>();
      for (int64_t p = 0; p < prefix; ++p) {
        const int64_t start = w ? w[p / per_batch] : 0;
        for (int64_t s = 0; s < seq; ++s) {
          int64_t at = start + s;
          if (circular_) at = ((at % max_seq) + max_seq) % max_seq;
          std::copy_n(src + (p * seq + s) * inner, inner, dst + (p * max_seq + at) * inner);
        }
      }
    });
    return Status::ok();
  }

 private:
  int64_t axis_ = -2;
  bool circular_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(TensorScatter, TensorScatterOp)
