// MatMul (opsets 1-22): numpy.matmul semantics. 1-D A is promoted to [1, K] and 1-D B to [K, 1]
// (the added dim is removed from the result); leading (batch) dims broadcast. float32 uses
// kernels::gemm per batch matrix (a constant 2-D B is pre-packed; when B has no batch dims, all
// of A's batches form one (batches * M) x K GEMM); float16 / bfloat16 (opset 1 / 13) are widened
// to float32 in scratch, multiplied by the same gemm and rounded back to the input type (float32
// accumulation); float64 / int32 / int64 / uint32 / uint64 use a plain loop. float32 with at least
// as many batch matrices as threads runs whole GEMMs in parallel, one per thread at a time.
//
// Also com.onyx FusedMatMul (opset 1), made by opt/fuse_matmul_add.cc: MatMul(A, B) + bias with a
// third input bias [N] (float32 only) added in the GEMM epilogue, for any batch rank; the result
// equals MatMul followed by Add bit for bit.
#include <algorithm>
#include <atomic>

#include "kernels/gemm.h"
#include "ops/common/float_widen.h"
#include "ops/op.h"
#include "ops/registry.h"

namespace onyx::ops {
namespace {

// Broadcast of two batch dims during inference (-1 unknown, <= -2 symbolic).
bool broadcast_dim(int64_t a, int64_t b, int64_t* out) {
  if (a == b) return (*out = a), true;
  if (a == 1) return (*out = b), true;
  if (b == 1) return (*out = a), true;
  if (dim_known(a) && dim_known(b)) return false;
  *out = dim_known(a) ? a : (dim_known(b) ? b : kUnknownDim);
  return true;
}

template <typename T>
void matmul_plain(int64_t m, int64_t n, int64_t k, const T* a, const T* b, T* y) {
  for (int64_t i = 0; i < m; ++i) {
    T* row = y + i * n;
    std::fill(row, row + n, T(0));
    for (int64_t p = 0; p < k; ++p) {
      const T av = a[i * k + p];
      const T* brow = b + p * n;
      for (int64_t j = 0; j < n; ++j) row[j] += av * brow[j];
    }
  }
}

// ONNX MatMul's T: float types (float16/bfloat16 through float32) and 32/64-bit integers.
using MatMulTypes = types::Concat<types::MatMul, TypeList<Float16, BFloat16>>;

size_t round_up_64(size_t bytes) {
  return (bytes + 63) / 64 * 64;
}

class MatMulOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<MatMulTypes>();

  Status init(const InitContext& ctx) override {
    fused_ = ctx.node().domain == kOnyxDomain;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(fused_ ? 3 : 2, fused_ ? 3 : 2));
    if (fused_) ONYX_RETURN_IF_ERROR(infer_bias(ctx));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    if (ctx.input(1).dtype != ctx.input(0).dtype)
      return ctx.input_error(1, std::string("element type ") + dtype_name(ctx.input(1).dtype) +
                                    " differs from A's " + dtype_name(ctx.input(0).dtype));
    const ValueType& a = ctx.input(0);
    const ValueType& b = ctx.input(1);
    ValueType& y = ctx.output(0);
    y.dtype = a.dtype;
    if (!a.has_shape || !b.has_shape) return Status::ok();
    if (a.rank() < 1) return ctx.input_error(0, "MatMul needs rank >= 1");
    if (b.rank() < 1) return ctx.input_error(1, "MatMul needs rank >= 1");
    Shape ad = a.dims, bd = b.dims;
    if (ad.size() == 1) ad.insert(ad.begin(), 1);
    if (bd.size() == 1) bd.push_back(1);
    const int64_t ka = ad.back(), kb = bd[bd.size() - 2];
    if (dim_known(ka) && dim_known(kb) && ka != kb)
      return ctx.input_error(1, "inner dimension " + std::to_string(kb) + " differs from A's " +
                                    std::to_string(ka) + " (A " + shape_to_string(a.dims) + ", B " +
                                    shape_to_string(b.dims) + ")");
    const size_t batch_rank = std::max(ad.size(), bd.size()) - 2;
    Shape out(batch_rank);
    for (size_t i = 0; i < batch_rank; ++i) {
      const size_t from_end = batch_rank - i;  // position counted from the end of batch dims
      const int64_t da = from_end <= ad.size() - 2 ? ad[ad.size() - 2 - from_end] : 1;
      const int64_t db = from_end <= bd.size() - 2 ? bd[bd.size() - 2 - from_end] : 1;
      if (!broadcast_dim(da, db, &out[i]))
        return ctx.input_error(1, "batch dims of " + shape_to_string(b.dims) +
                                      " do not broadcast with A's " + shape_to_string(a.dims));
    }
    if (a.rank() > 1) out.push_back(ad[ad.size() - 2]);
    if (b.rank() > 1) out.push_back(bd.back());
    y.has_shape = true;
    y.dims = out;
    return Status::ok();
  }

