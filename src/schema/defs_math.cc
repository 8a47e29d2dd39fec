// Schemas of the ONNX standard's "math" operators (see schema/defs.h): this file holds the plain
// elementwise ones (arithmetic, unary functions, variadic Max/Min/Sum/Mean); the other parts are
// listed in defs_math_internal.h.
#include "schema/defs.h"
#include "schema/defs_math_internal.h"

namespace onyx::schema {
namespace {

// Signed element types (Neg-6, Relu-14).
const types::TypeList& signed_numeric() {
  static const types::TypeList v =
      types::tensors({"float", "double", "float16", "int8", "int16", "int32", "int64"});
  return v;
}
const types::TypeList& signed_numeric_ir4() {
  static const types::TypeList v = types::concat({signed_numeric(), types::tensors({"bfloat16"})});
  return v;
}

// Add/Sub/Mul/Div: versions 1, 6, 7, 13, 14. Version 1 and 6 broadcast only on request
// ("broadcast"/"axis" attributes); from 7 on, inputs broadcast numpy-style.
void binary_arithmetic(SchemaBuilder& b, const std::string& name, const std::string& summary) {
  b.op(name, 1)
      .summary(summary)
      .input("A", "T")
      .input("B", "T")
      .output("C", "T")
      .types("T", types::float3())
      .attr("axis", AttrType::kInt)
      .attr("broadcast", AttrType::kInt, "0")
      .attr("consumed_inputs", AttrType::kInts);
  b.next(6).types("T", types::math_reduction()).remove_attr("consumed_inputs");
  b.next(7).remove_attr("axis").remove_attr("broadcast");
  b.next(13).types("T", types::math_reduction_ir4());
  b.next(14).types("T", types::all_numeric_ir4());
}

// One-input ops of opset 1 that carried the legacy "consumed_inputs" attribute: version 6 drops
// it and sets the types to `t6`, version 13 widens them to `t13`.
void legacy_unary(SchemaBuilder& b, const std::string& name, const std::string& in,
                  const std::string& out, const types::TypeList& t6, const types::TypeList& t13,
                  const std::string& summary) {
  b.op(name, 1)
      .summary(summary)
      .input(in, "T")
      .output(out, "T")
      .types("T", types::float3())
      .attr("consumed_inputs", AttrType::kInts);
  b.next(6).types("T", t6).remove_attr("consumed_inputs");
  b.next(13).types("T", t13);
}

// Float-only one-input ops first defined at `since` (float16/float/double) that gained bfloat16
// in opset 22.
void float_unary(SchemaBuilder& b, const std::string& name, int since, const std::string& in,
                 const std::string& out, const std::string& summary) {
  b.op(name, since).summary(summary).input(in, "T").output(out, "T").types("T", types::float3());
  b.next(22).types("T", types::float_ir4());
}

// Numeric one-input ops of opset 9 that gained bfloat16 in opset 13 (Erf, Sign).
void numeric_unary(SchemaBuilder& b, const std::string& name, const std::string& summary) {
  b.op(name, 9)
      .summary(summary)
      .input("input", "T")
      .output("output", "T")
      .types("T", types::all_numeric());
  b.next(13).types("T", types::all_numeric_ir4());
}

// Max/Min/Sum/Mean over any number of inputs: versions 1, 6, 8 (numpy broadcasting), 13, plus
// 12 where `numeric_from_12` (Max/Min accept integers from then on).
void variadic_elementwise(SchemaBuilder& b, const std::string& name, const std::string& out,
                          bool numeric_from_12, const std::string& summary) {
  b.op(name, 1)
      .summary(summary)
      .input("data_0", "T", Option::kVariadic)
      .output(out, "T")
      .types("T", types::float3())
      .attr("consumed_inputs", AttrType::kInts);
  b.next(6).remove_attr("consumed_inputs");
  b.next(8);
  if (numeric_from_12) {
    b.next(12).types("T", types::all_numeric());
    b.next(13).types("T", types::all_numeric_ir4());
  } else {
    b.next(13).types("T", types::float_ir4());
  }
}

void add_arithmetic(SchemaBuilder& b) {
  binary_arithmetic(b, "Add", "Elementwise sum A + B of two tensors.");
  binary_arithmetic(b, "Sub", "Elementwise difference A - B of two tensors.");
  binary_arithmetic(b, "Mul", "Elementwise product A * B of two tensors.");
  binary_arithmetic(b, "Div", "Elementwise quotient A / B (integer division truncates).");

  b.op("Pow", 1)
      .summary("Elementwise power: X raised to the exponent Y.")
      .input("X", "T")
      .input("Y", "T")
      .output("Z", "T")
      .types("T", types::float3())
      .attr("axis", AttrType::kInt)
      .attr("broadcast", AttrType::kInt, "0");
  b.next(7).remove_attr("axis").remove_attr("broadcast");
  b.next(12)
      .input("Y", "T1")
      .types("T", types::tensors({"float16", "float", "double", "int32", "int64"}))
      .types("T1", types::all_numeric());
  b.next(13).types("T",
                   types::tensors({"bfloat16", "float16", "float", "double", "int32", "int64"}));
  b.next(15).types("T1", types::all_numeric_ir4());

  b.op("Mod", 10)
      .summary(
          "Elementwise remainder of A divided by B; sign follows the divisor unless fmod=1, "
          "where it follows the dividend.")
      .input("A", "T")
      .input("B", "T")
      .output("C", "T")
      .types("T", types::all_numeric())
      .attr("fmod", AttrType::kInt, "0");
  b.next(13).types("T", types::all_numeric_ir4());

  variadic_elementwise(b, "Max", "max", true, "Elementwise maximum over all inputs (broadcast).");
  variadic_elementwise(b, "Min", "min", true, "Elementwise minimum over all inputs (broadcast).");
  variadic_elementwise(b, "Sum", "sum", false, "Elementwise sum of all inputs (broadcast).");
  variadic_elementwise(b, "Mean", "mean", false,
                       "Elementwise arithmetic mean of all inputs (broadcast).");
}

void add_unary(SchemaBuilder& b) {
  const types::TypeList& f3 = types::float3();
  const types::TypeList& f4 = types::float_ir4();
  legacy_unary(b, "Abs", "X", "Y", types::all_numeric(), types::all_numeric_ir4(),
               "Elementwise absolute value.");
  legacy_unary(b, "Neg", "X", "Y", signed_numeric(), signed_numeric_ir4(),
               "Elementwise negation -X.");
  legacy_unary(b, "Ceil", "X", "Y", f3, f4, "Elementwise rounding up to the next integer.");
  legacy_unary(b, "Floor", "X", "Y", f3, f4, "Elementwise rounding down to the previous integer.");
  legacy_unary(b, "Exp", "input", "output", f3, f4, "Elementwise natural exponential e^x.");
  legacy_unary(b, "Log", "input", "output", f3, f4, "Elementwise natural logarithm.");
  legacy_unary(b, "Sqrt", "X", "Y", f3, f4, "Elementwise square root.");
  legacy_unary(b, "Reciprocal", "X", "Y", f3, f4, "Elementwise reciprocal 1 / X.");
  legacy_unary(b, "Sigmoid", "X", "Y", f3, f4, "Elementwise logistic function 1 / (1 + e^-x).");
  legacy_unary(b, "Tanh", "input", "output", f3, f4, "Elementwise hyperbolic tangent.");
  legacy_unary(b, "Relu", "X", "Y", f3, f4, "Elementwise rectifier max(0, x).");
  b.next(14).types("T", signed_numeric_ir4());

  float_unary(b, "Sin", 7, "input", "output", "Elementwise sine (radians).");
  float_unary(b, "Cos", 7, "input", "output", "Elementwise cosine (radians).");
  float_unary(b, "Tan", 7, "input", "output", "Elementwise tangent (radians).");
  float_unary(b, "Asin", 7, "input", "output", "Elementwise arcsine, in radians.");
  float_unary(b, "Acos", 7, "input", "output", "Elementwise arccosine, in radians.");
  float_unary(b, "Atan", 7, "input", "output", "Elementwise arctangent, in radians.");
  float_unary(b, "Sinh", 9, "input", "output", "Elementwise hyperbolic sine.");
  float_unary(b, "Cosh", 9, "input", "output", "Elementwise hyperbolic cosine.");
  float_unary(b, "Asinh", 9, "input", "output", "Elementwise inverse hyperbolic sine.");
  float_unary(b, "Acosh", 9, "input", "output", "Elementwise inverse hyperbolic cosine.");
  float_unary(b, "Atanh", 9, "input", "output", "Elementwise inverse hyperbolic tangent.");
  float_unary(b, "Round", 11, "X", "Y",
              "Elementwise rounding to the nearest integer, halves to the even neighbour.");
  float_unary(b, "Det", 11, "X", "Y",
              "Determinant of each square matrix in the last two dimensions of X.");
  float_unary(b, "Softsign", 1, "input", "output", "Elementwise softsign x / (1 + |x|).");
  float_unary(b, "Softplus", 1, "X", "Y", "Elementwise softplus ln(1 + e^x).");
  float_unary(b, "HardSwish", 14, "X", "Y",
              "Elementwise hard swish x * max(0, min(1, x / 6 + 1 / 2)).");
  float_unary(b, "Mish", 18, "X", "Y", "Elementwise mish x * tanh(softplus(x)).");

  // ONNX 1.23 narrowed Erf-13 to float types; onnx 1.12 (the oracle this table is compared with)
  // still accepts every numeric type, and so does this table, so that older models stay valid.
  numeric_unary(b, "Erf", "Elementwise Gauss error function erf(x).");
  numeric_unary(b, "Sign", "Elementwise sign: -1, 0 or 1.");
}

}  // namespace

void add_math_schemas(SchemaBuilder& b) {
  add_arithmetic(b);
  add_unary(b);
  add_math_activation_schemas(b);
  add_math_linalg_schemas(b);
  add_math_misc_schemas(b);
}

}  // namespace onyx::schema
