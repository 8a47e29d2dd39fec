// In-memory model IR: an owned, editable mirror of ONNX's ModelProto / GraphProto / NodeProto.
//
// Values are referred to by name (as in ONNX); an empty input name marks an omitted optional input.
// Tensors (initializers, tensor attributes) may borrow the model file's bytes; Model::backing keeps
// those alive.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "onyx/tensor.hpp"

namespace onyx::ir {

struct Graph;

// ONNX TypeProto.
struct TypeInfo {
  enum class Kind { kUnknown, kTensor, kSparseTensor, kSequence, kMap, kOptional };
  Kind kind = Kind::kUnknown;
  DType elem_type = DType::kUndefined;  // tensor / sparse tensor element type
  bool has_shape = false;               // shape field present (rank known)
  std::vector<int64_t> dims;            // -1 = no fixed value
  std::vector<std::string> dim_params;  // symbolic name per dim, "" if none
  DType map_key_type = DType::kUndefined;
  std::shared_ptr<TypeInfo> inner;  // sequence element, optional element, map value

  static TypeInfo tensor(DType dtype, std::vector<int64_t> dims);
  // onnxruntime-style string: "tensor(float)", "seq(tensor(int64))", "map(string,tensor(float))".
  std::string to_string() const;
};

struct ValueInfo {
  std::string name;
  TypeInfo type;
  std::string doc_string;
};

struct Attribute {
  // Values equal ONNX AttributeProto.AttributeType.
  enum class Type {
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
  std::string name;
  Type type = Type::kUndefined;
  std::string ref_attr_name;  // inside functions: refers to the caller's attribute
  std::string doc_string;
  float f = 0;
  int64_t i = 0;
  std::string s;  // bytes, not necessarily UTF-8
  Tensor t;       // kTensor, or kSparseTensor densified
  std::shared_ptr<Graph> g;
  std::vector<float> floats;
  std::vector<int64_t> ints;
  std::vector<std::string> strings;
  std::vector<Tensor> tensors;  // kTensors, or kSparseTensors densified
  std::vector<std::shared_ptr<Graph>> graphs;
  std::vector<TypeInfo> type_protos;  // kTypeProto (one) / kTypeProtos
};

const char* attribute_type_name(Attribute::Type type);

struct Node {
  std::string name;
  std::string op_type;
  std::string domain;  // "" or "ai.onnx" = default domain
  std::string doc_string;
  std::vector<std::string> inputs;   // "" = omitted optional input
  std::vector<std::string> outputs;  // "" = omitted optional output
  std::vector<Attribute> attributes;

  const Attribute* attr(const std::string& attr_name) const;
  bool has_attr(const std::string& attr_name) const { return attr(attr_name) != nullptr; }
  // Typed accessors: the default when absent. The checker validates attribute types; here a
  // wrong-typed attribute also yields the default.
  int64_t attr_int(const std::string& n, int64_t dflt) const;
  float attr_float(const std::string& n, float dflt) const;
  std::string attr_string(const std::string& n, const std::string& dflt) const;
  std::vector<int64_t> attr_ints(const std::string& n, std::vector<int64_t> dflt = {}) const;
  std::vector<float> attr_floats(const std::string& n, std::vector<float> dflt = {}) const;
  std::vector<std::string> attr_strings(const std::string& n) const;
  // "Conv 'conv1'" (or "Conv #3" style label when unnamed, set by the caller).
  std::string label() const;
};

struct Graph {
  std::string name;
  std::string doc_string;
  std::vector<Node> nodes;
  std::vector<ValueInfo> inputs;  // may include initializers (IR < 4 style)
  std::vector<ValueInfo> outputs;
  std::vector<ValueInfo> value_info;
  std::vector<std::pair<std::string, Tensor>> initializers;  // sparse initializers densified

  const Tensor* initializer(const std::string& value_name) const;
};

struct OperatorSetId {
  std::string domain;  // "" = ai.onnx
  int64_t version = 0;
};

struct Function {
  std::string name, domain, overload, doc_string;
  std::vector<std::string> inputs, outputs, attributes;
  std::vector<Attribute> attribute_protos;  // attributes with defaults
  std::vector<Node> nodes;
  std::vector<OperatorSetId> opset_imports;
  std::vector<ValueInfo> value_info;
};

struct Model {
  int64_t ir_version = 0;
  std::vector<OperatorSetId> opset_imports;
  std::string producer_name, producer_version, domain, doc_string;
  int64_t model_version = 0;
  std::vector<std::pair<std::string, std::string>> metadata_props;
  Graph graph;
  std::vector<Function> functions;
  std::shared_ptr<void> backing;  // keeps borrowed tensor bytes (e.g. the mmap) alive

  // Opset version imported for `domain` ("" and "ai.onnx" are the same); 0 if not imported.
  int64_t opset(const std::string& domain) const;
};

// True for "" and "ai.onnx".
inline bool is_default_domain(const std::string& d) {
  return d.empty() || d == "ai.onnx";
}

}  // namespace onyx::ir
