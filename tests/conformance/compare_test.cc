// The conformance comparison rules (ONNX backend runner: rtol 1e-3, atol 1e-7) and the
// known-failures file format.
#include "compare.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "known_failures.h"

namespace {

using onyx::DType;
using onyx::Tensor;
using onyx::conformance::compare_tensors;

TEST(ConformanceCompare, FloatTolerance) {
  Tensor e = Tensor::from_vector<float>({2, 2}, {1, 2, 1000, 0});
  EXPECT_EQ(compare_tensors(e, e.clone()), "");
  // within rtol * |expected| + atol
  EXPECT_EQ(compare_tensors(e, Tensor::from_vector<float>({2, 2}, {1.0009f, 2, 1000.9f, 0})), "");
  std::string r = compare_tensors(e, Tensor::from_vector<float>({2, 2}, {1, 2, 1000, 0.3f}));
  EXPECT_NE(r.find("max abs diff 0.3"), std::string::npos) << r;
  EXPECT_NE(r.find("at [1, 1]"), std::string::npos) << r;
  EXPECT_NE(r.find("1 of 4 elements differ"), std::string::npos) << r;
  // atol 1e-7 only: zero expected, 1e-6 actual fails
  EXPECT_NE(compare_tensors(Tensor::scalar<float>(0), Tensor::scalar<float>(1e-6f)), "");
}

TEST(ConformanceCompare, NanAndInf) {
  const float nan = std::nanf(""), inf = INFINITY;
  Tensor e = Tensor::from_vector<float>({3}, {nan, inf, -inf});
  EXPECT_EQ(compare_tensors(e, Tensor::from_vector<float>({3}, {nan, inf, -inf})), "");
  EXPECT_NE(compare_tensors(e, Tensor::from_vector<float>({3}, {0, inf, -inf})), "");
  EXPECT_NE(compare_tensors(e, Tensor::from_vector<float>({3}, {nan, -inf, -inf})), "");
  EXPECT_NE(compare_tensors(e, Tensor::from_vector<float>({3}, {nan, 3e38f, -inf})), "");
}

TEST(ConformanceCompare, DTypeShapeAndExactTypes) {
  Tensor i = Tensor::from_vector<int64_t>({3}, {1, 2, 3});
  EXPECT_EQ(compare_tensors(i, i.clone()), "");
  std::string r = compare_tensors(i, Tensor::from_vector<int64_t>({3}, {1, 2, 4}));
  EXPECT_NE(r.find("first mismatch at [2] (expected 3, got 4)"), std::string::npos) << r;
  r = compare_tensors(i, Tensor::from_vector<int32_t>({3}, {1, 2, 3}));
  EXPECT_EQ(r, "dtype int32, expected int64");
  r = compare_tensors(i, Tensor::from_vector<int64_t>({1, 3}, {1, 2, 3}));
  EXPECT_EQ(r, "shape [1, 3], expected [3]");
  Tensor b = Tensor::from_vector<bool>({2}, {true, false});
  EXPECT_NE(compare_tensors(b, Tensor::from_vector<bool>({2}, {true, true})), "");
  Tensor s = Tensor::from_vector<std::string>({2}, {"a", "b"});
  EXPECT_EQ(compare_tensors(s, Tensor::from_vector<std::string>({2}, {"a", "b"})), "");
  EXPECT_NE(compare_tensors(s, Tensor::from_vector<std::string>({2}, {"a", "c"})), "");
  EXPECT_EQ(compare_tensors(i, Tensor()), "output is undefined");
}

TEST(KnownFailures, ReadMergeWrite) {
  namespace fs = std::filesystem;
  fs::path p = fs::temp_directory_path() / ("onyx_known_" + std::to_string(getpid()) + ".txt");
  std::ofstream(p) << "# header\n#   more\n\nonnx123/node/test_b  reason b\n"
                      "onnx112/node/test_a  reason  a\n";
  auto list = onyx::conformance::read_known_failures(p.string());
  ASSERT_TRUE(list.is_ok()) << list.status().message();
  EXPECT_EQ(list->header.size(), 2u);
  EXPECT_EQ(list->tests.at("onnx112/node/test_a"), "reason  a");
  // Rewriting onnx123/node keeps onnx112 entries and replaces onnx123/node's.
  ASSERT_TRUE(onyx::conformance::write_known_failures(p.string(), *list, {"onnx123/node"},
                                                      {{"onnx123/node/test_c", "new"}})
                  .is_ok());
  std::ifstream in(p);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text,
            "# header\n#   more\n\nonnx112/node/test_a  reason  a\nonnx123/node/test_c  new\n");
  std::ofstream(p) << "bad_line_without_suite reason\n";
  EXPECT_FALSE(onyx::conformance::read_known_failures(p.string()).is_ok());
  fs::remove(p);
}

}  // namespace
