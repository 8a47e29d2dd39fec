// Schemas of the ONNX standard's "sequence" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

void add_concat_from_sequence(SchemaBuilder& b) {
  b.op("ConcatFromSequence", 11)
      .summary(
          "Concatenates the tensors of a sequence along an axis, or stacks them along a new axis "
          "when new_axis is 1.")
      .input("input_sequence", "S")
      .output("concat_result", "T")
      .types("S", types::all_tensor_seq())
      .types("T", types::all_tensor())
      .required_attr("axis", AttrType::kInt)
      .attr("new_axis", AttrType::kInt, "0");
}

void add_sequence_at(SchemaBuilder& b) {
  b.op("SequenceAt", 11)
      .summary("Returns the tensor at a (possibly negative) position of a sequence.")
      .input("input_sequence", "S")
      .input("position", "I")
      .output("tensor", "T")
      .types("I", types::tensors({"int32", "int64"}))
      .types("S", types::all_tensor_seq())
      .types("T", types::all_tensor());
}

void add_sequence_construct(SchemaBuilder& b) {
  b.op("SequenceConstruct", 11)
      .summary("Builds a sequence from its input tensors, which must share one element type.")
      .input("inputs", "T", Option::kVariadic)
      .output("output_sequence", "S")
      .types("S", types::all_tensor_seq())
      .types("T", types::all_tensor());
}

void add_sequence_empty(SchemaBuilder& b) {
  b.op("SequenceEmpty", 11)
      .summary("Creates an empty sequence whose tensors have the element type given by dtype.")
      .output("output", "S")
      .types("S", types::all_tensor_seq())
      .attr("dtype", AttrType::kInt);
}

void add_sequence_erase(SchemaBuilder& b) {
  b.op("SequenceErase", 11)
      .summary(
          "Returns a copy of the sequence without the tensor at the given position (the last one "
          "by default).")
      .input("input_sequence", "S")
      .input("position", "I", Option::kOptional)
      .output("output_sequence", "S")
      .types("I", types::tensors({"int32", "int64"}))
      .types("S", types::all_tensor_seq());
}

void add_sequence_insert(SchemaBuilder& b) {
  b.op("SequenceInsert", 11)
      .summary(
          "Returns a copy of the sequence with a tensor inserted at the given position (appended "
          "by default).")
      .input("input_sequence", "S")
      .input("tensor", "T")
      .input("position", "I", Option::kOptional)
      .output("output_sequence", "S")
      .types("I", types::tensors({"int32", "int64"}))
      .types("S", types::all_tensor_seq())
      .types("T", types::all_tensor());
}

void add_sequence_length(SchemaBuilder& b) {
  b.op("SequenceLength", 11)
      .summary("Returns the number of tensors in a sequence as an int64 scalar.")
      .input("input_sequence", "S")
      .output("length", "I")
      .types("I", types::tensors({"int64"}))
      .types("S", types::all_tensor_seq());
}

void add_sequence_map(SchemaBuilder& b) {
  b.op("SequenceMap", 17)
      .summary(
          "Runs the body graph once per sequence element (plus matching elements of further "
          "sequence inputs) and collects each output into a sequence.")
      .input("input_sequence", "S")
      .input("additional_inputs", "V", Option::kVariadic, false, 0)
      .output("out_sequence", "S", Option::kVariadic, false)
      .types("S", types::all_tensor_seq())
      .types("V", types::concat({types::all_tensor(), types::all_tensor_seq()}))
      .required_attr("body", AttrType::kGraph);
}

void add_split_to_sequence(SchemaBuilder& b) {
  b.op("SplitToSequence", 11)
      .summary(
          "Splits a tensor along an axis into a sequence of pieces, by the given lengths or into "
          "size-1 chunks.")
      .input("input", "T")
      .input("split", "I", Option::kOptional)
      .output("output_sequence", "S")
      .types("I", types::tensors({"int32", "int64"}))
      .types("S", types::all_tensor_seq())
      .types("T", types::all_tensor())
      .attr("axis", AttrType::kInt, "0")
      .attr("keepdims", AttrType::kInt, "1");
  b.next(24).types("S", types::all_tensor_seq_ir4()).types("T", types::all_tensor_ir4());
}

}  // namespace

void add_sequence_schemas(SchemaBuilder& b) {
  add_concat_from_sequence(b);
  add_sequence_at(b);
  add_sequence_construct(b);
  add_sequence_empty(b);
  add_sequence_erase(b);
  add_sequence_insert(b);
  add_sequence_length(b);
  add_sequence_map(b);
  add_split_to_sequence(b);
}

}  // namespace onyx::schema
