// Layering, dummy insertion, coordinate assignment and edge routing for graph_layout.h (crossing
// reduction lives in graph_layout_order.cc).
#include "inspect/graph_layout.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "inspect/graph_layout_internal.h"

namespace onyx::inspect {
namespace {

using layout_detail::LayeredGraph;

// Edges kept for layout: in range, not self-loops. `reversed` marks those pointing backwards in a
// stable topological order (Kahn's algorithm taking the smallest ready index; when only cycles
// remain, the smallest remaining index is taken and its remaining in-edges become reversed).
struct OrientedEdges {
  std::vector<int> edge_index;  // index into the caller's edge list
  std::vector<int> from, to;    // oriented so that every edge points forward
  std::vector<bool> reversed;
};

OrientedEdges orient_edges(int n, const std::vector<std::pair<int, int>>& edges) {
  std::vector<std::vector<int>> out(n), in(n);
  std::vector<int> kept;
  for (size_t e = 0; e < edges.size(); ++e) {
    auto [u, v] = edges[e];
    if (u < 0 || v < 0 || u >= n || v >= n || u == v) continue;
    kept.push_back(static_cast<int>(e));
    out[u].push_back(v);
    in[v].push_back(u);
  }
  std::vector<int> indegree(n), rank(n, -1);
  for (int v = 0; v < n; ++v) indegree[v] = static_cast<int>(in[v].size());
  // A min-ordered set of ready vertices as a binary heap on the index.
  std::vector<int> ready;
  auto push = [&](int v) {
    ready.push_back(v);
    std::push_heap(ready.begin(), ready.end(), std::greater<int>());
  };
  for (int v = 0; v < n; ++v)
    if (indegree[v] == 0) push(v);
  int next_rank = 0, scan = 0;
  while (next_rank < n) {
    int v;
    if (!ready.empty()) {
      std::pop_heap(ready.begin(), ready.end(), std::greater<int>());
      v = ready.back();
      ready.pop_back();
    } else {  // only cycles left: take the smallest unranked vertex
      while (rank[scan] >= 0) ++scan;
      v = scan;
    }
    if (rank[v] >= 0) continue;
    rank[v] = next_rank++;
    for (int w : out[v])
      if (rank[w] < 0 && --indegree[w] == 0) push(w);
  }
  OrientedEdges result;
  for (int e : kept) {
    auto [u, v] = edges[e];
    bool back = rank[u] > rank[v];
    result.edge_index.push_back(e);
    result.from.push_back(back ? v : u);
    result.to.push_back(back ? u : v);
    result.reversed.push_back(back);
  }
  return result;
}

std::vector<int> layers_for(int n, const OrientedEdges& oe) {
  std::vector<std::vector<int>> out(n), in(n);
  std::vector<int> indegree(n, 0);
  for (size_t e = 0; e < oe.from.size(); ++e) {
    out[oe.from[e]].push_back(oe.to[e]);
    in[oe.to[e]].push_back(oe.from[e]);
    ++indegree[oe.to[e]];
  }
  std::vector<int> order, layer(n, 0);
  for (int v = 0; v < n; ++v)
    if (indegree[v] == 0) order.push_back(v);
  for (size_t i = 0; i < order.size(); ++i)
    for (int w : out[order[i]])
      if (--indegree[w] == 0) order.push_back(w);
  for (int v : order)
    for (int w : out[v]) layer[w] = std::max(layer[w], layer[v] + 1);
  // Sources (graph inputs, constants) move down to just above their first consumer.
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    int v = *it;
    if (!in[v].empty() || out[v].empty()) continue;
    int lowest = layer[out[v][0]];
    for (int w : out[v]) lowest = std::min(lowest, layer[w]);
    layer[v] = lowest - 1;
  }
  return layer;
}

// Weighted isotonic regression with gaps: the positions x minimising sum w_i (x_i - t_i)^2 under
// x_{i+1} - x_i >= gap_i, by pool-adjacent-violators on y_i = x_i - (gap_0 + ... + gap_{i-1}).
void solve_row(const std::vector<double>& target, const std::vector<double>& weight,
               const std::vector<double>& gap, std::vector<double>& x) {
  size_t n = target.size();
  std::vector<double> offset(n, 0);
  for (size_t i = 1; i < n; ++i) offset[i] = offset[i - 1] + gap[i - 1];
  struct Block {
    double w, wy;
    size_t count;
  };
  std::vector<Block> blocks;
  for (size_t i = 0; i < n; ++i) {
    blocks.push_back({weight[i], weight[i] * (target[i] - offset[i]), 1});
    while (blocks.size() > 1) {
      Block& b = blocks.back();
      Block& a = blocks[blocks.size() - 2];
      if (a.wy / a.w <= b.wy / b.w) break;
      a = {a.w + b.w, a.wy + b.wy, a.count + b.count};
      blocks.pop_back();
    }
  }
  size_t i = 0;
  for (const Block& b : blocks)
    for (size_t k = 0; k < b.count; ++k, ++i) x[i] = b.wy / b.w + offset[i];
}

double median_of(std::vector<double>& v) {
  std::sort(v.begin(), v.end());
  size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// Positions along each layer (centres), given each vertex's extent along the layer.
// Least distance between the centres of row neighbours a (left) and b: half of each extent plus
// the node gap, halved next to a dummy so that parallel long edges pack closely.
double min_gap(const LayeredGraph& g, const std::vector<double>& extent,
               const LayoutOptions& options, int a, int b) {
  double space = (g.is_dummy(a) || g.is_dummy(b)) ? options.node_gap / 2 : options.node_gap;
  return (extent[a] + extent[b]) / 2 + space;
}

std::vector<double> place_vertices(const LayeredGraph& g, const std::vector<double>& extent,
                                   const LayoutOptions& options) {
  std::vector<double> x(g.vertex_count(), 0);
  auto gap_between = [&](int a, int b) { return min_gap(g, extent, options, a, b); };
  for (const auto& row : g.rows) {  // packed rows, centred on 0
    double at = 0;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) at += gap_between(row[i - 1], row[i]);
      x[row[i]] = at;
    }
    for (int v : row) x[v] -= at / 2;
  }
  // mode 0: neighbours above, 1: below, 2: both.
  auto pass = [&](int l, int mode) {
    const std::vector<int>& row = g.rows[l];
    std::vector<double> target(row.size()), weight(row.size()), gap(row.size(), 0), nbr;
    for (size_t i = 0; i < row.size(); ++i) {
      int v = row[i];
      nbr.clear();
      // Like follows like: a node with node neighbours follows those (a residual Add stays under
      // its branch instead of drifting toward the skip edge); in the two-sided pass a dummy inside
      // a long edge follows only its dummy neighbours, so the edge bends at its ends.
      auto gather = [&](bool want_dummy) {
        if (mode != 1)
          for (int w : g.up[v])
            if (g.is_dummy(w) == want_dummy) nbr.push_back(x[w]);
        if (mode != 0)
          for (int w : g.down[v])
            if (g.is_dummy(w) == want_dummy) nbr.push_back(x[w]);
      };
      if (!g.is_dummy(v) || mode == 2) gather(g.is_dummy(v));
      if (nbr.empty()) {  // no neighbour of its own kind (or a one-sided pass for a dummy): all
        gather(false);
        gather(true);
      }
      if (nbr.empty()) {
        target[i] = x[v];
        weight[i] = 0.25;
      } else {
        target[i] = median_of(nbr);
        weight[i] = g.is_dummy(v) ? 1.0 : 2.0;
      }
      if (i + 1 < row.size()) gap[i] = gap_between(v, row[i + 1]);
    }
    std::vector<double> placed(row.size());
    solve_row(target, weight, gap, placed);
    for (size_t i = 0; i < row.size(); ++i) x[row[i]] = placed[i];
  };
  const int layers = static_cast<int>(g.rows.size());
  for (int p = 0; p < options.placement_passes; ++p) {
    for (int l = 1; l < layers; ++l) pass(l, 0);
    for (int l = layers - 2; l >= 0; --l) pass(l, 1);
  }
  for (int l = 0; l < layers; ++l) pass(l, 2);
  return x;
}

