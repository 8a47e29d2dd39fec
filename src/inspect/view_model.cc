// Builds the viewer's display data from a model: nodes, edges, weight chips, inferred shapes,
// schema text, statistics and one layout per graph (main graph and every If/Loop/Scan body).
#include "inspect/view_model.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "inspect/view_format.h"
#include "schema/schema.h"
#include "shape/infer.h"

namespace onyx::inspect {
namespace {

using view_detail::shape_text;
using view_detail::type_text;

// Approximate width of `text` at the node font (12px sans): 7 px per character (UTF-8 code
// point), long texts capped.
double text_width(const std::string& text) {
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return 7.0 * static_cast<double>(std::min<size_t>(chars, 40));
}

class GraphBuilder {
 public:
  GraphBuilder(const ir::Model& model, const ViewOptions& options, ViewModel& out)
      : model_(model), options_(options), out_(out) {}

  // Adds `graph` (and, recursively, its bodies) to out_.graphs; returns its index.
  // `outer` types the values visible from enclosing graphs; their symbolic dim ids name entries
  // of `outer_symbols`.
  int add(const ir::Graph& graph, int parent, int parent_node, const std::string& title, int depth,
          const std::map<std::string, ops::ValueType>& outer,
          const std::vector<std::string>& outer_symbols) {
    int index = static_cast<int>(out_.graphs.size());
    out_.graphs.emplace_back();
    ViewGraph view;
    view.title = title;
    view.parent = parent;
    view.parent_node = parent_node;

    // Types: inference first, declared types where it has nothing (or failed). A body's own
    // inputs are fed with their declared types interned into one symbol table with the
    // enclosing graphs' symbols, so every symbolic id below names an entry of `symbols`.
    std::vector<std::string> symbols = outer_symbols;
    std::map<std::string, ops::ValueType> feeds = outer;
    if (depth > 0)
      for (const ir::ValueInfo& in : graph.inputs)
        if (!graph.initializer(in.name))
          feeds[in.name] = shape::value_type_from_declared(in.type, &symbols);
    shape::InferOptions infer_options;
    infer_options.fold_constants = false;
    infer_options.depth = depth;
    infer_options.max_depth = options_.max_graph_depth;
    Result<shape::GraphInference> inferred =
        shape::infer_graph(model_, graph, feeds, infer_options);
    if (!inferred)
      out_.notes.push_back("shape inference stopped in " + title + ": " +
                           inferred.status().message() + " (declared types shown instead)");
    const shape::GraphInference* inf = inferred ? &*inferred : nullptr;
    if (inf && depth == 0) symbols = inf->symbols;  // the main graph interns its own
    std::map<std::string, const ir::TypeInfo*> declared;
    for (const auto* list : {&graph.inputs, &graph.outputs, &graph.value_info})
      for (const ir::ValueInfo& v : *list) declared.emplace(v.name, &v.type);
    std::deque<ops::ValueType> converted;  // declared types turned into ValueType, kept alive
    std::vector<std::string> declared_symbols;
    auto value_type = [&](const std::string& name) -> const ops::ValueType* {
      if (inf)
        if (const ops::ValueType* t = inf->find(name)) return t;
      auto it = outer.find(name);
      if (it != outer.end()) return &it->second;
      auto d = declared.find(name);
      if (d == declared.end()) return nullptr;
      converted.push_back(shape::value_type_from_declared(*d->second, &declared_symbols));
      return &converted.back();
    };
    auto port = [&](const std::string& name) {
      ViewPort p;
      p.name = name;
      if (inf && inf->find(name)) {
        p.type = type_text(*inf->find(name));
        p.shape = shape_text(*inf->find(name), symbols);
      } else if (auto d = declared.find(name); d != declared.end()) {
        p.type = type_text(*d->second);
        p.shape = shape_text(*d->second);
      } else if (auto o = outer.find(name); o != outer.end()) {
        p.type = type_text(o->second);
        p.shape = shape_text(o->second, symbols);
      }
      return p;
    };

    std::map<std::string, const Tensor*> initializers;
    for (const auto& [name, tensor] : graph.initializers) {
      initializers.emplace(name, &tensor);
      out_.parameter_count += tensor.numel();
    }
    std::map<std::string, int> weight_index, producer, capture;
    auto weight_of = [&](const std::string& name, const Tensor& t) {
      auto [it, fresh] = weight_index.emplace(name, static_cast<int>(view.weights.size()));
      if (fresh)
        view.weights.push_back(view_detail::describe_weight(name, t, options_.max_stat_elements,
                                                            options_.first_values));
      return it->second;
    };

    for (const ir::ValueInfo& v : graph.inputs) {
      if (initializers.count(v.name)) continue;
      ViewNode n;
      n.kind = ViewNodeKind::kInput;
      n.label = n.name = v.name;
      n.category = "input";
      n.outputs.push_back(port(v.name));
      producer.emplace(v.name, static_cast<int>(view.nodes.size()));
      view.nodes.push_back(std::move(n));
    }
    const size_t first_op = view.nodes.size();
    for (size_t i = 0; i < graph.nodes.size(); ++i)
      for (const std::string& o : graph.nodes[i].outputs)
        if (!o.empty()) producer.emplace(o, static_cast<int>(first_op + i));
    for (size_t i = 0; i < graph.nodes.size(); ++i) view.nodes.push_back(op_node(graph.nodes[i]));

    // Edges, chips and captured outer values.
    auto connect = [&](const std::string& value, int to) {
      auto p = producer.find(value);
      int from;
      if (p != producer.end()) {
        from = p->second;
      } else {
        auto [it, fresh] = capture.emplace(value, static_cast<int>(view.nodes.size()));
        if (fresh) {
          ViewNode c;
          c.kind = ViewNodeKind::kCapture;
          c.label = c.name = value;
          c.category = "capture";
          c.outputs.push_back(port(value));
          view.nodes.push_back(std::move(c));
        }
        from = it->second;
      }
      // One edge per (producer, consumer, value); a consumer's edges are added consecutively.
      for (auto e = view.edges.rbegin(); e != view.edges.rend() && e->to == to; ++e)
        if (e->from == from && e->value == value) return;
      ViewPort vp = port(value);
      view.edges.push_back({from, to, value, vp.shape.empty() ? vp.type : vp.shape});
    };
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      const ir::Node& node = graph.nodes[i];
      int self = static_cast<int>(first_op + i);
      const schema::OpSchema* sc =
          schema::find_schema(node.domain, node.op_type, view.nodes[self].opset);
      std::vector<const ops::ValueType*> in_types, out_types;
      for (size_t k = 0; k < node.inputs.size(); ++k) {
        const std::string& name = node.inputs[k];
        ViewPort p = port(name);
        if (sc && !sc->inputs.empty())
          p.formal = sc->inputs[std::min(k, sc->inputs.size() - 1)].name;
        in_types.push_back(name.empty() ? nullptr : value_type(name));
        if (auto w = initializers.find(name); !name.empty() && w != initializers.end()) {
          p.weight = weight_of(name, *w->second);
        } else if (!name.empty()) {
          connect(name, self);
        }
        view.nodes[self].inputs.push_back(std::move(p));
      }
      for (size_t k = 0; k < node.outputs.size(); ++k) {
        ViewPort p = port(node.outputs[k]);
        if (sc && !sc->outputs.empty())
          p.formal = sc->outputs[std::min(k, sc->outputs.size() - 1)].name;
        out_types.push_back(node.outputs[k].empty() ? nullptr : value_type(node.outputs[k]));
        view.nodes[self].outputs.push_back(std::move(p));
      }
      int64_t flops = view_detail::estimate_flops(node, in_types, out_types);
      view.nodes[self].flops = flops;
      if (flops >= 0) {
        out_.flops += flops;
        ++out_.flops_nodes;
      }
    }
    for (const ir::ValueInfo& v : graph.outputs) {
      ViewNode n;
      n.kind = ViewNodeKind::kOutput;
      n.label = n.name = v.name;
      n.category = "output";
      n.inputs.push_back(port(v.name));
      int self = static_cast<int>(view.nodes.size());
      view.nodes.push_back(std::move(n));
      if (!initializers.count(v.name)) connect(v.name, self);
    }

