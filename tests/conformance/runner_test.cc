// conformance_runner end to end on a generated suite: a passing test, an output mismatch and a
// folder without data; the known-failures list decides the exit status.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/run_command.h"

namespace fs = std::filesystem;

namespace {

using onyx::testing::CommandResult;
using onyx::testing::contains;

CommandResult run(const std::string& args) {
  return onyx::testing::run_command(std::string(CONFORMANCE_RUNNER_PATH) + " " + args);
}

class RunnerTest : public ::testing::Test {
 protected:
  // suite/test_pass: Identity with matching output; suite/test_mismatch: Identity whose expected
  // output differs by 0.5 at [1]; suite/test_nodata: model only (skipped).
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("onyx_runner_test_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "suite");
    std::string script = (dir_ / "make_suite.py").string();
    std::ofstream(script)
        << "import os, numpy as np, onnx\n"
           "from onnx import helper, TensorProto, numpy_helper\n"
           "root = '"
        << (dir_ / "suite").string()
        << "'\n"
           "x = helper.make_tensor_value_info('x', TensorProto.FLOAT, [3])\n"
           "y = helper.make_tensor_value_info('y', TensorProto.FLOAT, [3])\n"
           "g = helper.make_graph([helper.make_node('Identity', ['x'], ['y'])], 'g', [x], [y])\n"
           "m = helper.make_model(g, opset_imports=[helper.make_opsetid('', 13)])\n"
           "m.ir_version = 8\n"
           "a = np.array([1, 2, 3], np.float32)\n"
           "for name, expected in [('test_pass', a), ('test_mismatch', a + [0, 0.5, 0])]:\n"
           "    d = os.path.join(root, name, 'test_data_set_0')\n"
           "    os.makedirs(d)\n"
           "    onnx.save(m, os.path.join(root, name, 'model.onnx'))\n"
           "    for f, t in [('input_0.pb', a), ('output_0.pb', expected.astype(np.float32))]:\n"
           "        open(os.path.join(d, f), "
           "'wb').write(numpy_helper.from_array(t).SerializeToString())\n"
           "os.makedirs(os.path.join(root, 'test_nodata'))\n"
           "onnx.save(m, os.path.join(root, 'test_nodata', 'model.onnx'))\n";
    have_suite_ = access("/usr/bin/python3", X_OK) == 0 &&
                  std::system(("/usr/bin/python3 " + script).c_str()) == 0;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void SetUp() override {
    if (!have_suite_) GTEST_SKIP() << "needs /usr/bin/python3 with onnx and numpy";
  }
  static std::string list(const std::string& name, const std::string& contents) {
    fs::path p = dir_ / name;
    std::ofstream(p) << contents;
    return p.string();
  }
  static std::string suite_arg() { return "local=" + (dir_ / "suite").string(); }

  static fs::path dir_;
  static bool have_suite_;
};

fs::path RunnerTest::dir_;
bool RunnerTest::have_suite_ = false;

TEST_F(RunnerTest, UnlistedFailureFails) {
  CommandResult r = run("--known-failures " + list("empty.txt", "# nothing\n") + " " + suite_arg());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output,
                       "FAIL local/suite/test_mismatch: output 0 'y': max abs diff 0.5 "
                       "at [1] (expected 2.5, got 2); 1 of 3 elements differ"))
      << r.output;
  // The summary is the last line.
  EXPECT_TRUE(r.output.ends_with("\nlocal/suite: 1 passed, 1 failed, 1 skipped\n")) << r.output;
}

TEST_F(RunnerTest, ListedFailurePasses) {
  CommandResult r =
      run("--known-failures " + list("known.txt", "local/suite/test_mismatch  off by 0.5\n") + " " +
          suite_arg());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "known-fail local/suite/test_mismatch")) << r.output;
}

TEST_F(RunnerTest, ListedTestThatPassesFails) {
  CommandResult r =
      run("--known-failures " +
          list("stale.txt", "local/suite/test_mismatch  x\nlocal/suite/test_pass  y\n") + " " +
          suite_arg());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output, "NOW PASSES local/suite/test_pass")) << r.output;
}

TEST_F(RunnerTest, UpdateRewritesTheList) {
  std::string path =
      list("update.txt", "# header\nlocal/suite/test_pass  stale\nother/s/test_z  kept\n");
  CommandResult r = run("--update-known-failures " + path + " " + suite_arg());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text,
            "# header\n\nlocal/suite/test_mismatch  output 0 'y': max abs diff 0.5 at [1] "
            "(expected 2.5, got 2); 1 of 3 elements differ\nother/s/test_z  kept\n");
}

// A test whose input file is a FIFO without a writer blocks forever: the watchdog kills it and the
// suite goes on.
TEST_F(RunnerTest, HangBecomesTimeoutFailure) {
  fs::path hang = dir_ / "hang_suite" / "test_hang";
  fs::create_directories(hang / "test_data_set_0");
  fs::copy_file(dir_ / "suite" / "test_pass" / "model.onnx", hang / "model.onnx",
                fs::copy_options::overwrite_existing);
  fs::path fifo = hang / "test_data_set_0" / "input_0.pb";
  if (!fs::exists(fifo)) {
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  }
  CommandResult r = run("--timeout 1 local=" + (dir_ / "hang_suite").string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output, "FAIL local/hang_suite/test_hang: timeout (1 s)")) << r.output;
  EXPECT_TRUE(r.output.ends_with("local/hang_suite: 0 passed, 1 failed, 0 skipped\n")) << r.output;
}

TEST_F(RunnerTest, InputsAsConstantsFoldsTheInputsIntoTheModel) {
  CommandResult r =
      run("--inputs-as-constants --known-failures " + list("empty2.txt", "") + " " + suite_arg());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output,
                       "FAIL local/suite/test_mismatch: (inputs as constants) output 0: max abs "
                       "diff 0.5"))
      << r.output;
  EXPECT_TRUE(r.output.ends_with("\nlocal/suite: 1 passed, 1 failed, 1 skipped\n")) << r.output;
  // The list describes fed inputs: a listed test passing with constant inputs is not reported.
  r = run("--inputs-as-constants --known-failures " +
          list("both.txt", "local/suite/test_mismatch  x\nlocal/suite/test_pass  y\n") + " " +
          suite_arg());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(contains(r.output, "NOW PASSES")) << r.output;
  EXPECT_EQ(
      run("--inputs-as-constants --update-known-failures " + list("u.txt", "") + " " + suite_arg())
          .exit_code,
      2);  // the list's mode is fed inputs
}

TEST_F(RunnerTest, MissingSuiteIsSkippedOnlyWhenAsked) {
  const std::string missing = "local=" + (dir_ / "no_such_suite").string();
  EXPECT_EQ(run(missing).exit_code, 2);
  CommandResult r = run("--skip-missing " + missing);
  EXPECT_EQ(r.exit_code, 77) << r.output;  // ctest SKIP_RETURN_CODE
  EXPECT_TRUE(contains(r.output, "local/no_such_suite: skipped")) << r.output;
  // One present suite: its result decides.
  r = run("--skip-missing --known-failures " + list("k.txt", "local/suite/test_mismatch  x\n") +
          " " + missing + " " + suite_arg());
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(RunnerTest, BadCommandLine) {
  EXPECT_EQ(run("").exit_code, 2);
  EXPECT_EQ(run("--bogus " + suite_arg()).exit_code, 2);
  EXPECT_EQ(run("no_equals_sign").exit_code, 2);
}

}  // namespace
