// onnxruntime-named Python exception classes (Fail, InvalidArgument, NoSuchFile, ...) and the
// mapping from onyx::Status to them.
#pragma once

#include <pybind11/pybind11.h>

#include "onyx/status.hpp"

namespace onyx::python {

// Creates the exception classes in `m` (each a direct subclass of Exception, as onnxruntime's).
void register_exceptions(pybind11::module_& m);

// Sets the Python error for a non-ok `status` and throws pybind11::error_already_set. The message
// reads like onnxruntime's: "[ONYXError] : 2 : INVALID_ARGUMENT : input 'x': ...".
[[noreturn]] void throw_status(const Status& status);

// Unwraps a Result, raising its Status as a Python exception.
template <typename T>
T value_or_throw(Result<T> result) {
  if (!result.is_ok()) throw_status(result.status());
  return std::move(result).value();
}

}  // namespace onyx::python
