// Umbrella header for onyx's public C++ API.
#pragma once

#include "onyx/check.hpp"
#include "onyx/dtype.hpp"
#include "onyx/model_io.hpp"
#include "onyx/session.hpp"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "onyx/value.hpp"
#include "onyx/version.hpp"
