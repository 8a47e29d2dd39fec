// What `onyx view` draws: a model turned into display data (nodes, edges, weight chips, panel
// text, statistics) with a layout per graph. The HTML, SVG and DOT writers (view_html.h,
// view_svg.h, view_dot.h) only format this structure.
//
// Strings copied from the model are untrusted: they are kept as-is here (raw bytes) and escaped
// by each writer (view_text.h).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "inspect/graph_layout.h"
#include "ir/graph.h"

namespace onyx::inspect {

// Box geometry (px) shared by the sizes given to the layout and the SVG drawing: an operator box
// is a header band, an optional name row, one row per weight chip, and padding below chips.
constexpr double kNodeHeader = 24;
constexpr double kNodeNameRow = 14;
constexpr double kNodeChipRow = 16;
constexpr double kNodeBottomPad = 3;

struct ViewOptions {
  LayoutDirection direction = LayoutDirection::kTopDown;
  bool reserve_name_row = false;        // node boxes get a second text row for the node name
  bool names_in_header = false;         // boxes fit the name in the header band (page toggle)
  int64_t max_stat_elements = 1 << 20;  // weight statistics read at most this many elements
  int first_values = 8;                 // leading values shown for weights and tensor attributes
  int64_t max_layout_nodes = 25000;     // larger graphs are listed but not drawn
  int max_graph_depth = 16;             // subgraph nesting shown (deeper bodies are skipped)
};

struct ViewAttribute {
  std::string name, type, value;  // type as ONNX spells it ("INTS"), value as display text
  std::vector<int> subgraphs;     // GRAPH/GRAPHS attributes: indices into ViewModel::graphs
  bool is_default = false;        // absent from the node: the schema's default value is shown
};

// One input or output of a node: its value name, element type and shape text.
struct ViewPort {
  std::string name, type, shape;
  std::string formal;  // the schema's name for this input/output ("W"), "" when unknown
  int weight = -1;     // index into ViewGraph::weights when the value is an initializer (a chip)
};

struct ViewWeight {
  std::string name, dtype, shape;
  int64_t numel = 0;
  bool has_stats = false;
  double min = 0, max = 0, mean = 0;
  int64_t stats_count = 0;  // elements the statistics read (capped by max_stat_elements)
  std::vector<std::string> first_values;
};

enum class ViewNodeKind { kOperator, kInput, kOutput, kCapture };

struct ViewNode {
  ViewNodeKind kind = ViewNodeKind::kOperator;
  std::string op_type, domain, name, doc;
  std::string label;      // text in the box header: op type, or the value name for inputs/outputs
  std::string category;   // colour class: "conv", "activation", "norm", "pool", "tensor", ...
  int64_t opset = 0;      // imported opset of the node's domain
  int since_version = 0;  // schema version the opset selects; 0 when the table has none
  std::string summary;    // schema summary, may be empty
  std::vector<ViewAttribute> attributes;
  std::vector<ViewPort> inputs, outputs;
  std::vector<int> subgraphs;  // bodies this node owns, indices into ViewModel::graphs
  int64_t flops = -1;          // estimate (view_flops.h); -1 = not estimated
};

struct ViewEdge {
  int from = 0, to = 0;  // node indices
  std::string value;     // value name
  std::string label;     // shape text, e.g. "1×3×224×224" (UTF-8 multiplication sign)
};

struct ViewGraph {
  std::string title;      // breadcrumb text: "main graph", "If 'cond' › then_branch"
  int parent = -1;        // enclosing graph, -1 for the main graph
  int parent_node = -1;   // node in the parent that owns this body
  std::string attribute;  // the owner's graph attribute holding this body ("then_branch")
  std::vector<ViewNode> nodes;
  std::vector<ViewEdge> edges;
  std::vector<ViewWeight> weights;
  std::vector<LayoutSize> sizes;  // box per node
  GraphLayout layout;
  bool drawn = true;  // false when the graph exceeds ViewOptions::max_layout_nodes
  double layout_ms = 0;
};

struct ViewModel {
  int64_t ir_version = 0, model_version = 0;
  std::string producer_name, producer_version, domain, doc;
  std::vector<std::pair<std::string, int64_t>> opsets;  // domain ("" shown as ai.onnx), version
  std::vector<std::pair<std::string, std::string>> metadata;
  int64_t parameter_count = 0;     // elements over all initializers, subgraphs included
  int64_t flops = 0;               // sum of node estimates over all graphs
  int64_t flops_nodes = 0;         // nodes that contributed an estimate
  std::vector<std::string> notes;  // problems met while building (failed inference, skipped bodies)
  std::vector<ViewGraph> graphs;   // [0] = main graph, then bodies in discovery order
  bool direction_left_right = false;
  bool name_rows = false;  // operator boxes have a node-name row (ViewOptions::reserve_name_row)
};

ViewModel build_view_model(const ir::Model& model, const ViewOptions& options = {});

// Name on a weight chip: the schema's formal name ("W"), else the last part of the value name
// ("conv1.bias" -> "bias").
std::string chip_name(const ViewPort& port);

}  // namespace onyx::inspect
