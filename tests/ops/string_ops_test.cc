// StringNormalizer, StringConcat, StringSplit, RegexFullMatch, TfIdfVectorizer and the UTF-8 case
// mapping of ops/common/string_common.h.
#include <gtest/gtest.h>

#include "common/op_test_builder.h"
#include "ops/common/eval.h"
#include "ops/common/string_common.h"

namespace onyx::ops {
namespace {

using testing::OpTest;
using Strings = std::vector<std::string>;

ir::Attribute strings_attr(const std::string& name, Strings v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kStrings;
  a.strings = std::move(v);
  return a;
}

// A node with string-list attributes (OpTest has no setter for them), run eagerly.
Result<std::vector<Tensor>> eval_with(const std::string& op, int64_t opset,
                                      std::vector<ir::Attribute> attrs, std::vector<Tensor> inputs,
                                      int num_outputs = 1) {
  ir::Node node;
  node.op_type = op;
  node.name = "n";
  node.attributes = std::move(attrs);
  for (size_t i = 0; i < inputs.size(); ++i) node.inputs.push_back("x" + std::to_string(i));
  for (int i = 0; i < num_outputs; ++i) node.outputs.push_back("y" + std::to_string(i));
  return evaluate_node(node, opset, inputs);
}

Strings strings_of(const Tensor& t) {
  return Strings(t.data<std::string>(), t.data<std::string>() + t.numel());
}

ir::Attribute str_attr(const std::string& name, const std::string& v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kString;
  a.s = v;
  return a;
}
ir::Attribute int_attr(const std::string& name, int64_t v) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kInt;
  a.i = v;
  return a;
}

TEST(StringCommon, CaseMappingCoversLatinGreekCyrillic) {
  EXPECT_EQ(change_case("Hello, World 1", CaseChange::kUpper), "HELLO, WORLD 1");
  EXPECT_EQ(change_case("\xC3\x89t\xC3\xA9", CaseChange::kUpper), "\xC3\x89T\xC3\x89");  // Été
  EXPECT_EQ(change_case("\xC3\xBF", CaseChange::kUpper), "\xC5\xB8");  // ÿ -> Ÿ (2 bytes)
  EXPECT_EQ(change_case("\xCE\xA9\xD0\x96", CaseChange::kLower), "\xCF\x89\xD0\xB6");  // ΩЖ
  EXPECT_EQ(change_case("\xC4\xB9", CaseChange::kLower), "\xC4\xBA");  // Ĺ -> ĺ (odd pair)
  EXPECT_EQ(change_case("a\xFF"
                        "b",
                        CaseChange::kUpper),
            "A\xFF"
            "B");  // invalid byte kept
  EXPECT_EQ(change_case("MiXeD", CaseChange::kNone), "MiXeD");
}

TEST(StringNormalizerOp, CaseInsensitiveStopwordsThenUpper) {
  auto r =
      eval_with("StringNormalizer", 10,
                {strings_attr("stopwords", {"monday"}), str_attr("case_change_action", "UPPER")},
                {Tensor::from_vector<std::string>({1, 4}, {"Monday", "tuesday", "MONDAY", "x"})});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r.value()[0].shape(), (Shape{1, 2}));
  EXPECT_EQ(strings_of(r.value()[0]), (Strings{"TUESDAY", "X"}));
}

TEST(StringNormalizerOp, CaseSensitiveKeepsOtherCasesAndEmptiesToOneBlank) {
  auto r = eval_with("StringNormalizer", 10,
                     {strings_attr("stopwords", {"monday"}), int_attr("is_case_sensitive", 1),
                      str_attr("case_change_action", "LOWER")},
                     {Tensor::from_vector<std::string>({3}, {"monday", "Monday", "monday"})});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(strings_of(r.value()[0]), (Strings{"monday"}));  // "Monday" kept, then lowered
  auto empty = eval_with("StringNormalizer", 10, {strings_attr("stopwords", {"a"})},
                         {Tensor::from_vector<std::string>({2}, {"a", "a"})});
  ASSERT_TRUE(empty.is_ok());
  EXPECT_EQ(empty.value()[0].shape(), (Shape{1}));
  EXPECT_EQ(strings_of(empty.value()[0]), (Strings{""}));
}

TEST(StringNormalizerOp, RejectsBadActionAndShape) {
  OpTest("StringNormalizer", 10)
      .attr("case_change_action", "TITLE")
      .input<std::string>({1}, {"a"})
      .expect_error(StatusCode::kInvalidGraph, "case_change_action");
  OpTest("StringNormalizer", 10)
      .input<std::string>({2, 2}, {"a", "b", "c", "d"})
      .expect_error(StatusCode::kInvalidGraph, "[1, C]");
}

TEST(StringConcatOp, BroadcastsAndKeepsUtf8) {
  OpTest("StringConcat", 20)
      .input<std::string>({2, 2}, {"a", "b", "", "\xC3\xA9"})
      .input<std::string>({2}, {"1", "\xE2\x82\xAC"})
      .output<std::string>({2, 2}, {"a1", "b\xE2\x82\xAC", "1", "\xC3\xA9\xE2\x82\xAC"})
      .run();
  OpTest("StringConcat", 20)
      .input<std::string>({2}, {"a", "b"})
      .input<float>({2}, {1, 2})
      .expect_error(StatusCode::kNotImplemented, "float");
}

