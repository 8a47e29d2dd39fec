// If, Loop and Scan through Session: branch shapes, loop-carried values, scan outputs, early exit,
// scan directions, three levels of nesting with outer-scope captures, and the depth limit.
#include <gtest/gtest.h>

#include <thread>

#include "common/model_builder.h"
#include "onyx/session.hpp"
#include "runtime/graph_builder.h"

namespace onyx {
namespace {

using testing::floats;
using testing::graph_attr;
using testing::GraphBuilder;
using testing::ModelBuilder;
using testing::values_of;

// y = If(c) then Identity(x) [3] else Concat(x, x) [6]: outputs differ in shape.
TEST(ControlFlow, IfBranchesWithDifferentShapes) {
  GraphBuilder then_b("then");
  then_b.node("Identity", {"x"}, {"y_then"});
  then_b.output("y_then");
  GraphBuilder else_b("else");
  else_b.node("Concat", {"x", "x"}, {"y_else"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 0));
  else_b.output("y_else");

  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {3});
  b.input("c", DType::kBool, {});
  b.node("If", {"c"}, {"y"}).attributes = {graph_attr("then_branch", then_b.graph()),
                                           graph_attr("else_branch", else_b.graph())};
  b.output("y", DType::kFloat32);
  Session s = b.session().value();
  Tensor x = floats({3}, {1, 2, 3});
  auto t = s.run({{"x", x}, {"c", Tensor::scalar<bool>(true)}});
  ASSERT_TRUE(t.is_ok()) << t.status().to_string();
  EXPECT_EQ(values_of((*t)[0]), (std::vector<float>{1, 2, 3}));
  auto e = s.run({{"x", x}, {"c", Tensor::scalar<bool>(false)}});
  ASSERT_TRUE(e.is_ok()) << e.status().to_string();
  EXPECT_EQ(values_of((*e)[0]), (std::vector<float>{1, 2, 3, 1, 2, 3}));
}

// Branch outputs that name outer values directly (no node inside produces them): the graph
// passes must keep their producers (dead-node elimination) and follow renames (identity
// elimination turns t into x).
TEST(ControlFlow, BranchOutputsNamingOuterValuesSurviveOptimization) {
  GraphBuilder then_b("then");
  then_b.output("t", DType::kFloat32);
  GraphBuilder else_b("else");
  else_b.output("u", DType::kFloat32);

  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {3});
  b.input("c", DType::kBool, {});
  b.node("Identity", {"x"}, {"t"});
  b.node("Relu", {"x"}, {"u"});
  b.node("If", {"c"}, {"y"}).attributes = {graph_attr("then_branch", then_b.graph()),
                                           graph_attr("else_branch", else_b.graph())};
  b.output("y", DType::kFloat32);
  Session s = b.session().value();
  Tensor x = floats({3}, {-1, 2, -3});
  auto t = s.run({{"x", x}, {"c", Tensor::scalar<bool>(true)}});
  ASSERT_TRUE(t.is_ok()) << t.status().to_string();
  EXPECT_EQ(values_of((*t)[0]), (std::vector<float>{-1, 2, -3}));
  auto e = s.run({{"x", x}, {"c", Tensor::scalar<bool>(false)}});
  ASSERT_TRUE(e.is_ok()) << e.status().to_string();
  EXPECT_EQ(values_of((*e)[0]), (std::vector<float>{0, 2, 0}));
}

