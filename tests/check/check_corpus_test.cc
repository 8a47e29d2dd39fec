// Every model of the ONNX backend test suites is valid by construction: the checker must accept
// each one (no errors). Skips when the suites are not installed.
#include <filesystem>

#include "check/check_test_util.h"

namespace onyx::testing {
namespace {

namespace fs = std::filesystem;

void check_tree(const fs::path& root) {
  if (!fs::is_directory(root)) GTEST_SKIP() << root << " is missing";
  size_t checked = 0;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(root)) {
    if (e.path().filename() != "model.onnx") continue;
    Result<CheckReport> r = check_model_file(e.path().string());
    ASSERT_TRUE(r.is_ok()) << e.path() << ": " << r.status().message();
    EXPECT_TRUE(r->valid()) << e.path() << ":\n" << describe(r.value());
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

TEST(CheckCorpus, OnnxBackendNodeTests) {
  check_tree(ONYX_SOURCE_DIR "/../shared/onnx-tests/node");
}
TEST(CheckCorpus, OnnxBackendOtherSuites) {
  for (const char* suite : {"simple", "pytorch-converted", "pytorch-operator"})
    check_tree(fs::path(ONYX_SOURCE_DIR "/../shared/onnx-tests") / suite);
}
TEST(CheckCorpus, DebianTestData) {
  check_tree("/usr/share/libonnx-testdata/data");
}

}  // namespace
}  // namespace onyx::testing
