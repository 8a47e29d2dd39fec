// The checker's internal entry points: rules on the protobuf views (check_model_view) and the
// strict inference pass behind CheckOptions::full (full_check.cc). The public API
// (onyx/check.hpp) wraps these.
#pragma once

#include <memory>
#include <string>

#include "onyx/check.hpp"
#include "proto/onnx_views.h"

namespace onyx::check {

struct CheckEnv {
  std::string model_dir;  // folder external data resolves against
  bool files = false;     // whether external data files may be examined
};

// Every rule violation in `model`, in the order found.
CheckReport check_model_view(const proto::ModelView& model, const CheckEnv& env);

// Imports the model and runs strict type/shape inference, appending issues (rule ids full.*) to
// `report`. `owner` keeps `bytes` alive for tensors that borrow them.
void full_check(std::string_view bytes, std::shared_ptr<void> owner, const CheckEnv& env,
                CheckReport* report);

}  // namespace onyx::check
