// Schemas of the ONNX standard's "optional" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

void add_optional(SchemaBuilder& b) {
  b.op("Optional", 15)
      .summary(
          "Wraps its input (or, without one, nothing of the given type attribute) in an optional "
          "value.")
      .input("input", "V", Option::kOptional)
      .output("output", "O")
      .types("O", types::all_optional())
      .types("V", types::concat({types::all_tensor(), types::all_tensor_seq()}))
      .attr("type", AttrType::kTypeProto);
}

void add_optional_get_element(SchemaBuilder& b) {
  b.op("OptionalGetElement", 15)
      .summary(
          "Returns the value held by an optional input (an error if empty); a plain tensor or "
          "sequence passes through.")
      .input("input", "O")
      .output("output", "V")
      .types("O", types::all_optional())
      .types("V", types::concat({types::all_tensor(), types::all_tensor_seq()}));
  b.next(18).types(
      "O", types::concat({types::all_optional(), types::all_tensor(), types::all_tensor_seq()}));
}

void add_optional_has_element(SchemaBuilder& b) {
  b.op("OptionalHasElement", 15)
      .summary("Outputs a bool scalar telling whether the optional input holds a value.")
      .input("input", "O")
      .output("output", "B")
      .types("B", types::tensors({"bool"}))
      .types("O", types::all_optional());
  b.next(18)
      .input("input", "O", Option::kOptional)
      .types("O",
             types::concat({types::all_optional(), types::all_tensor(), types::all_tensor_seq()}));
}

}  // namespace

void add_optional_schemas(SchemaBuilder& b) {
  add_optional(b);
  add_optional_get_element(b);
  add_optional_has_element(b);
}

}  // namespace onyx::schema
