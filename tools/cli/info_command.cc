// onyx info MODEL [--json] [--shapes]
#include <cstdio>

#include "cli_common.h"
#include "commands.h"
#include "import/loader.h"
#include "inspect/model_info.h"

namespace onyx::cli {

const char* const kInfoUsage =
    "usage: onyx info MODEL [--json] [--shapes]\n"
    "\n"
    "Prints the model's IR version, producer, opset imports, graph inputs and outputs (element\n"
    "type and shape, symbolic dims by name), op histogram, parameter count and size.\n"
    "  --json     one JSON object instead of text\n"
    "  --shapes   also list every value's inferred type and shape (symbolic dims and\n"
    "             expressions such as batch*seq kept)\n";

int run_info_command(int argc, char** argv, int first) {
  ArgScanner args(argc, argv, first);
  std::string model_path;
  bool json = false;
  inspect::ModelInfoOptions options;
  while (!args.done()) {
    if (args.flag("--json")) {
      json = true;
    } else if (args.flag("--shapes")) {
      options.shapes = true;
    } else if (args.flag("--help", "-h")) {
      std::fputs(kInfoUsage, stdout);
      return kExitOk;
    } else if (args.peek().size() > 1 && args.peek()[0] == '-') {
      return usage_error("unknown option '" + args.peek() + "'", kInfoUsage);
    } else if (model_path.empty()) {
      model_path = args.next();
    } else {
      return usage_error("unexpected argument '" + args.peek() + "'", kInfoUsage);
    }
  }
  if (model_path.empty()) return usage_error("no MODEL given", kInfoUsage);

  Result<ir::Model> model = import::load_model_file(model_path);
  if (!model) return report_error(model.status());
  inspect::ModelInfo info = inspect::collect_model_info(*model, options);
  std::string text = json ? inspect::model_info_json(info, model_path)
                          : inspect::model_info_text(info, model_path);
  std::fputs(text.c_str(), stdout);
  return kExitOk;
}

}  // namespace onyx::cli
