// Gemm (opsets 1-22): Y = alpha * op(A) * op(B) + beta * C, A and B 2-D, C unidirectionally
// broadcast to [M, N]. Opsets 1-6 had a `broadcast` attribute; onyx applies the opset-7 rule
// (numpy-style unidirectional broadcast) to them as well. float32 uses kernels::gemm (constant B
// pre-packed); float16 (opset 6+) and bfloat16 (opset 13+) are widened to float32 in scratch, run
// through the same gemm with float32 accumulation and rounded back; float64 / int32 / int64 /
// uint32 / uint64 use a plain loop.
#include "kernels/gemm.h"
#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

template <typename T>
void gemm_plain(int64_t m, int64_t n, int64_t k, bool ta, bool tb, T alpha, const T* a, const T* b,
                T* y) {
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      T sum = 0;
      for (int64_t p = 0; p < k; ++p)
        sum += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      y[i * n + j] = static_cast<T>(alpha * sum + y[i * n + j]);
    }
}

// ONNX Gemm's T: float types (float16/bfloat16 through float32) and 32/64-bit integers.
using GemmTypes = types::Concat<types::MatMul, TypeList<Float16, BFloat16>>;

size_t round_up_64(size_t bytes) {
  return (bytes + 63) / 64 * 64;
}

size_t float_bytes(int64_t n) {
  return round_up_64(sizeof(float) * static_cast<size_t>(n));
}

class GemmOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<GemmTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    trans_a_ = node.attr_int("transA", 0) != 0;
    trans_b_ = node.attr_int("transB", 0) != 0;
    alpha_ = node.attr_float("alpha", 1.0f);
    beta_ = node.attr_float("beta", 1.0f);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    // C is optional from opset 11.
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(ctx.opset() >= 11 ? 2 : 3, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const DType t = ctx.input(0).dtype;
    for (int i = 1; i < 3; ++i)
      if (ctx.has_input(i) && ctx.input(i).dtype != t)
        return ctx.input_error(i, std::string("element type ") + dtype_name(ctx.input(i).dtype) +
                                      " differs from A's " + dtype_name(t));
    const ValueType& a = ctx.input(0);
    const ValueType& b = ctx.input(1);
    ValueType& y = ctx.output(0);
    y.dtype = t;
    int64_t m = kUnknownDim, n = kUnknownDim, ka = kUnknownDim, kb = kUnknownDim;
    if (a.has_shape) {
      if (a.rank() != 2) return ctx.input_error(0, "A must be 2-D");
      m = a.dims[trans_a_ ? 1 : 0];
      ka = a.dims[trans_a_ ? 0 : 1];
    }
    if (b.has_shape) {
      if (b.rank() != 2) return ctx.input_error(1, "B must be 2-D");
      kb = b.dims[trans_b_ ? 1 : 0];
      n = b.dims[trans_b_ ? 0 : 1];
    }
    if (dim_known(ka) && dim_known(kb) && ka != kb)
      return ctx.input_error(
          1, "inner dimension " + std::to_string(kb) + " differs from A's " + std::to_string(ka));
    if (ctx.has_input(2) && ctx.input(2).has_shape) {
      const ValueType& c = ctx.input(2);
      if (c.rank() > 2) return ctx.input_error(2, "C must have rank <= 2");
      const int64_t want[2] = {m, n};
      for (int i = 0; i < c.rank(); ++i) {
        const int64_t cd = c.dims[static_cast<size_t>(i)];
        const int64_t wd = want[2 - c.rank() + i];
        if (dim_known(cd) && cd != 1 && dim_known(wd) && cd != wd)
          return ctx.input_error(
              2, "shape " + shape_to_string(c.dims) + " cannot be broadcast to [M, N]");
      }
    }
    y.has_shape = true;
    y.dims = {m, n};
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const ValueType& a = ctx.input(0);
    const ValueType& b = ctx.input(1);
    m_ = a.dims[trans_a_ ? 1 : 0];
    k_ = a.dims[trans_a_ ? 0 : 1];
    n_ = b.dims[trans_b_ ? 0 : 1];
    const bool half = a.dtype == DType::kFloat16 || a.dtype == DType::kBFloat16;
    if (a.dtype != DType::kFloat32 && !half) return Status::ok();
    if (a.dtype == DType::kFloat32 && b.is_constant()) {
      packed_b_ = kernels::PackedMatrix::pack_b(k_, n_, b.value.data<float>(), b.dims[1], trans_b_);
      ctx.consume_input(1);
    }
    const int threads = ctx.pool() ? ctx.pool()->num_threads() : 1;
    gemm_scratch_bytes_ =
        round_up_64(kernels::gemm_workspace_bytes(m_, n_, k_, false, !packed_b_.empty(), threads));
    // Half types: float32 copies of A, B and Y after the gemm workspace.
    const size_t widened =
        half ? float_bytes(m_ * k_) + float_bytes(k_ * n_) + float_bytes(m_ * n_) : 0;
    ctx.request_scratch(gemm_scratch_bytes_ + widened);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const DType dtype = ctx.input(0).dtype();
    const bool supported = visit_dtype<GemmTypes>(
        dtype, [&](auto tag) { run_typed<typename decltype(tag)::type>(ctx); });
    return supported ? Status::ok() : ctx.error(unsupported_dtype_message(dtype, kElementTypes));
  }

 private:
  // Y = beta * broadcast(C), or 0 without C (C of type T, Y of its compute type Wide<T>).
  template <typename T>
  void init_output(RunContext& ctx, Wide<T>* y) const {
    if (!ctx.has_input(2) || beta_ == 0.0f) {
      std::fill(y, y + m_ * n_, Wide<T>(0));
      return;
    }
    const Tensor& c = ctx.input(2);
    const T* cd = c.data<T>();
    const int64_t rows = c.rank() == 2 ? c.dim(0) : 1;
    const int64_t cols = c.rank() >= 1 ? c.dim(c.rank() - 1) : 1;
    for (int64_t i = 0; i < m_; ++i)
      for (int64_t j = 0; j < n_; ++j)
        y[i * n_ + j] = static_cast<Wide<T>>(
            beta_ * widen(cd[(rows == 1 ? 0 : i) * cols + (cols == 1 ? 0 : j)]));
  }

  template <typename T>
  void run_typed(RunContext& ctx) const {
    if constexpr (kIsHalfFloat<T>) {
      run_half<T>(ctx);
    } else {
      T* y = ctx.output(0).data<T>();
      init_output<T>(ctx, y);
      const T* a = ctx.input(0).data<T>();
      const T* b = ctx.input(1).data<T>();
      if constexpr (std::is_same_v<T, float>) {
        const kernels::GemmOperand opa =
            kernels::GemmOperand::matrix(a, trans_a_ ? m_ : k_, trans_a_);
        const kernels::GemmOperand opb =
            packed_b_.empty() ? kernels::GemmOperand::matrix(b, trans_b_ ? k_ : n_, trans_b_)
                              : kernels::GemmOperand::panels(packed_b_.view());
        kernels::gemm(m_, n_, k_, alpha_, opa, opb, 1.0f, y, n_, {}, ctx.pool(), ctx.scratch());
      } else {
        gemm_plain<T>(m_, n_, k_, trans_a_, trans_b_, static_cast<T>(alpha_), a, b, y);
      }
    }
  }

  // float16/bfloat16: widen A and B into scratch, Y = beta C + alpha op(A) op(B) in float32, round.
  template <typename T>
  void run_half(RunContext& ctx) const {
    auto* base = static_cast<char*>(ctx.scratch());
    float* af = reinterpret_cast<float*>(base + gemm_scratch_bytes_);
    float* bf = reinterpret_cast<float*>(reinterpret_cast<char*>(af) + float_bytes(m_ * k_));
    float* yf = reinterpret_cast<float*>(reinterpret_cast<char*>(bf) + float_bytes(k_ * n_));
    const T* a = ctx.input(0).data<T>();
    const T* b = ctx.input(1).data<T>();
    for (int64_t i = 0; i < m_ * k_; ++i) af[i] = widen(a[i]);
    for (int64_t i = 0; i < k_ * n_; ++i) bf[i] = widen(b[i]);
    init_output<T>(ctx, yf);
    kernels::gemm(m_, n_, k_, alpha_,
                  kernels::GemmOperand::matrix(af, trans_a_ ? m_ : k_, trans_a_),
                  kernels::GemmOperand::matrix(bf, trans_b_ ? k_ : n_, trans_b_), 1.0f, yf, n_, {},
                  ctx.pool(), base);
    T* y = ctx.output(0).data<T>();
    for (int64_t i = 0; i < m_ * n_; ++i) y[i] = narrow<T>(yf[i]);
  }

  bool trans_a_ = false, trans_b_ = false;
  float alpha_ = 1.0f, beta_ = 1.0f;
  int64_t m_ = 0, n_ = 0, k_ = 0;
  size_t gemm_scratch_bytes_ = 0;
  kernels::PackedMatrix packed_b_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Gemm, GemmOp)
