#include "kernels/einsum.h"

#include <algorithm>
#include <cassert>

#include "kernels/gemm.h"

namespace onyx::kernels {

template <class T>
void einsum_loop(std::span<const int64_t> label_sizes, int64_t num_output_labels,
                 std::span<const EinsumOperand<T>> operands, T* out) {
  const size_t num_labels = label_sizes.size(), num_ops = operands.size();
  const size_t n_out = static_cast<size_t>(num_output_labels);
  for (const EinsumOperand<T>& op : operands) {
    assert(op.strides.size() == num_labels);
    (void)op;
  }
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

namespace {

// Visits the dense index space of `labels` (last fastest), calling fn(offset_a, offset_b) with
// the offsets the two stride tables give; used to gather and scatter between layouts.
template <class Fn>
void for_each_index(std::span<const int64_t> labels, std::span<const int64_t> sizes,
                    std::span<const int64_t> strides_a, std::span<const int64_t> strides_b, Fn fn) {
  int64_t count = 1;
  for (int64_t l : labels) count *= sizes[size_t(l)];
  std::vector<int64_t> index(labels.size(), 0);
  int64_t oa = 0, ob = 0;
  for (int64_t i = 0; i < count; ++i) {
    fn(oa, ob);
    for (size_t d = labels.size(); d-- > 0;) {
      const size_t l = size_t(labels[d]);
      if (++index[d] < sizes[l]) {
        oa += strides_a[l];
        ob += strides_b[l];
        break;
      }
      oa -= strides_a[l] * (sizes[l] - 1);
      ob -= strides_b[l] * (sizes[l] - 1);
      index[d] = 0;
    }
  }
}

// Dense row-major strides of `labels` in that order, as a per-label table.
std::vector<int64_t> dense_label_strides(std::span<const int64_t> labels,
                                         std::span<const int64_t> sizes) {
  std::vector<int64_t> strides(sizes.size(), 0);
  int64_t s = 1;
  for (size_t d = labels.size(); d-- > 0;) {
    strides[size_t(labels[d])] = s;
    s *= sizes[size_t(labels[d])];
  }
  return strides;
}

int64_t product(std::span<const int64_t> labels, std::span<const int64_t> sizes) {
  int64_t p = 1;
  for (int64_t l : labels) p *= sizes[size_t(l)];
  return p;
}

}  // namespace

bool einsum_gemm_f32(std::span<const int64_t> sizes, int64_t num_output_labels,
                     const EinsumOperand<float>& a, const EinsumOperand<float>& b, float* out,
                     ThreadPool* pool) {
  std::vector<int64_t> batch, m, n, k, output;
  bool empty_sum = false;  // a summed label of size 0: every output element is 0
  for (int64_t l = 0; l < int64_t(sizes.size()); ++l) {
    const size_t i = size_t(l);
    const bool in_a = a.strides[i] != 0, in_b = b.strides[i] != 0;
    if (l < num_output_labels) {
      output.push_back(l);
      (in_a && in_b ? batch : in_a ? m : n).push_back(l);
    } else if (sizes[i] == 0) {
      empty_sum = true;
    } else if (sizes[i] > 1) {
      if (!in_a || !in_b) return false;  // a one-sided sum: not a GEMM contraction
      k.push_back(l);
    }
  }
  const int64_t nb = product(batch, sizes), nm = product(m, sizes), nn = product(n, sizes),
                nk = product(k, sizes);
  if (nb * nm * nn == 0) return true;  // empty output
  if (empty_sum) {
    std::fill(out, out + nb * nm * nn, 0.0f);
    return true;
  }
  // Gather a as [batch, m, k] and b as [batch, k, n].
  std::vector<int64_t> a_labels = batch, b_labels = batch, c_labels = batch;
  a_labels.insert(a_labels.end(), m.begin(), m.end());
  a_labels.insert(a_labels.end(), k.begin(), k.end());
  b_labels.insert(b_labels.end(), k.begin(), k.end());
  b_labels.insert(b_labels.end(), n.begin(), n.end());
  c_labels.insert(c_labels.end(), m.begin(), m.end());
  c_labels.insert(c_labels.end(), n.begin(), n.end());
  std::vector<float> pa(size_t(nb * nm * nk)), pb(size_t(nb * nk * nn)), pc(size_t(nb * nm * nn));
  for_each_index(a_labels, sizes, dense_label_strides(a_labels, sizes), a.strides,
                 [&](int64_t dst, int64_t src) { pa[size_t(dst)] = a.data[src]; });
  for_each_index(b_labels, sizes, dense_label_strides(b_labels, sizes), b.strides,
                 [&](int64_t dst, int64_t src) { pb[size_t(dst)] = b.data[src]; });
  for (int64_t i = 0; i < nb; ++i) {
    float* c = pc.data() + i * nm * nn;
    if (nk == 0) {
      std::fill(c, c + nm * nn, 0.0f);
      continue;
    }
    gemm(nm, nn, nk, 1.0f, GemmOperand::matrix(pa.data() + i * nm * nk, nk),
         GemmOperand::matrix(pb.data() + i * nk * nn, nn), 0.0f, c, nn, {}, pool);
  }
  for_each_index(c_labels, sizes, dense_label_strides(c_labels, sizes),
                 dense_label_strides(output, sizes),
                 [&](int64_t src, int64_t dst) { out[dst] = pc[size_t(src)]; });
  return true;
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
