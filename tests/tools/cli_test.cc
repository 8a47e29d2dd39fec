// End-to-end tests of the `onyx` executable (ONYX_CLI_PATH): info, run with .npy round trip,
// bench --json, and the error paths (exit status and message).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/run_command.h"
#include "import/npy.h"

namespace fs = std::filesystem;
using onyx::Tensor;

namespace {

constexpr const char* kPython = "/usr/bin/python3";

using onyx::testing::CommandResult;
using onyx::testing::contains;

CommandResult run_cli(const std::string& args) {
  return onyx::testing::run_command(std::string(ONYX_CLI_PATH) + " " + args);
}

class CliTest : public ::testing::Test {
 protected:
  // A model with a symbolic batch dim, an initializer and an output name that is not a valid
  // file name:  x [batch_size, 3] --Transpose--> "y/t:0" [3, batch_size]
  //             Concat(x, w[2, 3], axis 0) --> "cat" [batch_size + 2, 3]
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("onyx_cli_test_" + std::to_string(getpid()));
    fs::create_directories(dir_);
    model_ = (dir_ / "small.onnx").string();
    std::string script = (dir_ / "make_model.py").string();
    std::ofstream(script)
        << "import numpy as np, onnx\n"
           "from onnx import helper, TensorProto, numpy_helper\n"
           "x = helper.make_tensor_value_info('x', TensorProto.FLOAT, ['batch_size', 3])\n"
           "y = helper.make_tensor_value_info('y/t:0', TensorProto.FLOAT, [3, 'batch_size'])\n"
           "cat = helper.make_tensor_value_info('cat', TensorProto.FLOAT, [None, 3])\n"
           "w = numpy_helper.from_array(np.arange(6, dtype=np.float32).reshape(2, 3), 'w')\n"
           "nodes = [helper.make_node('Transpose', ['x'], ['y/t:0'], perm=[1, 0]),\n"
           "         helper.make_node('Concat', ['x', 'w'], ['cat'], axis=0)]\n"
           "g = helper.make_graph(nodes, 'small', [x], [y, cat], [w])\n"
           "m = helper.make_model(g, producer_name='cli_test', "
           "opset_imports=[helper.make_opsetid('', 13)])\n"
           "m.ir_version = 8\n"
           "onnx.checker.check_model(m)\n"
           "onnx.save(m, '"
        << model_ << "')\n";
    have_model_ = access(kPython, X_OK) == 0 &&
                  std::system((std::string(kPython) + " " + script).c_str()) == 0;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void SetUp() override {
    if (!have_model_) GTEST_SKIP() << "needs /usr/bin/python3 with onnx and numpy";
  }

