// BatchNormalization training_mode=1 and the ai.onnx.preview.training optimizers (Adagrad, Adam,
// Momentum) on hand-computed cases.
#include <gtest/gtest.h>

#include <cmath>

#include "common/op_test_builder.h"

namespace onyx {
namespace {

using testing::OpTest;
const char* kTraining = "ai.onnx.preview.training";

TEST(BatchNormalizationOp, TrainingModeUsesBatchStatistics) {
  // X [2, 1, 2] = {1, 2 | 3, 4}: batch mean 2.5, population variance 1.25.
  const float sd = std::sqrt(1.25f);
  OpTest("BatchNormalization", 15)
      .attr("training_mode", int64_t{1})
      .attr("epsilon", 0.0f)
      .input<float>({2, 1, 2}, {1, 2, 3, 4})
      .input<float>({1}, {2})     // scale
      .input<float>({1}, {0.5f})  // bias
      .input<float>({1}, {0})     // input mean
      .input<float>({1}, {1})     // input var
      .output<float>({2, 1, 2}, {2 * -1.5f / sd + 0.5f, 2 * -0.5f / sd + 0.5f, 2 * 0.5f / sd + 0.5f,
                                 2 * 1.5f / sd + 0.5f})
      .output<float>({1}, {0.25f})          // 0 * 0.9 + 2.5 * 0.1
      .output<float>({1}, {0.9f + 0.125f})  // 1 * 0.9 + 1.25 * 0.1
      .run();
}

TEST(TrainingOps, Adagrad) {
  // r = 0.1 / (1 + 1 * 0.5); g = 0.5 * 1 + 1 = 1.5; h = 2 + 2.25; x = 1 - r * g / (sqrt(h) + 0.1)
  const double r = 0.1 / 1.5, h = 4.25, x = 1 - r * 1.5 / (std::sqrt(h) + 0.1);
  OpTest("Adagrad", 1, kTraining)
      .attr("decay_factor", 0.5f)
      .attr("epsilon", 0.1f)
      .attr("norm_coefficient", 0.5f)
      .input<float>({}, {0.1f})
      .input<int64_t>({}, {1})
      .input<double>({1}, {1})
      .input<double>({1}, {1})
      .input<double>({1}, {2})
      .output<double>({1}, {x})
      .output<double>({1}, {h})
      .run();
}

TEST(TrainingOps, AdamWithBiasCorrection) {
  // alpha 0.5, beta 0.75, T = 2: v = 0.5 * 1 + 0.5 * 2 = 1.5; h = 0.75 * 4 + 0.25 * 4 = 4;
  // r = 0.1 * sqrt(1 - 0.5625) / (1 - 0.25); x = (1 - 0.5) * (3 - r * 1.5 / (2 + 0))
  const double r = 0.1 * std::sqrt(1 - 0.5625) / 0.75, x = 0.5 * (3 - r * 1.5 / 2);
  OpTest("Adam", 1, kTraining)
      .attr("alpha", 0.5f)
      .attr("beta", 0.75f)
      .attr("epsilon", 0.0f)
      .attr("norm_coefficient_post", 0.5f)
      .input<double>({}, {0.1})
      .input<int64_t>({}, {2})
      .input<float>({1}, {3})
      .input<float>({1}, {2})
      .input<float>({1}, {1})
      .input<float>({1}, {4})
      .output<float>({1}, {static_cast<float>(x)})
      .output<float>({1}, {1.5f})
      .output<float>({1}, {4})
      .run();
}

TEST(TrainingOps, MomentumStandardAndNesterov) {
  // T = 0: beta is replaced by 1. g = 1, v = 0.25 * 2 + 1 = 1.5;
  // standard: x = 1 - 0.1 * 1.5; nesterov: x = 1 - 0.1 * (1 + 0.25 * 1.5).
  for (const char* mode : {"standard", "nesterov"}) {
    const bool nesterov = std::string(mode) == "nesterov";
    OpTest("Momentum", 1, kTraining)
        .attr("alpha", 0.25f)
        .attr("beta", 0.25f)
        .attr("mode", mode)
        .attr("norm_coefficient", 0.0f)
        .input<float>({}, {0.1f})
        .input<int64_t>({}, {0})
        .input<float>({2}, {1, 1})
        .input<float>({2}, {1, 1})
        .input<float>({2}, {2, 2})
        .output<float>({2}, std::vector<float>(2, nesterov ? 0.8625f : 0.85f))
        .output<float>({2}, {1.5f, 1.5f})
        .run();
  }
  OpTest("Momentum", 1, kTraining)
      .attr("alpha", 0.5f)
      .attr("beta", 0.25f)
      .attr("mode", "heavy")
      .attr("norm_coefficient", 0.0f)
      .input<float>({}, {0.1f})
      .input<int64_t>({}, {0})
      .input<float>({1}, {1})
      .input<float>({1}, {1})
      .input<float>({1}, {2})
      .expect_error(StatusCode::kInvalidGraph, "mode");
}

}  // namespace
}  // namespace onyx
