// View ops (Reshape, Identity, Squeeze, Unsqueeze, Flatten) alias their input: their outputs feed
// graph outputs and other nodes without letting a later in-place op or a second run change a
// graph input, an initializer or an earlier output. Checked through Session at optimization
// levels none and all.
#include <gtest/gtest.h>

#include "common/model_builder.h"
#include "common/op_test_builder.h"

namespace onyx::testing {
namespace {

std::vector<float> values(const Tensor& t) {
  return std::vector<float>(t.data<float>(), t.data<float>() + t.numel());
}

class ViewAliasing : public ::testing::TestWithParam<OptLevel> {
 protected:
  Session load(const ModelBuilder& m) {
    Result<Session> s = m.session(Options{}.threads(1).opt_level(GetParam()));
    EXPECT_TRUE(s.is_ok()) << s.status().to_string();
    return std::move(s).value();
  }
};

TEST_P(ViewAliasing, ReshapeOutputIsAGraphOutputAndFeedsRelu) {
  ModelBuilder m(13);
  m.input("x", DType::kFloat32, {2, 2}).output("r", DType::kFloat32).output("y", DType::kFloat32);
  m.initializer("shape", Tensor::from_vector<int64_t>({1}, {-1}));
  m.node("Reshape", {"x", "shape"}, {"r"});
  m.node("Relu", {"r"}, {"y"});
  Session s = load(m);
  const Tensor x = Tensor::from_vector<float>({2, 2}, {-1, 2, -3, 4});
  for (int run = 0; run < 2; ++run) {
    auto out = s.run({{"x", x}});
    ASSERT_TRUE(out.is_ok()) << out.status().to_string();
    EXPECT_EQ((*out)[0].shape(), (Shape{4}));
    EXPECT_EQ(values((*out)[0]), (std::vector<float>{-1, 2, -3, 4}));
    EXPECT_EQ(values((*out)[1]), (std::vector<float>{0, 2, 0, 4}));
    EXPECT_EQ(values(x), (std::vector<float>{-1, 2, -3, 4}));  // the fed tensor is untouched
  }
}

TEST_P(ViewAliasing, IdentityOfAnInitializerSurvivesRuns) {
  ModelBuilder m(14);
  m.input("x", DType::kFloat32, {3}).output("i", DType::kFloat32).output("y", DType::kFloat32);
  m.initializer("c", Tensor::from_vector<float>({3}, {-1, 0, 1}));
  m.node("Identity", {"c"}, {"i"});
  m.node("Add", {"i", "x"}, {"sum"});
  m.node("Relu", {"sum"}, {"y"});
  Session s = load(m);
  for (int run = 0; run < 3; ++run) {
    auto out = s.run({{"x", Tensor::from_vector<float>({3}, {-5, 5, 5})}});
    ASSERT_TRUE(out.is_ok()) << out.status().to_string();
    EXPECT_EQ(values((*out)[0]), (std::vector<float>{-1, 0, 1})) << "run " << run;
    EXPECT_EQ(values((*out)[1]), (std::vector<float>{0, 5, 6})) << "run " << run;
  }
}

TEST_P(ViewAliasing, GraphInputAlsoPassedThroughViews) {
  // x is a graph output itself and, through Unsqueeze -> Squeeze -> Flatten, a second one.
  ModelBuilder m(13);
  m.input("x", DType::kFloat32, {2, 3}).output("x", DType::kFloat32).output("f", DType::kFloat32);
  m.initializer("axes", Tensor::from_vector<int64_t>({1}, {0}));
  m.node("Unsqueeze", {"x", "axes"}, {"u"});
  m.node("Squeeze", {"u", "axes"}, {"s"});
  m.node("Flatten", {"s"}, {"f"}).attributes.push_back(ModelBuilder::int_attr("axis", 0));
  Session s = load(m);
  const Tensor x = Tensor::from_vector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  auto out = s.run({{"x", x}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ((*out)[0].shape(), (Shape{2, 3}));
  EXPECT_EQ(values((*out)[0]), values(x));
  EXPECT_EQ((*out)[1].shape(), (Shape{1, 6}));
  EXPECT_EQ(values((*out)[1]), values(x));
}

TEST_P(ViewAliasing, TwoViewsOfOneValueAreIndependentOutputs) {
  ModelBuilder m(13);
  m.input("x", DType::kFloat32, {4}).output("a", DType::kFloat32).output("b", DType::kFloat32);
  m.initializer("s22", Tensor::from_vector<int64_t>({2}, {2, 2}));
  m.node("Reshape", {"x", "s22"}, {"a"});
  m.node("Identity", {"x"}, {"b"});
  Session s = load(m);
  auto out = s.run({{"x", Tensor::from_vector<float>({4}, {1, 2, 3, 4})}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ((*out)[0].shape(), (Shape{2, 2}));
  EXPECT_EQ((*out)[1].shape(), (Shape{4}));
  EXPECT_EQ(values((*out)[0]), values((*out)[1]));
}

INSTANTIATE_TEST_SUITE_P(OptLevels, ViewAliasing,
                         ::testing::Values(OptLevel::kNone, OptLevel::kAll), [](const auto& info) {
                           return info.param == OptLevel::kNone ? "none" : "all";
                         });

}  // namespace
}  // namespace onyx::testing
