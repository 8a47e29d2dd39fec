#include "onyx/status.hpp"

namespace onyx {

const char* status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "Ok";
    case StatusCode::kFail:
      return "Fail";
    case StatusCode::kInvalidArgument:
      return "InvalidArgument";
    case StatusCode::kNoSuchFile:
      return "NoSuchFile";
    case StatusCode::kInvalidProtobuf:
      return "InvalidProtobuf";
    case StatusCode::kInvalidGraph:
      return "InvalidGraph";
    case StatusCode::kNotImplemented:
      return "NotImplemented";
    case StatusCode::kRuntimeException:
      return "RuntimeException";
  }
  return "Unknown";
}

std::string Status::to_string() const {
  if (is_ok()) return "Ok";
  return std::string(status_code_name(code_)) + ": " + message_;
}

Status Status::with_context(const std::string& context) const {
  if (is_ok()) return *this;
  return Status(code_, context + ": " + message_);
}

}  // namespace onyx
