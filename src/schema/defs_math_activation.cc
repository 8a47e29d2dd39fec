// Schemas of the "math" family's parameterized activations (see defs_math_internal.h). The
// parameterless ones (Relu, Sigmoid, Softplus, Mish, ...) are in defs_math.cc.
#include "schema/defs_math_internal.h"

namespace onyx::schema {
namespace {

// Version 1 of an activation X -> Y from opset 1: float16/float/double and the legacy
// "consumed_inputs" attribute, which every op dropped in version 6.
SchemaBuilder& legacy_activation(SchemaBuilder& b, const std::string& name,
                                 const std::string& summary) {
  return b.op(name, 1)
      .summary(summary)
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::float3())
      .attr("consumed_inputs", AttrType::kInts);
}

// Opset 22 added bfloat16 to these activations.
void widen_to_bfloat16_at_22(SchemaBuilder& b) {
  b.next(22).types("T", types::float_ir4());
}

}  // namespace

void add_math_activation_schemas(SchemaBuilder& b) {
  legacy_activation(b, "Elu", "Elementwise ELU: x for x >= 0, alpha * (e^x - 1) below zero.")
      .attr("alpha", AttrType::kFloat, "1.0");
  b.next(6).remove_attr("consumed_inputs");
  widen_to_bfloat16_at_22(b);

  legacy_activation(b, "HardSigmoid", "Elementwise max(0, min(1, alpha * x + beta)).")
      .attr("alpha", AttrType::kFloat, "0.2")
      .attr("beta", AttrType::kFloat, "0.5");
  b.next(6).remove_attr("consumed_inputs");
  widen_to_bfloat16_at_22(b);

  // Version 6 refined the defaults to the float32 values of the constants from the SELU paper.
  legacy_activation(b, "Selu",
                    "Elementwise scaled ELU: gamma * x for x > 0, gamma * alpha * (e^x - 1) "
                    "otherwise.")
      .attr("alpha", AttrType::kFloat, "1.6732")
      .attr("gamma", AttrType::kFloat, "1.0507");
  b.next(6)
      .remove_attr("consumed_inputs")
      .attr("alpha", AttrType::kFloat, "1.6732632")
      .attr("gamma", AttrType::kFloat, "1.050701");
  widen_to_bfloat16_at_22(b);

  legacy_activation(b, "LeakyRelu", "Elementwise leaky rectifier: x for x >= 0, alpha * x below.")
      .attr("alpha", AttrType::kFloat, "0.01");
  b.next(6).remove_attr("consumed_inputs");
  b.next(16).types("T", types::float_ir4());

  legacy_activation(b, "PRelu",
                    "Elementwise parametric rectifier: x for x >= 0, slope * x below, with the "
                    "slope tensor broadcast to X.")
      .input("slope", "T");
  b.next(6).remove_attr("consumed_inputs");
  b.next(7);
  b.next(9).types("T", types::math_reduction());
  b.next(16).types("T", types::math_reduction_ir4());

  b.op("ThresholdedRelu", 10)
      .summary("Elementwise x where x > alpha, else 0.")
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::float3())
      .attr("alpha", AttrType::kFloat, "1.0");
  widen_to_bfloat16_at_22(b);

  b.op("Celu", 12)
      .summary(
          "Elementwise continuously differentiable ELU: max(0, x) + min(0, alpha * "
          "(e^(x / alpha) - 1)).")
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::tensors({"float"}))
      .attr("alpha", AttrType::kFloat, "1.0");
  b.next(28).types("T", types::float_ir4());

  b.op("Gelu", 20)
      .summary(
          "Elementwise Gaussian error linear unit x * Phi(x), exact (erf) or tanh-based "
          "(approximate=\"tanh\").")
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::float_ir4())
      .attr("approximate", AttrType::kString, "none");

  b.op("Swish", 24)
      .summary("Elementwise swish x * sigmoid(alpha * x).")
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::float_ir4())
      .attr("alpha", AttrType::kFloat, "1.0");

  b.op("SwiGLU", 28)
      .summary(
          "Gated activation: swish(A) * B for same-shaped gate A and value B, with no "
          "broadcasting.")
      .input("A", "T")
      .input("B", "T")
      .output("Y", "T")
      .types("T", types::float_ir4())
      .attr("alpha", AttrType::kFloat, "1.0");
}

}  // namespace onyx::schema
