// Schemas of the ONNX standard's "rnn" operators (see schema/defs.h): RNN, GRU and LSTM share
// their leading inputs, most attributes and the way their versions evolved.
#include "schema/defs.h"

namespace onyx::schema {
namespace {

// Version 1 of a recurrent layer: the inputs X, W, R, B, sequence_lens, initial_h and the
// attributes all three ops have. Callers add their extra inputs, outputs and attributes.
void recurrent_v1(SchemaBuilder& b, const char* name, const char* summary) {
  b.op(name, 1)
      .summary(summary)
      .input("X", "T")
      .input("W", "T")
      .input("R", "T")
      .input("B", "T", Option::kOptional)
      .input("sequence_lens", "T1", Option::kOptional)
      .input("initial_h", "T", Option::kOptional)
      .types("T", types::float3())
      .types("T1", types::tensors({"int32"}))
      .attr("activation_alpha", AttrType::kFloats)
      .attr("activation_beta", AttrType::kFloats)
      .attr("activations", AttrType::kStrings)
      .attr("clip", AttrType::kFloat)
      .attr("direction", AttrType::kString, "forward")
      .attr("hidden_size", AttrType::kInt)
      .attr("output_sequence", AttrType::kInt, "0");
}

// The changes all three ops went through together: opset 7 drops output_sequence, opset 14 adds
// the batch-major `layout`, opset 22 adds bfloat16.
void recurrent_v7_to_v22(SchemaBuilder& b) {
  b.next(7).remove_attr("output_sequence");
  b.next(14).attr("layout", AttrType::kInt, "0");
  b.next(22).types("T", types::float_ir4());
}

}  // namespace

void add_rnn_schemas(SchemaBuilder& b) {
  // RNN: 1, 7, 14, 22
  recurrent_v1(b, "RNN",
               "Simple recurrent layer: runs a single-activation cell over a sequence, forward, "
               "backward or both ways.");
  b.output("Y", "T", Option::kOptional)
      .output("Y_h", "T", Option::kOptional)
      .attr("activations", AttrType::kStrings, "[\"Tanh\", \"Tanh\"]");
  recurrent_v7_to_v22(b);

  // GRU: 1, 3, 7, 14, 22. Version 1's default direction is misspelled "foward" in ONNX itself
  // (kept: the table mirrors the standard); version 3 fixes it.
  recurrent_v1(b, "GRU",
               "Gated recurrent unit layer (update and reset gates) run over a sequence, forward, "
               "backward or both ways.");
  b.output("Y", "T", Option::kOptional)
      .output("Y_h", "T")
      .attr("direction", AttrType::kString, "foward");
  b.next(3)
      .output("Y_h", "T", Option::kOptional)
      .attr("direction", AttrType::kString, "forward")
      .attr("linear_before_reset", AttrType::kInt, "0");
  recurrent_v7_to_v22(b);

  // LSTM: 1, 7, 14, 22
  recurrent_v1(b, "LSTM",
               "Long short-term memory layer (input, forget and output gates, optional "
               "peepholes) run over a sequence, forward, backward or both ways.");
  b.input("initial_c", "T", Option::kOptional)
      .input("P", "T", Option::kOptional)
      .output("Y", "T", Option::kOptional)
      .output("Y_h", "T", Option::kOptional)
      .output("Y_c", "T", Option::kOptional)
      .attr("input_forget", AttrType::kInt, "0");
  recurrent_v7_to_v22(b);
}

}  // namespace onyx::schema