// Loop with M = 10 and cond = true, carried s (s += x) and v (v = Concat(v, x): grows), scan
// output of s, and cond_out = flags[i] with flags = [T, T, F, T]: three iterations.
TEST(ControlFlow, LoopCarriedScanOutputsAndEarlyExit) {
  GraphBuilder body("body");
  body.input("i", DType::kInt64).input("cond_in", DType::kBool);
  body.input("s_in", DType::kFloat32).input("v_in", DType::kFloat32);
  body.node("Add", {"s_in", "x"}, {"s_out"});
  body.node("Concat", {"v_in", "x"}, {"v_out"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 0));
  body.node("Gather", {"flags", "i"}, {"cond_out"});
  body.node("Identity", {"s_out"}, {"scan"});
  body.output("cond_out", DType::kBool).output("s_out").output("v_out").output("scan");

  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {2});
  b.input("flags", DType::kBool, {4});
  b.initializer("M", Tensor::scalar<int64_t>(10));
  b.initializer("cond", Tensor::scalar<bool>(true));
  b.node("Loop", {"M", "cond", "x", "x"}, {"s", "v", "scans"})
      .attributes.push_back(graph_attr("body", body.graph()));
  b.output("s", DType::kFloat32).output("v", DType::kFloat32).output("scans", DType::kFloat32);
  Session s = b.session().value();
  Tensor flags = Tensor::from_vector<bool>({4}, {true, true, false, true});
  auto out = s.run({{"x", floats({2}, {1, 10})}, {"flags", flags}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ(values_of((*out)[0]), (std::vector<float>{4, 40}));
  EXPECT_EQ((*out)[1].shape(), (Shape{8}));
  EXPECT_EQ((*out)[2].shape(), (Shape{3, 2}));
  EXPECT_EQ(values_of((*out)[2]), (std::vector<float>{2, 20, 3, 30, 4, 40}));

  // All flags true: iteration 4 reads flags[4], and Gather's error surfaces from the body.
  Tensor all = Tensor::from_vector<bool>({4}, {true, true, true, true});
  auto m = s.run({{"x", floats({2}, {1, 10})}, {"flags", all}});
  ASSERT_FALSE(m.is_ok());
  EXPECT_NE(m.status().message().find("Gather"), std::string::npos) << m.status().message();
}

// s += x per iteration, cond_out = flags[i], scan output s. `trip_count` and `cond` name the
// Loop's first two inputs ("" = omitted).
Session counted_loop(const std::string& trip_count, const std::string& cond) {
  GraphBuilder body("body");
  body.input("i", DType::kInt64).input("cond_in", DType::kBool).input("s_in", DType::kFloat32);
  body.node("Add", {"s_in", "x"}, {"s_out"});
  body.node("Gather", {"flags", "i"}, {"cond_out"});
  body.node("Identity", {"s_out"}, {"scan"});
  body.output("cond_out", DType::kBool).output("s_out").output("scan");
  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {2});
  b.input("flags", DType::kBool, {-1});
  if (!trip_count.empty()) b.input(trip_count, DType::kInt64, {});
  if (!cond.empty()) b.input(cond, DType::kBool, {});
  b.node("Loop", {trip_count, cond, "x"}, {"s", "scans"})
      .attributes.push_back(graph_attr("body", body.graph()));
  b.output("s", DType::kFloat32).output("scans", DType::kFloat32);
  return b.session().value();
}

TEST(ControlFlow, LoopZeroIterationsAndWhileForm) {
  Tensor x = floats({2}, {1, 10});
  Tensor flags = Tensor::from_vector<bool>({3}, {true, false, true});
  // Trip count only (the body's condition is ignored): 0 and 2 iterations.
  Session counted = counted_loop("m", "");
  auto zero = counted.run({{"x", x}, {"flags", flags}, {"m", Tensor::scalar<int64_t>(0)}});
  ASSERT_TRUE(zero.is_ok()) << zero.status().to_string();
  EXPECT_EQ(values_of((*zero)[0]), (std::vector<float>{1, 10}));
  EXPECT_EQ((*zero)[1].shape(), (Shape{0, 2}));
  auto two = counted.run({{"x", x}, {"flags", flags}, {"m", Tensor::scalar<int64_t>(2)}});
  ASSERT_TRUE(two.is_ok()) << two.status().to_string();
  EXPECT_EQ(values_of((*two)[0]), (std::vector<float>{3, 30}));
  EXPECT_EQ((*two)[1].shape(), (Shape{2, 2}));

  // Condition only (a while loop): flags[1] is false, so two iterations.
  Session until = counted_loop("", "c");
  auto w = until.run({{"x", x}, {"flags", flags}, {"c", Tensor::scalar<bool>(true)}});
  ASSERT_TRUE(w.is_ok()) << w.status().to_string();
  EXPECT_EQ(values_of((*w)[0]), (std::vector<float>{3, 30}));
  auto never = until.run({{"x", x}, {"flags", flags}, {"c", Tensor::scalar<bool>(false)}});
  ASSERT_TRUE(never.is_ok()) << never.status().to_string();
  EXPECT_EQ(values_of((*never)[0]), (std::vector<float>{1, 10}));

  // Neither: the loop could never end, which is refused at load.
  GraphBuilder body("body");
  body.input("i", DType::kInt64).input("cond_in", DType::kBool);
  body.node("Identity", {"cond_in"}, {"cond_out"});
  body.output("cond_out", DType::kBool);
  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {2});
  b.node("Loop", {"", ""}, {}).attributes.push_back(graph_attr("body", body.graph()));
  b.node("Identity", {"x"}, {"y"});
  b.output("y", DType::kFloat32);
  auto forever = b.session();
  ASSERT_FALSE(forever.is_ok());
  EXPECT_NE(forever.status().message().find("never ends"), std::string::npos);
}

