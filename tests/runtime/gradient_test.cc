// ai.onnx.preview.training Gradient: session creation attaches the forward graph
// (ir/gradient_graph.h) and the op back-propagates through it. Cases the two ONNX `simple` tests
// miss: broadcasting (a gradient summed back to a smaller input), Div, Neg, inputs held constant
// (zs), an x that y does not depend on, values captured from the graph (initializers), and an op it
// cannot differentiate.
#include <gtest/gtest.h>

#include <string>

#include "common/model_builder.h"

namespace onyx {
namespace {

using testing::ModelBuilder;

Tensor f32(Shape shape, std::vector<float> v) {
  return Tensor::from_vector<float>(std::move(shape), v);
}

ir::Attribute strings_attr(const std::string& name, std::vector<std::string> v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kStrings;
  a.strings = std::move(v);
  return a;
}

ir::Attribute string_attr(const std::string& name, const std::string& v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kString;
  a.s = v;
  return a;
}

// y = x * v / z - (-x) * s   with v [3] broadcast over x [2, 3], s an initializer.
// Gradient of y w.r.t. xs = (x, v, u), zs = (z).
ModelBuilder model(const std::string& extra_op = "") {
  ModelBuilder b(13);
  b.model().opset_imports.push_back({"ai.onnx.preview.training", 1});
  b.input("x", DType::kFloat32, {2, 3});
  b.input("v", DType::kFloat32, {3});
  b.input("u", DType::kFloat32, {1});
  b.input("z", DType::kFloat32, {2, 3});
  b.initializer("s", f32({1}, {2.0f}));
  b.node("Mul", {"x", "v"}, {"c"}, "mul");
  b.node("Div", {"c", "z"}, {"d"}, "div");
  b.node("Neg", {"x"}, {"n"}, "neg");
  b.node("Mul", {"n", "s"}, {"ns"}, "scale");
  b.node(extra_op.empty() ? "Sub" : extra_op, {"d", "ns"}, {"y"}, "sub");
  ir::Node& g = b.node("Gradient", {"x", "v", "u", "z"}, {"gx", "gv", "gu"}, "grad");
  g.domain = "ai.onnx.preview.training";
  g.attributes.push_back(strings_attr("xs", {"x", "v", "u"}));
  g.attributes.push_back(strings_attr("zs", {"z"}));
  g.attributes.push_back(string_attr("y", "y"));
  b.output("y", DType::kFloat32);
  b.output("gx", DType::kFloat32);
  b.output("gv", DType::kFloat32);
  b.output("gu", DType::kFloat32);
  return b;
}

TEST(Gradient, BroadcastDivNegCapturesAndUnreachedInputs) {
  const Tensor x = f32({2, 3}, {1, 2, 3, 4, 5, 6});
  const Tensor v = f32({3}, {0.5f, -1, 2});
  const Tensor u = f32({1}, {7});
  const Tensor z = f32({2, 3}, {2, 4, 8, -1, 0.5f, 4});
  auto session = model().session();
  ASSERT_TRUE(session.is_ok()) << session.status().to_string();
  auto out = session->run({{"x", x}, {"v", v}, {"u", u}, {"z", z}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  const Tensor &gx = out.value()[1], &gv = out.value()[2], &gu = out.value()[3];
  ASSERT_EQ(gx.shape(), (Shape{2, 3}));
  ASSERT_EQ(gv.shape(), (Shape{3}));
  ASSERT_EQ(gu.shape(), (Shape{1}));
  // y = x v / z + 2 x:  dy/dx = v / z + 2,  dy/dv_j = sum_i x_ij / z_ij,  dy/du = 0.
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) {
      const int k = i * 3 + j;
      EXPECT_FLOAT_EQ(gx.data<float>()[k], v.data<float>()[j] / z.data<float>()[k] + 2.0f) << k;
    }
  for (int j = 0; j < 3; ++j)
    EXPECT_FLOAT_EQ(gv.data<float>()[j], x.data<float>()[j] / z.data<float>()[j] +
                                             x.data<float>()[3 + j] / z.data<float>()[3 + j]);
  EXPECT_EQ(gu.data<float>()[0], 0.0f);
}

TEST(Gradient, OpItCannotDifferentiateIsNotImplementedNamingIt) {
  auto session = model("Max").session();
  ASSERT_FALSE(session.is_ok());
  EXPECT_EQ(session.status().code(), StatusCode::kNotImplemented);
  EXPECT_NE(session.status().message().find("Max 'sub'"), std::string::npos)
      << session.status().message();
}

}  // namespace
}  // namespace onyx
