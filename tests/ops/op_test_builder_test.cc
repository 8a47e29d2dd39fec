// The op-test builder itself (tests/common/op_test_builder.h): it must be able to fail, once per
// path (eager, folded, session, optimized session).
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "common/op_test_builder.h"

namespace onyx::testing {
namespace {

// The gtest failures `fn` records, each message on its own line; their count in *count.
std::string failures_of(const std::function<void()>& fn, int* count) {
  ::testing::TestPartResultArray results;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    fn();
  }
  std::string all;
  *count = results.size();
  for (int i = 0; i < results.size(); ++i)
    all += std::string(results.GetTestPartResult(i).message()) + "\n";
  return all;
}

// Every one of the builder's four paths reports a failure mentioning `what`.
void expect_fails_on_every_path(const std::function<void()>& fn, const std::string& what) {
  int n = 0;
  const std::string messages = failures_of(fn, &n);
  EXPECT_EQ(n, 4) << messages;
  for (const char* path : {"[eager]", "[folded]", "[session]", "[session (optimized)]"})
    EXPECT_NE(messages.find(path), std::string::npos) << path << "\n" << messages;
  EXPECT_NE(messages.find(what), std::string::npos) << messages;
}

TEST(OpTestBuilder, PassesOnEveryPath) {
  int n = 0;
  const std::string messages = failures_of(
      [] {
        OpTest("Add", 14)
            .input<float>({2}, {1, 2})
            .constant<float>({2}, {10, 20})
            .output<float>({2}, {11, 22})
            .run();
      },
      &n);
  EXPECT_EQ(n, 0) << messages;
}

TEST(OpTestBuilder, WrongValueFails) {
  expect_fails_on_every_path(
      [] {
        OpTest("Add", 14)
            .input<float>({2}, {1, 2})
            .input<float>({2}, {1, 1})
            .output<float>({2}, {2, 4})
            .run();
      },
      "element 1: got 3");
}

TEST(OpTestBuilder, WrongShapeAndDtypeFail) {
  expect_fails_on_every_path(
      [] {
        OpTest("Identity", 13).input<float>({2}, {1, 2}).output<float>({1, 2}, {1, 2}).run();
      },
      "shape [2], want [1, 2]");
  expect_fails_on_every_path(
      [] {
        OpTest("Identity", 13).input<int32_t>({2}, {1, 2}).output<int64_t>({2}, {1, 2}).run();
      },
      "want int64");
}

TEST(OpTestBuilder, ToleranceApplies) {
  OpTest("Identity", 13)
      .input<float>({1}, {1.0f})
      .output<float>({1}, {1.001f})
      .tolerance(1e-2, 0)
      .run();
  expect_fails_on_every_path(
      [] { OpTest("Identity", 13).input<float>({1}, {1.0f}).output<float>({1}, {1.001f}).run(); },
      "element 0");
}

TEST(OpTestBuilder, ExpectErrorFailsWhenTheOpSucceeds) {
  int n = 0;
  const std::string messages = failures_of(
      [] {
        OpTest("Identity", 13)
            .input<float>({1}, {1})
            .num_outputs(1)
            .expect_error(StatusCode::kInvalidGraph);
      },
      &n);
  EXPECT_EQ(n, 3) << messages;
  EXPECT_NE(messages.find("succeeded"), std::string::npos) << messages;
  OpTest("Concat", 13)
      .attr("axis", int64_t{2})
      .input<float>({1}, {1})
      .num_outputs(1)
      .expect_error(StatusCode::kInvalidGraph, "out of range");
}

TEST(OpTestBuilder, CompareTensors) {
  EXPECT_EQ(compare_tensors(Tensor::from_vector<std::string>({1}, {"a"}),
                            Tensor::from_vector<std::string>({1}, {"b"}), 0, 0),
            "element 0: got \"b\", want \"a\"");
  EXPECT_EQ(compare_tensors(Tensor::from_vector<float>({1}, {NAN}),
                            Tensor::from_vector<float>({1}, {NAN}), 0, 0),
            "");
  EXPECT_NE(compare_tensors(Tensor::from_vector<float>({1}, {NAN}),
                            Tensor::from_vector<float>({1}, {1}), 1, 1),
            "");
  EXPECT_NE(compare_tensors(Tensor::from_vector<int64_t>({1}, {1}),
                            Tensor::from_vector<int64_t>({1}, {2}), 1, 1),
            "");
}

}  // namespace
}  // namespace onyx::testing
