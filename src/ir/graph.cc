#include "ir/graph.h"

namespace onyx::ir {

TypeInfo TypeInfo::tensor(DType dtype, std::vector<int64_t> dims) {
  TypeInfo t;
  t.kind = Kind::kTensor;
  t.elem_type = dtype;
  t.has_shape = true;
  t.dim_params.assign(dims.size(), "");
  t.dims = std::move(dims);
  return t;
}

std::string TypeInfo::to_string() const {
  auto inner_str = [&] { return inner ? inner->to_string() : std::string("unknown"); };
  switch (kind) {
    case Kind::kTensor:
      return std::string("tensor(") + dtype_name(elem_type) + ")";
    case Kind::kSparseTensor:
      return std::string("sparse_tensor(") + dtype_name(elem_type) + ")";
    case Kind::kSequence:
      return "seq(" + inner_str() + ")";
    case Kind::kOptional:
      return "optional(" + inner_str() + ")";
    case Kind::kMap:
      return std::string("map(") + dtype_name(map_key_type) + "," + inner_str() + ")";
    case Kind::kUnknown:
      break;
  }
  return "unknown";
}

const char* attribute_type_name(Attribute::Type type) {
  switch (type) {
    case Attribute::Type::kUndefined:
      return "UNDEFINED";
    case Attribute::Type::kFloat:
      return "FLOAT";
    case Attribute::Type::kInt:
      return "INT";
    case Attribute::Type::kString:
      return "STRING";
    case Attribute::Type::kTensor:
      return "TENSOR";
    case Attribute::Type::kGraph:
      return "GRAPH";
    case Attribute::Type::kFloats:
      return "FLOATS";
    case Attribute::Type::kInts:
      return "INTS";
    case Attribute::Type::kStrings:
      return "STRINGS";
    case Attribute::Type::kTensors:
      return "TENSORS";
    case Attribute::Type::kGraphs:
      return "GRAPHS";
    case Attribute::Type::kSparseTensor:
      return "SPARSE_TENSOR";
    case Attribute::Type::kSparseTensors:
      return "SPARSE_TENSORS";
    case Attribute::Type::kTypeProto:
      return "TYPE_PROTO";
    case Attribute::Type::kTypeProtos:
      return "TYPE_PROTOS";
  }
  return "UNKNOWN";
}

const Attribute* Node::attr(const std::string& attr_name) const {
  for (const Attribute& a : attributes)
    if (a.name == attr_name) return &a;
  return nullptr;
}

int64_t Node::attr_int(const std::string& n, int64_t dflt) const {
  const Attribute* a = attr(n);
  return a && a->type == Attribute::Type::kInt ? a->i : dflt;
}

float Node::attr_float(const std::string& n, float dflt) const {
  const Attribute* a = attr(n);
  return a && a->type == Attribute::Type::kFloat ? a->f : dflt;
}

std::string Node::attr_string(const std::string& n, const std::string& dflt) const {
  const Attribute* a = attr(n);
  return a && a->type == Attribute::Type::kString ? a->s : dflt;
}

std::vector<int64_t> Node::attr_ints(const std::string& n, std::vector<int64_t> dflt) const {
  const Attribute* a = attr(n);
  return a && a->type == Attribute::Type::kInts ? a->ints : dflt;
}

std::vector<float> Node::attr_floats(const std::string& n, std::vector<float> dflt) const {
  const Attribute* a = attr(n);
  return a && a->type == Attribute::Type::kFloats ? a->floats : dflt;
}

std::vector<std::string> Node::attr_strings(const std::string& n) const {
  const Attribute* a = attr(n);
  return a && a->type == Attribute::Type::kStrings ? a->strings : std::vector<std::string>{};
}

std::string Node::label() const {
  std::string s = op_type;
  if (!name.empty())
    s += " '" + name + "'";
  else if (!outputs.empty())
    s += " (output '" + outputs[0] + "')";
  return s;
}

const Tensor* Graph::initializer(const std::string& value_name) const {
  for (const auto& [n, t] : initializers)
    if (n == value_name) return &t;
  return nullptr;
}

int64_t Model::opset(const std::string& d) const {
  for (const OperatorSetId& o : opset_imports)
    if (o.domain == d || (is_default_domain(d) && is_default_domain(o.domain))) return o.version;
  return 0;
}

}  // namespace onyx::ir