  // FusedMatMul: float32 A and B, bias float32 [N].
  Status infer_bias(InferContext& ctx) const {
    if (ctx.input(0).dtype != DType::kFloat32)
      return ctx.input_error(0, "FusedMatMul takes float32 only");
    const ValueType& bias = ctx.input(2);
    if (bias.dtype != DType::kFloat32) return ctx.input_error(2, "bias must be float32");
    const ValueType& b = ctx.input(1);
    if (bias.has_shape &&
        (bias.rank() != 1 || (b.has_shape && b.rank() >= 2 && dim_known(b.dims.back()) &&
                              dim_known(bias.dims[0]) && bias.dims[0] != b.dims.back())))
      return ctx.input_error(2, "bias must be 1-D with B's last dim");
    if (b.has_shape && b.rank() < 2) return ctx.input_error(1, "FusedMatMul needs B of rank >= 2");
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    Shape ad = ctx.input(0).dims, bd = ctx.input(1).dims;
    if (ad.size() == 1) ad.insert(ad.begin(), 1);
    if (bd.size() == 1) bd.push_back(1);
    m_ = ad[ad.size() - 2];
    k_ = ad.back();
    n_ = bd.back();
    batch_rank_ = std::max(ad.size(), bd.size()) - 2;
    a_batch_.assign(batch_rank_, 1);
    b_batch_.assign(batch_rank_, 1);
    std::copy(ad.begin(), ad.end() - 2, a_batch_.end() - static_cast<int64_t>(ad.size() - 2));
    std::copy(bd.begin(), bd.end() - 2, b_batch_.end() - static_cast<int64_t>(bd.size() - 2));
    batches_ = 1;
    for (size_t i = 0; i < batch_rank_; ++i) batches_ *= std::max(a_batch_[i], b_batch_[i]);
    int64_t b_batches = 1;
    for (int64_t d : b_batch_) b_batches *= d;
    if (b_batches == 1) {
      // B is one matrix shared by every batch and A's batches are contiguous: the batches are one
      // (batches * M) x K by K x N product (one large GEMM instead of many thin ones).
      m_ *= batches_;
      batches_ = 1;
      batch_rank_ = 0;
      a_batch_.clear();
      b_batch_.clear();
    }
    const ValueType& b = ctx.input(1);
    const bool half = b.dtype == DType::kFloat16 || b.dtype == DType::kBFloat16;
    if (b.dtype != DType::kFloat32 && !half) return Status::ok();
    if (b.dtype == DType::kFloat32 && b.is_constant() && b_batches == 1) {
      packed_b_ = kernels::PackedMatrix::pack_b(k_, n_, b.value.data<float>(), n_, false);
      ctx.consume_input(1);
    }
    const int threads = ctx.pool() ? ctx.pool()->num_threads() : 1;
    gemm_scratch_bytes_ =
        round_up_64(kernels::gemm_workspace_bytes(m_, n_, k_, false, !packed_b_.empty(), threads));
    // float32 with at least as many batch matrices as threads: one whole GEMM per thread at a
    // time (small products split no further), each thread with its own workspace slot.
    batch_slots_ = b.dtype == DType::kFloat32 && threads > 1 && batches_ >= threads ? threads : 0;
    if (batch_slots_) {
      slot_bytes_ =
          round_up_64(kernels::gemm_workspace_bytes(m_, n_, k_, false, !packed_b_.empty(), 1));
      gemm_scratch_bytes_ =
          std::max(gemm_scratch_bytes_, static_cast<size_t>(batch_slots_) * slot_bytes_);
    }
    // Half types: float32 copies of one A matrix, one B matrix and one Y matrix after the gemm
    // workspace.
    const size_t widened = half ? round_up_64(sizeof(float) * static_cast<size_t>(m_ * k_)) +
                                      round_up_64(sizeof(float) * static_cast<size_t>(k_ * n_)) +
                                      round_up_64(sizeof(float) * static_cast<size_t>(m_ * n_))
                                : 0;
    ctx.request_scratch(gemm_scratch_bytes_ + widened);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const DType dtype = ctx.input(0).dtype();
    const bool supported = visit_dtype<MatMulTypes>(
        dtype, [&](auto tag) { run_typed<typename decltype(tag)::type>(ctx); });
    return supported ? Status::ok() : ctx.error(unsupported_dtype_message(dtype, kElementTypes));
  }

