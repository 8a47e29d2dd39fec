// ai.onnx.ml operators: LabelEncoder, Binarizer, ArrayFeatureExtractor, TreeEnsemble, and the
// post transforms of ops/common/ml_common.h.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/op_test_builder.h"
#include "ops/common/eval.h"
#include "ops/common/ml_common.h"

namespace onyx::ops {
namespace {

using testing::OpTest;
constexpr const char* kMl = "ai.onnx.ml";

TEST(LabelEncoderOp, Opset2IntKeysToFloatsWithDefault) {
  OpTest("LabelEncoder", 2, kMl)
      .eager_only()  // OpTest's one-node models import ai.onnx.ml opset 1
      .attr("keys_int64s", std::vector<int64_t>{7, -3, 5})
      .attr("values_floats", std::vector<float>{0.5f, 1.5f, 2.5f})
      .attr("default_float", 9.0f)
      .input<int64_t>({2, 2}, {5, 7, 4, -3})
      .output<float>({2, 2}, {2.5f, 0.5f, 9.0f, 1.5f})
      .run();
}

TEST(LabelEncoderOp, Opset4TensorsIncludingNanKeyAndStringValues) {
  OpTest("LabelEncoder", 4, kMl)
      .eager_only()
      .attr("keys_tensor", Tensor::from_vector<double>({3}, {1.0, NAN, -2.0}))
      .attr("values_tensor", Tensor::from_vector<std::string>({3}, {"one", "nan", "minus two"}))
      .attr("default_tensor", Tensor::from_vector<std::string>({1}, {"?"}))
      .input<double>({4}, {NAN, -2.0, 3.0, 1.0})
      .output<std::string>({4}, {"nan", "minus two", "?", "one"})
      .run();
  // No default_tensor: int16 values default to 0.
  OpTest("LabelEncoder", 4, kMl)
      .eager_only()
      .attr("keys_tensor", Tensor::from_vector<int32_t>({2}, {10, 20}))
      .attr("values_tensor", Tensor::from_vector<int16_t>({2}, {-1, -2}))
      .input<int32_t>({3}, {20, 30, 10})
      .output<int16_t>({3}, {-2, 0, -1})
      .run();
}

TEST(LabelEncoderOp, Errors) {
  OpTest("LabelEncoder", 2, kMl)
      .eager_only()
      .attr("keys_int64s", std::vector<int64_t>{1, 2})
      .attr("values_floats", std::vector<float>{1})
      .input<int64_t>({1}, {1})
      .expect_error(StatusCode::kInvalidGraph, "different lengths");
  OpTest("LabelEncoder", 2, kMl)
      .eager_only()
      .attr("keys_int64s", std::vector<int64_t>{1})
      .attr("values_floats", std::vector<float>{1})
      .input<float>({1}, {1})
      .expect_error(StatusCode::kNotImplemented, "float");
  OpTest("LabelEncoder", 2, kMl)
      .eager_only()
      .attr("keys_tensor", Tensor::from_vector<int64_t>({1}, {1}))
      .attr("values_floats", std::vector<float>{1})
      .input<int64_t>({1}, {1})
      .expect_error(StatusCode::kInvalidGraph, "opset 4");
}

TEST(BinarizerOp, StrictlyAboveThreshold) {
  OpTest("Binarizer", 1, kMl)
      .attr("threshold", 1.0f)
      .input<float>({5}, {0.5f, 1.0f, 1.5f, -3.0f, NAN})
      .output<float>({5}, {0, 0, 1, 0, 0})
      .run();
  OpTest("Binarizer", 1, kMl).input<int64_t>({3}, {-1, 0, 4}).output<int64_t>({3}, {0, 0, 1}).run();
}

TEST(ArrayFeatureExtractorOp, SelectsLastAxis) {
  OpTest("ArrayFeatureExtractor", 1, kMl)
      .input<float>({2, 3}, {1, 2, 3, 4, 5, 6})
      .input<int64_t>({3}, {2, 0, 2})
      .output<float>({2, 3}, {3, 1, 3, 6, 4, 6})
      .run();
  OpTest("ArrayFeatureExtractor", 1, kMl)
      .input<std::string>({3}, {"a", "b", "c"})
      .input<int64_t>({1, 1}, {1})
      .output<std::string>({1}, {"b"})
      .run();
  OpTest("ArrayFeatureExtractor", 1, kMl)
      .input<float>({2}, {1, 2})
      .input<int64_t>({1}, {2})
      .expect_error(StatusCode::kRuntimeException, "out of range");
}

// Tree: node0 x0 <= 1 ? (node1: x1 in {3, 5} ? leaf0 : leaf1) : leaf2. Leaves target 0,1,0.
OpTest tree_test(int64_t aggregate, int64_t post, int64_t opset = 5) {
  OpTest t("TreeEnsemble", opset, kMl);
  t.eager_only()  // OpTest's one-node models import ai.onnx.ml opset 1
      .attr("n_targets", int64_t{2})
      .attr("aggregate_function", aggregate)
      .attr("post_transform", post)
      .attr("tree_roots", std::vector<int64_t>{0, 1})  // second tree: node1 alone
      .attr("nodes_featureids", std::vector<int64_t>{0, 1})
      .attr("nodes_modes", Tensor::from_vector<uint8_t>({2}, {0, 6}))
      .attr("nodes_splits", Tensor::from_vector<float>({2}, {1.0f, 0.0f}))
      .attr("nodes_truenodeids", std::vector<int64_t>{1, 0})
      .attr("nodes_trueleafs", std::vector<int64_t>{0, 1})
      .attr("nodes_falsenodeids", std::vector<int64_t>{2, 1})
      .attr("nodes_falseleafs", std::vector<int64_t>{1, 1})
      .attr("nodes_missing_value_tracks_true", std::vector<int64_t>{1, 0})
      .attr("membership_values", Tensor::from_vector<float>({3}, {3.0f, 5.0f, NAN}))
      .attr("leaf_targetids", std::vector<int64_t>{0, 1, 0})
      .attr("leaf_weights", Tensor::from_vector<float>({3}, {10.0f, 20.0f, 40.0f}));
  return t;
}

TEST(TreeEnsembleOp, SumAverageMinMax) {
  // Rows: [0, 3] -> tree A leaf0, tree B leaf0; [0, 4] -> leaf1, leaf1; [2, 5] -> leaf2, leaf0;
  // [NaN, NaN] -> missing tracks true at node0 -> node1: NaN not a member -> leaf1; B: leaf1.
  const Tensor x = Tensor::from_vector<float>({4, 2}, {0, 3, 0, 4, 2, 5, NAN, NAN});
  tree_test(1, 0).input(x).output<float>({4, 2}, {20, 0, 0, 40, 50, 0, 0, 40}).run();
  tree_test(0, 0).input(x).output<float>({4, 2}, {10, 0, 0, 20, 25, 0, 0, 20}).run();
  const float big = std::numeric_limits<float>::max(), low = std::numeric_limits<float>::lowest();
  tree_test(2, 0).input(x).output<float>({4, 2}, {10, big, big, 20, 10, big, big, 20}).run();
  tree_test(3, 0).input(x).output<float>({4, 2}, {10, low, low, 20, 40, low, low, 20}).run();
}

TEST(TreeEnsembleOp, LogisticPostTransformAndDouble) {
  const Tensor x = Tensor::from_vector<double>({1, 2}, {0, 3});
  const double a = 1 / (1 + std::exp(-20.0)), b = 0.5;
  tree_test(1, 2).input(x).output<double>({1, 2}, {a, b}).run();
}

TEST(TreeEnsembleOp, Errors) {
  tree_test(1, 0).input<float>({1, 1}, {0}).expect_error(StatusCode::kInvalidGraph, "features");
  tree_test(7, 0)
      .input<float>({1, 2}, {0, 0})
      .expect_error(StatusCode::kInvalidGraph, "aggregate_function");
}

TEST(ScalerOp, PerColumnAndBroadcastOffsetScale) {
  OpTest("Scaler", 1, kMl)
      .attr("offset", std::vector<float>{1, 2})
      .attr("scale", std::vector<float>{2})
      .input<int64_t>({2, 2}, {1, 2, 3, 5})
      .output<float>({2, 2}, {0, 0, 4, 6})
      .run();
  OpTest("Scaler", 1, kMl)
      .attr("offset", std::vector<float>{1, 2, 3})
      .input<float>({2, 2}, {1, 2, 3, 5})
      .expect_error(StatusCode::kInvalidGraph, "last axis");
}

TEST(NormalizerOp, MaxL1L2AndZeroRows) {
  const Tensor x = Tensor::from_vector<float>({3, 2}, {3, -4, 0, 0, -1, -2});
  OpTest("Normalizer", 1, kMl)
      .attr("norm", "L2")
      .input(x)
      .output<float>({3, 2}, {0.6f, -0.8f, 0, 0, -1 / std::sqrt(5.0f), -2 / std::sqrt(5.0f)})
      .run();
  OpTest("Normalizer", 1, kMl)
      .attr("norm", "L1")
      .input(x)
      .output<float>({3, 2}, {3.0f / 7, -4.0f / 7, 0, 0, -1.0f / 3, -2.0f / 3})
      .run();
  OpTest("Normalizer", 1, kMl)
      .attr("norm", "MAX")
      .input(x)
      .output<float>({3, 2}, {1, -4.0f / 3, 0, 0, 1, 2})
      .run();
  OpTest("Normalizer", 1, kMl)
      .attr("norm", "L3")
      .input(x)
      .expect_error(StatusCode::kInvalidGraph, "norm");
}

TEST(ImputerOp, NanAndIntegerReplacement) {
  OpTest("Imputer", 1, kMl)
      .attr("imputed_value_floats", std::vector<float>{10, 20})
      .attr("replaced_value_float", NAN)
      .input<float>({2, 2}, {NAN, 1, 2, NAN})
      .output<float>({2, 2}, {10, 1, 2, 20})
      .run();
  OpTest("Imputer", 1, kMl)
      .attr("imputed_value_int64s", std::vector<int64_t>{7})
      .attr("replaced_value_int64", int64_t{-1})
      .input<int32_t>({3}, {-1, 0, -1})
      .output<int32_t>({3}, {7, 0, 7})
      .run();
  OpTest("Imputer", 1, kMl)
      .attr("imputed_value_int64s", std::vector<int64_t>{7})
      .input<float>({1}, {0})
      .expect_error(StatusCode::kInvalidGraph, "imputed_value_floats");
}

TEST(OneHotEncoderOp, IntCategoriesAndUnknowns) {
  OpTest("OneHotEncoder", 1, kMl)
      .attr("cats_int64s", std::vector<int64_t>{4, 1, 9})
      .input<double>({2, 2}, {1, 9, 2.5, 4})
      .output<float>({2, 2, 3}, {0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0})
      .run();
  OpTest("OneHotEncoder", 1, kMl)
      .attr("cats_int64s", std::vector<int64_t>{4})
      .attr("zeros", int64_t{0})
      .input<int64_t>({2}, {4, 5})
      .expect_error(StatusCode::kRuntimeException, "value 5 is not a category");
}

TEST(LinearRegressorOp, TwoTargetsWithIntercepts) {
  OpTest("LinearRegressor", 1, kMl)
      .attr("coefficients", std::vector<float>{1, 2, 3, -1, 0, 0.5f})
      .attr("intercepts", std::vector<float>{0.5f, -1})
      .attr("targets", int64_t{2})
      .input<float>({2, 3}, {1, 1, 1, 2, 0, -2})
      .output<float>({2, 2}, {6.5f, -1.5f, -3.5f, -4})
      .run();
  OpTest("LinearRegressor", 1, kMl)
      .attr("coefficients", std::vector<float>{1, 2})
      .input<float>({1, 3}, {1, 1, 1})
      .expect_error(StatusCode::kInvalidGraph, "features");
}

// Legacy tree-ensemble nodes carry string-list attributes, which OpTest cannot set: these tests
// build the node and run it eagerly.
struct MlNode {
  ir::Node node;
  explicit MlNode(const std::string& op) {
    node.op_type = op;
    node.domain = kMl;
    node.name = "n";
    node.inputs = {"x"};
    node.outputs = {"y", "z"};
  }
  MlNode& ints(const std::string& name, std::vector<int64_t> v) {
    ir::Attribute& a = add(name, ir::Attribute::Type::kInts);
    a.ints = std::move(v);
    return *this;
  }
  MlNode& floats(const std::string& name, std::vector<float> v) {
    ir::Attribute& a = add(name, ir::Attribute::Type::kFloats);
    a.floats = std::move(v);
    return *this;
  }
  MlNode& strings(const std::string& name, std::vector<std::string> v) {
    ir::Attribute& a = add(name, ir::Attribute::Type::kStrings);
    a.strings = std::move(v);
    return *this;
  }
  MlNode& integer(const std::string& name, int64_t v) {
    add(name, ir::Attribute::Type::kInt).i = v;
    return *this;
  }
  MlNode& str(const std::string& name, const std::string& v) {
    add(name, ir::Attribute::Type::kString).s = v;
    return *this;
  }
  ir::Attribute& add(const std::string& name, ir::Attribute::Type type) {
    node.attributes.emplace_back();
    node.attributes.back().name = name;
    node.attributes.back().type = type;
    return node.attributes.back();
  }
  // Tree 0: x0 <= 0.5 ? leaf (t0 += 1) : leaf (t0 += 3, t1 += 5). Tree 1: one leaf (t1 += 10).
  MlNode& two_trees(const std::string& prefix) {
    return ints("nodes_treeids", {0, 0, 0, 1})
        .ints("nodes_nodeids", {0, 1, 2, 0})
        .ints("nodes_featureids", {0, 0, 0, 0})
        .strings("nodes_modes", {"BRANCH_LEQ", "LEAF", "LEAF", "LEAF"})
        .floats("nodes_values", {0.5f, 0, 0, 0})
        .ints("nodes_truenodeids", {1, 0, 0, 0})
        .ints("nodes_falsenodeids", {2, 0, 0, 0})
        .ints(prefix + "_treeids", {0, 0, 0, 1})
        .ints(prefix + "_nodeids", {1, 2, 2, 0})
        .ints(prefix + "_ids", {0, 0, 1, 1})
        .floats(prefix + "_weights", {1, 3, 5, 10});
  }
  std::vector<Tensor> run(Tensor x, int64_t opset = 1) const {
    Result<std::vector<Tensor>> r = evaluate_node(node, opset, {std::move(x)});
    EXPECT_TRUE(r.is_ok()) << r.status().to_string();
    return r.is_ok() ? r.value() : std::vector<Tensor>{};
  }
};

std::vector<float> floats_of(const Tensor& t) {
  return std::vector<float>(t.data<float>(), t.data<float>() + t.numel());
}

TEST(TreeEnsembleRegressorOp, SumAndAverageWithBaseValues) {
  const Tensor x = Tensor::from_vector<float>({2, 1}, {0, 1});
  MlNode sum("TreeEnsembleRegressor");
  sum.two_trees("target").integer("n_targets", 2).floats("base_values", {100, 200});
  sum.node.outputs = {"y"};
  std::vector<Tensor> y = sum.run(x);
  ASSERT_EQ(y.size(), 1u);
  EXPECT_EQ(y[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(floats_of(y[0]), (std::vector<float>{101, 210, 103, 215}));
  MlNode avg = sum;
  avg.str("aggregate_function", "AVERAGE");
  EXPECT_EQ(floats_of(avg.run(x, 3)[0]), (std::vector<float>{100.5f, 205, 101.5f, 207.5f}));
}

TEST(TreeEnsembleClassifierOp, MultiClassAndBinaryScores) {
  MlNode multi("TreeEnsembleClassifier");
  multi.two_trees("class").ints("classlabels_int64s", {10, 20, 30});
  // Tree 0 leaf 1: class 0 += 1; leaf 2: class 0 += 3, class 1 += 5. Tree 1: class 1 += 10.
  std::vector<Tensor> out = multi.run(Tensor::from_vector<double>({2, 1}, {0, 1}));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].data<int64_t>()[0], 20);
  EXPECT_EQ(out[0].data<int64_t>()[1], 20);
  EXPECT_EQ(floats_of(out[1]), (std::vector<float>{1, 10, 0, 3, 15, 0}));

  MlNode binary("TreeEnsembleClassifier");
  binary.ints("nodes_treeids", {0, 0, 0})
      .ints("nodes_nodeids", {0, 1, 2})
      .ints("nodes_featureids", {0, 0, 0})
      .strings("nodes_modes", {"BRANCH_LT", "LEAF", "LEAF"})
      .floats("nodes_values", {0.5f, 0, 0})
      .ints("nodes_truenodeids", {1, 0, 0})
      .ints("nodes_falsenodeids", {2, 0, 0})
      .ints("class_treeids", {0, 0})
      .ints("class_nodeids", {1, 2})
      .ints("class_ids", {0, 0})
      .floats("class_weights", {-0.4f, 0.8f})
      .strings("classlabels_strings", {"no", "yes"});
  const Tensor x = Tensor::from_vector<float>({2, 1}, {0, 1});
  out = binary.run(x);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].data<std::string>()[0], "no");
  EXPECT_EQ(out[0].data<std::string>()[1], "yes");
  EXPECT_EQ(floats_of(out[1]), (std::vector<float>{0.4f, -0.4f, -0.8f, 0.8f}));
  binary.str("post_transform", "LOGISTIC");
  out = binary.run(x);
  const float p = static_cast<float>(1 / (1 + std::exp(-0.8)));
  EXPECT_NEAR(out[1].data<float>()[2], 1 - p, 1e-6);
  EXPECT_NEAR(out[1].data<float>()[3], p, 1e-6);
}

