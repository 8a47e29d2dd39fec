// Scalar GEMM reference, panel packing and PackedMatrix (target-independent parts of gemm.h).
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "kernels/gemm.h"

namespace onyx::kernels {
namespace {

inline float activate(float x, const GemmEpilogue& ep) {
  switch (ep.activation) {
    case Activation::kNone:
      return x;
    case Activation::kRelu:
      return x < 0.0f ? 0.0f : x;  // NaN stays NaN, as in the Relu op
    case Activation::kClip:
      return std::min(std::max(x, ep.clip_min), ep.clip_max);
  }
  return x;
}

}  // namespace

void apply_epilogue_reference(int64_t m, int64_t n, float* c, int64_t ldc, const GemmEpilogue& ep,
                              int64_t row0, int64_t col0) {
  if (!ep.row_bias && !ep.col_bias && ep.activation == Activation::kNone) return;
  for (int64_t i = 0; i < m; ++i) {
    float* row = c + i * ldc;
    const float rb = ep.row_bias ? ep.row_bias[row0 + i] : 0.0f;
    for (int64_t j = 0; j < n; ++j) {
      float x = row[j] + rb;
      if (ep.col_bias) x += ep.col_bias[col0 + j];
      row[j] = activate(x, ep);
    }
  }
}

void gemm_reference(int64_t m, int64_t n, int64_t k, float alpha, const GemmOperand& a,
                    const GemmOperand& b, float beta, float* c, int64_t ldc,
                    const GemmEpilogue& ep) {
  // Row-at-a-time: acc[j] = sum_k A(i,k) * B(k,j), over column chunks that fit on the stack (a
  // chunk never straddles a packed B panel, so its B rows are contiguous when packed).
  constexpr int64_t kChunk = 256;
  float acc[kChunk];
  const int64_t chunk = b.packed ? std::min<int64_t>(kChunk, b.packed->panel) : kChunk;
  for (int64_t i = 0; i < m; ++i) {
    // A(i, kk) = a_row[kk * a_step]
    const float* a_row;
    int64_t a_step;
    if (a.packed) {
      const PackedPanels& p = *a.packed;
      a_row = p.data + (i / p.panel) * p.panel * p.k + i % p.panel;
      a_step = p.panel;
    } else {
      a_row = a.trans ? a.data + i : a.data + i * a.ld;
      a_step = a.trans ? a.ld : 1;
    }
    for (int64_t j0 = 0; j0 < n; j0 += chunk) {
      const int64_t jn = std::min(chunk, n - j0);
      std::fill(acc, acc + jn, 0.0f);
      for (int64_t kk = 0; kk < k; ++kk) {
        const float av = a_row[kk * a_step];
        if (b.packed) {
          const PackedPanels& p = *b.packed;
          const float* brow = p.data + (j0 / p.panel) * p.panel * p.k + kk * p.panel + j0 % p.panel;
          for (int64_t j = 0; j < jn; ++j) acc[j] += av * brow[j];
        } else if (!b.trans) {
          const float* brow = b.data + kk * b.ld + j0;
          for (int64_t j = 0; j < jn; ++j) acc[j] += av * brow[j];
        } else {
          for (int64_t j = 0; j < jn; ++j) acc[j] += av * b.data[(j0 + j) * b.ld + kk];
        }
      }
      float* crow = c + i * ldc + j0;
      for (int64_t j = 0; j < jn; ++j)
        crow[j] = beta == 0.0f ? alpha * acc[j] : alpha * acc[j] + beta * crow[j];
    }
  }
  apply_epilogue_reference(m, n, c, ldc, ep);
}

void pack_a_panels(int64_t m, int64_t k, const float* a, int64_t lda, bool trans_a, int panel,
                   float* dst) {
  for (int64_t p0 = 0; p0 < m; p0 += panel) {
    float* out = dst + p0 * k;  // panel p0/panel starts at (p0/panel)*panel*k == p0*k
    const int64_t rows = std::min<int64_t>(panel, m - p0);
    if (rows < panel) std::memset(out, 0, sizeof(float) * static_cast<size_t>(panel * k));
    if (!trans_a) {
      for (int64_t r = 0; r < rows; ++r) {
        const float* src = a + (p0 + r) * lda;
        for (int64_t kk = 0; kk < k; ++kk) out[kk * panel + r] = src[kk];
      }
    } else {
      for (int64_t kk = 0; kk < k; ++kk) {
        const float* src = a + kk * lda + p0;
        for (int64_t r = 0; r < rows; ++r) out[kk * panel + r] = src[r];
      }
    }
  }
}

void pack_b_panels(int64_t k, int64_t n, const float* b, int64_t ldb, bool trans_b, int panel,
                   float* dst) {
  for (int64_t p0 = 0; p0 < n; p0 += panel) {
    float* out = dst + p0 * k;
    const int64_t cols = std::min<int64_t>(panel, n - p0);
    if (cols < panel) std::memset(out, 0, sizeof(float) * static_cast<size_t>(panel * k));
    if (!trans_b) {
      for (int64_t kk = 0; kk < k; ++kk)
        std::memcpy(out + kk * panel, b + kk * ldb + p0, sizeof(float) * static_cast<size_t>(cols));
    } else {
      for (int64_t c = 0; c < cols; ++c) {
        const float* src = b + (p0 + c) * ldb;
        for (int64_t kk = 0; kk < k; ++kk) out[kk * panel + c] = src[kk];
      }
    }
  }
}

namespace {
std::shared_ptr<float> alloc_floats(int64_t count) {
  size_t bytes = static_cast<size_t>(std::max<int64_t>(count, 1)) * sizeof(float);
  bytes = (bytes + 63) / 64 * 64;
  return std::shared_ptr<float>(static_cast<float*>(std::aligned_alloc(64, bytes)), std::free);
}
}  // namespace

PackedMatrix PackedMatrix::pack_a(int64_t m, int64_t k, const float* a, int64_t lda, bool trans_a) {
  PackedMatrix pm;
  const int panel = gemm_tile().mr;
  pm.storage_ = alloc_floats(packed_floats(m, k, panel));
  pack_a_panels(m, k, a, lda, trans_a, panel, pm.storage_.get());
  pm.view_ = PackedPanels{pm.storage_.get(), m, k, panel};
  return pm;
}

PackedMatrix PackedMatrix::pack_b(int64_t k, int64_t n, const float* b, int64_t ldb, bool trans_b) {
  PackedMatrix pm;
  const int panel = gemm_tile().nr;
  pm.storage_ = alloc_floats(packed_floats(n, k, panel));
  pack_b_panels(k, n, b, ldb, trans_b, panel, pm.storage_.get());
  pm.view_ = PackedPanels{pm.storage_.get(), n, k, panel};
  return pm;
}

}  // namespace onyx::kernels
