// Schemas of the ONNX standard's "controlflow" operators (see schema/defs.h): If, Loop, Scan.
#include "schema/defs.h"

namespace onyx::schema {
namespace {

using TypeSet = const types::TypeList& (*)();

// The opsets that widened the control-flow ops' value types to a newer IR's element types, with
// the tensor, sequence and optional sets of that IR.
struct ValueTypesStep {
  int since;
  TypeSet tensor, seq, optional;
};
constexpr ValueTypesStep kValueTypesSteps[] = {
    {16, types::all_tensor_ir4, types::all_tensor_seq_ir4, types::all_optional_ir4},
    {19, types::all_tensor_ir9, types::all_tensor_seq_ir9, types::all_optional_ir9},
    {21, types::all_tensor_ir10, types::all_tensor_seq_ir10, types::all_optional_ir10},
    {23, types::all_tensor_ir11, types::all_tensor_seq_ir11, types::all_optional_ir11},
    {24, types::all_tensor_ir12, types::all_tensor_seq_ir12, types::all_optional_ir12},
    {25, types::all_tensor_ir13, types::all_tensor_seq_ir13, types::all_optional_ir13},
};

// If and Loop: V is any tensor until opset 13 adds sequences; from opset 16 on each step allows
// every tensor, sequence and optional type of its IR.
void add_value_type_versions(SchemaBuilder& b) {
  b.next(13).types("V", types::concat({types::all_tensor(), types::all_tensor_seq()}));
  for (const ValueTypesStep& step : kValueTypesSteps)
    b.next(step.since).types("V", types::concat({step.tensor(), step.seq(), step.optional()}));
}

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
  b.next(11);  // signature unchanged (branch outputs may differ in shape from here on)
  add_value_type_versions(b);
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
  // From opset 11 the loop may carry no values: M and cond alone make a valid node.
  b.next(11).input("v_initial", "V", Option::kVariadic, false, 0);
  add_value_type_versions(b);
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
  b.next(11);  // signature unchanged (negative axes accepted from here on)
  for (const ValueTypesStep& step : kValueTypesSteps) b.next(step.since).types("V", step.tensor());
}

}  // namespace

void add_controlflow_schemas(SchemaBuilder& b) {
  add_if(b);
  add_loop(b);
  add_scan(b);
}

}  // namespace onyx::schema
