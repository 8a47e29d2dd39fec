// Schemas of the ONNX standard's "generator" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

void add_bernoulli(SchemaBuilder& b) {
  b.op("Bernoulli", 15)
      .summary(
          "Draws 0/1 samples elementwise, each 1 with the probability given by the matching input "
          "element.")
      .input("input", "T1")
      .output("output", "T2")
      .types("T1", types::float3())
      .types("T2", types::non_complex_numeric_bool_ir4())
      .attr("dtype", AttrType::kInt)
      .attr("seed", AttrType::kFloat);
  b.next(22).types("T1", types::float_ir4());
}

void add_constant(SchemaBuilder& b) {
  b.op("Constant", 1)
      .summary(
          "Outputs the constant given by its one value attribute: a tensor, a sparse tensor, or a "
          "float, int or string scalar or list.")
      .output("output", "T")
      .types("T", types::float3())
      .required_attr("value", AttrType::kTensor);
  b.next(9).types("T", types::all_tensor());
  // From 11 the node sets exactly one of the value attributes, so none is required.
  b.next(11).attr("sparse_value", AttrType::kSparseTensor).attr("value", AttrType::kTensor);
  b.next(12)
      .attr("value_float", AttrType::kFloat)
      .attr("value_floats", AttrType::kFloats)
      .attr("value_int", AttrType::kInt)
      .attr("value_ints", AttrType::kInts)
      .attr("value_string", AttrType::kString)
      .attr("value_strings", AttrType::kStrings);
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(19).types("T", types::all_tensor_ir9());
  b.next(21).types("T", types::all_tensor_ir10());
  b.next(23).types("T", types::all_tensor_ir11());
  b.next(24).types("T", types::all_tensor_ir12());
  b.next(25).types("T", types::all_tensor_ir13());
}

void add_constant_of_shape(SchemaBuilder& b) {
  b.op("ConstantOfShape", 9)
      .summary(
          "Creates a tensor of the shape given by the 1-D int64 input, every element set to the "
          "one-element value attribute (float 0 by default).")
      .input("input", "T1")
      .output("output", "T2")
      .types("T1", types::tensors({"int64"}))
      .types("T2", types::concat({types::all_numeric(), types::tensors({"bool"})}))
      .attr("value", AttrType::kTensor);
  b.next(20).types("T2", types::concat({types::all_numeric_ir9(), types::tensors({"bool"})}));
  b.next(21).types("T2", types::concat({types::all_numeric_ir10(), types::tensors({"bool"})}));
  b.next(23).types("T2", types::concat({types::all_numeric_ir11(), types::tensors({"bool"})}));
  b.next(24).types("T2", types::concat({types::all_numeric_ir12(), types::tensors({"bool"})}));
  b.next(25).types("T2", types::concat({types::all_numeric_ir13(), types::tensors({"bool"})}));
}

void add_eye_like(SchemaBuilder& b) {
  b.op("EyeLike", 9)
      .summary(
          "Creates a 2-D tensor shaped like the input with ones on the k-th diagonal and zeros "
          "elsewhere.")
      .input("input", "T1")
      .output("output", "T2")
      .types("T1", types::concat({types::all_numeric(), types::tensors({"bool"})}))
      .types("T2", types::concat({types::all_numeric(), types::tensors({"bool"})}))
      .attr("dtype", AttrType::kInt)
      .attr("k", AttrType::kInt, "0");
  b.next(22)
      .types("T1", types::non_complex_numeric_bool_ir4())
      .types("T2", types::non_complex_numeric_bool_ir4());
}

void add_multinomial(SchemaBuilder& b) {
  b.op("Multinomial", 7)
      .summary(
          "Draws sample_size class indices per batch row from the categorical distribution given "
          "by that row's unnormalized log-probabilities.")
      .input("input", "T1")
      .output("output", "T2")
      .types("T1", types::float3())
      .types("T2", types::tensors({"int32", "int64"}))
      .attr("dtype", AttrType::kInt, "6")
      .attr("sample_size", AttrType::kInt, "1")
      .attr("seed", AttrType::kFloat);
  b.next(22).types("T1", types::float_ir4());
}

// RandomNormal/RandomUniform (shape from an attribute, float by default) and their *Like forms
// (shape, and by default the type, of the input): the distribution's two float parameters, dtype
// and seed; opset 22 adds bfloat16.
void add_random_op(SchemaBuilder& b, const std::string& name, bool like, const std::string& summary,
                   const std::string& param1, const std::string& default1,
                   const std::string& param2, const std::string& default2) {
  const std::string out = like ? "T2" : "T";
  b.op(name, 1)
      .summary(summary)
      .output("output", out)
      .types(out, types::float3())
      .attr(param1, AttrType::kFloat, default1)
      .attr(param2, AttrType::kFloat, default2)
      .attr("seed", AttrType::kFloat);
  if (like)
    b.input("input", "T1").types("T1", types::all_tensor()).attr("dtype", AttrType::kInt);
  else
    b.attr("dtype", AttrType::kInt, "1").required_attr("shape", AttrType::kInts);
  b.next(22).types(out, types::float_ir4());
  if (like) b.types("T1", types::all_tensor_ir4());
}

void add_random_ops(SchemaBuilder& b) {
  add_random_op(b, "RandomNormal", false,
                "Creates a tensor of the given shape filled with samples from a normal "
                "distribution with the given mean and scale.",
                "mean", "0.0", "scale", "1.0");
  add_random_op(b, "RandomNormalLike", true,
                "Creates a tensor shaped like the input filled with samples from a normal "
                "distribution with the given mean and scale.",
                "mean", "0.0", "scale", "1.0");
  add_random_op(b, "RandomUniform", false,
                "Creates a tensor of the given shape filled with samples drawn uniformly from "
                "[low, high).",
                "low", "0.0", "high", "1.0");
  add_random_op(b, "RandomUniformLike", true,
                "Creates a tensor shaped like the input filled with samples drawn uniformly from "
                "[low, high).",
                "low", "0.0", "high", "1.0");
}

void add_range(SchemaBuilder& b) {
  b.op("Range", 11)
      .summary("Creates the 1-D tensor start, start + delta, ... of every value before limit.")
      .input("start", "T")
      .input("limit", "T")
      .input("delta", "T")
      .output("output", "T")
      .types("T", types::tensors({"double", "float", "int16", "int32", "int64"}));
  b.next(27)
      .types("T", types::concat({types::float_ir4(), types::tensors({"int16", "int32", "int64"})}))
      .attr("stash_type", AttrType::kInt, "1");
}

}  // namespace

void add_generator_schemas(SchemaBuilder& b) {
  add_bernoulli(b);
  add_constant(b);
  add_constant_of_shape(b);
  add_eye_like(b);
  add_multinomial(b);
  add_random_ops(b);
  add_range(b);
}

}  // namespace onyx::schema
