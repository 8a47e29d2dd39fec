// Internal to graph_layout*.cc: the proper layered graph (every edge joins consecutive layers,
// long edges split by dummy vertices) that ordering and placement work on.
#pragma once

#include <cstdint>
#include <vector>

namespace onyx::inspect::layout_detail {

struct LayeredGraph {
  int real_count = 0;                  // vertices [0, real_count) are nodes, the rest dummies
  std::vector<int> layer;              // per vertex
  std::vector<std::vector<int>> up;    // per vertex: neighbours in layer - 1
  std::vector<std::vector<int>> down;  // per vertex: neighbours in layer + 1
  std::vector<std::vector<int>> rows;  // per layer: vertices in drawing order
  std::vector<int> pos;                // per vertex: index in its row

  bool is_dummy(int v) const { return v >= real_count; }
  int vertex_count() const { return static_cast<int>(layer.size()); }
  void renumber_row(int l) {
    for (size_t i = 0; i < rows[l].size(); ++i) pos[rows[l][i]] = static_cast<int>(i);
  }
};

// Sum of crossings over all pairs of consecutive layers for the current rows.
int64_t total_crossings(const LayeredGraph& g);

// Barycenter/median sweeps (down, then up), at most `sweeps` per strategy; keeps the best order
// seen. Returns the crossings of the order it leaves in `g`.
int64_t reduce_crossings(LayeredGraph& g, int sweeps);

}  // namespace onyx::inspect::layout_detail
