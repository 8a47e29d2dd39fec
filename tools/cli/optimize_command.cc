// onyx optimize MODEL -o OUT.onnx [--level none|basic|extended|all] [--disable PASS,...]
//               [--report]
#include <cstdio>
#include <string>
#include <vector>

#include "cli_common.h"
#include "commands.h"
#include "import/loader.h"
#include "opt/optimize.h"
#include "runtime/opt_level.h"
#include "shape/infer.h"

namespace onyx::cli {

const char* const kOptimizeUsage =
    "usage: onyx optimize MODEL -o OUT.onnx [--level none|basic|extended|all]\n"
    "                     [--disable PASS[,PASS...]] [--report]\n"
    "\n"
    "Applies the graph optimizations a session runs at load time and saves the result.\n"
    "  -o, --output FILE  where to write the optimized model (required)\n"
    "  --level L          none | basic | extended | all (default: all)\n"
    "  --disable PASSES   comma-separated optimizer passes to skip (names as --report prints)\n"
    "  --report           print, per pass that changed something, the nodes and initializers\n"
    "                     before and after\n"
    "Fused ops onyx adds (com.onyx FusedConv, FusedMatMul, FusedGelu, FusedLayerNorm) are\n"
    "saved with an opset_import for com.onyx "
    "version 1: onyx loads such a model back, other runtimes do not; use --level basic for a\n"
    "model with standard ops only.\n";

int run_optimize_command(int argc, char** argv, int first) {
  ArgScanner args(argc, argv, first);
  std::string model_path, out_path;
  opt::Level level = opt::Level::kAll;
  std::vector<std::string> disabled;
  bool report = false;
  while (!args.done()) {
    if (args.flag("--output", "-o")) {
      Result<std::string> v = args.value("--output");
      if (!v) return usage_error(v.status().message(), kOptimizeUsage);
      out_path = *v;
    } else if (args.flag("--level")) {
      Result<std::string> v = args.value("--level");
      if (!v) return usage_error(v.status().message(), kOptimizeUsage);
      Result<OptLevel> l = parse_opt_level(*v, "--level");
      if (!l) return usage_error(l.status().message(), kOptimizeUsage);
      level = to_opt_level(*l);
    } else if (args.flag("--disable")) {
      Result<std::string> v = args.value("--disable");
      if (!v) return usage_error(v.status().message(), kOptimizeUsage);
      for (std::string& name : split_list(*v)) disabled.push_back(std::move(name));
    } else if (args.flag("--report")) {
      report = true;
    } else if (args.flag("--help", "-h")) {
      std::fputs(kOptimizeUsage, stdout);
      return kExitOk;
    } else if (args.peek().size() > 1 && args.peek()[0] == '-') {
      return usage_error("unknown option '" + args.peek() + "'", kOptimizeUsage);
    } else if (model_path.empty()) {
      model_path = args.next();
    } else {
      return usage_error("unexpected argument '" + args.peek() + "'", kOptimizeUsage);
    }
  }
  if (model_path.empty()) return usage_error("no MODEL given", kOptimizeUsage);
  if (out_path.empty()) return usage_error("no output file given (-o OUT.onnx)", kOptimizeUsage);

  Result<ir::Model> model = import::load_model_file(model_path);
  if (!model) return report_error(model.status());
  // As a session does: a model inference rejects is not optimized.
  shape::InferOptions infer_options;
  infer_options.fold_constants = false;
  Result<shape::GraphInference> inferred =
      shape::infer_graph(*model, model->graph, {}, infer_options);
  if (!inferred) return report_error(inferred.status().with_context("invalid model"));
  const size_t nodes_before = model->graph.nodes.size();
  const size_t inits_before = model->graph.initializers.size();
  std::vector<opt::PassReport> passes;
  Result<int> changes = opt::optimize_graph(*model, level, &passes, disabled);
  if (!changes) return report_error(changes.status());
  Status saved = import::save_model(*model, out_path);
  if (!saved.is_ok()) return report_error(saved);
  if (report) {
    std::printf("%-22s %5s %7s %13s %20s\n", "pass", "round", "changes", "nodes", "initializers");
    for (const opt::PassReport& p : passes)
      std::printf("%-22s %5d %7d %6zu -> %-5zu %9zu -> %-6zu\n", p.pass.c_str(), p.round, p.changes,
                  p.nodes_before, p.nodes_after, p.initializers_before, p.initializers_after);
  }
  std::printf("%s: level %s, nodes %zu -> %zu, initializers %zu -> %zu, written to %s\n",
              model_path.c_str(), opt::level_name(level), nodes_before, model->graph.nodes.size(),
              inits_before, model->graph.initializers.size(), out_path.c_str());
  return kExitOk;
}

}  // namespace onyx::cli
