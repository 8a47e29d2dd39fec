// Reduce* and ArgMax/ArgMin corner cases: axes (non-contiguous, negative, attribute vs input,
// runtime), keepdims, noop_with_empty_axes, empty sets, 16-bit floats, integers, bool, errors.
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "data_movement_test_util.h"

namespace onyx::ops {
namespace {

using dm_test::i64;
using dm_test::infer_only;
using dm_test::int_attr;
using dm_test::ints_attr;
using dm_test::make_node;
using dm_test::run_op;
using dm_test::values;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Brute-force oracle: folds every input element into its output cell in double, then finishes.
struct OracleOp {
  double init;
  std::function<double(double, double)> fold;
  std::function<double(double, int64_t)> finish;  // (accumulated, count)
};

const std::map<std::string, OracleOp>& oracle_ops() {
  static const auto* ops = new std::map<std::string, OracleOp>{
      {"ReduceSum",
       {0, [](double a, double v) { return a + v; }, [](double a, int64_t) { return a; }}},
      {"ReduceMean",
       {0, [](double a, double v) { return a + v; }, [](double a, int64_t n) { return a / n; }}},
      {"ReduceMax",
       {-kInf, [](double a, double v) { return std::max(a, v); },
        [](double a, int64_t) { return a; }}},
      {"ReduceMin",
       {kInf, [](double a, double v) { return std::min(a, v); },
        [](double a, int64_t) { return a; }}},
      {"ReduceProd",
       {1, [](double a, double v) { return a * v; }, [](double a, int64_t) { return a; }}},
      {"ReduceL1",
       {0, [](double a, double v) { return a + std::fabs(v); },
        [](double a, int64_t) { return a; }}},
      {"ReduceL2",
       {0, [](double a, double v) { return a + v * v; },
        [](double a, int64_t) { return std::sqrt(a); }}},
      {"ReduceLogSum",
       {0, [](double a, double v) { return a + v; },
        [](double a, int64_t) { return std::log(a); }}},
      {"ReduceLogSumExp",
       {0, [](double a, double v) { return a + std::exp(v); },
        [](double a, int64_t) { return std::log(a); }}},
      {"ReduceSumSquare",
       {0, [](double a, double v) { return a + v * v; }, [](double a, int64_t) { return a; }}},
  };
  return *ops;
}

std::vector<double> oracle(const std::string& op, const std::vector<float>& x, const Shape& dims,
                           const std::vector<bool>& reduced) {
  const OracleOp& o = oracle_ops().at(op);
  Shape out_dims;
  int64_t count = 1;
  for (size_t a = 0; a < dims.size(); ++a)
    if (!reduced[a])
      out_dims.push_back(dims[a]);
    else
      count *= dims[a];
  std::vector<double> acc(static_cast<size_t>(shape_numel(out_dims)), o.init);
  std::vector<int64_t> idx(dims.size(), 0);
  for (size_t flat = 0; flat < x.size(); ++flat) {
    int64_t out = 0;
    for (size_t a = 0; a < dims.size(); ++a)
      if (!reduced[a]) out = out * dims[a] + idx[a];
    acc[static_cast<size_t>(out)] = o.fold(acc[static_cast<size_t>(out)], x[flat]);
    for (size_t a = dims.size(); a-- > 0;) {
      if (++idx[a] < dims[a]) break;
      idx[a] = 0;
    }
  }
  for (double& v : acc) v = o.finish(v, count);
  return acc;
}

std::vector<float> test_values(size_t n) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = 0.5f + static_cast<float>((i * 37) % 11) / 10.0f;
  return v;
}

// Every subset of axes of a rank-4 input, for every op, keepdims 0/1, axes given as a constant
// input, a runtime input (opset 18) and an attribute (opset 13; ReduceSum opset 11); negative
// spellings of the same axes in the attribute case.
TEST(ReduceOps, EveryAxisSubsetMatchesOracle) {
  const Shape dims = {2, 3, 4, 5};
  const std::vector<float> xv = test_values(static_cast<size_t>(shape_numel(dims)));
  const Tensor x = Tensor::from_vector<float>(dims, xv);
  for (const auto& [op, unused] : oracle_ops()) {
    for (int mask = 1; mask < 16; ++mask) {
      std::vector<int64_t> axes, negative_axes;
      std::vector<bool> reduced(4, false);
      for (int a = 0; a < 4; ++a)
        if (mask & (1 << a)) {
          axes.push_back(a);
          negative_axes.push_back(a - 4);
          reduced[static_cast<size_t>(a)] = true;
        }
      const std::vector<double> want = oracle(op, xv, dims, reduced);
      for (int keep = 0; keep < 2; ++keep) {
        const std::string where =
            op + " mask " + std::to_string(mask) + " keep " + std::to_string(keep);
        std::vector<Result<Tensor>> got;
        got.push_back(run_op(op, 18, {x, i64(axes)}, {int_attr("keepdims", keep)}, true));
        got.push_back(run_op(op, 18, {x, i64(axes)}, {int_attr("keepdims", keep)}, false));
        got.push_back(run_op(op, op == "ReduceSum" ? 11 : 13, {x},
                             {ints_attr("axes", negative_axes), int_attr("keepdims", keep)}));
        for (Result<Tensor>& r : got) {
          ASSERT_TRUE(r.is_ok()) << where << ": " << r.status().to_string();
          const Tensor& y = r.value();
          ASSERT_EQ(y.rank(), keep ? 4 : 4 - static_cast<int>(axes.size())) << where;
          ASSERT_EQ(y.numel(), static_cast<int64_t>(want.size())) << where;
          for (size_t i = 0; i < want.size(); ++i)
            ASSERT_NEAR(y.data<float>()[i], want[i], 1e-4 * std::fabs(want[i]) + 1e-5)
                << where << " i " << i;
        }
      }
    }
  }
}

// Runtime axes with a separate accumulator (float16 -> float, int32 -> double for the mean):
// the scratch reserved at prepare() covers every axis subset.
TEST(ReduceOps, RuntimeAxesWithWiderAccumulator) {
  const Shape dims = {3, 2, 5, 2};
  const std::vector<float> xv = test_values(static_cast<size_t>(shape_numel(dims)));
  std::vector<Float16> xh;
  std::vector<int32_t> xi;
  for (float v : xv) {
    xh.push_back(from_float<Float16>(v));
    xi.push_back(static_cast<int32_t>(v * 10));
  }
  for (int mask = 0; mask < 16; ++mask) {
    std::vector<int64_t> axes;
    std::vector<bool> reduced(4, mask == 0);  // no axes: reduce all
    for (int a = 0; a < 4; ++a)
      if (mask & (1 << a)) {
        axes.push_back(a);
        reduced[static_cast<size_t>(a)] = true;
      }
    const std::vector<double> want = oracle("ReduceMean", xv, dims, reduced);
    std::vector<float> xi_as_float(xi.begin(), xi.end());
    const std::vector<double> want_int = oracle("ReduceMean", xi_as_float, dims, reduced);
    Result<Tensor> yh =
        run_op("ReduceMean", 18, {Tensor::from_vector<Float16>(dims, xh), i64(axes)}, {}, false);
    Result<Tensor> yi =
        run_op("ReduceMean", 18, {Tensor::from_vector<int32_t>(dims, xi), i64(axes)}, {}, false);
    ASSERT_TRUE(yh.is_ok()) << yh.status().to_string();
    ASSERT_TRUE(yi.is_ok()) << yi.status().to_string();
    ASSERT_EQ(yh.value().numel(), static_cast<int64_t>(want.size()));
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_NEAR(to_float(yh.value().data<Float16>()[i]), want[i], 2e-3) << mask;
      EXPECT_EQ(yi.value().data<int32_t>()[i], static_cast<int32_t>(want_int[i])) << mask;
    }
  }
}

