// Shapes a model or its inputs make impossibly large are errors with a message, never a
// wrapped-around size, a null arena or an abort: at plan time when the shape is static, at run time
// when it is data dependent or the allocation fails (see base/checked_size.h).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "base/checked_size.h"
#include "common/model_builder.h"

namespace onyx {
namespace {

using testing::ModelBuilder;

Tensor i64(std::vector<int64_t> v) {
  return Tensor::from_vector<int64_t>({static_cast<int64_t>(v.size())}, v);
}

// y = Relu(Expand(x, shape)) with `shape` a constant: the output's static shape is `dims`.
Result<std::vector<Tensor>> run_expand_to(std::vector<int64_t> dims) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1});
  b.initializer("shape", i64(dims));
  b.node("Expand", {"x", "shape"}, {"e"}, "expand");
  b.node("Relu", {"e"}, {"y"}, "relu");
  b.output("y", DType::kFloat32);
  auto session = b.session();
  if (!session.is_ok()) return session.status();
  return session.value().run({{"x", Tensor::from_vector<float>({1}, {1.0f})}});
}

TEST(HugeShapes, CheckedSizesRefuseNegativeDimsAndOverflow) {
  EXPECT_EQ(checked_numel({}), 1);
  EXPECT_EQ(checked_numel({2, 0, 3}), 0);
  EXPECT_EQ(checked_nbytes(DType::kFloat32, {2, 3}), 24);
  EXPECT_FALSE(checked_numel({2, -1}));
  EXPECT_FALSE(checked_numel({int64_t{1} << 32, int64_t{1} << 32}));
  EXPECT_TRUE(checked_numel({int64_t{1} << 31, int64_t{1} << 31}));
  EXPECT_FALSE(checked_nbytes(DType::kFloat64, {int64_t{1} << 61}));
  EXPECT_THROW(Tensor::empty(DType::kFloat32, {int64_t{1} << 32, int64_t{1} << 32}),
               std::length_error);
  EXPECT_THROW(Tensor::empty(DType::kFloat32, {-3}), std::length_error);
}

TEST(HugeShapes, StaticShapeOverflowingInt64IsAPlanError) {
  auto r = run_expand_to({int64_t{1} << 32, int64_t{1} << 32});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kRuntimeException);
  EXPECT_NE(r.status().message().find("'expand'"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("more bytes than any allocation"), std::string::npos)
      << r.status().message();
}

TEST(HugeShapes, ArenaThatCannotBeAllocatedIsARunError) {
  // 2^40 floats = 4 TiB: fits every counter, but no allocator gives it.
  auto r = run_expand_to({int64_t{1} << 40});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kRuntimeException);
  EXPECT_NE(r.status().message().find("out of memory"), std::string::npos) << r.status().message();
}

TEST(HugeShapes, ModestShapeStillRuns) {
  auto r = run_expand_to({3, 2});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r.value()[0].shape(), (Shape{3, 2}));
  EXPECT_EQ(r.value()[0].data<float>()[5], 1.0f);
}

}  // namespace
}  // namespace onyx