// Straightens the dummy run of each long edge: one common position inside the room every dummy
// has between its row neighbours, when such a position exists.
void straighten_long_edges(const LayeredGraph& g, const std::vector<double>& extent,
                           const std::vector<std::vector<int>>& chains,
                           const LayoutOptions& options, std::vector<double>& x) {
  auto gap_between = [&](int a, int b) { return min_gap(g, extent, options, a, b); };
  for (const std::vector<int>& chain : chains) {
    if (chain.size() < 4) continue;  // fewer than two dummies: nothing to align
    double lo = -1e300, hi = 1e300, sum = 0;
    for (size_t k = 1; k + 1 < chain.size(); ++k) {
      int v = chain[k];
      const std::vector<int>& row = g.rows[g.layer[v]];
      int p = g.pos[v];
      if (p > 0) lo = std::max(lo, x[row[p - 1]] + gap_between(row[p - 1], v));
      if (p + 1 < static_cast<int>(row.size()))
        hi = std::min(hi, x[row[p + 1]] - gap_between(v, row[p + 1]));
      sum += x[v];
    }
    if (lo > hi) continue;
    double at = std::clamp(sum / static_cast<double>(chain.size() - 2), lo, hi);
    for (size_t k = 1; k + 1 < chain.size(); ++k) x[chain[k]] = at;
  }
}

}  // namespace

