// SVG drawing of a view graph (view_svg.h).
#include "inspect/view_svg.h"

#include <cstdio>
#include <string>
#include <vector>

#include "inspect/view_text.h"
#include "inspect/viewer_assets.h"  // generated from src/inspect/viewer/ (cmake/embed_assets.cmake)

namespace onyx::inspect {
namespace {

constexpr double kMargin = 24;

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string ellipsize(const std::string& text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars > max_chars)
      return text.substr(0, i) + "\xE2\x80\xA6";
  }
  return text;
}

void draw_node(std::string& out, int graph, int index, const ViewNode& n, const LayoutSize& size,
               const LayoutPoint& center, bool reserve_name_row) {
  const char* kind = n.kind == ViewNodeKind::kOperator ? "op"
                     : n.kind == ViewNodeKind::kInput  ? "input"
                     : n.kind == ViewNodeKind::kOutput ? "output"
                                                       : "capture";
  out += "<g class=\"node " + std::string(kind) + " cat-" + n.category + "\" id=\"g" +
         std::to_string(graph) + "-n" + std::to_string(index) + "\" data-node=\"" +
         std::to_string(index) + "\" transform=\"translate(" + num(center.x - size.width / 2) +
         "," + num(center.y - size.height / 2) + ")\">";
  std::string w = num(size.width), h = num(size.height);
  if (n.kind != ViewNodeKind::kOperator) {
    out += "<rect class=\"box\" width=\"" + w + "\" height=\"" + h + "\" rx=\"" +
           num(size.height / 2) + "\"/>";
    out += "<text class=\"label\" x=\"" + num(size.width / 2) + "\" y=\"" +
           num(size.height / 2 + 4) + "\">" + xml_escape(ellipsize(n.label, 40)) + "</text>";
    out += "<title>" + xml_escape(n.label) + "</title></g>";
    return;
  }
  out += "<rect class=\"box\" width=\"" + w + "\" height=\"" + h + "\" rx=\"4\"/>";
  out += "<rect class=\"head\" width=\"" + w + "\" height=\"" + num(kNodeHeader) + "\" rx=\"4\"/>";
  // Without a name row the name is a second header text that the page's Names toggle swaps in.
  bool swap = !reserve_name_row && !n.name.empty();
  out += "<text class=\"label" + std::string(swap ? " op-label" : "") + "\" x=\"" +
         num(size.width / 2) + "\" y=\"17\">" + xml_escape(ellipsize(n.label, 40)) + "</text>";
  if (swap)
    out += "<text class=\"label alt-name\" x=\"" + num(size.width / 2) + "\" y=\"17\">" +
           xml_escape(ellipsize(n.name, 40)) + "</text>";
  double y = kNodeHeader;
  if (reserve_name_row) {
    out += "<text class=\"name\" x=\"" + num(size.width / 2) + "\" y=\"" + num(y + 11) + "\">" +
           xml_escape(ellipsize(n.name, 40)) + "</text>";
    y += kNodeNameRow;
  }
  for (const ViewPort& p : n.inputs) {
    if (p.weight < 0) continue;
    out += "<g class=\"chip\" data-weight=\"" + std::to_string(p.weight) + "\"><rect x=\"5\" y=\"" +
           num(y + 1) + "\" width=\"" + num(size.width - 10) + "\" height=\"" +
           num(kNodeChipRow - 2) + "\" rx=\"3\"/><text x=\"10\" y=\"" + num(y + 12) + "\">" +
           xml_escape(ellipsize(chip_name(p), 12)) + " \xE2\x9F\xA8" +
           xml_escape(ellipsize(p.shape, 30)) + "\xE2\x9F\xA9</text></g>";
    y += kNodeChipRow;
  }
  out += "</g>";
}

// The point at parameter t of the cubic edge_path_data draws from a to b.
LayoutPoint point_on_segment(const LayoutPoint& a, const LayoutPoint& b, double t, bool top_down) {
  LayoutPoint c1 = a, c2 = b;
  if (top_down) {
    c1.y = c2.y = (a.y + b.y) / 2;
  } else {
    c1.x = c2.x = (a.x + b.x) / 2;
  }
  double u = 1 - t;
  return {u * u * u * a.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * b.x,
          u * u * u * a.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * b.y};
}

}  // namespace