// A sequence as a loop-carried value: each of the three iterations appends x.
TEST(ControlFlow, LoopCarriesASequence) {
  GraphBuilder body("body");
  body.input("i", DType::kInt64).input("cond_in", DType::kBool);
  body.input("seq_in", testing::seq_type(DType::kFloat32));
  body.node("Identity", {"cond_in"}, {"cond_out"});
  body.node("SequenceInsert", {"seq_in", "x"}, {"seq_out"});
  body.output("cond_out", DType::kBool).output("seq_out", testing::seq_type(DType::kFloat32));
  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {2});
  b.initializer("M", Tensor::scalar<int64_t>(3));
  b.node("SequenceEmpty", {}, {"empty"});
  b.node("Loop", {"M", "", "empty"}, {"seq"})
      .attributes.push_back(graph_attr("body", body.graph()));
  b.node("ConcatFromSequence", {"seq"}, {"cat"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 0));
  b.output("cat", DType::kFloat32);
  Session s = b.session().value();
  auto out = s.run({{"x", floats({2}, {1, 2})}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ(values_of((*out)[0]), (std::vector<float>{1, 2, 1, 2, 1, 2}));
}

Session scan_session(std::vector<int64_t> in_dirs, std::vector<int64_t> out_dirs,
                     std::vector<int64_t> in_axes = {0}) {
  GraphBuilder body("scan_body");
  body.input("sum_in", DType::kFloat32).input("row", DType::kFloat32);
  body.node("Add", {"sum_in", "row"}, {"sum_out"});
  body.node("Identity", {"sum_out"}, {"y"});
  body.output("sum_out").output("y");
  ModelBuilder b(17);
  b.input("init", DType::kFloat32, {2});
  b.input("xs", DType::kFloat32, {-1, -1});
  b.node("Scan", {"init", "xs"}, {"final", "ys"}).attributes = {
      graph_attr("body", body.graph()), ModelBuilder::int_attr("num_scan_inputs", 1),
      ModelBuilder::ints("scan_input_directions", std::move(in_dirs)),
      ModelBuilder::ints("scan_output_directions", std::move(out_dirs)),
      ModelBuilder::ints("scan_input_axes", std::move(in_axes))};
  b.output("final", DType::kFloat32).output("ys", DType::kFloat32);
  return b.session().value();
}

TEST(ControlFlow, ScanBothDirections) {
  Tensor init = floats({2}, {0, 0});
  Tensor xs = floats({3, 2}, {1, 2, 10, 20, 100, 200});
  auto fwd = scan_session({0}, {0}).run({{"init", init}, {"xs", xs}});
  ASSERT_TRUE(fwd.is_ok()) << fwd.status().to_string();
  EXPECT_EQ(values_of((*fwd)[0]), (std::vector<float>{111, 222}));
  EXPECT_EQ(values_of((*fwd)[1]), (std::vector<float>{1, 2, 11, 22, 111, 222}));

  auto rev_in = scan_session({1}, {0}).run({{"init", init}, {"xs", xs}});
  ASSERT_TRUE(rev_in.is_ok()) << rev_in.status().to_string();
  EXPECT_EQ(values_of((*rev_in)[1]), (std::vector<float>{100, 200, 110, 220, 111, 222}));

  auto rev_both = scan_session({1}, {1}).run({{"init", init}, {"xs", xs}});
  ASSERT_TRUE(rev_both.is_ok()) << rev_both.status().to_string();
  EXPECT_EQ(values_of((*rev_both)[1]), (std::vector<float>{111, 222, 110, 220, 100, 200}));

  // Scanning axis 1 of the transposed input gives the forward result.
  Tensor xs_t = floats({2, 3}, {1, 10, 100, 2, 20, 200});
  auto axis1 = scan_session({0}, {0}, {1}).run({{"init", init}, {"xs", xs_t}});
  ASSERT_TRUE(axis1.is_ok()) << axis1.status().to_string();
  EXPECT_EQ(values_of((*axis1)[1]), (std::vector<float>{1, 2, 11, 22, 111, 222}));
}

// Loop (M = 2, carried acc = a) whose body computes b = acc + a and runs If(c):
//   then: t = b * a; Scan over xs from t with body s = s + row + a + (b + t)
//   else: b
// Every level captures from the levels above it (a, c, xs: main; b: loop body; t: If branch).
ModelBuilder nested_model() {
  GraphBuilder scan_body("scan_body");
  scan_body.input("s_in", DType::kFloat32).input("row", DType::kFloat32);
  scan_body.node("Add", {"s_in", "row"}, {"u"});
  scan_body.node("Add", {"u", "a"}, {"v"});
  scan_body.node("Add", {"b", "t"}, {"w"});
  scan_body.node("Add", {"v", "w"}, {"s_out"});
  scan_body.output("s_out");

  GraphBuilder then_b("then");
  then_b.node("Mul", {"b", "a"}, {"t"});
  then_b.node("Scan", {"t", "xs"}, {"fin"}).attributes = {
      graph_attr("body", scan_body.graph()), ModelBuilder::int_attr("num_scan_inputs", 1)};
  then_b.output("fin");
  GraphBuilder else_b("else");
  else_b.node("Identity", {"b"}, {"r_else"});
  else_b.output("r_else");

  GraphBuilder body("loop_body");
  body.input("i", DType::kInt64).input("cond_in", DType::kBool).input("acc", DType::kFloat32);
  body.node("Add", {"acc", "a"}, {"b"});
  body.node("If", {"c"}, {"r"}).attributes = {graph_attr("then_branch", then_b.graph()),
                                              graph_attr("else_branch", else_b.graph())};
  body.node("Identity", {"cond_in"}, {"cond_out"});
  body.node("Identity", {"r"}, {"acc_out"});
  body.output("cond_out", DType::kBool).output("acc_out");

  ModelBuilder b(17);
  b.input("a", DType::kFloat32, {2});
  b.input("c", DType::kBool, {});
  b.input("xs", DType::kFloat32, {3, 2});
  b.initializer("M", Tensor::scalar<int64_t>(2));
  b.node("Loop", {"M", "", "a"}, {"acc_final"})
      .attributes.push_back(graph_attr("body", body.graph()));
  b.output("acc_final", DType::kFloat32);
  return b;
}

std::vector<float> nested_reference(std::vector<float> a, bool c, const std::vector<float>& xs) {
  std::vector<float> acc = a;
  for (int it = 0; it < 2; ++it) {
    for (size_t k = 0; k < 2; ++k) {
      const float b = acc[k] + a[k];
      if (!c) {
        acc[k] = b;
        continue;
      }
      const float t = b * a[k];
      float s = t;
      for (int r = 0; r < 3; ++r) s = s + xs[r * 2 + k] + a[k] + (b + t);
      acc[k] = s;
    }
  }
  return acc;
}

TEST(ControlFlow, ThreeLevelsOfNestingCaptureOuterValues) {
  Session s = nested_model().session().value();
  std::vector<float> a = {1, 2}, xs = {1, 2, 3, 4, 5, 6};
  for (bool c : {true, false, true}) {
    auto out =
        s.run({{"a", floats({2}, a)}, {"c", Tensor::scalar<bool>(c)}, {"xs", floats({3, 2}, xs)}});
    ASSERT_TRUE(out.is_ok()) << out.status().to_string();
    EXPECT_EQ(values_of((*out)[0]), nested_reference(a, c, xs)) << "c = " << c;
  }
}

TEST(ControlFlow, ConcurrentRunsShareSubgraphPlans) {
  Session s = nested_model().session(Options().threads(1)).value();
  std::vector<float> xs = {1, 2, 3, 4, 5, 6};
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 20; ++rep) {
        std::vector<float> a = {static_cast<float>(t), static_cast<float>(rep)};
        const bool c = (rep + t) % 2 == 0;
        auto out = s.run(
            {{"a", floats({2}, a)}, {"c", Tensor::scalar<bool>(c)}, {"xs", floats({3, 2}, xs)}});
        if (!out.is_ok() || values_of((*out)[0]) != nested_reference(a, c, xs)) ++mismatches[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches, (std::vector<int>{0, 0, 0, 0}));
}

TEST(ControlFlow, NestingDepthLimitIsAClearError) {
  // Loop (depth 1) > If (depth 2) > Scan (depth 3).
  auto shallow = nested_model().session(Options().max_subgraph_depth(2));
  ASSERT_FALSE(shallow.is_ok());
  EXPECT_NE(shallow.status().message().find("max_subgraph_depth"), std::string::npos)
      << shallow.status().message();
  EXPECT_NE(shallow.status().message().find("limit of 2"), std::string::npos);
  EXPECT_TRUE(nested_model().session(Options().max_subgraph_depth(3)).is_ok());
}

}  // namespace
}  // namespace onyx
