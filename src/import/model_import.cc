// ModelProto views -> ir::Model, and the public load_* entry points.
#include <cstring>
#include <filesystem>

#include "import/import_internal.h"
#include "import/loader.h"
#include "ir/topo_sort.h"

namespace onyx::import {
namespace {

using AttrType = ir::Attribute::Type;

std::string str(std::string_view s) {
  return std::string(s);
}

std::vector<std::string> strs(const std::vector<std::string_view>& v) {
  return std::vector<std::string>(v.begin(), v.end());
}

ir::ValueInfo import_value_info(const proto::ValueInfoView& v) {
  ir::ValueInfo out;
  out.name = str(v.name);
  out.doc_string = str(v.doc_string);
  if (v.has_type) out.type = import_type(v.type);
  return out;
}

std::vector<ir::ValueInfo> import_value_infos(const std::vector<proto::ValueInfoView>& v) {
  std::vector<ir::ValueInfo> out;
  out.reserve(v.size());
  for (const auto& vi : v) out.push_back(import_value_info(vi));
  return out;
}

std::vector<ir::OperatorSetId> import_opsets(const std::vector<proto::OperatorSetIdView>& v) {
  std::vector<ir::OperatorSetId> out;
  for (const auto& o : v) out.push_back({str(o.domain), o.version});
  return out;
}

// IR version 1 files carry no attribute type: infer it from the field that is set.
AttrType infer_attribute_type(const proto::AttributeView& a) {
  if (a.type != 0) return static_cast<AttrType>(a.type);
  if (a.has_f) return AttrType::kFloat;
  if (a.has_i) return AttrType::kInt;
  if (a.has_s) return AttrType::kString;
  if (a.t) return AttrType::kTensor;
  if (a.g) return AttrType::kGraph;
  if (a.sparse_tensor) return AttrType::kSparseTensor;
  if (a.tp) return AttrType::kTypeProto;
  if (a.floats.count) return AttrType::kFloats;
  if (a.ints.count) return AttrType::kInts;
  if (!a.strings.empty()) return AttrType::kStrings;
  if (!a.tensors.empty()) return AttrType::kTensors;
  if (!a.graphs.empty()) return AttrType::kGraphs;
  if (!a.sparse_tensors.empty()) return AttrType::kSparseTensors;
  if (!a.type_protos.empty()) return AttrType::kTypeProtos;
  return AttrType::kUndefined;
}

Result<std::shared_ptr<ir::Graph>> import_subgraph(const proto::GraphView& v, ImportContext& ctx) {
  ONYX_ASSIGN_OR_RETURN(ir::Graph g, import_graph(v, ctx));
  return std::make_shared<ir::Graph>(std::move(g));
}

Status missing(const ir::Attribute& a, const char* field) {
  return Status(StatusCode::kInvalidGraph, std::string("attribute of type ") +
                                               attribute_type_name(a.type) + " has no " + field);
}

Result<ir::Attribute> import_attribute(const proto::AttributeView& v, ImportContext& ctx) {
  ir::Attribute a;
  a.name = str(v.name);
  a.ref_attr_name = str(v.ref_attr_name);
  a.doc_string = str(v.doc_string);
  a.type = infer_attribute_type(v);
  if (!a.ref_attr_name.empty()) return a;  // a reference to the caller's attribute: no value
  switch (a.type) {
    case AttrType::kUndefined:
      break;
    case AttrType::kFloat:
      a.f = v.f;
      break;
    case AttrType::kInt:
      a.i = v.i;
      break;
    case AttrType::kString:
      a.s = str(v.s);
      break;
    case AttrType::kTensor: {
      if (!v.t) return missing(a, "t");
      ONYX_ASSIGN_OR_RETURN(a.t, import_tensor(*v.t, ctx));
      break;
    }
    case AttrType::kSparseTensor: {
      if (!v.sparse_tensor) return missing(a, "sparse_tensor");
      ONYX_ASSIGN_OR_RETURN(a.t, import_sparse_tensor(*v.sparse_tensor, ctx));
      break;
    }
    case AttrType::kGraph: {
      if (!v.g) return missing(a, "g");
      ONYX_ASSIGN_OR_RETURN(a.g, import_subgraph(*v.g, ctx));
      break;
    }
    case AttrType::kTypeProto:
      if (!v.tp) return missing(a, "tp");
      a.type_protos.push_back(import_type(*v.tp));
      break;
    case AttrType::kFloats:
      v.floats.for_each([&](uint64_t bits) {
        uint32_t b = static_cast<uint32_t>(bits);
        float f;
        std::memcpy(&f, &b, 4);
        a.floats.push_back(f);
      });
      break;
    case AttrType::kInts:
      a.ints = v.ints.to_int64();
      break;
    case AttrType::kStrings:
      a.strings = strs(v.strings);
      break;
    case AttrType::kTensors:
      for (const auto& t : v.tensors) {
        ONYX_ASSIGN_OR_RETURN(Tensor x, import_tensor(t, ctx));
        a.tensors.push_back(std::move(x));
      }
      break;
    case AttrType::kSparseTensors:
      for (const auto& t : v.sparse_tensors) {
        ONYX_ASSIGN_OR_RETURN(Tensor x, import_sparse_tensor(t, ctx));
        a.tensors.push_back(std::move(x));
      }
      break;
    case AttrType::kGraphs:
      for (const auto& g : v.graphs) {
        ONYX_ASSIGN_OR_RETURN(auto x, import_subgraph(g, ctx));
        a.graphs.push_back(std::move(x));
      }
      break;
    case AttrType::kTypeProtos:
      for (const auto& t : v.type_protos) a.type_protos.push_back(import_type(t));
      break;
    default:
      return Status(StatusCode::kNotImplemented,
                    "unknown attribute type " + std::to_string(static_cast<int>(a.type)));
  }
  return a;
}

Result<ir::Node> import_node(const proto::NodeView& v, ImportContext& ctx) {
  ir::Node n;
  n.name = str(v.name);
  n.op_type = str(v.op_type);
  n.domain = str(v.domain);
  n.doc_string = str(v.doc_string);
  n.inputs = strs(v.inputs);
  n.outputs = strs(v.outputs);
  for (const auto& av : v.attributes) {
    Result<ir::Attribute> a = import_attribute(av, ctx);
    if (!a) return a.status().with_context("attribute '" + str(av.name) + "'");
    n.attributes.push_back(std::move(a).value());
  }
  return n;
}

Result<std::vector<ir::Node>> import_nodes(const std::vector<proto::NodeView>& views,
                                           ImportContext& ctx) {
  std::vector<ir::Node> nodes;
  nodes.reserve(views.size());
  for (size_t i = 0; i < views.size(); ++i) {
    Result<ir::Node> n = import_node(views[i], ctx);
    if (!n) {
      std::string label =
          views[i].name.empty() ? "#" + std::to_string(i) : "'" + str(views[i].name) + "'";
      return n.status().with_context("node " + label + " (" + str(views[i].op_type) + ")");
    }
    nodes.push_back(std::move(n).value());
  }
  return nodes;
}

Result<ir::Function> import_function(const proto::FunctionView& v, ImportContext& ctx) {
  ir::Function f;
  f.name = str(v.name);
  f.domain = str(v.domain);
  f.overload = str(v.overload);
  f.doc_string = str(v.doc_string);
  f.inputs = strs(v.inputs);
  f.outputs = strs(v.outputs);
  f.attributes = strs(v.attributes);
  for (const auto& av : v.attribute_protos) {
    Result<ir::Attribute> a = import_attribute(av, ctx);
    if (!a) return a.status().with_context("attribute '" + str(av.name) + "'");
    f.attribute_protos.push_back(std::move(a).value());
  }
  ONYX_ASSIGN_OR_RETURN(f.nodes, import_nodes(v.nodes, ctx));
  f.opset_imports = import_opsets(v.opset_imports);
  f.value_info = import_value_infos(v.value_info);
  return f;
}

Result<ir::Model> import_model(const proto::ModelView& v, ImportContext& ctx) {
  ir::Model m;
  m.ir_version = v.ir_version;
  m.opset_imports = import_opsets(v.opset_imports);
  m.producer_name = str(v.producer_name);
  m.producer_version = str(v.producer_version);
  m.domain = str(v.domain);
  m.doc_string = str(v.doc_string);
  m.model_version = v.model_version;
  for (const auto& e : v.metadata_props) m.metadata_props.emplace_back(str(e.key), str(e.value));
  if (!v.has_graph) return Status(StatusCode::kInvalidGraph, "model has no graph");
  ONYX_ASSIGN_OR_RETURN(m.graph, import_graph(v.graph, ctx));
  // Exporters may list nodes out of order; everything downstream walks them front to back.
  ONYX_RETURN_IF_ERROR(ir::topological_sort(m.graph));
  for (const auto& fv : v.functions) {
    Result<ir::Function> f = import_function(fv, ctx);
    if (!f) return f.status().with_context("function '" + str(fv.name) + "'");
    m.functions.push_back(std::move(f).value());
  }
  m.backing = ctx.owner;
  return m;
}

}  // namespace

ir::TypeInfo import_type(const proto::TypeView& v) {
  using Kind = proto::TypeView::Kind;
  ir::TypeInfo t;
  switch (v.kind) {
    case Kind::kTensor:
    case Kind::kSparseTensor:
      t.kind =
          v.kind == Kind::kTensor ? ir::TypeInfo::Kind::kTensor : ir::TypeInfo::Kind::kSparseTensor;
      t.elem_type = static_cast<DType>(v.elem_type);
      t.has_shape = v.has_shape;
      for (const auto& d : v.dims) {
        t.dims.push_back(d.has_value ? d.value : -1);
        t.dim_params.push_back(d.has_param ? str(d.param) : std::string());
      }
      break;
    case Kind::kSequence:
    case Kind::kOptional:
      t.kind =
          v.kind == Kind::kSequence ? ir::TypeInfo::Kind::kSequence : ir::TypeInfo::Kind::kOptional;
      if (v.inner) t.inner = std::make_shared<ir::TypeInfo>(import_type(*v.inner));
      break;
    case Kind::kMap:
      t.kind = ir::TypeInfo::Kind::kMap;
      t.map_key_type = static_cast<DType>(v.key_type);
      if (v.inner) t.inner = std::make_shared<ir::TypeInfo>(import_type(*v.inner));
      break;
    case Kind::kOpaque:
    case Kind::kNone:
      break;
  }
  return t;
}

Result<ir::Graph> import_graph(const proto::GraphView& v, ImportContext& ctx) {
  ir::Graph g;
  g.name = str(v.name);
  g.doc_string = str(v.doc_string);
  auto in_graph = [&](const Status& s) { return s.with_context("graph '" + g.name + "'"); };
  Result<std::vector<ir::Node>> nodes = import_nodes(v.nodes, ctx);
  if (!nodes) return in_graph(nodes.status());
  g.nodes = std::move(nodes).value();
  g.inputs = import_value_infos(v.inputs);
  g.outputs = import_value_infos(v.outputs);
  g.value_info = import_value_infos(v.value_info);
  for (size_t i = 0; i < v.initializers.size(); ++i) {
    Result<Tensor> t = import_tensor(v.initializers[i], ctx);
    if (!t) return in_graph(t.status().with_context("initializer " + std::to_string(i)));
    g.initializers.emplace_back(str(v.initializers[i].name), std::move(t).value());
  }
  for (size_t i = 0; i < v.sparse_initializers.size(); ++i) {
    const proto::SparseTensorView& sv = v.sparse_initializers[i];
    Result<Tensor> t = import_sparse_tensor(sv, ctx);
    if (!t) return in_graph(t.status().with_context("sparse_initializer " + std::to_string(i)));
    g.initializers.emplace_back(str(sv.values.name), std::move(t).value());
  }
  return g;
}

Result<ir::Model> load_model_bytes(const void* data, size_t size, std::shared_ptr<void> owner,
                                   const std::string& base_dir) {
  std::string_view bytes(static_cast<const char*>(data), size);
  proto::ModelView view;
  ONYX_RETURN_IF_ERROR(proto::parse_model(bytes, &view));
  ImportContext ctx;
  ctx.owner = std::move(owner);
  ctx.base_dir = base_dir;
  return import_model(view, ctx);
}

Result<ir::Model> load_model_file(const std::string& path) {
  return load_model_file(path, nullptr);
}

Result<ir::Model> load_model_file(const std::string& path, WeightSources* sources) {
  ONYX_ASSIGN_OR_RETURN(std::shared_ptr<MappedFile> file, MappedFile::open(path));
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  proto::ModelView view;
  Status parsed = proto::parse_model(std::string_view(file->data(), file->size()), &view);
  if (!parsed.is_ok()) return parsed.with_context(path);
  ImportContext ctx;
  ctx.owner = file;
  ctx.base_dir = dir;
  if (sources) {
    *sources = WeightSources{file, {}};
    ctx.sources = sources;
  }
  Result<ir::Model> m = import_model(view, ctx);
  if (!m) return m.status().with_context(path);
  return m;
}

Result<Tensor> parse_tensor(const void* data, size_t size) {
  proto::TensorView view;
  ONYX_RETURN_IF_ERROR(
      proto::parse_tensor(std::string_view(static_cast<const char*>(data), size), &view));
  ImportContext ctx;  // no owner: the result never borrows `data`
  return import_tensor(view, ctx);
}

Result<Tensor> load_tensor_file(const std::string& path) {
  ONYX_ASSIGN_OR_RETURN(std::shared_ptr<MappedFile> file, MappedFile::open(path));
  proto::TensorView view;
  Status s = proto::parse_tensor(std::string_view(file->data(), file->size()), &view);
  if (!s.is_ok()) return s.with_context(path);
  ImportContext ctx;
  ctx.owner = file;
  ctx.base_dir = std::filesystem::path(path).parent_path().string();
  if (ctx.base_dir.empty()) ctx.base_dir = ".";
  Result<Tensor> t = import_tensor(view, ctx);
  if (!t) return t.status().with_context(path);
  return t;
}

}  // namespace onyx::import
