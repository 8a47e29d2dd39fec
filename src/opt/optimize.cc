#include "opt/optimize.h"

namespace onyx {

int optimize_graph(ir::Model& model, OptLevel level) {
  if (level == OptLevel::kNone) return 0;
  int changes = 0;
  changes += opt::eliminate_identity(model.graph);
  changes += opt::eliminate_dead_nodes(model.graph);
  if (level >= OptLevel::kExtended) changes += opt::fuse_conv_activation(model);
  return changes;
}

}  // namespace onyx
