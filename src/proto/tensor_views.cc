// Parsers for TensorProto, SparseTensorProto, TypeProto, ValueInfoProto and the small messages.
// Field numbers follow onnx/onnx.proto.
#include "proto/view_parse.h"

namespace onyx::proto {

TensorView::TensorView() {
  float_data.encoding = RepeatedScalar::Encoding::kFixed32;
  double_data.encoding = RepeatedScalar::Encoding::kFixed64;
}

namespace detail {
namespace {

Status parse_segment(std::string_view buf, TensorView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  out->has_segment = true;
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return get_int64(f, "begin", &out->segment_begin);
      case 2:
        return get_int64(f, "end", &out->segment_end);
      default:
        return Status::ok();
    }
  });
}

Status parse_dimension(std::string_view buf, DimensionView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        out->has_value = true;
        out->has_param = false;  // oneof: the last member wins
        return get_int64(f, "dim_value", &out->value);
      case 2:
        out->has_param = true;
        out->has_value = false;
        return get_bytes(f, "dim_param", &out->param);
      case 3:
        return get_bytes(f, "denotation", &out->denotation);
      default:
        return Status::ok();
    }
  });
}

Status parse_shape(std::string_view buf, TypeView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  out->has_shape = true;
  out->dims.clear();
  return for_each_field(buf, [&](const WireField& f) -> Status {
    if (f.number == 1) return add_message(f, "dim", &out->dims, depth, parse_dimension);
    return Status::ok();
  });
}

// TypeProto.Tensor and TypeProto.SparseTensor share their layout.
Status parse_tensor_type(std::string_view buf, TypeView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        out->has_elem_type = true;
        return get_int32(f, "elem_type", &out->elem_type);
      case 2:
        return get_message(f, "shape", out, depth, parse_shape);
      default:
        return Status::ok();
    }
  });
}

Status parse_inner_type(const WireField& f, std::string_view name, TypeView* out, int depth) {
  out->inner = std::make_unique<TypeView>();
  return get_message(f, name, out->inner.get(), depth, parse_type_view);
}

// TypeProto.Sequence and TypeProto.Optional: one TypeProto elem_type = 1.
Status parse_element_type(std::string_view buf, TypeView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    if (f.number == 1) return parse_inner_type(f, "elem_type", out, depth);
    return Status::ok();
  });
}

Status parse_map_type(std::string_view buf, TypeView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        out->has_key_type = true;
        return get_int32(f, "key_type", &out->key_type);
      case 2:
        return parse_inner_type(f, "value_type", out, depth);
      default:
        return Status::ok();
    }
  });
}

Status parse_opaque_type(std::string_view buf, TypeView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return get_bytes(f, "domain", &out->opaque_domain);
      case 2:
        return get_bytes(f, "name", &out->opaque_name);
      default:
        return Status::ok();
    }
  });
}

}  // namespace

Status parse_tensor_view(std::string_view buf, TensorView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return add_scalar(f, "dims", &out->dims);
      case 2:
        return get_int32(f, "data_type", &out->data_type);
      case 3:
        return get_message(f, "segment", out, depth, parse_segment);
      case 4:
        return add_scalar(f, "float_data", &out->float_data);
      case 5:
        return add_scalar(f, "int32_data", &out->int32_data);
      case 6:
        return add_bytes(f, "string_data", &out->string_data);
      case 7:
        return add_scalar(f, "int64_data", &out->int64_data);
      case 8:
        return get_bytes(f, "name", &out->name);
      case 9:
        out->has_raw_data = true;
        return get_bytes(f, "raw_data", &out->raw_data);
      case 10:
        return add_scalar(f, "double_data", &out->double_data);
      case 11:
        return add_scalar(f, "uint64_data", &out->uint64_data);
      case 12:
        return get_bytes(f, "doc_string", &out->doc_string);
      case 13:
        return add_message(f, "external_data", &out->external_data, depth, parse_entry_view);
      case 14:
        return get_int32(f, "data_location", &out->data_location);
      default:
        return Status::ok();
    }
  });
}

Status parse_sparse_tensor_view(std::string_view buf, SparseTensorView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        out->has_values = true;
        return get_message(f, "values", &out->values, depth, parse_tensor_view);
      case 2:
        out->has_indices = true;
        return get_message(f, "indices", &out->indices, depth, parse_tensor_view);
      case 3:
        return add_scalar(f, "dims", &out->dims);
      default:
        return Status::ok();
    }
  });
}

Status parse_type_view(std::string_view buf, TypeView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  using Kind = TypeView::Kind;
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        out->kind = Kind::kTensor;
        return get_message(f, "tensor_type", out, depth, parse_tensor_type);
      case 4:
        out->kind = Kind::kSequence;
        return get_message(f, "sequence_type", out, depth, parse_element_type);
      case 5:
        out->kind = Kind::kMap;
        return get_message(f, "map_type", out, depth, parse_map_type);
      case 6:
        return get_bytes(f, "denotation", &out->denotation);
      case 7:
        out->kind = Kind::kOpaque;
        return get_message(f, "opaque_type", out, depth, parse_opaque_type);
      case 8:
        out->kind = Kind::kSparseTensor;
        return get_message(f, "sparse_tensor_type", out, depth, parse_tensor_type);
      case 9:
        out->kind = Kind::kOptional;
        return get_message(f, "optional_type", out, depth, parse_element_type);
      default:
        return Status::ok();
    }
  });
}

Status parse_value_info_view(std::string_view buf, ValueInfoView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return get_bytes(f, "name", &out->name);
      case 2:
        out->has_type = true;
        return get_message(f, "type", &out->type, depth, parse_type_view);
      case 3:
        return get_bytes(f, "doc_string", &out->doc_string);
      default:
        return Status::ok();
    }
  });
}

Status parse_entry_view(std::string_view buf, StringStringEntryView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return get_bytes(f, "key", &out->key);
      case 2:
        return get_bytes(f, "value", &out->value);
      default:
        return Status::ok();
    }
  });
}

Status parse_opset_view(std::string_view buf, OperatorSetIdView* out, int depth) {
  ONYX_RETURN_IF_ERROR(check_depth(depth));
  return for_each_field(buf, [&](const WireField& f) -> Status {
    switch (f.number) {
      case 1:
        return get_bytes(f, "domain", &out->domain);
      case 2:
        return get_int64(f, "version", &out->version);
      default:
        return Status::ok();
    }
  });
}

}  // namespace detail

Status parse_tensor(std::string_view bytes, TensorView* out) {
  *out = TensorView();
  Status s = detail::parse_tensor_view(bytes, out, 0);
  return s.is_ok() ? s : detail::nest(s, "TensorProto");
}

}  // namespace onyx::proto
