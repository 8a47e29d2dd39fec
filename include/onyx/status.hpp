// Status and Result<T>: errors are values. Every fallible onyx call returns one of these; nothing in
// the library throws across the public API.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace onyx {

// Error categories, named after onnxruntime's so bindings can map them 1:1.
enum class StatusCode {
  kOk = 0,
  kFail,             // generic failure
  kInvalidArgument,  // bad input from the caller (feeds, options)
  kNoSuchFile,       // file missing or unreadable
  kInvalidProtobuf,  // corrupt or truncated model bytes
  kInvalidGraph,     // model structure or types are inconsistent
  kNotImplemented,   // valid ONNX that onyx does not support (yet)
  kRuntimeException, // failure while executing
};

const char* status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status ok() { return Status(); }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "InvalidArgument: message"
  std::string to_string() const;
  // Returns a copy whose message is prefixed with `context + ": "`.
  Status with_context(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.is_ok() && "Result constructed from an ok Status");
  }

  bool is_ok() const { return value_.has_value(); }
  explicit operator bool() const { return is_ok(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(is_ok());
    return *value_;
  }
  const T& value() const& {
    assert(is_ok());
    return *value_;
  }
  T&& value() && {
    assert(is_ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace onyx

// Propagate a non-ok Status from an expression returning Status.
#define ONYX_RETURN_IF_ERROR(expr)          \
  do {                                      \
    ::onyx::Status onyx_status_ = (expr);   \
    if (!onyx_status_.is_ok()) return onyx_status_; \
  } while (0)

#define ONYX_CONCAT_INNER(a, b) a##b
#define ONYX_CONCAT(a, b) ONYX_CONCAT_INNER(a, b)
// `ONYX_ASSIGN_OR_RETURN(auto x, expr)` where expr yields Result<T>.
#define ONYX_ASSIGN_OR_RETURN(decl, expr) \
  ONYX_ASSIGN_OR_RETURN_IMPL(ONYX_CONCAT(onyx_result_, __LINE__), decl, expr)
#define ONYX_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                                \
  if (!tmp.is_ok()) return tmp.status();            \
  decl = std::move(tmp).value()
