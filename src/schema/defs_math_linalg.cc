// Schemas of the "math" family's products, normalizations and losses (see defs_math_internal.h).
#include "schema/defs_math_internal.h"

namespace onyx::schema {
namespace {

// Softmax, LogSoftmax and Hardmax share their signature and history: version 1 and 11 flatten the
// input to 2-D at `axis` (default 1), version 13 works along the single axis `axis` (default -1).
void softmax_family(SchemaBuilder& b, const std::string& name, const std::string& summary) {
  b.op(name, 1)
      .summary(summary)
      .input("input", "T")
      .output("output", "T")
      .types("T", types::float3())
      .attr("axis", AttrType::kInt, "1");
  b.next(11);
  b.next(13).types("T", types::float_ir4()).attr("axis", AttrType::kInt, "-1");
}

void add_products(SchemaBuilder& b) {
  b.op("Gemm", 1)
      .summary(
          "General matrix product Y = alpha * op(A) * op(B) + beta * C, op being an optional "
          "transpose.")
      .input("A", "T")
      .input("B", "T")
      .input("C", "T")
      .output("Y", "T")
      .types("T", types::float3())
      .attr("alpha", AttrType::kFloat, "1.0")
      .attr("beta", AttrType::kFloat, "1.0")
      .attr("broadcast", AttrType::kInt, "0")
      .attr("transA", AttrType::kInt, "0")
      .attr("transB", AttrType::kInt, "0");
  b.next(6);
  b.next(7).remove_attr("broadcast");  // C broadcasts unidirectionally from now on
  b.next(9).types("T", types::math_reduction());
  b.next(11).input("C", "T", Option::kOptional);
  b.next(13).types("T", types::math_reduction_ir4());

  b.op("MatMul", 1)
      .summary("Matrix product of A and B with numpy.matmul semantics (batched, broadcast).")
      .input("A", "T")
      .input("B", "T")
      .output("Y", "T")
      .types("T", types::float3());
  b.next(9).types("T", types::math_reduction());
  b.next(13).types("T", types::math_reduction_ir4());

  const types::TypeList int8s = types::tensors({"int8", "uint8"});
  b.op("MatMulInteger", 10)
      .summary(
          "Integer matrix product of 8-bit A and B after subtracting their zero points, "
          "accumulated in int32.")
      .input("A", "T1")
      .input("B", "T2")
      .input("a_zero_point", "T1", Option::kOptional)
      .input("b_zero_point", "T2", Option::kOptional)
      .output("Y", "T3")
      .types("T1", int8s)
      .types("T2", int8s)
      .types("T3", types::tensors({"int32"}));

  b.op("QLinearMatMul", 10)
      .summary(
          "Quantized matrix product: dequantizes a and b with their scales and zero points, "
          "multiplies, and requantizes with y_scale and y_zero_point.")
      .input("a", "T1")
      .input("a_scale", "tensor(float)")
      .input("a_zero_point", "T1")
      .input("b", "T2")
      .input("b_scale", "tensor(float)")
      .input("b_zero_point", "T2")
      .input("y_scale", "tensor(float)")
      .input("y_zero_point", "T3")
      .output("y", "T3")
      .types("T1", int8s)
      .types("T2", int8s)
      .types("T3", int8s);
  const types::TypeList quantized21 = types::tensors(
      {"int8", "uint8", "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz"});
  b.next(21)
      .input("a_scale", "TS")
      .input("b_scale", "TS")
      .input("y_scale", "TS")
      .types("TS", types::tensors({"float", "float16", "bfloat16"}))
      .types("T1", quantized21)
      .types("T2", quantized21)
      .types("T3", quantized21);

  b.op("Einsum", 12)
      .summary(
          "Sums products of the operands over the indices named by an Einstein-notation "
          "equation.")
      .input("Inputs", "T", Option::kVariadic)
      .output("Output", "T")
      .types("T", types::all_numeric())
      .required_attr("equation", AttrType::kString);
}

void add_losses(SchemaBuilder& b) {
  const types::TypeList ints = types::tensors({"int32", "int64"});
  b.op("NegativeLogLikelihoodLoss", 12)
      .summary(
          "Negative log-likelihood loss of log-probabilities `input` at the class indices "
          "`target`, optionally weighted per class and reduced (none/sum/mean).")
      .input("input", "T")
      .input("target", "Tind")
      .input("weight", "T", Option::kOptional)
      .output("loss", "T")
      .types("T", types::float3())
      .types("Tind", ints)
      .attr("ignore_index", AttrType::kInt)
      .attr("reduction", AttrType::kString, "mean");
  b.next(13);
  b.next(22).types("T", types::float_ir4());

  b.op("SoftmaxCrossEntropyLoss", 12)
      .summary(
          "Cross-entropy between softmax(scores) and the class indices `labels`, optionally "
          "weighted per class and reduced; can also return the log-probabilities.")
      .input("scores", "T")
      .input("labels", "Tind")
      .input("weights", "T", Option::kOptional)
      .output("output", "T")
      .output("log_prob", "T", Option::kOptional)
      .types("T", types::float3())
      .types("Tind", ints)
      .attr("ignore_index", AttrType::kInt)
      .attr("reduction", AttrType::kString, "mean");
  b.next(13).types("T", types::float_ir4());
}

}  // namespace

void add_math_linalg_schemas(SchemaBuilder& b) {
  add_products(b);
  softmax_family(b, "Softmax", "Normalized exponentials e^x / sum(e^x) along an axis.");
  softmax_family(b, "LogSoftmax", "Logarithm of the softmax along an axis.");
  softmax_family(b, "Hardmax",
                 "One-hot of the first maximum along an axis: 1 there, 0 everywhere else.");
  add_losses(b);
}

}  // namespace onyx::schema
