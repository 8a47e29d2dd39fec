// Models whose nodes are not in topological order, cycles, long chains, and initializers that
// give graph inputs an overridable default (IR >= 4).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "common/model_builder.h"

namespace onyx {
namespace {

using testing::ModelBuilder;

Tensor ramp(Shape shape, float start, float step) {
  Tensor t = Tensor::empty(DType::kFloat32, std::move(shape));
  for (int64_t i = 0; i < t.numel(); ++i) t.data<float>()[i] = start + step * static_cast<float>(i);
  return t;
}

std::vector<float> values(const Tensor& t) {
  return std::vector<float>(t.data<float>(), t.data<float>() + t.numel());
}

// A small DAG with fan-out and fan-in: two outputs.
ModelBuilder diamond() {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 3});
  b.initializer("c", ramp({2, 3}, -1.0f, 0.4f));
  b.node("Relu", {"x"}, {"r"}, "relu");
  b.node("Sigmoid", {"x"}, {"s"}, "sigmoid");
  b.node("Mul", {"r", "c"}, {"m"}, "mul");
  b.node("Add", {"m", "s"}, {"a"}, "add");
  b.node("Sub", {"a", "r"}, {"d"}, "sub");
  b.node("Transpose", {"d"}, {"t"}, "transpose");
  b.node("Identity", {"a"}, {"y2"}, "identity");
  b.output("t", DType::kFloat32);
  b.output("y2", DType::kFloat32);
  return b;
}

TEST(GraphOrder, ShuffledNodesGiveTheSameOutputs) {
  Tensor x = ramp({2, 3}, -0.7f, 0.3f);
  ModelBuilder sorted = diamond();
  auto expected = sorted.session().value().run({{"x", x}});
  ASSERT_TRUE(expected.is_ok()) << expected.status().to_string();
  for (uint32_t seed = 1; seed <= 6; ++seed) {
    ModelBuilder shuffled = diamond();
    std::vector<ir::Node>& nodes = shuffled.model().graph.nodes;
    std::shuffle(nodes.begin(), nodes.end(), std::mt19937(seed));
    std::reverse(nodes.begin(), nodes.end());
    for (OptLevel level : {OptLevel::kNone, OptLevel::kAll}) {
      auto s = shuffled.session(Options().opt_level(level));
      ASSERT_TRUE(s.is_ok()) << s.status().to_string();
      auto out = s.value().run({{"x", x}});
      ASSERT_TRUE(out.is_ok()) << out.status().to_string();
      ASSERT_EQ(out.value().size(), 2u);
      for (size_t k = 0; k < 2; ++k) {
        EXPECT_EQ(out.value()[k].shape(), expected.value()[k].shape());
        EXPECT_EQ(values(out.value()[k]), values(expected.value()[k])) << "seed " << seed;
      }
    }
  }
}

TEST(GraphOrder, CycleIsAnErrorNamingItsNodes) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2});
  b.node("Relu", {"x"}, {"r"}, "entry");
  b.node("Add", {"r", "back"}, {"a"}, "add_in_cycle");
  b.node("Sigmoid", {"a"}, {"back"}, "sigmoid_in_cycle");
  b.node("Identity", {"a"}, {"y"}, "exit");
  b.output("y", DType::kFloat32);
  auto s = b.session();
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidGraph);
  const std::string msg = s.status().to_string();
  EXPECT_NE(msg.find("cycle"), std::string::npos) << msg;
  EXPECT_NE(msg.find("Add 'add_in_cycle' -> Sigmoid 'sigmoid_in_cycle' -> Add 'add_in_cycle'"),
            std::string::npos)
      << msg;
  EXPECT_EQ(msg.find("entry"), std::string::npos) << msg;
}

// x -> Relu/Identity alternating, `nodes` long, listed last to first.
ModelBuilder reversed_chain(int nodes) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {3});
  for (int i = nodes; i-- > 0;) {
    std::string in = i == 0 ? "x" : "v" + std::to_string(i - 1);
    b.node(i % 2 ? "Identity" : "Relu", {in}, {"v" + std::to_string(i)});
  }
  b.output("v" + std::to_string(nodes - 1), DType::kFloat32);
  return b;
}

