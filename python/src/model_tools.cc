#include "model_tools.h"

#include "onyx/check.hpp"
#include "onyx/model_io.hpp"

namespace onyx::python {
namespace {

std::string issue_text(const CheckIssue& issue) {
  return "[" + issue.rule + "] " + issue.location + ": " + issue.message;
}

}  // namespace

CheckOutcome check_model(const ModelSource& source, bool full_check) {
  CheckOptions options;
  options.full = full_check;
  Result<CheckReport> report =
      source.is_bytes
          ? check_model_bytes(source.path_or_bytes.data(), source.path_or_bytes.size(), options)
          : check_model_file(source.path_or_bytes, options);
  CheckOutcome out;
  if (!report.is_ok()) {
    out.error = report.status().to_string();
    return out;
  }
  for (const CheckIssue& issue : report->issues) {
    if (issue.warning)
      out.warnings.push_back(issue_text(issue));
    else if (!out.error)
      out.error = issue_text(issue);
  }
  return out;
}

Status save_optimized_model(const ModelSource& source, OptLevel level, const std::string& out_path,
                            const std::vector<std::string>& disabled_optimizers) {
  return onyx::save_optimized_model(source.path_or_bytes, source.is_bytes, level, out_path,
                                    disabled_optimizers);
}

}  // namespace onyx::python
