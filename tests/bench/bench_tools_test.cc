// `onyx bench --profile/--trace`, bench/run_all.py and bench/opt_levels.py on a tiny model
// (tests/bench/tiny_model.py). Structure only: timings are never compared. Skips when Debian's
// python (with onnx, numpy), the onyx binary, or node with bench/node_modules/onnxruntime-node is
// missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "common/run_command.h"

namespace onyx {
namespace {

using testing::contains;
using testing::run_command;

const std::string kSource = ONYX_SOURCE_DIR;
const std::string kOnyx = std::string(ONYX_BINARY_DIR) + "/tools/onyx";
const std::string kPython = "/usr/bin/python3";

bool have_python_onnx() {
  return run_command(kPython + " -c 'import onnx, numpy'").exit_code == 0;
}

// A fresh folder holding the tiny model and manifest; "" when it cannot be made.
std::string make_tiny_model(const std::string& tag) {
  const std::string dir =
      ::testing::TempDir() + "onyx_bench_" + tag + "_" + std::to_string(::getpid());
  auto r = run_command(kPython + " " + kSource + "/tests/bench/tiny_model.py " + dir);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return r.exit_code == 0 ? dir : "";
}

TEST(BenchProfile, TextReportAndTrace) {
  if (access(kOnyx.c_str(), X_OK) != 0) GTEST_SKIP() << kOnyx << " not built";
  if (!have_python_onnx()) GTEST_SKIP() << "needs " << kPython << " with onnx and numpy";
  const std::string dir = make_tiny_model("profile");
  ASSERT_FALSE(dir.empty());
  const std::string trace = dir + "/trace.json";
  auto r = run_command(kOnyx + " bench " + dir + "/tiny.onnx --batch 1 --threads 1 --warmup 2" +
                       " --runs 3 --profile --top 0 --trace " + trace);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "first run:")) << r.output;
  EXPECT_TRUE(contains(r.output, "per node (mean per run;")) << r.output;
  EXPECT_TRUE(contains(r.output, "matmul")) << r.output;
  EXPECT_TRUE(contains(r.output, "1x64")) << r.output;  // the MatMul's output shape
  EXPECT_TRUE(contains(r.output, "per op type:")) << r.output;
  // Conv 110592 + MatMul 262144 FLOPs, however the conv is fused.
  EXPECT_TRUE(contains(r.output, "0.0003727")) << r.output;
  EXPECT_TRUE(contains(r.output, "0.0002621")) << r.output;  // the MatMul alone
  auto check =
      run_command(kPython + " " + kSource + "/tests/bench/check_outputs.py trace " + trace);
  EXPECT_EQ(check.exit_code, 0) << check.output;

  auto json = run_command(kOnyx + " bench " + dir + "/tiny.onnx --batch 1 --threads 1 --warmup 1" +
                          " --runs 1 --profile --json");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  EXPECT_TRUE(contains(json.output, "\"gflop\": 0.000373")) << json.output;
  EXPECT_TRUE(contains(json.output, "\"first_run_ms\": ")) << json.output;
}

TEST(BenchProfile, BadTracePathIsAnError) {
  if (access(kOnyx.c_str(), X_OK) != 0) GTEST_SKIP() << kOnyx << " not built";
  if (!have_python_onnx()) GTEST_SKIP() << "needs " << kPython << " with onnx and numpy";
  const std::string dir = make_tiny_model("badtrace");
  ASSERT_FALSE(dir.empty());
  auto r = run_command(kOnyx + " bench " + dir + "/tiny.onnx --batch 1 --warmup 1 --runs 1" +
                       " --trace /nonexistent-dir/t.json");
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "/nonexistent-dir/t.json")) << r.output;
}

TEST(BenchOptLevels, NodeCountsAndRatiosOnTinyModel) {
  if (access(kOnyx.c_str(), X_OK) != 0) GTEST_SKIP() << kOnyx << " not built";
  if (!have_python_onnx()) GTEST_SKIP() << "needs " << kPython << " with onnx and numpy";
  const std::string dir = make_tiny_model("levels");
  ASSERT_FALSE(dir.empty());
  auto r = run_command(
      kPython + " " + kSource + "/bench/opt_levels.py --models tiny --models-dir " + dir +
      " --onyx " + kOnyx + " --rounds 2 --warmup 1 --runs 1 --ablate --out " + dir + "/levels.md");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Conv, Relu, Flatten, MatMul: basic keeps all four, extended fuses Conv+Relu.
  EXPECT_TRUE(contains(r.output, "| tiny | 4 | 4 | 3 | 3 | ")) << r.output;
  auto table = run_command("cat " + dir + "/levels.md");
  EXPECT_TRUE(contains(table.output,
                       "| model | nodes none | nodes basic | nodes extended | "
                       "nodes all | ms none |"))
      << table.output;
  EXPECT_TRUE(contains(table.output, "| tiny | 4 | 4 | 3 | 3 | ")) << table.output;
  // --ablate: the one pass that changes the model at level all, timed without it.
  EXPECT_TRUE(contains(table.output, "| model | pass disabled | ms all | ms without the pass |"))
      << table.output;
  EXPECT_TRUE(contains(table.output, "| tiny | fuse_conv_activation | ")) << table.output;
}

TEST(BenchRunAll, TableAndJsonOnTinyModel) {
  if (access(kOnyx.c_str(), X_OK) != 0) GTEST_SKIP() << kOnyx << " not built";
  if (!have_python_onnx()) GTEST_SKIP() << "needs " << kPython << " with onnx and numpy";
  if (run_command("node -e 'require(\"" + kSource + "/bench/node_modules/onnxruntime-node\")'")
          .exit_code != 0)
    GTEST_SKIP() << "needs node and bench/node_modules/onnxruntime-node";
  const std::string dir = make_tiny_model("run_all");
  ASSERT_FALSE(dir.empty());
  auto r = run_command(kPython + " " + kSource + "/bench/run_all.py --models tiny --models-dir " +
                       dir + " --runtimes onyx,onnxruntime --threads 1 --rounds 1 --warmup 1" +
                       " --runs 2 --onyx " + kOnyx + " --out " + dir + "/out");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto check = run_command(kPython + " " + kSource + "/tests/bench/check_outputs.py results " +
                           dir + "/out onyx,onnxruntime");
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

}  // namespace
}  // namespace onyx