    // Bodies: their captures see this graph's values (and everything outer).
    std::map<std::string, ops::ValueType> scope = feeds;
    bool has_bodies = false;
    for (const ir::Node& node : graph.nodes)
      for (const ir::Attribute& a : node.attributes)
        has_bodies |=
            a.type == ir::Attribute::Type::kGraph || a.type == ir::Attribute::Type::kGraphs;
    if (has_bodies && inf)
      for (const auto& [name, t] : inf->values) scope[name] = t.type_only();
    for (size_t i = 0; i < graph.nodes.size(); ++i) {
      const ir::Node& node = graph.nodes[i];
      for (size_t a = 0; a < node.attributes.size(); ++a) {
        const ir::Attribute& attr = node.attributes[a];
        std::vector<const ir::Graph*> bodies;
        if (attr.type == ir::Attribute::Type::kGraph && attr.g) bodies.push_back(attr.g.get());
        if (attr.type == ir::Attribute::Type::kGraphs)
          for (const auto& g : attr.graphs)
            if (g) bodies.push_back(g.get());
        for (const ir::Graph* body : bodies) {
          if (depth + 1 > options_.max_graph_depth) {
            out_.notes.push_back("bodies nested deeper than " +
                                 std::to_string(options_.max_graph_depth) + " levels not shown");
            continue;
          }
          std::string body_title = title + " \xE2\x80\xBA " + node.op_type +
                                   (node.name.empty() ? "" : " '" + node.name + "'") + " " +
                                   attr.name;
          int sub = add(*body, index, static_cast<int>(first_op + i), body_title, depth + 1, scope,
                        symbols);
          out_.graphs[sub].attribute = attr.name;
          view.nodes[first_op + i].attributes[a].subgraphs.push_back(sub);
          view.nodes[first_op + i].subgraphs.push_back(sub);
        }
      }
    }

