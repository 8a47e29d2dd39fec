// DFT, STFT, HannWindow, HammingWindow, BlackmanWindow and MelWeightMatrix: values checked
// against numpy's fft / window formulas (computed offline in double), opset differences and
// errors, through the op-test builder (eager, folded and session paths). The official ONNX node
// tests for these ops run in tests/conformance.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "base/half.h"
#include "common/op_test_builder.h"

namespace onyx::testing {
namespace {

TEST(DftOp, RealForwardOddLengthOpset17) {
  // fft([1, 2, 3, 4, 5]) along axis 1 (the attribute default).
  OpTest("DFT", 17)
      .input<float>({1, 5, 1}, {1, 2, 3, 4, 5})
      .output<float>({1, 5, 2}, {15, 0, -2.5f, 3.4409548f, -2.5f, 0.81229924f, -2.5f, -0.81229924f,
                                 -2.5f, -3.4409548f})
      .tolerance(1e-5, 1e-5)
      .run();
}

TEST(DftOp, OnesidedZeroPaddedToDftLength) {
  // rfft([1, 2, 3, 4, 5], n=8): five bins of the zero-padded signal.
  OpTest("DFT", 17)
      .attr("onesided", int64_t{1})
      .input<double>({1, 5, 1}, {1, 2, 3, 4, 5})
      .constant<int64_t>({}, {8})
      .output<double>({1, 5, 2},
                      {15, 0, -5.41421356, -7.24264069, 3, 2, -2.58578644, -1.24264069, 3, 0})
      .tolerance(1e-7, 1e-7)
      .run();
}

TEST(DftOp, TruncatedByDftLengthAlongAxisInputOpset20) {
  // axis given as input (opset 20) = 0 on [3, 2, 1]: dft_length 2 keeps rows 0..1.
  OpTest("DFT", 20)
      .input<float>({3, 2, 1}, {1, 2, 3, 4, 100, 100})
      .constant<int64_t>({}, {2})
      .constant<int64_t>({}, {0})
      .output<float>({2, 2, 2}, {4, 0, 6, 0, -2, 0, -2, 0})
      .run();
}

TEST(DftOp, InverseOfComplexDividesByN) {
  // ifft of [6, -2+2i, -2, -2-2i] = [0, 1, 2, 3].
  OpTest("DFT", 20)
      .attr("inverse", int64_t{1})
      .input<float>({1, 4, 2}, {6, 0, -2, 2, -2, 0, -2, -2})
      .output<float>({1, 4, 2}, {0, 0, 1, 0, 2, 0, 3, 0})
      .tolerance(1e-5, 1e-6)
      .run();
}

TEST(DftOp, InverseOnesidedIsIrfft) {
  // irfft of rfft([1, -2, 3, 0.5, 2, 1]): n defaults to 2 * (4 - 1) = 6, real output.
  OpTest("DFT", 20)
      .attr("inverse", int64_t{1})
      .attr("onesided", int64_t{1})
      .input<float>({1, 4, 2}, {5.5f, 0, -2.5f, 1.73205081f, -0.5f, 3.46410162f, 6.5f, 0})
      .output<float>({1, 6, 1}, {1, -2, 3, 0.5f, 2, 1})
      .tolerance(1e-5, 1e-5)
      .run();
}

TEST(DftOp, Float16ComputedInDouble) {
  OpTest("DFT", 17)
      .input(Tensor::from_vector<Float16>({1, 2, 1},
                                          {from_float<Float16>(1.0f), from_float<Float16>(3.0f)}))
      .output(Tensor::from_vector<Float16>({1, 2, 2},
                                           {from_float<Float16>(4.0f), from_float<Float16>(0.0f),
                                            from_float<Float16>(-2.0f), from_float<Float16>(0.0f)}))
      .run();
}

TEST(DftOp, AxisOnTheComplexDimIsRefused) {
  OpTest("DFT", 17)
      .attr("axis", int64_t{2})
      .input<float>({1, 4, 1}, {1, 2, 3, 4})
      .expect_error(StatusCode::kInvalidGraph, "out of range");
  OpTest("DFT", 17)
      .input<float>({1, 4, 3}, std::vector<float>(12, 1.0f))
      .expect_error(StatusCode::kInvalidGraph, "last dim must be 1 (real) or 2 (complex)");
}

TEST(StftOp, WindowedOnesidedFrames) {
  // Frames of 4 every 2 samples of [1..6] times the window, rfft'd: 2 frames x 3 bins.
  OpTest("STFT", 17)
      .input<float>({1, 6, 1}, {1, 2, 3, 4, 5, 6})
      .constant<int64_t>({}, {2})
      .constant<float>({4}, {1, 0.5f, 0.25f, 1})
      .output<float>({1, 2, 3, 2}, {6.75f, 0, 0.25f, 3, -3.25f, 0, 12.25f, 0, 1.75f, 4, -3.75f, 0})
      .tolerance(1e-5, 1e-5)
      .run();
}

TEST(StftOp, TwoSidedWithFrameLengthAndNoWindow) {
  // frame_length 2, step 3 over [1, 2, 3, 4, 5]: frames [1, 2] and [4, 5].
  OpTest("STFT", 17)
      .attr("onesided", int64_t{0})
      .input<float>({1, 5, 1}, {1, 2, 3, 4, 5})
      .constant<int64_t>({}, {3})
      .absent()
      .input<int64_t>({}, {2})  // run-time frame_length: planned in run()
      .output<float>({1, 2, 2, 2}, {3, 0, -1, 0, 9, 0, -1, 0})
      .run();
}

TEST(StftOp, WindowLengthMustMatchFrameLength) {
  OpTest("STFT", 17)
      .input<float>({1, 5, 1}, {1, 2, 3, 4, 5})
      .constant<int64_t>({}, {1})
      .constant<float>({3}, {1, 1, 1})
      .constant<int64_t>({}, {2})
      .expect_error(StatusCode::kRuntimeException, "differs from frame_length");
}

TEST(WindowOps, PeriodicAndSymmetric) {
  OpTest("HannWindow", 17).constant<int64_t>({}, {4}).output<float>({4}, {0, 0.5f, 1, 0.5f}).run();
  OpTest("HannWindow", 17)
      .attr("periodic", int64_t{0})
      .input<int32_t>({}, {5})
      .output<float>({5}, {0, 0.5f, 1, 0.5f, 0})
      .run();
  OpTest("HammingWindow", 17)
      .attr("periodic", int64_t{0})
      .constant<int64_t>({}, {4})
      .output<float>({4}, {0.08695652f, 0.77173913f, 0.77173913f, 0.08695652f})
      .run();
  OpTest("BlackmanWindow", 17)
      .attr("output_datatype", int64_t{11})  // double
      .constant<int64_t>({}, {5})
      .output<double>({5}, {0, 0.200770143, 0.849229857, 0.849229857, 0.200770143})
      .tolerance(1e-8, 1e-9)
      .run();
}

TEST(WindowOps, IntegerOutputTypeAndErrors) {
  OpTest("HannWindow", 17)
      .attr("output_datatype", int64_t{7})  // int64: truncated toward zero
      .constant<int64_t>({}, {2})
      .output<int64_t>({2}, {0, 1})
      .run();
  OpTest("HannWindow", 17)
      .attr("output_datatype", int64_t{9})  // bool is not numeric
      .constant<int64_t>({}, {2})
      .expect_error(StatusCode::kInvalidGraph, "output_datatype");
  OpTest("HannWindow", 17)
      .constant<int64_t>({}, {-1})
      .expect_error(StatusCode::kInvalidGraph, "non-negative");
}

TEST(MelWeightMatrixOp, TrianglesOverSpectrogramBins) {
  // 3 mel bins, dft_length 16 (9 bins), 8 kHz, 0..4000 Hz: edges at bins 0, 0, 1, 3, 5.
  std::vector<float> want = {1,    0, 0, 0, 1, 0, 0, 0.5f, 0.5f, 0, 0, 1, 0, 0,
                             0.5f, 0, 0, 0, 0, 0, 0, 0,    0,    0, 0, 0, 0};
  OpTest("MelWeightMatrix", 17)
      .constant<int64_t>({}, {3})
      .constant<int64_t>({}, {16})
      .constant<int64_t>({}, {8000})
      .constant<float>({}, {0})
      .constant<float>({}, {4000})
      .output<float>({9, 3}, want)
      .run();
}

}  // namespace
}  // namespace onyx::testing
