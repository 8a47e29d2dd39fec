// Named sets of ONNX type strings used by type constraints (schema/schema.h). The suffix names the
// IR version that introduced the newest element type in the set, as the ONNX standard does:
// ir4 adds bfloat16; ir9 the four float8 types; ir10 int4/uint4; ir11 float4e2m1;
// ir12 float8e8m0; ir13 int2/uint2.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace onyx::schema::types {

using TypeList = std::vector<std::string>;

// {"tensor(e)" for e in elems}; element names as ONNX spells them ("float", "int64",
// "float8e4m3fn").
TypeList tensors(std::initializer_list<const char*> elems);
TypeList seq(const TypeList& element_types);       // "seq(x)" for each x
TypeList optional(const TypeList& element_types);  // "optional(x)" for each x
TypeList concat(std::initializer_list<TypeList> lists);

const TypeList& all_numeric();              // ints, uints (8..64), float16/float/double
const TypeList& all_numeric_ir4();          // + bfloat16
const TypeList& all_numeric_ir9();          // + float8 (4 kinds)
const TypeList& all_numeric_ir10();         // + uint4, int4
const TypeList& all_numeric_ir11();         // + float4e2m1
const TypeList& all_numeric_ir12();         // + float8e8m0
const TypeList& all_numeric_ir13();         // + uint2, int2
const TypeList& math_reduction();           // uint32/64, int32/64, float16/float/double
const TypeList& math_reduction_ir4();       // + bfloat16
const TypeList& math_reduction_ir9();       // + float8 (4 kinds)
const TypeList& all_tensor();               // all_numeric + string, bool, complex64/128
const TypeList& all_tensor_ir4();           // + bfloat16
const TypeList& all_tensor_ir9();           // + float8
const TypeList& all_tensor_ir10();          // + int4/uint4
const TypeList& all_tensor_ir11();          // + float4e2m1
const TypeList& all_tensor_ir12();          // + float8e8m0
const TypeList& all_tensor_ir13();          // + int2/uint2
const TypeList& non_complex_tensor_ir10();  // all_tensor_ir10 without complex
const TypeList& non_complex_tensor_ir11();
const TypeList& non_complex_tensor_ir12();
const TypeList& non_complex_tensor_ir13();
const TypeList& non_string_tensor_ir13();        // all_tensor_ir13 without string
const TypeList& non_complex_numeric_bool_ir4();  // all_numeric_ir4 + bool
const TypeList& float_ir4();                     // bfloat16, float16, float, double
const TypeList& float_ir4_plus_int8();           // + int8, uint8
const TypeList& float_ir9();                     // float_ir4 + float8 (4 kinds)
const TypeList& float3();                        // float16, float, double
const TypeList& all_numeric_seq();               // seq(all_numeric)
const TypeList& all_tensor_seq();                // seq(all_tensor)
const TypeList& all_tensor_seq_ir4();
const TypeList& all_tensor_seq_ir9();
const TypeList& all_tensor_seq_ir10();
const TypeList& all_tensor_seq_ir11();
const TypeList& all_tensor_seq_ir12();
const TypeList& all_tensor_seq_ir13();
const TypeList& all_optional();       // optional(all_tensor_seq) + optional(all_tensor)
const TypeList& all_optional_ir4();   // optional(all_tensor_seq_ir4) + optional(all_tensor_ir4)
const TypeList& all_optional_ir9();   // optional(all_tensor_seq_ir4) + optional(all_tensor_ir9)
const TypeList& all_optional_ir10();  // ... + optional(all_tensor_ir10)
const TypeList& all_optional_ir11();
const TypeList& all_optional_ir12();
const TypeList& all_optional_ir13();

}  // namespace onyx::schema::types
