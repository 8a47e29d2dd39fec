// Schemas of the "math" family's remaining operators (see defs_math_internal.h): clipping,
// cumulative scans, Expand, TopK, and the signal-processing ops of opset 17+.
#include "schema/defs_math_internal.h"

namespace onyx::schema {
namespace {

const types::TypeList& int32_or_64() {
  static const types::TypeList v = types::tensors({"int32", "int64"});
  return v;
}

// CumSum/CumProd: running sum/product of x along the scalar `axis` input.
SchemaBuilder& cumulative(SchemaBuilder& b, const std::string& name, int since,
                          const types::TypeList& allowed, const std::string& summary) {
  return b.op(name, since)
      .summary(summary)
      .input("x", "T")
      .input("axis", "T2")
      .output("y", "T")
      .types("T", allowed)
      .types("T2", int32_or_64())
      .attr("exclusive", AttrType::kInt, "0")
      .attr("reverse", AttrType::kInt, "0");
}

// Hann/Hamming/Blackman: a 1-D window of `size` samples in the dtype `output_datatype`.
void cosine_window(SchemaBuilder& b, const std::string& name, const std::string& summary) {
  b.op(name, 17)
      .summary(summary)
      .input("size", "T1")
      .output("output", "T2")
      .types("T1", int32_or_64())
      .types("T2", types::all_numeric_ir4())
      .attr("output_datatype", AttrType::kInt, "1")  // TensorProto FLOAT
      .attr("periodic", AttrType::kInt, "1");
}

void add_signal(SchemaBuilder& b) {
  b.op("DFT", 17)
      .summary(
          "Discrete Fourier transform (or its inverse) of a real or complex signal along "
          "one axis; complex values are a trailing dimension of 2.")
      .input("input", "T1")
      .input("dft_length", "T2", Option::kOptional)
      .output("output", "T1")
      .types("T1", types::float_ir4())
      .types("T2", int32_or_64())
      .attr("axis", AttrType::kInt, "1")
      .attr("inverse", AttrType::kInt, "0")
      .attr("onesided", AttrType::kInt, "0");
  b.next(20).remove_attr("axis").input("axis", "tensor(int64)", Option::kOptional);

  b.op("STFT", 17)
      .summary(
          "Short-time Fourier transform: DFTs of windowed frames taken every frame_step "
          "samples of the signal.")
      .input("signal", "T1")
      .input("frame_step", "T2")
      .input("window", "T1", Option::kOptional)
      .input("frame_length", "T2", Option::kOptional)
      .output("output", "T1")
      .types("T1", types::float_ir4())
      .types("T2", int32_or_64())
      .attr("onesided", AttrType::kInt, "1");

  cosine_window(b, "HannWindow", "Hann window of the given length.");
  cosine_window(b, "HammingWindow", "Hamming window of the given length.");
  cosine_window(b, "BlackmanWindow", "Blackman window of the given length.");

  b.op("MelWeightMatrix", 17)
      .summary(
          "Matrix of triangular mel-scale filters that maps linear-frequency DFT bins to "
          "num_mel_bins mel bands.")
      .input("num_mel_bins", "T1")
      .input("dft_length", "T1")
      .input("sample_rate", "T1")
      .input("lower_edge_hertz", "T2")
      .input("upper_edge_hertz", "T2")
      .output("output", "T3")
      .types("T1", int32_or_64())
      .types("T2", types::float_ir4())
      .types("T3", types::all_numeric_ir4())
      .attr("output_datatype", AttrType::kInt, "1");  // TensorProto FLOAT
}

}  // namespace

void add_math_misc_schemas(SchemaBuilder& b) {
  // Bounds were attributes (no default in version 1, +-FLT_MAX from 6) until version 11 made
  // them optional inputs.
  b.op("Clip", 1)
      .summary("Elementwise clamp of the input to [min, max].")
      .input("input", "T")
      .output("output", "T")
      .types("T", types::float3())
      .attr("consumed_inputs", AttrType::kInts)
      .attr("max", AttrType::kFloat)
      .attr("min", AttrType::kFloat);
  b.next(6)
      .remove_attr("consumed_inputs")
      .attr("max", AttrType::kFloat, "3.4028235e+38")
      .attr("min", AttrType::kFloat, "-3.4028235e+38");
  b.next(11)
      .remove_attr("max")
      .remove_attr("min")
      .input("min", "T", Option::kOptional)
      .input("max", "T", Option::kOptional);
  b.next(12).types("T", types::all_numeric());
  b.next(13).types("T", types::all_numeric_ir4());

  cumulative(b, "CumSum", 11,
             types::tensors({"uint32", "uint64", "int32", "int64", "float", "double"}),
             "Cumulative sum along an axis, optionally exclusive and/or reversed.");
  b.next(14).types("T", types::math_reduction_ir4());
  cumulative(b, "CumProd", 26, types::math_reduction_ir4(),
             "Cumulative product along an axis, optionally exclusive and/or reversed.");

  b.op("Expand", 8)
      .summary(
          "Broadcasts the input to the given shape (numpy rules; the result may be larger "
          "than the shape asked for).")
      .input("input", "T")
      .input("shape", "tensor(int64)")
      .output("output", "T")
      .types("T", types::all_tensor());
  b.next(13).types("T", types::all_tensor_ir4());

  b.op("TopK", 1)
      .summary("The k largest (or smallest) elements along an axis and their indices.")
      .input("X", "T")
      .output("Values", "T")
      .output("Indices", "I")
      .types("T", types::float3())
      .types("I", types::tensors({"int64"}))
      .attr("axis", AttrType::kInt, "-1")
      .required_attr("k", AttrType::kInt);
  b.next(10).remove_attr("k").input("K", "tensor(int64)");
  b.next(11)
      .types("T", types::all_numeric())
      .attr("largest", AttrType::kInt, "1")
      .attr("sorted", AttrType::kInt, "1");
  b.next(24).types("T", types::all_numeric_ir4());

  add_signal(b);
}

}  // namespace onyx::schema
