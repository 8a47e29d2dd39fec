// Graph inference keeping symbolic dims through arithmetic: broadcast, Reshape, Concat, Slice,
// Conv/pool formulas, Flatten, MatMul, and Shape->Gather->Concat->Reshape chains as exporters
// write them.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "common/model_builder.h"
#include "shape/declared_types.h"
#include "shape/infer.h"

namespace {

using namespace onyx;
using onyx::testing::ModelBuilder;

Tensor ints(std::vector<int64_t> v) {
  const int64_t n = static_cast<int64_t>(v.size());
  return Tensor::from_vector<int64_t>({n}, v);
}

shape::GraphInference infer(ModelBuilder& b) {
  Result<shape::GraphInference> r =
      shape::infer_graph(b.model(), b.model().graph, {}, shape::InferOptions{});
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return r.is_ok() ? std::move(r).value() : shape::GraphInference{};
}

// "[batch, seq+1, 4]" from the inference's symbol table.
std::string shape_of(const shape::GraphInference& inf, const std::string& name) {
  const ops::ValueType* v = inf.find(name);
  if (!v) return "missing";
  if (!v->has_shape) return "no rank";
  std::string s = "[";
  for (size_t i = 0; i < v->dims.size(); ++i)
    s += (i ? ", " : "") + inf.dim_table->to_string(v->dims[i]);
  return s + "]";
}

TEST(SymbolicInfer, SymbolsTableMatchesDisplay) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, -1}, {"batch", "seq"});
  b.initializer("one", Tensor::from_vector<float>({1, 1}, {1.f}));
  b.input("pad", DType::kFloat32, {-1, 1}, {"batch", ""});
  b.node("Concat", {"x", "pad"}, {"y"}).attributes.push_back(ModelBuilder::int_attr("axis", 1));
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "y"), "[batch, seq+1]");
  const ops::ValueType* y = inf.find("y");
  ASSERT_TRUE(y);
  EXPECT_EQ(inf.symbols.at(static_cast<size_t>(-y->dims[1] - 2)), "seq+1");  // infer_graph API
}

TEST(SymbolicInfer, Broadcast) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, 1, 4}, {"batch", "", ""});
  b.input("y", DType::kFloat32, {-1, 1}, {"seq", ""});
  b.input("u", DType::kFloat32, {-1}, {"a"});
  b.input("v", DType::kFloat32, {-1}, {"b"});
  b.node("Add", {"x", "y"}, {"xy"});
  b.node("Add", {"u", "v"}, {"uv"});
  b.node("Add", {"u", "u"}, {"uu"});
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "xy"), "[batch, seq, 4]");
  EXPECT_EQ(shape_of(inf, "uv"), "[unk_0]");  // a vs b: either may be 1, so a new size
  EXPECT_EQ(shape_of(inf, "uu"), "[a]");
}

TEST(SymbolicInfer, BroadcastConflictOfFixedDimsIsAnError) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, 3}, {"batch", ""});
  b.input("y", DType::kFloat32, {4});
  b.node("Add", {"x", "y"}, {"z"}, "add0");
  Result<shape::GraphInference> r =
      shape::infer_graph(b.model(), b.model().graph, {}, shape::InferOptions{});
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("add0"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("3 vs 4"), std::string::npos) << r.status().message();
}

TEST(SymbolicInfer, ReshapeCopiesAndSolvesMinusOne) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, -1, 768}, {"batch", "seq", ""});
  b.initializer("heads", ints({0, 0, 12, 64}));
  b.initializer("flat", ints({-1, 768}));
  b.initializer("back", ints({0, -1}));
  b.node("Reshape", {"x", "heads"}, {"h"});
  b.node("Reshape", {"x", "flat"}, {"f"});
  b.node("Reshape", {"h", "back"}, {"g"});
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "h"), "[batch, seq, 12, 64]");
  EXPECT_EQ(shape_of(inf, "f"), "[batch*seq, 768]");
  EXPECT_EQ(shape_of(inf, "g"), "[batch, 768*seq]");
}

