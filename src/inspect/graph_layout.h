// Layered (Sugiyama-style) drawing of a directed graph, used by `onyx view` for HTML, SVG and DOT.
//
// Steps: cycles are broken by reversing the edges that point backwards in a stable topological
// order; longest-path layering (sources then pulled down next to their first consumer); every edge
// spanning k > 1 layers gets k-1 dummy nodes (within a budget); crossing reduction sweeps down
// and up with two strategies (barycenter; scaled barycenter alternating with median), keeping the
// best order seen; coordinates along each layer come from median targets solved exactly per layer
// (weighted isotonic regression with minimum gaps), averaged with the mirrored solution so nothing
// drifts sideways, then each long edge's dummies are aligned so it runs straight. Edges are
// polylines from the source's port through the dummies to the target's port. Output is
// deterministic (no hashing, stable sorts).
//
// Units are pixels; coordinates have (0,0) at the top-left corner of the drawing.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace onyx::inspect {

enum class LayoutDirection { kTopDown, kLeftRight };

struct LayoutOptions {
  LayoutDirection direction = LayoutDirection::kTopDown;
  double node_gap = 24;  // minimum space between neighbours in one layer
  double rank_gap = 44;  // space between consecutive layers
  int sweeps = 8;        // crossing-reduction iterations (each one down sweep and one up sweep)
  int placement_passes = 6;
  int64_t max_dummies = 300000;  // beyond this, the longest edges are drawn as one segment
};

struct LayoutSize {
  double width = 0, height = 0;
};

struct LayoutPoint {
  double x = 0, y = 0;
};

struct GraphLayout {
  std::vector<LayoutPoint> centers;  // one per node: the centre of its box
  std::vector<int> layers;           // one per node: its layer (0 = first)
  // One per input edge: source port, one point per dummy node, target port. Empty for self-loops
  // and edges naming a node that does not exist.
  std::vector<std::vector<LayoutPoint>> edge_points;
  double width = 0, height = 0;   // extent of the drawing
  int64_t initial_crossings = 0;  // crossings of the first order (nodes in input order)
  int64_t crossings = 0;          // crossings after reduction (dummy segments included)
  int64_t dummy_count = 0;
  int64_t direct_edges = 0;  // long edges drawn as one segment because of max_dummies
};

// Lays out `sizes.size()` nodes; each edge is (from, to) as node indices. Any input is accepted
// (cycles, self-loops, parallel edges, out-of-range indices are skipped).
GraphLayout layout_graph(const std::vector<LayoutSize>& sizes,
                         const std::vector<std::pair<int, int>>& edges,
                         const LayoutOptions& options = {});

// Layers used by layout_graph: for every edge (u, v) not reversed to break a cycle,
// layers[v] > layers[u]. Exposed for tests.
std::vector<int> assign_layers(int node_count, const std::vector<std::pair<int, int>>& edges);

// Crossings between two consecutive layers: `edges` are (position in the upper layer, position in
// the lower layer). Counted in O(E log E).
int64_t count_layer_crossings(std::vector<std::pair<int, int>> edges);

}  // namespace onyx::inspect
