// Single-precision GEMM:  C = act(alpha * op(A) * op(B) + beta * C + bias)
//
// Shapes: op(A) is M x K, op(B) is K x N, C is M x N. All matrices are row-major with leading
// dimensions (elements between consecutive rows, >= the row length of the stored matrix); `trans`
// means the stored matrix is the transpose (op(X) = X^T). C must not alias A or B. beta == 0 means
// C's prior contents are ignored (NaNs in C do not propagate). Units: elements, not bytes.
//
// Operands may be pre-packed once (weights at prepare time) into PackedMatrix panels laid out for
// the active microkernel (gemm_tile()); the same packed data works with gemm_reference().
//
// Threading: gemm() splits C into tiles and runs them on `pool` (nullable = calling thread only).
// Workspace: gemm() packs un-packed operands into `workspace` (gemm_workspace_bytes(), 64-byte
// aligned) or, when it is nullptr, into a per-thread buffer grown on first use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "base/thread_pool.h"

namespace onyx::kernels {

enum class Activation { kNone, kRelu, kClip };

// Applied to every element after alpha/beta: x = x + row_bias[i] + col_bias[j]; then activation.
struct GemmEpilogue {
  const float* row_bias = nullptr;  // length M, or nullptr
  const float* col_bias = nullptr;  // length N, or nullptr
  Activation activation = Activation::kNone;
  float clip_min = 0.0f, clip_max = 0.0f;  // kClip: min(max(x, clip_min), clip_max)
};

// Register tile of the active microkernel: mr rows of C by nr columns.
struct GemmTile {
  int mr, nr;
};
GemmTile gemm_tile();

// Panel layout shared by packed A and packed B (a view; the data is owned elsewhere).
//   A side (M x K): panel p holds rows [p*panel, p*panel+panel); element (i, k) of panel p is at
//                   data[p*panel*K + k*panel + (i - p*panel)]; rows past M are zero.
//   B side (K x N): panel p holds columns [p*panel, ...); element (k, j) is at
//                   data[p*panel*K + k*panel + (j - p*panel)]; columns past N are zero.
struct PackedPanels {
  const float* data = nullptr;
  int64_t outer = 0;  // M (A side) or N (B side): the panelled dimension
  int64_t k = 0;      // the reduction dimension
  int panel = 0;      // mr (A side) or nr (B side)
};

// Floats needed to pack `outer` x `k` with panels of `panel`.
inline int64_t packed_floats(int64_t outer, int64_t k, int panel) {
  return (outer + panel - 1) / panel * panel * k;
}
// Packs op(A) (M x K) / op(B) (K x N) into `dst` (packed_floats() floats).
void pack_a_panels(int64_t m, int64_t k, const float* a, int64_t lda, bool trans_a, int panel,
                   float* dst);
void pack_b_panels(int64_t k, int64_t n, const float* b, int64_t ldb, bool trans_b, int panel,
                   float* dst);

// Owning packed operand, built once (e.g. at prepare time) with the active tile shape.
class PackedMatrix {
 public:
  PackedMatrix() = default;
  static PackedMatrix pack_a(int64_t m, int64_t k, const float* a, int64_t lda, bool trans_a);
  static PackedMatrix pack_b(int64_t k, int64_t n, const float* b, int64_t ldb, bool trans_b);
  bool empty() const { return view_.data == nullptr; }
  const PackedPanels& view() const { return view_; }

 private:
  std::shared_ptr<float> storage_;
  PackedPanels view_;
};

// One GEMM operand: either a plain row-major matrix or pre-packed panels.
struct GemmOperand {
  const float* data = nullptr;
  int64_t ld = 0;
  bool trans = false;
  const PackedPanels* packed = nullptr;  // when set, data/ld/trans are ignored

  static GemmOperand matrix(const float* d, int64_t ld, bool trans = false) {
    return GemmOperand{d, ld, trans, nullptr};
  }
  static GemmOperand panels(const PackedPanels& p) { return GemmOperand{nullptr, 0, false, &p}; }
};

// Bytes of workspace gemm() may use for these sizes with `threads` concurrent threads.
size_t gemm_workspace_bytes(int64_t m, int64_t n, int64_t k, bool a_packed, bool b_packed,
                            int threads);

// Dispatching GEMM (SIMD unless force_scalar_kernels()).
void gemm(int64_t m, int64_t n, int64_t k, float alpha, const GemmOperand& a, const GemmOperand& b,
          float beta, float* c, int64_t ldc, const GemmEpilogue& epilogue = {},
          ThreadPool* pool = nullptr, void* workspace = nullptr);

// Scalar reference (the test oracle); same contract, single-threaded, no workspace.
void gemm_reference(int64_t m, int64_t n, int64_t k, float alpha, const GemmOperand& a,
                    const GemmOperand& b, float beta, float* c, int64_t ldc,
                    const GemmEpilogue& epilogue = {});

// Applies the epilogue's bias and activation to an M x N block already holding alpha*AB+beta*C.
void apply_epilogue_reference(int64_t m, int64_t n, float* c, int64_t ldc,
                              const GemmEpilogue& epilogue, int64_t row0 = 0, int64_t col0 = 0);

}  // namespace onyx::kernels
