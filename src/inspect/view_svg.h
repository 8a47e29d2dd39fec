// SVG drawing of one graph of a ViewModel: the static `--format svg` output and the drawing the
// HTML page embeds (viewer.js adds interaction on top of it).
#pragma once

#include <string>

#include "inspect/view_model.h"

namespace onyx::inspect {

struct SvgOptions {
  bool standalone = true;   // XML prolog and the graph stylesheet inlined (a file of its own)
  bool show_names = false;  // node-name rows visible (the HTML page toggles them instead)
};

// `graph` indexes vm.graphs. Element ids are "g<graph>-n<node>" for nodes; every node group
// carries data-node, every weight chip data-weight (indices into the ViewGraph).
std::string graph_svg(const ViewModel& vm, int graph, const SvgOptions& options);

// SVG path data for an edge polyline: cubic segments with tangents along the flow axis, so edges
// leave and enter nodes straight and pass dummy points smoothly.
std::string edge_path_data(const std::vector<LayoutPoint>& points, bool top_down);

}  // namespace onyx::inspect
