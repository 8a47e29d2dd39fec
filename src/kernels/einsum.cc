#include "kernels/einsum.h"

#include <algorithm>
#include <cassert>

namespace onyx::kernels {

template <class T>
void einsum_loop(std::span<const int64_t> label_sizes, int64_t num_output_labels,
                 std::span<const EinsumOperand<T>> operands, T* out) {
  const size_t num_labels = label_sizes.size(), num_ops = operands.size();
  const size_t n_out = static_cast<size_t>(num_output_labels);
  for (const EinsumOperand<T>& op : operands) assert(op.strides.size() == num_labels);
  int64_t out_count = 1, sum_count = 1;
  for (size_t l = 0; l < num_labels; ++l) (l < n_out ? out_count : sum_count) *= label_sizes[l];
  if (out_count == 0) return;

  std::vector<int64_t> out_index(n_out, 0), sum_index(num_labels - n_out, 0);
  std::vector<int64_t> base(num_ops, 0), offset(num_ops, 0);
  for (int64_t o = 0; o < out_count; ++o) {
    T acc = T(0);
    if (sum_count > 0) {
      offset = base;
      std::fill(sum_index.begin(), sum_index.end(), 0);
      for (int64_t s = 0; s < sum_count; ++s) {
        T prod = T(1);
        for (size_t k = 0; k < num_ops; ++k)
          prod = static_cast<T>(prod * operands[k].data[offset[k]]);
        acc = static_cast<T>(acc + prod);
        // Advance the summed-label odometer (last label fastest).
        for (size_t l = num_labels; l-- > n_out;) {
          const size_t i = l - n_out;
          if (++sum_index[i] < label_sizes[l]) {
            for (size_t k = 0; k < num_ops; ++k) offset[k] += operands[k].strides[l];
            break;
          }
          for (size_t k = 0; k < num_ops; ++k)
            offset[k] -= operands[k].strides[l] * (label_sizes[l] - 1);
          sum_index[i] = 0;
        }
      }
    }
    out[o] = acc;
    for (size_t l = n_out; l-- > 0;) {
      if (++out_index[l] < label_sizes[l]) {
        for (size_t k = 0; k < num_ops; ++k) base[k] += operands[k].strides[l];
        break;
      }
      for (size_t k = 0; k < num_ops; ++k) base[k] -= operands[k].strides[l] * (label_sizes[l] - 1);
      out_index[l] = 0;
    }
  }
}

template void einsum_loop<float>(std::span<const int64_t>, int64_t,
                                 std::span<const EinsumOperand<float>>, float*);
template void einsum_loop<double>(std::span<const int64_t>, int64_t,
                                  std::span<const EinsumOperand<double>>, double*);
template void einsum_loop<int32_t>(std::span<const int64_t>, int64_t,
                                   std::span<const EinsumOperand<int32_t>>, int32_t*);
template void einsum_loop<int64_t>(std::span<const int64_t>, int64_t,
                                   std::span<const EinsumOperand<int64_t>>, int64_t*);
template void einsum_loop<uint32_t>(std::span<const int64_t>, int64_t,
                                    std::span<const EinsumOperand<uint32_t>>, uint32_t*);
template void einsum_loop<uint64_t>(std::span<const int64_t>, int64_t,
                                    std::span<const EinsumOperand<uint64_t>>, uint64_t*);

}  // namespace onyx::kernels
