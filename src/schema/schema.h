// Operator schemas: the ONNX standard's operator signatures, one table for the whole toolkit.
//
// Each OpSchema is one version of one operator (domain, name, since_version) as the ONNX standard
// defines it, whether or not the runtime implements it: formal inputs/outputs with their arity
// options, type constraints, attributes with types and defaults. The checker (src/check), shape
// inference, the viewer's panel (src/inspect) and docs/ops.md read it. The data lives in
// defs_<family>.cc files written with SchemaBuilder (schema/builder.h).
//
// Type strings follow ONNX's spelling: "tensor(float)", "seq(tensor(int64))",
// "optional(seq(tensor(float)))", "map(int64,tensor(float))", "sparse_tensor(float)".
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace onyx::schema {

// ONNX OpSchema::FormalParameterOption.
enum class Option : uint8_t { kSingle, kOptional, kVariadic };

// AttributeProto.AttributeType numbering.
enum class AttrType : uint8_t {
  kUndefined = 0,
  kFloat = 1,
  kInt = 2,
  kString = 3,
  kTensor = 4,
  kGraph = 5,
  kFloats = 6,
  kInts = 7,
  kStrings = 8,
  kTensors = 9,
  kGraphs = 10,
  kSparseTensor = 11,
  kSparseTensors = 12,
  kTypeProto = 13,
  kTypeProtos = 14,
};
// "INT", "FLOATS", ... as ONNX spells AttributeType names.
const char* attr_type_name(AttrType type);

struct Formal {
  std::string name;
  std::string type;  // a constraint name ("T") or one concrete type string ("tensor(int64)")
  Option option = Option::kSingle;
  bool homogeneous = true;  // variadic: every value has the same type
  int min_arity = 1;        // variadic: fewest values accepted
};

struct TypeConstraint {
  std::string name;                // "T"
  std::vector<std::string> types;  // allowed type strings, sorted
};

struct AttrSchema {
  std::string name;
  AttrType type = AttrType::kUndefined;
  bool required = false;
  std::string default_value;  // display text of the default ("1", "[1, 1]", "NOTSET"); "" = none
};

constexpr int kUnbounded = std::numeric_limits<int>::max();

struct OpSchema {
  std::string domain;  // "" = ai.onnx
  std::string name;
  int since_version = 1;
  bool deprecated = false;  // this version marks the op deprecated: no node may use it
  std::vector<Formal> inputs, outputs;
  std::vector<TypeConstraint> constraints;
  std::vector<AttrSchema> attributes;  // sorted by name
  // Accepted counts of node inputs/outputs (trailing omitted optionals included). Derived from the
  // formals as ONNX does (each single or optional formal counts one, a variadic formal its
  // min_arity .. unbounded) unless SchemaBuilder overrode them.
  int min_inputs = 0, max_inputs = 0, min_outputs = 0, max_outputs = 0;
  // When not empty, the only output counts allowed (within min/max): ONNX's NumOutputs({...}),
  // e.g. BatchNormalization's {1, 5} (inference or training outputs, nothing between).
  std::vector<int> allowed_output_counts;
  std::string summary;  // one sentence in onyx's own words, for the viewer and docs/ops.md

  const AttrSchema* attribute(std::string_view attr_name) const;
  const TypeConstraint* constraint(std::string_view constraint_name) const;
};

// Normalizes a node's domain: "ai.onnx" is the default domain "".
std::string_view canonical_domain(std::string_view domain);

// Every schema, sorted by (domain, name, since_version). Built once on first use (thread-safe).
const std::vector<OpSchema>& all_schemas();

// The version of `name` in `domain` that an opset import of `opset_version` selects: the one with
// the largest since_version <= opset_version. nullptr if the op does not exist at that version.
const OpSchema* find_schema(std::string_view domain, std::string_view name, int64_t opset_version);

// All versions of one op, oldest first; empty if unknown.
std::vector<const OpSchema*> schema_versions(std::string_view domain, std::string_view name);

// True if any schema exists for (domain, name) at any version.
bool is_known_op(std::string_view domain, std::string_view name);

// Whether onyx's table covers `domain` (ai.onnx, ai.onnx.ml, ai.onnx.preview,
// ai.onnx.preview.training), and the newest opset version it knows for it (0 if unknown).
bool is_standard_domain(std::string_view domain);
int64_t newest_opset(std::string_view domain);

}  // namespace onyx::schema