TEST(ReduceOps, NoopWithEmptyAxesAppliesTheElementMap) {
  const Tensor x = Tensor::from_vector<float>({2, 2}, {1, -2, 3, -4});
  Result<Tensor> y =
      run_op("ReduceSumSquare", 18, {x, i64({})}, {int_attr("noop_with_empty_axes", 1)});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(y.value().shape(), (Shape{2, 2}));
  EXPECT_EQ(values<float>(y.value()), (std::vector<float>{1, 4, 9, 16}));
  // Absent axes + noop: identity for ReduceSum (opset 13).
  y = run_op("ReduceSum", 13, {x}, {int_attr("noop_with_empty_axes", 1)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<float>(y.value()), (std::vector<float>{1, -2, 3, -4}));
  // Empty axes without noop reduce everything.
  y = run_op("ReduceSum", 13, {x, i64({})}, {int_attr("keepdims", 0)}, false);
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y.value().shape(), Shape{});
  EXPECT_EQ(values<float>(y.value()), (std::vector<float>{-2}));
}

TEST(ReduceOps, EmptySets) {
  const Tensor x = Tensor::from_vector<float>({2, 0, 3}, {});
  const std::map<std::string, float> want = {
      {"ReduceSum", 0.0f},          {"ReduceProd", 1.0f},
      {"ReduceMax", -HUGE_VALF},    {"ReduceMin", HUGE_VALF},
      {"ReduceL1", 0.0f},           {"ReduceL2", 0.0f},
      {"ReduceLogSum", -HUGE_VALF}, {"ReduceLogSumExp", -HUGE_VALF},
      {"ReduceSumSquare", 0.0f}};
  for (const auto& [op, value] : want) {
    for (bool constant : {true, false}) {
      Result<Tensor> y = run_op(op, 18, {x, i64({1})}, {int_attr("keepdims", 0)}, constant);
      ASSERT_TRUE(y.is_ok()) << op << ": " << y.status().to_string();
      EXPECT_EQ(y.value().shape(), (Shape{2, 3})) << op;
      EXPECT_EQ(values<float>(y.value()), std::vector<float>(6, value)) << op;
    }
  }
  Result<Tensor> mean = run_op("ReduceMean", 18, {x, i64({1})});
  ASSERT_TRUE(mean.is_ok());
  EXPECT_TRUE(std::isnan(mean.value().data<float>()[0]));
  // Integer max of nothing: the lowest value. float16 mean via runtime axes: a separate float
  // result larger than the (empty) input.
  const Tensor xi = Tensor::from_vector<int32_t>({0, 4}, {});
  Result<Tensor> yi = run_op("ReduceMax", 18, {xi, i64({0})}, {}, false);
  ASSERT_TRUE(yi.is_ok()) << yi.status().to_string();
  EXPECT_EQ(values<int32_t>(yi.value()),
            std::vector<int32_t>(4, std::numeric_limits<int32_t>::lowest()));
  const Tensor xh = Tensor::from_vector<Float16>({0, 4}, {});
  Result<Tensor> yh = run_op("ReduceSum", 18, {xh, i64({0})}, {int_attr("keepdims", 0)}, false);
  ASSERT_TRUE(yh.is_ok()) << yh.status().to_string();
  EXPECT_EQ(yh.value().shape(), (Shape{4}));
  EXPECT_EQ(to_float(yh.value().data<Float16>()[3]), 0.0f);
}

