#include "value_file.h"

#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "compare.h"
#include "import/loader.h"
#include "proto/wire.h"

namespace onyx::conformance {

namespace {

// SequenceProto / OptionalProto share field numbers: 2 elem_type, 3 tensor(s), 5 sequence.
constexpr uint32_t kElemType = 2, kTensor = 3, kSequence = 5;
constexpr uint64_t kElemTensor = 1, kElemSequence = 3;

Status bad(const std::string& what) {
  return Status(StatusCode::kInvalidProtobuf, what);
}

Result<Value> parse_sequence(std::string_view bytes) {
  proto::WireReader r(bytes);
  std::vector<Tensor> items;
  uint64_t elem_type = 0;
  while (!r.done()) {
    proto::WireField f;
    if (const char* err = r.next(&f)) return bad(std::string("SequenceProto: ") + err);
    if (f.number == kElemType) elem_type = f.value;
    if (f.number == kTensor && f.type == proto::WireType::kLen) {
      ONYX_ASSIGN_OR_RETURN(Tensor t, import::parse_tensor(f.bytes.data(), f.bytes.size()));
      items.push_back(std::move(t));
    } else if (f.number > kTensor && f.number <= 7 && f.type == proto::WireType::kLen) {
      return Status(StatusCode::kNotImplemented, "sequences of non-tensors are not supported");
    }
  }
  if (elem_type != 0 && elem_type != kElemTensor)
    return Status(StatusCode::kNotImplemented, "sequences of non-tensors are not supported");
  DType dtype = items.empty() ? DType::kUndefined : items[0].dtype();
  return Value::sequence(dtype, std::move(items));
}

Result<Value> parse_optional(std::string_view bytes, const ValueMeta& meta) {
  proto::WireReader r(bytes);
  while (!r.done()) {
    proto::WireField f;
    if (const char* err = r.next(&f)) return bad(std::string("OptionalProto: ") + err);
    if (f.number == kTensor && f.type == proto::WireType::kLen) {
      ONYX_ASSIGN_OR_RETURN(Tensor t, import::parse_tensor(f.bytes.data(), f.bytes.size()));
      return Value::optional(Value(t));
    }
    if (f.number == kSequence && f.type == proto::WireType::kLen) {
      ONYX_ASSIGN_OR_RETURN(Value s, parse_sequence(f.bytes));
      if (s.elem_type() == DType::kUndefined) s = Value::sequence(meta.dtype, {});
      return Value::optional(s);
    }
    if (f.number == kElemType && f.value != 0 && f.value != kElemTensor && f.value != kElemSequence)
      return Status(StatusCode::kNotImplemented, "optionals of maps are not supported");
  }
  return Value::none(meta.optional_of == ValueMeta::Kind::kSequence ? Value::Kind::kSequence
                                                                    : Value::Kind::kTensor,
                     meta.dtype);
}

}  // namespace

Tensor bfloat16_stored_as_uint16(const Tensor& t, DType declared) {
  if (t.dtype() != DType::kUInt16 || declared != DType::kBFloat16) return t;
  Tensor out = Tensor::empty(DType::kBFloat16, t.shape());
  std::memcpy(out.raw_data(), t.raw_data(), t.nbytes());
  return out;
}

Result<Value> load_value_file(const std::string& path, const ValueMeta& meta) {
  if (meta.kind == ValueMeta::Kind::kTensor || meta.kind == ValueMeta::Kind::kUnknown) {
    ONYX_ASSIGN_OR_RETURN(Tensor t, import::load_tensor_file(path));
    return Value(bfloat16_stored_as_uint16(t, meta.dtype));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNoSuchFile, "cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  if (meta.kind == ValueMeta::Kind::kSequence) {
    ONYX_ASSIGN_OR_RETURN(Value s, parse_sequence(bytes));
    if (s.elem_type() == DType::kUndefined) s = Value::sequence(meta.dtype, {});
    return s;
  }
  if (meta.kind == ValueMeta::Kind::kOptional) return parse_optional(bytes, meta);
  return Status(StatusCode::kNotImplemented, "map test data is not supported");
}

std::string compare_values(const Value& expected, const Value& actual) {
  if (expected.kind() != actual.kind())
    return "expected " + expected.type_string() + ", got " + actual.type_string();
  switch (expected.kind()) {
    case Value::Kind::kTensor:
      return compare_tensors(expected.tensor(), actual.tensor());
    case Value::Kind::kOptional:
      if (expected.has_value() != actual.has_value())
        return expected.has_value() ? "expected a value, got None" : "expected None, got a value";
      return expected.has_value() ? compare_values(expected.contained(), actual.contained()) : "";
    case Value::Kind::kSequence: {
      if (expected.items().size() != actual.items().size())
        return "expected a sequence of " + std::to_string(expected.items().size()) +
               " tensors, got " + std::to_string(actual.items().size());
      for (size_t i = 0; i < expected.items().size(); ++i) {
        std::string d = compare_tensors(expected.items()[i], actual.items()[i]);
        if (!d.empty()) return "sequence item " + std::to_string(i) + ": " + d;
      }
      return "";
    }
    default:
      return "comparing " + expected.type_string() + " values is not supported";
  }
}

}  // namespace onyx::conformance
