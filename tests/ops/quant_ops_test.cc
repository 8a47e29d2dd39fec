// Quantization ops: QuantizeLinear / DequantizeLinear layouts (per-tensor, per-axis, blocked),
// DynamicQuantizeLinear, MatMulInteger, QLinearMatMul, ConvInteger, QLinearConv, and their errors;
// BitCast (bit reinterpretation, the other raw-bits op); Cast to and from the int2/uint2 and
// float8e8m0 element types these ops share.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "common/op_test_builder.h"

namespace onyx::ops {
namespace {

using testing::OpTest;

TEST(QuantizeLinear, PerTensorRoundsHalfToEvenAndSaturates) {
  OpTest("QuantizeLinear", 13)
      .input<float>({6}, {0.25f, 0.75f, -0.25f, 1000.0f, -1000.0f, 3.0f})
      .input<float>({}, {0.5f})
      .input<uint8_t>({}, {10})
      .output<uint8_t>({6}, {10, 12, 10, 255, 0, 16})
      .run();
  // No zero point: uint8 output with zero point 0.
  OpTest("QuantizeLinear", 10)
      .input<float>({3}, {-1.0f, 1.0f, 2.6f})
      .input<float>({}, {1.0f})
      .output<uint8_t>({3}, {0, 1, 3})
      .run();
}

TEST(QuantizeLinear, PerAxisAndBlocked) {
  OpTest("QuantizeLinear", 13)
      .attr("axis", int64_t{0})
      .input<float>({2, 3}, {1, 2, 3, 4, 5, 6})
      .input<float>({2}, {1.0f, 2.0f})
      .input<int8_t>({2}, {0, -1})
      .output<int8_t>({2, 3}, {1, 2, 3, 1, 1, 2})
      .run();
  // Blocks of 2 along axis 1 (3 columns: blocks {0,1}, {2}), int16 output.
  OpTest("QuantizeLinear", 21)
      .attr("axis", int64_t{1})
      .attr("block_size", int64_t{2})
      .input<float>({2, 3}, {1, 2, 3, 4, 5, 6})
      .input<float>({2, 2}, {1.0f, 3.0f, 2.0f, 0.5f})
      .input<int16_t>({2, 2}, {0, 100, 0, -100})
      .output<int16_t>({2, 3}, {1, 2, 101, 2, 2, -88})
      .run();
}

TEST(QuantizeLinear, RejectsMismatchedScaleShape) {
  OpTest("QuantizeLinear", 13)
      .input<float>({2, 3}, {1, 2, 3, 4, 5, 6})
      .input<float>({2}, {1.0f, 2.0f})
      .expect_error(StatusCode::kInvalidGraph, "entries but x has 3");
}

TEST(DequantizeLinear, PerTensorPerAxisAndInt32) {
  OpTest("DequantizeLinear", 10)
      .input<uint8_t>({4}, {0, 3, 128, 255})
      .input<float>({}, {2.0f})
      .input<uint8_t>({}, {128})
      .output<float>({4}, {-256.0f, -250.0f, 0.0f, 254.0f})
      .run();
  OpTest("DequantizeLinear", 13)
      .attr("axis", int64_t{1})
      .input<int8_t>({1, 2, 2}, {-4, 4, 10, -10})
      .input<float>({2}, {0.5f, 0.25f})
      .input<int8_t>({2}, {0, 2})
      .output<float>({1, 2, 2}, {-2.0f, 2.0f, 2.0f, -3.0f})
      .run();
  OpTest("DequantizeLinear", 10)
      .input<int32_t>({2}, {-7, 100000})
      .input<float>({}, {0.5f})
      .output<float>({2}, {-3.5f, 50000.0f})
      .run();
}

TEST(DequantizeLinear, ZeroPointTypeMustMatch) {
  OpTest("DequantizeLinear", 13)
      .input<uint8_t>({2}, {1, 2})
      .input<float>({}, {1.0f})
      .input<int8_t>({}, {0})
      .expect_error(StatusCode::kInvalidGraph, "differs from x's");
}

TEST(DynamicQuantizeLinear, RangeIncludesZero) {
  // min 0 (widened), max 2.55: scale 0.01, zero point 0.
  OpTest("DynamicQuantizeLinear", 11)
      .input<float>({3}, {0.5f, 2.55f, 1.0f})
      .output<uint8_t>({3}, {50, 255, 100})
      .output(Tensor::scalar<float>(0.01f))
      .output(Tensor::scalar<uint8_t>(0))
      .run();
}

TEST(MatMulInteger, ZeroPointsAndBatchBroadcast) {
  OpTest("MatMulInteger", 10)
      .input<uint8_t>({2, 1, 2}, {1, 2, 3, 4})
      .input<int8_t>({2, 2}, {1, -1, 2, 0})
      .input<uint8_t>({}, {1})
      .input<int8_t>({2}, {0, -1})
      .output<int32_t>({2, 1, 2}, {2, 1, 8, 3})
      .run();
}

TEST(QLinearMatMul, RequantizesWithRounding) {
  // A - 0 = [[2, 4]], B - 0 = [[1], [1]] -> 6; * (0.5 * 1 / 2) = 1.5 -> rint 2, + 10.
  OpTest("QLinearMatMul", 10)
      .input<uint8_t>({1, 2}, {2, 4})
      .input<float>({}, {0.5f})
      .input<uint8_t>({}, {0})
      .input<uint8_t>({2, 1}, {1, 1})
      .input<float>({}, {1.0f})
      .input<uint8_t>({}, {0})
      .input<float>({}, {2.0f})
      .input<uint8_t>({}, {10})
      .output<uint8_t>({1, 1}, {12})
      .run();
}

TEST(ConvInteger, PaddingHoldsZeroPoint) {
  // x - 5 = [[1, 2], [3, 4]] padded by 1; kernel of ones 2x2 (w_zero 1 over w = 2).
  OpTest("ConvInteger", 10)
      .attr("pads", std::vector<int64_t>{1, 1, 1, 1})
      .input<uint8_t>({1, 1, 2, 2}, {6, 7, 8, 9})
      .input<uint8_t>({1, 1, 2, 2}, {2, 2, 2, 2})
      .input<uint8_t>({}, {5})
      .input<uint8_t>({}, {1})
      .output<int32_t>({1, 1, 3, 3}, {1, 3, 2, 4, 10, 6, 3, 7, 4})
      .run();
}

TEST(QLinearConv, PerChannelWeightsAndBias) {
  // Two output channels over one input channel, 1x1 kernel.
  OpTest("QLinearConv", 10)
      .input<uint8_t>({1, 1, 1, 2}, {10, 20})
      .input<float>({}, {1.0f})
      .input<uint8_t>({}, {0})
      .input<int8_t>({2, 1, 1, 1}, {2, 3})
      .input<float>({2}, {1.0f, 0.5f})
      .input<int8_t>({2}, {0, 1})
      .input<float>({}, {2.0f})
      .input<uint8_t>({}, {1})
      .input<int32_t>({2}, {4, 0})
      .output<uint8_t>({1, 2, 1, 2}, {13, 23, 6, 11})
      .run();
}

// A tensor of a one-byte-per-element storage type (int2, uint2, float8e8m0) from its bytes.
Tensor byte_tensor(DType dtype, Shape shape, const std::vector<int8_t>& bytes) {
  Tensor t = Tensor::empty(dtype, std::move(shape));
  for (size_t i = 0; i < bytes.size(); ++i) t.data<int8_t>()[i] = bytes[i];
  return t;
}

TEST(CastSubByte, Int2AndUInt2WrapModuloFour) {
  OpTest("Cast", 25)
      .attr("to", static_cast<int64_t>(DType::kInt2))
      .input<float>({5}, {-3.0f, -2.0f, 1.9f, 2.0f, 5.0f})
      .output(byte_tensor(DType::kInt2, {5}, {1, -2, 1, -2, 1}))
      .run();
  OpTest("Cast", 25)
      .attr("to", static_cast<int64_t>(DType::kFloat32))
      .input(byte_tensor(DType::kUInt2, {4}, {0, 1, 2, 3}))
      .output<float>({4}, {0, 1, 2, 3})
      .run();
  OpTest("CastLike", 25)
      .input(byte_tensor(DType::kInt2, {4}, {-2, -1, 0, 1}))
      .input<int8_t>({1}, {0})
      .output<int8_t>({4}, {-2, -1, 0, 1})
      .run();
}

TEST(CastSubByte, Float8E8M0RoundModes) {
  OpTest("Cast", 25)
      .attr("to", static_cast<int64_t>(DType::kFloat8E8M0))
      .input<float>({3}, {3.0f, 1.0f, 0.3f})
      .output(byte_tensor(DType::kFloat8E8M0, {3}, {-127, 127, 126}))  // 129 = 2^2, 127, 126
      .run();
  OpTest("Cast", 25)
      .attr("to", static_cast<int64_t>(DType::kFloat8E8M0))
      .attr("round_mode", "down")
      .input<float>({2}, {3.0f, 0.3f})
      .output(byte_tensor(DType::kFloat8E8M0, {2}, {-128, 125}))  // 128 = 2^1, 125 = 2^-2
      .run();
  OpTest("Cast", 25)
      .attr("to", static_cast<int64_t>(DType::kFloat32))
      .input(byte_tensor(DType::kFloat8E8M0, {2}, {127, -128}))
      .output<float>({2}, {1.0f, 2.0f})
      .run();
  OpTest("Cast", 25)
      .attr("to", static_cast<int64_t>(DType::kFloat8E8M0))
      .attr("round_mode", "sideways")
      .input<float>({1}, {1.0f})
      .expect_error(StatusCode::kInvalidGraph, "round_mode");
}

TEST(QuantizeLinear, Int2Output) {
  OpTest("QuantizeLinear", 25)
      .input<float>({4}, {-5.0f, -1.0f, 0.4f, 3.0f})
      .input<float>({}, {1.0f})
      .input(byte_tensor(DType::kInt2, {}, {0}))
      .output(byte_tensor(DType::kInt2, {4}, {-2, -1, 0, 1}))
      .run();
}

TEST(BitCast, ReinterpretsBits) {
  OpTest("BitCast", 26)
      .attr("to", int64_t{6})
      .input<float>({2}, {1.0f, -2.0f})
      .output<int32_t>({2}, {0x3f800000, static_cast<int32_t>(0xc0000000u)})
      .run();
  OpTest("BitCast", 26)
      .attr("to", int64_t{3})
      .input<uint8_t>({3}, {0, 127, 255})
      .output<int8_t>({3}, {0, 127, -1})
      .run();
}

TEST(BitCast, RejectsDifferentWidths) {
  OpTest("BitCast", 26)
      .attr("to", int64_t{7})
      .input<float>({1}, {1.0f})
      .expect_error(StatusCode::kInvalidGraph, "differs in width");
}

}  // namespace
}  // namespace onyx::ops