TEST(SymbolicInfer, SliceOfSymbolicDim) {
  ModelBuilder b;
  const int64_t big = std::numeric_limits<int64_t>::max();
  b.input("x", DType::kFloat32, {-1, -1}, {"batch", "seq"});
  b.initializer("one", ints({1}));
  b.initializer("zero", ints({0}));
  b.initializer("minus1", ints({-1}));
  b.initializer("end", ints({big}));
  b.initializer("axis1", ints({1}));
  b.initializer("two", ints({2}));
  b.node("Slice", {"x", "one", "end", "axis1"}, {"tail"});
  b.node("Slice", {"x", "zero", "minus1", "axis1"}, {"head"});
  b.node("Slice", {"x", "zero", "two", "axis1"}, {"first2"});  // min(2, seq): unknown
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "tail"), "[batch, seq-1]");
  EXPECT_EQ(shape_of(inf, "head"), "[batch, seq-1]");
  EXPECT_EQ(shape_of(inf, "first2"), "[batch, unk_0]");  // min(2, seq): a new size
}

TEST(SymbolicInfer, ConvAndPoolFormulas) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, 3, -1, -1}, {"n", "", "h", "w"});
  b.initializer("W", Tensor::empty(DType::kFloat32, {8, 3, 3, 3}));
  ir::Node& conv = b.node("Conv", {"x", "W"}, {"c"});
  conv.attributes.push_back(ModelBuilder::ints("pads", {1, 1, 1, 1}));
  conv.attributes.push_back(ModelBuilder::ints("strides", {2, 2}));
  ir::Node& pool = b.node("MaxPool", {"x"}, {"p"});
  pool.attributes.push_back(ModelBuilder::ints("kernel_shape", {2, 2}));
  pool.attributes.push_back(ModelBuilder::ints("strides", {2, 2}));
  ir::Node& same = b.node("AveragePool", {"x"}, {"s"});
  same.attributes.push_back(ModelBuilder::ints("kernel_shape", {3, 3}));
  same.attributes.push_back(ModelBuilder::ints("strides", {3, 3}));
  ir::Attribute auto_pad;
  auto_pad.name = "auto_pad";
  auto_pad.type = ir::Attribute::Type::kString;
  auto_pad.s = "SAME_UPPER";
  same.attributes.push_back(auto_pad);
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "c"), "[n, 8, floor((h+1)/2), floor((w+1)/2)]");
  EXPECT_EQ(shape_of(inf, "p"), "[n, 3, floor(h/2), floor(w/2)]");
  EXPECT_EQ(shape_of(inf, "s"), "[n, 3, floor((h+2)/3), floor((w+2)/3)]");
}

TEST(SymbolicInfer, FlattenTransposeMatMul) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, -1, 4}, {"batch", "seq", ""});
  b.initializer("W", Tensor::empty(DType::kFloat32, {4, 6}));
  b.node("Flatten", {"x"}, {"f"}).attributes.push_back(ModelBuilder::int_attr("axis", 2));
  b.node("Transpose", {"x"}, {"t"}).attributes.push_back(ModelBuilder::ints("perm", {2, 0, 1}));
  b.node("MatMul", {"x", "W"}, {"m"});
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "f"), "[batch*seq, 4]");
  EXPECT_EQ(shape_of(inf, "t"), "[4, batch, seq]");
  EXPECT_EQ(shape_of(inf, "m"), "[batch, seq, 6]");
}

