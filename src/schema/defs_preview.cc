// Schemas of the ONNX standard's ai.onnx.preview operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

void add_flex_attention(SchemaBuilder& b) {
  b.op("FlexAttention", 1)
      .summary(
          "Attention softmax(scale * Q K^T) V over 4-D Q, K, V, where optional score_mod and "
          "prob_mod graphs may rewrite the scores before and the probabilities after the softmax.")
      .input("Q", "T1")
      .input("K", "T1")
      .input("V", "T1")
      .output("Y", "T1")
      .types("T1", types::float_ir4())
      .attr("prob_mod", AttrType::kGraph)
      .attr("scale", AttrType::kFloat)
      .attr("score_mod", AttrType::kGraph)
      .attr("softmax_precision", AttrType::kInt);
}

}  // namespace

void add_preview_schemas(SchemaBuilder& b) {
  add_flex_attention(b);
}

}  // namespace onyx::schema