std::string edge_path_data(const std::vector<LayoutPoint>& pts, bool top_down) {
  if (pts.empty()) return "";
  std::string d = "M" + num(pts[0].x + kMargin) + "," + num(pts[0].y + kMargin);
  for (size_t i = 1; i < pts.size(); ++i) {
    double x0 = pts[i - 1].x + kMargin, y0 = pts[i - 1].y + kMargin;
    double x1 = pts[i].x + kMargin, y1 = pts[i].y + kMargin;
    if ((top_down && x0 == x1) || (!top_down && y0 == y1)) {
      d += "L" + num(x1) + "," + num(y1);
    } else if (top_down) {
      double ym = (y0 + y1) / 2;
      d += "C" + num(x0) + "," + num(ym) + " " + num(x1) + "," + num(ym) + " " + num(x1) + "," +
           num(y1);
    } else {
      double xm = (x0 + x1) / 2;
      d += "C" + num(xm) + "," + num(y0) + " " + num(xm) + "," + num(y1) + " " + num(x1) + "," +
           num(y1);
    }
  }
  return d;
}

std::string graph_svg(const ViewModel& vm, int graph, const SvgOptions& options) {
  const ViewGraph& g = vm.graphs[static_cast<size_t>(graph)];
  const bool top_down = !vm.direction_left_right;
  double width = g.layout.width + 2 * kMargin, height = g.layout.height + 2 * kMargin;
  if (!g.drawn) width = 640, height = 80;
  std::string out;
  if (options.standalone) out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"onyx-graph" +
         std::string(options.show_names ? " show-names" : "") + "\" data-graph=\"" +
         std::to_string(graph) + "\" width=\"" + num(width) + "\" height=\"" + num(height) +
         "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\">\n";
  if (options.standalone) out += "<style>\n" + std::string(viewer_assets::kGraphCss) + "</style>\n";
  std::string arrow = "g" + std::to_string(graph) + "-arrow";
  out += "<defs><marker id=\"" + arrow +
         "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
         "orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" class=\"arrow\"/></marker>"
         "</defs>\n";
  if (!g.drawn) {
    out += "<text class=\"note\" x=\"16\" y=\"40\">" + xml_escape(g.title) + ": " +
           std::to_string(g.nodes.size()) + " nodes, too many to draw</text>\n</svg>\n";
    return out;
  }
  out += "<g class=\"viewport\">\n<g class=\"edges\">\n";
  for (size_t e = 0; e < g.edges.size(); ++e) {
    const std::vector<LayoutPoint>& pts = g.layout.edge_points[e];
    if (pts.size() < 2) continue;
    out += "<path class=\"edge\" data-edge=\"" + std::to_string(e) + "\" d=\"" +
           edge_path_data(pts, top_down) + "\" marker-end=\"url(#" + arrow + ")\"/>\n";
  }
  // Labels after all edges so that no edge is drawn over a label. A label sits beside its edge
  // near the end with fewer neighbours: at the producer when it feeds only this edge, else where
  // the edge enters its consumer, else midway.
  std::vector<int> out_degree(g.nodes.size(), 0), in_degree(g.nodes.size(), 0);
  for (const ViewEdge& e : g.edges) {
    ++out_degree[static_cast<size_t>(e.from)];
    ++in_degree[static_cast<size_t>(e.to)];
  }
  for (size_t e = 0; e < g.edges.size(); ++e) {
    const std::vector<LayoutPoint>& pts = g.layout.edge_points[e];
    if (pts.size() < 2 || g.edges[e].label.empty()) continue;
    size_t seg = pts.size() / 2 - (pts.size() % 2 == 0 ? 1 : 0);  // a middle segment
    double t = 0.5;                                               // where on that segment's curve
    if (out_degree[static_cast<size_t>(g.edges[e].from)] == 1) {
      seg = 0;
      t = 0.3;
    } else if (in_degree[static_cast<size_t>(g.edges[e].to)] == 1) {
      seg = pts.size() - 2;
      t = 0.7;
    }
    if (!top_down) t = 0.5;  // left to right the label runs along the edge: centre it in the gap
    LayoutPoint at = point_on_segment(pts[seg], pts[seg + 1], t, top_down);
    double x = at.x + kMargin + (top_down ? 4 : 0);
    double y = at.y + kMargin + (top_down ? 3 : -4);
    out += "<text class=\"edge-label\" data-edge=\"" + std::to_string(e) + "\" x=\"" + num(x) +
           "\" y=\"" + num(y) + "\"" + (top_down ? "" : " text-anchor=\"middle\"") + ">" +
           xml_escape(ellipsize(g.edges[e].label, 48)) + "</text>\n";
  }
  out += "</g>\n<g class=\"nodes\">\n";
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    LayoutPoint c = g.layout.centers[i];
    c.x += kMargin;
    c.y += kMargin;
    draw_node(out, graph, static_cast<int>(i), g.nodes[i], g.sizes[i], c, vm.name_rows);
    out += "\n";
  }
  out += "</g>\n</g>\n</svg>\n";
  return out;
}

}  // namespace onyx::inspect
