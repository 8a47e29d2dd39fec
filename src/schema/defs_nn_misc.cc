// Schemas of the remaining ONNX "nn" operators: dropout, flattening, n-gram features and the
// attention family (part of add_nn_schemas, see schema/defs_nn_internal.h).
#include "schema/defs_nn_internal.h"

namespace onyx::schema {

void add_nn_misc_schemas(SchemaBuilder& b) {
  // Dropout: 1, 6, 7, 10, 12, 13, 22
  b.op("Dropout", 1)
      .summary(
          "Passes the input through at inference; when training, zeroes random elements with the "
          "given ratio, rescales the rest and can return the mask.")
      .input("data", "T")
      .output("output", "T")
      .output("mask", "T", Option::kOptional)
      .types("T", types::float3())
      .attr("consumed_inputs", AttrType::kInts)
      .attr("is_test", AttrType::kInt, "0")
      .attr("ratio", AttrType::kFloat, "0.5");
  b.next(6).remove_attr("consumed_inputs");
  b.next(7).remove_attr("is_test");
  b.next(10).output("mask", "T1", Option::kOptional).types("T1", types::tensors({"bool"}));
  b.next(12)
      .input("ratio", "T1", Option::kOptional)
      .input("training_mode", "T2", Option::kOptional)
      .output("mask", "T2", Option::kOptional)
      .types("T1", types::float3())
      .types("T2", types::tensors({"bool"}))
      .remove_attr("ratio")
      .attr("seed", AttrType::kInt);
  b.next(13).types("T", types::float_ir4());
  b.next(22).types("T", types::float_ir9()).types("T1", types::float_ir9());

  // Shrink: 9
  b.op("Shrink", 9)
      .summary(
          "Elementwise: x + bias where x < -lambd, x - bias where x > lambd, and 0 in between.")
      .input("input", "T")
      .output("output", "T")
      .types("T", types::all_numeric())
      .attr("bias", AttrType::kFloat, "0.0")
      .attr("lambd", AttrType::kFloat, "0.5");

  // Flatten: 1, 9, 11, 13, 21, 23, 24, 25 (each later version admits the new element types)
  b.op("Flatten", 1)
      .summary(
          "Reshapes the input into a 2-D matrix: the axes before `axis` become the rows, the "
          "others the columns.")
      .input("input", "T")
      .output("output", "T")
      .types("T", types::float3())
      .attr("axis", AttrType::kInt, "1");
  b.next(9).types("T", types::all_tensor());
  b.next(11);
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(21).types("T", types::all_tensor_ir10());
  b.next(23).types("T", types::all_tensor_ir11());
  b.next(24).types("T", types::all_tensor_ir12());
  b.next(25).types("T", types::all_tensor_ir13());

  // TfIdfVectorizer: 9
  b.op("TfIdfVectorizer", 9)
      .summary(
          "Counts the n-grams of an integer or string sequence found in a fixed pool and weights "
          "the counts as TF, IDF or TF-IDF.")
      .input("X", "T")
      .output("Y", "T1")
      .types("T", types::tensors({"int32", "int64", "string"}))
      .types("T1", types::tensors({"float"}))
      .required_attr("max_gram_length", AttrType::kInt)
      .required_attr("max_skip_count", AttrType::kInt)
      .required_attr("min_gram_length", AttrType::kInt)
      .required_attr("mode", AttrType::kString)
      .required_attr("ngram_counts", AttrType::kInts)
      .required_attr("ngram_indexes", AttrType::kInts)
      .attr("pool_int64s", AttrType::kInts)
      .attr("pool_strings", AttrType::kStrings)
      .attr("weights", AttrType::kFloats);

  // RotaryEmbedding: 23
  b.op("RotaryEmbedding", 23)
      .summary(
          "Rotates pairs of features by position-dependent angles taken from cosine and sine "
          "caches (rotary position embedding).")
      .input("X", "T")
      .input("cos_cache", "T")
      .input("sin_cache", "T")
      .input("position_ids", "M", Option::kOptional)
      .output("Y", "T")
      .types("T", types::tensors({"bfloat16", "float", "float16"}))
      .types("M", types::tensors({"int64"}))
      .attr("interleaved", AttrType::kInt, "0")
      .attr("num_heads", AttrType::kInt)
      .attr("rotary_embedding_dim", AttrType::kInt, "0");

  // Attention: 23, 24 (nonpad_kv_seqlen input), 25 (sliding-window attributes)
  b.op("Attention", 23)
      .summary(
          "Scaled dot-product attention of queries over keys and values, with optional masks, "
          "key/value caches, grouped heads and softcapping.")
      .input("Q", "T1")
      .input("K", "T1")
      .input("V", "T2")
      .input("attn_mask", "U", Option::kOptional)
      .input("past_key", "T1", Option::kOptional)
      .input("past_value", "T2", Option::kOptional)
      .output("Y", "T1")
      .output("present_key", "T1", Option::kOptional)
      .output("present_value", "T2", Option::kOptional)
      .output("qk_matmul_output", "T1", Option::kOptional)
      .types("T1", types::float_ir4())
      .types("T2", types::float_ir4())
      .types("U", types::non_complex_numeric_bool_ir4())
      .attr("is_causal", AttrType::kInt, "0")
      .attr("kv_num_heads", AttrType::kInt)
      .attr("q_num_heads", AttrType::kInt)
      .attr("qk_matmul_output_mode", AttrType::kInt, "0")
      .attr("scale", AttrType::kFloat)
      .attr("softcap", AttrType::kFloat, "0.0")
      .attr("softmax_precision", AttrType::kInt);
  b.next(24).input("nonpad_kv_seqlen", "tensor(int64)", Option::kOptional);
  b.next(25)
      .attr("left_window_size", AttrType::kInt, "-1")
      .attr("right_window_size", AttrType::kInt, "-1");

  // LinearAttention: 27
  b.op("LinearAttention", 27)
      .summary(
          "Linear attention by a recurrent state update per token (linear, gated, delta or "
          "gated-delta rule), with an optional carried state.")
      .input("query", "T")
      .input("key", "T")
      .input("value", "T")
      .input("past_state", "S", Option::kOptional)
      .input("decay", "T", Option::kOptional)
      .input("beta", "T", Option::kOptional)
      .output("output", "T")
      .output("present_state", "S")
      .types("T", types::tensors({"bfloat16", "float", "float16"}))
      .types("S", types::tensors({"bfloat16", "float", "float16"}))
      .attr("chunk_size", AttrType::kInt, "64")
      .required_attr("kv_num_heads", AttrType::kInt)
      .required_attr("q_num_heads", AttrType::kInt)
      .attr("scale", AttrType::kFloat, "0.0")
      .attr("update_rule", AttrType::kString, "gated_delta");

  // CausalConvWithState: 27
  b.op("CausalConvWithState", 27)
      .summary(
          "Causal depthwise 1-D convolution that prepends a carried state of past positions and "
          "returns the updated state, with an optional fused SiLU.")
      .input("input", "T")
      .input("weight", "T")
      .input("bias", "T", Option::kOptional)
      .input("past_state", "T", Option::kOptional)
      .output("output", "T")
      .output("present_state", "T")
      .types("T", types::tensors({"bfloat16", "float", "float16"}))
      .attr("activation", AttrType::kString, "none");
}

}  // namespace onyx::schema
