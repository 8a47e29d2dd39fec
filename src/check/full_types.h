// Type-constraint rules of CheckOptions::full (full_types.cc).
#pragma once

#include "ir/graph.h"
#include "onyx/check.hpp"
#include "shape/infer.h"

namespace onyx::check {

// Appends the first node whose inferred types break its schema's type constraints (rule
// full.type_constraint) to `report`.
void check_type_constraints(const ir::Model& model, const shape::GraphInference& g,
                            CheckReport* report);

}  // namespace onyx::check
