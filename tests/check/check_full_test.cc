// CheckOptions::full: strict inference after the structural rules; and `onyx check` end to end.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "check/check_test_util.h"

namespace onyx::testing {
namespace {

using namespace pb;

TEST(CheckFull, ValidModelStaysValid) {
  EXPECT_VALID(check_bytes(model(relu_graph()), true));
}

TEST(CheckFull, DeclaredDtypeConflict) {
  Graph g = relu_graph();
  g.outputs = {value_info("y", 7)};  // Relu of float declared int64
  EXPECT_VALID(check_bytes(model(g)));
  CheckReport r = check_bytes(model(g), true);
  EXPECT_CHECK_ERROR(r, "full.dtype_mismatch", "main: output 'y'");
}

TEST(CheckFull, DeclaredRankAndDimConflicts) {
  Graph g = relu_graph();
  g.outputs = {value_info("y", 1, {2, 1})};
  EXPECT_CHECK_ERROR(check_bytes(model(g), true), "full.rank_mismatch", "output 'y'");
  g.outputs = {value_info("y", 1, {3})};
  CheckReport r = check_bytes(model(g), true);
  EXPECT_CHECK_ERROR(r, "full.dim_mismatch", "output 'y'");
  EXPECT_NE(find_error(r, "full.dim_mismatch")->message.find("declared 3"), std::string::npos);
}

TEST(CheckFull, InferenceFailureIsReported) {
  Graph g;
  g.inputs = {value_info("a", 1, {2}), value_info("b", 1, {3})};
  g.outputs = {value_info("c", 1, {2})};
  g.nodes = {{"Add", {"a", "b"}, {"c"}, "add0"}};
  CheckReport r = check_bytes(model(g), true);
  EXPECT_CHECK_ERROR(r, "full.inference", "main");
  EXPECT_NE(find_error(r, "full.inference")->message.find("add0"), std::string::npos)
      << describe(r);
}

// `onyx check` output and exit codes (the binary is built next to this test).
std::string run_cli(const std::string& args, int* status) {
  const std::string cli = ONYX_BINARY_DIR "/tools/onyx";
  if (!std::filesystem::exists(cli)) return "";
  FILE* p = popen((cli + " check " + args + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  *status = WEXITSTATUS(pclose(p));
  return out;
}

TEST(CheckCli, TextJsonAndExitCodes) {
  if (!std::filesystem::exists(ONYX_BINARY_DIR "/tools/onyx")) GTEST_SKIP() << "onyx not built";
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(::testing::TempDir()) / "c1_check_cli";
  fs::create_directories(dir);
  { std::ofstream(dir / "good.onnx", std::ios::binary) << model(relu_graph()); }
  { std::ofstream(dir / "bad.onnx", std::ios::binary) << model(relu_graph(), 0); }
  int status = -1;
  std::string out = run_cli((dir / "good.onnx").string(), &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("good.onnx: valid"), std::string::npos) << out;
  out = run_cli((dir / "good.onnx").string() + " " + (dir / "bad.onnx").string(), &status);
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find("bad.onnx: invalid (1 error)"), std::string::npos) << out;
  EXPECT_NE(out.find("  error [model.ir_version_missing] model: "), std::string::npos) << out;
  out = run_cli("--json " + (dir / "bad.onnx").string() + " " + (dir / "none.onnx").string(),
                &status);
  EXPECT_EQ(status, 2) << out;
  EXPECT_NE(out.find("\"rule\":\"model.ir_version_missing\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"readable\":false"), std::string::npos) << out;
  run_cli("--bogus", &status);
  EXPECT_EQ(status, 2);
  fs::remove_all(dir);
}

TEST(CheckFull, IfBranchWithInputs) {
  Graph branch;
  branch.name = "then";
  branch.inputs = {value_info("extra")};
  branch.nodes = {{"Identity", {"x"}, {"t"}, "inner"}};
  branch.outputs = {value_info("t")};
  Graph g;
  g.inputs = {value_info("c", 9, {}), value_info("x")};
  g.outputs = {value_info("y")};
  g.nodes = {
      {"If",
       {"c"},
       {"y"},
       "cond_1",
       "",
       {attr_graph("then_branch", graph(branch)), attr_graph("else_branch", graph(branch))}}};
  EXPECT_VALID(check_bytes(model(g)));
  CheckReport r = check_bytes(model(g), true);
  EXPECT_CHECK_ERROR(r, "full.subgraph_signature", "main: node 0 'cond_1' (If)");
}

TEST(CheckFull, ImportLimitationIsAWarning) {
  Graph g = relu_graph();
  // A segmented initializer: valid ONNX that onyx does not import.
  g.initializers = {i(1, 1) + i(2, 1) + s(3, i(1, 0) + i(2, 1)) + f32(4, 1.f) + s(8, "seg")};
  CheckReport r = check_bytes(model(g), true);
  EXPECT_VALID(r);
  bool warned = false;
  for (const CheckIssue& issue : r.issues) warned |= issue.rule == "full.import_unsupported";
  EXPECT_TRUE(warned) << describe(r);
}

}  // namespace
}  // namespace onyx::testing
