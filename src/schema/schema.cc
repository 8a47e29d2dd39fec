#include "schema/schema.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "schema/defs.h"

namespace onyx::schema {
namespace {

constexpr std::string_view kDomains[] = {"", "ai.onnx.ml", "ai.onnx.preview",
                                         "ai.onnx.preview.training"};

std::vector<OpSchema> build_table() {
  std::vector<OpSchema> all;
  {
    SchemaBuilder b(&all, "");
    add_controlflow_schemas(b);
    add_generator_schemas(b);
    add_image_schemas(b);
    add_logical_schemas(b);
    add_math_schemas(b);
    add_nn_schemas(b);
    add_object_detection_schemas(b);
    add_optional_schemas(b);
    add_quantization_schemas(b);
    add_reduction_schemas(b);
    add_rnn_schemas(b);
    add_sequence_schemas(b);
    add_tensor_schemas(b);
    add_text_schemas(b);
  }
  {
    SchemaBuilder b(&all, "ai.onnx.ml");
    add_ml_schemas(b);
  }
  {
    SchemaBuilder b(&all, "ai.onnx.preview");
    add_preview_schemas(b);
  }
  {
    SchemaBuilder b(&all, "ai.onnx.preview.training");
    add_training_schemas(b);
  }
  auto key = [](const OpSchema& s) { return std::tie(s.domain, s.name, s.since_version); };
  std::sort(all.begin(), all.end(),
            [&](const OpSchema& a, const OpSchema& b) { return key(a) < key(b); });
  for (size_t i = 1; i < all.size(); ++i)
    if (key(all[i - 1]) == key(all[i]))
      throw std::logic_error("schema table: " + all[i].name + "-" +
                             std::to_string(all[i].since_version) + " defined twice");
  return all;
}

// [first, last) range of (domain, name) in the sorted table.
std::pair<const OpSchema*, const OpSchema*> op_range(std::string_view domain,
                                                     std::string_view name) {
  const std::vector<OpSchema>& all = all_schemas();
  domain = canonical_domain(domain);
  auto lo = std::lower_bound(
      all.begin(), all.end(), std::make_pair(domain, name),
      [](const OpSchema& s, const std::pair<std::string_view, std::string_view>& k) {
        return std::make_pair(std::string_view(s.domain), std::string_view(s.name)) < k;
      });
  auto hi = lo;
  while (hi != all.end() && hi->domain == domain && hi->name == name) ++hi;
  return {all.data() + (lo - all.begin()), all.data() + (hi - all.begin())};
}

}  // namespace

const char* attr_type_name(AttrType type) {
  switch (type) {
    case AttrType::kUndefined:
      return "UNDEFINED";
    case AttrType::kFloat:
      return "FLOAT";
    case AttrType::kInt:
      return "INT";
    case AttrType::kString:
      return "STRING";
    case AttrType::kTensor:
      return "TENSOR";
    case AttrType::kGraph:
      return "GRAPH";
    case AttrType::kFloats:
      return "FLOATS";
    case AttrType::kInts:
      return "INTS";
    case AttrType::kStrings:
      return "STRINGS";
    case AttrType::kTensors:
      return "TENSORS";
    case AttrType::kGraphs:
      return "GRAPHS";
    case AttrType::kSparseTensor:
      return "SPARSE_TENSOR";
    case AttrType::kSparseTensors:
      return "SPARSE_TENSORS";
    case AttrType::kTypeProto:
      return "TYPE_PROTO";
    case AttrType::kTypeProtos:
      return "TYPE_PROTOS";
  }
  return "UNKNOWN";
}

const AttrSchema* OpSchema::attribute(std::string_view attr_name) const {
  for (const AttrSchema& a : attributes)
    if (a.name == attr_name) return &a;
  return nullptr;
}

const TypeConstraint* OpSchema::constraint(std::string_view constraint_name) const {
  for (const TypeConstraint& c : constraints)
    if (c.name == constraint_name) return &c;
  return nullptr;
}

std::string_view canonical_domain(std::string_view domain) {
  return domain == "ai.onnx" ? std::string_view() : domain;
}

const std::vector<OpSchema>& all_schemas() {
  static const std::vector<OpSchema> table = build_table();
  return table;
}

const OpSchema* find_schema(std::string_view domain, std::string_view name, int64_t opset_version) {
  auto [lo, hi] = op_range(domain, name);
  const OpSchema* best = nullptr;
  for (const OpSchema* s = lo; s != hi; ++s)
    if (s->since_version <= opset_version) best = s;
  return best;
}

std::vector<const OpSchema*> schema_versions(std::string_view domain, std::string_view name) {
  auto [lo, hi] = op_range(domain, name);
  std::vector<const OpSchema*> out;
  for (const OpSchema* s = lo; s != hi; ++s) out.push_back(s);
  return out;
}

bool is_known_op(std::string_view domain, std::string_view name) {
  auto [lo, hi] = op_range(domain, name);
  return lo != hi;
}

bool is_standard_domain(std::string_view domain) {
  domain = canonical_domain(domain);
  for (std::string_view d : kDomains)
    if (d == domain) return true;
  return false;
}

int64_t newest_opset(std::string_view domain) {
  // Per domain, computed once with the table (the checker asks once per node).
  static const std::vector<std::pair<std::string, int64_t>> newest = [] {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const OpSchema& s : all_schemas()) {
      if (out.empty() || out.back().first != s.domain) out.emplace_back(s.domain, 0);
      out.back().second = std::max<int64_t>(out.back().second, s.since_version);
    }
    return out;
  }();
  domain = canonical_domain(domain);
  for (const auto& [d, version] : newest)
    if (d == domain) return version;
  return 0;
}

}  // namespace onyx::schema
