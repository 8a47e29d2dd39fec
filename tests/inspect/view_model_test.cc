// build_view_model: nodes, edges with inferred shapes, weight chips and statistics, FLOPs,
// subgraph bodies with captures, and the limits (statistics cap, undrawn huge graphs).
#include "inspect/view_model.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/model_builder.h"
#include "schema/schema.h"

namespace onyx::inspect {
namespace {

using testing::ModelBuilder;

// x[batch,3,8,8] -> Conv(W[4,3,3,3], B[4], pads 1) -> Relu -> z
ModelBuilder conv_relu_model() {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {-1, 3, 8, 8}, {"batch", "", "", ""});
  std::vector<float> w(4 * 3 * 3 * 3);
  for (size_t i = 0; i < w.size(); ++i) w[i] = static_cast<float>(i) - 10.0f;
  b.initializer("W", Tensor::from_vector<float>({4, 3, 3, 3}, w));
  b.initializer("B", Tensor::from_vector<float>({4}, {1, 2, 3, 4}));
  ir::Node& conv = b.node("Conv", {"x", "W", "B"}, {"y"}, "conv1");
  conv.attributes.push_back(ModelBuilder::ints("kernel_shape", {3, 3}));
  conv.attributes.push_back(ModelBuilder::ints("pads", {1, 1, 1, 1}));
  b.node("Relu", {"y"}, {"z"}, "relu1");
  b.output("z", DType::kFloat32);
  return b;
}

const ViewNode* find_op(const ViewGraph& g, const std::string& op) {
  for (const ViewNode& n : g.nodes)
    if (n.op_type == op) return &n;
  return nullptr;
}

TEST(ViewModel, NodesEdgesAndShapes) {
  ModelBuilder b = conv_relu_model();
  ViewModel vm = build_view_model(b.model());
  ASSERT_EQ(vm.graphs.size(), 1u);
  const ViewGraph& g = vm.graphs[0];
  ASSERT_EQ(g.nodes.size(), 4u);  // input, Conv, Relu, output
  EXPECT_EQ(g.nodes[0].kind, ViewNodeKind::kInput);
  EXPECT_EQ(g.nodes[0].label, "x");
  EXPECT_EQ(g.nodes[3].kind, ViewNodeKind::kOutput);
  ASSERT_EQ(g.edges.size(), 3u);  // weights are chips, not edges
  EXPECT_EQ(g.edges[0].from, 0);
  EXPECT_EQ(g.edges[0].to, 1);
  EXPECT_EQ(g.edges[0].label,
            "batch\xC3\x97"
            "3\xC3\x97"
            "8\xC3\x97"
            "8");
  EXPECT_EQ(g.edges[1].value, "y");
  EXPECT_EQ(g.edges[1].label,
            "batch\xC3\x97"
            "4\xC3\x97"
            "8\xC3\x97"
            "8");
  EXPECT_EQ(g.layout.centers.size(), 4u);
  EXPECT_TRUE(vm.notes.empty()) << vm.notes[0];
}

TEST(ViewModel, ConvPanelDataChipsAndFlops) {
  ModelBuilder b = conv_relu_model();
  ViewModel vm = build_view_model(b.model());
  const ViewGraph& g = vm.graphs[0];
  const ViewNode* conv = find_op(g, "Conv");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->name, "conv1");
  EXPECT_EQ(conv->opset, 13);
  // The node's own attributes (kernel_shape, strides), then the schema's defaults it omits.
  std::vector<const ViewAttribute*> own;
  for (const ViewAttribute& a : conv->attributes)
    if (!a.is_default) own.push_back(&a);
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0]->name, "kernel_shape");
  EXPECT_EQ(own[0]->type, "INTS");
  EXPECT_EQ(own[0]->value, "[3, 3]");
  EXPECT_EQ(conv->attributes.size(), 4u);  // + auto_pad, group (Conv-11 defaults)
  ASSERT_EQ(conv->inputs.size(), 3u);
  EXPECT_EQ(conv->inputs[0].weight, -1);
  ASSERT_GE(conv->inputs[1].weight, 0);
  const ViewWeight& w = g.weights[static_cast<size_t>(conv->inputs[1].weight)];
  EXPECT_EQ(w.name, "W");
  EXPECT_EQ(w.dtype, "float32");
  EXPECT_EQ(w.shape,
            "4\xC3\x97"
            "3\xC3\x97"
            "3\xC3\x97"
            "3");
  EXPECT_EQ(w.numel, 108);
  ASSERT_TRUE(w.has_stats);
  EXPECT_DOUBLE_EQ(w.min, -10);
  EXPECT_DOUBLE_EQ(w.max, 97);
  EXPECT_DOUBLE_EQ(w.mean, 43.5);
  ASSERT_EQ(w.first_values.size(), 8u);
  EXPECT_EQ(w.first_values[0], "-10");
  EXPECT_EQ(w.first_values[7], "-3");
  // 2 * (1*4*8*8 outputs, batch counted as 1) * (3*3*3 per output) = 13824; Relu one per element.
  EXPECT_EQ(conv->flops, 13824);
  EXPECT_EQ(find_op(g, "Relu")->flops, 256);
  EXPECT_EQ(vm.flops, 13824 + 256);
  EXPECT_EQ(vm.parameter_count, 112);
  EXPECT_EQ(vm.opsets.size(), 1u);
  EXPECT_EQ(vm.opsets[0].first, "ai.onnx");
}

