// TopK: the k largest (or smallest) elements along `axis` (default -1) and their int64 indices.
//   opset 1:  k is an attribute
//   opset 10: k is input 1 (int64, one element)
//   opset 11: attributes largest (default 1) and sorted (default 1); negative axis
// Outputs are always sorted (largest: descending; smallest: ascending), which also satisfies
// sorted=0. Equal values keep the lower index first; NaN sorts as larger than every number.
// 0 <= k <= axis size, else an error. Numeric element types (float16/bfloat16 compared in float).
#include <algorithm>
#include <cmath>

#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class TopKOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Numeric>();

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", -1);
    largest_ = ctx.node().attr_int("largest", 1) != 0;
    k_input_ = ctx.opset() >= 10;
    if (!k_input_) {
      if (!ctx.node().has_attr("k")) return ctx.error("attribute 'k' is required before opset 10");
      k_attr_ = ctx.node().attr_int("k", 0);
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(k_input_ ? ctx.expect_inputs(2, 2) : ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    if (k_input_) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      ctx.output(i) = x.type_only();
      ctx.output(i).value = Tensor();
    }
    if (ctx.num_outputs() > 1) ctx.output(1).dtype = DType::kInt64;
    if (!x.has_shape) return Status::ok();
    std::optional<int64_t> axis = normalize_axis(axis_, x.rank());
    if (!axis)
      return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                       std::to_string(x.rank()));
    int64_t k = kUnknownDim;
    if (!k_input_) {
      k = k_attr_;
    } else if (std::optional<std::vector<int64_t>> kv = ctx.input(1).int_values()) {
      if (kv->size() != 1) return ctx.input_error(1, "k must hold one value");
      k = (*kv)[0];
    }
    const int64_t n = x.dims[static_cast<size_t>(*axis)];
    if (k != kUnknownDim && (k < 0 || (dim_known(n) && k > n)))
      return ctx.error("k = " + std::to_string(k) + " is out of range for axis size " +
                       (dim_known(n) ? std::to_string(n) : std::string("?")));
    for (int i = 0; i < ctx.num_outputs(); ++i) ctx.output(i).dims[static_cast<size_t>(*axis)] = k;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t axis = *normalize_axis(axis_, x.rank());
    int64_t k = k_attr_;
    if (k_input_) {
      if (ctx.input(1).numel() != 1) return ctx.error("k must hold one value");
      k = ctx.input(1).data<int64_t>()[0];
    }
    const AxisView v = axis_view(x.shape(), axis);
    if (k < 0 || k > v.dim)
      return ctx.error("k = " + std::to_string(k) + " is out of range for axis size " +
                       std::to_string(v.dim));
    Shape dims = x.shape();
    dims[static_cast<size_t>(axis)] = k;
    Tensor& values = output_of_shape(ctx, 0, x.dtype(), dims);
    Tensor* indices = ctx.has_output(1) ? &output_of_shape(ctx, 1, DType::kInt64, dims) : nullptr;
    visit_dtype<types::Numeric>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      using W = Wide<T>;
      const T* src = x.data<T>();
      T* out = values.data<T>();
      std::vector<std::pair<W, int64_t>> row(static_cast<size_t>(v.dim));
      // Strict order: better value first, then lower index. NaN is the largest value.
      auto before = [&](const std::pair<W, int64_t>& a, const std::pair<W, int64_t>& b) {
        if (a.first != b.first) {
          if constexpr (std::is_floating_point_v<W>) {
            if (std::isnan(a.first) || std::isnan(b.first)) {
              if (std::isnan(a.first) && std::isnan(b.first)) return a.second < b.second;
              return std::isnan(a.first) == largest_;
            }
          }
          return largest_ ? a.first > b.first : a.first < b.first;
        }
        return a.second < b.second;
      };
      for (int64_t o = 0; o < v.outer; ++o)
        for (int64_t i = 0; i < v.inner; ++i) {
          const int64_t base = o * v.dim * v.inner + i;
          for (int64_t a = 0; a < v.dim; ++a)
            row[static_cast<size_t>(a)] = {widen(src[base + a * v.inner]), a};
          std::partial_sort(row.begin(), row.begin() + k, row.end(), before);
          const int64_t out_base = o * k * v.inner + i;
          for (int64_t j = 0; j < k; ++j) {
            out[out_base + j * v.inner] = src[base + row[static_cast<size_t>(j)].second * v.inner];
            if (indices)
              indices->data<int64_t>()[out_base + j * v.inner] = row[static_cast<size_t>(j)].second;
          }
        }
    });
    return Status::ok();
  }

 private:
  int64_t axis_ = -1;
  bool largest_ = true;
  bool k_input_ = true;
  int64_t k_attr_ = 0;  // opset 1
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(TopK, TopKOp)