TEST(TreeEnsembleRegressorOp, RefusesBrokenTrees) {
  MlNode bad("TreeEnsembleRegressor");
  bad.two_trees("target").integer("n_targets", 2);
  bad.node.attributes[2].ints = {0, 0, 0};  // nodes_featureids loses an entry
  Result<std::vector<Tensor>> r =
      evaluate_node(bad.node, 1, {Tensor::from_vector<float>({1, 1}, {0})});
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("nodes_*"), std::string::npos) << r.status().to_string();
  MlNode cyc("TreeEnsembleRegressor");
  cyc.two_trees("target").integer("n_targets", 2);
  // Node 1 becomes a branch back to node 0: tree 0 is a cycle with no root.
  cyc.node.attributes[3].strings[1] = "BRANCH_LEQ";
  r = evaluate_node(cyc.node, 1, {Tensor::from_vector<float>({1, 1}, {0})});
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("no root"), std::string::npos) << r.status().to_string();
}

TEST(CategoryMapperOp, BothDirectionsWithDefaults) {
  MlNode m("CategoryMapper");
  m.strings("cats_strings", {"cat", "dog"}).ints("cats_int64s", {3, 7}).integer("default_int64", 0);
  m.node.outputs = {"y"};
  std::vector<Tensor> out = m.run(Tensor::from_vector<std::string>({3}, {"dog", "cow", "cat"}));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(std::vector<int64_t>(out[0].data<int64_t>(), out[0].data<int64_t>() + 3),
            (std::vector<int64_t>{7, 0, 3}));
  out = m.run(Tensor::from_vector<int64_t>({2}, {3, 4}));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data<std::string>()[0], "cat");
  EXPECT_EQ(out[0].data<std::string>()[1], "_Unused");
}

