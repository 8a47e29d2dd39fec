// Session profiling (Options::enable_profiling): per-node events and the chrome-trace file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "common/model_builder.h"
#include "onyx/session.hpp"

namespace onyx {
namespace {

using testing::ModelBuilder;

// y = Tanh(Relu(MatMul(x[2,3], w[3,4]))): a named MatMul, an unnamed Relu, a named Tanh.
ModelBuilder chain_model() {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2, 3});
  b.initializer("w", Tensor::from_vector<float>({3, 4}, std::vector<float>(12, 0.5f)));
  b.node("MatMul", {"x", "w"}, {"h"}, "mm");
  b.node("Relu", {"h"}, {"r"});
  b.node("Tanh", {"r"}, {"y"}, "tanh");
  b.output("y", DType::kFloat32);
  return b;
}

Tensor ones_2x3() {
  return Tensor::from_vector<float>({2, 3}, std::vector<float>(6, 1.0f));
}

std::string temp_prefix(const std::string& tag) {
  return ::testing::TempDir() + "onyx_profiler_" + tag + "_" + std::to_string(::getpid());
}

Options profiled(const std::string& prefix) {
  // No graph optimization: every node of the model stays a step.
  return Options().opt_level(OptLevel::kNone).threads(1).enable_profiling(prefix);
}

TEST(Profiler, EveryNodeOfEveryRunHasAnEvent) {
  Session s = chain_model().session(profiled(temp_prefix("events"))).value();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(s.run({{"x", ones_2x3()}}).is_ok());
  std::vector<ProfileEvent> events = s.profile_events();

  std::map<std::string, std::vector<int64_t>> runs_by_node;
  int model_runs = 0, inits = 0;
  for (const ProfileEvent& e : events) {
    EXPECT_GE(e.duration_us, 0.0) << e.name;
    EXPECT_GE(e.start_us, 0.0) << e.name;
    if (e.category == "Node") runs_by_node[e.name].push_back(e.run);
    if (e.category == "Session" && e.name == "model_run") ++model_runs;
    if (e.category == "Session" && e.name == "session_initialization") {
      ++inits;
      EXPECT_EQ(e.run, -1);
    }
  }
  EXPECT_EQ(inits, 1);
  EXPECT_EQ(model_runs, 3);
  ASSERT_EQ(runs_by_node.size(), 3u);
  for (const char* name : {"mm", "Relu_1", "tanh"})
    EXPECT_EQ(runs_by_node[name], (std::vector<int64_t>{0, 1, 2})) << name;
}

TEST(Profiler, NodeEventsCarryOpTypeAndShapes) {
  Session s = chain_model().session(profiled(temp_prefix("shapes"))).value();
  ASSERT_TRUE(s.run({{"x", ones_2x3()}}).is_ok());
  const ProfileEvent* mm = nullptr;
  double node_sum = 0, run_dur = 0;
  const std::vector<ProfileEvent> events = s.profile_events();
  for (const ProfileEvent& e : events) {
    if (e.name == "mm") mm = &e;
    if (e.category == "Node") node_sum += e.duration_us;
    if (e.name == "model_run") run_dur = e.duration_us;
  }
  ASSERT_NE(mm, nullptr);
  EXPECT_EQ(mm->op_type, "MatMul");
  ASSERT_EQ(mm->inputs.size(), 2u);
  EXPECT_EQ(mm->inputs[0].first, "float");
  EXPECT_EQ(mm->inputs[0].second, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(mm->inputs[1].second, (std::vector<int64_t>{3, 4}));
  ASSERT_EQ(mm->outputs.size(), 1u);
  EXPECT_EQ(mm->outputs[0].second, (std::vector<int64_t>{2, 4}));
  // Nodes run inside the run: their summed time cannot exceed it.
  EXPECT_LE(node_sum, run_dur);
}

TEST(Profiler, EndWritesChromeTraceOnce) {
  const std::string prefix = temp_prefix("trace");
  Session s = chain_model().session(profiled(prefix)).value();
  ASSERT_TRUE(s.run({{"x", ones_2x3()}}).is_ok());
  Result<std::string> path = s.end_profiling();
  ASSERT_TRUE(path.is_ok()) << path.status().to_string();
  ASSERT_EQ(path->rfind(prefix + "_", 0), 0u) << *path;
  EXPECT_EQ(path->substr(path->size() - 5), ".json");
  std::ifstream file(*path);
  std::stringstream text;
  text << file.rdbuf();
  const std::string json = text.str();
  EXPECT_EQ(json.rfind("[\n", 0), 0u);
  EXPECT_NE(json.find("\"cat\":\"Node\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"name\":\"Relu_1\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"op_name\":\"MatMul\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"input_type_shape\":[{\"float\":[2,3]},{\"float\":[3,4]}]"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"output_type_shape\":[{\"float\":[2,4]}]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"ph\":\"X\""), std::string::npos) << json;
  std::remove(path->c_str());

  // Ended: nothing more is recorded or written.
  ASSERT_TRUE(s.run({{"x", ones_2x3()}}).is_ok());
  EXPECT_TRUE(s.profile_events().empty());
  EXPECT_EQ(s.end_profiling().value(), "");
}

TEST(Profiler, OffByDefault) {
  Session s = chain_model().session(Options().opt_level(OptLevel::kNone)).value();
  ASSERT_TRUE(s.run({{"x", ones_2x3()}}).is_ok());
  EXPECT_TRUE(s.profile_events().empty());
  EXPECT_EQ(s.end_profiling().value(), "");
}

TEST(Profiler, UnwritableFileIsAnError) {
  Session s = chain_model().session(profiled("/nonexistent-dir/profile")).value();
  ASSERT_TRUE(s.run({{"x", ones_2x3()}}).is_ok());
  Result<std::string> path = s.end_profiling();
  ASSERT_FALSE(path.is_ok());
  EXPECT_NE(path.status().message().find("/nonexistent-dir/profile_"), std::string::npos)
      << path.status().to_string();
}

TEST(Profiler, ConcurrentRunsAllRecorded) {
  Session s = chain_model().session(profiled(temp_prefix("threads"))).value();
  auto work = [&] {
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(s.run({{"x", ones_2x3()}}).is_ok());
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  int nodes = 0;
  std::map<int64_t, int> per_run;
  for (const ProfileEvent& e : s.profile_events())
    if (e.category == "Node") {
      ++nodes;
      ++per_run[e.run];
    }
  EXPECT_EQ(nodes, 30);
  ASSERT_EQ(per_run.size(), 10u);
  for (const auto& [run, count] : per_run) EXPECT_EQ(count, 3) << "run " << run;
}

}  // namespace
}  // namespace onyx
