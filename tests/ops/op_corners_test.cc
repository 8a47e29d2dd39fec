// Corners the ONNX backend node tests miss, through every path of the op-test builder (eager,
// folded, session): broadcasting (scalar vs rank 4, both sides, 0-size dims), empty tensors,
// negative axes, and view ops whose outputs alias their inputs.
#include <gtest/gtest.h>

#include "common/op_test_builder.h"

namespace onyx::testing {
namespace {

template <class T>
Tensor iota(Shape shape, T start = T(0)) {
  std::vector<T> v(static_cast<size_t>(shape_numel(shape)));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<T>(start + static_cast<T>(i));
  return Tensor::from_vector<T>(std::move(shape), v);
}

// ---- Broadcasting ----

TEST(BroadcastCorners, ScalarAgainstRank4BothOrders) {
  const Tensor x = iota<float>({1, 2, 1, 2});
  OpTest("Add", 14)
      .input(Tensor::scalar<float>(10))
      .input(x)
      .output<float>({1, 2, 1, 2}, {10, 11, 12, 13})
      .run();
  OpTest("Sub", 14)
      .input(x)
      .constant(Tensor::scalar<float>(1))
      .output<float>({1, 2, 1, 2}, {-1, 0, 1, 2})
      .run();
}

TEST(BroadcastCorners, BothSidesBroadcast) {
  // [2,1,3] * [1,4,1] -> [2,4,3]: out[i,j,k] = a[i,0,k] * b[0,j,0].
  const Tensor a = iota<int32_t>({2, 1, 3}, 1);
  const Tensor b = iota<int32_t>({1, 4, 1}, 1);
  std::vector<int32_t> want;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j)
      for (int k = 0; k < 3; ++k) want.push_back((i * 3 + k + 1) * (j + 1));
  OpTest("Mul", 14).input(a).input(b).output<int32_t>({2, 4, 3}, want).run();
  // Lower rank on the left: [3] / [2,1,1] -> [2,1,3].
  OpTest("Div", 14)
      .input<float>({3}, {2, 4, 8})
      .input<float>({2, 1, 1}, {1, 2})
      .output<float>({2, 1, 3}, {2, 4, 8, 1, 2, 4})
      .run();
}

TEST(BroadcastCorners, ZeroSizeDims) {
  OpTest("Add", 14)
      .input(Tensor::empty(DType::kFloat32, {0, 3}))
      .input<float>({1, 3}, {1, 2, 3})
      .output(Tensor::empty(DType::kFloat32, {0, 3}))
      .run();
  // A 0-size dim broadcast against 1: [2,0] + [2,1] -> [2,0].
  OpTest("Mul", 14)
      .input(Tensor::empty(DType::kFloat32, {2, 0}))
      .input<float>({2, 1}, {1, 2})
      .output(Tensor::empty(DType::kFloat32, {2, 0}))
      .run();
  // 0 against a size other than 1 cannot broadcast.
  OpTest("Add", 14)
      .input(Tensor::empty(DType::kFloat32, {0, 3}))
      .input<float>({2, 3}, {1, 2, 3, 4, 5, 6})
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "broadcast");
}

// ---- Empty tensors ----

TEST(EmptyTensors, ElementwiseAndSoftmax) {
  const Tensor e = Tensor::empty(DType::kFloat32, {0, 4});
  OpTest("Relu", 14).input(e).output(e).run();
  OpTest("Sigmoid", 13).input(e).output(e).run();
  OpTest("Softmax", 13).input(e).output(e).run();
}

TEST(EmptyTensors, ConcatSkipsEmptyInputs) {
  OpTest("Concat", 13)
      .attr("axis", int64_t{0})
      .input(Tensor::empty(DType::kFloat32, {0, 2}))
      .input<float>({2, 2}, {1, 2, 3, 4})
      .output<float>({2, 2}, {1, 2, 3, 4})
      .run();
}

