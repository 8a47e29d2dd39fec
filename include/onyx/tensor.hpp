// Tensor: a dense, row-major (C order), contiguous n-d array of one DType.
//
// Storage is reference counted: copies of a Tensor share the same elements (like numpy views).
// A Tensor either owns a 64-byte-aligned allocation (Tensor::empty / from_vector / clone) or borrows
// memory kept alive by an opaque owner (Tensor::wrap), e.g. weights inside an mmapped model file.
// String tensors hold std::string objects; all other dtypes are trivially copyable bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "onyx/dtype.hpp"

namespace onyx {

using Shape = std::vector<int64_t>;

// Product of dims; 1 for a scalar (rank 0). Dims must be >= 0.
int64_t shape_numel(const Shape& shape);
// "[1, 3, 224, 224]"
std::string shape_to_string(const Shape& shape);

class Tensor {
 public:
  static constexpr size_t kAlignment = 64;

  Tensor() = default;

  // New zero-filled tensor (strings are empty).
  static Tensor empty(DType dtype, Shape shape);
  // Borrow `data` (must hold numel * dtype_size bytes, or numel std::string objects); `owner`
  // keeps it alive for as long as any copy of the Tensor exists.
  static Tensor wrap(DType dtype, Shape shape, void* data, std::shared_ptr<void> owner = nullptr);
  template <typename T>
  static Tensor from_vector(Shape shape, const std::vector<T>& values);
  template <typename T>
  static Tensor scalar(T value) {
    return from_vector<T>({}, std::vector<T>{value});
  }

  bool defined() const { return dtype_ != DType::kUndefined; }
  DType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int rank() const { return static_cast<int>(shape_.size()); }
  int64_t dim(int axis) const { return shape_[static_cast<size_t>(axis)]; }
  int64_t numel() const { return numel_; }
  size_t nbytes() const { return static_cast<size_t>(numel_) * dtype_size(dtype_); }

  void* raw_data() { return data_; }
  const void* raw_data() const { return data_; }
  template <typename T>
  T* data() {
    return static_cast<T*>(data_);
  }
  template <typename T>
  const T* data() const {
    return static_cast<const T*>(data_);
  }

  // Deep copy into a fresh owned allocation.
  Tensor clone() const;
  // Same storage, new shape with the same numel (caller guarantees it).
  Tensor reshaped(Shape shape) const;

 private:
  DType dtype_ = DType::kUndefined;
  Shape shape_;
  int64_t numel_ = 0;
  void* data_ = nullptr;
  std::shared_ptr<void> owner_;
};

template <typename T>
Tensor Tensor::from_vector(Shape shape, const std::vector<T>& values) {
  Tensor t = empty(DTypeOf<T>::value, std::move(shape));
  if constexpr (std::is_same_v<T, bool>) {
    for (size_t i = 0; i < values.size() && i < static_cast<size_t>(t.numel_); ++i)
      t.data<bool>()[i] = values[i];
  } else if constexpr (std::is_same_v<T, std::string>) {
    for (size_t i = 0; i < values.size() && i < static_cast<size_t>(t.numel_); ++i)
      t.data<std::string>()[i] = values[i];
  } else {
    size_t n = std::min(values.size(), static_cast<size_t>(t.numel_));
    if (n) std::memcpy(t.data_, values.data(), n * sizeof(T));
  }
  return t;
}

}  // namespace onyx
