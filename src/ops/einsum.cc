// Einsum (opset 12): the tensor contraction an Einstein-summation equation describes (attribute
// `equation`; syntax, implicit output and broadcasting in ops/common/einsum_common.h). Any number
// of inputs of one numeric type. A float32 contraction of two inputs is lowered to gathers and
// batched GEMM (kernels/einsum.h einsum_gemm_f32); everything else runs as a direct loop over the
// labels (einsum_loop): float16/bfloat16 are accumulated in float32, 8/16-bit integers in int64
// (then wrapped to their type, which gives the same result as wrapping at every step).
#include <vector>

#include "kernels/einsum.h"
#include "ops/common/einsum_common.h"
#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

// The storage type the kernel computes T in.
template <class T>
using EinsumAcc =
    std::conditional_t<kIsHalfFloat<T>, float,
                       std::conditional_t<std::is_integral_v<T> && (sizeof(T) < 4), int64_t, T>>;

class EinsumOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Numeric>();

  Status init(const InitContext& ctx) override {
    if (!ctx.node().has_attr("equation")) return ctx.error("attribute 'equation' is required");
    equation_text_ = ctx.node().attr_string("equation", "");
    if (std::string err = parse_einsum(equation_text_, &equation_); !err.empty())
      return ctx.error("equation '" + equation_text_ + "': " + err);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1 << 20));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    std::vector<int64_t> ranks;
    std::vector<std::vector<int64_t>> dims;
    bool shapes_known = true;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {ctx.input(0).dtype}));
      const ValueType& x = ctx.input(i);
      shapes_known = shapes_known && x.has_shape;
      if (x.has_shape) {
        ranks.push_back(x.rank());
        dims.emplace_back(x.dims.begin(), x.dims.end());
      }
    }
    ValueType out;
    out.dtype = ctx.input(0).dtype;
    if (shapes_known) {
      EinsumLayout layout;
      std::vector<int64_t> sizes;
      std::string err = einsum_layout(equation_, ranks, &layout);
      if (err.empty()) err = einsum_label_sizes(layout, dims, &sizes);
      if (!err.empty()) return ctx.error("equation '" + equation_text_ + "': " + err);
      out.has_shape = true;
      for (int64_t l = 0; l < layout.num_output_labels; ++l)
        out.dims.push_back(sizes[size_t(l)] >= 0 ? sizes[size_t(l)] : kUnknownDim);
    }
    ctx.output(0) = std::move(out);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    std::vector<int64_t> ranks;
    std::vector<std::vector<int64_t>> dims;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      ranks.push_back(ctx.input(i).rank());
      dims.emplace_back(ctx.input(i).shape().begin(), ctx.input(i).shape().end());
    }
    EinsumLayout layout;
    std::vector<int64_t> sizes;
    std::string err = einsum_layout(equation_, ranks, &layout);
    if (err.empty()) err = einsum_label_sizes(layout, dims, &sizes);
    if (!err.empty()) return ctx.error("equation '" + equation_text_ + "': " + err);
    for (int64_t& s : sizes) s = std::max<int64_t>(s, 1);  // labels bound only to unknown dims
    Tensor& y = ctx.output(0);
    bool ok = visit_dtype<types::Numeric>(y.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      using A = EinsumAcc<T>;
      std::vector<std::vector<A>> widened(size_t(ctx.num_inputs()));
      std::vector<kernels::EinsumOperand<A>> operands(size_t(ctx.num_inputs()));
      for (int i = 0; i < ctx.num_inputs(); ++i) {
        const Tensor& x = ctx.input(i);
        if constexpr (std::is_same_v<A, T>) {
          operands[size_t(i)].data = x.data<T>();
        } else {
          auto& w = widened[size_t(i)];
          w.resize(size_t(x.numel()));
          for (int64_t j = 0; j < x.numel(); ++j)
            w[size_t(j)] = static_cast<A>(widen(x.data<T>()[j]));
          operands[size_t(i)].data = w.data();
        }
        operands[size_t(i)].strides = einsum_label_strides(layout, i, dims[size_t(i)], sizes);
      }
      if constexpr (std::is_same_v<T, float>) {
        if (operands.size() == 2 &&
            kernels::einsum_gemm_f32(sizes, layout.num_output_labels, operands[0], operands[1],
                                     y.data<float>(), ctx.pool()))
          return;
      }
      if constexpr (std::is_same_v<A, T>) {
        kernels::einsum_loop<A>(sizes, layout.num_output_labels, operands, y.data<T>());
      } else {
        std::vector<A> out(size_t(y.numel()));
        kernels::einsum_loop<A>(sizes, layout.num_output_labels, operands, out.data());
        for (int64_t j = 0; j < y.numel(); ++j)
          y.data<T>()[j] = narrow<T>(static_cast<Wide<T>>(out[size_t(j)]));
      }
    });
    if (!ok) return ctx.error(unsupported_dtype_message(y.dtype(), kElementTypes));
    return Status::ok();
  }

 private:
  std::string equation_text_;
  EinsumEquation equation_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Einsum, EinsumOp)