TEST(EmptyTensors, DataMovement) {
  OpTest("Transpose", 13)
      .input(Tensor::empty(DType::kFloat32, {0, 3}))
      .output(Tensor::empty(DType::kFloat32, {3, 0}))
      .run();
  OpTest("Flatten", 13)
      .attr("axis", int64_t{1})
      .input(Tensor::empty(DType::kInt64, {2, 0, 3}))
      .output(Tensor::empty(DType::kInt64, {2, 0}))
      .run();
  OpTest("Gather", 13)
      .input<float>({3, 2}, {1, 2, 3, 4, 5, 6})
      .input(Tensor::empty(DType::kInt64, {0}))
      .output(Tensor::empty(DType::kFloat32, {0, 2}))
      .run();
  OpTest("Reshape", 14)
      .input(Tensor::empty(DType::kFloat32, {0, 3}))
      .constant<int64_t>({2}, {3, 0})
      .attr("allowzero", int64_t{1})
      .output(Tensor::empty(DType::kFloat32, {3, 0}))
      .run();
}

TEST(EmptyTensors, MatMulWithZeroInnerDimGivesZeros) {
  OpTest("MatMul", 13)
      .input(Tensor::empty(DType::kFloat32, {2, 0}))
      .input(Tensor::empty(DType::kFloat32, {0, 3}))
      .output<float>({2, 3}, {0, 0, 0, 0, 0, 0})
      .run();
  OpTest("Gemm", 13)
      .input(Tensor::empty(DType::kFloat32, {2, 0}))
      .input(Tensor::empty(DType::kFloat32, {0, 2}))
      .input<float>({2}, {1, 2})
      .output<float>({2, 2}, {1, 2, 1, 2})
      .run();
}

// ---- Negative axes ----

TEST(NegativeAxes, Concat) {
  for (int64_t axis : {int64_t{-1}, int64_t{1}}) {
    OpTest("Concat", 13)
        .attr("axis", axis)
        .input<float>({2, 1}, {1, 2})
        .input<float>({2, 2}, {3, 4, 5, 6})
        .output<float>({2, 3}, {1, 3, 4, 2, 5, 6})
        .run();
  }
  OpTest("Concat", 13)
      .attr("axis", int64_t{-2})
      .input<float>({1, 2}, {1, 2})
      .input<float>({1, 2}, {3, 4})
      .output<float>({2, 2}, {1, 2, 3, 4})
      .run();
}

TEST(NegativeAxes, GatherAxisAndIndices) {
  // axis -1 of [2,3], indices [-1, 0] -> columns 2 and 0.
  OpTest("Gather", 13)
      .attr("axis", int64_t{-1})
      .input<float>({2, 3}, {1, 2, 3, 4, 5, 6})
      .input<int64_t>({2}, {-1, 0})
      .output<float>({2, 2}, {3, 1, 6, 4})
      .run();
  OpTest("Gather", 13)
      .input<int32_t>({3}, {7, 8, 9})
      .constant<int32_t>({}, {-3})
      .output<int32_t>({}, {7})
      .run();
}

TEST(NegativeAxes, Flatten) {
  const Tensor x = iota<float>({2, 3, 4});
  OpTest("Flatten", 13).attr("axis", int64_t{-1}).input(x).output(x.clone().reshaped({6, 4})).run();
  OpTest("Flatten", 13)
      .attr("axis", int64_t{-3})
      .input(x)
      .output(x.clone().reshaped({1, 24}))
      .run();
  OpTest("Flatten", 9)
      .attr("axis", int64_t{-1})
      .input(x)
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "opset 11");
}

TEST(NegativeAxes, SqueezeAttributeAndInput) {
  const Tensor x = iota<float>({2, 1, 3, 1});
  OpTest("Squeeze", 11)
      .attr("axes", std::vector<int64_t>{-1, 1})
      .input(x)
      .output(x.clone().reshaped({2, 3}))
      .run();
  OpTest("Squeeze", 13)
      .input(x)
      .constant<int64_t>({1}, {-3})
      .output(x.clone().reshaped({2, 3, 1}))
      .run();
  // Axes only known at run time.
  OpTest("Squeeze", 13)
      .input(x)
      .input<int64_t>({1}, {-1})
      .output(x.clone().reshaped({2, 1, 3}))
      .run();
}

