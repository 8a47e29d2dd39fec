// Schemas of the ONNX standard's "nn" normalization operators (part of add_nn_schemas, see
// schema/defs_nn_internal.h).
#include "schema/defs_nn_internal.h"

namespace onyx::schema {

void add_nn_normalization_schemas(SchemaBuilder& b) {
  // BatchNormalization: 1, 6, 7, 9, 14, 15. Version 14 renames the statistics inputs/outputs
  // and gives them their own constraint U; 15 splits the constraints again into T1 (scale, B)
  // and T2 (statistics).
  b.op("BatchNormalization", 1)
      .summary(
          "Normalizes each channel of X with a mean and variance (the running statistics "
          "at inference, the batch's when training), then scales and shifts it.")
      .input("X", "T")
      .input("scale", "T")
      .input("B", "T")
      .input("mean", "T")
      .input("var", "T")
      .output("Y", "T")
      .output("mean", "T", Option::kOptional)
      .output("var", "T", Option::kOptional)
      .output("saved_mean", "T", Option::kOptional)
      .output("saved_var", "T", Option::kOptional)
      .allowed_output_counts({1, 5})  // inference (Y) or training (all five)
      .types("T", types::float3())
      .required_attr("consumed_inputs", AttrType::kInts)
      .attr("epsilon", AttrType::kFloat, "1e-05")
      .attr("is_test", AttrType::kInt, "0")
      .attr("momentum", AttrType::kFloat, "0.9")
      .attr("spatial", AttrType::kInt, "1");
  b.next(6).remove_attr("consumed_inputs");
  b.next(7).remove_attr("is_test");
  b.next(9).remove_attr("spatial");
  b.next(14)
      .remove_input("mean")
      .remove_input("var")
      .input("input_mean", "U")
      .input("input_var", "U")
      .clear_outputs()
      .output("Y", "T")
      .output("running_mean", "U", Option::kOptional)
      .output("running_var", "U", Option::kOptional)
      .allowed_output_counts({1, 3})
      .types("T", types::float_ir4())
      .types("U", types::float_ir4())
      .attr("training_mode", AttrType::kInt, "0");
  b.next(15)
      .input("scale", "T1")
      .input("B", "T1")
      .input("input_mean", "T2")
      .input("input_var", "T2")
      .output("running_mean", "T2", Option::kOptional)
      .output("running_var", "T2", Option::kOptional)
      .remove_types("U")
      .types("T1", types::float_ir4())
      .types("T2", types::float_ir4());

  // InstanceNormalization: 1, 6, 22
  b.op("InstanceNormalization", 1)
      .summary(
          "Normalizes each channel of each sample over its spatial axes, then applies a "
          "per-channel scale and bias.")
      .input("input", "T")
      .input("scale", "T")
      .input("B", "T")
      .output("output", "T")
      .types("T", types::float3())
      .attr("consumed_inputs", AttrType::kInts)
      .attr("epsilon", AttrType::kFloat, "1e-05");
  b.next(6).remove_attr("consumed_inputs");
  b.next(22).types("T", types::float_ir4());

  // LpNormalization: 1, 22
  b.op("LpNormalization", 1)
      .summary("Divides X by its p-norm along one axis.")
      .input("input", "T")
      .output("output", "T")
      .types("T", types::float3())
      .attr("axis", AttrType::kInt, "-1")
      .attr("p", AttrType::kInt, "2");
  b.next(22).types("T", types::float_ir4());

  // LRN: 1, 13
  b.op("LRN", 1)
      .summary(
          "Local response normalization: divides each element by a power of the summed "
          "squares of its neighbouring channels.")
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::float3())
      .attr("alpha", AttrType::kFloat, "0.0001")
      .attr("beta", AttrType::kFloat, "0.75")
      .attr("bias", AttrType::kFloat, "1.0")
      .required_attr("size", AttrType::kInt);
  b.next(13).types("T", types::float_ir4());

  // MeanVarianceNormalization: 9, 13
  b.op("MeanVarianceNormalization", 9)
      .summary(
          "Subtracts the mean and divides by the standard deviation, both taken over the "
          "given axes.")
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::float3())
      .attr("axes", AttrType::kInts, "[0, 2, 3]");
  b.next(13).types("T", types::float_ir4());

  // LayerNormalization: 17. U (the statistics' type) follows stash_type, not T.
  b.op("LayerNormalization", 17)
      .summary(
          "Normalizes X over the axes from `axis` to the last to zero mean and unit "
          "variance, then scales and shifts it; can also return the mean and inverse "
          "standard deviation.")
      .input("X", "T")
      .input("Scale", "T")
      .input("B", "T", Option::kOptional)
      .output("Y", "T")
      .output("Mean", "U", Option::kOptional)
      .output("InvStdDev", "U", Option::kOptional)
      .types("T", types::float_ir4())
      .types("U", types::tensors({"bfloat16", "float"}))
      .attr("axis", AttrType::kInt, "-1")
      .attr("epsilon", AttrType::kFloat, "1e-05")
      .attr("stash_type", AttrType::kInt, "1");

  // GroupNormalization: 18 (deprecated: its scale and bias were per group, which 21 changed to
  // per channel), 21
  b.op("GroupNormalization", 18)
      .summary(
          "Normalizes each group of channels of each sample to zero mean and unit variance, "
          "then applies a scale and bias.")
      .deprecated()
      .input("X", "T")
      .input("scale", "T")
      .input("bias", "T")
      .output("Y", "T")
      .types("T", types::float_ir4())
      .attr("epsilon", AttrType::kFloat, "1e-05")
      .required_attr("num_groups", AttrType::kInt);
  b.next(21).attr("stash_type", AttrType::kInt, "1");

  // RMSNormalization: 23
  b.op("RMSNormalization", 23)
      .summary(
          "Divides X by its root mean square over the axes from `axis` to the last, then "
          "multiplies by a scale.")
      .input("X", "T")
      .input("scale", "V")
      .output("Y", "V")
      .types("T", types::float_ir4())
      .types("V", types::float_ir4())
      .attr("axis", AttrType::kInt, "-1")
      .attr("epsilon", AttrType::kFloat, "1e-05")
      .attr("stash_type", AttrType::kInt, "1");
}

}  // namespace onyx::schema
