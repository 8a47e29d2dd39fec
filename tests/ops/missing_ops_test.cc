// The last standard operators: MaxRoiPool (ai.onnx) and the ai.onnx.ml ops SVMClassifier,
// SVMRegressor, CastMap, DictVectorizer and ZipMap. Expected values are worked out by hand (the
// SVM probability rows by a numpy transcription of libsvm's pairwise coupling).
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "base/half.h"
#include "common/model_builder.h"
#include "common/op_test_builder.h"
#include "onyx/session.hpp"

namespace onyx {
namespace {

using testing::ModelBuilder;
using testing::OpTest;
constexpr const char* kMl = "ai.onnx.ml";

std::vector<float> iota_floats(int n, float start = 0) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[size_t(i)] = start + static_cast<float>(i);
  return v;
}

// ---------------------------------------------------------------- MaxRoiPool

TEST(MaxRoiPoolOp, WholeImageAndInnerRoi) {
  // X = 0..15 as 4x4. ROI 0 covers all of it (2x2 bins of 2x2); ROI 1 is rows/cols 1..2.
  OpTest("MaxRoiPool", 22)
      .attr("pooled_shape", std::vector<int64_t>{2, 2})
      .input<float>({1, 1, 4, 4}, iota_floats(16))
      .input<float>({2, 5}, {0, 0, 0, 3, 3, 0, 1, 1, 2, 2})
      .output<float>({2, 1, 2, 2}, {5, 7, 13, 15, 5, 6, 9, 10})
      .run();
}

TEST(MaxRoiPoolOp, OverlappingBinsScaleBatchAndEmptyBins) {
  // 3x3 bins over 4 rows: [0,2) [1,3) [2,4). ROI 0: batch 1 at scale 0.5 (corners 0..3); ROI 1
  // lies outside the image, so every bin is empty and yields 0.
  OpTest("MaxRoiPool", 1)
      .attr("pooled_shape", std::vector<int64_t>{3, 3})
      .attr("spatial_scale", 0.5f)
      .input<double>({2, 1, 4, 4}, std::vector<double>(32, 0.0))
      .input<double>({2, 5}, {1, 0, 0, 6, 6, 0, 10, 10, 16, 16})
      .output<double>({2, 1, 3, 3}, std::vector<double>(18, 0.0))
      .run();
  std::vector<float> x = iota_floats(32);
  OpTest("MaxRoiPool", 1)
      .attr("pooled_shape", std::vector<int64_t>{3, 3})
      .attr("spatial_scale", 0.5f)
      .input<float>({2, 1, 4, 4}, x)
      .input<float>({2, 5}, {1, 0, 0, 6, 6, 0, 10, 10, 16, 16})
      .output<float>({2, 1, 3, 3}, {21, 22, 23, 25, 26, 27, 29, 30, 31, 0, 0, 0, 0, 0, 0, 0, 0, 0})
      .run();
}

TEST(MaxRoiPoolOp, TwoChannelsFloat16) {
  std::vector<Float16> x, want;
  for (float v : iota_floats(8)) x.push_back(from_float<Float16>(v));  // [1, 2, 2, 2]
  for (float v : {3.0f, 7.0f}) want.push_back(from_float<Float16>(v));
  OpTest("MaxRoiPool", 22)
      .attr("pooled_shape", std::vector<int64_t>{1, 1})
      .input(Tensor::from_vector<Float16>({1, 2, 2, 2}, x))
      .input(Tensor::from_vector<Float16>(
          {1, 5}, {from_float<Float16>(0), from_float<Float16>(0), from_float<Float16>(0),
                   from_float<Float16>(1), from_float<Float16>(1)}))
      .output(Tensor::from_vector<Float16>({1, 2, 1, 1}, want))
      .run();
}

TEST(MaxRoiPoolOp, Errors) {
  OpTest("MaxRoiPool", 22)
      .input<float>({1, 1, 2, 2}, {1, 2, 3, 4})
      .input<float>({1, 5}, {0, 0, 0, 1, 1})
      .expect_error(StatusCode::kInvalidGraph, "pooled_shape is required");
  OpTest("MaxRoiPool", 22)
      .attr("pooled_shape", std::vector<int64_t>{2, 0})
      .input<float>({1, 1, 2, 2}, {1, 2, 3, 4})
      .input<float>({1, 5}, {0, 0, 0, 1, 1})
      .expect_error(StatusCode::kInvalidGraph, "2 positive ints");
  OpTest("MaxRoiPool", 22)
      .attr("pooled_shape", std::vector<int64_t>{1, 1})
      .input<float>({1, 1, 2, 2}, {1, 2, 3, 4})
      .input<float>({1, 4}, {0, 0, 1, 1})
      .expect_error(StatusCode::kInvalidGraph, "[num_rois, 5]");
  OpTest("MaxRoiPool", 22)
      .attr("pooled_shape", std::vector<int64_t>{1, 1})
      .input<float>({1, 1, 2, 2}, {1, 2, 3, 4})
      .input<float>({1, 5}, {3, 0, 0, 1, 1})
      .expect_error(StatusCode::kRuntimeException, "batch_id");
}

// ---------------------------------------------------------------- SVMRegressor

TEST(SvmRegressorOp, LinearAndOneClass) {
  // y = x . [1, 2] + 0.5
  OpTest("SVMRegressor", 1, kMl)
      .attr("coefficients", std::vector<float>{1, 2})
      .attr("rho", std::vector<float>{0.5f})
      .input<float>({2, 2}, {1, 1, -2, 0})
      .output<float>({2, 1}, {3.5f, -1.5f})
      .run();
  OpTest("SVMRegressor", 1, kMl)
      .attr("coefficients", std::vector<float>{1, 2})
      .attr("rho", std::vector<float>{0.5f})
      .attr("one_class", int64_t{1})
      .input<int64_t>({2, 2}, {1, 1, -2, 0})
      .output<float>({2, 1}, {1, -1})
      .run();
}

TEST(SvmRegressorOp, Kernels) {
  // RBF, gamma 0.5: support vectors (0,0), (1,1), coefficients 1, -1, rho 0.1.
  //   x = (0,0): 1 - e^-1 + 0.1;  x = (1,0): e^-0.5 - e^-0.5 + 0.1
  OpTest("SVMRegressor", 1, kMl)
      .attr("kernel_type", "RBF")
      .attr("kernel_params", std::vector<float>{0.5f, 0, 0})
      .attr("n_supports", int64_t{2})
      .attr("support_vectors", std::vector<float>{0, 0, 1, 1})
      .attr("coefficients", std::vector<float>{1, -1})
      .attr("rho", std::vector<float>{0.1f})
      .input<float>({2, 2}, {0, 0, 1, 0})
      .output<float>({2, 1}, {static_cast<float>(1.1 - std::exp(-1.0)), 0.1f})
      .run();
  // POLY (gamma 1, coef0 1, degree 2): 0.5 * ((1,1).(1,2) + 1)^2 = 8.
  OpTest("SVMRegressor", 1, kMl)
      .attr("kernel_type", "POLY")
      .attr("kernel_params", std::vector<float>{1, 1, 2})
      .attr("n_supports", int64_t{1})
      .attr("support_vectors", std::vector<float>{1, 2})
      .attr("coefficients", std::vector<float>{0.5f})
      .attr("rho", std::vector<float>{0})
      .input<double>({2}, {1, 1})
      .output<float>({1, 1}, {8})
      .run();
  // SIGMOID (gamma 0.5, coef0 0): 2 tanh(0.5 * (2,0).(1,0)) = 2 tanh(1).
  OpTest("SVMRegressor", 1, kMl)
      .attr("kernel_type", "SIGMOID")
      .attr("kernel_params", std::vector<float>{0.5f, 0, 0})
      .attr("n_supports", int64_t{1})
      .attr("support_vectors", std::vector<float>{1, 0})
      .attr("coefficients", std::vector<float>{2})
      .attr("rho", std::vector<float>{0})
      .input<int32_t>({1, 2}, {2, 0})
      .output<float>({1, 1}, {static_cast<float>(2 * std::tanh(1.0))})
      .run();
}

TEST(SvmRegressorOp, Errors) {
  OpTest("SVMRegressor", 1, kMl)
      .attr("kernel_type", "CUBIC")
      .attr("coefficients", std::vector<float>{1})
      .attr("rho", std::vector<float>{0})
      .input<float>({1, 1}, {1})
      .expect_error(StatusCode::kInvalidGraph, "kernel_type must be");
  OpTest("SVMRegressor", 1, kMl)
      .attr("n_supports", int64_t{2})
      .attr("support_vectors", std::vector<float>{1, 2, 3})
      .attr("coefficients", std::vector<float>{1, 1})
      .attr("rho", std::vector<float>{0})
      .input<float>({1, 1}, {1})
      .expect_error(StatusCode::kInvalidGraph, "support_vectors must hold");
  OpTest("SVMRegressor", 1, kMl)
      .attr("coefficients", std::vector<float>{1, 2})
      .attr("rho", std::vector<float>{0})
      .input<float>({1, 3}, {1, 2, 3})
      .expect_error(StatusCode::kInvalidGraph, "has 3 features, the model 2");
  OpTest("SVMRegressor", 1, kMl)
      .attr("coefficients", std::vector<float>{1})
      .input<float>({1, 1}, {1})
      .expect_error(StatusCode::kInvalidGraph, "rho");
}

// ---------------------------------------------------------------- SVMClassifier

TEST(SvmClassifierOp, LinearModeThreeClasses) {
  // scores = x W^T + rho[0], W rows (1,0), (0,1), (-1,-1).
  auto model = [] {
    return OpTest("SVMClassifier", 1, kMl)
        .attr("coefficients", std::vector<float>{1, 0, 0, 1, -1, -1})
        .attr("rho", std::vector<float>{0})
        .attr("classlabels_ints", std::vector<int64_t>{10, 20, 30})
        .input<float>({2, 2}, {1, 2, 3, -1});
  };
  model().output<int64_t>({2}, {20, 10}).output<float>({2, 3}, {1, 2, -3, 3, -1, -2}).run();
  const double e0 = std::exp(-1.0) + 1 + std::exp(-5.0);  // row 0 softmax denominators / e^2
  const double e1 = 1 + std::exp(-4.0) + std::exp(-5.0);  // row 1, / e^3
  model()
      .attr("post_transform", "SOFTMAX")
      .output<int64_t>({2}, {20, 10})
      .output<float>({2, 3}, {static_cast<float>(std::exp(-1.0) / e0), static_cast<float>(1 / e0),
                              static_cast<float>(std::exp(-5.0) / e0), static_cast<float>(1 / e1),
                              static_cast<float>(std::exp(-4.0) / e1),
                              static_cast<float>(std::exp(-5.0) / e1)})
      .run();
}

TEST(SvmClassifierOp, LinearModeTwoClassesFollowsOnnxruntimeThreshold) {
  // All coefficients >= 0: class 1 when the top score is >= 0.5, else the argmax. Row 1's top
  // score (0.6) belongs to class 0 but still selects label "pos".
  OpTest("SVMClassifier", 1, kMl)
      .attr("coefficients", std::vector<float>{1, 0, 0, 1})
      .attr("rho", std::vector<float>{0})
      .attr("classlabels_strings", std::vector<std::string>{"neg", "pos"})
      .input<float>({2, 2}, {0.3f, 0.2f, 0.6f, 0.1f})
      .output<std::string>({2}, {"neg", "pos"})
      .output<float>({2, 2}, {0.3f, 0.2f, 0.6f, 0.1f})
      .run();
}

// SVC with three classes, one linear-kernel support vector each: (1,0), (0,1), (-1,-1);
// coefficients [[1, -1, 0.5], [0.5, 1, -1]], rho (0, 0.1, -0.2). Pair scores:
//   x = (1, 0.5): (0.5, -0.15, 1.8), votes 1/1/1 -> first class
//   x = (0, 2):   (-2, -0.9, 3.8),   votes 0/2/1 -> class 1
OpTest svc3(std::vector<int64_t> per_class = {1, 1, 1}, std::vector<float> rho = {0, 0.1f, -0.2f}) {
  return OpTest("SVMClassifier", 1, kMl)
      .attr("kernel_type", "LINEAR")
      .attr("vectors_per_class", std::move(per_class))
      .attr("support_vectors", std::vector<float>{1, 0, 0, 1, -1, -1})
      .attr("coefficients", std::vector<float>{1, -1, 0.5f, 0.5f, 1, -1})
      .attr("rho", std::move(rho))
      .attr("classlabels_strings", std::vector<std::string>{"a", "b", "c"})
      .input<float>({2, 2}, {1, 0.5f, 0, 2});
}

TEST(SvmClassifierOp, SvcVotesAndPairScores) {
  svc3()
      .output<std::string>({2}, {"a", "b"})
      .output<float>({2, 3}, {0.5f, -0.15f, 1.8f, -2, -0.9f, 3.8f})
      .tolerance(1e-5, 1e-6)
      .run();
  svc3()
      .attr("post_transform", "SOFTMAX")
      .output<std::string>({2}, {"a", "b"})
      .output<float>({2, 3},
                     {0.1926284f, 0.10056084f, 0.70681075f, 0.00299129f, 0.00898634f, 0.98802237f})
      .tolerance(1e-5, 1e-6)
      .run();
}

TEST(SvmClassifierOp, SvcPlattProbabilitiesWithPairwiseCoupling) {
  // prob_a (-1, -2, -0.5), prob_b (0.1, 0, -0.2); the labels still follow the votes.
  svc3()
      .attr("prob_a", std::vector<float>{-1, -2, -0.5f})
      .attr("prob_b", std::vector<float>{0.1f, 0, -0.2f})
      .output<std::string>({2}, {"a", "b"})
      .output<float>({2, 3},
                     {0.36666934f, 0.38178117f, 0.25154949f, 0.06373855f, 0.82489412f, 0.11136732f})
      .tolerance(1e-4, 1e-6)
      .run();
}

TEST(SvmClassifierOp, SvcTwoClassesRbfScoreLayout) {
  // RBF gamma 0.5, support vectors (0,0) class 0 and (1,1) class 1, coefficients (1, -1), rho 0.1:
  //   x = (0,0): s = 1.1 - e^-1 > 0 -> label 5;  x = (1,1): s = 0.1 + e^-1 - 1 < 0 -> label 7.
  const float s0 = static_cast<float>(1.1 - std::exp(-1.0));
  const float s1 = static_cast<float>(std::exp(-1.0) - 0.9);
  auto model = [] {
    return OpTest("SVMClassifier", 1, kMl)
        .attr("kernel_type", "RBF")
        .attr("kernel_params", std::vector<float>{0.5f, 0, 0})
        .attr("vectors_per_class", std::vector<int64_t>{1, 1})
        .attr("support_vectors", std::vector<float>{0, 0, 1, 1})
        .attr("coefficients", std::vector<float>{1, -1})
        .attr("rho", std::vector<float>{0.1f})
        .attr("classlabels_ints", std::vector<int64_t>{5, 7})
        .input<float>({2, 2}, {0, 0, 1, 1});
  };
  // NONE: [-s, s]; any other post_transform: [1 - s, s] (onnxruntime's layout).
  model().output<int64_t>({2}, {5, 7}).output<float>({2, 2}, {-s0, s0, -s1, s1}).run();
  model()
      .attr("post_transform", "LOGISTIC")
      .output<int64_t>({2}, {5, 7})
      .output<float>({2, 2}, {1 - s0, s0, 1 - s1, s1})
      .run();
}

TEST(SvmClassifierOp, Errors) {
  OpTest("SVMClassifier", 1, kMl)
      .attr("coefficients", std::vector<float>{1})
      .attr("rho", std::vector<float>{0})
      .input<float>({1, 1}, {1})
      .expect_error(StatusCode::kInvalidGraph, "classlabels_ints and classlabels_strings");
  svc3({1, 2}).expect_error(StatusCode::kInvalidGraph,
                            "vectors_per_class has 2 entries for 3 classes");
  svc3({1, 1, 1}, {0})
      .expect_error(StatusCode::kInvalidGraph, "rho must hold one value per class pair (3)");
  svc3()
      .attr("prob_a", std::vector<float>{1, 1, 1})
      .expect_error(StatusCode::kInvalidGraph, "prob_a and prob_b");
  svc3()
      .attr("kernel_params", std::vector<float>{1})
      .expect_error(StatusCode::kInvalidGraph, "kernel_params must hold 3 values");
  svc3()
      .attr("post_transform", "SQUARE")
      .expect_error(StatusCode::kInvalidGraph, "unknown post_transform 'SQUARE'");
}

// ---------------------------------------------------------------- map and sequence-of-map ops

ir::TypeInfo tensor_of(DType t) {
  return ir::TypeInfo::tensor(t, {});
}
ir::TypeInfo map_of(DType key, DType value) {
  ir::TypeInfo m;
  m.kind = ir::TypeInfo::Kind::kMap;
  m.map_key_type = key;
  m.inner = std::make_shared<ir::TypeInfo>(tensor_of(value));
  return m;
}
ir::TypeInfo seq_of_maps(DType key, DType value) {
  ir::TypeInfo s;
  s.kind = ir::TypeInfo::Kind::kSequence;
  s.inner = std::make_shared<ir::TypeInfo>(map_of(key, value));
  return s;
}
ir::Attribute str_attr(const std::string& name, const std::string& v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kString;
  a.s = v;
  return a;
}
ir::Attribute strs_attr(const std::string& name, std::vector<std::string> v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kStrings;
  a.strings = std::move(v);
  return a;
}

// A one-node ai.onnx.ml model "x" -> op -> "y" with the given declared types.
ModelBuilder ml_model(const std::string& op, std::vector<ir::Attribute> attrs, ir::TypeInfo in,
                      ir::TypeInfo out) {
  ModelBuilder b(17);
  b.model().opset_imports.push_back({kMl, 1});
  b.model().graph.inputs.push_back({"x", std::move(in), ""});
  ir::Node& n = b.node(op, {"x"}, {"y"}, "node");
  n.domain = kMl;
  n.attributes = std::move(attrs);
  b.model().graph.outputs.push_back({"y", std::move(out), ""});
  return b;
}

// Runs the model on `x`; returns output "y" or the failing status.
Result<Value> run_one(const ModelBuilder& b, Value x) {
  auto session = b.session();
  if (!session.is_ok()) return session.status();
  auto out = session->run_values({{"x", std::move(x)}});
  if (!out.is_ok()) return out.status();
  return (*out)[0];
}

Value int_float_map(std::vector<int64_t> keys, std::vector<float> values) {
  const auto n = static_cast<int64_t>(keys.size());
  return Value::map(Tensor::from_vector<int64_t>({n}, keys),
                    Tensor::from_vector<float>({n}, values));
}
Value int_string_map(std::vector<int64_t> keys, std::vector<std::string> values) {
  const auto n = static_cast<int64_t>(keys.size());
  return Value::map(Tensor::from_vector<int64_t>({n}, keys),
                    Tensor::from_vector<std::string>({n}, values));
}

void expect_tensor(const Result<Value>& got, const Tensor& want) {
  ASSERT_TRUE(got.is_ok()) << got.status().to_string();
  ASSERT_TRUE(got->is_tensor()) << got->type_string();
  EXPECT_EQ(testing::compare_tensors(want, got->tensor(), 1e-6, 0), "");
}
void expect_error(const Result<Value>& got, const std::string& substring) {
  ASSERT_FALSE(got.is_ok());
  EXPECT_NE(got.status().message().find(substring), std::string::npos) << got.status().to_string();
}

ModelBuilder cast_map(DType from, const std::string& to, const std::string& form, int64_t max_map,
                      DType out) {
  return ml_model("CastMap",
                  {str_attr("cast_to", to), str_attr("map_form", form),
                   ModelBuilder::int_attr("max_map", max_map)},
                  map_of(DType::kInt64, from), tensor_of(out));
}

TEST(CastMapOp, DenseInKeyOrder) {
  const Value m = int_float_map({3, 1, 2}, {0.5f, 1.5f, -2.5f});
  expect_tensor(run_one(cast_map(DType::kFloat32, "TO_FLOAT", "DENSE", 1, DType::kFloat32), m),
                Tensor::from_vector<float>({1, 3}, {1.5f, -2.5f, 0.5f}));
  expect_tensor(run_one(cast_map(DType::kFloat32, "TO_INT64", "DENSE", 1, DType::kInt64), m),
                Tensor::from_vector<int64_t>({1, 3}, {1, -2, 0}));
  expect_tensor(run_one(cast_map(DType::kFloat32, "TO_STRING", "DENSE", 1, DType::kString), m),
                Tensor::from_vector<std::string>({1, 3}, {"1.500000", "-2.500000", "0.500000"}));
}

TEST(CastMapOp, SparsePadsMissingKeysAndDropsKeysPastMaxMap) {
  const Value m = int_string_map({4, 1, 7}, {"4.5", "1", "9"});
  expect_tensor(run_one(cast_map(DType::kString, "TO_FLOAT", "SPARSE", 5, DType::kFloat32), m),
                Tensor::from_vector<float>({1, 5}, {0, 1, 0, 0, 4.5f}));
  expect_tensor(run_one(cast_map(DType::kString, "TO_STRING", "SPARSE", 5, DType::kString), m),
                Tensor::from_vector<std::string>({1, 5}, {"0.f", "1", "0.f", "0.f", "4.5"}));
}

TEST(CastMapOp, Errors) {
  expect_error(run_one(cast_map(DType::kFloat32, "TO_DOUBLE", "DENSE", 1, DType::kFloat32),
                       int_float_map({1}, {1})),
               "cast_to must be TO_FLOAT, TO_STRING or TO_INT64");
  expect_error(run_one(cast_map(DType::kFloat32, "TO_FLOAT", "SPARSE", 3, DType::kFloat32),
                       int_float_map({-1, 2}, {1, 2})),
               "negative key -1");
  expect_error(run_one(cast_map(DType::kString, "TO_INT64", "DENSE", 1, DType::kInt64),
                       int_string_map({1, 2}, {"12", "x1"})),
               "value 'x1' of key 2 is not an int64");
  expect_error(run_one(cast_map(DType::kFloat32, "TO_FLOAT", "DENSE", 1, DType::kFloat32),
                       int_float_map({2, 2}, {1, 2})),
               "map key 2 appears more than once");
  expect_error(run_one(ml_model("CastMap", {}, map_of(DType::kString, DType::kFloat32),
                                tensor_of(DType::kFloat32)),
                       Value::map(Tensor::from_vector<std::string>({1}, {"a"}),
                                  Tensor::from_vector<float>({1}, {1}))),
               "map(int64, tensor(string)) or map(int64, tensor(float))");
}

TEST(DictVectorizerOp, StringAndIntVocabularies) {
  const Value m = Value::map(Tensor::from_vector<std::string>({3}, {"c", "a", "z"}),
                             Tensor::from_vector<double>({3}, {3, 1, 9}));
  expect_tensor(
      run_one(ml_model("DictVectorizer", {strs_attr("string_vocabulary", {"a", "b", "c"})},
                       map_of(DType::kString, DType::kFloat64), tensor_of(DType::kFloat64)),
              m),
      Tensor::from_vector<double>({1, 3}, {1, 0, 3}));
  expect_tensor(run_one(ml_model("DictVectorizer", {ModelBuilder::ints("int64_vocabulary", {5, 1})},
                                 map_of(DType::kInt64, DType::kString), tensor_of(DType::kString)),
                        int_string_map({1}, {"one"})),
                Tensor::from_vector<std::string>({1, 2}, {"", "one"}));
}

TEST(DictVectorizerOp, Errors) {
  expect_error(run_one(ml_model("DictVectorizer", {strs_attr("string_vocabulary", {"a"})},
                                map_of(DType::kInt64, DType::kFloat32), tensor_of(DType::kFloat32)),
                       int_float_map({1}, {1})),
               "string vocabulary needs map keys of that type");
  expect_error(run_one(ml_model("DictVectorizer",
                                {strs_attr("string_vocabulary", {"a"}),
                                 ModelBuilder::ints("int64_vocabulary", {1})},
                                map_of(DType::kInt64, DType::kFloat32), tensor_of(DType::kFloat32)),
                       int_float_map({1}, {1})),
               "exactly one of string_vocabulary and int64_vocabulary");
}

ModelBuilder zip_map(std::vector<ir::Attribute> labels, DType key) {
  return ml_model("ZipMap", std::move(labels), ir::TypeInfo::tensor(DType::kFloat32, {-1, -1}),
                  seq_of_maps(key, DType::kFloat32));
}

TEST(ZipMapOp, StringLabels) {
  auto out = run_one(zip_map({strs_attr("classlabels_strings", {"cat", "dog"})}, DType::kString),
                     Tensor::from_vector<float>({2, 2}, {0.25f, 0.75f, 0.5f, 0.5f}));
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ(out->type_string(), "seq(map(string,tensor(float)))");
  ASSERT_TRUE(out->is_map_sequence());
  ASSERT_EQ(out->maps().size(), 2u);
  const Value& row1 = out->maps()[1];
  EXPECT_EQ(row1.map_keys().data<std::string>()[0], "cat");
  EXPECT_EQ(row1.map_keys().data<std::string>()[1], "dog");
  EXPECT_EQ(row1.map_values().data<float>()[0], 0.5f);
  EXPECT_EQ(out->maps()[0].map_values().data<float>()[1], 0.75f);
}

TEST(ZipMapOp, Int64LabelsAndSessionMetadata) {
  ModelBuilder b = zip_map({ModelBuilder::ints("classlabels_int64s", {30, 10, 20})}, DType::kInt64);
  Session s = b.session().value();
  EXPECT_EQ(s.outputs()[0].kind, ValueMeta::Kind::kSequence);
  EXPECT_EQ(s.outputs()[0].map_key_type, DType::kInt64);
  EXPECT_EQ(s.outputs()[0].dtype, DType::kFloat32);
  EXPECT_EQ(s.outputs()[0].type_string, "seq(map(int64,tensor(float)))");
  auto out = s.run_values({{"x", Tensor::from_vector<float>({1, 3}, {0.1f, 0.2f, 0.7f})}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  const Value& seq = (*out)[0];
  ASSERT_EQ(seq.maps().size(), 1u);
  const Value& m = seq.maps()[0];
  EXPECT_EQ(m.map_keys().data<int64_t>()[0], 30);
  EXPECT_EQ(m.map_keys().data<int64_t>()[2], 20);
  EXPECT_EQ(m.map_values().data<float>()[2], 0.7f);
  // The tensor API refuses the sequence output.
  EXPECT_FALSE(s.run({{"x", Tensor::from_vector<float>({1, 3}, {0, 0, 1})}}).is_ok());
}

TEST(ZipMapOp, Errors) {
  expect_error(run_one(zip_map({strs_attr("classlabels_strings", {"a", "b"})}, DType::kString),
                       Tensor::from_vector<float>({1, 3}, {1, 2, 3})),
               "has 3 columns for 2 class labels");
  expect_error(run_one(zip_map({strs_attr("classlabels_strings", {"a", "a"})}, DType::kString),
                       Tensor::from_vector<float>({1, 2}, {1, 2})),
               "repeats a label");
  expect_error(run_one(zip_map({}, DType::kString), Tensor::from_vector<float>({1, 1}, {1})),
               "exactly one of classlabels_strings and classlabels_int64s");
  // Sequence ops refuse sequences of maps with a clear error.
  ModelBuilder b = zip_map({strs_attr("classlabels_strings", {"a"})}, DType::kString);
  b.model().graph.outputs.clear();
  b.node("SequenceLength", {"y"}, {"n"});
  b.output("n", DType::kInt64);
  expect_error(run_one(b, Tensor::from_vector<float>({1, 1}, {1})),
               "sequences of maps are not supported here");
}

TEST(ZipMapOp, SequencesOfMapsAsGraphInputs) {
  // Identity passes a fed sequence of maps through; a plain sequence of tensors is refused.
  ModelBuilder b(17);
  b.model().graph.inputs.push_back({"x", seq_of_maps(DType::kInt64, DType::kFloat32), ""});
  b.node("Identity", {"x"}, {"y"});
  b.model().graph.outputs.push_back({"y", seq_of_maps(DType::kInt64, DType::kFloat32), ""});
  const Value maps = Value::map_sequence(DType::kInt64, DType::kFloat32,
                                         {int_float_map({4}, {0.5f}), int_float_map({}, {})});
  auto out = run_one(b, maps);
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  ASSERT_EQ(out->maps().size(), 2u);
  EXPECT_EQ(out->maps()[0].map_keys().data<int64_t>()[0], 4);
  expect_error(run_one(b, Value::sequence(DType::kFloat32, {})),
               "expected seq(map(int64,tensor(float))), got seq(tensor(float))");
}

}  // namespace
}  // namespace onyx
