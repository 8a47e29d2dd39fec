// ir::Model -> ModelProto bytes (field numbers from onnx/onnx.proto). Tensors are written as
// raw_data; sparse attributes are re-encoded from their dense value.
#include <cstdio>
#include <fstream>

#include "import/loader.h"
#include "import/writer_internal.h"

namespace onyx::import {
namespace {

using proto::WireWriter;
using AttrType = ir::Attribute::Type;

std::string encode_graph(const ir::Graph& g);

std::string encode_type(const ir::TypeInfo& t) {
  using Kind = ir::TypeInfo::Kind;
  std::string body;
  WireWriter w(&body);
  uint32_t field = 0;
  switch (t.kind) {
    case Kind::kTensor:
    case Kind::kSparseTensor: {
      field = t.kind == Kind::kTensor ? 1 : 8;
      w.varint(1, static_cast<uint64_t>(t.elem_type));
      if (t.has_shape) {
        std::string shape;
        WireWriter sw(&shape);
        for (size_t i = 0; i < t.dims.size(); ++i) {
          std::string dim;
          WireWriter dw(&dim);
          if (i < t.dim_params.size() && !t.dim_params[i].empty())
            dw.bytes(2, t.dim_params[i]);
          else if (t.dims[i] >= 0)
            dw.int64(1, t.dims[i]);
          sw.bytes(1, dim);
        }
        w.bytes(2, shape);
      }
      break;
    }
    case Kind::kSequence:
    case Kind::kOptional:
      field = t.kind == Kind::kSequence ? 4 : 9;
      if (t.inner) w.bytes(1, encode_type(*t.inner));
      break;
    case Kind::kMap:
      field = 5;
      w.varint(1, static_cast<uint64_t>(t.map_key_type));
      if (t.inner) w.bytes(2, encode_type(*t.inner));
      break;
    case Kind::kUnknown:
      return {};
  }
  std::string out;
  WireWriter(&out).bytes(field, body);
  return out;
}

std::string encode_value_info(const ir::ValueInfo& v) {
  std::string out;
  WireWriter w(&out);
  w.bytes(1, v.name);
  if (v.type.kind != ir::TypeInfo::Kind::kUnknown) w.bytes(2, encode_type(v.type));
  w.string_if_set(3, v.doc_string);
  return out;
}

std::string encode_attribute(const ir::Attribute& a) {
  std::string out;
  WireWriter w(&out);
  w.bytes(1, a.name);
  w.string_if_set(13, a.doc_string);
  if (a.type != AttrType::kUndefined) w.varint(20, static_cast<uint64_t>(a.type));
  if (!a.ref_attr_name.empty()) {
    w.bytes(21, a.ref_attr_name);
    return out;
  }
  switch (a.type) {
    case AttrType::kUndefined:
      break;
    case AttrType::kFloat:
      w.float32(2, a.f);
      break;
    case AttrType::kInt:
      w.int64(3, a.i);
      break;
    case AttrType::kString:
      w.bytes(4, a.s);
      break;
    case AttrType::kTensor:
      w.bytes(5, encode_tensor(a.t, ""));
      break;
    case AttrType::kGraph:
      if (a.g) w.bytes(6, encode_graph(*a.g));
      break;
    case AttrType::kSparseTensor:
      w.bytes(22, encode_sparse_tensor(a.t));
      break;
    case AttrType::kTypeProto:
      if (!a.type_protos.empty()) w.bytes(14, encode_type(a.type_protos[0]));
      break;
    case AttrType::kFloats: {
      std::string packed;
      for (float f : a.floats) packed.append(reinterpret_cast<const char*>(&f), 4);
      if (!packed.empty()) w.bytes(7, packed);
      break;
    }
    case AttrType::kInts:
      write_packed_int64(w, 8, a.ints);
      break;
    case AttrType::kStrings:
      for (const auto& s : a.strings) w.bytes(9, s);
      break;
    case AttrType::kTensors:
      for (const auto& t : a.tensors) w.bytes(10, encode_tensor(t, ""));
      break;
    case AttrType::kGraphs:
      for (const auto& g : a.graphs)
        if (g) w.bytes(11, encode_graph(*g));
      break;
    case AttrType::kSparseTensors:
      for (const auto& t : a.tensors) w.bytes(23, encode_sparse_tensor(t));
      break;
    case AttrType::kTypeProtos:
      for (const auto& t : a.type_protos) w.bytes(15, encode_type(t));
      break;
  }
  return out;
}

std::string encode_node(const ir::Node& n) {
  std::string out;
  WireWriter w(&out);
  for (const auto& s : n.inputs) w.bytes(1, s);  // empty names keep optional-input positions
  for (const auto& s : n.outputs) w.bytes(2, s);
  w.string_if_set(3, n.name);
  w.bytes(4, n.op_type);
  for (const auto& a : n.attributes) w.bytes(5, encode_attribute(a));
  w.string_if_set(6, n.doc_string);
  w.string_if_set(7, n.domain);
  return out;
}

std::string encode_opset(const ir::OperatorSetId& o) {
  std::string out;
  WireWriter w(&out);
  w.string_if_set(1, o.domain);
  w.int64(2, o.version);
  return out;
}

std::string encode_graph(const ir::Graph& g) {
  std::string out;
  WireWriter w(&out);
  for (const auto& n : g.nodes) w.bytes(1, encode_node(n));
  w.string_if_set(2, g.name);
  for (const auto& [name, t] : g.initializers) w.bytes(5, encode_tensor(t, name));
  w.string_if_set(10, g.doc_string);
  for (const auto& v : g.inputs) w.bytes(11, encode_value_info(v));
  for (const auto& v : g.outputs) w.bytes(12, encode_value_info(v));
  for (const auto& v : g.value_info) w.bytes(13, encode_value_info(v));
  return out;
}

std::string encode_function(const ir::Function& f) {
  std::string out;
  WireWriter w(&out);
  w.bytes(1, f.name);
  for (const auto& s : f.inputs) w.bytes(4, s);
  for (const auto& s : f.outputs) w.bytes(5, s);
  for (const auto& s : f.attributes) w.bytes(6, s);
  for (const auto& n : f.nodes) w.bytes(7, encode_node(n));
  w.string_if_set(8, f.doc_string);
  for (const auto& o : f.opset_imports) w.bytes(9, encode_opset(o));
  w.string_if_set(10, f.domain);
  for (const auto& a : f.attribute_protos) w.bytes(11, encode_attribute(a));
  for (const auto& v : f.value_info) w.bytes(12, encode_value_info(v));
  w.string_if_set(13, f.overload);
  return out;
}

}  // namespace

std::string serialize_model(const ir::Model& m) {
  std::string out;
  WireWriter w(&out);
  w.int64(1, m.ir_version);
  w.string_if_set(2, m.producer_name);
  w.string_if_set(3, m.producer_version);
  w.string_if_set(4, m.domain);
  if (m.model_version) w.int64(5, m.model_version);
  w.string_if_set(6, m.doc_string);
  w.bytes(7, encode_graph(m.graph));
  for (const auto& o : m.opset_imports) w.bytes(8, encode_opset(o));
  for (const auto& [k, v] : m.metadata_props) {
    std::string entry;
    WireWriter ew(&entry);
    ew.bytes(1, k);
    ew.bytes(2, v);
    w.bytes(14, entry);
  }
  for (const auto& f : m.functions) w.bytes(25, encode_function(f));
  return out;
}

Status save_model(const ir::Model& model, const std::string& path) {
  std::string bytes = serialize_model(model);
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return Status(StatusCode::kNoSuchFile, "cannot open '" + path + "' for writing");
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) return Status(StatusCode::kFail, "failed writing '" + path + "'");
  return Status::ok();
}

}  // namespace onyx::import
