// Type-constraint rules of CheckOptions::full (full_types.cc).
#pragma once

#include "ir/graph.h"
#include "onyx/check.hpp"
#include "shape/infer.h"

namespace onyx::check {

// Appends the first node whose inferred types break its schema's type constraints (rule
// full.type_constraint) to `report`.
// If/Loop subgraphs declare as many inputs as the node passes them (rule full.subgraph_signature);
// false (with the first mismatch appended to `report`) otherwise.
bool check_control_flow_signatures(const ir::Model& model, CheckReport* report);

void check_type_constraints(const ir::Model& model, const shape::GraphInference& g,
                            CheckReport* report);

}  // namespace onyx::check