TEST(ViewModel, SchemaDefaultsFormalsAndSummary) {
  const schema::OpSchema* sc = schema::find_schema("", "Conv", 13);
  ASSERT_NE(sc, nullptr);
  ModelBuilder b = conv_relu_model();
  ViewModel vm = build_view_model(b.model());
  const ViewNode* conv = find_op(vm.graphs[0], "Conv");
  EXPECT_EQ(conv->since_version, sc->since_version);
  EXPECT_EQ(conv->summary, sc->summary);
  EXPECT_EQ(conv->inputs[1].formal, sc->inputs[1].name);  // "W"
  bool auto_pad = false;
  for (const ViewAttribute& a : conv->attributes)
    if (a.name == "auto_pad") {
      auto_pad = true;
      EXPECT_TRUE(a.is_default);
      EXPECT_EQ(a.value, sc->attribute("auto_pad")->default_value);
    } else if (a.name == "kernel_shape") {
      EXPECT_FALSE(a.is_default);
    }
  EXPECT_TRUE(auto_pad);
}

TEST(ViewModel, StatisticsAreCappedAndHugeGraphsAreNotDrawn) {
  ModelBuilder b = conv_relu_model();
  ViewOptions options;
  options.max_stat_elements = 10;
  options.first_values = 3;
  options.max_layout_nodes = 3;
  ViewModel vm = build_view_model(b.model(), options);
  const ViewGraph& g = vm.graphs[0];
  const ViewNode* conv = find_op(g, "Conv");
  const ViewWeight& w = g.weights[static_cast<size_t>(conv->inputs[1].weight)];
  EXPECT_EQ(w.stats_count, 10);
  EXPECT_DOUBLE_EQ(w.max, -1);  // the first 10 values are -10 .. -1
  EXPECT_EQ(w.first_values.size(), 3u);
  EXPECT_FALSE(g.drawn);
  ASSERT_FALSE(vm.notes.empty());
  EXPECT_NE(vm.notes.back().find("4 nodes, more than the 3"), std::string::npos) << vm.notes.back();
}

TEST(ViewModel, IfBodiesBecomeGraphsWithCaptures) {
  ModelBuilder b(13);
  b.input("cond", DType::kBool, {});
  b.input("x", DType::kFloat32, {2, 3});
  auto branch = [](const std::string& op, const std::string& out) {
    auto g = std::make_shared<ir::Graph>();
    g->name = op + "_body";
    ir::Node n;
    n.op_type = op;
    n.inputs = {"x"};  // captured from the main graph
    n.outputs = {out};
    g->nodes.push_back(n);
    g->outputs.push_back({out, ir::TypeInfo::tensor(DType::kFloat32, {2, 3}), ""});
    return g;
  };
  ir::Node& node = b.node("If", {"cond"}, {"y"}, "choose");
  ir::Attribute then_attr, else_attr;
  then_attr.name = "then_branch";
  then_attr.type = ir::Attribute::Type::kGraph;
  then_attr.g = branch("Relu", "t");
  else_attr.name = "else_branch";
  else_attr.type = ir::Attribute::Type::kGraph;
  else_attr.g = branch("Neg", "e");
  node.attributes = {then_attr, else_attr};
  b.output("y", DType::kFloat32);
  ViewModel vm = build_view_model(b.model());
  ASSERT_EQ(vm.graphs.size(), 3u);
  const ViewNode* ifn = find_op(vm.graphs[0], "If");
  ASSERT_NE(ifn, nullptr);
  EXPECT_EQ(ifn->subgraphs, (std::vector<int>{1, 2}));
  EXPECT_EQ(ifn->attributes[0].subgraphs, (std::vector<int>{1}));
  EXPECT_EQ(ifn->attributes[0].value, "graph 'Relu_body' (1 nodes)");
  const ViewGraph& body = vm.graphs[1];
  EXPECT_EQ(body.parent, 0);
  EXPECT_EQ(body.attribute, "then_branch");
  EXPECT_EQ(&vm.graphs[0].nodes[static_cast<size_t>(body.parent_node)], ifn);
  EXPECT_NE(body.title.find("If 'choose' then_branch"), std::string::npos) << body.title;
  // Capture node for x, the Relu, the output t; the captured edge carries the outer shape.
  ASSERT_EQ(body.nodes.size(), 3u);
  EXPECT_EQ(find_op(body, "Relu")->inputs[0].shape,
            "2\xC3\x97"
            "3");
  bool capture = false;
  for (const ViewNode& n : body.nodes) capture |= n.kind == ViewNodeKind::kCapture && n.name == "x";
  EXPECT_TRUE(capture);
  ASSERT_EQ(body.edges.size(), 2u);
  EXPECT_EQ(body.edges[0].label,
            "2\xC3\x97"
            "3");
}

