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
// the operands. Scalar only: hot contractions are lowered to GEMM by the op.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace onyx::kernels {

template <class T>
struct EinsumOperand {
  const T* data = nullptr;
  std::vector<int64_t> strides;  // one per label of the iteration space
};

template <class T>
void einsum_loop(std::span<const int64_t> label_sizes, int64_t num_output_labels,
                 std::span<const EinsumOperand<T>> operands, T* out);

}  // namespace onyx::kernels
