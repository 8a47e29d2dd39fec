// Schemas of the ONNX standard's "nn" operators (see schema/defs.h): pooling and convolution
// here; normalization in defs_nn_norm.cc, the rest in defs_nn_misc.cc.
#include "schema/defs.h"
#include "schema/defs_nn_internal.h"

namespace onyx::schema {
namespace {

// X -> Y, one constraint T of float3: the start of every pooling op.
void unary_float_op(SchemaBuilder& b, const char* name, int since_version, const char* summary) {
  b.op(name, since_version)
      .summary(summary)
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::float3());
}

// The sliding-window attributes of the first versions of AveragePool, MaxPool and LpPool.
void window_attrs(SchemaBuilder& b) {
  b.attr("auto_pad", AttrType::kString, "NOTSET")
      .required_attr("kernel_shape", AttrType::kInts)
      .attr("pads", AttrType::kInts)
      .attr("strides", AttrType::kInts);
}

// The attributes Conv, ConvTranspose, ConvInteger and QLinearConv share.
void conv_attrs(SchemaBuilder& b) {
  b.attr("auto_pad", AttrType::kString, "NOTSET")
      .attr("dilations", AttrType::kInts)
      .attr("group", AttrType::kInt, "1")
      .attr("kernel_shape", AttrType::kInts)
      .attr("pads", AttrType::kInts)
      .attr("strides", AttrType::kInts);
}

void add_pooling(SchemaBuilder& b) {
  // AveragePool: 1, 7, 10, 11, 19, 22
  unary_float_op(b, "AveragePool", 1,
                 "Slides a window over the spatial axes of X and outputs the mean of each window.");
  window_attrs(b);
  b.next(7).attr("count_include_pad", AttrType::kInt, "0");
  b.next(10).attr("ceil_mode", AttrType::kInt, "0");
  b.next(11);
  b.next(19).attr("dilations", AttrType::kInts);
  b.next(22).types("T", types::float_ir4());

  // MaxPool: 1, 8, 10, 11, 12, 22
  unary_float_op(b, "MaxPool", 1,
                 "Slides a window over the spatial axes of X and outputs the largest value of "
                 "each window, optionally with its flattened index.");
  window_attrs(b);
  b.next(8)
      .output("Indices", "I", Option::kOptional)
      .types("I", types::tensors({"int64"}))
      .attr("storage_order", AttrType::kInt, "0");
  b.next(10).attr("ceil_mode", AttrType::kInt, "0").attr("dilations", AttrType::kInts);
  b.next(11);
  b.next(12).types("T", types::concat({types::float3(), types::tensors({"int8", "uint8"})}));
  b.next(22).types("T", types::float_ir4_plus_int8());

  // LpPool: 1, 2, 11, 18, 22. Version 1 has an optional kernel_shape and a float p.
  unary_float_op(b, "LpPool", 1,
                 "Slides a window over the spatial axes of X and outputs the p-norm of each "
                 "window.");
  window_attrs(b);
  b.attr("kernel_shape", AttrType::kInts).attr("p", AttrType::kFloat, "2.0");
  b.next(2).required_attr("kernel_shape", AttrType::kInts).attr("p", AttrType::kInt, "2");
  b.next(11);
  b.next(18).attr("ceil_mode", AttrType::kInt, "0").attr("dilations", AttrType::kInts);
  b.next(22).types("T", types::float_ir4());

  // GlobalAveragePool, GlobalMaxPool: 1, 22
  unary_float_op(b, "GlobalAveragePool", 1,
                 "Mean of X over all spatial axes, which stay as size-1 dimensions.");
  b.next(22).types("T", types::float_ir4());
  unary_float_op(b, "GlobalMaxPool", 1,
                 "Maximum of X over all spatial axes, which stay as size-1 dimensions.");
  b.next(22).types("T", types::float_ir4());

  // GlobalLpPool: 1, 2, 22 (p is a float in version 1, an int since 2)
  unary_float_op(b, "GlobalLpPool", 1,
                 "p-norm of X over all spatial axes, which stay as size-1 dimensions.");
  b.attr("p", AttrType::kFloat, "2.0");
  b.next(2).attr("p", AttrType::kInt, "2");
  b.next(22).types("T", types::float_ir4());

  // MaxUnpool: 9, 11, 22
  b.op("MaxUnpool", 9)
      .summary(
          "Scatters pooled values back to the positions recorded by MaxPool's indices and "
          "fills every other position with zero.")
      .input("X", "T1")
      .input("I", "T2")
      .input("output_shape", "T2", Option::kOptional)
      .output("output", "T1")
      .types("T1", types::float3())
      .types("T2", types::tensors({"int64"}))
      .required_attr("kernel_shape", AttrType::kInts)
      .attr("pads", AttrType::kInts)
      .attr("strides", AttrType::kInts);
  b.next(11);
  b.next(22).types("T1", types::float_ir4());

  // MaxRoiPool: 1, 22
  unary_float_op(b, "MaxRoiPool", 1,
                 "Max-pools each region of interest of X into a fixed pooled_shape grid.");
  b.input("rois", "T")
      .required_attr("pooled_shape", AttrType::kInts)
      .attr("spatial_scale", AttrType::kFloat, "1.0");
  b.next(22).types("T", types::float_ir4());
}

void add_convolution(SchemaBuilder& b) {
  // Conv: 1, 11, 22
  b.op("Conv", 1)
      .summary(
          "N-d convolution of X with filters W (grouped, strided, dilated, padded), plus an "
          "optional bias B.")
      .input("X", "T")
      .input("W", "T")
      .input("B", "T", Option::kOptional)
      .output("Y", "T")
      .types("T", types::float3());
  conv_attrs(b);
  b.next(11);
  b.next(22).types("T", types::float_ir4());

  // ConvTranspose: 1, 11, 22 (Conv's signature plus the output size controls)
  b.op("ConvTranspose", 1)
      .summary(
          "N-d transposed (fractionally strided) convolution of X with filters W, plus an "
          "optional bias B.")
      .input("X", "T")
      .input("W", "T")
      .input("B", "T", Option::kOptional)
      .output("Y", "T")
      .types("T", types::float3())
      .attr("output_padding", AttrType::kInts)
      .attr("output_shape", AttrType::kInts);
  conv_attrs(b);
  b.next(11);
  b.next(22).types("T", types::float_ir4());

  // ConvInteger: 10
  b.op("ConvInteger", 10)
      .summary(
          "Convolution of integer tensors after subtracting their zero points, accumulated "
          "in int32.")
      .input("x", "T1")
      .input("w", "T2")
      .input("x_zero_point", "T1", Option::kOptional)
      .input("w_zero_point", "T2", Option::kOptional)
      .output("y", "T3")
      .types("T1", types::tensors({"int8", "uint8"}))
      .types("T2", types::tensors({"int8", "uint8"}))
      .types("T3", types::tensors({"int32"}));
  conv_attrs(b);

  // QLinearConv: 10
  b.op("QLinearConv", 10)
      .summary(
          "Convolution of quantized x and w given their scales and zero points, requantized "
          "to the output's scale and zero point.")
      .input("x", "T1")
      .input("x_scale", "tensor(float)")
      .input("x_zero_point", "T1")
      .input("w", "T2")
      .input("w_scale", "tensor(float)")
      .input("w_zero_point", "T2")
      .input("y_scale", "tensor(float)")
      .input("y_zero_point", "T3")
      .input("B", "T4", Option::kOptional)
      .output("y", "T3")
      .types("T1", types::tensors({"int8", "uint8"}))
      .types("T2", types::tensors({"int8", "uint8"}))
      .types("T3", types::tensors({"int8", "uint8"}))
      .types("T4", types::tensors({"int32"}));
  conv_attrs(b);

  // DeformConv: 19, 22
  b.op("DeformConv", 19)
      .summary(
          "Convolution whose kernel sampling points are moved per output position by the "
          "given offsets, optionally weighted by a mask.")
      .input("X", "T")
      .input("W", "T")
      .input("offset", "T")
      .input("B", "T", Option::kOptional)
      .input("mask", "T", Option::kOptional)
      .output("Y", "T")
      .types("T", types::float3());
  conv_attrs(b);
  b.remove_attr("auto_pad").attr("offset_group", AttrType::kInt, "1");
  b.next(22).types("T", types::float_ir4());

  // Col2Im: 18
  b.op("Col2Im", 18)
      .summary(
          "Folds columns of sliding-window blocks back into an image, summing overlapping "
          "values (the inverse of im2col).")
      .input("input", "T")
      .input("image_shape", "tensor(int64)")
      .input("block_shape", "tensor(int64)")
      .output("output", "T")
      .types("T", types::all_tensor_ir4())
      .attr("dilations", AttrType::kInts)
      .attr("pads", AttrType::kInts)
      .attr("strides", AttrType::kInts);
}

}  // namespace

void add_nn_schemas(SchemaBuilder& b) {
  add_pooling(b);
  add_convolution(b);
  add_nn_normalization_schemas(b);
  add_nn_misc_schemas(b);
}

}  // namespace onyx::schema
