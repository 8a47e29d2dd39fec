// The public optimization level (onyx::OptLevel, onyx/session.hpp) mapped onto the opt layer's,
// which may not see the session API (DESIGN.md §2).
#pragma once

#include "ir/graph.h"
#include "onyx/session.hpp"
#include "opt/optimize.h"

namespace onyx {

inline opt::Level to_opt_level(OptLevel level) {
  switch (level) {
    case OptLevel::kNone:
      return opt::Level::kNone;
    case OptLevel::kBasic:
      return opt::Level::kBasic;
    case OptLevel::kExtended:
      return opt::Level::kExtended;
    case OptLevel::kAll:
      return opt::Level::kAll;
  }
  return opt::Level::kAll;
}

// Runs the passes enabled at `level` but those named in `disabled`; the number of nodes removed
// or rewritten (an unknown name in `disabled` is kInvalidArgument).
inline Result<int> optimize_graph(ir::Model& model, OptLevel level,
                                  const std::vector<std::string>& disabled = {}) {
  return opt::optimize_graph(model, to_opt_level(level), nullptr, disabled);
}

}  // namespace onyx
