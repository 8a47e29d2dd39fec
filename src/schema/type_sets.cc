#include "schema/type_sets.h"

#include <algorithm>

namespace onyx::schema::types {
namespace {

// Element-type groups the named sets are made of.
#define ONYX_INTS "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64"
#define ONYX_FLOAT8 "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz"

TypeList sorted(TypeList v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

TypeList tensors(std::initializer_list<const char*> elems) {
  TypeList out;
  for (const char* e : elems) out.push_back(std::string("tensor(") + e + ")");
  return sorted(std::move(out));
}

TypeList seq(const TypeList& element_types) {
  TypeList out;
  for (const std::string& t : element_types) out.push_back("seq(" + t + ")");
  return sorted(std::move(out));
}

TypeList optional(const TypeList& element_types) {
  TypeList out;
  for (const std::string& t : element_types) out.push_back("optional(" + t + ")");
  return sorted(std::move(out));
}

TypeList concat(std::initializer_list<TypeList> lists) {
  TypeList out;
  for (const TypeList& l : lists) out.insert(out.end(), l.begin(), l.end());
  return sorted(std::move(out));
}

#define ONYX_TYPE_SET(fn, ...)             \
  const TypeList& fn() {                   \
    static const TypeList v = __VA_ARGS__; \
    return v;                              \
  }

ONYX_TYPE_SET(all_numeric, tensors({ONYX_INTS, "float16", "float", "double"}))
ONYX_TYPE_SET(all_numeric_ir4, tensors({ONYX_INTS, "float16", "float", "double", "bfloat16"}))
ONYX_TYPE_SET(all_numeric_ir9,
              tensors({ONYX_INTS, "float16", "float", "double", "bfloat16", ONYX_FLOAT8}))
ONYX_TYPE_SET(all_numeric_ir10, concat({all_numeric_ir9(), tensors({"uint4", "int4"})}))
ONYX_TYPE_SET(all_numeric_ir11, concat({all_numeric_ir10(), tensors({"float4e2m1"})}))
ONYX_TYPE_SET(all_numeric_ir12, concat({all_numeric_ir11(), tensors({"float8e8m0"})}))
ONYX_TYPE_SET(all_numeric_ir13, concat({all_numeric_ir12(), tensors({"uint2", "int2"})}))
ONYX_TYPE_SET(math_reduction,
              tensors({"uint32", "uint64", "int32", "int64", "float16", "float", "double"}))
ONYX_TYPE_SET(math_reduction_ir4, concat({math_reduction(), tensors({"bfloat16"})}))
ONYX_TYPE_SET(math_reduction_ir9, concat({math_reduction_ir4(), tensors({ONYX_FLOAT8})}))
ONYX_TYPE_SET(all_tensor,
              concat({all_numeric(), tensors({"string", "bool", "complex64", "complex128"})}))
ONYX_TYPE_SET(all_tensor_ir4, concat({all_tensor(), tensors({"bfloat16"})}))
ONYX_TYPE_SET(all_tensor_ir9, concat({all_tensor_ir4(), tensors({ONYX_FLOAT8})}))
ONYX_TYPE_SET(all_tensor_ir10, concat({all_tensor_ir9(), tensors({"uint4", "int4"})}))
ONYX_TYPE_SET(all_tensor_ir11, concat({all_tensor_ir10(), tensors({"float4e2m1"})}))
ONYX_TYPE_SET(all_tensor_ir12, concat({all_tensor_ir11(), tensors({"float8e8m0"})}))
ONYX_TYPE_SET(all_tensor_ir13, concat({all_tensor_ir12(), tensors({"uint2", "int2"})}))

namespace {
TypeList without(const TypeList& in, std::initializer_list<const char*> drop) {
  TypeList out;
  for (const std::string& t : in) {
    bool keep = true;
    for (const char* d : drop) keep = keep && t != d;
    if (keep) out.push_back(t);
  }
  return out;
}
}  // namespace

ONYX_TYPE_SET(non_complex_tensor_ir10,
              without(all_tensor_ir10(), {"tensor(complex64)", "tensor(complex128)"}))
ONYX_TYPE_SET(non_complex_tensor_ir11,
              without(all_tensor_ir11(), {"tensor(complex64)", "tensor(complex128)"}))
ONYX_TYPE_SET(non_complex_tensor_ir12,
              without(all_tensor_ir12(), {"tensor(complex64)", "tensor(complex128)"}))
ONYX_TYPE_SET(non_complex_tensor_ir13,
              without(all_tensor_ir13(), {"tensor(complex64)", "tensor(complex128)"}))
ONYX_TYPE_SET(non_string_tensor_ir13, without(all_tensor_ir13(), {"tensor(string)"}))
ONYX_TYPE_SET(non_complex_numeric_bool_ir4, concat({all_numeric_ir4(), tensors({"bool"})}))
ONYX_TYPE_SET(float_ir4, tensors({"bfloat16", "float16", "float", "double"}))
ONYX_TYPE_SET(float_ir4_plus_int8, concat({float_ir4(), tensors({"int8", "uint8"})}))
ONYX_TYPE_SET(float_ir9, concat({float_ir4(), tensors({ONYX_FLOAT8})}))
ONYX_TYPE_SET(float3, tensors({"float16", "float", "double"}))
ONYX_TYPE_SET(all_numeric_seq, seq(all_numeric()))
ONYX_TYPE_SET(all_tensor_seq, seq(all_tensor()))
ONYX_TYPE_SET(all_tensor_seq_ir4, seq(all_tensor_ir4()))
ONYX_TYPE_SET(all_tensor_seq_ir9, seq(all_tensor_ir9()))
ONYX_TYPE_SET(all_tensor_seq_ir10, seq(all_tensor_ir10()))
ONYX_TYPE_SET(all_tensor_seq_ir11, seq(all_tensor_ir11()))
ONYX_TYPE_SET(all_tensor_seq_ir12, seq(all_tensor_ir12()))
ONYX_TYPE_SET(all_tensor_seq_ir13, seq(all_tensor_ir13()))
ONYX_TYPE_SET(all_optional, concat({optional(all_tensor_seq()), optional(all_tensor())}))
ONYX_TYPE_SET(all_optional_ir4,
              concat({optional(all_tensor_seq_ir4()), optional(all_tensor_ir4())}))
ONYX_TYPE_SET(all_optional_ir9,
              concat({optional(all_tensor_seq_ir4()), optional(all_tensor_ir9())}))
ONYX_TYPE_SET(all_optional_ir10,
              concat({optional(all_tensor_seq_ir4()), optional(all_tensor_ir10())}))
ONYX_TYPE_SET(all_optional_ir11,
              concat({optional(all_tensor_seq_ir4()), optional(all_tensor_ir11())}))
ONYX_TYPE_SET(all_optional_ir12,
              concat({optional(all_tensor_seq_ir4()), optional(all_tensor_ir12())}))
ONYX_TYPE_SET(all_optional_ir13,
              concat({optional(all_tensor_seq_ir4()), optional(all_tensor_ir13())}))

#undef ONYX_TYPE_SET
#undef ONYX_INTS
#undef ONYX_FLOAT8

}  // namespace onyx::schema::types
