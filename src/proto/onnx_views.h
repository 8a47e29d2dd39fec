// Read-only views of ONNX protobuf messages (onnx/onnx.proto, IR version up to 10).
//
// Every string/bytes field is a std::string_view into the source buffer and repeated numeric
// fields keep their encoded bytes (RepeatedScalar), so the buffer must outlive the views. Parsing
// validates the wire format of every field it keeps (bounds, varints, packed payload sizes) and
// skips unknown fields. Errors are kInvalidProtobuf with the field path, e.g.
// "ModelProto.graph.node[3].attribute[1].t.dims: truncated varint". Nesting (subgraphs inside
// attributes, nested TypeProtos) is bounded by kMaxNestingDepth messages.
// TensorAnnotation and per-node metadata are skipped.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "onyx/status.hpp"
#include "proto/wire.h"

namespace onyx::proto {

constexpr int kMaxNestingDepth = 100;

// Elements of a repeated scalar field as they appear on the wire: packed payloads and single
// (unpacked) values, in order. Decoded lazily; payloads were validated while parsing.
struct RepeatedScalar {
  enum class Encoding : uint8_t { kVarint, kFixed32, kFixed64 };
  struct Chunk {
    std::string_view packed;  // valid when is_packed
    uint64_t single = 0;
    bool is_packed = false;
  };
  Encoding encoding = Encoding::kVarint;
  std::vector<Chunk> chunks;
  size_t count = 0;  // total number of elements

  // Calls fn(uint64_t bits) per element in order: varints as decoded (int32/int64 values are
  // sign-extended two's complement), fixed32 zero-extended, fixed64 as is.
  template <typename Fn>
  void for_each(Fn&& fn) const;
  std::vector<int64_t> to_int64() const;
};

struct StringStringEntryView {
  std::string_view key, value;
};

struct OperatorSetIdView {
  std::string_view domain;
  int64_t version = 0;
};

struct DimensionView {
  bool has_value = false;
  int64_t value = 0;
  bool has_param = false;
  std::string_view param;
  std::string_view denotation;
};

struct TypeView {
  // Which oneof member was present (the TypeProto field number names the kind).
  enum class Kind { kNone, kTensor, kSequence, kMap, kOptional, kSparseTensor, kOpaque };
  Kind kind = Kind::kNone;
  int32_t elem_type = 0;                             // tensor / sparse tensor
  bool has_elem_type = false, has_key_type = false;  // field presence (0 may be written explicitly)
  bool has_shape = false;
  std::vector<DimensionView> dims;
  int32_t key_type = 0;             // map
  std::unique_ptr<TypeView> inner;  // sequence / optional element, map value
  std::string_view opaque_domain, opaque_name;
  std::string_view denotation;
};

struct TensorView {
  RepeatedScalar dims;  // varint
  int32_t data_type = 0;
  bool has_segment = false;
  int64_t segment_begin = 0, segment_end = 0;
  RepeatedScalar float_data;  // fixed32
  RepeatedScalar int32_data;  // varint
  std::vector<std::string_view> string_data;
  RepeatedScalar int64_data;  // varint
  std::string_view name;
  std::string_view doc_string;
  bool has_raw_data = false;
  std::string_view raw_data;
  std::vector<StringStringEntryView> external_data;
  int32_t data_location = 0;   // 0 DEFAULT, 1 EXTERNAL
  RepeatedScalar double_data;  // fixed64
  RepeatedScalar uint64_data;  // varint

  TensorView();
};

struct SparseTensorView {
  bool has_values = false, has_indices = false;
  TensorView values;
  TensorView indices;
  RepeatedScalar dims;
};

struct ValueInfoView {
  std::string_view name;
  bool has_type = false;
  TypeView type;
  std::string_view doc_string;
};

struct GraphView;

struct AttributeView {
  std::string_view name, ref_attr_name, doc_string;
  int32_t type = 0;  // AttributeProto.AttributeType; 0 when absent (IR v1)
  bool has_f = false, has_i = false, has_s = false;
  float f = 0;
  int64_t i = 0;
  std::string_view s;
  std::unique_ptr<TensorView> t;
  std::unique_ptr<GraphView> g;
  std::unique_ptr<SparseTensorView> sparse_tensor;
  std::unique_ptr<TypeView> tp;
  RepeatedScalar floats;  // fixed32
  RepeatedScalar ints;    // varint
  std::vector<std::string_view> strings;
  std::vector<TensorView> tensors;
  std::vector<GraphView> graphs;
  std::vector<SparseTensorView> sparse_tensors;
  std::vector<TypeView> type_protos;

  AttributeView();
  AttributeView(AttributeView&&) noexcept;
  AttributeView& operator=(AttributeView&&) noexcept;
  ~AttributeView();
};

struct NodeView {
  std::vector<std::string_view> inputs, outputs;
  std::string_view name, op_type, domain, overload, doc_string;
  std::vector<AttributeView> attributes;
};

struct GraphView {
  std::vector<NodeView> nodes;
  std::string_view name, doc_string;
  std::vector<TensorView> initializers;
  std::vector<SparseTensorView> sparse_initializers;
  std::vector<ValueInfoView> inputs, outputs, value_info;
};

struct FunctionView {
  std::string_view name, domain, overload, doc_string;
  bool has_domain = false;  // the domain field is present (it may be the empty default domain)
  std::vector<std::string_view> inputs, outputs, attributes;
  std::vector<AttributeView> attribute_protos;
  std::vector<NodeView> nodes;
  std::vector<OperatorSetIdView> opset_imports;
  std::vector<ValueInfoView> value_info;
};

// TrainingInfoProto: how to initialize and update a model's initializers during training.
struct TrainingInfoView {
  bool has_initialization = false, has_algorithm = false;
  GraphView initialization, algorithm;
  std::vector<StringStringEntryView> initialization_binding, update_binding;
};

struct ModelView {
  int64_t ir_version = 0;
  std::vector<OperatorSetIdView> opset_imports;
  std::string_view producer_name, producer_version, domain, doc_string;
  int64_t model_version = 0;
  bool has_graph = false;
  GraphView graph;
  std::vector<StringStringEntryView> metadata_props;
  std::vector<FunctionView> functions;
  std::vector<TrainingInfoView> training_info;
};

// Parse a serialized ModelProto / TensorProto. `bytes` must outlive `out`.
Status parse_model(std::string_view bytes, ModelView* out);
Status parse_tensor(std::string_view bytes, TensorView* out);

template <typename Fn>
void RepeatedScalar::for_each(Fn&& fn) const {
  for (const Chunk& c : chunks) {
    if (!c.is_packed) {
      fn(c.single);
      continue;
    }
    const char* p = c.packed.data();
    const char* end = p + c.packed.size();
    switch (encoding) {
      case Encoding::kVarint:
        while (p < end) {
          uint64_t v = 0;
          if (read_varint(&p, end, &v)) break;  // validated at parse time
          fn(v);
        }
        break;
      case Encoding::kFixed32:
        for (; p + 4 <= end; p += 4) fn(uint64_t{load_le32(p)});
        break;
      case Encoding::kFixed64:
        for (; p + 8 <= end; p += 8) fn(load_le64(p));
        break;
    }
  }
}

}  // namespace onyx::proto