// The exporter pattern of a BERT encoder: the head split reshapes x with a target shape built
// from Shape(x), and the merge reshapes back; batch and seq must survive both.
TEST(SymbolicInfer, BertLikeShapeChainKeepsBatchAndSeq) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, -1, 768}, {"batch", "seq", ""});
  b.initializer("i0", Tensor::scalar<int64_t>(0));
  b.initializer("i1", Tensor::scalar<int64_t>(1));
  b.initializer("ax0", ints({0}));
  b.initializer("c12", ints({12}));
  b.initializer("c64", ints({64}));
  b.initializer("c768", ints({768}));
  b.node("Shape", {"x"}, {"s"});
  b.node("Gather", {"s", "i0"}, {"b"});
  b.node("Gather", {"s", "i1"}, {"q"});
  b.node("Unsqueeze", {"b", "ax0"}, {"ub"});
  b.node("Unsqueeze", {"q", "ax0"}, {"uq"});
  b.node("Concat", {"ub", "uq", "c12", "c64"}, {"split_shape"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 0));
  b.node("Reshape", {"x", "split_shape"}, {"heads"});
  b.node("Transpose", {"heads"}, {"ht"})
      .attributes.push_back(ModelBuilder::ints("perm", {0, 2, 1, 3}));
  b.node("Transpose", {"heads"}, {"hk"})
      .attributes.push_back(ModelBuilder::ints("perm", {0, 2, 3, 1}));
  b.node("MatMul", {"ht", "hk"}, {"scores"});
  b.node("Concat", {"ub", "uq", "c768"}, {"merge_shape"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 0));
  b.node("Reshape", {"heads", "merge_shape"}, {"merged"});
  b.node("ConstantOfShape", {"s"}, {"zeros"});
  b.node("Expand", {"i1", "s"}, {"ones"});
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "heads"), "[batch, seq, 12, 64]");
  EXPECT_EQ(shape_of(inf, "scores"), "[batch, 12, seq, seq]");
  EXPECT_EQ(shape_of(inf, "merged"), "[batch, seq, 768]");
  EXPECT_EQ(shape_of(inf, "zeros"), "[batch, seq, 768]");
  EXPECT_EQ(shape_of(inf, "ones"), "[batch, seq, 768]");
  // The fixed element of the shape becomes a constant.
  b.initializer("i2", Tensor::scalar<int64_t>(2));
  b.node("Gather", {"s", "i2"}, {"hidden"});
  shape::GraphInference again = infer(b);
  const ops::ValueType* hidden = again.find("hidden");
  ASSERT_TRUE(hidden && hidden->is_constant());
  EXPECT_EQ(hidden->int_values()->at(0), 768);
}

TEST(SymbolicInfer, ShapeArithmeticAndMinusOneTarget) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, -1, 768}, {"batch", "seq", ""});
  b.initializer("i0", Tensor::scalar<int64_t>(0));
  b.initializer("i1", Tensor::scalar<int64_t>(1));
  b.initializer("ax0", ints({0}));
  b.initializer("m1", ints({-1}));
  b.initializer("c768", ints({768}));
  b.node("Shape", {"x"}, {"s"});
  b.node("Gather", {"s", "i0"}, {"bt"});
  b.node("Gather", {"s", "i1"}, {"sq"});
  b.node("Mul", {"bt", "sq"}, {"tokens"});
  b.node("Unsqueeze", {"tokens", "ax0"}, {"ut"});
  b.node("Concat", {"ut", "c768"}, {"t1"}).attributes.push_back(ModelBuilder::int_attr("axis", 0));
  b.node("Reshape", {"x", "t1"}, {"r1"});
  b.node("Concat", {"m1", "c768"}, {"t2"}).attributes.push_back(ModelBuilder::int_attr("axis", 0));
  b.node("Reshape", {"x", "t2"}, {"r2"});
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "r1"), "[batch*seq, 768]");
  EXPECT_EQ(shape_of(inf, "r2"), "[batch*seq, 768]");
}

TEST(SymbolicInfer, PadResizeTileConvTransposeRange) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, 3, -1, -1}, {"n", "", "h", "w"});
  b.initializer("pads", ints({0, 0, 1, 2, 0, 0, 1, 2}));
  b.initializer("scales", Tensor::from_vector<float>({4}, {1.f, 1.f, 2.f, 3.f}));
  b.initializer("reps", ints({1, 1, 1, 2}));
  b.initializer("W", Tensor::empty(DType::kFloat32, {3, 4, 3, 3}));
  b.initializer("zero", Tensor::scalar<int64_t>(0));
  b.initializer("two", Tensor::scalar<int64_t>(2));
  b.initializer("step", Tensor::scalar<int64_t>(1));
  b.node("Pad", {"x", "pads"}, {"padded"});
  b.node("Resize", {"x", "", "scales"}, {"resized"});
  b.node("Tile", {"x", "reps"}, {"tiled"});
  b.node("ConvTranspose", {"x", "W"}, {"up"})
      .attributes.push_back(ModelBuilder::ints("strides", {2, 2}));
  b.node("Shape", {"x"}, {"s"});
  b.node("Gather", {"s", "two"}, {"height"});
  b.node("Range", {"zero", "height", "step"}, {"rows"});
  b.node("Concat", {"x", "x", "x"}, {"x3"}).attributes.push_back(ModelBuilder::int_attr("axis", 2));
  b.node("Split", {"x3"}, {"part0", "part1", "part2"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 2));
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "padded"), "[n, 3, h+2, w+4]");
  EXPECT_EQ(shape_of(inf, "resized"), "[n, 3, 2*h, 3*w]");
  EXPECT_EQ(shape_of(inf, "tiled"), "[n, 3, h, 2*w]");
  EXPECT_EQ(shape_of(inf, "up"), "[n, 4, 2*h+1, 2*w+1]");
  EXPECT_EQ(shape_of(inf, "rows"), "[h]");
  EXPECT_EQ(shape_of(inf, "x3"), "[n, 3, 3*h, w]");
  EXPECT_EQ(shape_of(inf, "part2"), "[n, 3, h, w]");
}

