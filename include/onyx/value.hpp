// Value: one ONNX value of any kind.
//
//   tensor    a Tensor (the common case; a Tensor converts to a Value implicitly)
//   sequence  an ordered list of tensors of one element type, possibly empty (ONNX seq(tensor(T)))
//   optional  None, or a present tensor or sequence (ONNX optional(tensor(T)) / optional(seq(..)))
//   map       ai.onnx.ml map(K, tensor(V)): 1-D `keys` (int64 or string) and 1-D `values` of the
//             same length, entry i maps keys[i] -> values[i]
//
//   sequence of maps  ai.onnx.ml seq(map(K, tensor(V))) (ZipMap's output): a sequence whose
//             elements are maps (maps(), all with key type map_key_type() and values elem_type())
//
// Like Tensor, a Value is cheap to copy: copies share the tensors' storage. Sequences of sequences
// are not represented (no supported operator produces them).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "onyx/tensor.hpp"

namespace onyx {

class Value {
 public:
  enum class Kind : uint8_t { kUndefined, kTensor, kSequence, kOptional, kMap };

  Value() = default;
  Value(Tensor t) : kind_(Kind::kTensor), tensor_(std::move(t)) {}  // NOLINT: implicit on purpose

  static Value sequence(DType elem_type, std::vector<Tensor> items) {
    Value v;
    v.kind_ = Kind::kSequence;
    v.elem_type_ = elem_type;
    v.items_ = std::move(items);
    return v;
  }
  // An optional holding nothing; `of` is the kind it would hold (kTensor or kSequence).
  static Value none(Kind of = Kind::kTensor, DType elem_type = DType::kUndefined) {
    Value v;
    v.kind_ = Kind::kOptional;
    v.optional_of_ = of;
    v.elem_type_ = elem_type;
    return v;
  }
  // An optional holding `contained` (a tensor or a sequence).
  static Value optional(const Value& contained) {
    Value v = contained;
    v.optional_of_ = contained.kind_;
    v.kind_ = Kind::kOptional;
    v.has_value_ = true;
    if (contained.kind_ == Kind::kTensor) v.elem_type_ = contained.tensor_.dtype();
    return v;
  }
  static Value map(Tensor keys, Tensor values) {
    Value v;
    v.kind_ = Kind::kMap;
    v.elem_type_ = values.dtype();
    v.tensor_ = std::move(keys);
    v.map_values_ = std::move(values);
    return v;
  }

  // A sequence of maps, each with keys of `key_type` and values of `value_type`.
  static Value map_sequence(DType key_type, DType value_type, std::vector<Value> maps) {
    Value v;
    v.kind_ = Kind::kSequence;
    v.elem_type_ = value_type;
    v.map_key_ = key_type;
    v.maps_ = std::move(maps);
    return v;
  }

  Kind kind() const { return kind_; }
  bool defined() const { return kind_ != Kind::kUndefined; }
  bool is_tensor() const { return kind_ == Kind::kTensor; }

  // kTensor: the tensor (undefined Tensor for other kinds).
  const Tensor& tensor() const { return tensor_; }
  Tensor& tensor() { return tensor_; }

  // Element type: of the sequence's tensors, of the optional's content, or of the map's values.
  DType elem_type() const { return kind_ == Kind::kTensor ? tensor_.dtype() : elem_type_; }

  // kSequence (and a present optional sequence): the tensors.
  const std::vector<Tensor>& items() const { return items_; }
  std::vector<Tensor>& items() { return items_; }

  // kOptional: whether a value is present, the kind it holds or would hold, and the content.
  bool has_value() const { return kind_ == Kind::kOptional && has_value_; }
  Kind optional_kind() const { return optional_of_; }
  Value contained() const {
    if (!has_value()) return Value();
    Value v = *this;
    v.kind_ = optional_of_;
    v.has_value_ = false;
    v.optional_of_ = Kind::kTensor;
    return v;
  }

  // kSequence of maps: true, with the maps (items() is then empty).
  bool is_map_sequence() const { return kind_ == Kind::kSequence && map_key_ != DType::kUndefined; }
  const std::vector<Value>& maps() const { return maps_; }
  // Key type of a map or of a sequence of maps; kUndefined otherwise.
  DType map_key_type() const {
    if (kind_ == Kind::kMap) return tensor_.dtype();
    return kind_ == Kind::kSequence ? map_key_ : DType::kUndefined;
  }

  // kMap.
  const Tensor& map_keys() const { return tensor_; }
  const Tensor& map_values() const { return map_values_; }

  // onnxruntime-style type: "tensor(float)", "seq(tensor(int64))", "optional(tensor(float))",
  // "map(int64,tensor(float))".
  std::string type_string() const {
    auto tensor_str = [](DType t) { return std::string("tensor(") + dtype_name(t) + ")"; };
    switch (kind_) {
      case Kind::kTensor:
        return tensor_str(tensor_.dtype());
      case Kind::kSequence:
        if (map_key_ != DType::kUndefined)
          return std::string("seq(map(") + dtype_name(map_key_) + "," + tensor_str(elem_type_) +
                 "))";
        return "seq(" + tensor_str(elem_type_) + ")";
      case Kind::kOptional:
        return "optional(" +
               (optional_of_ == Kind::kSequence ? "seq(" + tensor_str(elem_type_) + ")"
                                                : tensor_str(elem_type_)) +
               ")";
      case Kind::kMap:
        return std::string("map(") + dtype_name(tensor_.dtype()) + "," + tensor_str(elem_type_) +
               ")";
      case Kind::kUndefined:
        break;
    }
    return "undefined";
  }

 private:
  Kind kind_ = Kind::kUndefined;
  Kind optional_of_ = Kind::kTensor;  // kOptional only
  bool has_value_ = false;            // kOptional only
  DType elem_type_ = DType::kUndefined;
  DType map_key_ = DType::kUndefined;  // sequence of maps only
  Tensor tensor_;                      // kTensor, present optional tensor, map keys
  Tensor map_values_;
  std::vector<Tensor> items_;  // kSequence, present optional sequence
  std::vector<Value> maps_;    // sequence of maps
};

}  // namespace onyx
