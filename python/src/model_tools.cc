#include "model_tools.h"

#include <memory>
#include <set>

#include "import/loader.h"
#include "ir/gradient_graph.h"
#include "ir/graph.h"
#include "runtime/opt_level.h"
#include "shape/infer.h"

namespace onyx::python {
namespace {

Result<ir::Model> load(const ModelSource& source) {
  if (!source.is_bytes) return import::load_model_file(source.path_or_bytes);
  auto bytes = std::make_shared<std::string>(source.path_or_bytes);
  return import::load_model_bytes(bytes->data(), bytes->size(), bytes);
}

Status invalid(const std::string& message) {
  return Status(StatusCode::kInvalidGraph, message);
}

// Every value is assigned once: by a graph input, an initializer or one node output. (An
// initializer may share its name with a graph input: IR < 4 lists initializers as inputs.)
Status check_ssa(const ir::Graph& g) {
  std::set<std::string> defined;
  for (const ir::ValueInfo& in : g.inputs) {
    if (in.name.empty()) return invalid("graph '" + g.name + "' has an input with an empty name");
    if (!defined.insert(in.name).second)
      return invalid("graph input '" + in.name + "' is listed more than once");
  }
  std::set<std::string> initializers;
  for (const auto& [name, tensor] : g.initializers) {
    if (!initializers.insert(name).second)
      return invalid("initializer '" + name + "' is defined more than once");
    defined.insert(name);
  }
  for (const ir::Node& node : g.nodes) {
    if (node.op_type.empty()) return invalid("node " + node.label() + " has no op_type");
    for (const std::string& out : node.outputs) {
      if (out.empty()) continue;
      if (!defined.insert(out).second)
        return invalid("graph must be in single static assignment (SSA) form, but '" + out +
                       "' is assigned more than once (again as output of node " + node.label() +
                       ")");
    }
  }
  for (const ir::ValueInfo& out : g.outputs)
    if (!defined.count(out.name))
      return invalid("graph output '" + out.name + "' is not produced by any node");
  return Status::ok();
}

}  // namespace

CheckReport check_model(const ModelSource& source, bool full_check) {
  CheckReport report;
  Result<ir::Model> loaded = load(source);
  if (!loaded.is_ok()) {
    report.error = loaded.status();
    return report;
  }
  const ir::Model& model = loaded.value();
  if (model.ir_version < 1) {
    report.error = invalid("the model does not set ir_version");
    return report;
  }
  if (model.ir_version >= 3 && model.opset_imports.empty()) {
    report.error = invalid("a model with ir_version >= 3 must list opset_import");
    return report;
  }
  report.error = check_ssa(model.graph);
  if (!report.error.is_ok()) return report;
  Result<std::vector<size_t>> order = shape::topological_order(model.graph);
  if (!order.is_ok()) {
    report.error = order.status();
    return report;
  }
  if (full_check) {
    ir::Model with_gradients = model;  // Gradient nodes infer through their forward graph
    report.error = ir::attach_gradient_graphs(with_gradients.graph);
    if (!report.error.is_ok()) return report;
    auto inferred = shape::infer_graph(with_gradients, with_gradients.graph, {},
                                       shape::InferOptions{false, nullptr});
    if (!inferred.is_ok()) {
      if (inferred.status().code() == StatusCode::kNotImplemented)
        report.warnings.push_back("full_check: type/shape inference stopped: " +
                                  inferred.status().message());
      else
        report.error = inferred.status();
    }
  }
  return report;
}

Status save_optimized_model(const ModelSource& source, OptLevel level,
                            const std::string& out_path) {
  ONYX_ASSIGN_OR_RETURN(ir::Model model, load(source));
  ONYX_RETURN_IF_ERROR(optimize_graph(model, level).status());
  return import::save_model(model, out_path);
}

}  // namespace onyx::python