// Positional embeddings as exporters slice them: pos[0:seq] of a fixed table is min(seq, 512),
// and adding it to [batch, seq, d] can only give seq.
TEST(SymbolicInfer, SliceBySymbolicEndThenBroadcast) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, -1, 8}, {"batch", "seq", ""});
  b.initializer("pos", Tensor::empty(DType::kFloat32, {512, 8}));
  b.initializer("i1", Tensor::scalar<int64_t>(1));
  b.initializer("ax0", ints({0}));
  b.initializer("zero", ints({0}));
  b.node("Shape", {"x"}, {"s"});
  b.node("Gather", {"s", "i1"}, {"q"});
  b.node("Unsqueeze", {"q", "ax0"}, {"end"});
  b.node("Slice", {"pos", "zero", "end", "ax0"}, {"p"});
  b.node("Add", {"x", "p"}, {"y"});
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "p"), "[min(seq, 512), 8]");
  EXPECT_EQ(shape_of(inf, "y"), "[batch, seq, 8]");
}

// Sizes no rule derives get names (unk_N), so equal ones stay equal downstream: an input's unnamed
// dim, and a data-dependent count.
TEST(SymbolicInfer, UnknownSizesAreNamedOnce) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, 4});
  b.node("Relu", {"x"}, {"r1"});
  b.node("Sigmoid", {"x"}, {"r2"});
  b.node("Add", {"r1", "r2"}, {"sum"});
  b.node("NonZero", {"x"}, {"nz"});
  b.node("Transpose", {"nz"}, {"nzt"}).attributes.push_back(ModelBuilder::ints("perm", {1, 0}));
  shape::GraphInference inf = infer(b);
  EXPECT_EQ(shape_of(inf, "x"), "[unk_0, 4]");
  EXPECT_EQ(shape_of(inf, "sum"), "[unk_0, 4]");
  EXPECT_EQ(shape_of(inf, "nz"), "[2, unk_1]");
  EXPECT_EQ(shape_of(inf, "nzt"), "[unk_1, 2]");
}

TEST(DeclaredTypes, ReportsContradictionsOnly) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {-1, 4}, {"batch", ""});
  b.node("Relu", {"x"}, {"y"});
  b.node("Relu", {"x"}, {"z"});
  b.node("Relu", {"x"}, {"w"});
  b.node("Relu", {"x"}, {"ok"});
  b.output("y", DType::kFloat32, {-1, 5}, {"batch", ""});  // fixed dim differs
  b.output("z", DType::kInt64, {-1, 4}, {"batch", ""});    // element type differs
  b.output("ok", DType::kFloat32, {-1, -1}, {"n", ""});    // says less: fine
  ir::ValueInfo w;
  w.name = "w";
  w.type = ir::TypeInfo::tensor(DType::kFloat32, {-1, 4, 1});  // rank differs
  b.model().graph.value_info.push_back(w);
  shape::GraphInference inf = infer(b);
  std::vector<shape::TypeConflict> c = shape::check_declared_types(b.model(), inf);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].value, "y");
  EXPECT_EQ(c[0].kind, shape::TypeConflict::Kind::kDim);
  EXPECT_EQ(c[0].message,
            "graph output 'y': declared float [batch, 5], inferred float [batch, 4] (dim 1 "
            "differs)");
  EXPECT_EQ(c[1].value, "z");
  EXPECT_EQ(c[1].kind, shape::TypeConflict::Kind::kElementType);
  EXPECT_EQ(c[2].value, "w");
  EXPECT_EQ(c[2].where, "value_info");
  EXPECT_EQ(c[2].kind, shape::TypeConflict::Kind::kRank);
}

}  // namespace
