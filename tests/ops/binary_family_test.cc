// Corner cases of the broadcasting binary / variadic / comparison ops (ops/common/binary_common.h,
// compare_common.h, variadic_common.h, where.cc): 3-input broadcasting, empty dims, integer wrap,
// Mod sign rules, Pow type mixes, NaN handling, strings, legacy forms.
#include <cmath>
#include <limits>

#include "base/half.h"
#include "elementwise_ops_test_util.h"

namespace onyx::ops {
namespace {

using testing::eval1;
using testing::int_attr;
using testing::make_node;
using testing::values;

ir::Attribute str_attr(const std::string& name, const std::string& v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kString;
  a.s = v;
  return a;
}

std::vector<bool> bools(const Tensor& t) {
  EXPECT_EQ(t.dtype(), DType::kBool);
  return std::vector<bool>(t.data<bool>(), t.data<bool>() + t.numel());
}

Status eval_status(const ir::Node& node, int64_t opset, const std::vector<Tensor>& inputs) {
  return evaluate_node(node, opset, inputs).status();
}

bool same(float x, float y) {
  return x == y || (std::isnan(x) && std::isnan(y));
}

TEST(VariadicOps, ThreeInputsBroadcastTogether) {
  // [3] and [1] do not give the output shape [2, 3]: the fold copies input 0 first.
  const Tensor a = Tensor::from_vector<float>({3}, {1, 5, 3});
  const Tensor b = Tensor::from_vector<float>({1}, {2});
  const Tensor c = Tensor::from_vector<float>({2, 1}, {0, 4});
  const Tensor mx = eval1(make_node("Max", 3), 13, {a, b, c});
  ASSERT_EQ(mx.shape(), (Shape{2, 3}));
  EXPECT_EQ(values<float>(mx), (std::vector<float>{2, 5, 3, 4, 5, 4}));
  EXPECT_EQ(values<float>(eval1(make_node("Min", 3), 13, {a, b, c})),
            (std::vector<float>{0, 0, 0, 1, 2, 2}));
  EXPECT_EQ(values<float>(eval1(make_node("Sum", 3), 13, {c, a, b})),
            (std::vector<float>{3, 7, 5, 7, 11, 9}));
  const Tensor mean = eval1(make_node("Mean", 3), 13, {a, b, c});
  EXPECT_EQ(values<float>(mean),
            (std::vector<float>{1, 7.0f / 3, 5.0f / 3, 7.0f / 3, 11.0f / 3, 3}));
  // Integer Max at opset 12+.
  const Tensor i = Tensor::from_vector<int64_t>({2, 1}, {-7, 9});
  const Tensor j = Tensor::from_vector<int64_t>({2}, {3, -8});
  EXPECT_EQ(values<int64_t>(eval1(make_node("Max", 2), 13, {i, j})),
            (std::vector<int64_t>{3, -7, 9, 9}));
}

TEST(VariadicOps, OneInputIsACopy) {
  const Tensor a = Tensor::from_vector<float>({2, 2}, {1, -2, 3, NAN});
  for (const char* op : {"Max", "Min", "Sum", "Mean"}) {
    const Tensor y = eval1(make_node(op, 1), 13, {a});
    ASSERT_EQ(y.shape(), a.shape()) << op;
    for (int k = 0; k < 4; ++k) EXPECT_TRUE(same(y.data<float>()[k], a.data<float>()[k])) << op;
  }
}

TEST(VariadicOps, MaxMinPropagateNaN) {
  std::vector<float> x(19, 1.0f), y(19, 2.0f);
  x[0] = NAN;
  y[17] = NAN;
  const Tensor a = Tensor::from_vector<float>({19}, x), b = Tensor::from_vector<float>({19}, y);
  for (const char* op : {"Max", "Min"}) {
    const std::vector<float> got = values<float>(eval1(make_node(op, 2), 13, {a, b}));
    for (size_t k = 0; k < got.size(); ++k) {
      if (k == 0 || k == 17)
        EXPECT_TRUE(std::isnan(got[k])) << op << " " << k;
      else
        EXPECT_EQ(got[k], op[1] == 'a' ? 2.0f : 1.0f) << op << " " << k;
    }
  }
  // float16 goes through float32 and keeps the NaN.
  Tensor h = Tensor::empty(DType::kFloat16, {2});
  h.data<Float16>()[0] = from_float<Float16>(NAN);
  h.data<Float16>()[1] = from_float<Float16>(3.0f);
  const Tensor hm = eval1(make_node("Max", 2), 13, {h, Tensor::empty(DType::kFloat16, {1})});
  EXPECT_TRUE(std::isnan(to_float(hm.data<Float16>()[0])));
  EXPECT_EQ(to_float(hm.data<Float16>()[1]), 3.0f);
}

TEST(VariadicOps, MixedTypesAndBadShapesAreErrors) {
  const Tensor f = Tensor::empty(DType::kFloat32, {2});
  const Tensor d = Tensor::empty(DType::kFloat64, {2});
  EXPECT_EQ(eval_status(make_node("Sum", 2), 13, {f, d}).code(), StatusCode::kInvalidGraph);
  const Tensor g = Tensor::empty(DType::kFloat32, {3});
  EXPECT_EQ(eval_status(make_node("Max", 3), 13, {f, f, g}).code(), StatusCode::kInvalidGraph);
  // Sum / Mean are float-only.
  const Tensor i = Tensor::empty(DType::kInt32, {2});
  EXPECT_FALSE(eval_status(make_node("Sum", 2), 13, {i, i}).is_ok());
}

TEST(BinaryFamily, ZeroSizeDims) {
  const Tensor e = Tensor::empty(DType::kFloat32, {0, 3});
  const Tensor r = Tensor::from_vector<float>({3}, {1, 2, 3});
  EXPECT_EQ(eval1(make_node("Max", 2), 13, {e, r}).shape(), (Shape{0, 3}));
  EXPECT_EQ(eval1(make_node("Less", 2), 13, {r, e}).shape(), (Shape{0, 3}));
  EXPECT_EQ(eval1(make_node("Pow", 2), 15, {e, r}).shape(), (Shape{0, 3}));
  const Tensor c = Tensor::empty(DType::kBool, {2, 0, 1});
  EXPECT_EQ(eval1(make_node("Where", 3), 16, {c, r, r}).shape(), (Shape{2, 0, 3}));
  EXPECT_EQ(eval1(make_node("Sum", 3), 13, {e, r, r}).shape(), (Shape{0, 3}));
}

TEST(BinaryFamily, IntegerWrapAndShifts) {
  const Tensor b = Tensor::from_vector<int32_t>({2}, {2, 3});
  const Tensor e = Tensor::from_vector<int32_t>({2}, {40, 21});
  // 2^40 wraps to 0 in int32; 3^21 = 10460353203 wraps modulo 2^32.
  EXPECT_EQ(values<int32_t>(eval1(make_node("Pow", 2), 15, {b, e})),
            (std::vector<int32_t>{0, int32_t(uint32_t(10460353203ull))}));
  const Tensor u = Tensor::from_vector<uint8_t>({4}, {200, 1, 255, 16});
  const Tensor n = Tensor::from_vector<uint8_t>({4}, {1, 7, 8, 2});
  EXPECT_EQ(
      values<uint8_t>(eval1(make_node("BitShift", 2, {str_attr("direction", "LEFT")}), 11, {u, n})),
      (std::vector<uint8_t>{144, 128, 0, 64}));
  EXPECT_EQ(values<uint8_t>(
                eval1(make_node("BitShift", 2, {str_attr("direction", "RIGHT")}), 11, {u, n})),
            (std::vector<uint8_t>{100, 0, 0, 4}));
  EXPECT_FALSE(
      eval_status(make_node("BitShift", 2, {str_attr("direction", "UP")}), 11, {u, n}).is_ok());
  const Tensor s = Tensor::from_vector<int8_t>({3}, {-1, 0x55, -128});
  const Tensor m = Tensor::from_vector<int8_t>({1}, {0x0f});
  EXPECT_EQ(values<int8_t>(eval1(make_node("BitwiseAnd", 2), 18, {s, m})),
            (std::vector<int8_t>{0x0f, 0x05, 0}));
  EXPECT_EQ(values<int8_t>(eval1(make_node("BitwiseOr", 2), 18, {s, m})),
            (std::vector<int8_t>{-1, 0x5f, -113}));
  EXPECT_EQ(values<int8_t>(eval1(make_node("BitwiseXor", 2), 18, {s, m})),
            (std::vector<int8_t>{-16, 0x5a, -113}));
}

TEST(BinaryFamily, ModSignRules) {
  const Tensor x =
      Tensor::from_vector<int32_t>({5}, {-4, 7, 5, -7, std::numeric_limits<int32_t>::min()});
  const Tensor y = Tensor::from_vector<int32_t>({5}, {3, -3, -3, 3, -1});
  // fmod=0: the result takes the divisor's sign (Python %).
  EXPECT_EQ(values<int32_t>(eval1(make_node("Mod", 2), 13, {x, y})),
            (std::vector<int32_t>{2, -2, -1, 2, 0}));
  // fmod=1: the dividend's sign (C fmod).
  EXPECT_EQ(values<int32_t>(eval1(make_node("Mod", 2, {int_attr("fmod", 1)}), 13, {x, y})),
            (std::vector<int32_t>{-1, 1, 2, -1, 0}));
  const Tensor f = Tensor::from_vector<float>({2}, {-4.5f, 7.5f});
  const Tensor g = Tensor::from_vector<float>({1}, {2.0f});
  EXPECT_EQ(values<float>(eval1(make_node("Mod", 2, {int_attr("fmod", 1)}), 13, {f, g})),
            (std::vector<float>{-0.5f, 1.5f}));
  // Floats need fmod=1; an integer zero divisor is a run-time error.
  EXPECT_EQ(eval_status(make_node("Mod", 2), 13, {f, g}).code(), StatusCode::kInvalidGraph);
  const Tensor z = Tensor::from_vector<int32_t>({1}, {0});
  EXPECT_EQ(eval_status(make_node("Mod", 2), 13, {x, z}).code(), StatusCode::kRuntimeException);
  const Tensor uu = Tensor::from_vector<uint16_t>({2}, {65535, 10});
  const Tensor uv = Tensor::from_vector<uint16_t>({1}, {7});
  EXPECT_EQ(values<uint16_t>(eval1(make_node("Mod", 2), 13, {uu, uv})),
            (std::vector<uint16_t>{65535 % 7, 3}));
}

TEST(BinaryFamily, PowTypeMixes) {
  const Tensor i = Tensor::from_vector<int32_t>({2}, {2, 3});
  const Tensor fe = Tensor::from_vector<float>({2}, {0.5f, 2.0f});
  EXPECT_EQ(values<int32_t>(eval1(make_node("Pow", 2), 15, {i, fe})),
            (std::vector<int32_t>{1, 9}));  // 2^0.5 truncates to 1
  const Tensor f = Tensor::from_vector<float>({2}, {2.0f, 0.5f});
  const Tensor ie = Tensor::from_vector<int64_t>({2}, {3, -1});
  EXPECT_EQ(values<float>(eval1(make_node("Pow", 2), 15, {f, ie})), (std::vector<float>{8, 2}));
  const Tensor l = Tensor::from_vector<int64_t>({3}, {2, -1, 1});
  const Tensor le = Tensor::from_vector<int64_t>({3}, {-1, -3, -5});
  EXPECT_EQ(values<int64_t>(eval1(make_node("Pow", 2), 15, {l, le})),
            (std::vector<int64_t>{0, -1, 1}));
  // Scalar-exponent shortcuts agree with std::pow, signed zero and infinities included.
  const std::vector<float> xs = {-0.0f, 4.0f, -INFINITY, 2.5f, -3.0f, 0.0f, INFINITY};
  const Tensor x = Tensor::from_vector<float>({7}, xs);
  for (float e : {0.5f, 2.0f, 1.0f, 3.0f}) {
    const std::vector<float> got =
        values<float>(eval1(make_node("Pow", 2), 15, {x, Tensor::scalar<float>(e)}));
    for (size_t k = 0; k < xs.size(); ++k) {
      const float want = std::pow(xs[k], e);
      EXPECT_TRUE(same(got[k], want)) << xs[k] << "^" << e << " = " << got[k];
      if (!std::isnan(want)) {
        EXPECT_EQ(std::signbit(got[k]), std::signbit(want)) << xs[k] << "^" << e;
      }
    }
  }
  // Integer exponents into a float16 base.
  Tensor h = Tensor::empty(DType::kFloat16, {1});
  h.data<Float16>()[0] = from_float<Float16>(1.5f);
  const Tensor hp = eval1(make_node("Pow", 2), 15, {h, Tensor::scalar<int32_t>(2)});
  EXPECT_EQ(to_float(hp.data<Float16>()[0]), 2.25f);
  // bool exponents are not a numeric type.
  EXPECT_FALSE(eval_status(make_node("Pow", 2), 15, {f, Tensor::scalar<bool>(true)}).is_ok());
}

TEST(CompareOps, NaNAndBoolOutput) {
  const Tensor a = Tensor::from_vector<float>({4}, {NAN, 1, 2, NAN});
  const Tensor b = Tensor::from_vector<float>({4}, {1, NAN, 2, NAN});
  const std::vector<bool> none = {false, false, false, false};
  EXPECT_EQ(bools(eval1(make_node("Less", 2), 13, {a, b})), none);
  EXPECT_EQ(bools(eval1(make_node("Greater", 2), 13, {a, b})), none);
  EXPECT_EQ(bools(eval1(make_node("Equal", 2), 13, {a, b})),
            (std::vector<bool>{false, false, true, false}));
  EXPECT_EQ(bools(eval1(make_node("LessOrEqual", 2), 16, {a, b})),
            (std::vector<bool>{false, false, true, false}));
  EXPECT_EQ(bools(eval1(make_node("GreaterOrEqual", 2), 16, {a, b})),
            (std::vector<bool>{false, false, true, false}));
  // float64 and float16 take the generic path.
  const Tensor d = Tensor::from_vector<double>({2}, {NAN, -1});
  EXPECT_EQ(bools(eval1(make_node("Less", 2), 13, {d, Tensor::scalar<double>(0)})),
            (std::vector<bool>{false, true}));
  Tensor h = Tensor::empty(DType::kFloat16, {2});
  h.data<Float16>()[0] = from_float<Float16>(NAN);
  h.data<Float16>()[1] = from_float<Float16>(-1.0f);
  EXPECT_EQ(bools(eval1(make_node("GreaterOrEqual", 2), 16, {h, h})),
            (std::vector<bool>{false, true}));
  // Broadcast rows and unsigned values.
  const Tensor u = Tensor::from_vector<uint32_t>({2, 1}, {1, 4000000000u});
  const Tensor v = Tensor::from_vector<uint32_t>({3}, {0, 1, 4000000001u});
  EXPECT_EQ(bools(eval1(make_node("Greater", 2), 13, {u, v})),
            (std::vector<bool>{true, false, false, true, true, false}));
}

TEST(CompareOps, EqualStringsFromOpset19) {
  const Tensor a = Tensor::from_vector<std::string>({3}, {"a", "bc", ""});
  const Tensor b = Tensor::from_vector<std::string>({1}, {"bc"});
  EXPECT_EQ(bools(eval1(make_node("Equal", 2), 19, {a, b})),
            (std::vector<bool>{false, true, false}));
  EXPECT_FALSE(eval_status(make_node("Equal", 2), 13, {a, b}).is_ok());
  // Less has no string type.
  EXPECT_FALSE(eval_status(make_node("Less", 2), 19, {a, b}).is_ok());
  const Tensor t = Tensor::from_vector<bool>({2}, {true, false});
  EXPECT_EQ(bools(eval1(make_node("Equal", 2), 13, {t, Tensor::scalar<bool>(false)})),
            (std::vector<bool>{false, true}));
}

TEST(LogicalOps, TruthTablesWithBroadcast) {
  const Tensor a = Tensor::from_vector<bool>({2, 1}, {false, true});
  const Tensor b = Tensor::from_vector<bool>({2}, {false, true});
  EXPECT_EQ(bools(eval1(make_node("And", 2), 7, {a, b})),
            (std::vector<bool>{false, false, false, true}));
  EXPECT_EQ(bools(eval1(make_node("Or", 2), 7, {a, b})),
            (std::vector<bool>{false, true, true, true}));
  EXPECT_EQ(bools(eval1(make_node("Xor", 2), 7, {a, b})),
            (std::vector<bool>{false, true, true, false}));
  // Opset 1 legacy broadcast.
  const Tensor c = Tensor::from_vector<bool>({2, 2}, {true, true, false, true});
  EXPECT_EQ(bools(eval1(make_node("And", 2, {int_attr("broadcast", 1)}), 1, {c, b})),
            (std::vector<bool>{false, true, false, true}));
  EXPECT_FALSE(eval_status(make_node("And", 2), 7, {Tensor::scalar<float>(1), b}).is_ok());
}

TEST(WhereOp, BroadcastsAllThreeInputs) {
  const Tensor c = Tensor::from_vector<bool>({2, 1}, {true, false});
  const Tensor x = Tensor::from_vector<int64_t>({3}, {1, 2, 3});
  const Tensor y = Tensor::scalar<int64_t>(-9);
  const Tensor w = eval1(make_node("Where", 3), 16, {c, x, y});
  ASSERT_EQ(w.shape(), (Shape{2, 3}));
  EXPECT_EQ(values<int64_t>(w), (std::vector<int64_t>{1, 2, 3, -9, -9, -9}));
  // Condition row-broadcast against a column of X.
  const Tensor c2 = Tensor::from_vector<bool>({3}, {true, false, true});
  const Tensor xs = Tensor::from_vector<std::string>({2, 1}, {"p", "q"});
  const Tensor ys = Tensor::from_vector<std::string>({1}, {"-"});
  const Tensor ws = eval1(make_node("Where", 3), 16, {c2, xs, ys});
  EXPECT_EQ(values<std::string>(ws), (std::vector<std::string>{"p", "-", "p", "q", "-", "q"}));
  // Same-shape float32 (SIMD select), odd length.
  std::vector<float> xv(37), yv(37);
  std::vector<bool> cv(37);
  for (size_t k = 0; k < 37; ++k) {
    xv[k] = float(k);
    yv[k] = -float(k);
    cv[k] = k % 3 == 0;
  }
  const std::vector<float> got = values<float>(
      eval1(make_node("Where", 3), 16,
            {Tensor::from_vector<bool>({37}, cv), Tensor::from_vector<float>({37}, xv),
             Tensor::from_vector<float>({37}, yv)}));
  for (size_t k = 0; k < 37; ++k) EXPECT_EQ(got[k], cv[k] ? xv[k] : yv[k]) << k;
  // float32 attention-mask form: [2, 3] mask over [2, 2, 3] scores, scalar fill (SIMD select
  // over the (X, Y) plan with the condition expanded), and a mask that needs the two-pass path.
  std::vector<float> scores(12);
  for (size_t k = 0; k < 12; ++k) scores[k] = float(k) + 0.5f;
  const Tensor mask = Tensor::from_vector<bool>({2, 3}, {true, false, true, true, true, false});
  const Tensor sc = Tensor::from_vector<float>({2, 2, 3}, scores);
  const std::vector<float> masked =
      values<float>(eval1(make_node("Where", 3), 16, {mask, sc, Tensor::scalar<float>(-1e9f)}));
  for (size_t k = 0; k < 12; ++k)
    EXPECT_EQ(masked[k], mask.data<bool>()[k % 6] ? scores[k] : -1e9f) << k;
  const Tensor col = Tensor::from_vector<float>({3, 1}, {7, 8, 9});
  const Tensor row = Tensor::from_vector<float>({2}, {-1, -2});
  const Tensor big = Tensor::from_vector<bool>({2, 1, 1}, {true, false});
  const Tensor w3 = eval1(make_node("Where", 3), 16, {big, col, row});
  ASSERT_EQ(w3.shape(), (Shape{2, 3, 2}));
  EXPECT_EQ(values<float>(w3), (std::vector<float>{7, 7, 8, 8, 9, 9, -1, -2, -1, -2, -1, -2}));
  EXPECT_FALSE(eval_status(make_node("Where", 3), 16, {x, x, y}).is_ok());  // int condition
  EXPECT_FALSE(eval_status(make_node("Where", 3), 16, {c, x, Tensor::scalar<int32_t>(1)}).is_ok());
}

TEST(PReluOp, SlopeBroadcastsToX) {
  const Tensor x = Tensor::from_vector<float>({2, 3}, {-1, 2, -3, 4, -5, 0});
  const Tensor s = Tensor::from_vector<float>({3}, {0.5f, 2, 0.25f});
  EXPECT_EQ(values<float>(eval1(make_node("PRelu", 2), 16, {x, s})),
            (std::vector<float>{-0.5f, 2, -0.75f, 4, -10, 0}));
  // A slope that would enlarge X is rejected (unidirectional broadcasting).
  const Tensor big = Tensor::from_vector<float>({2, 1, 3}, {1, 1, 1, 1, 1, 1});
  EXPECT_EQ(eval_status(make_node("PRelu", 2), 16, {x, big}).code(), StatusCode::kInvalidGraph);
  // Opset 6: a 1-D per-channel slope applies along axis 1.
  const Tensor x3 = Tensor::from_vector<float>({1, 2, 2}, {-1, -2, -3, 4});
  const Tensor ch = Tensor::from_vector<float>({2}, {10, 100});
  EXPECT_EQ(values<float>(eval1(make_node("PRelu", 2), 6, {x3, ch})),
            (std::vector<float>{-10, -20, -300, 4}));
  // Integers from opset 16.
  const Tensor xi = Tensor::from_vector<int32_t>({3}, {-3, 0, 5});
  EXPECT_EQ(values<int32_t>(eval1(make_node("PRelu", 2), 16, {xi, Tensor::scalar<int32_t>(2)})),
            (std::vector<int32_t>{-6, 0, 5}));
}

}  // namespace
}  // namespace onyx::ops
