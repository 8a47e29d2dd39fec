// onyx view outputs: escaping of untrusted model strings (HTML, JSON data block, SVG, DOT), the
// page's data and structure, static SVG and DOT structure.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "common/model_builder.h"
#include "inspect/view_html.h"
#include "inspect/view_model.h"
#include "inspect/view_svg.h"
#include "inspect/view_text.h"

namespace onyx::inspect {
namespace {

using testing::ModelBuilder;

const std::string kHostile = "</script><script>alert(1)</script>\"'&<b>\xff\xfe\x01";

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

ViewModel hostile_model(ViewOptions options = {}) {
  ModelBuilder b(13);
  b.model().producer_name = kHostile;
  b.model().metadata_props.emplace_back("key</script>", kHostile);
  b.input("in" + kHostile, DType::kFloat32, {1, 4});
  b.node("Relu", {"in" + kHostile}, {"mid"}, kHostile);
  b.node("Sigmoid", {"mid"}, {"out"}, "sig");
  b.output("out", DType::kFloat32);
  return build_view_model(b.model(), options);
}

TEST(ViewText, ReplacesInvalidUtf8AndEscapes) {
  EXPECT_EQ(valid_utf8("a\xff"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(valid_utf8("x\x01y"), "x\xEF\xBF\xBDy");
  EXPECT_EQ(valid_utf8("\xC3\x97 ok\n"), "\xC3\x97 ok\n");
  EXPECT_EQ(xml_escape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(json_string("</script>\"\\\n"), "\"\\u003c/script\\u003e\\\"\\\\\\n\"");
  EXPECT_EQ(json_string("a\xE2\x80\xA8"
                        "b"),
            "\"a\\u2028b\"");
  EXPECT_EQ(dot_string("say \"hi\"\\\n"), "\"say \\\"hi\\\"\\\\\\n\"");
}

TEST(ViewHtml, HostileStringsStayText) {
  ViewModel vm = hostile_model([] {
    ViewOptions o;
    o.names_in_header = true;
    return o;
  }());
  std::string html = model_html(vm, "model" + kHostile + ".onnx");
  // Exactly the page's own two scripts: the data block and the viewer.
  EXPECT_EQ(count(html, "<script"), 2u);
  EXPECT_EQ(count(html, "</script>"), 2u);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(valid_utf8(html), html) << "the page is valid UTF-8 without control characters";
  EXPECT_NE(html.find("&lt;/script&gt;&lt;script&gt;alert(1)"), std::string::npos);
  // No network: nothing is fetched from anywhere.
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST(ViewHtml, DataBlockRoundTripsModelStrings) {
  ViewModel vm = hostile_model();
  std::string html = model_html(vm, "m.onnx");
  const std::string open = "<script type=\"application/json\" id=\"onyx-data\">";
  size_t begin = html.find(open);
  ASSERT_NE(begin, std::string::npos);
  begin += open.size();
  size_t end = html.find("</script>", begin);
  nlohmann::json data = nlohmann::json::parse(html.substr(begin, end - begin));
  std::string clean = valid_utf8(kHostile);
  EXPECT_EQ(data["model"]["producer"], clean);
  EXPECT_EQ(data["model"]["metadata"][0][0], "key</script>");
  const auto& nodes = data["graphs"][0]["nodes"];
  ASSERT_EQ(nodes.size(), 4u);
  EXPECT_EQ(nodes[1]["op"], "Relu");
  EXPECT_EQ(nodes[1]["name"], clean);
  EXPECT_EQ(nodes[1]["in"][0][0], "in" + clean);
  EXPECT_EQ(nodes[1]["in"][0][2],
            "1\xC3\x97"
            "4");
  EXPECT_EQ(data["graphs"][0]["edges"].size(), 3u);
  // One SVG node group per node, ids g0-n0 ...
  for (int i = 0; i < 4; ++i)
    EXPECT_NE(html.find("id=\"g0-n" + std::to_string(i) + "\""), std::string::npos) << i;
}

TEST(ViewSvg, StandaloneStructure) {
  ViewModel vm = hostile_model();
  std::string svg = graph_svg(vm, 0, SvgOptions{});
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<style>"), std::string::npos);  // styles inlined
  EXPECT_EQ(count(svg, "<path class=\"edge\""), 3u);
  EXPECT_EQ(count(svg, "<g class=\"node "), 4u);
  EXPECT_EQ(count(svg, "class=\"edge-label\""), 3u);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(valid_utf8(svg), svg);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  // Edge paths start at the source's bottom and end at the target's top (top-down layout).
  EXPECT_EQ(edge_path_data({{0, 0}, {0, 10}}, true), "M24,24L24,34");
  EXPECT_EQ(edge_path_data({{0, 0}, {10, 10}}, true), "M24,24C24,29 34,29 34,34");
}

TEST(ViewDot, ClustersAndEscapedLabels) {
  ModelBuilder b(13);
  b.input("cond", DType::kBool, {});
  b.input("x", DType::kFloat32, {2});
  auto body = std::make_shared<ir::Graph>();
  ir::Node neg;
  neg.op_type = "Neg";
  neg.inputs = {"x"};
  neg.outputs = {"e"};
  body->nodes.push_back(neg);
  body->outputs.push_back({"e", ir::TypeInfo::tensor(DType::kFloat32, {2}), ""});
  ir::Node& ifn = b.node("If", {"cond"}, {"y"}, "say \"hi\"");
  for (const char* name : {"then_branch", "else_branch"}) {
    ir::Attribute a;
    a.name = name;
    a.type = ir::Attribute::Type::kGraph;
    a.g = body;
    ifn.attributes.push_back(a);
  }
  b.output("y", DType::kFloat32);
  ViewModel vm = build_view_model(b.model());
  std::string dot = model_dot(vm, /*show_names=*/true);
  EXPECT_EQ(dot.rfind("digraph onyx {", 0), 0u);
  EXPECT_NE(dot.find("subgraph cluster_1 {"), std::string::npos);
  EXPECT_NE(dot.find("subgraph cluster_2 {"), std::string::npos);
  EXPECT_NE(dot.find("label=\"If\\nsay \\\"hi\\\"\""), std::string::npos) << dot;
  EXPECT_NE(dot.find("g0_n0 -> g0_n2 [label=\"scalar\"]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("g1_n0 [label=\"Neg\", shape=box]"), std::string::npos) << dot;
  EXPECT_NE(dot.find("g1_n1 -> g1_n0 [label=\"2\"]"), std::string::npos) << dot;  // capture x
  EXPECT_EQ(dot.back(), '\n');
}

}  // namespace
}  // namespace onyx::inspect
