// numpy <-> onyx::Tensor conversion.
//
// Inputs: a C-contiguous, aligned array of a supported dtype is borrowed without a copy (the Tensor
// keeps a reference to the array; the reference is dropped under the GIL). Other layouts are copied
// once into C order by numpy. Outputs: arrays borrow the result Tensor's storage (a capsule owns a
// Tensor reference), so no copy is made and the memory lives as long as the array.
// Strings: numpy str/bytes/object arrays <-> Tensor of std::string (always copied).
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>

#include "onyx/tensor.hpp"

namespace onyx::python {

// The onyx dtype for a numpy dtype; kUndefined when onyx has no equivalent.
DType dtype_from_numpy(const pybind11::dtype& dt);

// Must hold the GIL. Raises InvalidArgument (naming `input_name`) for unsupported dtypes.
Tensor tensor_from_array(const std::string& input_name, const pybind11::array& array);

// Must hold the GIL. Raises NotImplemented for dtypes numpy cannot represent (bfloat16, float8...).
pybind11::array array_from_tensor(const std::string& output_name, const Tensor& tensor);

}  // namespace onyx::python