  static fs::path dir_;
  static std::string model_;
  static bool have_model_;
};

fs::path CliTest::dir_;
std::string CliTest::model_;
bool CliTest::have_model_ = false;

TEST(Cli, VersionHelpAndUnknownCommand) {
  CommandResult v = run_cli("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_TRUE(contains(v.output, "onyx 0.")) << v.output;
  CommandResult h = run_cli("help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_TRUE(contains(h.output, "usage: onyx")) << h.output;
  CommandResult u = run_cli("frobnicate");
  EXPECT_EQ(u.exit_code, 2);
  EXPECT_TRUE(contains(u.output, "unknown command 'frobnicate'")) << u.output;
  EXPECT_TRUE(contains(u.output, "usage: onyx")) << u.output;
  CommandResult none = run_cli("");
  EXPECT_EQ(none.exit_code, 2);
}

TEST(Cli, InfoOnOnnxTestModel) {
  fs::path relu = fs::path(ONYX_SOURCE_DIR) / "../shared/onnx-tests/node/test_relu/model.onnx";
  if (!fs::exists(relu)) GTEST_SKIP() << relu << " not present";
  CommandResult r = run_cli("info " + relu.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "Relu  1")) << r.output;
  EXPECT_TRUE(contains(r.output, "x  float32 [3, 4, 5]")) << r.output;
}

TEST_F(CliTest, InfoText) {
  CommandResult r = run_cli("info " + model_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "IR version:  8")) << r.output;
  EXPECT_TRUE(contains(r.output, "producer:    cli_test")) << r.output;
  EXPECT_TRUE(contains(r.output, "opsets:      ai.onnx 13")) << r.output;
  EXPECT_TRUE(contains(r.output, "Inputs (1):\n  x  float32 [batch_size, 3]\n")) << r.output;
  EXPECT_TRUE(contains(r.output, "y/t:0  float32 [3, batch_size]")) << r.output;
  EXPECT_TRUE(contains(r.output, "cat    float32 [?, 3]")) << r.output;
  EXPECT_TRUE(contains(r.output, "Parameters: 6 (24 B) in 1 initializers")) << r.output;
  EXPECT_TRUE(contains(r.output, "Nodes: 2")) << r.output;
  EXPECT_TRUE(contains(r.output, "Transpose  1")) << r.output;
}

TEST_F(CliTest, InfoJsonParses) {
  fs::path out = dir_ / "info.json";
  CommandResult r = run_cli("info --json " + model_ + " > " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string check = std::string(kPython) + " -c \"import json; d = json.load(open('" +
                      out.string() +
                      "')); assert d['parameter_count'] == 6 and d['node_count'] == 2, d; "
                      "assert d['inputs'][0]['shape'] == '[batch_size, 3]', d; "
                      "assert d['opset_imports'] == {'ai.onnx': 13}, d\"";
  EXPECT_EQ(std::system(check.c_str()), 0);
}

TEST_F(CliTest, RunRoundTripThroughNpy) {
  fs::path in = dir_ / "x.npy";
  ASSERT_TRUE(onyx::import::write_npy_file(Tensor::from_vector<float>({2, 3}, {1, 2, 3, 4, 5, 6}),
                                           in.string())
                  .is_ok());
  fs::path out_dir = dir_ / "out";
  CommandResult r = run_cli("run " + model_ + " -i x=" + in.string() + " -o " + out_dir.string() +
                            " --threads 1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "y/t:0  float32 [3, 2]")) << r.output;
  EXPECT_TRUE(contains(r.output, "cat  float32 [4, 3]")) << r.output;

  auto y = onyx::import::read_npy_file((out_dir / "y_t_0.npy").string());
  ASSERT_TRUE(y.is_ok()) << y.status().message();
  ASSERT_EQ(y->shape(), (onyx::Shape{3, 2}));
  const float expected_y[] = {1, 4, 2, 5, 3, 6};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(y->data<float>()[i], expected_y[i]);
  auto cat = onyx::import::read_npy_file((out_dir / "cat.npy").string());
  ASSERT_TRUE(cat.is_ok()) << cat.status().message();
  ASSERT_EQ(cat->shape(), (onyx::Shape{4, 3}));
  for (int i = 0; i < 12; ++i) EXPECT_EQ(cat->data<float>()[i], i < 6 ? i + 1 : i - 6);

  // A one-input model also takes the file without a name.
  CommandResult unnamed = run_cli("run " + model_ + " -i " + in.string());
  EXPECT_EQ(unnamed.exit_code, 0) << unnamed.output;
}

TEST_F(CliTest, BenchJsonParses) {
  fs::path out = dir_ / "bench.json";
  CommandResult r = run_cli("bench " + model_ +
                            " --shape x=4x3 --warmup 1 --runs 5 --threads 1 --level basic "
                            "--json > " +
                            out.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string check = std::string(kPython) + " -c \"import json; d = json.load(open('" +
                      out.string() +
                      "')); assert d['runs'] == 5 and d['threads'] == 1, d; "
                      "assert 0 <= d['min_ms'] <= d['median_ms'] <= d['p90_ms'], d; "
                      "assert d['min_ms'] <= d['mean_ms'] and d['session_create_ms'] > 0, d; "
                      "assert d['model'].endswith('small.onnx'), d\"";
  EXPECT_EQ(std::system(check.c_str()), 0);

  CommandResult batch = run_cli("bench " + model_ + " --batch 2 --warmup 0 --runs 2");
  EXPECT_EQ(batch.exit_code, 0) << batch.output;
  EXPECT_TRUE(contains(batch.output, "x float32 [2, 3]")) << batch.output;
  EXPECT_TRUE(contains(batch.output, "graph opts:       all")) << batch.output;
  CommandResult bad_pass = run_cli("bench " + model_ + " --batch 1 --runs 1 --disable fuse_x");
  EXPECT_NE(bad_pass.exit_code, 0);
  EXPECT_TRUE(contains(bad_pass.output, "unknown optimizer 'fuse_x'")) << bad_pass.output;
  CommandResult bad_level = run_cli("bench " + model_ + " --batch 1 --level fast");
  EXPECT_EQ(bad_level.exit_code, 2);
  EXPECT_TRUE(
      contains(bad_level.output, "--level: 'fast' is not one of none, basic, extended, all"))
      << bad_level.output;
}

TEST_F(CliTest, BenchNeedsShapeForSymbolicDims) {
  CommandResult r = run_cli("bench " + model_ + " --runs 1");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.output, "input 'x' has symbolic or unknown dims [batch_size, 3]"))
      << r.output;
  EXPECT_TRUE(contains(r.output, "--shape x=")) << r.output;
  CommandResult bad_rank = run_cli("bench " + model_ + " --shape x=1x2x3 --runs 1");
  EXPECT_EQ(bad_rank.exit_code, 1);
  EXPECT_TRUE(contains(bad_rank.output, "rank 3")) << bad_rank.output;
  CommandResult bad_name = run_cli("bench " + model_ + " --shape nope=1x3 --runs 1");
  EXPECT_EQ(bad_name.exit_code, 1);
  EXPECT_TRUE(contains(bad_name.output, "no input named 'nope'")) << bad_name.output;
}

TEST_F(CliTest, ErrorsExitNonZeroWithMessage) {
  const std::string missing = (dir_ / "missing.onnx").string();
  for (const char* cmd : {"info", "run", "bench"}) {
    CommandResult r = run_cli(std::string(cmd) + " " + missing);
    EXPECT_EQ(r.exit_code, 1) << cmd;
    EXPECT_TRUE(contains(r.output, "missing.onnx")) << cmd << ": " << r.output;
  }

  fs::path in = dir_ / "x2.npy";
  ASSERT_TRUE(
      onyx::import::write_npy_file(Tensor::from_vector<float>({1, 3}, {1, 2, 3}), in.string())
          .is_ok());
  CommandResult bad_input = run_cli("run " + model_ + " -i nope=" + in.string());
  EXPECT_EQ(bad_input.exit_code, 1);
  EXPECT_TRUE(contains(bad_input.output, "unknown input name 'nope'")) << bad_input.output;

  // numpy unicode strings ('<U3') are not a tensor type onyx reads.
  fs::path words = dir_ / "words.npy";
  std::string header = "{'descr': '<U3', 'fortran_order': False, 'shape': (1, 3), }";
  std::ofstream(words, std::ios::binary)
      << std::string("\x93NUMPY\x01\x00", 8) << static_cast<char>(header.size()) << '\0' << header
      << std::string(36, '\0');
  CommandResult bad_dtype = run_cli("run " + model_ + " -i x=" + words.string());
  EXPECT_EQ(bad_dtype.exit_code, 1);
  EXPECT_TRUE(contains(bad_dtype.output, "words.npy")) << bad_dtype.output;
  EXPECT_TRUE(contains(bad_dtype.output, "'<U3'")) << bad_dtype.output;

  CommandResult bad_option = run_cli("run " + model_ + " --frob");
  EXPECT_EQ(bad_option.exit_code, 2);
  EXPECT_TRUE(contains(bad_option.output, "unknown option '--frob'")) << bad_option.output;
}

}  // namespace
