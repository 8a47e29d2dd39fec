#include "opt/optimize.h"

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
      {"eliminate_identity", Level::kBasic, &eliminate_identity},
      {"eliminate_dead_nodes", Level::kBasic, &eliminate_dead_nodes},
      {"fuse_conv_activation", Level::kExtended, &fuse_conv_activation},
  };
  return passes;
}

Result<int> run_pass(ir::Model& model, Result<int> (*run)(ir::Graph&, PassContext&)) {
  ir::GraphIndex index(model.graph);
  PassContext ctx{model, index, model.opset("")};
  return run(model.graph, ctx);
}

Result<int> optimize_graph(ir::Model& model, Level level) {
  if (level == Level::kNone) return 0;
  ir::GraphIndex index(model.graph);
  PassContext ctx{model, index, model.opset("")};
  int total = 0;
  for (int round = 0; round < kMaxRounds; ++round) {
    int round_changes = 0;
    for (const Pass& pass : all_passes()) {
      if (level < pass.min_level) continue;
      Result<int> changes = pass.run(model.graph, ctx);
      if (!changes) return changes.status().with_context(std::string("pass ") + pass.name);
      if (changes.value() == 0) continue;
      log_info(std::string("optimize: ") + pass.name + " changed " +
               std::to_string(changes.value()) + " node(s) in round " + std::to_string(round + 1));
      round_changes += changes.value();
    }
    total += round_changes;
    if (round_changes == 0) break;
  }
  return total;
}

}  // namespace onyx::opt