std::vector<int> assign_layers(int node_count, const std::vector<std::pair<int, int>>& edges) {
  return layers_for(node_count, orient_edges(node_count, edges));
}

GraphLayout layout_graph(const std::vector<LayoutSize>& sizes,
                         const std::vector<std::pair<int, int>>& edges,
                         const LayoutOptions& options) {
  const int n = static_cast<int>(sizes.size());
  const bool top_down = options.direction == LayoutDirection::kTopDown;
  OrientedEdges oe = orient_edges(n, edges);
  std::vector<int> layer = layers_for(n, oe);
  GraphLayout out;

  // Proper layered graph: a chain of vertices per kept edge. Dummies are budgeted: the shortest
  // edges get theirs first, and edges past options.max_dummies are drawn direct (a single
  // segment that ordering and placement ignore), so pathological graphs cannot exhaust memory.
  LayeredGraph g;
  g.real_count = n;
  g.layer = layer;
  g.up.resize(n);
  g.down.resize(n);
  std::vector<size_t> by_span(oe.from.size());
  for (size_t e = 0; e < by_span.size(); ++e) by_span[e] = e;
  auto span = [&](size_t e) { return layer[oe.to[e]] - layer[oe.from[e]] - 1; };
  std::stable_sort(by_span.begin(), by_span.end(),
                   [&](size_t a, size_t b) { return span(a) < span(b); });
  std::vector<bool> direct(oe.from.size(), false);
  int64_t budget = options.max_dummies;
  for (size_t e : by_span) {
    if (span(e) > budget) {
      direct[e] = true;
      ++out.direct_edges;
    } else {
      budget -= span(e);
    }
  }
  std::vector<std::vector<int>> chains(oe.from.size());
  for (size_t e = 0; e < oe.from.size(); ++e) {
    int u = oe.from[e], v = oe.to[e];
    std::vector<int>& chain = chains[e];
    chain.push_back(u);
    for (int l = layer[u] + 1; l < layer[v] && !direct[e]; ++l) {
      g.layer.push_back(l);
      g.up.emplace_back();
      g.down.emplace_back();
      chain.push_back(g.vertex_count() - 1);
    }
    chain.push_back(v);
    for (size_t k = 0; k + 1 < chain.size() && !direct[e]; ++k) {
      g.down[chain[k]].push_back(chain[k + 1]);
      g.up[chain[k + 1]].push_back(chain[k]);
    }
  }
  int layer_count = 0;
  for (int l : g.layer) layer_count = std::max(layer_count, l + 1);
  g.rows.assign(layer_count, {});
  for (int v = 0; v < g.vertex_count(); ++v) g.rows[g.layer[v]].push_back(v);
  g.pos.assign(g.vertex_count(), 0);
  for (int l = 0; l < layer_count; ++l) g.renumber_row(l);

  out.dummy_count = g.vertex_count() - n;
  out.initial_crossings = layout_detail::total_crossings(g);
  out.crossings = layout_detail::reduce_crossings(g, options.sweeps);

  // Extents: along the layer (order axis) and across it (rank axis).
  std::vector<double> along(g.vertex_count(), 0);
  std::vector<double> band(layer_count, 0);
  for (int v = 0; v < n; ++v) {
    along[v] = top_down ? sizes[v].width : sizes[v].height;
    band[layer[v]] = std::max(band[layer[v]], top_down ? sizes[v].height : sizes[v].width);
  }
  // Placement leans toward one side (rows are solved left to right); the mean of the placement
  // and that of the mirrored rows is balanced, and still keeps every gap (both satisfy them).
  std::vector<double> order_pos = place_vertices(g, along, options);
  LayeredGraph mirrored = g;
  for (int l = 0; l < layer_count; ++l) {
    std::reverse(mirrored.rows[l].begin(), mirrored.rows[l].end());
    mirrored.renumber_row(l);
  }
  std::vector<double> mirror_pos = place_vertices(mirrored, along, options);
  for (size_t v = 0; v < order_pos.size(); ++v) order_pos[v] = (order_pos[v] - mirror_pos[v]) / 2;
  straighten_long_edges(g, along, chains, options, order_pos);
  std::vector<double> rank_center(layer_count, 0);
  double rank_at = 0;
  for (int l = 0; l < layer_count; ++l) {
    rank_center[l] = rank_at + band[l] / 2;
    rank_at += band[l] + options.rank_gap;
  }
  double lo = 0, hi = 0;
  for (int v = 0; v < g.vertex_count(); ++v) {
    double a = order_pos[v] - along[v] / 2, b = order_pos[v] + along[v] / 2;
    if (v == 0 || a < lo) lo = a;
    if (v == 0 || b > hi) hi = b;
  }
  auto to_point = [&](double order, double rank) {
    return top_down ? LayoutPoint{order - lo, rank} : LayoutPoint{rank, order - lo};
  };
  out.layers = layer;
  out.centers.resize(n);
  for (int v = 0; v < n; ++v) out.centers[v] = to_point(order_pos[v], rank_center[layer[v]]);
  double order_extent = g.vertex_count() ? hi - lo : 0;
  double rank_extent = layer_count ? rank_at - options.rank_gap : 0;
  out.width = top_down ? order_extent : rank_extent;
  out.height = top_down ? rank_extent : order_extent;

  // Ports: several edges at one side of a node are spread along it, ordered by where the edge's
  // other end lies so that they do not cross at the node.
  std::vector<std::vector<std::pair<double, int>>> at_bottom(n), at_top(n);
  for (size_t e = 0; e < chains.size(); ++e) {
    const std::vector<int>& c = chains[e];
    at_bottom[c.front()].emplace_back(order_pos[c[1]], static_cast<int>(e));
    at_top[c.back()].emplace_back(order_pos[c[c.size() - 2]], static_cast<int>(e));
  }
  std::vector<double> source_offset(chains.size(), 0), target_offset(chains.size(), 0);
  auto spread = [&](std::vector<std::vector<std::pair<double, int>>>& sides,
                    std::vector<double>& offset) {
    for (int v = 0; v < n; ++v) {
      auto& list = sides[v];
      std::stable_sort(list.begin(), list.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      double k = static_cast<double>(list.size());
      double step = std::min(12.0, along[v] / (k + 1));
      for (size_t i = 0; i < list.size(); ++i)
        offset[list[i].second] = (static_cast<double>(i) - (k - 1) / 2) * step;
    }
  };
  spread(at_bottom, source_offset);
  spread(at_top, target_offset);

  out.edge_points.assign(edges.size(), {});
  for (size_t e = 0; e < chains.size(); ++e) {
    const std::vector<int>& c = chains[e];
    std::vector<LayoutPoint> pts;
    int s = c.front(), t = c.back();
    pts.push_back(
        to_point(order_pos[s] + source_offset[e], rank_center[layer[s]] + band[layer[s]] / 2));
    for (size_t k = 1; k + 1 < c.size(); ++k) {
      int l = g.layer[c[k]];
      pts.push_back(to_point(order_pos[c[k]], rank_center[l] - band[l] / 2));
      if (band[l] > 0) pts.push_back(to_point(order_pos[c[k]], rank_center[l] + band[l] / 2));
    }
    pts.push_back(
        to_point(order_pos[t] + target_offset[e], rank_center[layer[t]] - band[layer[t]] / 2));
    if (oe.reversed[e]) std::reverse(pts.begin(), pts.end());
    out.edge_points[oe.edge_index[e]] = std::move(pts);
  }
  return out;
}

}  // namespace onyx::inspect
