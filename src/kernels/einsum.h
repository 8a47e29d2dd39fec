// The general Einsum contraction as a direct loop (the reference path of ONNX Einsum; see
// ops/common/einsum_common.h for the equation parsing that produces the layout below).
//
// The iteration space is a list of labels with sizes; the first `num_output_labels` are the
// output's dims in order (the output is dense, row-major), the rest are summed over. Each
// operand gives, per label, the stride (in elements) by which its offset advances along that
// label: 0 for labels it does not have or broadcasts, the sum of the strides of its dims for a
// label repeated within it (a diagonal).
//
//   out[o] = sum over the summed labels of prod_k operand_k[offset_k(o, s)]
//
// Accumulates in T (integers wrap as T does; float32 rounds per add). out must not overlap
// the operands. Scalar: the reference, and the path for every layout einsum_gemm_f32 refuses.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/thread_pool.h"

namespace onyx::kernels {

template <class T>
struct EinsumOperand {
  const T* data = nullptr;
  std::vector<int64_t> strides;  // one per label of the iteration space
};

template <class T>
void einsum_loop(std::span<const int64_t> label_sizes, int64_t num_output_labels,
                 std::span<const EinsumOperand<T>> operands, T* out);

// float32 two-operand contraction lowered to GEMM: the labels are classed as batch (output, in
// both operands), m (output, in a only), n (output, in b only) and k (summed, in both); a and b
// are gathered (transposed, diagonals taken, broadcasts expanded) into dense [batch, m, k] and
// [batch, k, n] buffers, multiplied by kernels::gemm per batch and scattered into out (dense, in
// output-label order). Returns false, writing nothing, for layouts that are not such a
// contraction (a summed label missing from an operand): use einsum_loop then. Allocates its
// buffers. Same result as einsum_loop up to float rounding order.
bool einsum_gemm_f32(std::span<const int64_t> label_sizes, int64_t num_output_labels,
                     const EinsumOperand<float>& a, const EinsumOperand<float>& b, float* out,
                     ThreadPool* pool = nullptr);

}  // namespace onyx::kernels
