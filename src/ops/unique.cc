// Unique (opset 11): the distinct elements of X (flattened when `axis` is absent) or the distinct
// slices of X along `axis` (compared lexicographically in row-major order, as numpy.unique does).
// Outputs:
//   Y        the distinct values/slices: ascending when sorted=1 (default), else in order of
//            first occurrence
//   indices  int64 [u]: index in X (along axis, or flat) of each one's first occurrence
//   inverse  int64 [n]: for every element/slice of X, its position in Y
//   counts   int64 [u]: occurrences of each
// Any element type (float16/bfloat16 compared in float). The sizes depend on the values, so every
// output is allocated by run().
#include <algorithm>
#include <numeric>

#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class UniqueOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::All>();

  Status init(const InitContext& ctx) override {
    sorted_ = ctx.node().attr_int("sorted", 1) != 0;
    if (ctx.node().has_attr("axis")) axis_ = ctx.node().attr_int("axis", 0);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    for (int i = 0; i < ctx.num_outputs(); ++i)
      ctx.output(i) = ValueType::tensor(i == 0 ? x.dtype : DType::kInt64, {kUnknownDim});
    if (!x.has_shape) {
      ctx.output(0).has_shape = false;
      ctx.output(0).dims.clear();
      return Status::ok();
    }
    if (axis_) {
      std::optional<int64_t> axis = normalize_axis(*axis_, x.rank());
      if (!axis)
        return ctx.error("axis " + std::to_string(*axis_) + " is out of range for rank " +
                         std::to_string(x.rank()));
      ctx.output(0).dims = x.dims;
      ctx.output(0).dims[static_cast<size_t>(*axis)] = kUnknownDim;
      if (ctx.num_outputs() > 2) ctx.output(2).dims = {x.dims[static_cast<size_t>(*axis)]};
    } else if (ctx.num_outputs() > 2) {
      ctx.output(2).dims = {dims_product(x.dims)};
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t axis = axis_ ? *normalize_axis(*axis_, x.rank()) : 0;
    const Shape flat = {x.numel()};
    const Shape& dims = axis_ ? x.shape() : flat;
    const AxisView v = axis_view(dims, axis);
    const int64_t n = v.dim;
    // Slice i holds elements (o, j) at (o * n + i) * inner + j.
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::vector<int64_t> group_first;  // per distinct slice: its first occurrence
    std::vector<int64_t> inverse(static_cast<size_t>(n)), counts;
    visit_dtype<types::All>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* src = x.data<T>();
      auto less = [](const T& p, const T& q) {  // by reference: strings are not copied
        if constexpr (kIsHalfFloat<T>)
          return widen(p) < widen(q);
        else
          return p < q;
      };
      auto compare = [&](int64_t a, int64_t b) {  // <0, 0, >0
        for (int64_t o = 0; o < v.outer; ++o)
          for (int64_t j = 0; j < v.inner; ++j) {
            const T& ea = src[(o * n + a) * v.inner + j];
            const T& eb = src[(o * n + b) * v.inner + j];
            if (less(ea, eb)) return -1;
            if (less(eb, ea)) return 1;
          }
        return 0;
      };
      std::stable_sort(order.begin(), order.end(),
                       [&](int64_t a, int64_t b) { return compare(a, b) < 0; });
      for (size_t k = 0; k < order.size(); ++k) {
        if (k == 0 || compare(order[k - 1], order[k]) != 0) {
          group_first.push_back(order[k]);
          counts.push_back(0);
        }
        ++counts.back();
        inverse[static_cast<size_t>(order[k])] = static_cast<int64_t>(group_first.size()) - 1;
      }
    });
    const int64_t u = static_cast<int64_t>(group_first.size());
    // rank[g] = output position of sorted group g.
    std::vector<int64_t> rank(static_cast<size_t>(u));
    std::iota(rank.begin(), rank.end(), 0);
    if (!sorted_) {
      std::vector<int64_t> by_first(rank);
      std::sort(by_first.begin(), by_first.end(), [&](int64_t a, int64_t b) {
        return group_first[static_cast<size_t>(a)] < group_first[static_cast<size_t>(b)];
      });
      for (int64_t p = 0; p < u; ++p)
        rank[static_cast<size_t>(by_first[static_cast<size_t>(p)])] = p;
    }
    Shape y_dims = dims;
    y_dims[static_cast<size_t>(axis)] = u;
    Tensor& y = ctx.allocate_output(0, x.dtype(), y_dims);
    visit_storage(x.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S* src = x.data<S>();
      S* dst = y.data<S>();
      for (int64_t g = 0; g < u; ++g) {
        const int64_t at = rank[static_cast<size_t>(g)], from = group_first[static_cast<size_t>(g)];
        for (int64_t o = 0; o < v.outer; ++o)
          std::copy_n(src + (o * n + from) * v.inner, v.inner, dst + (o * u + at) * v.inner);
      }
    });
    if (ctx.has_output(1)) {
      int64_t* out = ctx.allocate_output(1, DType::kInt64, {u}).data<int64_t>();
      for (int64_t g = 0; g < u; ++g)
        out[rank[static_cast<size_t>(g)]] = group_first[static_cast<size_t>(g)];
    }
    if (ctx.has_output(2)) {
      int64_t* out = ctx.allocate_output(2, DType::kInt64, {n}).data<int64_t>();
      for (int64_t i = 0; i < n; ++i)
        out[i] = rank[static_cast<size_t>(inverse[static_cast<size_t>(i)])];
    }
    if (ctx.has_output(3)) {
      int64_t* out = ctx.allocate_output(3, DType::kInt64, {u}).data<int64_t>();
      for (int64_t g = 0; g < u; ++g)
        out[rank[static_cast<size_t>(g)]] = counts[static_cast<size_t>(g)];
    }
    return Status::ok();
  }

 private:
  bool sorted_ = true;
  std::optional<int64_t> axis_;  // absent: flatten
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Unique, UniqueOp)
