// If whose then_branch cannot be valid for the inputs' shapes (a Split of 5 elements into 4
// chunks): the model loads, the valid branch runs, and taking the invalid one is a run-time error.
#include <gtest/gtest.h>

#include "common/model_builder.h"
#include "onyx/session.hpp"
#include "runtime/graph_builder.h"

namespace onyx {
namespace {

using testing::floats;
using testing::graph_attr;
using testing::GraphBuilder;
using testing::ModelBuilder;
using testing::values_of;

ModelBuilder split_or_identity_model(bool constant_cond, bool cond_value) {
  GraphBuilder then_b("then");
  then_b.node("Split", {"x"}, {"s0", "s1", "s2", "s3"}).attributes = {
      ModelBuilder::int_attr("num_outputs", 4)};
  then_b.output("s0");
  GraphBuilder else_b("else");
  else_b.node("Identity", {"x"}, {"y_else"});
  else_b.output("y_else");

  ModelBuilder b(18);
  b.input("x", DType::kFloat32, {5});
  if (constant_cond)
    b.initializer("c", Tensor::scalar<bool>(cond_value));
  else
    b.input("c", DType::kBool, {});
  b.node("If", {"c"}, {"y"}).attributes = {graph_attr("then_branch", then_b.graph()),
                                           graph_attr("else_branch", else_b.graph())};
  b.output("y", DType::kFloat32);
  return b;
}

TEST(IfUntakenBranch, InvalidBranchIsDeferredToRunTime) {
  Result<Session> s = split_or_identity_model(false, false).session();
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  const Tensor x = floats({5}, {1, 2, 3, 4, 5});
  auto e = s->run({{"x", x}, {"c", Tensor::scalar<bool>(false)}});
  ASSERT_TRUE(e.is_ok()) << e.status().to_string();
  EXPECT_EQ(values_of((*e)[0]), (std::vector<float>{1, 2, 3, 4, 5}));
  auto t = s->run({{"x", x}, {"c", Tensor::scalar<bool>(true)}});
  ASSERT_FALSE(t.is_ok());
  EXPECT_NE(t.status().to_string().find("split"), std::string::npos) << t.status().to_string();
}

TEST(IfUntakenBranch, ConstantConditionChecksOnlyTheTakenBranch) {
  Result<Session> ok = split_or_identity_model(true, false).session();
  ASSERT_TRUE(ok.is_ok()) << ok.status().to_string();
  auto e = ok->run({{"x", floats({5}, {1, 2, 3, 4, 5})}});
  ASSERT_TRUE(e.is_ok()) << e.status().to_string();
  EXPECT_EQ(values_of((*e)[0]), (std::vector<float>{1, 2, 3, 4, 5}));
  // The taken branch is invalid: the model is refused at load.
  EXPECT_FALSE(split_or_identity_model(true, true).session().is_ok());
}

}  // namespace
}  // namespace onyx
