// CheckOptions::full, part two: every node's inferred input and output types against its operator
// schema's type constraints (a type outside the allowed set, or one constraint bound to two
// different types). Main graph only; values whose type inference left open are skipped.
#include <algorithm>
#include <map>

#include "check/full_types.h"
#include "schema/schema.h"

namespace onyx::check {
namespace {

// ONNX's type string ("tensor(float)", "seq(tensor(int64))", "optional(tensor(bool))"); empty when
// the type is not fully known or not one a schema constrains.
std::string type_string(const ops::ValueType& t) {
  if (t.dtype == DType::kUndefined) return "";
  const std::string tensor = std::string("tensor(") + dtype_name(t.dtype) + ")";
  switch (t.kind) {
    case ops::ValueKind::kTensor:
      return tensor;
    case ops::ValueKind::kSequence:
      return "seq(" + tensor + ")";
    case ops::ValueKind::kOptional:
      return t.optional_of == ops::ValueKind::kSequence ? "optional(seq(" + tensor + "))"
                                                        : "optional(" + tensor + ")";
    default:
      return "";
  }
}

const schema::Formal* formal_at(const std::vector<schema::Formal>& formals, size_t i) {
  if (i < formals.size()) return &formals[i];
  if (!formals.empty() && formals.back().option == schema::Option::kVariadic)
    return &formals.back();
  return nullptr;
}

std::string allowed_list(const std::vector<std::string>& types) {
  std::string out;
  for (const std::string& t : types) out += (out.empty() ? "" : ", ") + t;
  return out;
}

struct Binding {
  std::string type;
  std::string where;  // "input 0 'x'"
};

// Checks one side (inputs or outputs) of a node; `bound` carries constraint bindings across both.
// Declared types inference does not model (sparse tensors), by value name.
using DeclaredTypes = std::map<std::string, std::string, std::less<>>;

bool check_side(const std::vector<std::string>& names, const std::vector<schema::Formal>& formals,
                const char* side, const schema::OpSchema& s, const shape::GraphInference& g,
                const DeclaredTypes& declared, std::map<std::string, Binding>* bound,
                const std::string& loc, CheckReport* report) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) continue;
    const schema::Formal* f = formal_at(formals, i);
    if (!f) continue;
    auto d = declared.find(names[i]);
    const ops::ValueType* t = g.find(names[i]);
    const std::string type = d != declared.end() ? d->second : t ? type_string(*t) : "";
    if (type.empty()) continue;
    const std::string where = std::string(side) + " " + std::to_string(i) + " '" + names[i] + "'";
    const schema::TypeConstraint* c = s.constraint(f->type);
    const std::vector<std::string> single{f->type};
    const std::vector<std::string>& allowed = c ? c->types : single;
    if (std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
      report->issues.push_back({"full.type_constraint", loc,
                                where + " has type " + type + ", but " + s.name + " version " +
                                    std::to_string(s.since_version) + " allows " + f->type +
                                    " in {" + allowed_list(allowed) + "}",
                                false});
      return false;
    }
    if (!c || !f->homogeneous) continue;
    auto [it, inserted] = bound->emplace(f->type, Binding{type, where});
    if (!inserted && it->second.type != type) {
      report->issues.push_back({"full.type_constraint", loc,
                                where + " has type " + type + ", but " + it->second.where +
                                    " binds " + f->type + " to " + it->second.type,
                                false});
      return false;
    }
  }
  return true;
}

// If branches take no inputs; a Loop body takes (iteration, condition, carried values...), one
// per node input. Inference binds subgraph inputs by these counts, so a mismatch is an error of
// the strict pass (onnx's full_check reports it the same way).
bool check_subgraph_signatures(const ir::Graph& graph, const std::string& path,
                               CheckReport* report) {
  for (size_t n = 0; n < graph.nodes.size(); ++n) {
    const ir::Node& node = graph.nodes[n];
    const bool standard = node.domain.empty() || node.domain == "ai.onnx";
    const std::string loc = path + ": node " + std::to_string(n) +
                            (node.name.empty() ? "" : " '" + node.name + "'") + " (" +
                            node.op_type + ")";
    for (const ir::Attribute& a : node.attributes) {
      if (!a.g) continue;
      size_t expected = a.g->inputs.size();
      if (standard && node.op_type == "If") expected = 0;
      if (standard && node.op_type == "Loop" && a.name == "body") expected = node.inputs.size();
      if (a.g->inputs.size() != expected) {
        report->issues.push_back({"full.subgraph_signature", loc,
                                  "subgraph '" + a.name + "' declares " +
                                      std::to_string(a.g->inputs.size()) + " inputs, but " +
                                      node.op_type + " passes it " + std::to_string(expected),
                                  false});
        return false;
      }
      const std::string sub = path + " > " + node.op_type + " '" + node.name + "'." + a.name;
      if (!check_subgraph_signatures(*a.g, sub, report)) return false;
    }
  }
  return true;
}

}  // namespace

bool check_control_flow_signatures(const ir::Model& model, CheckReport* report) {
  return check_subgraph_signatures(model.graph, "main", report);
}

void check_type_constraints(const ir::Model& model, const shape::GraphInference& g,
                            CheckReport* report) {
  DeclaredTypes declared;
  for (const ir::ValueInfo& v : model.graph.inputs)
    if (v.type.kind == ir::TypeInfo::Kind::kSparseTensor && v.type.elem_type != DType::kUndefined)
      declared[v.name] = std::string("sparse_tensor(") + dtype_name(v.type.elem_type) + ")";
  for (size_t n = 0; n < model.graph.nodes.size(); ++n) {
    const ir::Node& node = model.graph.nodes[n];
    const int64_t opset = model.opset(node.domain);
    if (opset <= 0) continue;
    const schema::OpSchema* s = schema::find_schema(node.domain, node.op_type, opset);
    if (!s) continue;
    const std::string loc = "main: node " + std::to_string(n) +
                            (node.name.empty() ? "" : " '" + node.name + "'") + " (" +
                            node.op_type + ", opset " + std::to_string(opset) + ")";
    std::map<std::string, Binding> bound;
    if (!check_side(node.inputs, s->inputs, "input", *s, g, declared, &bound, loc, report)) return;
    if (!check_side(node.outputs, s->outputs, "output", *s, g, declared, &bound, loc, report))
      return;
  }
}

}  // namespace onyx::check
