// Transpose, DepthToSpace, Concat, Gather: values, dtypes, unknown dims and errors.
#include <gtest/gtest.h>

#include <optional>

#include "common/op_test_builder.h"
#include "data_movement_test_util.h"

namespace onyx::ops {
namespace {

using namespace dm_test;
using onyx::testing::OpTest;

TEST(TransposeOp, DefaultReversesAndPermAttr) {
  Tensor x = iota_tensor<float>({2, 3});
  auto y = run_op("Transpose", 13, {x});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(y->shape(), (Shape{3, 2}));
  EXPECT_EQ(values<float>(*y), (std::vector<float>{0, 3, 1, 4, 2, 5}));
  Tensor z = iota_tensor<int16_t>({2, 3, 4});
  y = run_op("Transpose", 13, {z}, {ints_attr("perm", {1, 2, 0})});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y->shape(), (Shape{3, 4, 2}));
  // out[i, j, k] = z[k, i, j]
  EXPECT_EQ(y->data<int16_t>()[1 * 8 + 2 * 2 + 1], z.data<int16_t>()[1 * 12 + 1 * 4 + 2]);
}

TEST(TransposeOp, StringsBoolAndErrors) {
  const Tensor s = Tensor::from_vector<std::string>({2, 2}, {"a", "b", "c", "d"});
  OpTest("Transpose", 13)
      .input(s)
      .output(Tensor::from_vector<std::string>({2, 2}, {"a", "c", "b", "d"}))
      .run();
  OpTest("Transpose", 1)
      .input<bool>({1, 2}, {true, false})
      .output<bool>({2, 1}, {true, false})
      .run();
  OpTest("Transpose", 13)
      .attr("perm", std::vector<int64_t>{0, 0})
      .input(s)
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "not a permutation");
  OpTest("Transpose", 13)
      .attr("perm", std::vector<int64_t>{1, 0, 2})
      .input(s)
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "perm");
}

TEST(TransposeOp, ParallelLargeMatchesSerial) {
  ThreadPool pool(2);
  Tensor x = iota_tensor<float>({3, 129, 257});
  auto a = run_op("Transpose", 13, {x}, {ints_attr("perm", {2, 0, 1})});
  auto b = run_op("Transpose", 13, {x}, {ints_attr("perm", {2, 0, 1})}, true, &pool);
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_EQ(values<float>(*a), values<float>(*b));
  EXPECT_EQ(a->data<float>()[5 * 3 * 129 + 1 * 129 + 7],
            x.data<float>()[1 * 129 * 257 + 7 * 257 + 5]);
}

TEST(DepthToSpaceOp, DcrAndCrdMatchDefinition) {
  const int64_t n = 1, c = 8, h = 2, w = 3, bs = 2;
  Tensor x = iota_tensor<float>({n, c, h, w});
  for (bool crd : {false, true}) {
    std::vector<ir::Attribute> attrs = {int_attr("blocksize", bs)};
    if (crd) attrs.push_back(string_attr("mode", "CRD"));
    auto y = run_op("DepthToSpace", 13, {x}, attrs);
    ASSERT_TRUE(y.is_ok()) << y.status().to_string();
    ASSERT_EQ(y->shape(), (Shape{1, 2, 4, 6}));
    const int64_t co = c / (bs * bs);
    for (int64_t oc = 0; oc < co; ++oc)
      for (int64_t oh = 0; oh < h * bs; ++oh)
        for (int64_t ow = 0; ow < w * bs; ++ow) {
          const int64_t bh = oh % bs, bw = ow % bs;
          const int64_t ic = crd ? (oc * bs + bh) * bs + bw : (bh * bs + bw) * co + oc;
          EXPECT_EQ(y->data<float>()[(oc * h * bs + oh) * w * bs + ow],
                    x.data<float>()[(ic * h + oh / bs) * w + ow / bs]);
        }
  }
}

TEST(DepthToSpaceOp, Errors) {
  EXPECT_FALSE(
      run_op("DepthToSpace", 13, {iota_tensor<float>({1, 6, 2, 2})}, {int_attr("blocksize", 2)})
          .is_ok());  // 6 % 4
  EXPECT_FALSE(
      run_op("DepthToSpace", 13, {iota_tensor<float>({4, 2, 2})}, {int_attr("blocksize", 2)})
          .is_ok());  // rank 3
  EXPECT_FALSE(run_op("DepthToSpace", 13, {iota_tensor<float>({1, 4, 2, 2})},
                      {int_attr("blocksize", 2), string_attr("mode", "XYZ")})
                   .is_ok());
  EXPECT_FALSE(run_op("DepthToSpace", 13, {iota_tensor<float>({1, 4, 2, 2})}).is_ok());
}

