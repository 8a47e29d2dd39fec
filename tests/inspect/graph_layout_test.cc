// graph_layout: layering respects edges, no two boxes in a layer overlap, crossing reduction beats
// the input order on graphs with known crossings, output is deterministic, odd input is accepted.
#include "inspect/graph_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace onyx::inspect {
namespace {

using Edges = std::vector<std::pair<int, int>>;

std::vector<LayoutSize> boxes(int n, double w = 80, double h = 30) {
  return std::vector<LayoutSize>(static_cast<size_t>(n), LayoutSize{w, h});
}

// Boxes of nodes sharing a layer must not overlap (along the layer axis): sorted by centre,
// consecutive boxes of a layer keep apart.
void expect_no_overlap(const GraphLayout& lay, const std::vector<LayoutSize>& sizes,
                       bool top_down) {
  std::map<int, std::vector<std::pair<double, double>>> rows;  // layer -> (centre, extent)
  for (size_t i = 0; i < sizes.size(); ++i)
    rows[lay.layers[i]].emplace_back(top_down ? lay.centers[i].x : lay.centers[i].y,
                                     top_down ? sizes[i].width : sizes[i].height);
  for (auto& [layer, row] : rows) {
    std::sort(row.begin(), row.end());
    for (size_t k = 1; k < row.size(); ++k)
      ASSERT_GE(row[k].first - row[k - 1].first + 1e-6, (row[k].second + row[k - 1].second) / 2)
          << "layer " << layer << " boxes " << k - 1 << " and " << k;
  }
}

TEST(GraphLayout, LayersFollowEdges) {
  Edges edges = {{0, 1}, {1, 2}, {0, 2}, {2, 3}, {4, 3}};
  std::vector<int> layers = assign_layers(5, edges);
  for (auto [u, v] : edges) EXPECT_LT(layers[u], layers[v]) << u << "->" << v;
  EXPECT_EQ(layers, (std::vector<int>{0, 1, 2, 3, 2}));  // source 4 sits just above its consumer
}

TEST(GraphLayout, CyclesAreBrokenNotFatal) {
  Edges edges = {{0, 1}, {1, 2}, {2, 0}, {2, 2}, {7, 1}, {-1, 0}};
  GraphLayout lay = layout_graph(boxes(3), edges);
  ASSERT_EQ(lay.centers.size(), 3u);
  ASSERT_EQ(lay.edge_points.size(), edges.size());
  EXPECT_TRUE(lay.edge_points[3].empty());   // self-loop
  EXPECT_TRUE(lay.edge_points[4].empty());   // out of range
  EXPECT_FALSE(lay.edge_points[2].empty());  // the reversed back edge is still drawn
  // Drawn from its source: first point at node 2's side, last at node 0's.
  EXPECT_NEAR(lay.edge_points[2].back().y, lay.centers[0].y + 15, 1e-6);
}

TEST(GraphLayout, CountsCrossingsBetweenLayers) {
  EXPECT_EQ(count_layer_crossings({{0, 1}, {1, 0}}), 1);
  EXPECT_EQ(count_layer_crossings({{0, 0}, {1, 1}, {2, 2}}), 0);
  EXPECT_EQ(count_layer_crossings({{0, 2}, {1, 1}, {2, 0}}), 3);
  EXPECT_EQ(count_layer_crossings({{0, 0}, {0, 1}, {1, 0}}), 1);  // shared endpoints do not cross
}

TEST(GraphLayout, ReducesCrossingsOfAScrambledLadder) {
  // Two parallel chains a0->a1->a2 and b0->b1->b2 whose middle nodes are listed swapped, plus
  // crossing rungs: the input order has crossings, a good order has none.
  Edges edges = {{0, 3}, {3, 4}, {1, 2}, {2, 5}};  // 0:a0 1:b0 2:b1 3:a1 4:a2 5:b2
  GraphLayout lay = layout_graph(boxes(6), edges);
  EXPECT_GT(lay.initial_crossings, 0);
  EXPECT_EQ(lay.crossings, 0);
}

TEST(GraphLayout, NoOverlapAndDeterministicOnAWideGraph) {
  // A fan-out/fan-in graph with long edges (dummies) and mixed box sizes.
  Edges edges;
  std::vector<LayoutSize> sizes;
  int n = 60;
  for (int i = 0; i < n; ++i) sizes.push_back({40.0 + (i * 37) % 90, 20.0 + (i * 11) % 30});
  for (int i = 1; i < n; ++i) edges.emplace_back((i * 7) % i, i);
  for (int i = 0; i + 9 < n; i += 3) edges.emplace_back(i, i + 9);
  for (bool top_down : {true, false}) {
    LayoutOptions opt;
    opt.direction = top_down ? LayoutDirection::kTopDown : LayoutDirection::kLeftRight;
    GraphLayout a = layout_graph(sizes, edges, opt);
    GraphLayout b = layout_graph(sizes, edges, opt);
    expect_no_overlap(a, sizes, top_down);
    EXPECT_LE(a.crossings, a.initial_crossings);
    EXPECT_GT(a.dummy_count, 0);
    ASSERT_EQ(a.centers.size(), b.centers.size());
    for (size_t i = 0; i < a.centers.size(); ++i) {
      EXPECT_EQ(a.centers[i].x, b.centers[i].x);
      EXPECT_EQ(a.centers[i].y, b.centers[i].y);
    }
    for (size_t e = 0; e < edges.size(); ++e) {
      ASSERT_GE(a.edge_points[e].size(), 2u);
      for (const LayoutPoint& p : a.edge_points[e]) {
        EXPECT_GE(p.x, -1e-6);
        EXPECT_LE(p.x, a.width + 1e-6);
        EXPECT_GE(p.y, -1e-6);
        EXPECT_LE(p.y, a.height + 1e-6);
      }
    }
    // Layers advance along the flow axis.
    for (auto [u, v] : edges) {
      double cu = top_down ? a.centers[u].y : a.centers[u].x;
      double cv = top_down ? a.centers[v].y : a.centers[v].x;
      EXPECT_LT(cu, cv);
    }
  }
}

TEST(GraphLayout, ChainsStayStraight) {
  // x -> a -> b -> c with a side branch a -> d -> c: the main chain keeps one x (top-down).
  Edges edges = {{0, 1}, {1, 2}, {2, 3}, {3, 4}};
  GraphLayout lay = layout_graph(boxes(5), edges);
  for (int i = 1; i < 5; ++i) EXPECT_NEAR(lay.centers[i].x, lay.centers[0].x, 1e-6);
  // A long edge around a chain runs straight through its dummies.
  Edges skip = {{0, 1}, {1, 2}, {2, 3}, {0, 3}};
  GraphLayout lay2 = layout_graph(boxes(4), skip);
  const auto& pts = lay2.edge_points[3];
  ASSERT_GE(pts.size(), 4u);
  for (size_t k = 2; k + 2 < pts.size(); ++k) EXPECT_NEAR(pts[k].x, pts[1].x, 1e-6);
}

TEST(GraphLayout, LargeRandomDagStaysValid) {
  // 2,000 nodes, each reading its predecessor and a node up to 40 back (like
  // tests/view/make_large_model.py): layers follow edges, nothing overlaps, output repeats.
  Edges edges;
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  const int n = 2000;
  for (int i = 1; i < n; ++i) {
    edges.emplace_back(i - 1, i);
    int back = i - 1 - static_cast<int>(next() % 40);
    if (back >= 0 && back != i - 1) edges.emplace_back(back, i);
  }
  std::vector<LayoutSize> sizes;
  for (int i = 0; i < n; ++i) sizes.push_back({50.0 + next() % 60, 24});
  GraphLayout a = layout_graph(sizes, edges);
  GraphLayout b = layout_graph(sizes, edges);
  for (auto [u, v] : edges) ASSERT_LT(a.layers[u], a.layers[v]);
  expect_no_overlap(a, sizes, true);
  EXPECT_LT(a.crossings, a.initial_crossings);
  for (int i = 0; i < n; ++i) ASSERT_EQ(a.centers[i].x, b.centers[i].x);
}

TEST(GraphLayout, DummyBudgetDrawsTheLongestEdgesDirect) {
  // A chain of 50 with every node also feeding the last one: 1176 dummies unbudgeted.
  Edges edges;
  for (int i = 0; i + 1 < 50; ++i) edges.emplace_back(i, i + 1);
  for (int i = 0; i + 2 < 50; ++i) edges.emplace_back(i, 49);
  LayoutOptions opt;
  GraphLayout full = layout_graph(boxes(50), edges, opt);
  EXPECT_EQ(full.direct_edges, 0);
  EXPECT_EQ(full.dummy_count, 48 * 49 / 2);
  opt.max_dummies = 100;
  GraphLayout capped = layout_graph(boxes(50), edges, opt);
  EXPECT_LE(capped.dummy_count, 100);
  EXPECT_GT(capped.direct_edges, 0);
  EXPECT_EQ(capped.edge_points[49].size(), 2u);  // 0 -> 49, the longest: one segment
  EXPECT_GT(capped.edge_points[95].size(), 2u);  // 46 -> 49 still routed through dummies
  expect_no_overlap(capped, boxes(50), true);
}

}  // namespace
}  // namespace onyx::inspect
