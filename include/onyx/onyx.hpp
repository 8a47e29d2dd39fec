// Umbrella header for onyx's public C++ API.
#pragma once

#include "onyx/dtype.hpp"
#include "onyx/session.hpp"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "onyx/value.hpp"

namespace onyx {
// Library version, "MAJOR.MINOR.PATCH".
const char* version();
}  // namespace onyx
