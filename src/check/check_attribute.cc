// Attribute well-formedness, independent of any schema: a name, a type (IR >= 2), at most one
// value field and that field matching `type`, ref_attr_name only inside function bodies, and the
// tensors and graphs it holds checked recursively (graphs as subgraphs of the enclosing scope).
#include "check/check_context.h"
#include "schema/schema.h"

namespace onyx::check {
namespace {

struct ValueField {
  const char* name;
  bool present;
  int32_t type;  // AttributeProto.AttributeType of the field
};

std::string type_name(int32_t type) {
  if (type >= 0 && type <= 14) return schema::attr_type_name(static_cast<schema::AttrType>(type));
  return std::to_string(type);
}

}  // namespace

void check_attribute(const proto::AttributeView& a, const Context& ctx, const Scope& scope,
                     const std::string& where, const std::string& graph_path) {
  const std::string loc = where + ": attribute " + quote_name(a.name);
  if (a.name.empty()) ctx.error("attribute.name_missing", where, "an attribute has no name");
  if (ctx.ir_version >= 2 && a.type == 0)
    ctx.error("attribute.type_missing", loc, "attributes must set 'type' from IR version 2 on");
  if (a.type < 0 || a.type > 14)
    ctx.error("attribute.type_unknown", loc,
              "type " + std::to_string(a.type) +
                  " is not an "
                  "AttributeType");

  const ValueField fields[] = {
      {"f", a.has_f, 1},
      {"i", a.has_i, 2},
      {"s", a.has_s, 3},
      {"t", a.t != nullptr, 4},
      {"g", a.g != nullptr, 5},
      {"sparse_tensor", a.sparse_tensor != nullptr, 11},
      {"tp", a.tp != nullptr, 13},
      {"floats", a.floats.count > 0, 6},
      {"ints", a.ints.count > 0, 7},
      {"strings", !a.strings.empty(), 8},
      {"tensors", !a.tensors.empty(), 9},
      {"graphs", !a.graphs.empty(), 10},
      {"sparse_tensors", !a.sparse_tensors.empty(), 12},
      {"type_protos", !a.type_protos.empty(), 14},
  };
  int used = 0;
  std::string used_names;
  for (const ValueField& f : fields) {
    if (!f.present) continue;
    ++used;
    used_names += (used_names.empty() ? "" : ", ") + std::string(f.name);
    if (a.type != 0 && a.type != f.type)
      ctx.error("attribute.type_mismatch", loc,
                "type is " + type_name(a.type) + " but the value is in field '" + f.name +
                    "' (type " + type_name(f.type) + ")");
  }
  if (used > 1)
    ctx.error("attribute.multiple_values", loc,
              "exactly one value field may be set, found " + std::to_string(used) + " (" +
                  used_names + ")");
  if (!a.ref_attr_name.empty()) {
    // A reference must not carry its own value. onnx.checker (1.12 and 1.23) enforces this only
    // in subgraphs of the main graph; in function bodies it is a warning here to keep the verdict.
    const std::string why = "an attribute referring to " + quote_name(a.ref_attr_name) +
                            " must not carry its own value (" + used_names + ")";
    if (used != 0 && !ctx.in_function && !ctx.main_graph)
      ctx.error("attribute.ref_with_value", loc, why);
    else if (used != 0 && ctx.in_function)
      ctx.warn("attribute.ref_with_value", loc, why);
    else if (!ctx.in_function)  // onnx 1.12 accepts this, so it is only a warning
      ctx.warn("attribute.ref_outside_function", loc,
               "ref_attr_name " + quote_name(a.ref_attr_name) +
                   " refers to a function attribute, but the node is not in a function body");
  }

  if (a.t) check_tensor(*a.t, ctx, loc + ".t");
  if (a.sparse_tensor) check_sparse_tensor(*a.sparse_tensor, ctx, loc + ".sparse_tensor");
  for (size_t i = 0; i < a.tensors.size(); ++i)
    check_tensor(a.tensors[i], ctx, loc + ".tensors[" + std::to_string(i) + "]");
  for (size_t i = 0; i < a.sparse_tensors.size(); ++i)
    check_sparse_tensor(a.sparse_tensors[i], ctx,
                        loc + ".sparse_tensors[" + std::to_string(i) + "]");
  if (!a.g && a.graphs.empty()) return;
  Context sub = ctx;
  sub.main_graph = false;
  const std::string prefix = graph_path + "." + std::string(a.name);
  if (a.g) check_graph(*a.g, sub, &scope, prefix);
  for (size_t i = 0; i < a.graphs.size(); ++i)
    check_graph(a.graphs[i], sub, &scope, prefix + "[" + std::to_string(i) + "]");
}

}  // namespace onyx::check
