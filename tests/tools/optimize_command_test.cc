// `onyx optimize`: saves the optimized graph (com.onyx ops only with their opset import), --level
// and --report, and the usage / model errors.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/model_builder.h"
#include "common/run_command.h"
#include "import/loader.h"

namespace fs = std::filesystem;

namespace onyx {
namespace {

using testing::contains;
using testing::ModelBuilder;

testing::CommandResult run_cli(const std::string& args) {
  return testing::run_command(std::string(ONYX_CLI_PATH) + " optimize " + args);
}

class OptimizeCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("onyx_optimize_test_" + std::to_string(getpid()));
    fs::create_directories(dir_);
    // x -> Conv -> Identity -> Relu -> y
    ModelBuilder b(13);
    b.input("x", DType::kFloat32, {1, 1, 4, 4});
    b.initializer("w", Tensor::from_vector<float>({1, 1, 1, 1}, {2.0f}));
    b.node("Conv", {"x", "w"}, {"c"});
    b.node("Identity", {"c"}, {"i"});
    b.node("Relu", {"i"}, {"y"});
    b.output("y", DType::kFloat32);
    model_ = (dir_ / "in.onnx").string();
    std::ofstream(model_, std::ios::binary) << b.bytes();
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string model_;
};

TEST_F(OptimizeCommand, LevelAllFusesAndSavesWithOnyxOpsetImport) {
  const std::string out = (dir_ / "all.onnx").string();
  testing::CommandResult r = run_cli(model_ + " -o " + out + " --report");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "eliminate_identity")) << r.output;
  EXPECT_TRUE(contains(r.output, "fuse_conv_activation")) << r.output;
  EXPECT_TRUE(contains(r.output, "nodes 3 -> 1")) << r.output;
  Result<ir::Model> m = import::load_model_file(out);
  ASSERT_TRUE(m.is_ok()) << m.status().message();
  ASSERT_EQ(m->graph.nodes.size(), 1u);
  EXPECT_EQ(m->graph.nodes[0].op_type, "FusedConv");
  EXPECT_EQ(m->opset("com.onyx"), 1);
  Result<Session> s = Session::load(out);  // onyx loads its own fused ops back
  ASSERT_TRUE(s.is_ok()) << s.status().message();
}

TEST_F(OptimizeCommand, LevelBasicKeepsStandardOps) {
  const std::string out = (dir_ / "basic.onnx").string();
  testing::CommandResult r = run_cli(model_ + " --level basic -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "nodes 3 -> 2")) << r.output;
  Result<ir::Model> m = import::load_model_file(out);
  ASSERT_TRUE(m.is_ok());
  EXPECT_EQ(m->opset("com.onyx"), 0);
  for (const ir::Node& n : m->graph.nodes) EXPECT_TRUE(n.domain.empty()) << n.op_type;
}

TEST_F(OptimizeCommand, DisabledPassesAreSkipped) {
  const std::string out = (dir_ / "disabled.onnx").string();
  testing::CommandResult r =
      run_cli(model_ + " -o " + out + " --disable fuse_conv_activation,prune_initializers");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "nodes 3 -> 2")) << r.output;  // only the Identity goes
  Result<ir::Model> m = import::load_model_file(out);
  ASSERT_TRUE(m.is_ok()) << m.status().message();
  ASSERT_EQ(m->graph.nodes.size(), 2u);
  EXPECT_EQ(m->graph.nodes[0].op_type, "Conv");
  EXPECT_EQ(m->graph.nodes[1].op_type, "Relu");
  r = run_cli(model_ + " -o " + out + " --disable fuse_it_all");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(contains(r.output, "unknown optimizer 'fuse_it_all'")) << r.output;
  EXPECT_TRUE(contains(r.output, "eliminate_identity")) << r.output;  // the known names
}

TEST_F(OptimizeCommand, BadArgumentsAndModelsAreReported) {
  testing::CommandResult r = run_cli(model_ + " --level fast -o " + (dir_ / "x.onnx").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.output, "'fast' is not one of none, basic, extended, all")) << r.output;
  r = run_cli(model_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.output, "no output file given")) << r.output;
  const std::string junk = (dir_ / "junk.onnx").string();
  std::ofstream(junk) << "not a model";
  r = run_cli(junk + " -o " + (dir_ / "y.onnx").string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_FALSE(fs::exists(dir_ / "y.onnx"));
}

}  // namespace
}  // namespace onyx
