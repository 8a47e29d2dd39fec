// Schemas of the "tensor" family's resampling operators: resizing and grid sampling.
#include "schema/defs_tensor_internal.h"

namespace onyx::schema {

void add_tensor_resample_schemas(SchemaBuilder& b) {
  b.op("Resize", 10)
      .summary(
          "Rescales the input's dimensions by scale factors or to target sizes with nearest, "
          "linear or cubic interpolation.")
      .input("X", "T")
      .input("scales", "tensor(float)")
      .output("Y", "T")
      .types("T", types::all_tensor())
      .attr("mode", AttrType::kString, "nearest");
  b.next(11)
      .clear_inputs()
      .input("X", "T1")
      .input("roi", "T2")
      .input("scales", "tensor(float)")
      .input("sizes", "tensor(int64)", Option::kOptional)
      .output("Y", "T1")
      .remove_types("T")
      .types("T1", types::all_tensor())
      .types("T2", types::float3())
      .attr("coordinate_transformation_mode", AttrType::kString, "half_pixel")
      .attr("cubic_coeff_a", AttrType::kFloat, "-0.75")
      .attr("exclude_outside", AttrType::kInt, "0")
      .attr("extrapolation_value", AttrType::kFloat, "0.0")
      .attr("nearest_mode", AttrType::kString, "round_prefer_floor");
  b.next(13)
      .input("roi", "T2", Option::kOptional)
      .input("scales", "tensor(float)", Option::kOptional)
      .types("T1", types::all_tensor_ir4());
  b.next(18)
      .attr("antialias", AttrType::kInt, "0")
      .attr("axes", AttrType::kInts)
      .attr("keep_aspect_ratio_policy", AttrType::kString, "stretch");
  b.next(19);  // adds coordinate_transformation_mode "half_pixel_symmetric"

  b.op("Upsample", 1)
      .summary(
          "Enlarges the input by per-axis scale factors with nearest or linear interpolation "
          "(superseded by Resize).")
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::tensors({"bool", "double", "float", "float16", "int32", "int64"}))
      .required_attr("height_scale", AttrType::kFloat)
      .attr("mode", AttrType::kString, "nearest")
      .required_attr("width_scale", AttrType::kFloat);
  b.next(7)
      .types("T", types::all_tensor())
      .remove_attr("height_scale")
      .remove_attr("width_scale")
      .required_attr("scales", AttrType::kFloats);
  b.next(9).input("scales", "tensor(float)").remove_attr("scales");
  b.next(10).deprecated();  // replaced by Resize-10

  // GridSample-16 as the onnx 1.23 sources state it: grid has its own float type T2 and Y has X's
  // type T1 (onnx 1.12 listed them the other way round).
  b.op("GridSample", 16)
      .summary(
          "Samples the input by interpolation at the normalized positions of a grid, with a chosen "
          "rule for positions outside the input.")
      .input("X", "T1")
      .input("grid", "T2")
      .output("Y", "T1")
      .types("T1", types::all_tensor())
      .types("T2", types::float3())
      .attr("align_corners", AttrType::kInt, "0")
      .attr("mode", AttrType::kString, "bilinear")
      .attr("padding_mode", AttrType::kString, "zeros");
  b.next(20).attr("mode", AttrType::kString, "linear");  // modes renamed: linear, nearest, cubic
  b.next(22).types("T1", types::all_tensor_ir4()).types("T2", types::float_ir4());

  b.op("AffineGrid", 20)
      .summary(
          "Builds a grid of normalized 2-D or 3-D sampling coordinates by applying a batch of "
          "affine matrices theta to a regular grid of the requested output size.")
      .input("theta", "T1")
      .input("size", "T2")
      .output("grid", "T1")
      .types("T1", types::float_ir4())
      .types("T2", types::tensors({"int64"}))
      .attr("align_corners", AttrType::kInt, "0");
}

}  // namespace onyx::schema