TEST(NegativeAxes, UnsqueezeCountsOnTheOutputRank) {
  const Tensor x = iota<float>({2, 3});
  // Output rank 4: -1 -> 3, 0 -> 0.
  OpTest("Unsqueeze", 13)
      .input(x)
      .constant<int64_t>({2}, {-1, 0})
      .output(x.clone().reshaped({1, 2, 3, 1}))
      .run();
  OpTest("Unsqueeze", 11)
      .attr("axes", std::vector<int64_t>{-2})
      .input(x)
      .output(x.clone().reshaped({2, 1, 3}))
      .run();
  OpTest("Unsqueeze", 13)
      .input(x)
      .constant<int64_t>({2}, {1, -3})  // both name output axis 1
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "repeated");
}

TEST(NegativeAxes, TransposePermsAndDefault) {
  const Tensor x = iota<int64_t>({2, 3, 4});
  std::vector<int64_t> want;  // perm [2, 0, 1]: out[k, i, j] = x[i, j, k]
  for (int k = 0; k < 4; ++k)
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j) want.push_back(i * 12 + j * 4 + k);
  OpTest("Transpose", 13)
      .attr("perm", std::vector<int64_t>{2, 0, 1})
      .input(x)
      .output<int64_t>({4, 2, 3}, want)
      .run();
  std::vector<int64_t> reversed;  // no perm: reversed axes
  for (int k = 0; k < 4; ++k)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 2; ++i) reversed.push_back(i * 12 + j * 4 + k);
  OpTest("Transpose", 13).input(x).output<int64_t>({4, 3, 2}, reversed).run();
  OpTest("Transpose", 13)
      .attr("perm", std::vector<int64_t>{0, 0, 1})
      .input(x)
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "perm");
}

TEST(NegativeAxes, Softmax) {
  // axis -2 of [2, 2]: softmax down each column.
  OpTest("Softmax", 13)
      .attr("axis", int64_t{-2})
      .input<float>({2, 2}, {0, 1, 0, 1})
      .output<float>({2, 2}, {0.5f, 0.5f, 0.5f, 0.5f})
      .run();
}

// ---- View ops: element types, aliasing ----

TEST(ViewOps, AnyElementType) {
  const Tensor s = Tensor::from_vector<std::string>({2, 2}, {"a", "b", "c", "d"});
  OpTest("Reshape", 13).input(s).constant<int64_t>({1}, {-1}).output(s.reshaped({4})).run();
  OpTest("Identity", 16).input(s).output(s).run();
  const Tensor b = Tensor::from_vector<bool>({3, 1}, {true, false, true});
  OpTest("Squeeze", 13).input(b).output(b.reshaped({3})).run();
  const Tensor h = Tensor::from_vector<uint16_t>({3}, {0x3c00, 0x4000, 0xbc00});
  const Tensor f16 = Tensor::wrap(DType::kFloat16, {3}, const_cast<void*>(h.raw_data()),
                                  std::make_shared<Tensor>(h));
  OpTest("Unsqueeze", 13).input(f16).constant<int64_t>({1}, {0}).output(f16.reshaped({1, 3})).run();
  OpTest("Flatten", 13).input(b).output(b.reshaped({3, 1})).run();
}

TEST(ViewOps, ReshapeOpsetHistory) {
  const Tensor x = iota<float>({2, 3});
  // Opsets 1-4: target from the `shape` attribute.
  OpTest("Reshape", 4)
      .attr("shape", std::vector<int64_t>{3, -1})
      .input(x)
      .output(x.clone().reshaped({3, 2}))
      .run();
  // Opset 5+: 0 copies the input dim (allowzero 0).
  OpTest("Reshape", 13)
      .input(x)
      .input<int64_t>({2}, {0, -1})
      .output(x.clone().reshaped({2, 3}))
      .run();
  OpTest("Reshape", 14)
      .attr("allowzero", int64_t{1})
      .input(x)
      .constant<int64_t>({2}, {0, -1})
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "allowzero");
}

}  // namespace
}  // namespace onyx::testing
