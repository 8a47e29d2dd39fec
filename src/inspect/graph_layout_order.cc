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

// How one strategy orders a row from its neighbours in the adjacent layer.
struct SweepStyle {
  bool median = false;         // median of neighbour positions (else their mean, the barycenter)
  bool scale_keyless = false;  // a vertex without such neighbours keeps its relative place
                               // (position scaled to the adjacent row) rather than its index
};

// Reorders row `l` by a key from each vertex's neighbours in layer l-1 (`toward_up`) or l+1;
// ties keep the current order.
void sort_row(LayeredGraph& g, int l, bool toward_up, const SweepStyle& style) {
  std::vector<int>& row = g.rows[l];
  const std::vector<int>& other = g.rows[toward_up ? l - 1 : l + 1];
  const double scale = style.scale_keyless && row.size() > 1
                           ? static_cast<double>(other.size()) / static_cast<double>(row.size())
                           : 1.0;
  std::vector<std::pair<double, int>> keyed;
  keyed.reserve(row.size());
  std::vector<int> at;
  for (int v : row) {
    const std::vector<int>& nbrs = toward_up ? g.up[v] : g.down[v];
    double key = g.pos[v] * scale;
    if (!nbrs.empty() && style.median) {
      at.clear();
      for (int w : nbrs) at.push_back(g.pos[w]);
      std::sort(at.begin(), at.end());
      size_t m = at.size() / 2;
      key = at.size() % 2 ? at[m] : (at[m - 1] + at[m]) / 2.0;
    } else if (!nbrs.empty()) {
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

// Down-and-up sweeps from the current order (`alternate`: odd sweeps use the median); stops
// after three sweeps without improvement. Leaves the best order in `g`, returns its crossings.
int64_t sweep(LayeredGraph& g, int sweeps, SweepStyle style, bool alternate) {
  int64_t best = total_crossings(g);
  std::vector<std::vector<int>> best_rows = g.rows;
  const int layers = static_cast<int>(g.rows.size());
  int stale = 0;
  for (int iter = 0; iter < sweeps && best > 0; ++iter) {
    if (alternate) style.median = iter % 2 == 1;
    for (int l = 1; l < layers; ++l) sort_row(g, l, /*toward_up=*/true, style);
    for (int l = layers - 2; l >= 0; --l) sort_row(g, l, /*toward_up=*/false, style);
    int64_t now = total_crossings(g);
    if (now < best) {
      best = now;
      best_rows = g.rows;
      stale = 0;
    } else if (++stale >= 3) {
      break;
    }
  }
  g.rows = std::move(best_rows);
  for (int l = 0; l < layers; ++l) g.renumber_row(l);
  return best;
}

}  // namespace

int64_t reduce_crossings(LayeredGraph& g, int sweeps) {
  // Two strategies from the same start, the better result kept: neither wins on every graph
  // (plain barycenter does better on BERT-like graphs, scaled keys with median on ViT).
  const std::vector<std::vector<int>> start = g.rows;
  int64_t plain = sweep(g, sweeps, SweepStyle{}, /*alternate=*/false);
  if (plain == 0) return 0;
  std::vector<std::vector<int>> plain_rows = g.rows;
  g.rows = start;
  for (size_t l = 0; l < g.rows.size(); ++l) g.renumber_row(static_cast<int>(l));
  int64_t mixed = sweep(g, sweeps, SweepStyle{false, true}, /*alternate=*/true);
  if (mixed <= plain) return mixed;
  g.rows = std::move(plain_rows);
  for (size_t l = 0; l < g.rows.size(); ++l) g.renumber_row(static_cast<int>(l));
  return plain;
}

}  // namespace layout_detail
}  // namespace onyx::inspect
