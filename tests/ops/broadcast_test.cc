#include "ops/common/broadcast.h"

#include <gtest/gtest.h>

namespace onyx::ops {
namespace {

Shape bc(const Shape& a, const Shape& b) {
  Result<Shape> r = broadcast_dims(a, b);
  EXPECT_TRUE(r.is_ok()) << r.status().to_string();
  return r.is_ok() ? r.value() : Shape{};
}

TEST(Broadcast, FixedDims) {
  EXPECT_EQ(bc({2, 3, 4}, {2, 3, 4}), (Shape{2, 3, 4}));
  EXPECT_EQ(bc({2, 3, 4}, {}), (Shape{2, 3, 4}));
  EXPECT_EQ(bc({}, {}), (Shape{}));
  EXPECT_EQ(bc({4, 1}, {1, 5}), (Shape{4, 5}));
  EXPECT_EQ(bc({8, 1, 6, 1}, {7, 1, 5}), (Shape{8, 7, 6, 5}));
  EXPECT_EQ(bc({0, 3}, {1, 3}), (Shape{0, 3}));
  EXPECT_EQ(bc({0}, {1}), (Shape{0}));
}

TEST(Broadcast, SymbolicAndUnknownDims) {
  const int64_t N = -2, M = -3, U = kUnknownDim;
  EXPECT_EQ(bc({N, 3}, {3}), (Shape{N, 3}));
  EXPECT_EQ(bc({N, 3}, {N, 1}), (Shape{N, 3}));
  EXPECT_EQ(bc({N}, {1}), (Shape{N}));
  EXPECT_EQ(bc({N}, {5}), (Shape{5}));  // N must be 1 or 5: result 5
  EXPECT_EQ(bc({4}, {U}), (Shape{4}));
  EXPECT_EQ(bc({N}, {M}), (Shape{U}));  // could be N, M or either when the other is 1
  EXPECT_EQ(bc({N}, {U}), (Shape{U}));
  EXPECT_EQ(bc({U, 2}, {U, 2}), (Shape{U, 2}));
  EXPECT_EQ(bc({1, M}, {N, 1}), (Shape{N, M}));
}

TEST(Broadcast, IncompatibleNamesBothShapes) {
  Result<Shape> r = broadcast_dims({2, 3}, {-2, 4});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidGraph);
  EXPECT_NE(r.status().message().find("[2, 3]"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("[s2, 4]"), std::string::npos) << r.status().message();
}

TEST(Broadcast, ManyShapes) {
  const std::vector<Shape> shapes = {{3, 1}, {1, 4}, {2, 1, 1}};
  Result<Shape> r = broadcast_dims(shapes);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value(), (Shape{2, 3, 4}));
  const std::vector<Shape> bad = {{3, 1}, {1, 4}, {5}};
  EXPECT_FALSE(broadcast_dims(bad).is_ok());
  EXPECT_EQ(dims_to_string({1, kUnknownDim, -7}), "[1, ?, s7]");
}

}  // namespace
}  // namespace onyx::ops
