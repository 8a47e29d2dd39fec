// Schemas of the "tensor" family's element-type operators: conversions and floating-point class
// tests.
#include "schema/defs_tensor_internal.h"

namespace onyx::schema {
namespace {

// Sets both sides of a conversion (T1 = source, T2 = target) to the same element types.
SchemaBuilder& convertible(SchemaBuilder& b, const types::TypeList& allowed) {
  return b.types("T1", allowed).types("T2", allowed);
}

// Cast and CastLike grew together from opset 19 on: float8 with 'saturate' (19), int4/uint4 (21),
// float4e2m1 (23), float8e8m0 with 'round_mode' (24), int2/uint2 (25). Complex stays excluded.
void add_conversion_versions_since_19(SchemaBuilder& b) {
  convertible(b.next(19),
              types::concat({types::all_numeric_ir9(), types::tensors({"bool", "string"})}))
      .attr("saturate", AttrType::kInt, "1");
  convertible(b.next(21), types::non_complex_tensor_ir10());
  convertible(b.next(23), types::non_complex_tensor_ir11());
  convertible(b.next(24), types::non_complex_tensor_ir12())
      .attr("round_mode", AttrType::kString, "up");
  convertible(b.next(25), types::non_complex_tensor_ir13());
}

}  // namespace

void add_tensor_cast_schemas(SchemaBuilder& b) {
  convertible(b.op("Cast", 1)
                  .summary("Converts every element of the input to the element type named by the "
                           "'to' attribute.")
                  .input("input", "T1")
                  .output("output", "T2"),
              types::concat({types::all_numeric(), types::tensors({"bool"})}))
      .required_attr("to", AttrType::kString);    // a type name such as "FLOAT"
  b.next(6).required_attr("to", AttrType::kInt);  // a TensorProto.DataType value from here on
  convertible(b.next(9), types::concat({types::all_numeric(), types::tensors({"bool", "string"})}));
  convertible(b.next(13),
              types::concat({types::non_complex_numeric_bool_ir4(), types::tensors({"string"})}));
  add_conversion_versions_since_19(b);

  convertible(b.op("CastLike", 15)
                  .summary("Converts every element of the input to the element type of the "
                           "second (reference) input.")
                  .input("input", "T1")
                  .input("target_type", "T2")
                  .output("output", "T2"),
              types::concat({types::non_complex_numeric_bool_ir4(), types::tensors({"string"})}));
  add_conversion_versions_since_19(b);

  convertible(b.op("BitCast", 26)
                  .summary("Reinterprets the bits of every element as another element type of the "
                           "same bit width, "
                           "keeping the shape and converting no values.")
                  .input("input", "T1")
                  .output("output", "T2"),
              types::non_string_tensor_ir13())
      .required_attr("to", AttrType::kInt);  // must have the input's bit width

  b.op("IsInf", 10)
      .summary(
          "Marks the elements that are positive and/or negative infinity, as a boolean tensor of "
          "the input's shape.")
      .input("X", "T1")
      .output("Y", "T2")
      .types("T1", types::tensors({"double", "float"}))
      .types("T2", types::tensors({"bool"}))
      .attr("detect_negative", AttrType::kInt, "1")
      .attr("detect_positive", AttrType::kInt, "1");
  b.next(20).types("T1", types::float_ir9());
  b.op("IsNaN", 9)
      .summary(
          "Marks the elements that are not-a-number, as a boolean tensor of the input's shape.")
      .input("X", "T1")
      .output("Y", "T2")
      .types("T1", types::float3())
      .types("T2", types::tensors({"bool"}));
  b.next(13).types("T1", types::float_ir4());
  b.next(20).types("T1", types::float_ir9());
}

}  // namespace onyx::schema