TEST(ConcatOp, AxesDtypesAndEmptyInputs) {
  const Tensor a = iota_tensor<int32_t>({2, 2});
  OpTest("Concat", 13)
      .attr("axis", int64_t{-1})
      .input(a)
      .constant(iota_tensor<int32_t>({2, 1}, 10))
      .output<int32_t>({2, 3}, {0, 1, 10, 2, 3, 11})
      .run();
  const Tensor e = Tensor::empty(DType::kInt32, {0, 2});
  OpTest("Concat", 11).attr("axis", int64_t{0}).input(e).input(a).input(e).output(a).run();
  OpTest("Concat", 4)
      .attr("axis", int64_t{0})
      .input<std::string>({1}, {"x"})
      .input<std::string>({2}, {"y", "z"})
      .output<std::string>({3}, {"x", "y", "z"})
      .run();
  // Opset 1: axis defaults to 1.
  OpTest("Concat", 1).input(a).input(a).output<int32_t>({2, 4}, {0, 1, 0, 1, 2, 3, 2, 3}).run();
}

TEST(ConcatOp, Errors) {
  const Tensor a = iota_tensor<float>({2, 2});
  auto concat = [&](int64_t opset, std::optional<int64_t> axis, const Tensor& b) {
    OpTest t("Concat", opset);
    if (axis) t.attr("axis", *axis);
    t.input(a).num_outputs(1);
    if (b.defined()) t.input(b);
    return t;
  };
  concat(13, 1, iota_tensor<float>({3, 1})).expect_error(StatusCode::kInvalidGraph, "input 1");
  concat(13, 0, iota_tensor<int32_t>({2, 2})).expect_error(StatusCode::kInvalidGraph, "input 1");
  concat(13, 0, iota_tensor<float>({2})).expect_error(StatusCode::kInvalidGraph, "rank");
  concat(13, 2, Tensor()).expect_error(StatusCode::kInvalidGraph, "out of range");
  concat(13, std::nullopt, Tensor()).expect_error(StatusCode::kInvalidGraph, "axis");
  concat(4, -1, Tensor()).expect_error(StatusCode::kInvalidGraph, "opset 11");
}

TEST(ConcatOp, SymbolicDimsInferred) {
  ir::Node node = make_node("Concat", {Tensor::scalar<float>(0), Tensor::scalar<float>(0)},
                            {int_attr("axis", 1)});
  auto out = infer_only(node, 13,
                        {ValueType::tensor(DType::kFloat32, {-2, 3}),
                         ValueType::tensor(DType::kFloat32, {kUnknownDim, 4})});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ((*out)[0].dims, (Shape{-2, 7}));
}

TEST(GatherOp, AxesNegativeIndicesAndIndexTypes) {
  const Tensor data = iota_tensor<float>({3, 4});
  // Row -1 = row 2.
  OpTest("Gather", 13)
      .input(data)
      .input<int64_t>({2, 2}, {0, -1, 2, 1})
      .output<float>({2, 2, 4}, {0, 1, 2, 3, 8, 9, 10, 11, 8, 9, 10, 11, 4, 5, 6, 7})
      .run();
  OpTest("Gather", 11)
      .attr("axis", int64_t{-1})
      .input(data)
      .input<int32_t>({1}, {3})
      .output<float>({3, 1}, {3, 7, 11})
      .run();
  // A scalar index drops the axis.
  OpTest("Gather", 13)
      .input(data)
      .input(Tensor::scalar<int64_t>(1))
      .output<float>({4}, {4, 5, 6, 7})
      .run();
  OpTest("Gather", 13)
      .input<std::string>({3}, {"a", "b", "c"})
      .constant(i64({2, 0}))
      .output<std::string>({2}, {"c", "a"})
      .run();
}

TEST(GatherOp, OutOfRangeIsAStatusNotACrash) {
  Tensor data = iota_tensor<float>({3, 4});
  auto y = run_op("Gather", 13, {data, i64({1, 3})}, {}, /*constant=*/false);
  ASSERT_FALSE(y.is_ok());
  EXPECT_EQ(y.status().code(), StatusCode::kRuntimeException);
  EXPECT_NE(y.status().message().find("index 3"), std::string::npos);
  y = run_op("Gather", 13, {data, Tensor::from_vector<int32_t>({1}, {-5})}, {int_attr("axis", 1)},
             false);
  ASSERT_FALSE(y.is_ok());
  EXPECT_NE(y.status().message().find("index -5"), std::string::npos);
  y = run_op("Gather", 13, {data, i64({7})});  // constant indices: caught by inference
  ASSERT_FALSE(y.is_ok());
  EXPECT_NE(y.status().message().find("index 7"), std::string::npos);
  EXPECT_FALSE(run_op("Gather", 13, {data, Tensor::from_vector<float>({1}, {0})}).is_ok());
  EXPECT_FALSE(run_op("Gather", 13, {data, i64({0})}, {int_attr("axis", 2)}).is_ok());
}

}  // namespace
}  // namespace onyx::ops
