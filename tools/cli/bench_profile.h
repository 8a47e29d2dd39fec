// `onyx bench --profile`: per-node and per-op-type time tables from a profiling session's events.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onyx/session.hpp"

namespace onyx::cli {

// Floating-point operations of one node event, counting a multiply-add as 2: Conv, ConvTranspose,
// Gemm, MatMul and their fused forms (FusedConv, FusedGemm, FusedMatMul). 0 for other ops or when
// the recorded shapes do not fit the op.
double node_flops(const ProfileEvent& event);

// One node's time summed over the runs aggregated.
struct NodeProfile {
  std::string name, op_type, output_shape;
  double total_us = 0;
  double flops = 0;  // per run
  int64_t runs = 0;
};

// Node events of runs >= first_run, summed per node and sorted by time, slowest first.
std::vector<NodeProfile> aggregate_nodes(const std::vector<ProfileEvent>& events,
                                         int64_t first_run);

// The report `onyx bench --profile` prints: the `top` slowest nodes (op, name, output shape,
// mean ms per run, % of the summed node time, GFLOPS where node_flops is known) and per op type
// totals (nodes, ms per run, %, GFLOPS). `top` <= 0 prints every node.
std::string profile_report(const std::vector<NodeProfile>& nodes, int top);

}  // namespace onyx::cli
