// Conv, Gemm, MatMul, MaxPool, AveragePool, GlobalAveragePool, BatchNormalization: hand-checked
// cases and shape-inference errors through the op-test builder (eager, folded and session paths).
// The official ONNX node tests for these ops run in tests/conformance.
#include <gtest/gtest.h>

#include <cmath>

#include "common/op_test_builder.h"

namespace onyx::testing {
namespace {

TEST(ConvOp, SameUpperPadsAndBias) {
  // SAME_UPPER, out 2, total pad 1 -> end pad: windows {1,2,4,5}, {3,6}, {7,8}, {9}.
  OpTest("Conv", 17)
      .attr("auto_pad", "SAME_UPPER")
      .attr("strides", std::vector<int64_t>{2, 2})
      .input<float>({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9})
      .constant<float>({1, 1, 2, 2}, {1, 1, 1, 1})
      .constant<float>({1}, {10})
      .output<float>({1, 1, 2, 2}, {22, 19, 25, 19})
      .run();
}

TEST(ConvOp, RejectsChannelMismatchNamingInput) {
  OpTest("Conv", 11)
      .input(Tensor::empty(DType::kFloat32, {1, 3, 5, 5}))
      .input(Tensor::empty(DType::kFloat32, {2, 2, 3, 3}))
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "input 1 ('in1')");
}

TEST(ConvOp, FourSpatialDimsNotImplemented) {
  OpTest("Conv", 11)
      .input(Tensor::empty(DType::kFloat32, {1, 1, 2, 2, 2, 2}))
      .input(Tensor::empty(DType::kFloat32, {1, 1, 1, 1, 1, 1}))
      .num_outputs(1)
      .expect_error(StatusCode::kNotImplemented);
}

TEST(MatMulOp, BatchedBroadcastAndVectorPromotion) {
  OpTest("MatMul", 13)
      .input<float>({2, 1, 2, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
      .input<float>({3}, {1, 0, -1})
      .output<float>({2, 1, 2}, {-2, -2, -2, -2})
      .run();
  OpTest("MatMul", 13)
      .input<int64_t>({2, 3}, {1, 1, 1, 2, 0, 0})
      .constant<int64_t>({3, 1}, {1, 2, 3})
      .output<int64_t>({2, 1}, {6, 2})
      .run();
}

TEST(MatMulOp, InnerDimMismatch) {
  OpTest("MatMul", 13)
      .input(Tensor::empty(DType::kFloat32, {2, 3}))
      .input(Tensor::empty(DType::kFloat32, {4, 2}))
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph);
}

TEST(GemmOp, TransAlphaBetaBroadcastC) {
  OpTest("Gemm", 13)
      .attr("transB", int64_t{1})
      .attr("alpha", 2.0f)
      .input<float>({1, 2}, {1, 2})
      .constant<float>({3, 2}, {1, 0, 0, 1, 1, 1})
      .constant<float>({3}, {100, 200, 300})
      .output<float>({1, 3}, {102, 204, 306})
      .run();
}

TEST(PoolOps, MaxPoolIndices) {
  OpTest("MaxPool", 12)
      .attr("kernel_shape", std::vector<int64_t>{2, 2})
      .input<float>({1, 1, 2, 3}, {1, 9, 3, 4, 5, 6})
      .output<float>({1, 1, 1, 2}, {9, 9})
      .output<int64_t>({1, 1, 1, 2}, {1, 1})
      .run();
}

TEST(PoolOps, AveragePoolPadsWithAndWithoutCountIncludePad) {
  const Tensor x = Tensor::from_vector<float>({1, 1, 2, 3}, {1, 9, 3, 4, 5, 6});
  // Output [0,0] sees only x[0,0] inside the padded 2x2 window.
  OpTest("AveragePool", 12)
      .attr("kernel_shape", std::vector<int64_t>{2, 2})
      .attr("pads", std::vector<int64_t>{1, 1, 0, 0})
      .input(x)
      .output<float>({1, 1, 2, 3}, {1, 5, 6, 2.5f, 4.75f, 5.75f})
      .run();
  OpTest("AveragePool", 12)
      .attr("kernel_shape", std::vector<int64_t>{2, 2})
      .attr("pads", std::vector<int64_t>{1, 1, 0, 0})
      .attr("count_include_pad", int64_t{1})
      .input(x)
      .output<float>({1, 1, 2, 3}, {0.25f, 2.5f, 3, 1.25f, 4.75f, 5.75f})
      .run();
}

TEST(PoolOps, GlobalAveragePool) {
  OpTest("GlobalAveragePool", 1)
      .input<float>({1, 2, 2, 1}, {1, 3, 10, 20})
      .output<float>({1, 2, 1, 1}, {2, 15})
      .run();
}

TEST(BatchNormalizationOp, InferenceAndTrainingModeRejected) {
  const float s = 1.0f / std::sqrt(1.0f + 1e-5f);
  // y = (x - mean) / sqrt(var + eps) * scale + bias, per channel.
  OpTest("BatchNormalization", 15)
      .input<float>({1, 2, 2, 1}, {1, 3, 10, 20})
      .constant<float>({2}, {2, 1})
      .constant<float>({2}, {1, 0})
      .constant<float>({2}, {1, 10})
      .constant<float>({2}, {4, 1})
      .output<float>({1, 2, 2, 1}, {1, 3, 0, 10 * s})
      .tolerance(1e-4, 1e-4)
      .run();
  // training_mode=1 is supported (tests/ops/training_ops_test.cc); spatial=0 is not.
  OpTest("BatchNormalization", 7)
      .attr("spatial", int64_t{0})
      .input(Tensor::empty(DType::kFloat32, {1, 2, 2, 1}))
      .constant(Tensor::empty(DType::kFloat32, {2}))
      .constant(Tensor::empty(DType::kFloat32, {2}))
      .constant(Tensor::empty(DType::kFloat32, {2}))
      .constant(Tensor::empty(DType::kFloat32, {2}))
      .num_outputs(1)
      .expect_error(StatusCode::kNotImplemented, "spatial");
}

}  // namespace
}  // namespace onyx::testing
