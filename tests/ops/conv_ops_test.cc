// ConvTranspose, CausalConvWithState, DeformConv, LpPool, GlobalMaxPool, GlobalLpPool, LRN,
// MaxUnpool, and the non-float32 element types of Conv/MaxPool/AveragePool: hand-checked cases
// and errors through the op-test builder (eager, folded and session paths). The official ONNX
// node tests run in tests/conformance.
#include <gtest/gtest.h>

#include <cmath>

#include "base/half.h"
#include "common/op_test_builder.h"

namespace onyx::testing {
namespace {

Tensor f16(Shape shape, const std::vector<float>& values) {
  Tensor t = Tensor::empty(DType::kFloat16, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) t.data<Float16>()[i] = from_float<Float16>(values[i]);
  return t;
}

// x = [1, 2], w = [1, 10, 100], stride 2: full result [1, 10, 102, 20, 200].
OpTest conv_transpose_1d() {
  OpTest t("ConvTranspose", 22);
  t.attr("strides", std::vector<int64_t>{2});
  return t;
}

TEST(ConvTransposeOp, OutputShapeDerivesBeginPadFirst) {
  // output_shape 4: total pad 1 goes to the begin (NOTSET / SAME_LOWER rule).
  conv_transpose_1d()
      .attr("output_shape", std::vector<int64_t>{4})
      .input<float>({1, 1, 2}, {1, 2})
      .constant<float>({1, 1, 3}, {1, 10, 100})
      .constant<float>({1}, {0.5f})
      .output<float>({1, 1, 4}, {10.5f, 102.5f, 20.5f, 200.5f})
      .run();
}

TEST(ConvTransposeOp, SameUpperPutsOddPadAtTheEnd) {
  conv_transpose_1d()
      .attr("auto_pad", "SAME_UPPER")
      .input<float>({1, 1, 2}, {1, 2})
      .constant<float>({1, 1, 3}, {1, 10, 100})
      .output<float>({1, 1, 4}, {1, 10, 102, 20})
      .run();
}

TEST(ConvTransposeOp, PadsOutputPaddingAndGroups) {
  // group 2: channel c only feeds output channel c. pads [1, 0], output_padding 1:
  // out = 2*(2-1) + 1 + 2 - 1 = 4; per channel full [x0*w0, x0*w1, x1*w0, x1*w1, 0][1:].
  OpTest("ConvTranspose", 11)
      .attr("group", int64_t{2})
      .attr("strides", std::vector<int64_t>{2})
      .attr("pads", std::vector<int64_t>{1, 0})
      .attr("output_padding", std::vector<int64_t>{1})
      .input<float>({1, 2, 2}, {1, 2, 3, 4})
      .input<float>({2, 1, 2}, {1, 10, 2, 20})
      .output<float>({1, 2, 4}, {10, 2, 20, 0, 60, 8, 80, 0})
      .run();
}

TEST(ConvTransposeOp, Float16GoesThroughFloat32) {
  conv_transpose_1d()
      .input(f16({1, 1, 2}, {1, 2}))
      .constant(f16({1, 1, 3}, {1, 10, 100}))
      .output(f16({1, 1, 5}, {1, 10, 102, 20, 200}))
      .run();
}

TEST(ConvTransposeOp, ChannelMismatchIsAnError) {
  OpTest("ConvTranspose", 22)
      .input<float>({1, 2, 2}, {1, 2, 3, 4})
      .input<float>({3, 1, 2}, {1, 1, 1, 1, 1, 1})
      .expect_error(StatusCode::kInvalidGraph, "input channels");
  OpTest("ConvTranspose", 22)
      .attr("kernel_shape", std::vector<int64_t>{3})
      .input<float>({1, 1, 2}, {1, 2})
      .input<float>({1, 1, 2}, {1, 1})
      .expect_error(StatusCode::kInvalidGraph, "kernel_shape");
}

TEST(ConvOp, DoubleAndFloat16) {
  OpTest("Conv", 22)
      .input<double>({1, 1, 3}, {1, 2, 3})
      .constant<double>({1, 1, 2}, {1, 0.5})
      .output<double>({1, 1, 2}, {2, 3.5})
      .run();
  OpTest("Conv", 22)
      .input(f16({1, 1, 3}, {1, 2, 3}))
      .input(f16({1, 1, 2}, {1, 0.5f}))
      .input(f16({1}, {1}))
      .output(f16({1, 1, 2}, {3, 4.5f}))
      .run();
}

TEST(CausalConvWithStateOp, PastStateBiasAndPresentState) {
  // padded [1, 2 | 3, 4], w = [1, 10, 100]: y = [321, 432] + 1, present = [3, 4].
  OpTest("CausalConvWithState", 27)
      .input<float>({1, 1, 2}, {3, 4})
      .constant<float>({1, 1, 3}, {1, 10, 100})
      .constant<float>({1}, {1})
      .input<float>({1, 1, 2}, {1, 2})
      .output<float>({1, 1, 2}, {322, 433})
      .output<float>({1, 1, 2}, {3, 4})
      .run();
}

TEST(CausalConvWithStateOp, SiluWithoutPastState) {
  // zeros state, K = 2: pre-activation [x0*w1, x0*w0 + x1*w1] = [2, 1 - 2] with w = [1, 2].
  auto silu = [](float v) { return v / (1 + std::exp(-v)); };
  OpTest("CausalConvWithState", 27)
      .attr("activation", "silu")
      .input<float>({1, 1, 2}, {1, -1})
      .constant<float>({1, 1, 2}, {1, 2})
      .output<float>({1, 1, 2}, {silu(2), silu(-1)})
      .output<float>({1, 1, 1}, {-1})
      .run();
  OpTest("CausalConvWithState", 27)
      .attr("activation", "gelu")
      .input<float>({1, 1, 2}, {1, -1})
      .constant<float>({1, 1, 2}, {1, 2})
      .expect_error(StatusCode::kInvalidGraph, "activation");
}

TEST(DeformConvOp, ZeroOffsetsIsConv) {
  OpTest("DeformConv", 19)
      .input<float>({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9})
      .constant<float>({1, 1, 2, 2}, {1, 1, 1, 1})
      .input<float>({1, 8, 2, 2}, std::vector<float>(32, 0.0f))
      .constant<float>({1}, {0.5f})
      .output<float>({1, 1, 2, 2}, {12.5f, 16.5f, 24.5f, 28.5f})
      .run();
}

TEST(LpPoolOp, P1AndP2) {
  OpTest("LpPool", 18)
      .attr("kernel_shape", std::vector<int64_t>{2})
      .attr("strides", std::vector<int64_t>{2})
      .attr("p", int64_t{1})
      .input<float>({1, 1, 4}, {1, -2, 3, -4})
      .output<float>({1, 1, 2}, {3, 7})
      .run();
  OpTest("LpPool", 18)
      .attr("kernel_shape", std::vector<int64_t>{2})
      .attr("strides", std::vector<int64_t>{2})
      .input<float>({1, 1, 4}, {1, -2, 3, -4})
      .output<float>({1, 1, 2}, {std::sqrt(5.0f), 5})
      .run();
}

TEST(GlobalPoolOps, MaxAndLp) {
  OpTest("GlobalMaxPool", 22)
      .input<float>({1, 2, 3}, {1, -5, 2, -1, -3, -2})
      .output<float>({1, 2, 1}, {2, -1})
      .run();
  OpTest("GlobalLpPool", 22)
      .input<float>({1, 2, 2}, {3, -4, 0, 2})
      .output<float>({1, 2, 1}, {5, 2})
      .run();
  OpTest("GlobalMaxPool", 22)
      .input(f16({1, 1, 2}, {1.5f, -2}))
      .output(f16({1, 1, 1}, {1.5f}))
      .run();
}

TEST(LrnOp, WindowClippedAtTheChannelEnds) {
  // size 3, alpha/size = 1, beta 1, bias 1: y_c = x_c / (1 + sum of neighbouring squares).
  OpTest("LRN", 13)
      .attr("size", int64_t{3})
      .attr("alpha", 3.0f)
      .attr("beta", 1.0f)
      .input<float>({1, 3, 1, 1}, {1, 2, 3})
      .output<float>({1, 3, 1, 1}, {1.0f / 6, 2.0f / 15, 3.0f / 14})
      .run();
  OpTest("LRN", 13).input<float>({1, 1, 1}, {1}).expect_error(StatusCode::kInvalidGraph, "size");
}

TEST(MaxUnpoolOp, IndicesIntoTheUnpooledShapePlacedInOutputShape) {
  // Unpooled shape [1, 1, 2, 4]; index 5 = (1, 1) lands at (1, 1) of the [1, 1, 3, 5] output.
  OpTest("MaxUnpool", 11)
      .attr("kernel_shape", std::vector<int64_t>{2, 2})
      .attr("strides", std::vector<int64_t>{2, 2})
      .input<float>({1, 1, 1, 2}, {5, 6})
      .input<int64_t>({1, 1, 1, 2}, {0, 5})
      .constant<int64_t>({4}, {1, 1, 3, 5})
      .output<float>({1, 1, 3, 5}, {5, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0})
      .run();
  OpTest("MaxUnpool", 11)
      .attr("kernel_shape", std::vector<int64_t>{2, 2})
      .attr("strides", std::vector<int64_t>{2, 2})
      .input<float>({1, 1, 1, 2}, {5, 6})
      .input<int64_t>({1, 1, 1, 2}, {0, 8})
      .output<float>({1, 1, 2, 4}, {5, 0, 0, 0, 0, 0, 0, 0})
      .expect_error(StatusCode::kRuntimeException, "index 8");
}

TEST(MaxPoolOp, Int8Uint8AndDouble) {
  auto pool = [] {
    OpTest t("MaxPool", 22);
    t.attr("kernel_shape", std::vector<int64_t>{2}).attr("strides", std::vector<int64_t>{2});
    return t;
  };
  pool().input<uint8_t>({1, 1, 4}, {1, 200, 3, 4}).output<uint8_t>({1, 1, 2}, {200, 4}).run();
  pool().input<int8_t>({1, 1, 4}, {-1, -100, 3, -4}).output<int8_t>({1, 1, 2}, {-1, 3}).run();
  pool().input<double>({1, 1, 4}, {0.5, 0.25, -3, -4}).output<double>({1, 1, 2}, {0.5, -3}).run();
}

TEST(AveragePoolOp, Float16) {
  OpTest("AveragePool", 22)
      .attr("kernel_shape", std::vector<int64_t>{2})
      .input(f16({1, 1, 4}, {1, 2, 3, 5}))
      .output(f16({1, 1, 3}, {1.5f, 2.5f, 4}))
      .run();
}

}  // namespace
}  // namespace onyx::testing
