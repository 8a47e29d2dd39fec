// random_output.h: only listed tests are random-output tests, and the structural checks reject
// outputs that break the Bernoulli / Dropout rules.
#include "random_output.h"

#include <gtest/gtest.h>

namespace onyx::conformance {
namespace {

TEST(RandomOutput, OnlyListedTests) {
  EXPECT_EQ(random_output_kind("test_bernoulli_seed"), RandomOutputKind::kBernoulli);
  EXPECT_EQ(random_output_kind("test_training_dropout_mask"), RandomOutputKind::kDropoutTraining);
  EXPECT_FALSE(random_output_kind("test_training_dropout_zero_ratio"));
  EXPECT_FALSE(random_output_kind("test_dropout_default"));
}

TEST(RandomOutput, BernoulliChecks) {
  const std::vector<Tensor> p = {Tensor::from_vector<float>({3}, {0, 0.5f, 1})};
  const std::vector<Tensor> want = {Tensor::from_vector<float>({3}, {0, 1, 1})};
  auto check = [&](std::vector<float> y) {
    return check_random_outputs(RandomOutputKind::kBernoulli, p, want,
                                {Tensor::from_vector<float>({3}, y)});
  };
  EXPECT_EQ(check({0, 0, 1}), "");
  EXPECT_NE(check({0, 0.5f, 1}), "");  // not 0/1
  EXPECT_NE(check({1, 0, 1}), "");     // probability 0 gave 1
  EXPECT_NE(check_random_outputs(RandomOutputKind::kBernoulli, p, want,
                                 {Tensor::from_vector<double>({3}, {0, 0, 1})}),
            "");  // dtype
}

TEST(RandomOutput, DropoutChecks) {
  const std::vector<Tensor> in = {Tensor::from_vector<float>({3}, {1, 2, 3}),
                                  Tensor::from_vector<float>({}, {0.5f}),
                                  Tensor::from_vector<bool>({}, {true})};
  const std::vector<Tensor> want = {Tensor::from_vector<float>({3}, {0, 0, 0}),
                                    Tensor::from_vector<bool>({3}, {false, false, false})};
  auto check = [&](std::vector<float> y, std::vector<bool> m) {
    return check_random_outputs(
        RandomOutputKind::kDropoutTraining, in, want,
        {Tensor::from_vector<float>({3}, y), Tensor::from_vector<bool>({3}, m)});
  };
  EXPECT_EQ(check({2, 0, 6}, {true, false, true}), "");
  EXPECT_NE(check({1, 0, 6}, {true, false, true}), "");  // kept value not scaled
  EXPECT_NE(check({2, 0, 6}, {true, true, true}), "");   // mask disagrees
}

}  // namespace
}  // namespace onyx::conformance
