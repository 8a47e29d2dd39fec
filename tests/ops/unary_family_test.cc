// Unary op family (ops/common/unary_common.h) and the softmax family: corners the ONNX backend
// tests miss — 16-bit floats through float32, integer wraparound, empty tensors, in-place runs,
// NaN propagation, attribute defaults per opset, type errors.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "base/half.h"
#include "elementwise_ops_test_util.h"
#include "ops/registry.h"

namespace onyx::ops {
namespace {

using testing::eval1;
using testing::float_attr;
using testing::int_attr;
using testing::make_node;
using testing::values;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

ir::Attribute string_attr(const std::string& name, const std::string& v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kString;
  a.s = v;
  return a;
}

// Runs `node` with output 0 aliasing input 0 (the executor's in-place case); returns x.
Tensor run_in_place(const ir::Node& node, int64_t opset, Tensor x, ThreadPool* pool = nullptr) {
  Result<std::unique_ptr<OpKernel>> kernel = create_kernel(node, opset);
  EXPECT_TRUE(kernel.is_ok()) << kernel.status().to_string();
  const ValueType in = ValueType::tensor(x.dtype(), x.shape());
  std::vector<ValueType> outs(1);
  InferContext ictx(node, opset, {&in}, &outs);
  EXPECT_TRUE((*kernel)->infer(ictx).is_ok());
  PrepareContext pctx(node, opset, {&in}, &outs, pool);
  EXPECT_TRUE((*kernel)->prepare(pctx).is_ok());
  EXPECT_EQ(pctx.scratch_bytes(), 0u);
  RunContext rctx(node, {&x}, {&x}, nullptr, pool);
  EXPECT_TRUE((*kernel)->run(rctx).is_ok());
  return x;
}

template <class S>
Tensor sixteen_bit(const std::vector<float>& v) {
  std::vector<S> s;
  for (float f : v) s.push_back(from_float<S>(f));
  return Tensor::from_vector<S>({static_cast<int64_t>(v.size())}, s);
}

template <class S>
std::vector<float> as_floats(const Tensor& t) {
  std::vector<float> out;
  for (int64_t i = 0; i < t.numel(); ++i) out.push_back(to_float(t.data<S>()[i]));
  return out;
}

std::vector<float> ramp(size_t n, float lo, float step) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = lo + step * static_cast<float>(i);
  return v;
}

// float16/bfloat16 are computed in float32 (over several stack blocks here) and rounded once.
template <class S>
void check_sixteen_bit(const std::string& op, int64_t opset, std::vector<ir::Attribute> attrs,
                       float (*want)(float)) {
  SCOPED_TRACE(op);
  const std::vector<float> x = as_floats<S>(sixteen_bit<S>(ramp(1000, -6.0f, 0.0123f)));
  const Tensor y = eval1(make_node(op, 1, attrs), opset, {sixteen_bit<S>(x)});
  ASSERT_EQ(y.dtype(), DTypeOf<S>::value);
  const std::vector<float> got = as_floats<S>(y);
  for (size_t i = 0; i < x.size(); ++i)
    ASSERT_EQ(got[i], to_float(from_float<S>(want(x[i])))) << "x=" << x[i];
}

TEST(UnaryFamily, SixteenBitFloatsComputeInFloat32) {
  auto exp_f = [](float v) { return std::exp(v); };
  auto leaky = [](float v) { return v < 0 ? 0.01f * v : v; };
  auto sin_f = [](float v) { return std::sin(v); };
  auto floor_f = [](float v) { return std::floor(v); };
  check_sixteen_bit<Float16>("Floor", 13, {}, floor_f);
  check_sixteen_bit<BFloat16>("Floor", 13, {}, floor_f);
  check_sixteen_bit<Float16>("LeakyRelu", 16, {}, leaky);
  check_sixteen_bit<BFloat16>("Sin", 22, {}, sin_f);
  // Transcendental SIMD kernels differ from libm by an ulp of float32, which may flip a 16-bit
  // rounding: compare within one 16-bit ulp.
  const std::vector<float> x = as_floats<Float16>(sixteen_bit<Float16>(ramp(600, -5.0f, 0.0171f)));
  const std::vector<float> got =
      as_floats<Float16>(eval1(make_node("Exp", 1), 13, {sixteen_bit<Float16>(x)}));
  for (size_t i = 0; i < x.size(); ++i)
    ASSERT_NEAR(got[i], exp_f(x[i]), std::fabs(exp_f(x[i])) * 1e-3f) << "x=" << x[i];
}

TEST(UnaryFamily, IntegerAbsNegSignWrap) {
  const Tensor i8 = Tensor::from_vector<int8_t>({5}, {-128, -5, 0, 7, 127});
  EXPECT_EQ(values<int8_t>(eval1(make_node("Abs", 1), 13, {i8})),
            (std::vector<int8_t>{-128, 5, 0, 7, 127}));
  EXPECT_EQ(values<int8_t>(eval1(make_node("Neg", 1), 13, {i8})),
            (std::vector<int8_t>{-128, 5, 0, -7, -127}));
  EXPECT_EQ(values<int8_t>(eval1(make_node("Sign", 1), 13, {i8})),
            (std::vector<int8_t>{-1, -1, 0, 1, 1}));
  const int64_t mn = std::numeric_limits<int64_t>::min();
  const Tensor i64 = Tensor::from_vector<int64_t>({3}, {mn, -1, 3});
  EXPECT_EQ(values<int64_t>(eval1(make_node("Abs", 1), 13, {i64})),
            (std::vector<int64_t>{mn, 1, 3}));
  EXPECT_EQ(values<int64_t>(eval1(make_node("Neg", 1), 6, {i64})),
            (std::vector<int64_t>{mn, 1, -3}));
  const Tensor u8 = Tensor::from_vector<uint8_t>({3}, {0, 1, 255});
  EXPECT_EQ(values<uint8_t>(eval1(make_node("Abs", 1), 13, {u8})), values<uint8_t>(u8));
  EXPECT_EQ(values<uint8_t>(eval1(make_node("Sign", 1), 13, {u8})),
            (std::vector<uint8_t>{0, 1, 1}));
  EXPECT_EQ(values<uint8_t>(eval1(make_node("BitwiseNot", 1), 18, {u8})),
            (std::vector<uint8_t>{255, 254, 0}));
  // Neg has no unsigned types.
  EXPECT_FALSE(evaluate_node(make_node("Neg", 1), 13, {u8}).is_ok());
}

TEST(UnaryFamily, EmptyTensors) {
  const Tensor e = Tensor::from_vector<float>({0, 3}, {});
  const Tensor y = eval1(make_node("Exp", 1), 13, {e});
  EXPECT_EQ(y.shape(), (Shape{0, 3}));
  const Tensor b = eval1(make_node("IsNaN", 1), 13, {Tensor::from_vector<double>({0}, {})});
  EXPECT_EQ(b.dtype(), DType::kBool);
  EXPECT_EQ(b.numel(), 0);
  EXPECT_EQ(eval1(make_node("Softplus", 1), 1, {sixteen_bit<Float16>({})}).numel(), 0);
}

TEST(UnaryFamily, InPlaceRunsMatchOutOfPlace) {
  ThreadPool pool(2);
  const std::vector<float> v = ramp(70001, -40.0f, 0.00117f);  // above the grain: threaded
  for (const char* op : {"Exp", "Tanh", "Gelu", "Mish", "Elu", "Round"}) {
    SCOPED_TRACE(op);
    const ir::Node node = make_node(op, 1);
    const Tensor x = Tensor::from_vector<float>({static_cast<int64_t>(v.size())}, v);
    const Tensor want = eval1(node, 20, {x}, &pool);
    const Tensor got = run_in_place(node, 20, x.clone(), &pool);
    for (int64_t i = 0; i < x.numel(); ++i)
      ASSERT_EQ(got.data<float>()[i], want.data<float>()[i]) << "x=" << v[size_t(i)];
  }
  // float16 in place: every stack block is read before it is written.
  const Tensor h = sixteen_bit<Float16>(ramp(777, -3.0f, 0.01f));
  const Tensor want = eval1(make_node("Sigmoid", 1), 13, {h});
  const Tensor got = run_in_place(make_node("Sigmoid", 1), 13, h.clone());
  EXPECT_EQ(as_floats<Float16>(got), as_floats<Float16>(want));
}

TEST(UnaryFamily, NaNPropagates) {
  const Tensor xf = Tensor::from_vector<float>({3}, {kNaN, -1.0f, 2.0f});
  const Tensor xd = Tensor::from_vector<double>({3}, {std::nan(""), -1.0, 2.0});
  for (const char* op : {"Relu", "LeakyRelu", "HardSigmoid", "Sign", "Shrink", "Round", "Abs",
                         "Softplus", "Erf", "Gelu", "Selu", "Celu", "Mish"}) {
    SCOPED_TRACE(op);
    const int64_t opset = std::string(op) == "Celu" ? 12 : 20;
    EXPECT_TRUE(std::isnan(eval1(make_node(op, 1), opset, {xf}).data<float>()[0]));
    EXPECT_TRUE(std::isnan(eval1(make_node(op, 1), opset, {xd}).data<double>()[0]));
  }
  // ThresholdedRelu keeps x only where x > alpha (ONNX reference, torch.threshold): NaN gives 0.
  EXPECT_EQ(eval1(make_node("ThresholdedRelu", 1), 10, {xf}).data<float>()[0], 0.0f);
  const Tensor clipped = eval1(make_node("Clip", 3), 13,
                               {xf, Tensor::scalar<float>(0.0f), Tensor::scalar<float>(1.0f)});
  EXPECT_TRUE(std::isnan(clipped.data<float>()[0]));
  EXPECT_EQ(values<float>(clipped)[1], 0.0f);
}

TEST(UnaryFamily, AttributeDefaultsAndOpsets) {
  const Tensor x = Tensor::from_vector<float>({4}, {-2.0f, -0.25f, 0.5f, 3.0f});
  // LeakyRelu alpha 0.01, Elu alpha 1, HardSigmoid 0.2/0.5, ThresholdedRelu alpha 1.
  EXPECT_EQ(values<float>(eval1(make_node("LeakyRelu", 1), 6, {x})),
            (std::vector<float>{-0.02f, -0.0025f, 0.5f, 3.0f}));
  EXPECT_FLOAT_EQ(values<float>(eval1(make_node("Elu", 1), 6, {x}))[0], std::expm1(-2.0f));
  const std::vector<float> hs = values<float>(eval1(make_node("HardSigmoid", 1), 6, {x}));
  const float hs_want[] = {0.1f, 0.45f, 0.6f, 1.0f};
  for (size_t k = 0; k < 4; ++k) EXPECT_NEAR(hs[k], hs_want[k], 1e-7f);
  EXPECT_EQ(values<float>(eval1(make_node("ThresholdedRelu", 1), 10, {x})),
            (std::vector<float>{0, 0, 0, 3.0f}));
  EXPECT_EQ(values<float>(eval1(make_node("Shrink", 1), 9, {x})),
            (std::vector<float>{-2.0f, 0, 0, 3.0f}));
  EXPECT_EQ(values<float>(eval1(make_node("Shrink", 1, {float_attr("bias", 1)}), 9, {x})),
            (std::vector<float>{-1.0f, 0, 0, 2.0f}));
  EXPECT_EQ(values<int32_t>(
                eval1(make_node("Shrink", 1, {float_attr("lambd", 1.5f), float_attr("bias", 1.0f)}),
                      9, {Tensor::from_vector<int32_t>({4}, {-3, -1, 1, 5})})),
            (std::vector<int32_t>{-2, 0, 0, 4}));
  // Clip opsets < 11 without attributes: no bounds; with one attribute: that bound only.
  EXPECT_EQ(values<float>(eval1(make_node("Clip", 1), 6, {x})), values<float>(x));
  EXPECT_EQ(values<float>(eval1(make_node("Clip", 1, {float_attr("max", 0)}), 6, {x})),
            (std::vector<float>{-2.0f, -0.25f, 0, 0}));
  // IsInf detect flags.
  const Tensor inf = Tensor::from_vector<float>({3}, {HUGE_VALF, -HUGE_VALF, kNaN});
  EXPECT_EQ(values<bool>(eval1(make_node("IsInf", 1), 10, {inf})),
            (std::vector<bool>{true, true, false}));
  EXPECT_EQ(values<bool>(eval1(make_node("IsInf", 1, {int_attr("detect_negative", 0)}), 10, {inf})),
            (std::vector<bool>{true, false, false}));
  EXPECT_EQ(values<bool>(eval1(make_node("IsNaN", 1), 9, {inf})),
            (std::vector<bool>{false, false, true}));
  // Gelu: approximate must be none or tanh.
  EXPECT_FALSE(
      evaluate_node(make_node("Gelu", 1, {string_attr("approximate", "fast")}), 20, {x}).is_ok());
  const float tanh_gelu =
      values<float>(eval1(make_node("Gelu", 1, {string_attr("approximate", "tanh")}), 20, {x}))[3];
  EXPECT_NEAR(tanh_gelu, 0.5 * 3 * (1 + std::tanh(std::sqrt(2 / M_PI) * (3 + 0.044715 * 27))),
              1e-6);
}

TEST(UnaryFamily, SoftmaxFamilyAxisPerOpset) {
  // [2, 2, 2]; opset 11 (axis 1): coerced to 2 rows of 4; opset 13: along the last axis.
  const Tensor x = Tensor::from_vector<float>({2, 2, 2}, {0, 1, 2, 3, 3, 2, 1, 0});
  EXPECT_EQ(values<float>(eval1(make_node("Hardmax", 1), 11, {x})),
            (std::vector<float>{0, 0, 0, 1, 1, 0, 0, 0}));
  EXPECT_EQ(values<float>(eval1(make_node("Hardmax", 1), 13, {x})),
            (std::vector<float>{0, 1, 0, 1, 1, 0, 1, 0}));
  const std::vector<float> ls13 = values<float>(eval1(make_node("LogSoftmax", 1), 13, {x}));
  const float l = std::log(1 + std::exp(-1.0f));
  EXPECT_NEAR(ls13[0], -1 - l, 1e-6);
  EXPECT_NEAR(ls13[1], -l, 1e-6);
  const std::vector<float> ls11 = values<float>(eval1(make_node("LogSoftmax", 1), 11, {x}));
  double sum = 0;
  for (int i = 0; i < 4; ++i) sum += std::exp(ls11[size_t(i)]);
  EXPECT_NEAR(sum, 1.0, 1e-6);  // one row of 4
  // float64 and float16 LogSoftmax agree with float32.
  const Tensor xd = Tensor::from_vector<double>({2, 2, 2}, {0, 1, 2, 3, 3, 2, 1, 0});
  EXPECT_NEAR(values<double>(eval1(make_node("LogSoftmax", 1), 13, {xd}))[0], -1 - l, 1e-6);
  const Tensor h =
      eval1(make_node("Hardmax", 1, {int_attr("axis", 0)}), 13, {sixteen_bit<BFloat16>({1, 5, 3})});
  EXPECT_EQ(as_floats<BFloat16>(h), (std::vector<float>{0, 1, 0}));
  EXPECT_FALSE(evaluate_node(make_node("LogSoftmax", 1, {int_attr("axis", 3)}), 13, {x}).is_ok());
}

TEST(UnaryFamily, UnsupportedTypesAreErrors) {
  const Tensor f = Tensor::from_vector<float>({1}, {1});
  const Tensor i = Tensor::from_vector<int32_t>({1}, {1});
  EXPECT_FALSE(evaluate_node(make_node("BitwiseNot", 1), 18, {f}).is_ok());
  EXPECT_FALSE(evaluate_node(make_node("IsNaN", 1), 13, {i}).is_ok());
  EXPECT_FALSE(evaluate_node(make_node("Exp", 1), 13, {i}).is_ok());
  EXPECT_FALSE(evaluate_node(make_node("Not", 1), 1, {f}).is_ok());
  // Clip opsets < 11 cannot bound integers (float attributes).
  EXPECT_FALSE(evaluate_node(make_node("Clip", 1), 6, {i}).is_ok());
  EXPECT_EQ(values<bool>(eval1(make_node("Not", 1), 1,
                               {Tensor::from_vector<bool>({2}, std::vector<bool>{true, false})})),
            (std::vector<bool>{false, true}));
}

}  // namespace
}  // namespace onyx::ops
