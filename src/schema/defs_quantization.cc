// Schemas of the ONNX standard's "quantization" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

// The integer and low-precision float types quantized values may have at `opset` (19 or newer):
// 8-bit ints and float8 from 19, 16- and 4-bit ints from 21, float4 from 23, 2-bit ints from 25.
types::TypeList quantized_types(int opset) {
  types::TypeList out = types::tensors(
      {"int8", "uint8", "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz"});
  if (opset >= 21) out = types::concat({out, types::tensors({"int16", "uint16", "int4", "uint4"})});
  if (opset >= 23) out = types::concat({out, types::tensors({"float4e2m1"})});
  if (opset >= 25) out = types::concat({out, types::tensors({"int2", "uint2"})});
  return out;
}

// DequantizeLinear also accepts int32 input (from the bias of quantized convolutions).
types::TypeList dequantize_input_types(int opset) {
  return types::concat({quantized_types(opset), types::tensors({"int32"})});
}

const types::TypeList& scale_types() {
  static const types::TypeList v = types::tensors({"float", "float16", "bfloat16"});
  return v;
}

void add_dequantize_linear(SchemaBuilder& b) {
  b.op("DequantizeLinear", 10)
      .summary(
          "Converts quantized values back to real numbers: (x - x_zero_point) * x_scale, per "
          "tensor, per axis or per block.")
      .input("x", "T")
      .input("x_scale", "tensor(float)")
      .input("x_zero_point", "T", Option::kOptional)
      .output("y", "tensor(float)")
      .types("T", types::tensors({"int32", "int8", "uint8"}));
  b.next(13).attr("axis", AttrType::kInt, "1");
  b.next(19)
      .input("x", "T1")
      .input("x_scale", "T2")
      .input("x_zero_point", "T1", Option::kOptional)
      .output("y", "T2")
      .remove_types("T")
      .types("T1", dequantize_input_types(19))
      .types("T2", scale_types());
  b.next(21).types("T1", dequantize_input_types(21)).attr("block_size", AttrType::kInt, "0");
  b.next(23)
      .output("y", "T3")
      .types("T1", dequantize_input_types(23))
      .types("T3", scale_types())
      .attr("output_dtype", AttrType::kInt, "0");
  b.next(24).types("T2", types::concat({scale_types(), types::tensors({"float8e8m0"})}));
  b.next(25).types("T1", dequantize_input_types(25));
}

void add_dynamic_quantize_linear(SchemaBuilder& b) {
  b.op("DynamicQuantizeLinear", 11)
      .summary(
          "Quantizes a float tensor to uint8, computing the scale and zero point from its min and "
          "max, and returns all three.")
      .input("x", "T1")
      .output("y", "T2")
      .output("y_scale", "tensor(float)")
      .output("y_zero_point", "T2")
      .types("T1", types::tensors({"float"}))
      .types("T2", types::tensors({"uint8"}));
}

void add_quantize_linear(SchemaBuilder& b) {
  b.op("QuantizeLinear", 10)
      .summary(
          "Converts real values to a quantized type: saturate(round(x / y_scale) + y_zero_point), "
          "per tensor, per axis or per block.")
      .input("x", "T1")
      .input("y_scale", "tensor(float)")
      .input("y_zero_point", "T2", Option::kOptional)
      .output("y", "T2")
      .types("T1", types::tensors({"float", "int32"}))
      .types("T2", types::tensors({"int8", "uint8"}));
  b.next(13).attr("axis", AttrType::kInt, "1");
  b.next(19)
      .input("y_scale", "T1")
      .types("T1", types::concat({scale_types(), types::tensors({"int32"})}))
      .types("T2", quantized_types(19))
      .attr("saturate", AttrType::kInt, "1");
  b.next(21)
      .types("T2", quantized_types(21))
      .attr("block_size", AttrType::kInt, "0")
      .attr("output_dtype", AttrType::kInt, "0");
  b.next(23)
      .input("y_scale", "T2")
      .input("y_zero_point", "T3", Option::kOptional)
      .output("y", "T3")
      .types("T2", types::concat({scale_types(), types::tensors({"int32"})}))
      .types("T3", quantized_types(23))
      .attr("precision", AttrType::kInt, "0");
  b.next(24).types("T2", types::concat({scale_types(), types::tensors({"int32", "float8e8m0"})}));
  b.next(25).types("T3", quantized_types(25));
}

}  // namespace

void add_quantization_schemas(SchemaBuilder& b) {
  add_dequantize_linear(b);
  add_dynamic_quantize_linear(b);
  add_quantize_linear(b);
}

}  // namespace onyx::schema
