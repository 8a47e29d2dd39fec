// The public checker API (onyx/check.hpp): read or borrow the bytes, parse the views, run the rules
// and, when asked, the full (inference) check.
#include "check/checker.h"
#include "import/mmap_file.h"
#include "onyx/check.hpp"

namespace onyx {
namespace {

Result<CheckReport> check_bytes(std::string_view bytes, std::shared_ptr<void> owner,
                                const CheckOptions& options, const check::CheckEnv& env,
                                const std::string& what) {
  proto::ModelView view;
  Status parsed = proto::parse_model(bytes, &view);
  if (!parsed.is_ok())
    return Status(parsed.code(), what + " is not a readable ONNX model: " + parsed.message());
  CheckReport report = check::check_model_view(view, env);
  // Inference on a model that breaks the structural rules would only repeat them less clearly.
  if (options.full && report.valid()) check::full_check(bytes, std::move(owner), env, &report);
  return report;
}

}  // namespace

Result<CheckReport> check_model_file(const std::string& path, const CheckOptions& options) {
  Result<std::shared_ptr<import::MappedFile>> file = import::MappedFile::open(path);
  if (!file.is_ok()) return file.status();
  std::shared_ptr<import::MappedFile> mapped = file.value();
  check::CheckEnv env;
  const size_t slash = path.find_last_of('/');
  env.model_dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  env.files = true;
  std::string_view bytes(mapped->data(), mapped->size());
  return check_bytes(bytes, mapped, options, env, "'" + path + "'");
}

Result<CheckReport> check_model_bytes(const void* data, size_t size, const CheckOptions& options,
                                      const std::string& base_dir) {
  auto copy = std::make_shared<std::string>(static_cast<const char*>(data), size);
  check::CheckEnv env;
  env.model_dir = base_dir;
  env.files = !base_dir.empty();
  return check_bytes(*copy, copy, options, env, "the model bytes");
}

}  // namespace onyx
