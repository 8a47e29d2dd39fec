#include "onyx/tensor.hpp"

#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>

#include "base/checked_size.h"

namespace onyx {

int64_t shape_numel(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

std::string shape_to_string(const Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

namespace {

// Owned storage: aligned bytes, or an array of std::string objects.
struct Storage {
  void* ptr = nullptr;
  int64_t strings = 0;  // number of constructed std::string objects (string tensors only)
  ~Storage() {
    auto* s = static_cast<std::string*>(ptr);
    for (int64_t i = 0; i < strings; ++i) s[i].~basic_string();
    std::free(ptr);
  }
};

std::shared_ptr<Storage> allocate(DType dtype, int64_t numel) {
  auto storage = std::make_shared<Storage>();
  size_t bytes = static_cast<size_t>(numel) * dtype_size(dtype);
  size_t rounded = (bytes + Tensor::kAlignment - 1) / Tensor::kAlignment * Tensor::kAlignment;
  if (rounded == 0) rounded = Tensor::kAlignment;
  storage->ptr = std::aligned_alloc(Tensor::kAlignment, rounded);
  if (!storage->ptr) throw std::bad_alloc();
  if (dtype == DType::kString) {
    auto* s = static_cast<std::string*>(storage->ptr);
    for (int64_t i = 0; i < numel; ++i) new (&s[i]) std::string();
    storage->strings = numel;
  } else {
    std::memset(storage->ptr, 0, rounded);
  }
  return storage;
}

}  // namespace

Tensor Tensor::empty(DType dtype, Shape shape) {
  if (!checked_nbytes(dtype, shape))
    throw std::length_error("tensor of shape " + shape_to_string(shape) +
                            " has a negative dim or more bytes than int64 holds");
  Tensor t;
  t.dtype_ = dtype;
  t.numel_ = shape_numel(shape);
  t.shape_ = std::move(shape);
  auto storage = allocate(dtype, t.numel_);
  t.data_ = storage->ptr;
  t.owner_ = std::move(storage);
  return t;
}

Tensor Tensor::wrap(DType dtype, Shape shape, void* data, std::shared_ptr<void> owner) {
  Tensor t;
  t.dtype_ = dtype;
  t.numel_ = shape_numel(shape);
  t.shape_ = std::move(shape);
  t.data_ = data;
  t.owner_ = std::move(owner);
  return t;
}

Tensor Tensor::clone() const {
  if (!defined()) return Tensor();
  Tensor t = empty(dtype_, shape_);
  if (dtype_ == DType::kString) {
    for (int64_t i = 0; i < numel_; ++i) t.data<std::string>()[i] = data<std::string>()[i];
  } else if (numel_ > 0) {
    std::memcpy(t.data_, data_, nbytes());
  }
  return t;
}

Tensor Tensor::reshaped(Shape shape) const {
  Tensor t = *this;
  t.shape_ = std::move(shape);
  return t;
}

}  // namespace onyx
