// Einsum, Det, CumProd, NonMaxSuppression, RoiAlign and TensorScatter: values checked against
// numpy (computed offline) or by hand, attribute variants and errors, through the op-test
// builder (eager, folded and session paths). The official ONNX node tests run in
// tests/conformance.
#include <gtest/gtest.h>

#include <vector>

#include "common/op_test_builder.h"

namespace onyx::testing {
namespace {

TEST(EinsumOp, MatMulTransposeTraceAndDiagonal) {
  std::vector<float> a = {0, 1, 2, 3, 4, 5}, b = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  OpTest("Einsum", 12)
      .attr("equation", "ij,jk")
      .input<float>({2, 3}, a)
      .input<float>({3, 4}, b)
      .output<float>({2, 4}, {20, 23, 26, 29, 56, 68, 80, 92})
      .run();
  // Implicit output sorts labels by ASCII: "ba" -> "ab" (a transpose), "Ba" -> "Ba".
  OpTest("Einsum", 12)
      .attr("equation", "ba")
      .input<float>({2, 3}, a)
      .output<float>({3, 2}, {0, 3, 1, 4, 2, 5})
      .run();
  OpTest("Einsum", 12)
      .attr("equation", "Ba")
      .input<float>({2, 3}, a)
      .output<float>({2, 3}, a)
      .run();
  std::vector<double> sq = {0, 1, 2, 3, 4, 5, 6, 7, 8};
  OpTest("Einsum", 12)
      .attr("equation", "ii")
      .input<double>({3, 3}, sq)
      .output<double>({}, {12})
      .run();
  OpTest("Einsum", 12)
      .attr("equation", "ii->i")
      .input<double>({3, 3}, sq)
      .output<double>({3}, {0, 4, 8})
      .run();
}

TEST(EinsumOp, EllipsisBroadcastAndReduction) {
  std::vector<float> c(12);
  for (int i = 0; i < 12; ++i) c[size_t(i)] = float(i);
  OpTest("Einsum", 12)
      .attr("equation", "...j,j->...")
      .input<float>({2, 3, 2}, c)
      .input<float>({2}, {0, 1})
      .output<float>({2, 3}, {1, 3, 5, 7, 9, 11})
      .run();
  // Ellipsis dims broadcast: [2, 1] against [3] -> [2, 3]; "ij" summed over j in explicit "->i".
  OpTest("Einsum", 12)
      .attr("equation", "...,...->...")
      .input<int32_t>({2, 1}, {1, 2})
      .input<int32_t>({3}, {1, 10, 100})
      .output<int32_t>({2, 3}, {1, 10, 100, 2, 20, 200})
      .run();
  OpTest("Einsum", 12)
      .attr("equation", "ij->i")
      .input<int8_t>({1, 3}, {100, 100, 100})  // 300 wraps to 44 in int8
      .output<int8_t>({1}, {44})
      .run();
}

TEST(EinsumOp, Errors) {
  OpTest("Einsum", 12)
      .attr("equation", "ij,jk")
      .input<float>({2, 3}, std::vector<float>(6))
      .input<float>({2, 2}, std::vector<float>(4))
      .expect_error(StatusCode::kInvalidGraph, "has size");
  OpTest("Einsum", 12)
      .attr("equation", "ij->k")
      .input<float>({1, 1}, {1})
      .expect_error(StatusCode::kInvalidGraph, "appears in no input");
  OpTest("Einsum", 12)
      .attr("equation", "ijk")
      .input<float>({1, 1}, {1})
      .expect_error(StatusCode::kInvalidGraph, "rank");
}

TEST(DetOp, PivotingBatchedAndSingular) {
  OpTest("Det", 11)
      .input<float>({3, 3}, {2, 1, 3, 0, 4, 1, 5, 2, 0})
      .output<float>({}, {-59})
      .tolerance(1e-5, 1e-5)
      .run();
  // The first matrix needs a row swap (zero pivot): det = -1.
  OpTest("Det", 11)
      .input<double>({2, 2, 2}, {0, 1, 1, 0, 2, 3, 1, 4})
      .output<double>({2}, {-1, 5})
      .run();
  OpTest("Det", 11).input<float>({2, 2}, {1, 2, 2, 4}).output<float>({}, {0}).run();
  OpTest("Det", 11)
      .input<float>({2, 3}, std::vector<float>(6))
      .expect_error(StatusCode::kInvalidGraph, "square");
}

TEST(CumProdOp, ExclusiveReverseAndAxisInput) {
  OpTest("CumProd", 26)
      .input<float>({4}, {1, 2, 3, 4})
      .constant<int64_t>({}, {0})
      .output<float>({4}, {1, 2, 6, 24})
      .run();
  OpTest("CumProd", 26)
      .attr("exclusive", int64_t{1})
      .attr("reverse", int64_t{1})
      .input<float>({4}, {1, 2, 3, 4})
      .constant<int64_t>({}, {0})
      .output<float>({4}, {24, 12, 4, 1})
      .run();
  OpTest("CumProd", 26)
      .input<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6})
      .input<int32_t>({1}, {-1})
      .output<int32_t>({2, 3}, {1, 2, 6, 4, 20, 120})
      .run();
  OpTest("CumProd", 26)
      .input<float>({2}, {1, 2})
      .constant<int64_t>({}, {1})
      .expect_error(StatusCode::kInvalidGraph, "out of range");
}

