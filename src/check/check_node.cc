// Node rules: op_type, inputs/outputs present, domain imported, and the operator schema
// (schema/schema.h) found for (domain, op_type, opset): input/output counts, empty names for
// single formals, attributes known, typed, valued and complete.
//
// As onnx.checker does, a missing schema is an error only for the standard domains it owns
// ("", "ai.onnx.ml", "ai.onnx.training"); ops of other domains without a schema get a warning.
#include <algorithm>
#include <unordered_set>

#include "check/check_context.h"
#include "schema/schema.h"

namespace onyx::check {
namespace {

// Ops onnx.checker stops at without checking (experimental ops of early opsets).
bool is_experimental_op(std::string_view op) {
  static const char* const kOps[] = {"ATen",
                                     "Affine",
                                     "ConstantFill",
                                     "Crop",
                                     "DynamicSlice",
                                     "GRUUnit",
                                     "GivenTensorFill",
                                     "ImageScaler",
                                     "ParametricSoftplus",
                                     "Scale",
                                     "ScaledTanh"};
  return std::any_of(std::begin(kOps), std::end(kOps), [&](const char* o) { return op == o; });
}

// Domains whose ops must all have a schema (an unknown op there is an error).
bool is_required_domain(std::string_view domain) {
  return domain.empty() || domain == "ai.onnx.ml" || domain == "ai.onnx.training";
}

// The attribute value field ONNX expects for `type`, and whether `a` has it. Scalars count as
// present even when absent (proto3 writers omit default values).
bool has_value_for(const proto::AttributeView& a, schema::AttrType type, const char** field) {
  using T = schema::AttrType;
  switch (type) {
    case T::kFloat:
    case T::kInt:
    case T::kString:
    case T::kSparseTensors:
      return true;
    case T::kTensor:
      *field = "t";
      return a.t != nullptr;
    case T::kSparseTensor:
      *field = "sparse_tensor";
      return a.sparse_tensor != nullptr;
    case T::kGraph:
      *field = "g";
      return a.g != nullptr;
    case T::kTypeProto:
      *field = "tp";
      return a.tp != nullptr;
    case T::kFloats:
      *field = "floats";
      return a.floats.count > 0;
    case T::kInts:
      *field = "ints";
      return a.ints.count > 0;
    case T::kStrings:
      *field = "strings";
      return !a.strings.empty();
    case T::kTensors:
      *field = "tensors";
      return !a.tensors.empty();
    case T::kGraphs:
      *field = "graphs";
      return !a.graphs.empty();
    case T::kTypeProtos:
      *field = "type_protos";
      return !a.type_protos.empty();
    case T::kUndefined:
      break;
  }
  *field = "?";
  return false;
}

std::string count_range(int lo, int hi) {
  if (lo == hi) return std::to_string(lo);
  return std::to_string(lo) + " .. " + (hi == schema::kUnbounded ? "any" : std::to_string(hi));
}

void check_formals(const std::vector<std::string_view>& names,
                   const std::vector<schema::Formal>& formals, const char* what, const Context& ctx,
                   const std::string& loc) {
  for (size_t i = 0; i < names.size() && !formals.empty(); ++i) {
    size_t f = std::min(i, formals.size() - 1);
    if (i >= formals.size() && formals.back().option != schema::Option::kVariadic) break;
    if (names[i].empty() && formals[f].option == schema::Option::kSingle)
      ctx.error(std::string("node.empty_required_") + what, loc,
                std::string(what) + " " + std::to_string(i) + " ('" + formals[f].name +
                    "') is required but given the empty name");
  }
}

void check_attributes_against(const proto::NodeView& node, const schema::OpSchema& s,
                              const Context& ctx, const std::string& loc) {
  std::unordered_set<std::string_view> seen;
  for (const proto::AttributeView& a : node.attributes) {
    if (!seen.insert(a.name).second) {
      ctx.error("node.duplicate_attribute", loc,
                "attribute " + quote_name(a.name) + " is given more than once");
      continue;
    }
    const schema::AttrSchema* expected = s.attribute(a.name);
    if (!expected) {
      if (a.name.size() >= 2 && a.name[0] == '_' && a.name[1] == '_') continue;  // internal
      std::string known;
      for (const schema::AttrSchema& k : s.attributes)
        known += (known.empty() ? "" : ", ") + k.name;
      ctx.error("node.unknown_attribute", loc,
                "attribute " + quote_name(a.name) + " is not defined by " + s.name + " version " +
                    std::to_string(s.since_version) +
                    (known.empty() ? " (it takes no attributes)" : " (known: " + known + ")"));
      continue;
    }
    if (a.type != static_cast<int32_t>(expected->type)) {
      ctx.error("node.attribute_type", loc,
                "attribute " + quote_name(a.name) + " must have type " +
                    schema::attr_type_name(expected->type) + ", found " +
                    (a.type >= 0 && a.type <= 14
                         ? schema::attr_type_name(static_cast<schema::AttrType>(a.type))
                         : std::to_string(a.type).c_str()));
      continue;
    }
    if (!a.ref_attr_name.empty()) continue;  // the value comes from the calling function
    const char* field = "";
    if (!has_value_for(a, expected->type, &field))
      ctx.error("node.attribute_value_missing", loc,
                "attribute " + quote_name(a.name) + " of type " +
                    schema::attr_type_name(expected->type) + " has no value in field '" + field +
                    "'");
  }
  for (const schema::AttrSchema& k : s.attributes)
    if (k.required && !seen.count(k.name))
      ctx.error("node.missing_attribute", loc,
                "required attribute '" + k.name + "' (" + schema::attr_type_name(k.type) +
                    ") is missing");
}

void verify_against_schema(const proto::NodeView& node, const schema::OpSchema& s,
                           const Context& ctx, const std::string& loc) {
  const int n_in = static_cast<int>(node.inputs.size());
  const int n_out = static_cast<int>(node.outputs.size());
  if (n_in < s.min_inputs || n_in > s.max_inputs)
    ctx.error("node.input_count", loc,
              "has " + std::to_string(n_in) + " inputs; " + s.name + " version " +
                  std::to_string(s.since_version) + " takes " +
                  count_range(s.min_inputs, s.max_inputs));
  if (n_out < s.min_outputs || n_out > s.max_outputs)
    ctx.error("node.output_count", loc,
              "has " + std::to_string(n_out) + " outputs; " + s.name + " version " +
                  std::to_string(s.since_version) + " produces " +
                  count_range(s.min_outputs, s.max_outputs));
  else if (!s.allowed_output_counts.empty() &&
           std::find(s.allowed_output_counts.begin(), s.allowed_output_counts.end(), n_out) ==
               s.allowed_output_counts.end()) {
    std::string allowed;
    for (int c : s.allowed_output_counts)
      allowed += (allowed.empty() ? "" : " or ") + std::to_string(c);
    ctx.error("node.output_count", loc,
              "has " + std::to_string(n_out) + " outputs; " + s.name + " version " +
                  std::to_string(s.since_version) + " produces exactly " + allowed);
  }
  check_formals(node.inputs, s.inputs, "input", ctx, loc);
  check_formals(node.outputs, s.outputs, "output", ctx, loc);
  check_attributes_against(node, s, ctx, loc);
}

// A call of a model-local function: counts and attribute names against its signature. Stricter
// than onnx 1.12, which does not look at calls (a runtime inlining the call would fail).
void verify_function_call(const proto::NodeView& node, const proto::FunctionView& f,
                          const Context& ctx, const std::string& loc) {
  if (node.inputs.size() > f.inputs.size())
    ctx.error("function.call_signature", loc,
              "has " + std::to_string(node.inputs.size()) + " inputs; function " +
                  quote_name(f.name) + " takes at most " + std::to_string(f.inputs.size()));
  if (node.outputs.size() > f.outputs.size())
    ctx.error("function.call_signature", loc,
              "has " + std::to_string(node.outputs.size()) + " outputs; function " +
                  quote_name(f.name) + " produces at most " + std::to_string(f.outputs.size()));
  std::unordered_set<std::string_view> declared(f.attributes.begin(), f.attributes.end());
  for (const proto::AttributeView& a : f.attribute_protos) declared.insert(a.name);
  for (const proto::AttributeView& a : node.attributes)
    if (!declared.count(a.name))
      ctx.error(
          "function.call_signature", loc,
          "attribute " + quote_name(a.name) + " is not declared by function " + quote_name(f.name));
}

const proto::FunctionView* local_function(const Context& ctx, const proto::NodeView& node) {
  if (!ctx.model || ctx.model->ir_version < 8) return nullptr;
  for (const proto::FunctionView& f : ctx.model->functions)
    if (f.name == node.op_type && f.domain == node.domain) return &f;
  return nullptr;
}

void warn_domain_once(const Context& ctx, std::string_view domain, const std::string& loc,
                      const std::string& message) {
  if (ctx.warned_domains && !ctx.warned_domains->emplace(domain).second) return;
  ctx.warn("node.unchecked_domain", loc, message);
}

}  // namespace

void check_node(const proto::NodeView& node, size_t index, const Context& ctx, const Scope& scope,
                const std::string& graph_path) {
  auto opset_it = ctx.opsets.find(node.domain);
  const int64_t opset = opset_it == ctx.opsets.end() ? -1 : opset_it->second;
  const std::string loc = node_location(graph_path, index, node, opset);
  if (node.op_type.empty()) ctx.error("node.op_type_missing", loc, "the node has no op_type");
  if (node.inputs.empty() && node.outputs.empty())
    ctx.error("node.no_inputs_outputs", loc, "the node has neither inputs nor outputs");
  if (node.op_type.empty()) return;
  if (is_experimental_op(node.op_type)) {
    ctx.warn(
        "node.experimental_op", loc,
        "experimental op " + quote_name(node.op_type) + " is not checked (as in onnx.checker)");
    return;
  }
  if (opset < 0) {
    if (ctx.opsets_reported) return;
    std::string imported;
    for (const auto& [d, v] : ctx.opsets)
      imported += (imported.empty() ? "" : ", ") + quote_name(d) + " " + std::to_string(v);
    ctx.error("node.domain_not_imported", loc,
              "domain " + quote_name(node.domain) + " is not in opset_import (imported: " +
                  (imported.empty() ? std::string("none") : imported) + ")");
    return;
  }

  const std::string subgraph_prefix =
      graph_path + " > " + std::string(node.op_type) +
      (node.name.empty() ? " #" + std::to_string(index) : " " + quote_name(node.name));
  for (const proto::AttributeView& a : node.attributes)
    check_attribute(a, ctx, scope, loc, subgraph_prefix);

  // As in onnx.checker, a model-local function never replaces an op of a standard domain.
  const proto::FunctionView* f = is_required_domain(node.domain) || node.domain == "ai.onnx"
                                     ? nullptr
                                     : local_function(ctx, node);
  if (f) {
    verify_function_call(node, *f, ctx, loc);
    return;
  }
  // onnx.checker treats "ai.onnx" as a domain of its own: its registry has no ops under it.
  if (node.domain == "ai.onnx") {
    ctx.error("node.domain_alias", loc,
              "domain 'ai.onnx' names the default domain; write it as '' (onnx.checker finds no "
              "schema under the alias)");
    return;
  }
  const std::string_view domain = node.domain;
  if (schema::newest_opset(domain) == 0) {
    warn_domain_once(ctx, domain, loc,
                     is_required_domain(domain)
                         ? "no operator schemas are available for domain " + quote_name(domain) +
                               "; its nodes are not checked against schemas"
                         : "domain " + quote_name(domain) +
                               " is not a standard ONNX domain; its ops are not checked");
    return;
  }
  const schema::OpSchema* s = schema::find_schema(domain, node.op_type, opset);
  if (!s) {
    std::vector<const schema::OpSchema*> versions = schema::schema_versions(domain, node.op_type);
    std::string message =
        versions.empty()
            ? "no operator " + quote_name(node.op_type) + " exists in domain " + quote_name(domain)
            : quote_name(node.op_type) + " first appears in opset " +
                  std::to_string(versions.front()->since_version) + " of domain " +
                  quote_name(domain) + ", but the model imports opset " + std::to_string(opset);
    if (is_required_domain(domain))
      ctx.error(versions.empty() ? "node.unknown_op" : "node.op_not_in_opset", loc, message);
    else
      ctx.warn("node.unknown_op", loc, message + " (not checked: domain outside onnx.checker's)");
    return;
  }
  if (s->deprecated) {
    ctx.error("node.deprecated_op", loc,
              quote_name(node.op_type) + " is deprecated as of opset " +
                  std::to_string(s->since_version) + " (the model imports opset " +
                  std::to_string(opset) + ")");
    return;
  }
  verify_against_schema(node, *s, ctx, loc);
}

}  // namespace onyx::check