TEST(ViewModel, LoopBodyInputsAreNodesAndDepthIsLimited) {
  // Loop whose body holds another Loop: body inputs (iteration, condition, carried) are drawn
  // as input nodes; with max_graph_depth 1 the inner body is left out with a note.
  auto body = [](std::shared_ptr<ir::Graph> inner) {
    auto g = std::make_shared<ir::Graph>();
    g->name = inner ? "outer_body" : "inner_body";
    g->inputs.push_back({"i", ir::TypeInfo::tensor(DType::kInt64, {}), ""});
    g->inputs.push_back({"c", ir::TypeInfo::tensor(DType::kBool, {}), ""});
    g->inputs.push_back({"s", ir::TypeInfo::tensor(DType::kFloat32, {2}), ""});
    ir::Node id;
    id.op_type = "Identity";
    id.inputs = {"c"};
    id.outputs = {"c_out"};
    ir::Node neg;
    neg.op_type = "Neg";
    neg.inputs = {"s"};
    neg.outputs = {"s_out"};
    g->nodes = {id, neg};
    if (inner) {
      ir::Node loop;
      loop.op_type = "Loop";
      loop.inputs = {"", "", "s"};
      loop.outputs = {"unused"};
      ir::Attribute a;
      a.name = "body";
      a.type = ir::Attribute::Type::kGraph;
      a.g = inner;
      loop.attributes = {a};
      g->nodes.push_back(loop);
    }
    g->outputs.push_back({"c_out", ir::TypeInfo::tensor(DType::kBool, {}), ""});
    g->outputs.push_back({"s_out", ir::TypeInfo::tensor(DType::kFloat32, {2}), ""});
    return g;
  };
  ModelBuilder b(13);
  b.input("n", DType::kInt64, {});
  b.input("s0", DType::kFloat32, {2});
  ir::Node& loop = b.node("Loop", {"n", "", "s0"}, {"s_final"}, "outer");
  ir::Attribute a;
  a.name = "body";
  a.type = ir::Attribute::Type::kGraph;
  a.g = body(body(nullptr));
  loop.attributes = {a};
  b.output("s_final", DType::kFloat32);
  ViewModel full = build_view_model(b.model());
  ASSERT_EQ(full.graphs.size(), 3u);
  const ViewGraph& outer = full.graphs[1];
  int inputs = 0;
  for (const ViewNode& n : outer.nodes) inputs += n.kind == ViewNodeKind::kInput;
  EXPECT_EQ(inputs, 3);
  EXPECT_EQ(full.graphs[2].parent, 1);
  ViewOptions shallow;
  shallow.max_graph_depth = 1;
  ViewModel limited = build_view_model(b.model(), shallow);
  EXPECT_EQ(limited.graphs.size(), 2u);
  bool noted = false;
  for (const std::string& note : limited.notes)
    noted |= note.find("nested deeper") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(ViewModel, BodySymbolsKeepTheirNames) {
  // A Loop body declares its own symbolic dim (N) and captures x[batch, 3]: each keeps its name.
  auto g = std::make_shared<ir::Graph>();
  g->name = "body";
  g->inputs.push_back({"i", ir::TypeInfo::tensor(DType::kInt64, {}), ""});
  g->inputs.push_back({"c", ir::TypeInfo::tensor(DType::kBool, {}), ""});
  ir::ValueInfo s{"s", ir::TypeInfo::tensor(DType::kFloat32, {-1}), ""};
  s.type.dim_params = {"N"};
  g->inputs.push_back(s);
  ir::Node id, neg, relu;
  id.op_type = "Identity";
  id.inputs = {"c"};
  id.outputs = {"c_out"};
  neg.op_type = "Neg";
  neg.inputs = {"s"};
  neg.outputs = {"s_out"};
  relu.op_type = "Relu";
  relu.inputs = {"x"};
  relu.outputs = {"r"};
  g->nodes = {id, neg, relu};
  g->outputs.push_back({"c_out", ir::TypeInfo::tensor(DType::kBool, {}), ""});
  g->outputs.push_back({"s_out", s.type, ""});
  g->outputs.push_back({"r", ir::TypeInfo::tensor(DType::kFloat32, {-1, 3}), ""});
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {-1, 3}, {"batch", ""});
  b.input("n", DType::kInt64, {});
  b.input("s0", DType::kFloat32, {-1}, {"N"});
  ir::Node& loop = b.node("Loop", {"n", "", "s0"}, {"s_final", "r_all"}, "loop");
  ir::Attribute a;
  a.name = "body";
  a.type = ir::Attribute::Type::kGraph;
  a.g = g;
  loop.attributes = {a};
  b.output("s_final", DType::kFloat32);
  ViewModel vm = build_view_model(b.model());
  ASSERT_EQ(vm.graphs.size(), 2u);
  const ViewGraph& body = vm.graphs[1];
  EXPECT_EQ(find_op(body, "Neg")->inputs[0].shape, "N");
  EXPECT_EQ(find_op(body, "Relu")->inputs[0].shape,
            "batch\xC3\x97"
            "3");
}

}  // namespace
}  // namespace onyx::inspect
