// collect_model_info with shape inference: placeholder output dims replaced by inferred ones, and
// the --shapes value listing (text and JSON).
#include <gtest/gtest.h>

#include "common/model_builder.h"
#include "inspect/model_info.h"

namespace {

using namespace onyx;
using onyx::testing::ModelBuilder;

// x [batch, seq, 768] -> Reshape(-1, 768) -> y, declared with an exporter placeholder dim.
ModelBuilder flatten_model() {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, -1, 768}, {"batch", "seq", ""});
  b.initializer("target", Tensor::from_vector<int64_t>({2}, {-1, 768}));
  b.node("Reshape", {"x", "target"}, {"y"});
  b.node("Relu", {"y"}, {"z"});
  b.output("z", DType::kFloat32, {-1, 768}, {"Reluz_dim_0", ""});
  b.output("y", DType::kFloat32, {-1, -1}, {"batch", "width"});
  return b;
}

TEST(ModelInfoShapes, PlaceholderDimsShowTheInferredSize) {
  ModelBuilder b = flatten_model();
  inspect::ModelInfo info = inspect::collect_model_info(b.model());
  EXPECT_EQ(info.inference_error, "");
  ASSERT_EQ(info.outputs.size(), 2u);
  EXPECT_EQ(info.outputs[0].shape, "[batch*seq, 768]");
  // "batch" names an input dim (a caller binds it): kept. "width" is a placeholder: replaced.
  EXPECT_EQ(info.outputs[1].shape, "[batch, 768]");
  EXPECT_TRUE(info.values.empty());  // only with ModelInfoOptions::shapes
  EXPECT_EQ(inspect::model_info_text(info).find("Values"), std::string::npos);
}

TEST(ModelInfoShapes, ValuesListedInTextAndJson) {
  ModelBuilder b = flatten_model();
  inspect::ModelInfoOptions options;
  options.shapes = true;
  inspect::ModelInfo info = inspect::collect_model_info(b.model(), options);
  ASSERT_EQ(info.values.size(), 2u);
  EXPECT_EQ(info.values[0].name, "y");
  EXPECT_EQ(info.values[0].shape, "[batch*seq, 768]");
  EXPECT_EQ(info.values[0].dims, (std::vector<std::string>{"batch*seq", "768"}));
  const std::string text = inspect::model_info_text(info);
  EXPECT_NE(text.find("Values (2):\n  y  float32 [batch*seq, 768]\n"), std::string::npos) << text;
  const std::string json = inspect::model_info_json(info);
  EXPECT_NE(json.find("{\"name\": \"y\", \"type\": \"float32\", \"shape\": \"[batch*seq, 768]\", "
                      "\"dims\": [\"batch*seq\", 768]}"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"inference_error\": \"\""), std::string::npos) << json;
}

TEST(ModelInfoShapes, InferenceErrorIsReportedNotFatal) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2, 3});
  b.input("y", DType::kFloat32, {4});
  b.node("Add", {"x", "y"}, {"z"}, "bad_add");
  b.output("z", DType::kFloat32, {2, 3});
  inspect::ModelInfoOptions options;
  options.shapes = true;
  inspect::ModelInfo info = inspect::collect_model_info(b.model(), options);
  EXPECT_NE(info.inference_error.find("bad_add"), std::string::npos) << info.inference_error;
  EXPECT_EQ(info.outputs[0].shape, "[2, 3]");  // declared, as inference failed
  EXPECT_NE(inspect::model_info_text(info).find("Shape inference failed: "), std::string::npos);
}

TEST(ModelInfoShapes, DeclaredTypeConflictsListed) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, 4}, {"batch", ""});
  b.node("Relu", {"x"}, {"y"});
  b.output("y", DType::kFloat32, {-1, 5}, {"batch", ""});
  inspect::ModelInfoOptions options;
  options.shapes = true;
  inspect::ModelInfo info = inspect::collect_model_info(b.model(), options);
  ASSERT_EQ(info.type_conflicts.size(), 1u);
  EXPECT_EQ(info.type_conflicts[0],
            "graph output 'y': declared float [batch, 5], inferred float [batch, 4] (dim 1 "
            "differs)");
  EXPECT_NE(inspect::model_info_text(info).find("Declared types contradicted by inference (1):"),
            std::string::npos);
  EXPECT_NE(inspect::model_info_json(info).find("\"type_conflicts\": [\"graph output 'y'"),
            std::string::npos);
}

}  // namespace
