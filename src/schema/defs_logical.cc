// Schemas of the ONNX standard's "logical" operators (see schema/defs.h): boolean logic,
// comparisons and bitwise integer operations.
#include "schema/defs.h"

namespace onyx::schema {
namespace {

const types::TypeList& bool_tensor() {
  static const types::TypeList v = types::tensors({"bool"});
  return v;
}

const types::TypeList& integer_tensors() {
  static const types::TypeList v =
      types::tensors({"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"});
  return v;
}

// A binary op C = f(A, B) with A, B of type T and C of type `out`. Version 1 also has the legacy
// `broadcast`/`axis` attributes, which version 7 (numpy-style broadcasting) drops.
void binary_op(SchemaBuilder& b, const std::string& name, int since, const std::string& summary,
               const std::string& out) {
  b.op(name, since).summary(summary).input("A", "T").input("B", "T").output("C", out);
  if (since == 1) b.attr("axis", AttrType::kInt).attr("broadcast", AttrType::kInt, "0");
}

// And, Or, Xor: bool in, bool out.
void add_bool_binary(SchemaBuilder& b, const std::string& name, const std::string& summary) {
  binary_op(b, name, 1, summary, "T1");
  b.types("T", bool_tensor()).types("T1", bool_tensor());
  b.next(7).remove_attr("axis").remove_attr("broadcast");
}

// Greater, Less: ordered comparison giving bool.
void add_ordered_compare(SchemaBuilder& b, const std::string& name, const std::string& summary) {
  binary_op(b, name, 1, summary, "T1");
  b.types("T", types::float3()).types("T1", bool_tensor());
  b.next(7).remove_attr("axis").remove_attr("broadcast");
  b.next(9).types("T", types::all_numeric());
  b.next(13).types("T", types::all_numeric_ir4());
}

// GreaterOrEqual, LessOrEqual.
void add_ordered_compare_or_equal(SchemaBuilder& b, const std::string& name,
                                  const std::string& summary) {
  binary_op(b, name, 12, summary, "T1");
  b.types("T", types::all_numeric()).types("T1", bool_tensor());
  b.next(16).types("T", types::all_numeric_ir4());
}

// BitwiseAnd, BitwiseOr, BitwiseXor.
void add_bitwise_binary(SchemaBuilder& b, const std::string& name, const std::string& summary) {
  binary_op(b, name, 18, summary, "T");
  b.types("T", integer_tensors());
}

void add_equal(SchemaBuilder& b) {
  binary_op(b, "Equal", 1, "Elementwise A == B, giving a bool tensor.", "T1");
  b.types("T", types::tensors({"bool", "int32", "int64"})).types("T1", bool_tensor());
  b.next(7).remove_attr("axis").remove_attr("broadcast");
  b.next(11).types("T", types::concat({types::all_numeric(), bool_tensor()}));
  b.next(13).types("T", types::non_complex_numeric_bool_ir4());
  b.next(19).types(
      "T", types::concat({types::non_complex_numeric_bool_ir4(), types::tensors({"string"})}));
}

void add_not(SchemaBuilder& b) {
  b.op("Not", 1)
      .summary("Elementwise logical negation of a bool tensor.")
      .input("X", "T")
      .output("Y", "T")
      .types("T", bool_tensor());
}

void add_bitwise_not(SchemaBuilder& b) {
  b.op("BitwiseNot", 18)
      .summary("Elementwise bitwise complement of an integer tensor.")
      .input("X", "T")
      .output("Y", "T")
      .types("T", integer_tensors());
}

void add_bit_shift(SchemaBuilder& b) {
  b.op("BitShift", 11)
      .summary(
          "Shifts each element of X left or right (per the direction attribute) by the number of "
          "bits in the matching element of Y.")
      .input("X", "T")
      .input("Y", "T")
      .output("Z", "T")
      .types("T", types::tensors({"uint8", "uint16", "uint32", "uint64"}))
      .required_attr("direction", AttrType::kString);
}

}  // namespace

void add_logical_schemas(SchemaBuilder& b) {
  add_bool_binary(b, "And", "Elementwise logical AND of two bool tensors.");
  add_bool_binary(b, "Or", "Elementwise logical OR of two bool tensors.");
  add_bool_binary(b, "Xor", "Elementwise logical exclusive OR of two bool tensors.");
  add_not(b);
  add_equal(b);
  add_ordered_compare(b, "Greater", "Elementwise A > B, giving a bool tensor.");
  add_ordered_compare(b, "Less", "Elementwise A < B, giving a bool tensor.");
  add_ordered_compare_or_equal(b, "GreaterOrEqual", "Elementwise A >= B, giving a bool tensor.");
  add_ordered_compare_or_equal(b, "LessOrEqual", "Elementwise A <= B, giving a bool tensor.");
  add_bitwise_binary(b, "BitwiseAnd",
                     "Elementwise bitwise AND of two integer tensors (with broadcasting).");
  add_bitwise_binary(b, "BitwiseOr",
                     "Elementwise bitwise OR of two integer tensors (with broadcasting).");
  add_bitwise_binary(
      b, "BitwiseXor",
      "Elementwise bitwise exclusive OR of two integer tensors (with broadcasting).");
  add_bitwise_not(b);
  add_bit_shift(b);
}

}  // namespace onyx::schema
