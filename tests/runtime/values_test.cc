// Sequences and optionals through Session: metadata, feeding, ops, results, errors.
#include <gtest/gtest.h>

#include "common/model_builder.h"
#include "onyx/session.hpp"
#include "runtime/graph_builder.h"

namespace onyx {
namespace {

using testing::floats;
using testing::ModelBuilder;
using testing::value_info;
using testing::values_of;

// s = SequenceConstruct(a, b); s2 = SequenceInsert(s, c, 0); n = SequenceLength(s2);
// cat = ConcatFromSequence(s2, axis 0); last = SequenceAt(s2, -1); s3 = SequenceErase(s2)
ModelBuilder sequence_model() {
  ModelBuilder b(17);
  b.input("a", DType::kFloat32, {2});
  b.input("b", DType::kFloat32, {3});
  b.input("c", DType::kFloat32, {1});
  b.initializer("zero", Tensor::scalar<int64_t>(0));
  b.initializer("minus_one", Tensor::scalar<int64_t>(-1));
  b.node("SequenceConstruct", {"a", "b"}, {"s"});
  b.node("SequenceInsert", {"s", "c", "zero"}, {"s2"});
  b.node("SequenceLength", {"s2"}, {"n"});
  b.node("ConcatFromSequence", {"s2"}, {"cat"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 0));
  b.node("SequenceAt", {"s2", "minus_one"}, {"last"});
  b.node("SequenceErase", {"s2"}, {"s3"});
  auto& outs = b.model().graph.outputs;
  outs.push_back(value_info("s2", testing::seq_type(DType::kFloat32)));
  b.output("n", DType::kInt64);
  b.output("cat", DType::kFloat32);
  b.output("last", DType::kFloat32);
  outs.push_back(value_info("s3", testing::seq_type(DType::kFloat32)));
  return b;
}

TEST(Values, SequencesThroughAGraph) {
  Session s = sequence_model().session().value();
  EXPECT_EQ(s.outputs()[0].kind, ValueMeta::Kind::kSequence);
  EXPECT_EQ(s.outputs()[0].type_string, "seq(tensor(float))");
  EXPECT_EQ(s.outputs()[0].dtype, DType::kFloat32);
  auto out = s.run_values(
      {{"a", floats({2}, {1, 2})}, {"b", floats({3}, {3, 4, 5})}, {"c", floats({1}, {0})}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  const Value& s2 = (*out)[0];
  ASSERT_EQ(s2.kind(), Value::Kind::kSequence);
  ASSERT_EQ(s2.items().size(), 3u);
  EXPECT_EQ(values_of(s2.items()[0]), (std::vector<float>{0}));
  EXPECT_EQ(values_of(s2.items()[2]), (std::vector<float>{3, 4, 5}));
  EXPECT_EQ((*out)[1].tensor().data<int64_t>()[0], 3);
  EXPECT_EQ(values_of((*out)[2].tensor()), (std::vector<float>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(values_of((*out)[3].tensor()), (std::vector<float>{3, 4, 5}));
  ASSERT_EQ((*out)[4].items().size(), 2u);
  EXPECT_EQ(values_of((*out)[4].items()[1]), (std::vector<float>{1, 2}));

  // The tensor API refuses non-tensor outputs with a pointer to run_values.
  auto tensors =
      s.run({{"a", floats({2}, {1, 2})}, {"b", floats({3}, {3, 4, 5})}, {"c", floats({1}, {0})}});
  ASSERT_FALSE(tensors.is_ok());
  EXPECT_NE(tensors.status().message().find("run_values"), std::string::npos);
}

TEST(Values, SequenceInputSplitAndIdentity) {
  ModelBuilder b(17);
  b.model().graph.inputs.push_back(value_info("seq", testing::seq_type(DType::kFloat32)));
  b.input("x", DType::kFloat32, {2, 3});
  b.node("Identity", {"seq"}, {"same"});
  b.node("SplitToSequence", {"x"}, {"rows"})
      .attributes.push_back(ModelBuilder::int_attr("keepdims", 0));
  b.node("ConcatFromSequence", {"same"}, {"stacked"}).attributes = {
      ModelBuilder::int_attr("axis", 0), ModelBuilder::int_attr("new_axis", 1)};
  b.model().graph.outputs.push_back(value_info("rows", testing::seq_type(DType::kFloat32)));
  b.output("stacked", DType::kFloat32);
  Session s = b.session().value();
  ASSERT_EQ(s.inputs()[0].kind, ValueMeta::Kind::kSequence);
  EXPECT_EQ(s.inputs()[0].type_string, "seq(tensor(float))");

  Value seq = Value::sequence(DType::kFloat32, {floats({2}, {1, 2}), floats({2}, {3, 4})});
  auto out = s.run_values({{"seq", seq}, {"x", floats({2, 3}, {1, 2, 3, 4, 5, 6})}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  const Value& rows = (*out)[0];
  ASSERT_EQ(rows.items().size(), 2u);
  EXPECT_EQ(rows.items()[1].shape(), (Shape{3}));
  EXPECT_EQ(values_of(rows.items()[1]), (std::vector<float>{4, 5, 6}));
  EXPECT_EQ((*out)[1].tensor().shape(), (Shape{2, 2}));
  EXPECT_EQ(values_of((*out)[1].tensor()), (std::vector<float>{1, 2, 3, 4}));

  // Feeding a tensor where a sequence is declared is an error naming both types.
  auto wrong = s.run_values({{"seq", floats({2}, {1, 2})}, {"x", floats({2, 3}, {})}});
  ASSERT_FALSE(wrong.is_ok());
  EXPECT_NE(wrong.status().message().find("seq(tensor(float))"), std::string::npos);
}

TEST(Values, OptionalNoneAndPresent) {
  ModelBuilder b(18);
  b.model().graph.inputs.push_back(
      value_info("opt", testing::optional_type(testing::tensor_type(DType::kFloat32, {2}))));
  b.node("OptionalHasElement", {"opt"}, {"has"});
  b.node("OptionalGetElement", {"opt"}, {"got"});
  b.output("has", DType::kBool);
  b.output("got", DType::kFloat32);
  Session s = b.session().value();
  EXPECT_EQ(s.inputs()[0].kind, ValueMeta::Kind::kOptional);
  EXPECT_EQ(s.inputs()[0].type_string, "optional(tensor(float))");

  auto present = s.run_values({{"opt", Value::optional(floats({2}, {7, 8}))}});
  ASSERT_TRUE(present.is_ok()) << present.status().to_string();
  EXPECT_TRUE((*present)[0].tensor().data<bool>()[0]);
  EXPECT_EQ(values_of((*present)[1].tensor()), (std::vector<float>{7, 8}));

  auto none = s.run_values({{"opt", Value::none(Value::Kind::kTensor, DType::kFloat32)}});
  ASSERT_FALSE(none.is_ok());
  EXPECT_NE(none.status().message().find("holds no value"), std::string::npos);
}

TEST(Values, OptionalOpWrapsAndTensorOpsRefuseSequences) {
  ModelBuilder b(18);
  b.input("x", DType::kFloat32, {2});
  b.node("Optional", {"x"}, {"o"});
  b.node("OptionalHasElement", {"o"}, {"has"});
  b.output("has", DType::kBool);
  Session s = b.session().value();
  auto out = s.run({{"x", floats({2}, {1, 2})}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_TRUE((*out)[0].data<bool>()[0]);

  // Opset 18 takes a tensor directly; a constant one is not folded but runs as a step.
  ModelBuilder constant(18);
  constant.input("x", DType::kFloat32, {2});
  constant.initializer("w", floats({2}, {1, 2}));
  constant.node("OptionalHasElement", {"w"}, {"has"});
  constant.node("OptionalGetElement", {"w"}, {"got"});
  constant.node("Add", {"x", "got"}, {"sum"});
  constant.output("has", DType::kBool).output("sum", DType::kFloat32);
  auto c = constant.session().value().run({{"x", floats({2}, {10, 20})}});
  ASSERT_TRUE(c.is_ok()) << c.status().to_string();
  EXPECT_TRUE((*c)[0].data<bool>()[0]);
  EXPECT_EQ(values_of((*c)[1]), (std::vector<float>{11, 22}));

  ModelBuilder bad(17);
  bad.input("x", DType::kFloat32, {2});
  bad.node("SequenceConstruct", {"x"}, {"s"});
  bad.node("Relu", {"s"}, {"y"});
  bad.output("y", DType::kFloat32);
  auto load = bad.session();
  ASSERT_FALSE(load.is_ok());
  EXPECT_NE(load.status().message().find("seq(tensor(float)), but Relu takes tensors"),
            std::string::npos)
      << load.status().message();
}

TEST(Values, SequenceAtOutOfRangeIsARunError) {
  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {2});
  b.input("i", DType::kInt64, {});
  b.node("SequenceConstruct", {"x", "x"}, {"s"});
  b.node("SequenceAt", {"s", "i"}, {"y"});
  b.output("y", DType::kFloat32);
  Session s = b.session().value();
  auto ok = s.run({{"x", floats({2}, {1, 2})}, {"i", Tensor::scalar<int64_t>(-2)}});
  ASSERT_TRUE(ok.is_ok()) << ok.status().to_string();
  EXPECT_EQ(values_of((*ok)[0]), (std::vector<float>{1, 2}));
  auto bad = s.run({{"x", floats({2}, {1, 2})}, {"i", Tensor::scalar<int64_t>(2)}});
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("position 2 is out of range"), std::string::npos);
}

// SplitToSequence with a scalar split (last chunk shorter) on axis 1, then ConcatFromSequence
// stacking along a new last axis (axis -1) and concatenating back; string tensors too.
TEST(Values, SplitRemainderStackAndStrings) {
  ModelBuilder b(17);
  b.input("x", DType::kFloat32, {2, 5});
  b.input("words", DType::kString, {3});
  b.initializer("two", Tensor::scalar<int64_t>(2));
  b.node("SplitToSequence", {"x", "two"}, {"parts"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 1));
  b.node("ConcatFromSequence", {"parts"}, {"back"})
      .attributes.push_back(ModelBuilder::int_attr("axis", 1));
  b.node("SplitToSequence", {"words"}, {"word_seq"});
  b.node("ConcatFromSequence", {"word_seq"}, {"stacked"}).attributes = {
      ModelBuilder::int_attr("axis", -1), ModelBuilder::int_attr("new_axis", 1)};
  b.model().graph.outputs.push_back(value_info("parts", testing::seq_type(DType::kFloat32)));
  b.output("back", DType::kFloat32);
  b.output("stacked", DType::kString);
  Session s = b.session().value();
  Tensor x = floats({2, 5}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  Tensor words = Tensor::from_vector<std::string>({3}, {"a", "bb", "ccc"});
  auto out = s.run_values({{"x", x}, {"words", words}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  const std::vector<Tensor>& parts = (*out)[0].items();
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(parts[2].shape(), (Shape{2, 1}));
  EXPECT_EQ(values_of(parts[2]), (std::vector<float>{4, 9}));
  EXPECT_EQ(values_of((*out)[1].tensor()), values_of(x));
  const Tensor& stacked = (*out)[2].tensor();
  ASSERT_EQ(stacked.shape(), (Shape{1, 3}));
  EXPECT_EQ(stacked.data<std::string>()[2], "ccc");
}

TEST(Values, MapsPassThroughIdentity) {
  ir::TypeInfo map_type;
  map_type.kind = ir::TypeInfo::Kind::kMap;
  map_type.map_key_type = DType::kInt64;
  map_type.inner = std::make_shared<ir::TypeInfo>(testing::tensor_type(DType::kFloat32, {}, false));
  ModelBuilder b(17);
  b.model().graph.inputs.push_back(value_info("m", map_type));
  b.node("Identity", {"m"}, {"m2"});
  b.model().graph.outputs.push_back(value_info("m2", map_type));
  Session s = b.session().value();
  EXPECT_EQ(s.inputs()[0].kind, ValueMeta::Kind::kMap);
  EXPECT_EQ(s.inputs()[0].type_string, "map(int64,tensor(float))");
  EXPECT_EQ(s.inputs()[0].map_key_type, DType::kInt64);
  Value m = Value::map(Tensor::from_vector<int64_t>({2}, {3, 7}), floats({2}, {0.5f, 1.5f}));
  auto out = s.run_values({{"m", m}});
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  ASSERT_EQ((*out)[0].kind(), Value::Kind::kMap);
  EXPECT_EQ((*out)[0].map_keys().data<int64_t>()[1], 7);
  EXPECT_EQ(values_of((*out)[0].map_values()), (std::vector<float>{0.5f, 1.5f}));
}

}  // namespace
}  // namespace onyx