    size_and_layout(view);
    out_.graphs[index] = std::move(view);
    return index;
  }

 private:
  ViewNode op_node(const ir::Node& node) {
    ViewNode n;
    n.op_type = node.op_type;
    n.domain = node.domain;
    n.name = node.name;
    n.doc = node.doc_string;
    n.label = node.op_type;
    n.category = ir::is_default_domain(node.domain) ? view_detail::op_category(node.op_type) : "op";
    n.opset = model_.opset(node.domain);
    const schema::OpSchema* sc = schema::find_schema(node.domain, node.op_type, n.opset);
    if (sc) {
      n.since_version = sc->since_version;
      n.summary = sc->summary;
    }
    for (const ir::Attribute& a : node.attributes)
      n.attributes.push_back({a.name,
                              ir::attribute_type_name(a.type),
                              view_detail::attribute_text(a, options_.first_values),
                              {},
                              false});
    // Then the schema's defaults for attributes the node leaves out (after the node's own, whose
    // positions match node.attributes).
    if (sc)
      for (const schema::AttrSchema& a : sc->attributes)
        if (!a.default_value.empty() && !node.has_attr(a.name))
          n.attributes.push_back(
              {a.name, schema::attr_type_name(a.type), a.default_value, {}, true});
    return n;
  }

  void size_and_layout(ViewGraph& view) {
    for (const ViewNode& n : view.nodes) {
      double width = text_width(n.label) + 24;
      double height = kNodeHeader;
      if (n.kind == ViewNodeKind::kOperator) {
        int chips = 0;
        for (const ViewPort& p : n.inputs)
          if (p.weight >= 0) {
            width = std::max(width, text_width(chip_name(p) + " " + p.shape) + 34);
            ++chips;
          }
        if (options_.names_in_header) width = std::max(width, text_width(n.name) + 24);
        if (options_.reserve_name_row) {
          width = std::max(width, text_width(n.name) + 16);
          height += kNodeNameRow;
        }
        if (chips) height += chips * kNodeChipRow + kNodeBottomPad;
      }
      view.sizes.push_back({std::max(width, 56.0), height});
    }
    if (static_cast<int64_t>(view.nodes.size()) > options_.max_layout_nodes) {
      view.drawn = false;
      out_.notes.push_back(view.title + " has " + std::to_string(view.nodes.size()) +
                           " nodes, more than the " + std::to_string(options_.max_layout_nodes) +
                           " this viewer draws; its nodes are not drawn");
      return;
    }
    std::vector<std::pair<int, int>> edges;
    for (const ViewEdge& e : view.edges) edges.emplace_back(e.from, e.to);
    LayoutOptions lo;
    lo.direction = options_.direction;
    if (lo.direction == LayoutDirection::kLeftRight) {
      // Left to right, shape labels run along the edges between layers: leave room for them
      // (edge labels are 10px text, about 6 px per character).
      double longest = 0;
      for (const ViewEdge& e : view.edges) longest = std::max(longest, text_width(e.label));
      lo.rank_gap = std::clamp(longest * 6.0 / 7.0 + 20, lo.rank_gap, 240.0);
    }
    auto start = std::chrono::steady_clock::now();
    view.layout = layout_graph(view.sizes, edges, lo);
    view.layout_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }

  const ir::Model& model_;
  const ViewOptions& options_;
  ViewModel& out_;
};

}  // namespace

std::string chip_name(const ViewPort& port) {
  if (!port.formal.empty()) return port.formal;
  size_t cut = port.name.find_last_of("./:");
  std::string tail = cut == std::string::npos ? port.name : port.name.substr(cut + 1);
  return tail.empty() ? port.name : tail;
}

ViewModel build_view_model(const ir::Model& model, const ViewOptions& options) {
  ViewModel vm;
  vm.ir_version = model.ir_version;
  vm.model_version = model.model_version;
  vm.producer_name = model.producer_name;
  vm.producer_version = model.producer_version;
  vm.domain = model.domain;
  vm.doc = model.doc_string;
  vm.direction_left_right = options.direction == LayoutDirection::kLeftRight;
  vm.name_rows = options.reserve_name_row;
  for (const ir::OperatorSetId& o : model.opset_imports)
    vm.opsets.emplace_back(o.domain.empty() ? "ai.onnx" : o.domain, o.version);
  vm.metadata = model.metadata_props;
  GraphBuilder builder(model, options, vm);
  builder.add(model.graph, -1, -1, "main graph", 0, {}, {});
  return vm;
}

}  // namespace onyx::inspect