// Import sorts the 100k nodes and the passes stay linear (tests/opt bounds their work).
TEST(GraphOrder, LongReversedChainLoads) {
  auto s = reversed_chain(100000).session();
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  EXPECT_EQ(s.value().outputs()[0].name, "v99999");
}

TEST(GraphOrder, ReversedChainRuns) {
  auto s = reversed_chain(2001).session();
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  auto out = s.value().run({{"x", ramp({3}, -1.0f, 1.0f)}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ(values(out.value()[0]), (std::vector<float>{0.0f, 0.0f, 1.0f}));
}

// y = (x + a) - b where a and b are inputs with initializer defaults of the same type and shape.
TEST(GraphOrder, InitializerDefaultsAreOverriddenByFeeds) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2});
  b.input("a", DType::kFloat32, {2});
  b.input("b", DType::kFloat32, {2});
  b.initializer("a", Tensor::from_vector<float>({2}, {10.0f, 20.0f}));
  b.initializer("b", Tensor::from_vector<float>({2}, {1.0f, 2.0f}));
  b.node("Add", {"x", "a"}, {"s"});
  b.node("Sub", {"s", "b"}, {"y"});
  b.output("y", DType::kFloat32);
  Tensor x = Tensor::from_vector<float>({2}, {0.5f, 0.25f});
  Tensor fed = Tensor::from_vector<float>({2}, {100.0f, 200.0f});
  for (OptLevel level : {OptLevel::kNone, OptLevel::kAll}) {
    Session s = b.session(Options().opt_level(level)).value();
    EXPECT_EQ(s.inputs().size(), 1u);  // only x is required
    // The same session in every order: the plan cache must tell the feed sets apart.
    for (int pass = 0; pass < 2; ++pass) {
      auto none = s.run({{"x", x}});
      ASSERT_TRUE(none.is_ok()) << none.status().to_string();
      EXPECT_EQ(values(none.value()[0]), (std::vector<float>{9.5f, 18.25f}));
      auto only_a = s.run({{"x", x}, {"a", fed}});
      ASSERT_TRUE(only_a.is_ok()) << only_a.status().to_string();
      EXPECT_EQ(values(only_a.value()[0]), (std::vector<float>{99.5f, 198.25f}));
      auto only_b = s.run({{"x", x}, {"b", fed}});
      ASSERT_TRUE(only_b.is_ok()) << only_b.status().to_string();
      EXPECT_EQ(values(only_b.value()[0]), (std::vector<float>{-89.5f, -179.75f}));
      auto both = s.run({{"x", x}, {"a", fed}, {"b", fed}});
      ASSERT_TRUE(both.is_ok()) << both.status().to_string();
      EXPECT_EQ(values(both.value()[0]), (std::vector<float>{0.5f, 0.25f}));
    }
  }
}

// Clip bounds that are overridable inputs are not constants: fusion must not bake them in.
TEST(GraphOrder, OverridableClipBoundIsNotFolded) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 1, 2, 2});
  b.input("hi", DType::kFloat32, {});
  b.initializer("w", Tensor::from_vector<float>({1, 1, 1, 1}, {1.0f}));
  b.initializer("lo", Tensor::scalar<float>(0.0f));
  b.initializer("hi", Tensor::scalar<float>(1.0f));
  b.node("Conv", {"x", "w"}, {"c"});
  b.node("Clip", {"c", "lo", "hi"}, {"y"});
  b.output("y", DType::kFloat32);
  Tensor x = Tensor::from_vector<float>({1, 1, 2, 2}, {-1.0f, 0.5f, 2.0f, 5.0f});
  Session s = b.session(Options().opt_level(OptLevel::kAll)).value();
  auto dflt = s.run({{"x", x}});
  ASSERT_TRUE(dflt.is_ok()) << dflt.status().to_string();
  EXPECT_EQ(values(dflt.value()[0]), (std::vector<float>{0.0f, 0.5f, 1.0f, 1.0f}));
  auto fed = s.run({{"x", x}, {"hi", Tensor::scalar<float>(3.0f)}});
  ASSERT_TRUE(fed.is_ok()) << fed.status().to_string();
  EXPECT_EQ(values(fed.value()[0]), (std::vector<float>{0.0f, 0.5f, 2.0f, 3.0f}));
}

}  // namespace
}  // namespace onyx