TEST(ReduceOps, HalfPrecisionAccumulatesInFloat) {
  // 3000 values of 1.0: a float16 running sum would stall at 2048; the mean is exact.
  const Tensor x =
      Tensor::from_vector<Float16>({3000}, std::vector<Float16>(3000, from_float<Float16>(1.0f)));
  Result<Tensor> y = run_op("ReduceMean", 13, {x}, {});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(to_float(y.value().data<Float16>()[0]), 1.0f);
  y = run_op("ReduceSum", 13, {x}, {});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(to_float(y.value().data<Float16>()[0]), 3000.0f);
  const Tensor b =
      Tensor::from_vector<BFloat16>({2, 2}, {from_float<BFloat16>(1), from_float<BFloat16>(2),
                                             from_float<BFloat16>(3), from_float<BFloat16>(4)});
  y = run_op("ReduceL2", 18, {b, i64({0})}, {int_attr("keepdims", 0)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_NEAR(to_float(y.value().data<BFloat16>()[1]), std::sqrt(20.0f), 0.02f);
}

TEST(ReduceOps, IntegerTypes) {
  const Tensor x = Tensor::from_vector<int32_t>({2, 2}, {1, 2, -1, -2});
  Result<Tensor> y = run_op("ReduceMean", 18, {x, i64({1})}, {int_attr("keepdims", 0)});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(values<int32_t>(y.value()), (std::vector<int32_t>{1, -1}));  // truncated 1.5, -1.5
  const Tensor big = Tensor::from_vector<int32_t>({2}, {2147483647, 1});
  y = run_op("ReduceSum", 13, {big, i64({0})});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<int32_t>(y.value()), (std::vector<int32_t>{-2147483647 - 1}));  // wraps
  const Tensor u8 = Tensor::from_vector<uint8_t>({3}, {7, 250, 3});
  y = run_op("ReduceMax", 18, {u8}, {});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<uint8_t>(y.value()), (std::vector<uint8_t>{250}));
  const Tensor i64x = Tensor::from_vector<int64_t>({3}, {-3, 4, 5});
  y = run_op("ReduceProd", 18, {i64x}, {});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<int64_t>(y.value()), (std::vector<int64_t>{-60}));
  y = run_op("ReduceL1", 18, {i64x}, {});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<int64_t>(y.value()), (std::vector<int64_t>{12}));
}

