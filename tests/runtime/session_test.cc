#include "onyx/session.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "common/model_builder.h"

namespace onyx {
namespace {

using testing::ModelBuilder;

Tensor iota(Shape shape) {
  Tensor t = Tensor::empty(DType::kFloat32, std::move(shape));
  for (int64_t i = 0; i < t.numel(); ++i) t.data<float>()[i] = static_cast<float>(i);
  return t;
}

// y = Transpose(x, perm=[1,0]) on a [batch, 3] input.
ModelBuilder transpose_model() {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, 3}, {"batch_size", ""});
  b.node("Transpose", {"x"}, {"y"}, "t").attributes.push_back(ModelBuilder::ints("perm", {1, 0}));
  b.output("y", DType::kFloat32);
  return b;
}

TEST(Session, MetadataShowsSymbolicDims) {
  Session s = transpose_model().session().value();
  ASSERT_EQ(s.inputs().size(), 1u);
  const ValueMeta& in = s.inputs()[0];
  EXPECT_EQ(in.name, "x");
  EXPECT_EQ(in.dtype, DType::kFloat32);
  EXPECT_EQ(in.type_string, "tensor(float)");
  EXPECT_EQ(in.shape, (std::vector<int64_t>{-1, 3}));
  EXPECT_EQ(in.dim_names[0], "batch_size");
  EXPECT_EQ(s.outputs()[0].name, "y");
  EXPECT_EQ(s.metadata().producer_name, "onyx-tests");
  EXPECT_EQ(s.metadata().graph_name, "test_graph");
}

TEST(Session, DynamicBatchRunsEveryShape) {
  Session s = transpose_model().session(Options().threads(2)).value();
  for (int64_t batch : {1, 3, 7, 1, 3}) {
    auto out = s.run({{"x", iota({batch, 3})}});
    ASSERT_TRUE(out.is_ok()) << out.status().to_string();
    const Tensor& y = out.value()[0];
    ASSERT_EQ(y.shape(), (Shape{3, batch}));
    for (int64_t i = 0; i < batch; ++i)
      for (int64_t j = 0; j < 3; ++j) EXPECT_EQ(y.data<float>()[j * batch + i], i * 3 + j);
  }
}

TEST(Session, InputErrorsNameTheInput) {
  Session s = transpose_model().session().value();
  auto bad_name = s.run({{"nope", iota({1, 3})}});
  ASSERT_FALSE(bad_name.is_ok());
  EXPECT_EQ(bad_name.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_name.status().message().find("'nope'"), std::string::npos);
  EXPECT_NE(bad_name.status().message().find("'x'"), std::string::npos);

  auto missing = s.run({});
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("missing input 'x'"), std::string::npos);

  Tensor ints = Tensor::empty(DType::kInt64, {1, 3});
  auto dtype = s.run({{"x", ints}});
  ASSERT_FALSE(dtype.is_ok());
  EXPECT_NE(dtype.status().message().find("expected element type float, got int64"),
            std::string::npos);

  auto rank = s.run({{"x", iota({3})}});
  ASSERT_FALSE(rank.is_ok());
  EXPECT_NE(rank.status().message().find("expected rank 2 [batch_size, 3]"), std::string::npos);

  auto dim = s.run({{"x", iota({2, 4})}});
  ASSERT_FALSE(dim.is_ok());
  EXPECT_NE(dim.status().message().find("dim 1 must be 3"), std::string::npos);

  auto out_name = s.run({{"x", iota({1, 3})}}, {"zzz"});
  ASSERT_FALSE(out_name.is_ok());
  EXPECT_NE(out_name.status().message().find("'zzz'"), std::string::npos);
}

// Reshape(x, Concat(Gather(Shape(x), 0), [-1])) : the shape chain folds at plan time.
TEST(Session, ShapeChainFoldsAndReshapes) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {-1, 2, 3}, {"n", "", ""});
  b.initializer("zero", Tensor::scalar<int64_t>(0));
  b.initializer("minus_one", Tensor::from_vector<int64_t>({1}, {-1}));
  b.initializer("axes0", Tensor::from_vector<int64_t>({1}, {0}));
  b.node("Shape", {"x"}, {"s"});
  b.node("Gather", {"s", "zero"}, {"n0"});
  b.node("Unsqueeze", {"n0", "axes0"}, {"n1"});
  b.node("Concat", {"n1", "minus_one"}, {"target"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 0));
  b.node("Reshape", {"x", "target"}, {"y"});
  b.output("y", DType::kFloat32);
  Session s = b.session().value();
  auto out = s.run({{"x", iota({4, 2, 3})}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ(out.value()[0].shape(), (Shape{4, 6}));
  EXPECT_EQ(out.value()[0].data<float>()[23], 23.0f);
}

TEST(Session, ConcurrentRunsAreIndependent) {
  Session s = transpose_model().session(Options().threads(2)).value();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 50; ++rep) {
        int64_t batch = 1 + (t + rep) % 5;
        Tensor x = iota({batch, 3});
        auto out = s.run({{"x", x}});
        if (!out.is_ok() || out.value()[0].shape() != Shape{3, batch} ||
            out.value()[0].data<float>()[batch] != 1.0f)
          ++failures;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(Session, UnsupportedOperatorFailsAtLoad) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2});
  b.node("FancyNewOp", {"x"}, {"y"}, "fancy");
  b.output("y", DType::kFloat32);
  auto s = b.session();
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotImplemented);
  EXPECT_NE(s.status().message().find("FancyNewOp"), std::string::npos);
}

TEST(Session, MissingFileAndCorruptBytes) {
  auto s = Session::load("/nonexistent/model.onnx");
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNoSuchFile);
  std::string junk = "\x0a\xff\xff\xff\xff\x0f garbage";
  auto c = Session::load_bytes(junk.data(), junk.size());
  ASSERT_FALSE(c.is_ok());
}

TEST(Session, InitializerBackedInputIsOptional) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2});
  b.input("shape", DType::kInt64, {2});
  b.initializer("shape", Tensor::from_vector<int64_t>({2}, {2, 1}));
  b.node("Reshape", {"x", "shape"}, {"y"});
  b.output("y", DType::kFloat32);
  Session s = b.session().value();
  ASSERT_EQ(s.inputs().size(), 1u);  // onnxruntime lists only required inputs
  auto out = s.run({{"x", iota({2})}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ(out.value()[0].shape(), (Shape{2, 1}));
  auto fed = s.run({{"x", iota({2})}, {"shape", Tensor::from_vector<int64_t>({2}, {1, 2})}});
  ASSERT_TRUE(fed.is_ok()) << fed.status().to_string();
  EXPECT_EQ(fed.value()[0].shape(), (Shape{1, 2}));
}

}  // namespace
}  // namespace onyx
