#include "opt/pattern.h"

#include <algorithm>
#include <unordered_set>

namespace onyx::opt {

bool is_op(const ir::Graph& graph, const ir::GraphIndex& index, size_t n, const char* op) {
  return n != ir::GraphIndex::kNoNode && !index.removed(n) && graph.nodes[n].op_type == op &&
         ir::is_default_domain(graph.nodes[n].domain);
}

const Tensor* constant_tensor(const ir::Graph& graph, const ir::GraphIndex& index,
                              const std::string& name) {
  if (name.empty()) return nullptr;
  for (const ir::ValueInfo& in : graph.inputs)
    if (in.name == name) return nullptr;
  if (const Tensor* t = graph.initializer(name)) return t;
  size_t p = index.producer(name);
  if (!is_op(graph, index, p, "Constant")) return nullptr;
  const ir::Attribute* a = graph.nodes[p].attr("value");
  if (!a || a->type != ir::Attribute::Type::kTensor) return nullptr;
  return &a->t;
}

std::optional<float> constant_scalar(const ir::Graph& graph, const ir::GraphIndex& index,
                                     const std::string& name) {
  const Tensor* t = constant_tensor(graph, index, name);
  if (!t || t->dtype() != DType::kFloat32 || t->numel() != 1) return std::nullopt;
  return t->data<float>()[0];
}

std::optional<std::vector<int64_t>> constant_ints(const ir::Graph& graph,
                                                  const ir::GraphIndex& index,
                                                  const std::string& name) {
  const Tensor* t = constant_tensor(graph, index, name);
  if (!t) return std::nullopt;
  std::vector<int64_t> v(static_cast<size_t>(t->numel()));
  if (t->dtype() == DType::kInt64) {
    for (size_t i = 0; i < v.size(); ++i) v[i] = t->data<int64_t>()[i];
  } else if (t->dtype() == DType::kInt32) {
    for (size_t i = 0; i < v.size(); ++i) v[i] = t->data<int32_t>()[i];
  } else {
    return std::nullopt;
  }
  return v;
}

size_t sole_producer(const ir::Graph& graph, const ir::GraphIndex& index,
                     const std::string& value) {
  if (value.empty() || index.is_graph_output(value)) return ir::GraphIndex::kNoNode;
  size_t p = index.producer(value);
  if (p == ir::GraphIndex::kNoNode || index.removed(p)) return ir::GraphIndex::kNoNode;
  std::vector<ir::GraphIndex::Use> uses = index.uses(value);
  if (uses.size() != 1 || uses[0].slot == ir::GraphIndex::kImplicit) return ir::GraphIndex::kNoNode;
  for (const std::string& out : graph.nodes[p].outputs)
    if (!out.empty() && out != value && (index.has_uses(out) || index.is_graph_output(out)))
      return ir::GraphIndex::kNoNode;
  return p;
}

bool bypass_node(ir::Graph& graph, ir::GraphIndex& index, size_t n, const std::string& value) {
  const ir::Node& node = graph.nodes[n];
  if (node.outputs.empty() || node.outputs[0].empty() || index.is_graph_output(node.outputs[0]))
    return false;
  for (size_t i = 1; i < node.outputs.size(); ++i)
    if (!node.outputs[i].empty() &&
        (index.has_uses(node.outputs[i]) || index.is_graph_output(node.outputs[i])))
      return false;
  const std::string from = node.outputs[0], to = value;  // copies: the rewrite edits strings
  index.remove_node(n);
  index.replace_uses(graph, from, to);
  return true;
}

std::optional<std::vector<int64_t>> squeeze_axes(const ir::Graph& graph,
                                                 const ir::GraphIndex& index, const ir::Node& node,
                                                 int64_t opset) {
  std::optional<std::vector<int64_t>> axes;
  if (opset < 13) {
    if (node.attr("axes")) axes = node.attr_ints("axes");
  } else if (node.inputs.size() > 1 && !node.inputs[1].empty()) {
    axes = constant_ints(graph, index, node.inputs[1]);
  }
  if (!axes || axes->empty()) return std::nullopt;
  std::sort(axes->begin(), axes->end());
  return axes;
}

std::string add_initializer(ir::Graph& graph, const std::string& stem, Tensor t) {
  std::unordered_set<std::string> taken;
  for (const auto& [name, tensor] : graph.initializers) taken.insert(name);
  for (const ir::ValueInfo& v : graph.inputs) taken.insert(v.name);
  for (const ir::Node& n : graph.nodes)
    for (const std::string& o : n.outputs) taken.insert(o);
  std::string name = stem;
  for (int k = 1; taken.count(name); ++k) name = stem + "_" + std::to_string(k);
  graph.initializers.emplace_back(name, std::move(t));
  return name;
}

ir::Attribute make_string_attr(const std::string& name, const std::string& value) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kString;
  a.s = value;
  return a;
}

ir::Attribute make_floats_attr(const std::string& name, std::vector<float> values) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kFloats;
  a.floats = std::move(values);
  return a;
}

ir::Attribute make_ints_attr(const std::string& name, std::vector<int64_t> values) {
  ir::Attribute a;
  a.name = name;
  a.type = ir::Attribute::Type::kInts;
  a.ints = std::move(values);
  return a;
}

Result<shape::GraphInference> infer_types(const ir::Model& model) {
  shape::InferOptions options;
  options.fold_constants = false;
  return shape::infer_graph(model, model.graph, {}, options);
}

}  // namespace onyx::opt
