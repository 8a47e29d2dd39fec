#include "ops/common/int_inputs.h"

#include <algorithm>
#include <cstring>

namespace onyx::ops {

std::optional<std::vector<int64_t>> tensor_int_values(const Tensor& t) {
  if (!t.defined()) return std::nullopt;
  std::vector<int64_t> out(static_cast<size_t>(t.numel()));
  if (t.dtype() == DType::kInt64) {
    std::copy(t.data<int64_t>(), t.data<int64_t>() + t.numel(), out.begin());
  } else if (t.dtype() == DType::kInt32) {
    std::copy(t.data<int32_t>(), t.data<int32_t>() + t.numel(), out.begin());
  } else {
    return std::nullopt;
  }
  return out;
}

std::string normalize_axes(std::vector<int64_t>* axes, int64_t rank, bool unique) {
  for (int64_t& axis : *axes) {
    std::optional<int64_t> a = normalize_axis(axis, rank);
    if (!a)
      return "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank) +
             " (valid: " + std::to_string(-rank) + ".." + std::to_string(rank - 1) + ")";
    axis = *a;
  }
  if (unique) {
    std::vector<int64_t> sorted = *axes;
    std::sort(sorted.begin(), sorted.end());
    auto dup = std::adjacent_find(sorted.begin(), sorted.end());
    if (dup != sorted.end()) return "axis " + std::to_string(*dup) + " is repeated";
  }
  return "";
}

int64_t dims_product(std::span<const int64_t> dims) {
  int64_t product = 1, unknown = 0, unknown_dim = kUnknownDim;
  for (int64_t d : dims) {
    if (d == 0) return 0;
    if (dim_known(d)) {
      product *= d;
    } else {
      ++unknown;
      unknown_dim = d;
    }
  }
  if (unknown == 0) return product;
  // A single symbolic dim times ones is that symbolic dim.
  return unknown == 1 && product == 1 ? unknown_dim : kUnknownDim;
}

void copy_tensor_data(const Tensor& src, Tensor& dst) {
  if (src.raw_data() == dst.raw_data() || src.numel() == 0) return;
  if (src.dtype() == DType::kString)
    std::copy(src.data<std::string>(), src.data<std::string>() + src.numel(),
              dst.data<std::string>());
  else
    std::memcpy(dst.raw_data(), src.raw_data(), src.nbytes());
}

std::string dims_to_string(std::span<const int64_t> dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += ", ";
    s += dim_known(dims[i]) ? std::to_string(dims[i]) : "?";
  }
  return s + "]";
}

}  // namespace onyx::ops