TEST(NonMaxSuppressionOp, IouScoreThresholdsAndBoxFormats) {
  // Box 1 overlaps box 0 with IoU 0.9 / 1.1 = 0.82 and is suppressed; box 2 is apart.
  const std::vector<float> corners = {0, 0, 1, 1, 0, 0.1f, 1, 1.1f, 0, 2, 1, 3};
  const std::vector<float> scores = {0.9f, 0.8f, 0.7f};
  OpTest("NonMaxSuppression", 11)
      .input<float>({1, 3, 4}, corners)
      .input<float>({1, 1, 3}, scores)
      .constant<int64_t>({1}, {3})
      .constant<float>({1}, {0.5f})
      .output<int64_t>({2, 3}, {0, 0, 0, 0, 0, 2})
      .run();
  // Score threshold 0.75 leaves box 0 only; max 0 boxes keeps none.
  OpTest("NonMaxSuppression", 11)
      .input<float>({1, 3, 4}, corners)
      .input<float>({1, 1, 3}, scores)
      .constant<int64_t>({1}, {3})
      .constant<float>({1}, {0.5f})
      .constant<float>({1}, {0.75f})
      .output<int64_t>({1, 3}, {0, 0, 0})
      .run();
  OpTest("NonMaxSuppression", 11)
      .input<float>({1, 3, 4}, corners)
      .input<float>({1, 1, 3}, scores)
      .output(Tensor::from_vector<int64_t>({0, 3}, {}))
      .run();
  // The same boxes as centers/sizes, two classes with opposite score orders.
  OpTest("NonMaxSuppression", 11)
      .attr("center_point_box", int64_t{1})
      .input<float>({1, 3, 4}, {0.5f, 0.5f, 1, 1, 0.6f, 0.5f, 1, 1, 2.5f, 0.5f, 1, 1})
      .input<float>({1, 2, 3}, {0.9f, 0.8f, 0.7f, 0.1f, 0.2f, 0.3f})
      .constant<int64_t>({1}, {2})
      .constant<float>({1}, {0.5f})
      .output<int64_t>({4, 3}, {0, 0, 0, 0, 0, 2, 0, 1, 2, 0, 1, 1})
      .run();
}

TEST(RoiAlignOp, HalfPixelAverageAndMax) {
  std::vector<float> map(16);
  for (int i = 0; i < 16; ++i) map[size_t(i)] = float(i);
  // roi [0, 0, 3, 3] with half_pixel: bins of 1.5 px, one sample each at (0.25 | 1.75).
  OpTest("RoiAlign", 16)
      .attr("output_height", int64_t{2})
      .attr("output_width", int64_t{2})
      .attr("sampling_ratio", int64_t{1})
      .input<float>({1, 1, 4, 4}, map)
      .input<float>({1, 4}, {0, 0, 3, 3})
      .input<int64_t>({1}, {0})
      .output<float>({1, 1, 2, 2}, {1.25f, 2.75f, 7.25f, 8.75f})
      .run();
  // A constant map gives the constant in avg mode whatever the roi (inside the map).
  OpTest("RoiAlign", 10)
      .attr("output_height", int64_t{3})
      .attr("output_width", int64_t{2})
      .input<double>({2, 1, 3, 3}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 7, 7, 7, 7, 7, 7, 7, 7})
      .input<double>({1, 4}, {0.2, 0.4, 1.7, 1.9})
      .input<int64_t>({1}, {1})
      .output<double>({1, 1, 3, 2}, {7, 7, 7, 7, 7, 7})
      .run();
  OpTest("RoiAlign", 16)
      .input<float>({1, 1, 4, 4}, map)
      .input<float>({1, 4}, {0, 0, 3, 3})
      .input<int64_t>({1}, {1})
      .expect_error(StatusCode::kRuntimeException, "batch_indices[0] = 1 is out of range");
}

TEST(TensorScatterOp, LinearCircularAndOverflow) {
  OpTest("TensorScatter", 24)
      .input<float>({2, 3, 1}, {0, 0, 0, 0, 0, 0})
      .input<float>({2, 1, 1}, {5, 6})
      .input<int64_t>({2}, {2, 0})
      .attr("axis", int64_t{1})
      .output<float>({2, 3, 1}, {0, 0, 5, 6, 0, 0})
      .run();
  OpTest("TensorScatter", 24)
      .attr("mode", "circular")
      .input<int32_t>({1, 4, 2}, std::vector<int32_t>(8, 0))
      .input<int32_t>({1, 2, 2}, {1, 2, 3, 4})
      .input<int64_t>({1}, {3})
      .output<int32_t>({1, 4, 2}, {3, 4, 0, 0, 0, 0, 1, 2})
      .run();
  OpTest("TensorScatter", 24)
      .input<int32_t>({1, 4, 2}, std::vector<int32_t>(8, 0))
      .input<int32_t>({1, 2, 2}, {1, 2, 3, 4})
      .input<int64_t>({1}, {3})
      .expect_error(StatusCode::kRuntimeException, "exceeds max_sequence_length");
  OpTest("TensorScatter", 24)
      .attr("axis", int64_t{0})
      .input<float>({2, 1}, {0, 0})
      .input<float>({1, 1}, {1})
      .expect_error(StatusCode::kInvalidGraph, "non-batch dim");
}

}  // namespace
}  // namespace onyx::testing
