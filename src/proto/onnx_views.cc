// Parsers for ModelProto, GraphProto, NodeProto, AttributeProto and FunctionProto.
// Field numbers follow onnx/onnx.proto.
#include "proto/onnx_views.h"

#include "proto/view_parse.h"

namespace onyx::proto {

AttributeView::AttributeView() {
  floats.encoding = RepeatedScalar::Encoding::kFixed32;
}
AttributeView::AttributeView(AttributeView&&) noexcept = default;
AttributeView& AttributeView::operator=(AttributeView&&) noexcept = default;
AttributeView::~AttributeView() = default;

namespace detail {
namespace {

// Allocates *slot (a singular sub-message) and parses into it.
template <typename V, typename ParseFn>
Status get_owned_message(const WireField& f, std::string_view name, std::unique_ptr<V>* slot,
                         int depth, ParseFn parse) {
  *slot = std::make_unique<V>();
  return get_message(f, name, slot->get(), depth, parse);
}

Status parse_attribute_view(std::string_view buf, AttributeView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return get_bytes(f, "name", &out->name);
      case 2:
        out->has_f = true;
        return get_float(f, "f", &out->f);
      case 3:
        out->has_i = true;
        return get_int64(f, "i", &out->i);
      case 4:
        out->has_s = true;
        return get_bytes(f, "s", &out->s);
      case 5:
        return get_owned_message(f, "t", &out->t, depth, parse_tensor_view);
      case 6:
        return get_owned_message(f, "g", &out->g, depth, parse_graph_view);
      case 7:
        return add_scalar(f, "floats", &out->floats);
      case 8:
        return add_scalar(f, "ints", &out->ints);
      case 9:
        return add_bytes(f, "strings", &out->strings);
      case 10:
        return add_message(f, "tensors", &out->tensors, depth, parse_tensor_view);
      case 11:
        return add_message(f, "graphs", &out->graphs, depth, parse_graph_view);
      case 13:
        return get_bytes(f, "doc_string", &out->doc_string);
      case 14:
        return get_owned_message(f, "tp", &out->tp, depth, parse_type_view);
      case 15:
        return add_message(f, "type_protos", &out->type_protos, depth, parse_type_view);
      case 20:
        return get_int32(f, "type", &out->type);
      case 21:
        return get_bytes(f, "ref_attr_name", &out->ref_attr_name);
      case 22:
        return get_owned_message(f, "sparse_tensor", &out->sparse_tensor, depth,
                                 parse_sparse_tensor_view);
      case 23:
        return add_message(f, "sparse_tensors", &out->sparse_tensors, depth,
                           parse_sparse_tensor_view);
      default:
        return Status::ok();
    }
  });
}

Status parse_node_view(std::string_view buf, NodeView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return add_bytes(f, "input", &out->inputs);
      case 2:
        return add_bytes(f, "output", &out->outputs);
      case 3:
        return get_bytes(f, "name", &out->name);
      case 4:
        return get_bytes(f, "op_type", &out->op_type);
      case 5:
        return add_message(f, "attribute", &out->attributes, depth, parse_attribute_view);
      case 6:
        return get_bytes(f, "doc_string", &out->doc_string);
      case 7:
        return get_bytes(f, "domain", &out->domain);
      case 8:
        return get_bytes(f, "overload", &out->overload);
      default:
        return Status::ok();  // 9: metadata_props (skipped)
    }
  });
}

Status parse_function_view(std::string_view buf, FunctionView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return get_bytes(f, "name", &out->name);
      case 4:
        return add_bytes(f, "input", &out->inputs);
      case 5:
        return add_bytes(f, "output", &out->outputs);
      case 6:
        return add_bytes(f, "attribute", &out->attributes);
      case 7:
        return add_message(f, "node", &out->nodes, depth, parse_node_view);
      case 8:
        return get_bytes(f, "doc_string", &out->doc_string);
      case 9:
        return add_message(f, "opset_import", &out->opset_imports, depth, parse_opset_view);
      case 10:
        out->has_domain = true;
        return get_bytes(f, "domain", &out->domain);
      case 11:
        return add_message(f, "attribute_proto", &out->attribute_protos, depth,
                           parse_attribute_view);
      case 12:
        return add_message(f, "value_info", &out->value_info, depth, parse_value_info_view);
      case 13:
        return get_bytes(f, "overload", &out->overload);
      default:
        return Status::ok();
    }
  });
}

Status parse_training_info_view(std::string_view buf, TrainingInfoView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        out->has_initialization = true;
        return get_message(f, "initialization", &out->initialization, depth, parse_graph_view);
      case 2:
        out->has_algorithm = true;
        return get_message(f, "algorithm", &out->algorithm, depth, parse_graph_view);
      case 3:
        return add_message(f, "initialization_binding", &out->initialization_binding, depth,
                           parse_entry_view);
      case 4:
        return add_message(f, "update_binding", &out->update_binding, depth, parse_entry_view);
      default:
        return Status::ok();
    }
  });
}

Status parse_model_view(std::string_view buf, ModelView* out, int depth) {
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return get_int64(f, "ir_version", &out->ir_version);
      case 2:
        return get_bytes(f, "producer_name", &out->producer_name);
      case 3:
        return get_bytes(f, "producer_version", &out->producer_version);
      case 4:
        return get_bytes(f, "domain", &out->domain);
      case 5:
        return get_int64(f, "model_version", &out->model_version);
      case 6:
        return get_bytes(f, "doc_string", &out->doc_string);
      case 7:
        out->has_graph = true;
        return get_message(f, "graph", &out->graph, depth, parse_graph_view);
      case 8:
        return add_message(f, "opset_import", &out->opset_imports, depth, parse_opset_view);
      case 14:
        return add_message(f, "metadata_props", &out->metadata_props, depth, parse_entry_view);
      case 20:
        return add_message(f, "training_info", &out->training_info, depth,
                           parse_training_info_view);
      case 25:
        return add_message(f, "functions", &out->functions, depth, parse_function_view);
      default:
        return Status::ok();  // 26: configuration (skipped)
    }
  });
}

}  // namespace

Status parse_graph_view(std::string_view buf, GraphView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return add_message(f, "node", &out->nodes, depth, parse_node_view);
      case 2:
        return get_bytes(f, "name", &out->name);
      case 5:
        return add_message(f, "initializer", &out->initializers, depth, parse_tensor_view);
      case 10:
        return get_bytes(f, "doc_string", &out->doc_string);
      case 11:
        return add_message(f, "input", &out->inputs, depth, parse_value_info_view);
      case 12:
        return add_message(f, "output", &out->outputs, depth, parse_value_info_view);
      case 13:
        return add_message(f, "value_info", &out->value_info, depth, parse_value_info_view);
      case 15:
        return add_message(f, "sparse_initializer", &out->sparse_initializers, depth,
                           parse_sparse_tensor_view);
      default:
        return Status::ok();  // 14: quantization_annotation, 16: metadata_props
    }
  });
}

}  // namespace detail

Status parse_model(std::string_view bytes, ModelView* out) {
  *out = ModelView();
  Status s = detail::parse_model_view(bytes, out, 0);
  return s.is_ok() ? s : detail::nest(s, "ModelProto");
}

}  // namespace onyx::proto
