#include "onyx/tensor.hpp"

#include <gtest/gtest.h>

#include "onyx/status.hpp"

namespace onyx {
namespace {

TEST(Tensor, EmptyIsZeroedAndAligned) {
  Tensor t = Tensor::empty(DType::kFloat32, {3, 5});
  EXPECT_EQ(t.numel(), 15);
  EXPECT_EQ(t.nbytes(), 60u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t.raw_data()) % Tensor::kAlignment, 0u);
  for (int i = 0; i < 15; ++i) EXPECT_EQ(t.data<float>()[i], 0.0f);
}

TEST(Tensor, CopiesShareStorageCloneDoesNot) {
  Tensor a = Tensor::from_vector<int64_t>({2}, {1, 2});
  Tensor b = a;
  Tensor c = a.clone();
  b.data<int64_t>()[0] = 7;
  EXPECT_EQ(a.data<int64_t>()[0], 7);
  EXPECT_EQ(c.data<int64_t>()[0], 1);
}

TEST(Tensor, StringsAreObjects) {
  Tensor s = Tensor::from_vector<std::string>({2}, {"a", std::string(100, 'x')});
  Tensor c = s.clone();
  EXPECT_EQ(c.data<std::string>()[1].size(), 100u);
  EXPECT_EQ(c.data<std::string>()[0], "a");
}

TEST(Tensor, ZeroSizedAndScalar) {
  Tensor z = Tensor::empty(DType::kFloat32, {0, 4});
  EXPECT_EQ(z.numel(), 0);
  Tensor s = Tensor::scalar<float>(2.5f);
  EXPECT_EQ(s.rank(), 0);
  EXPECT_EQ(s.numel(), 1);
  EXPECT_EQ(s.data<float>()[0], 2.5f);
  EXPECT_EQ(shape_to_string({1, 3}), "[1, 3]");
}

TEST(Status, CarriesCodeAndContext) {
  Status st(StatusCode::kInvalidArgument, "bad");
  EXPECT_FALSE(st.is_ok());
  EXPECT_EQ(st.with_context("input 'x'").to_string(), "InvalidArgument: input 'x': bad");
  Result<int> r = st;
  EXPECT_FALSE(r.is_ok());
  Result<int> v = 3;
  EXPECT_EQ(*v, 3);
}

}  // namespace
}  // namespace onyx
