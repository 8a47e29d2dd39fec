// Crossing counting and barycenter crossing reduction for graph_layout.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "inspect/graph_layout.h"
#include "inspect/graph_layout_internal.h"

namespace onyx::inspect {

int64_t count_layer_crossings(std::vector<std::pair<int, int>> edges) {
  // Sorted by upper position (then lower), two edges cross exactly when their lower positions are
  // inverted; inversions are counted with a Fenwick tree over lower positions.
  std::sort(edges.begin(), edges.end());
  int max_lower = 0;
  for (const auto& e : edges) max_lower = std::max(max_lower, e.second);
  std::vector<int64_t> tree(static_cast<size_t>(max_lower) + 2, 0);
  int64_t crossings = 0, seen = 0;
  for (const auto& e : edges) {
    // Edges already inserted whose lower end is strictly greater than this one's.
    int64_t not_greater = 0;
    for (int i = e.second + 1; i > 0; i -= i & -i) not_greater += tree[i];
    crossings += seen - not_greater;
    for (int i = e.second + 1; i < static_cast<int>(tree.size()); i += i & -i) ++tree[i];
    ++seen;
  }
  return crossings;
}

namespace layout_detail {

int64_t total_crossings(const LayeredGraph& g) {
  int64_t total = 0;
  std::vector<std::pair<int, int>> pairs;
  for (size_t l = 0; l + 1 < g.rows.size(); ++l) {
    pairs.clear();
    for (int v : g.rows[l])
      for (int w : g.down[v]) pairs.emplace_back(g.pos[v], g.pos[w]);
    total += count_layer_crossings(pairs);
  }
  return total;
}

namespace {

// Reorders row `l` by the mean position of each vertex's neighbours in the adjacent layer
// (`toward_up`: layer l-1). A vertex without such neighbours keeps its current position as key;
// ties keep the current order.
void sort_row_by_barycenter(LayeredGraph& g, int l, bool toward_up) {
  std::vector<int>& row = g.rows[l];
  std::vector<std::pair<double, int>> keyed;
  keyed.reserve(row.size());
  for (int v : row) {
    const std::vector<int>& nbrs = toward_up ? g.up[v] : g.down[v];
    double key = g.pos[v];
    if (!nbrs.empty()) {
      double sum = 0;
      for (int w : nbrs) sum += g.pos[w];
      key = sum / static_cast<double>(nbrs.size());
    }
    keyed.emplace_back(key, v);
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < row.size(); ++i) row[i] = keyed[i].second;
  g.renumber_row(l);
}

}  // namespace

int64_t reduce_crossings(LayeredGraph& g, int sweeps) {
  int64_t best = total_crossings(g);
  std::vector<std::vector<int>> best_rows = g.rows;
  const int layers = static_cast<int>(g.rows.size());
  for (int iter = 0; iter < sweeps && best > 0; ++iter) {
    for (int l = 1; l < layers; ++l) sort_row_by_barycenter(g, l, /*toward_up=*/true);
    for (int l = layers - 2; l >= 0; --l) sort_row_by_barycenter(g, l, /*toward_up=*/false);
    int64_t now = total_crossings(g);
    if (now < best) {
      best = now;
      best_rows = g.rows;
    } else if (now == best) {
      break;  // no progress: further sweeps repeat the same orders
    }
  }
  g.rows = std::move(best_rows);
  for (int l = 0; l < layers; ++l) g.renumber_row(l);
  return best;
}

}  // namespace layout_detail
}  // namespace onyx::inspect