TEST(StringSplitOp, DelimiterMaxsplitAndPadding) {
  OpTest("StringSplit", 20)
      .attr("delimiter", "-")
      .input<std::string>({3}, {"a-b--c", "", "x"})
      .output<std::string>({3, 4}, {"a", "b", "", "c", "", "", "", "", "x", "", "", ""})
      .output<int64_t>({3}, {4, 1, 1})
      .run();
  OpTest("StringSplit", 20)
      .attr("delimiter", "ab")
      .attr("maxsplit", int64_t{1})
      .input<std::string>({1}, {"1ab2ab3"})
      .output<std::string>({1, 2}, {"1", "2ab3"})
      .output<int64_t>({1}, {2})
      .run();
}

TEST(StringSplitOp, WhitespaceRunsLikePython) {
  // Python: "  a \t b c  ".split() == ["a", "b", "c"]; .split(None, 1) == ["a", "b c  "].
  OpTest("StringSplit", 20)
      .input<std::string>({2}, {"  a \t b c  ", "   "})
      .output<std::string>({2, 3}, {"a", "b", "c", "", "", ""})
      .output<int64_t>({2}, {3, 0})
      .run();
  OpTest("StringSplit", 20)
      .attr("maxsplit", int64_t{1})
      .input<std::string>({1}, {"  a \t b c  "})
      .output<std::string>({1, 2}, {"a", "b c  "})
      .output<int64_t>({1}, {2})
      .run();
}

TEST(RegexFullMatchOp, WholeStringMatchesOnly) {
  OpTest("RegexFullMatch", 20)
      .attr("pattern", R"(www\.[\w.-]+\.\bcom\b)")
      .input<std::string>({2, 2},
                          {"www.google.com", "www.google.com/x", "google.com", "www.a-b.com"})
      .output<bool>({2, 2}, {true, false, false, true})
      .run();
  OpTest("RegexFullMatch", 20)
      .attr("pattern", "a*")
      .input<std::string>({1}, {std::string(100000, 'a')})
      .expect_error(StatusCode::kRuntimeException, "limited to 4096");
  OpTest("RegexFullMatch", 20)
      .attr("pattern", "(?P<x>a)")
      .input<std::string>({1}, {"a"})
      .expect_error(StatusCode::kNotImplemented, "named groups");
  OpTest("RegexFullMatch", 20)
      .attr("pattern", "(a")
      .input<std::string>({1}, {"a"})
      .expect_error(StatusCode::kInvalidGraph, "regular expression");
}

TEST(TfIdfVectorizerOp, SkipGramsCountedPerRow) {
  // Pool: unigrams {2, 3}, bigrams {(2,3), (3,2)}; columns 0..3.
  const Tensor x = Tensor::from_vector<int64_t>({2, 4}, {2, 3, 2, 9, 2, 9, 3, 3});
  auto run = [&](const std::string& mode, int64_t skip, std::vector<float> weights) {
    OpTest t("TfIdfVectorizer", 9);
    t.attr("mode", mode)
        .attr("min_gram_length", int64_t{1})
        .attr("max_gram_length", int64_t{2})
        .attr("max_skip_count", skip)
        .attr("ngram_counts", std::vector<int64_t>{0, 2})
        .attr("ngram_indexes", std::vector<int64_t>{0, 1, 2, 3})
        .attr("pool_int64s", std::vector<int64_t>{2, 3, 2, 3, 3, 2});
    if (!weights.empty()) t.attr("weights", weights);
    return t.input(x);
  };
  // Row 0 [2 3 2 9]: 2 x2, 3 x1, (2,3) x1, (3,2) x1 at skip 0; skip 1 adds (2,2),(3,9): none.
  // Row 1 [2 9 3 3]: 2 x1, 3 x2; skip 0: (3,3) only; skip 1 adds (2,3) [0,2] and (9,3).
  run("TF", 0, {}).output<float>({2, 4}, {2, 1, 1, 1, 1, 2, 0, 0}).run();
  run("TF", 1, {}).output<float>({2, 4}, {2, 1, 1, 1, 1, 2, 1, 0}).run();
  run("IDF", 1, {0.5f, 1, 2, 4}).output<float>({2, 4}, {0.5f, 1, 2, 4, 0.5f, 1, 2, 0}).run();
  run("TFIDF", 1, {0.5f, 1, 2, 4}).output<float>({2, 4}, {1, 1, 2, 4, 0.5f, 2, 2, 0}).run();
}

TEST(TfIdfVectorizerOp, StringPool) {
  auto r = eval_with(
      "TfIdfVectorizer", 9,
      {str_attr("mode", "TF"), int_attr("min_gram_length", 1), int_attr("max_gram_length", 1),
       int_attr("max_skip_count", 0), strings_attr("pool_strings", {"b", "a"}),
       [] {
         ir::Attribute a;
         a.name = "ngram_counts";
         a.type = ir::Attribute::Type::kInts;
         a.ints = {0};
         return a;
       }(),
       [] {
         ir::Attribute a;
         a.name = "ngram_indexes";
         a.type = ir::Attribute::Type::kInts;
         a.ints = {1, 0};
         return a;
       }()},
      {Tensor::from_vector<std::string>({4}, {"a", "b", "a", "c"})});
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  ASSERT_EQ(r.value()[0].shape(), (Shape{2}));
  EXPECT_EQ(r.value()[0].data<float>()[0], 2.0f);  // "a" -> column 0
  EXPECT_EQ(r.value()[0].data<float>()[1], 1.0f);  // "b" -> column 1
}

}  // namespace
}  // namespace onyx::ops
