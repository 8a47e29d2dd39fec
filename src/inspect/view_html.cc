// The `onyx view` HTML page and its JSON data block (view_html.h).
#include "inspect/view_html.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "inspect/view_svg.h"
#include "inspect/view_text.h"
#include "inspect/viewer_assets.h"  // generated from src/inspect/viewer/ (cmake/embed_assets.cmake)

namespace onyx::inspect {

const char* const kFlopsRule =
    "FLOPs are onyx's estimate from inferred shapes (unknown or symbolic dims counted as 1): "
    "Conv, ConvTranspose, Gemm, MatMul and attention count 2 per multiply-add; pooling one per "
    "window element; normalisations and softmax 5 per element; other elementwise ops one per "
    "output element; data-movement ops (reshape, transpose, gather, concat, slice...) none.";

namespace {

std::string json_number(double v) {
  if (!std::isfinite(v))
    return json_string(std::isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity"));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

template <typename T, typename F>
std::string json_array(const std::vector<T>& items, F item) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + item(items[i]);
  return out + "]";
}

std::string ints_json(const std::vector<int>& v) {
  return json_array(v, [](int i) { return std::to_string(i); });
}

std::string ports_json(const std::vector<ViewPort>& ports) {
  return json_array(ports, [](const ViewPort& p) {
    return "[" + json_string(p.name) + "," + json_string(p.type) + "," + json_string(p.shape) +
           "," + json_string(p.formal) + "," + std::to_string(p.weight) + "]";
  });
}

std::string node_json(const ViewNode& n) {
  std::string attrs = json_array(n.attributes, [](const ViewAttribute& a) {
    return "[" + json_string(a.name) + "," + json_string(a.type) + "," + json_string(a.value) +
           "," + ints_json(a.subgraphs) + "," + (a.is_default ? "true" : "false") + "]";
  });
  return "{\"kind\":" + std::to_string(static_cast<int>(n.kind)) +
         ",\"op\":" + json_string(n.op_type) + ",\"domain\":" + json_string(n.domain) +
         ",\"name\":" + json_string(n.name) + ",\"label\":" + json_string(n.label) +
         ",\"opset\":" + std::to_string(n.opset) + ",\"since\":" + std::to_string(n.since_version) +
         ",\"summary\":" + json_string(n.summary) + ",\"doc\":" + json_string(n.doc) +
         ",\"flops\":" + std::to_string(n.flops) + ",\"attrs\":" + attrs +
         ",\"in\":" + ports_json(n.inputs) + ",\"out\":" + ports_json(n.outputs) +
         ",\"subs\":" + ints_json(n.subgraphs) + "}";
}

std::string weight_json(const ViewWeight& w) {
  std::string stats = "null";
  if (w.has_stats)
    stats = "[" + json_number(w.min) + "," + json_number(w.max) + "," + json_number(w.mean) + "," +
            std::to_string(w.stats_count) + "]";
  return "{\"name\":" + json_string(w.name) + ",\"dtype\":" + json_string(w.dtype) +
         ",\"shape\":" + json_string(w.shape) + ",\"numel\":" + std::to_string(w.numel) +
         ",\"stats\":" + stats + ",\"first\":" +
         json_array(w.first_values, [](const std::string& s) { return json_string(s); }) + "}";
}

std::string graph_json(const ViewGraph& g) {
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f", g.layout_ms);
  return "{\"title\":" + json_string(g.title) + ",\"attr\":" + json_string(g.attribute) +
         ",\"parent\":" + std::to_string(g.parent) +
         ",\"parent_node\":" + std::to_string(g.parent_node) +
         ",\"drawn\":" + (g.drawn ? "true" : "false") + ",\"layout_ms\":" + ms + ",\"nodes\":[\n" +
         [&] {
           std::string s;
           for (size_t i = 0; i < g.nodes.size(); ++i)
             s += (i ? ",\n" : "") + node_json(g.nodes[i]);
           return s;
         }() +
         "],\"edges\":" +
         json_array(g.edges,
                    [](const ViewEdge& e) {
                      return "[" + std::to_string(e.from) + "," + std::to_string(e.to) + "," +
                             json_string(e.value) + "," + json_string(e.label) + "]";
                    }) +
         ",\"weights\":[" +
         [&] {
           std::string s;
           for (size_t i = 0; i < g.weights.size(); ++i)
             s += (i ? ",\n" : "") + weight_json(g.weights[i]);
           return s;
         }() +
         "]}";
}

}  // namespace

std::string model_json(const ViewModel& vm, const std::string& file_label) {
  std::string out = "{\"model\":{\"file\":" + json_string(file_label) +
                    ",\"ir_version\":" + std::to_string(vm.ir_version) +
                    ",\"model_version\":" + std::to_string(vm.model_version) +
                    ",\"producer\":" + json_string(vm.producer_name) +
                    ",\"producer_version\":" + json_string(vm.producer_version) +
                    ",\"domain\":" + json_string(vm.domain) + ",\"doc\":" + json_string(vm.doc) +
                    ",\"left_right\":" + (vm.direction_left_right ? "true" : "false");
  out += ",\"opsets\":" + json_array(vm.opsets, [](const auto& o) {
           return "[" + json_string(o.first) + "," + std::to_string(o.second) + "]";
         });
  out += ",\"metadata\":" + json_array(vm.metadata, [](const auto& kv) {
           return "[" + json_string(kv.first) + "," + json_string(kv.second) + "]";
         });
  out += ",\"parameters\":" + std::to_string(vm.parameter_count) +
         ",\"flops\":" + std::to_string(vm.flops) +
         ",\"flops_nodes\":" + std::to_string(vm.flops_nodes) +
         ",\"flops_rule\":" + json_string(kFlopsRule) +
         ",\"notes\":" + json_array(vm.notes, [](const std::string& s) { return json_string(s); }) +
         "},\n";
  out += "\"graphs\":[\n";
  for (size_t g = 0; g < vm.graphs.size(); ++g) out += (g ? ",\n" : "") + graph_json(vm.graphs[g]);
  return out + "]}";
}

std::string model_html(const ViewModel& vm, const std::string& file_label) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // No network: the page may not load anything from anywhere.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data: blob:\">\n"
      "<title>" +
      xml_escape(file_label) +
      " \xE2\x80\x94 onyx view</title>\n"
      "<style id=\"graph-css\">\n" +
      std::string(viewer_assets::kGraphCss) + "</style>\n<style>\n" +
      std::string(viewer_assets::kPageCss) +
      "</style>\n</head>\n<body>\n"
      "<header id=\"toolbar\"><span class=\"brand\">onyx view</span><nav id=\"crumbs\"></nav>"
      "<input id=\"search\" type=\"search\" placeholder=\"Search: name, op, value, shape\" "
      "aria-label=\"search\"><span id=\"search-count\"></span>"
      "<button id=\"zoom-in\" title=\"zoom in\">+</button>"
      "<button id=\"zoom-out\" title=\"zoom out\">\xE2\x88\x92</button>"
      "<button id=\"fit\" title=\"fit to window\">Fit</button>"
      "<button id=\"names\" title=\"show node names\">Names</button>"
      "<button id=\"model-btn\">Model</button>"
      "<button id=\"export\" title=\"download the current view as SVG\">Export SVG</button>"
      "</header>\n<main id=\"stage\">\n";
  SvgOptions svg;
  svg.standalone = false;
  for (size_t g = 0; g < vm.graphs.size(); ++g) {
    out += "<div class=\"graph\" data-graph=\"" + std::to_string(g) + "\"" + (g ? " hidden" : "") +
           ">\n" + graph_svg(vm, static_cast<int>(g), svg) + "</div>\n";
  }
  out += "<div id=\"banner\"></div>\n</main>\n<aside id=\"panel\"></aside>\n";
  out += "<script type=\"application/json\" id=\"onyx-data\">" + model_json(vm, file_label) +
         "</script>\n<script>\n" + std::string(viewer_assets::kViewerJs) + "</script>\n";
  return out + "</body>\n</html>\n";
}

}  // namespace onyx::inspect
