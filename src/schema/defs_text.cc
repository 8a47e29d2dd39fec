// Schemas of the ONNX standard's "text" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

void add_regex_full_match(SchemaBuilder& b) {
  b.op("RegexFullMatch", 20)
      .summary("Elementwise test whether each string fully matches the pattern regular expression.")
      .input("X", "T1")
      .output("Y", "T2")
      .types("T1", types::tensors({"string"}))
      .types("T2", types::tensors({"bool"}))
      .attr("pattern", AttrType::kString);
}

void add_string_concat(SchemaBuilder& b) {
  b.op("StringConcat", 20)
      .summary("Elementwise concatenation of two string tensors (with broadcasting).")
      .input("X", "T")
      .input("Y", "T")
      .output("Z", "T")
      .types("T", types::tensors({"string"}));
}

void add_string_normalizer(SchemaBuilder& b) {
  b.op("StringNormalizer", 10)
      .summary(
          "Lower- or upper-cases strings and drops stop words from a 1-D or [1, C] string tensor.")
      .input("X", "tensor(string)")
      .output("Y", "tensor(string)")
      .attr("case_change_action", AttrType::kString, "NONE")
      .attr("is_case_sensitive", AttrType::kInt, "0")
      .attr("locale", AttrType::kString)
      .attr("stopwords", AttrType::kStrings);
}

void add_string_split(SchemaBuilder& b) {
  b.op("StringSplit", 20)
      .summary(
          "Splits each string at a delimiter (or runs of whitespace) into a padded tensor of "
          "substrings plus the number of pieces per string.")
      .input("X", "T1")
      .output("Y", "T2")
      .output("Z", "T3")
      .types("T1", types::tensors({"string"}))
      .types("T2", types::tensors({"string"}))
      .types("T3", types::tensors({"int64"}))
      .attr("delimiter", AttrType::kString)
      .attr("maxsplit", AttrType::kInt);
}

}  // namespace

void add_text_schemas(SchemaBuilder& b) {
  add_regex_full_match(b);
  add_string_concat(b);
  add_string_normalizer(b);
  add_string_split(b);
}

}  // namespace onyx::schema
