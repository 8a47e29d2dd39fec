// Schemas of the ONNX standard's ai.onnx.preview.training operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

// The optimizers' common signature: learning rate R, update count T, then the optimized tensors
// with their gradients and optimizer state as one variadic list, and their new values as output.
void optimizer_op(SchemaBuilder& b, const std::string& name, const std::string& summary) {
  b.op(name, 1)
      .summary(summary)
      .input("R", "T1")
      .input("T", "T2")
      .input("inputs", "T3", Option::kVariadic, false)
      .output("outputs", "T3", Option::kVariadic, false)
      .types("T1", types::tensors({"float", "double"}))
      .types("T2", types::tensors({"int64"}))
      .types("T3", types::tensors({"float", "double"}));
}

void add_adagrad(SchemaBuilder& b) {
  optimizer_op(b, "Adagrad",
               "One Adagrad optimizer step: updates each tensor from its gradient and accumulated "
               "squared gradient with a decaying learning rate.");
  b.attr("decay_factor", AttrType::kFloat, "0.0")
      .attr("epsilon", AttrType::kFloat, "1e-06")
      .attr("norm_coefficient", AttrType::kFloat, "0.0");
}

void add_adam(SchemaBuilder& b) {
  optimizer_op(
      b, "Adam",
      "One Adam optimizer step: updates each tensor and its first and second moment estimates "
      "from its gradient.");
  b.attr("alpha", AttrType::kFloat, "0.9")
      .attr("beta", AttrType::kFloat, "0.999")
      .attr("epsilon", AttrType::kFloat, "1e-06")
      .attr("norm_coefficient", AttrType::kFloat, "0.0")
      .attr("norm_coefficient_post", AttrType::kFloat, "0.0");
}

void add_gradient(SchemaBuilder& b) {
  b.op("Gradient", 1)
      .summary(
          "Computes the gradients of a chosen output with respect to chosen inputs of the graph "
          "that feeds the node.")
      .input("Inputs", "T1", Option::kVariadic, false)
      .output("Outputs", "T2", Option::kVariadic, false)
      .types("T1", types::all_tensor())
      .types("T2", types::float3())
      .required_attr("xs", AttrType::kStrings)
      .required_attr("y", AttrType::kString)
      .attr("zs", AttrType::kStrings);
}

void add_momentum(SchemaBuilder& b) {
  optimizer_op(b, "Momentum",
               "One stochastic gradient descent step with (standard or Nesterov) momentum for each "
               "tensor.");
  b.required_attr("alpha", AttrType::kFloat)
      .required_attr("beta", AttrType::kFloat)
      .required_attr("mode", AttrType::kString)
      .required_attr("norm_coefficient", AttrType::kFloat);
}

}  // namespace

void add_training_schemas(SchemaBuilder& b) {
  add_adagrad(b);
  add_adam(b);
  add_gradient(b);
  add_momentum(b);
}

}  // namespace onyx::schema