TEST(ReduceOps, BoolNeedsOpset20) {
  const Tensor x = Tensor::from_vector<bool>({2, 2}, {true, false, true, true});
  Result<Tensor> y = run_op("ReduceMin", 20, {x, i64({1})}, {int_attr("keepdims", 0)});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(values<bool>(y.value()), (std::vector<bool>{false, true}));
  y = run_op("ReduceMax", 20, {x, i64({0})}, {int_attr("keepdims", 0)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<bool>(y.value()), (std::vector<bool>{true, true}));
  EXPECT_FALSE(run_op("ReduceMax", 18, {x}, {}).is_ok());
  EXPECT_FALSE(run_op("ReduceSum", 20, {x}, {}).is_ok());
}

TEST(ReduceOps, BadAxesAreErrors) {
  const Tensor x = Tensor::from_vector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  for (bool constant : {true, false}) {
    Result<Tensor> dup = run_op("ReduceSum", 13, {x, i64({1, -1})}, {}, constant);
    ASSERT_FALSE(dup.is_ok());
    EXPECT_NE(dup.status().to_string().find("repeated"), std::string::npos);
    Result<Tensor> range = run_op("ReduceMax", 18, {x, i64({2})}, {}, constant);
    ASSERT_FALSE(range.is_ok());
    EXPECT_NE(range.status().to_string().find("out of range"), std::string::npos);
  }
  EXPECT_FALSE(run_op("ReduceMean", 13, {x}, {ints_attr("axes", {0, 0})}).is_ok());
  EXPECT_FALSE(run_op("ReduceMean", 18, {x}, {ints_attr("axes", {0})}).is_ok());  // now an input
  EXPECT_FALSE(run_op("ArgMax", 13, {x}, {int_attr("axis", 2)}).is_ok());
}

TEST(ReduceOps, ShapeInferenceKeepsSymbolicDims) {
  ValueType x = ValueType::tensor(DType::kFloat32, {-2, 3, -3});
  ValueType axes = ValueType::tensor(DType::kInt64, {1});
  axes.value = i64({1});
  auto out = infer_only(make_node("ReduceSum", {Tensor::scalar(0.0f), i64({1})}), 13, {x, axes});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ(out.value()[0].dims, (Shape{-2, 1, -3}));
  // Runtime axes: keepdims keeps the rank, dims unknown unless 1.
  ValueType runtime_axes = ValueType::tensor(DType::kInt64, {1});
  ValueType x1 = ValueType::tensor(DType::kFloat32, {4, 1, 5});
  out =
      infer_only(make_node("ReduceMax", {Tensor::scalar(0.0f), i64({1})}), 18, {x1, runtime_axes});
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(out.value()[0].dims, (Shape{kUnknownDim, 1, kUnknownDim}));
  ir::Node argmax =
      make_node("ArgMax", {Tensor::scalar(0.0f)}, {int_attr("axis", -1), int_attr("keepdims", 0)});
  out = infer_only(argmax, 13, {x});
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(out.value()[0].dtype, DType::kInt64);
  EXPECT_EQ(out.value()[0].dims, (Shape{-2, 3}));
}

TEST(ReduceOps, ArgMaxArgMin) {
  const Tensor x = Tensor::from_vector<float>({2, 3}, {1, 5, 5, 2, 0, 0});
  Result<Tensor> y = run_op("ArgMax", 13, {x}, {int_attr("axis", 1)});
  ASSERT_TRUE(y.is_ok()) << y.status().to_string();
  EXPECT_EQ(y.value().shape(), (Shape{2, 1}));
  EXPECT_EQ(values<int64_t>(y.value()), (std::vector<int64_t>{1, 0}));
  y = run_op("ArgMax", 13, {x}, {int_attr("axis", -1), int_attr("select_last_index", 1)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<int64_t>(y.value()), (std::vector<int64_t>{2, 0}));
  y = run_op("ArgMin", 12, {x},
             {int_attr("axis", 1), int_attr("keepdims", 0), int_attr("select_last_index", 1)});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(y.value().shape(), (Shape{2}));
  EXPECT_EQ(values<int64_t>(y.value()), (std::vector<int64_t>{0, 2}));
  y = run_op("ArgMin", 11, {x}, {int_attr("keepdims", 0)});  // axis 0
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<int64_t>(y.value()), (std::vector<int64_t>{0, 1, 1}));
  const Tensor u16 = Tensor::from_vector<uint16_t>({4}, {3, 9, 9, 1});
  y = run_op("ArgMax", 13, {u16}, {});
  ASSERT_TRUE(y.is_ok());
  EXPECT_EQ(values<int64_t>(y.value()), (std::vector<int64_t>{1}));
  EXPECT_FALSE(run_op("ArgMax", 13, {Tensor::from_vector<float>({2, 0}, {})}, {int_attr("axis", 1)})
                   .is_ok());
}

}  // namespace
}  // namespace onyx::ops
