// onyx view MODEL [-o FILE] [--format html|svg|dot] [--direction TB|LR] [--names]
#include <cstdio>
#include <fstream>
#include <string>

#include "cli_common.h"
#include "commands.h"
#include "import/loader.h"
#include "inspect/view_html.h"
#include "inspect/view_model.h"
#include "inspect/view_svg.h"

namespace onyx::cli {

const char* const kViewUsage =
    "usage: onyx view MODEL [-o FILE] [--format html|svg|dot] [--direction TB|LR] [--names]\n"
    "                 [--timing]\n"
    "\n"
    "Draws the model's graph. html (default): one self-contained interactive page (pan, zoom,\n"
    "search, node and weight details, If/Loop/Scan bodies); svg: a static drawing of the main\n"
    "graph; dot: Graphviz text with bodies as clusters.\n"
    "  -o, --output FILE   where to write (default: standard output)\n"
    "  --format FORMAT     html, svg or dot (default: from the -o extension, else html)\n"
    "  --direction DIR     TB (top to bottom, default) or LR (left to right)\n"
    "  --names             show node names in svg and dot (the page has a toggle)\n"
    "  --timing            print each graph's size and layout time to standard error\n";

namespace {

std::string extension_of(const std::string& path) {
  size_t dot = path.rfind('.');
  size_t slash = path.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return path.substr(dot + 1);
}

std::string base_name(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

int run_view_command(int argc, char** argv, int first) {
  ArgScanner args(argc, argv, first);
  std::string model_path, output, format, direction = "TB";
  bool names = false, timing = false;
  while (!args.done()) {
    if (args.flag("--output", "-o")) {
      Result<std::string> v = args.value("--output");
      if (!v) return usage_error(v.status().message(), kViewUsage);
      output = *v;
    } else if (args.flag("--format")) {
      Result<std::string> v = args.value("--format");
      if (!v) return usage_error(v.status().message(), kViewUsage);
      format = *v;
    } else if (args.flag("--direction")) {
      Result<std::string> v = args.value("--direction");
      if (!v) return usage_error(v.status().message(), kViewUsage);
      direction = *v;
    } else if (args.flag("--names")) {
      names = true;
    } else if (args.flag("--timing")) {
      timing = true;
    } else if (args.flag("--help", "-h")) {
      std::fputs(kViewUsage, stdout);
      return kExitOk;
    } else if (args.peek().size() > 1 && args.peek()[0] == '-') {
      return usage_error("unknown option '" + args.peek() + "'", kViewUsage);
    } else if (model_path.empty()) {
      model_path = args.next();
    } else {
      return usage_error("unexpected argument '" + args.peek() + "'", kViewUsage);
    }
  }
  if (model_path.empty()) return usage_error("no MODEL given", kViewUsage);
  if (format.empty()) {
    std::string ext = extension_of(output);
    format = (ext == "svg" || ext == "dot") ? ext : "html";
  }
  if (format != "html" && format != "svg" && format != "dot")
    return usage_error("--format must be html, svg or dot, not '" + format + "'", kViewUsage);
  if (direction != "TB" && direction != "LR")
    return usage_error("--direction must be TB or LR, not '" + direction + "'", kViewUsage);

  Result<ir::Model> model = import::load_model_file(model_path);
  if (!model) return report_error(model.status());
  inspect::ViewOptions options;
  options.direction =
      direction == "LR" ? inspect::LayoutDirection::kLeftRight : inspect::LayoutDirection::kTopDown;
  // The page's Names toggle swaps names into the header band; svg --names adds a name row.
  options.names_in_header = format == "html";
  options.reserve_name_row = format == "svg" && names;
  inspect::ViewModel vm = inspect::build_view_model(*model, options);
  std::string text;
  if (format == "html") {
    text = inspect::model_html(vm, base_name(model_path));
  } else if (format == "svg") {
    inspect::SvgOptions svg;
    svg.show_names = names;
    text = inspect::graph_svg(vm, 0, svg);
  } else {
    text = inspect::model_dot(vm, names);
  }
  for (const std::string& note : vm.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
  if (timing)
    for (const inspect::ViewGraph& g : vm.graphs)
      std::fprintf(stderr,
                   "layout: %s: %zu nodes, %zu edges, %lld dummies, crossings %lld -> %lld, "
                   "%.1f ms\n",
                   g.title.c_str(), g.nodes.size(), g.edges.size(),
                   static_cast<long long>(g.layout.dummy_count),
                   static_cast<long long>(g.layout.initial_crossings),
                   static_cast<long long>(g.layout.crossings), g.layout_ms);
  if (output.empty() || output == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  std::ofstream file(output, std::ios::binary);
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.close();
  if (!file) return report_error(Status(StatusCode::kNoSuchFile, "cannot write '" + output + "'"));
  return kExitOk;
}

}  // namespace onyx::cli
