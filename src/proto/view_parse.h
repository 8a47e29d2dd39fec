// Internal helpers shared by the ONNX view parsers: error construction with field paths, and
// per-field decoders that check the wire type. Every helper returns a Status whose message is
// "<field path>: <reason>"; parents prepend their own field name with nest().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "proto/onnx_views.h"

namespace onyx::proto::detail {

// A leaf error: message ": reason" (the path is filled in by the callers).
Status wire_error(std::string_view reason);
// Prefix `s`'s path with `field` (and "[index]" when index >= 0).
Status nest(const Status& s, std::string_view field, int64_t index = -1);

// Calls fn(const WireField&) -> Status for each field of the message in `buf`.
template <typename Fn>
Status for_each_field(std::string_view buf, Fn&& fn) {
  WireReader reader(buf);
  WireField field;
  while (!reader.done()) {
    if (const char* err = reader.next(&field)) return wire_error(err);
    Status s = fn(field);
    if (!s.is_ok()) return s;
  }
  return Status::ok();
}

Status check_depth(int depth);
Status want(const WireField& f, WireType type, std::string_view name);
Status get_bytes(const WireField& f, std::string_view name, std::string_view* out);
Status add_bytes(const WireField& f, std::string_view name, std::vector<std::string_view>* out);
Status get_int64(const WireField& f, std::string_view name, int64_t* out);
Status get_int32(const WireField& f, std::string_view name, int32_t* out);
Status get_float(const WireField& f, std::string_view name, float* out);
// A repeated numeric field, accepting both the packed and the unpacked encoding.
Status add_scalar(const WireField& f, std::string_view name, RepeatedScalar* out);

// Parses a sub-message into *out with parse(bytes, out, depth + 1).
template <typename V, typename ParseFn>
Status get_message(const WireField& f, std::string_view name, V* out, int depth, ParseFn parse) {
  ONYX_RETURN_IF_ERROR(want(f, WireType::kLen, name));
  Status s = parse(f.bytes, out, depth + 1);
  return s.is_ok() ? s : nest(s, name);
}

// Appends one element to a repeated message field.
template <typename V, typename ParseFn>
Status add_message(const WireField& f, std::string_view name, std::vector<V>* out, int depth,
                   ParseFn parse) {
  int64_t index = static_cast<int64_t>(out->size());
  ONYX_RETURN_IF_ERROR(want(f, WireType::kLen, name));
  out->emplace_back();
  Status s = parse(f.bytes, &out->back(), depth + 1);
  return s.is_ok() ? s : nest(s, name, index);
}

// Parsers for individual message types; `depth` counts enclosing messages.
Status parse_tensor_view(std::string_view buf, TensorView* out, int depth);
Status parse_sparse_tensor_view(std::string_view buf, SparseTensorView* out, int depth);
Status parse_type_view(std::string_view buf, TypeView* out, int depth);
Status parse_value_info_view(std::string_view buf, ValueInfoView* out, int depth);
Status parse_entry_view(std::string_view buf, StringStringEntryView* out, int depth);
Status parse_opset_view(std::string_view buf, OperatorSetIdView* out, int depth);
Status parse_graph_view(std::string_view buf, GraphView* out, int depth);

}  // namespace onyx::proto::detail