 private:
  template <typename T>
  void run_typed(RunContext& ctx) const {
    const T* a = ctx.input(0).data<T>();
    const T* b = ctx.input(1).data<T>();
    T* y = ctx.output(0).data<T>();
    if constexpr (std::is_same_v<T, float>) {
      if (batch_slots_ && ctx.pool()) return run_batches_parallel(a, b, y, ctx);
    }
    for (int64_t batch = 0; batch < batches_; ++batch) {
      int64_t a_off = 0, b_off = 0;
      batch_offsets(batch, &a_off, &b_off);
      const T* ab = a + a_off * m_ * k_;
      const T* bb = b + b_off * k_ * n_;
      T* yb = y + batch * m_ * n_;
      if constexpr (std::is_same_v<T, float>) {
        const kernels::GemmOperand opb = packed_b_.empty()
                                             ? kernels::GemmOperand::matrix(bb, n_)
                                             : kernels::GemmOperand::panels(packed_b_.view());
        kernels::GemmEpilogue ep;
        if (fused_) ep.col_bias = ctx.input(2).data<float>();
        kernels::gemm(m_, n_, k_, 1.0f, kernels::GemmOperand::matrix(ab, k_), opb, 0.0f, yb, n_, ep,
                      ctx.pool(), ctx.scratch());
      } else if constexpr (kIsHalfFloat<T>) {
        run_half(ab, bb, yb, ctx);
      } else {
        matmul_plain<T>(m_, n_, k_, ab, bb, yb);
      }
    }
  }

  // Offsets (in matrices) of output batch `batch` in A and B; broadcast dims of size 1 stay at 0.
  void batch_offsets(int64_t batch, int64_t* a_off, int64_t* b_off) const {
    int64_t rem = batch, a_stride = 1, b_stride = 1;
    *a_off = *b_off = 0;
    for (size_t i = batch_rank_; i-- > 0;) {
      const int64_t size = std::max(a_batch_[i], b_batch_[i]);
      const int64_t idx = rem % size;
      rem /= size;
      if (a_batch_[i] != 1) *a_off += idx * a_stride;
      if (b_batch_[i] != 1) *b_off += idx * b_stride;
      a_stride *= a_batch_[i];
      b_stride *= b_batch_[i];
    }
  }

  // float32 batch matrices spread over the pool: each slot claims the next batch until none is
  // left (balanced when a thread is slow), each a single-threaded GEMM in the slot's workspace.
  void run_batches_parallel(const float* a, const float* b, float* y, RunContext& ctx) const {
    const int64_t slots = batch_slots_;
    const float* bias = fused_ ? ctx.input(2).data<float>() : nullptr;
    std::atomic<int64_t> next{0};  // the next batch to claim
    ctx.pool()->parallel_for(slots, 1, [&](int64_t begin, int64_t end) {
      for (int64_t slot = begin; slot < end; ++slot) {
        void* ws = static_cast<char*>(ctx.scratch()) + static_cast<size_t>(slot) * slot_bytes_;
        for (int64_t batch = next.fetch_add(1); batch < batches_; batch = next.fetch_add(1)) {
          int64_t a_off = 0, b_off = 0;
          batch_offsets(batch, &a_off, &b_off);
          kernels::GemmEpilogue ep;
          ep.col_bias = bias;
          const kernels::GemmOperand opb =
              packed_b_.empty() ? kernels::GemmOperand::matrix(b + b_off * k_ * n_, n_)
                                : kernels::GemmOperand::panels(packed_b_.view());
          kernels::gemm(m_, n_, k_, 1.0f, kernels::GemmOperand::matrix(a + a_off * m_ * k_, k_),
                        opb, 0.0f, y + batch * m_ * n_, n_, ep, nullptr, ws);
        }
      }
    });
  }

  // One float16/bfloat16 batch matrix: widen A and B into scratch, float32 gemm, round Y back.
  template <typename T>
  void run_half(const T* a, const T* b, T* y, RunContext& ctx) const {
    auto* base = static_cast<char*>(ctx.scratch());
    float* af = reinterpret_cast<float*>(base + gemm_scratch_bytes_);
    float* bf = reinterpret_cast<float*>(reinterpret_cast<char*>(af) +
                                         round_up_64(sizeof(float) * static_cast<size_t>(m_ * k_)));
    float* yf = reinterpret_cast<float*>(reinterpret_cast<char*>(bf) +
                                         round_up_64(sizeof(float) * static_cast<size_t>(k_ * n_)));
    for (int64_t i = 0; i < m_ * k_; ++i) af[i] = widen(a[i]);
    for (int64_t i = 0; i < k_ * n_; ++i) bf[i] = widen(b[i]);
    kernels::gemm(m_, n_, k_, 1.0f, kernels::GemmOperand::matrix(af, k_),
                  kernels::GemmOperand::matrix(bf, n_), 0.0f, yf, n_, {}, ctx.pool(), base);
    for (int64_t i = 0; i < m_ * n_; ++i) y[i] = narrow<T>(yf[i]);
  }

  bool fused_ = false;  // FusedMatMul: input 2 is a bias [N]
  int64_t m_ = 0, n_ = 0, k_ = 0, batches_ = 1;
  size_t gemm_scratch_bytes_ = 0;
  int batch_slots_ = 0;    // > 0: float32 batches run one GEMM per thread in this many slots
  size_t slot_bytes_ = 0;  // workspace of one slot
  size_t batch_rank_ = 0;
  std::vector<int64_t> a_batch_, b_batch_;
  kernels::PackedMatrix packed_b_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(MatMul, MatMulOp)
ONYX_DEFINE_OP(FusedMatMul, MatMulOp)
