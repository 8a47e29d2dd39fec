// The checker's internal entry points: rules on the protobuf views (check_model_view) and the
// strict inference pass behind CheckOptions::full (full_check.cc). The public API
// (onyx/check.hpp) wraps these.
//
// Verdicts follow onnx.checker 1.12 (Debian's) on every model it understands, except these
// deliberate differences:
//  - newer than 1.12: IR versions 9..13, opsets past 17 and element types 17..26 are accepted;
//  - stricter (errors 1.12 does not raise; the later onnx releases raise most of them):
//    raw_data size and typed-field counts against dims, negative or overflowing dims, unknown
//    data_type with raw_data, external data ('..', symlink escape, not a regular file,
//    offset/length past the end, bad numbers, length not the tensor's size), graph and function
//    outputs nothing produces, duplicate function ids, function call cycles (1.12 crashes),
//    calls of local functions that do not match their signature, sparse dense-size overflow;
//  - warnings where 1.12 says nothing (verdict unchanged): training_info problems, ref_attr_name
//    outside functions or with a value inside one, duplicate opset domains, unknown external data
//    keys, ops of domains without schemas.
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
