// CheckOptions::full: import the model and run strict type/shape inference over it (no constant
// folding), check each node's inferred types against its schema's type constraints
// (full_types.cc), then compare the declared types of graph outputs and value_info with the
// inferred ones. Inference goes through run_inference() only, so the driver can be swapped in one
// place.
#include "check/checker.h"
#include "check/full_types.h"
#include "import/loader.h"
#include "ir/gradient_graph.h"
#include "shape/infer.h"

namespace onyx::check {
namespace {

// The one call into shape inference.
Result<shape::GraphInference> run_inference(const ir::Model& model) {
  return shape::infer_graph(model, model.graph, {}, shape::InferOptions{false, nullptr});
}

// Messages from import and inference may quote whole attribute values; one issue line stays
// readable (at most kMaxMessage characters).
constexpr size_t kMaxMessage = 600;

void add(CheckReport* report, const char* rule, std::string location, std::string message,
         bool warning = false) {
  if (message.size() > kMaxMessage) {
    const size_t dropped = message.size() - kMaxMessage;
    message.resize(kMaxMessage);
    message += "... (" + std::to_string(dropped) + " more characters)";
  }
  report->issues.push_back({rule, std::move(location), std::move(message), warning});
}

void compare_declared(const ir::ValueInfo& declared, const ops::ValueType& inferred,
                      const char* what, CheckReport* report) {
  const ir::TypeInfo& d = declared.type;
  if (d.kind != ir::TypeInfo::Kind::kTensor || inferred.kind != ops::ValueKind::kTensor) return;
  const std::string loc = std::string("main: ") + what + " '" + declared.name + "'";
  if (d.elem_type != DType::kUndefined && inferred.dtype != DType::kUndefined &&
      d.elem_type != inferred.dtype) {
    add(report, "full.dtype_mismatch", loc,
        "declared element type " + std::string(dtype_name(d.elem_type)) + " but inference gives " +
            dtype_name(inferred.dtype));
    return;
  }
  if (!d.has_shape || !inferred.has_shape) return;
  if (d.dims.size() != inferred.dims.size()) {
    add(report, "full.rank_mismatch", loc,
        "declared rank " + std::to_string(d.dims.size()) + " but inference gives rank " +
            std::to_string(inferred.dims.size()) + " " + shape_to_string(inferred.dims));
    return;
  }
  for (size_t i = 0; i < d.dims.size(); ++i)
    if (d.dims[i] >= 0 && inferred.dims[i] >= 0 && d.dims[i] != inferred.dims[i]) {
      add(report, "full.dim_mismatch", loc,
          "dimension " + std::to_string(i) + " is declared " + std::to_string(d.dims[i]) +
              " but inference gives " + std::to_string(inferred.dims[i]));
      return;
    }
}

}  // namespace

void full_check(std::string_view bytes, std::shared_ptr<void> owner, const CheckEnv& env,
                CheckReport* report) {
  Result<ir::Model> loaded = import::load_model_bytes(bytes.data(), bytes.size(), std::move(owner),
                                                      env.files ? env.model_dir : "");
  if (!loaded.is_ok()) {
    // A feature onyx does not import (e.g. segmented tensors) says nothing about validity.
    const bool unsupported = loaded.status().code() == StatusCode::kNotImplemented;
    add(report, unsupported ? "full.import_unsupported" : "full.import", "model",
        (unsupported ? "not checked by inference: onyx cannot import the model: "
                     : "the model cannot be imported: ") +
            loaded.status().message(),
        unsupported);
    return;
  }
  ir::Model model = std::move(loaded).value();
  Status gradients =
      ir::attach_gradient_graphs(model.graph);  // Gradient infers via its forward graph
  if (!gradients.is_ok()) {
    add(report, "full.inference", "main", gradients.message());
    return;
  }
  if (!check_control_flow_signatures(model, report)) return;
  Result<shape::GraphInference> inferred = run_inference(model);
  if (!inferred.is_ok()) {
    const bool unsupported = inferred.status().code() == StatusCode::kNotImplemented;
    add(report, unsupported ? "full.inference_unsupported" : "full.inference", "main",
        (unsupported ? "type/shape inference stopped: " : "type/shape inference failed: ") +
            inferred.status().message(),
        unsupported);
    return;
  }
  const shape::GraphInference& g = inferred.value();
  check_type_constraints(model, g, report);
  for (const ir::ValueInfo& v : model.graph.outputs)
    if (const ops::ValueType* t = g.find(v.name)) compare_declared(v, *t, "output", report);
  for (const ir::ValueInfo& v : model.graph.value_info)
    if (const ops::ValueType* t = g.find(v.name)) compare_declared(v, *t, "value_info", report);
}

}  // namespace onyx::check
