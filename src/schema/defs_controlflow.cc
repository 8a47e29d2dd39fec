// Schemas of the ONNX standard's "controlflow" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

void add_if(SchemaBuilder& b) {
  b.op("If", 1)
      .summary(
          "Runs the then_branch graph when the scalar bool cond is true and else_branch otherwise, "
          "returning that branch's outputs.")
      .input("cond", "B")
      .output("outputs", "V", Option::kVariadic, false)
      .types("B", types::tensors({"bool"}))
      .types("V", types::all_tensor())
      .required_attr("else_branch", AttrType::kGraph)
      .required_attr("then_branch", AttrType::kGraph);
  b.next(11);
  b.next(13).types("V", types::concat({types::all_tensor(), types::all_tensor_seq()}));
  b.next(16).types("V", types::concat({types::all_optional_ir4(), types::all_tensor_ir4(),
                                       types::all_tensor_seq_ir4()}));
  b.next(19).types("V", types::concat({types::all_optional_ir9(), types::all_tensor_ir9(),
                                       types::all_tensor_seq_ir9()}));
  b.next(21).types("V", types::concat({types::all_optional_ir10(), types::all_tensor_ir10(),
                                       types::all_tensor_seq_ir10()}));
  b.next(23).types("V", types::concat({types::all_optional_ir11(), types::all_tensor_ir11(),
                                       types::all_tensor_seq_ir11()}));
  b.next(24).types("V", types::concat({types::all_optional_ir12(), types::all_tensor_ir12(),
                                       types::all_tensor_seq_ir12()}));
  b.next(25).types("V", types::concat({types::all_optional_ir13(), types::all_tensor_ir13(),
                                       types::all_tensor_seq_ir13()}));
}

void add_loop(SchemaBuilder& b) {
  b.op("Loop", 1)
      .summary(
          "Runs the body graph repeatedly, up to a trip count M and while cond stays true, "
          "threading loop-carried values and stacking per-iteration scan outputs.")
      .input("M", "I", Option::kOptional)
      .input("cond", "B", Option::kOptional)
      .input("v_initial", "V", Option::kVariadic, false)
      .output("v_final_and_scan_outputs", "V", Option::kVariadic, false)
      .types("B", types::tensors({"bool"}))
      .types("I", types::tensors({"int64"}))
      .types("V", types::all_tensor())
      .required_attr("body", AttrType::kGraph);
  b.next(11).input("v_initial", "V", Option::kVariadic, false, 0);
  b.next(13).types("V", types::concat({types::all_tensor(), types::all_tensor_seq()}));
  b.next(16).types("V", types::concat({types::all_optional_ir4(), types::all_tensor_ir4(),
                                       types::all_tensor_seq_ir4()}));
  b.next(19).types("V", types::concat({types::all_optional_ir9(), types::all_tensor_ir9(),
                                       types::all_tensor_seq_ir9()}));
  b.next(21).types("V", types::concat({types::all_optional_ir10(), types::all_tensor_ir10(),
                                       types::all_tensor_seq_ir10()}));
  b.next(23).types("V", types::concat({types::all_optional_ir11(), types::all_tensor_ir11(),
                                       types::all_tensor_seq_ir11()}));
  b.next(24).types("V", types::concat({types::all_optional_ir12(), types::all_tensor_ir12(),
                                       types::all_tensor_seq_ir12()}));
  b.next(25).types("V", types::concat({types::all_optional_ir13(), types::all_tensor_ir13(),
                                       types::all_tensor_seq_ir13()}));
}

void add_scan(SchemaBuilder& b) {
  b.op("Scan", 8)
      .summary(
          "Runs the body graph once per slice of the scan inputs along their scan axes, carrying "
          "state values between iterations and stacking per-iteration outputs.")
      .input("sequence_lens", "I", Option::kOptional)
      .input("initial_state_and_scan_inputs", "V", Option::kVariadic, false)
      .output("final_state_and_scan_outputs", "V", Option::kVariadic, false)
      .types("I", types::tensors({"int64"}))
      .types("V", types::all_tensor())
      .required_attr("body", AttrType::kGraph)
      .attr("directions", AttrType::kInts)
      .required_attr("num_scan_inputs", AttrType::kInt);
  b.next(9)
      .remove_input("sequence_lens")
      .remove_types("I")
      .remove_attr("directions")
      .attr("scan_input_axes", AttrType::kInts)
      .attr("scan_input_directions", AttrType::kInts)
      .attr("scan_output_axes", AttrType::kInts)
      .attr("scan_output_directions", AttrType::kInts);
  b.next(11);
  b.next(16).types("V", types::all_tensor_ir4());
  b.next(19).types("V", types::all_tensor_ir9());
  b.next(21).types("V", types::all_tensor_ir10());
  b.next(23).types("V", types::all_tensor_ir11());
  b.next(24).types("V", types::all_tensor_ir12());
  b.next(25).types("V", types::all_tensor_ir13());
}

}  // namespace

void add_controlflow_schemas(SchemaBuilder& b) {
  add_if(b);
  add_loop(b);
  add_scan(b);
}

}  // namespace onyx::schema