TEST(LinearClassifierOp, MultiClassAndBinary) {
  OpTest("LinearClassifier", 1, kMl)
      .attr("coefficients", std::vector<float>{1, 0, 0, 1, -1, -1})
      .attr("intercepts", std::vector<float>{0, 0, 0.5f})
      .attr("classlabels_ints", std::vector<int64_t>{5, 6, 7})
      .num_outputs(2)
      .input<float>({2, 2}, {2, 1, -1, -2})
      .output<int64_t>({2}, {5, 7})
      .output<float>({2, 3}, {2, 1, -2.5f, -1, -2, 3.5f})
      .run();
  OpTest("LinearClassifier", 1, kMl)
      .attr("coefficients", std::vector<float>{1, -1})
      .attr("intercepts", std::vector<float>{0.5f})
      .attr("classlabels_ints", std::vector<int64_t>{0, 1})
      .num_outputs(2)
      .input<float>({2, 2}, {0, 1, 2, 0})
      .output<int64_t>({2}, {0, 1})
      .output<float>({2, 2}, {0.5f, -0.5f, -2.5f, 2.5f})
      .run();
}

TEST(FeatureVectorizerOp, PadsAndTruncatesEachInput) {
  OpTest("FeatureVectorizer", 1, kMl)
      .attr("inputdimensions", std::vector<int64_t>{3, 1})
      .input<int64_t>({2, 2}, {1, 2, 3, 4})
      .input<double>({2, 2}, {0.5, 9, 1.5, 9})
      .output<float>({2, 4}, {1, 2, 0, 0.5f, 3, 4, 0, 1.5f})
      .run();
  OpTest("FeatureVectorizer", 1, kMl)
      .attr("inputdimensions", std::vector<int64_t>{1, 1})
      .input<float>({2, 1}, {1, 2})
      .input<float>({3, 1}, {1, 2, 3})
      .expect_error(StatusCode::kInvalidGraph, "rows");
}

TEST(MlCommon, PostTransforms) {
  double row[3] = {1, 0, 3};
  apply_post_transform(PostTransform::kSoftmaxZero, row, 3);
  const double e = std::exp(-2.0);
  EXPECT_NEAR(row[0], e / (1 + e), 1e-12);
  EXPECT_EQ(row[1], 0.0);
  EXPECT_NEAR(row[2], 1 / (1 + e), 1e-12);
  double p[3] = {0.5, 0.975, 0.025};
  apply_post_transform(PostTransform::kProbit, p, 3);
  EXPECT_NEAR(p[0], 0.0, 1e-9);
  EXPECT_NEAR(p[1], 1.959963984540054, 1e-9);
  EXPECT_NEAR(p[2], -1.959963984540054, 1e-9);
  EXPECT_EQ(parse_post_transform("SOFTMAX"), PostTransform::kSoftmax);
  EXPECT_FALSE(parse_post_transform("softmax").has_value());
}

}  // namespace
}  // namespace onyx::ops
