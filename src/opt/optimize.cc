#include "opt/optimize.h"

#include <algorithm>

#include "base/log.h"

namespace onyx::opt {

const char* level_name(Level level) {
  switch (level) {
    case Level::kNone:
      return "none";
    case Level::kBasic:
      return "basic";
    case Level::kExtended:
      return "extended";
    case Level::kAll:
      return "all";
  }
  return "unknown";
}

const std::vector<Pass>& all_passes() {
  static const std::vector<Pass> passes = {
      {"fold_constants", Level::kBasic, &fold_constants},
      {"eliminate_identity", Level::kBasic, &eliminate_identity},
      {"eliminate_noop_ops", Level::kBasic, &eliminate_noop_ops},
      {"cancel_inverse_ops", Level::kBasic, &cancel_inverse_ops},
      {"eliminate_dead_nodes", Level::kBasic, &eliminate_dead_nodes},
      {"fold_conv_batchnorm", Level::kExtended, &fold_conv_batchnorm},
      {"fold_conv_add", Level::kExtended, &fold_conv_add},
      {"fuse_conv_residual", Level::kExtended, &fuse_conv_residual},
      {"fuse_conv_activation", Level::kExtended, &fuse_conv_activation},
      {"fuse_attention", Level::kExtended, &fuse_attention},
      {"fuse_matmul_add", Level::kExtended, &fuse_matmul_add},
      {"fuse_gelu", Level::kExtended, &fuse_gelu},
      {"fuse_layer_norm", Level::kExtended, &fuse_layer_norm},
      {"fuse_skip_layer_norm", Level::kExtended, &fuse_skip_layer_norm},
  };
  return passes;
}

Result<int> run_pass(ir::Model& model, Result<int> (*run)(ir::Graph&, PassContext&)) {
  ir::GraphIndex index(model.graph);
  PassContext ctx{model, index, model.opset("")};
  return run(model.graph, ctx);
}

Status check_pass_names(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    bool known = name == "prune_initializers";
    for (const Pass& pass : all_passes()) known = known || name == pass.name;
    if (known) continue;
    std::string list;
    for (const Pass& pass : all_passes()) list += std::string(pass.name) + ", ";
    return Status(StatusCode::kInvalidArgument, "unknown optimizer '" + name +
                                                    "' in disabled optimizers (known: " + list +
                                                    "prune_initializers)");
  }
  return Status::ok();
}

Result<int> optimize_graph(ir::Model& model, Level level, std::vector<PassReport>* report,
                           const std::vector<std::string>& disabled) {
  ONYX_RETURN_IF_ERROR(check_pass_names(disabled));
  if (level == Level::kNone) return 0;
  auto is_disabled = [&](const char* name) {
    return std::find(disabled.begin(), disabled.end(), name) != disabled.end();
  };
  ir::GraphIndex index(model.graph);
  PassContext ctx{model, index, model.opset("")};
  int total = 0;
  for (int round = 0; round < kMaxRounds; ++round) {
    int round_changes = 0;
    for (const Pass& pass : all_passes()) {
      if (level < pass.min_level || is_disabled(pass.name)) continue;
      const size_t nodes_before = model.graph.nodes.size();
      const size_t inits_before = model.graph.initializers.size();
      Result<int> changes = pass.run(model.graph, ctx);
      if (!changes) return changes.status().with_context(std::string("pass ") + pass.name);
      if (changes.value() == 0) continue;
      if (report)
        report->push_back({pass.name, round + 1, changes.value(), nodes_before,
                           model.graph.nodes.size(), inits_before,
                           model.graph.initializers.size()});
      log_info(std::string("optimize: ") + pass.name + " changed " +
               std::to_string(changes.value()) + " node(s) in round " + std::to_string(round + 1));
      round_changes += changes.value();
    }
    total += round_changes;
    if (round_changes == 0) break;
  }
  // Initializers are not nodes: pruned once at the end, reported but not counted in the total.
  if (is_disabled("prune_initializers")) return total;
  const size_t inits_before = model.graph.initializers.size();
  ONYX_ASSIGN_OR_RETURN(int pruned, prune_initializers(model.graph, ctx));
  if (report && pruned)
    report->push_back({"prune_initializers", 0, pruned, model.graph.nodes.size(),
                       model.graph.nodes.size(), inits_before, model.graph.initializers.size()});
  return total;
}

}  // namespace onyx::opt
