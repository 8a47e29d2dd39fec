// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (ops/common/loss_common.h) on small
// hand-computed cases: every reduction, weights, ignore_index (also negative), N-D inputs,
// float16, out-of-range targets.
#include <gtest/gtest.h>

#include <cmath>

#include "base/half.h"
#include "common/op_test_builder.h"

namespace onyx {
namespace {

using testing::OpTest;

// Log-probabilities [2, 3] and targets {1, 2}; weights {1, 2, 3}:
//   none = {-2 * -2, -3 * -2.5} = {4, 7.5}, sum = 11.5, mean = 11.5 / (2 + 3) = 2.3.
const std::vector<float> kLogProb = {-1, -2, -3, -0.5f, -1.5f, -2.5f};

OpTest nll(const std::string& reduction) {
  OpTest t("NegativeLogLikelihoodLoss", 13);
  t.attr("reduction", reduction);
  return t;
}

TEST(NegativeLogLikelihoodLossOp, ReductionsWithWeights) {
  for (auto [reduction, want] : std::vector<std::pair<std::string, std::vector<float>>>{
           {"none", {4, 7.5f}}, {"sum", {11.5f}}, {"mean", {2.3f}}}) {
    SCOPED_TRACE(reduction);
    OpTest t = nll(reduction);
    t.input<float>({2, 3}, kLogProb).input<int64_t>({2}, {1, 2}).input<float>({3}, {1, 2, 3});
    if (reduction == "none")
      t.output<float>({2}, want);
    else
      t.output<float>({}, want);
    t.run();
  }
}

TEST(NegativeLogLikelihoodLossOp, MeanWithoutWeightsIsPlainMean) {
  nll("mean")
      .input<float>({2, 3}, kLogProb)
      .input<int32_t>({2}, {0, 2})
      .output<float>({}, {(1 + 2.5f) / 2})
      .run();
}

TEST(NegativeLogLikelihoodLossOp, IgnoreIndexDropsTargetsAndWeights) {
  nll("none")
      .attr("ignore_index", int64_t{1})
      .input<float>({2, 3}, kLogProb)
      .input<int64_t>({2}, {1, 2})
      .input<float>({3}, {1, 2, 3})
      .output<float>({2}, {0, 7.5f})
      .run();
  nll("mean")
      .attr("ignore_index", int64_t{1})
      .input<float>({2, 3}, kLogProb)
      .input<int64_t>({2}, {1, 2})
      .input<float>({3}, {1, 2, 3})
      .output<float>({}, {2.5f})
      .run();
  // A negative ignore_index is compared before the range check.
  nll("mean")
      .attr("ignore_index", int64_t{-1})
      .input<float>({2, 3}, kLogProb)
      .input<int64_t>({2}, {-1, 0})
      .output<float>({}, {0.5f})
      .run();
}

TEST(NegativeLogLikelihoodLossOp, SpatialDimsAndDouble) {
  // x[0, c, d]: class 0 = {-1, -2}, class 1 = {-3, -4}; targets {1, 0}.
  OpTest("NegativeLogLikelihoodLoss", 22)
      .attr("reduction", "none")
      .input<double>({1, 2, 2}, {-1, -2, -3, -4})
      .input<int64_t>({1, 2}, {1, 0})
      .output<double>({1, 2}, {3, 2})
      .run();
}

TEST(NegativeLogLikelihoodLossOp, Errors) {
  nll("sum")
      .input<float>({2, 3}, kLogProb)
      .input<int64_t>({2}, {1, 3})
      .expect_error(StatusCode::kRuntimeException, "outside [0, 3)");
  nll("sum")
      .input<float>({2, 3}, kLogProb)
      .input<int64_t>({3}, {1, 0, 0})
      .expect_error(StatusCode::kInvalidGraph, "target");
  nll("avg")
      .input<float>({2, 3}, kLogProb)
      .input<int64_t>({2}, {1, 0})
      .expect_error(StatusCode::kInvalidGraph, "reduction");
}

TEST(SoftmaxCrossEntropyLossOp, LossAndLogProb) {
  const float ln2 = std::log(2.0f);
  // Equal scores in each row: every log_prob is -ln 2.
  OpTest("SoftmaxCrossEntropyLoss", 13)
      .input<float>({2, 2}, {0, 0, 5, 5})
      .input<int64_t>({2}, {0, 1})
      .output<float>({}, {ln2})
      .output<float>({2, 2}, {-ln2, -ln2, -ln2, -ln2})
      .run();
  // Scores {0, ln 3}: probabilities {1/4, 3/4}; target 1 with weight 2, sum reduction.
  OpTest("SoftmaxCrossEntropyLoss", 12)
      .attr("reduction", "sum")
      .input<float>({1, 2}, {0, std::log(3.0f)})
      .input<int64_t>({1}, {1})
      .input<float>({2}, {1, 2})
      .output<float>({}, {-2 * std::log(0.75f)})
      .run();
}

TEST(SoftmaxCrossEntropyLossOp, Float16AndIgnoreIndex) {
  const float ln2 = std::log(2.0f);
  std::vector<Float16> scores = {from_float<Float16>(1), from_float<Float16>(1),
                                 from_float<Float16>(2), from_float<Float16>(7)};
  OpTest("SoftmaxCrossEntropyLoss", 13)
      .attr("reduction", "none")
      .attr("ignore_index", int64_t{-5})
      .input<Float16>({2, 2}, scores)
      .input<int64_t>({2}, {0, -5})
      .output<Float16>({2}, {from_float<Float16>(ln2), from_float<Float16>(0)})
      .tolerance(1e-3, 1e-3)
      .num_outputs(1)
      .run();
}

}  // namespace
}  // namespace onyx
