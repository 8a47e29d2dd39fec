// Schemas of the ONNX standard's "tensor" operators that rearrange data or shapes: joining,
// splitting, reshaping, transposing, padding and tiling (see schema/defs.h; the rest of the family
// is in defs_tensor_*.cc).
#include "schema/defs.h"
#include "schema/defs_tensor_internal.h"

namespace onyx::schema {

void add_tensor_schemas(SchemaBuilder& b) {
  b.op("Concat", 1)
      .summary("Joins the input tensors end to end along one axis.")
      .input("inputs", "T", Option::kVariadic)
      .output("concat_result", "T")
      .types("T", types::float3())
      .attr("axis", AttrType::kInt);
  b.next(4).types("T", types::all_tensor()).required_attr("axis", AttrType::kInt);
  b.next(11);  // negative axis allowed
  b.next(13).types("T", types::all_tensor_ir4());

  b.op("Split", 1)
      .summary(
          "Cuts the input into several outputs along one axis, in given lengths or in equal parts.")
      .input("input", "T")
      .input("split", "T", Option::kOptional)
      .output("outputs...", "T", Option::kVariadic)
      .types("T", types::float3())
      .attr("axis", AttrType::kInt)
      .attr("split", AttrType::kInts);
  b.next(2)
      .remove_input("split")
      .clear_outputs()
      .output("outputs", "T", Option::kVariadic)
      .types("T", types::all_tensor())
      .attr("axis", AttrType::kInt, "0");
  b.next(11);  // negative axis allowed
  b.next(13)
      .input("split", "tensor(int64)", Option::kOptional)
      .types("T", types::all_tensor_ir4())
      .remove_attr("split");
  b.next(18).attr("num_outputs", AttrType::kInt);

  b.op("Reshape", 1)
      .summary(
          "Returns the input's elements in a new shape, where a 0 keeps the input's dimension and "
          "one -1 is inferred.")
      .input("data", "T")
      .output("reshaped", "T")
      .types("T", types::float3())
      .attr("consumed_inputs", AttrType::kInts)
      .attr("shape", AttrType::kInts);
  b.next(5)
      .input("shape", "tensor(int64)")
      .types("T", types::all_tensor())
      .remove_attr("consumed_inputs")
      .remove_attr("shape");
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(14).attr("allowzero", AttrType::kInt, "0");
  b.next(19).types("T", types::all_tensor_ir9());
  b.next(21).types("T", types::all_tensor_ir10());
  b.next(23).types("T", types::all_tensor_ir11());
  b.next(24).types("T", types::all_tensor_ir12());
  b.next(25).types("T", types::all_tensor_ir13());

  b.op("Shape", 1)
      .summary(
          "Returns the input's dimensions (optionally only the start..end range of them) as a 1-D "
          "int64 tensor.")
      .input("data", "T")
      .output("shape", "T1")
      .types("T", types::all_tensor())
      .types("T1", types::tensors({"int64"}));
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(15).attr("end", AttrType::kInt).attr("start", AttrType::kInt, "0");
  b.next(19).types("T", types::all_tensor_ir9());
  b.next(21).types("T", types::all_tensor_ir10());
  b.next(23).types("T", types::all_tensor_ir11());
  b.next(24).types("T", types::all_tensor_ir12());
  b.next(25).types("T", types::all_tensor_ir13());

  b.op("Size", 1)
      .summary("Returns the input's total number of elements as an int64 scalar.")
      .input("data", "T")
      .output("size", "T1")
      .types("T", types::all_tensor())
      .types("T1", types::tensors({"int64"}));
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(19).types("T", types::all_tensor_ir9());
  b.next(21).types("T", types::all_tensor_ir10());
  b.next(23).types("T", types::all_tensor_ir11());
  b.next(24).types("T", types::all_tensor_ir12());
  b.next(25).types("T", types::all_tensor_ir13());

  b.op("Squeeze", 1)
      .summary(
          "Removes dimensions of length 1: the listed axes, or all of them when none are listed.")
      .input("data", "T")
      .output("squeezed", "T")
      .types("T", types::all_tensor())
      .attr("axes", AttrType::kInts);
  b.next(11);  // negative axes allowed
  b.next(13)
      .input("axes", "tensor(int64)", Option::kOptional)
      .types("T", types::all_tensor_ir4())
      .remove_attr("axes");
  b.next(21).types("T", types::all_tensor_ir10());
  b.next(23).types("T", types::all_tensor_ir11());
  b.next(24).types("T", types::all_tensor_ir12());
  b.next(25).types("T", types::all_tensor_ir13());

  b.op("Unsqueeze", 1)
      .summary("Inserts dimensions of length 1 at the given axes of the output.")
      .input("data", "T")
      .output("expanded", "T")
      .types("T", types::all_tensor())
      .required_attr("axes", AttrType::kInts);
  b.next(11);  // negative axes allowed
  b.next(13).input("axes", "tensor(int64)").types("T", types::all_tensor_ir4()).remove_attr("axes");
  b.next(21).types("T", types::all_tensor_ir10());
  b.next(23).types("T", types::all_tensor_ir11());
  b.next(24).types("T", types::all_tensor_ir12());
  b.next(25).types("T", types::all_tensor_ir13());

  b.op("Transpose", 1)
      .summary("Permutes the input's axes as perm lists them (reverses them when perm is absent).")
      .input("data", "T")
      .output("transposed", "T")
      .types("T", types::all_tensor())
      .attr("perm", AttrType::kInts);
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(21).types("T", types::all_tensor_ir10());
  b.next(23).types("T", types::all_tensor_ir11());
  b.next(24).types("T", types::all_tensor_ir12());
  b.next(25).types("T", types::all_tensor_ir13());

  b.op("Identity", 1)
      .summary("Returns its input unchanged.")
      .input("input", "T")
      .output("output", "T")
      .types("T", types::all_tensor());
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(14)
      .input("input", "V")
      .output("output", "V")
      .remove_types("T")
      .types("V", types::concat({types::all_tensor_ir4(), types::all_tensor_seq()}));
  b.next(16).types("V", types::concat({types::all_optional(), types::all_tensor_ir4(),
                                       types::all_tensor_seq()}));
  b.next(19).types("V", types::concat({types::all_optional(), types::all_tensor_ir9(),
                                       types::all_tensor_seq()}));
  b.next(21).types("V", types::concat({types::all_optional(), types::all_tensor_ir10(),
                                       types::all_tensor_seq()}));
  b.next(23).types("V", types::concat({types::all_optional(), types::all_tensor_ir11(),
                                       types::all_tensor_seq()}));
  b.next(24).types("V", types::concat({types::all_optional(), types::all_tensor_ir12(),
                                       types::all_tensor_seq()}));
  b.next(25).types("V", types::concat({types::all_optional(), types::all_tensor_ir13(),
                                       types::all_tensor_seq()}));

  b.op("Tile", 1)
      .summary("Repeats the input along each axis the given number of times.")
      .input("input", "T")
      .input("tiles", "T")
      .input("axis", "T")
      .output("output", "T")
      .types("T", types::float3())
      .types("T1", types::tensors({"int64"}));
  b.next(6)
      .clear_inputs()
      .input("input", "T")
      .input("repeats", "T1")
      .types("T", types::all_tensor());
  b.next(13).types("T", types::all_tensor_ir4());

  b.op("Pad", 1)
      .summary(
          "Extends the input before and after each axis with a constant, mirrored, edge-repeated "
          "or wrapped-around border of the given widths.")
      .input("data", "T")
      .output("output", "T")
      .types("T", types::float3())
      .attr("mode", AttrType::kString, "constant")
      .required_attr("paddings", AttrType::kInts)
      .attr("value", AttrType::kFloat, "0.0");
  b.next(2).remove_attr("paddings").required_attr("pads", AttrType::kInts);
  b.next(11)
      .input("pads", "tensor(int64)")
      .input("constant_value", "T", Option::kOptional)
      .types("T", types::all_numeric())
      .remove_attr("pads")
      .remove_attr("value");
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(18)
      .input("axes", "Tind", Option::kOptional)
      .types("Tind", types::tensors({"int32", "int64"}));
  b.next(19);  // adds mode "wrap"
  b.next(21).types("T", types::all_tensor_ir10());
  b.next(23).types("T", types::all_tensor_ir11());
  b.next(24).types("T", types::all_tensor_ir12());
  b.next(25).types("T", types::all_tensor_ir13());

  b.op("CenterCropPad", 18)
      .summary(
          "Crops or pads the input symmetrically around its center so that each chosen axis "
          "reaches the requested length.")
      .input("input_data", "T")
      .input("shape", "Tind")
      .output("output_data", "T")
      .types("T", types::all_tensor_ir4())
      .types("Tind", types::tensors({"int32", "int64"}))
      .attr("axes", AttrType::kInts);

  b.op("DepthToSpace", 1)
      .summary(
          "Moves blocks of channel values into the height and width dimensions (the inverse of "
          "SpaceToDepth).")
      .input("input", "T")
      .output("output", "T")
      .types("T", types::all_tensor())
      .required_attr("blocksize", AttrType::kInt);
  b.next(11).attr("mode", AttrType::kString, "DCR");
  b.next(13).types("T", types::all_tensor_ir4());

  b.op("SpaceToDepth", 1)
      .summary(
          "Moves non-overlapping blocks of the height and width dimensions into the channel "
          "dimension.")
      .input("input", "T")
      .output("output", "T")
      .types("T", types::all_tensor())
      .required_attr("blocksize", AttrType::kInt);
  b.next(13).types("T", types::all_tensor_ir4());

  add_tensor_indexing_schemas(b);
  add_tensor_cast_schemas(b);
  add_tensor_resample_schemas(b);
}

}  // namespace onyx::schema
