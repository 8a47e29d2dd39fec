// Aggregation and text tables of `onyx bench --profile`.
#include "bench_profile.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace onyx::cli {

namespace {

using TypeShape = std::pair<std::string, std::vector<int64_t>>;

double numel(const std::vector<int64_t>& dims) {
  double n = 1;
  for (int64_t d : dims) n *= static_cast<double>(d);
  return n;
}

std::string dims_string(const std::vector<int64_t>& dims) {
  std::string s;
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? "x" : "") + std::to_string(dims[i]);
  return s.empty() ? "scalar" : s;
}

bool has_dims(const std::vector<TypeShape>& list, size_t i, size_t min_rank) {
  return i < list.size() && list[i].second.size() >= min_rank;
}

}  // namespace

double node_flops(const ProfileEvent& e) {
  const std::string& op = e.op_type;
  if (e.outputs.empty()) return 0;
  const double out = numel(e.outputs[0].second);
  if (op == "Conv" || op == "FusedConv") {
    // Each output element takes W.numel / C_out multiply-adds (C_in/group * kernel).
    if (!has_dims(e.inputs, 1, 3) || e.inputs[1].second[0] <= 0) return 0;
    return 2 * out * numel(e.inputs[1].second) / static_cast<double>(e.inputs[1].second[0]);
  }
  if (op == "ConvTranspose") {
    // Each input element scatters into W.numel / C_in outputs.
    if (!has_dims(e.inputs, 0, 3) || !has_dims(e.inputs, 1, 3) || e.inputs[1].second[0] <= 0)
      return 0;
    return 2 * numel(e.inputs[0].second) * numel(e.inputs[1].second) /
           static_cast<double>(e.inputs[1].second[0]);
  }
  if (op == "Gemm" || op == "FusedGemm") {
    // Y[M, N] = A'[M, K] B'[K, N] with A stored [M, K] or [K, M]: either way K = numel(A) / M.
    if (!has_dims(e.inputs, 0, 2) || e.outputs[0].second.size() != 2) return 0;
    const double m = static_cast<double>(e.outputs[0].second[0]);
    return m > 0 ? 2 * out * numel(e.inputs[0].second) / m : 0;
  }
  if (op == "MatMul" || op == "FusedMatMul") {
    if (!has_dims(e.inputs, 0, 1)) return 0;
    const std::vector<int64_t>& a = e.inputs[0].second;
    return 2 * out * static_cast<double>(a.back());
  }
  return 0;
}

std::vector<NodeProfile> aggregate_nodes(const std::vector<ProfileEvent>& events,
                                         int64_t first_run) {
  std::map<std::string, size_t> index;  // node name -> position in `nodes`
  std::vector<NodeProfile> nodes;
  for (const ProfileEvent& e : events) {
    if (e.category != "Node" || e.run < first_run) continue;
    auto [it, inserted] = index.emplace(e.name, nodes.size());
    if (inserted) {
      NodeProfile p;
      p.name = e.name;
      p.op_type = e.op_type;
      p.output_shape = e.outputs.empty() ? "-" : dims_string(e.outputs[0].second);
      p.flops = node_flops(e);
      nodes.push_back(std::move(p));
    }
    NodeProfile& p = nodes[it->second];
    p.total_us += e.duration_us;
    p.runs += 1;
  }
  std::stable_sort(nodes.begin(), nodes.end(), [](const NodeProfile& a, const NodeProfile& b) {
    return a.total_us > b.total_us;
  });
  return nodes;
}

std::string profile_report(const std::vector<NodeProfile>& nodes, int top) {
  double total_ms = 0;  // summed mean per-run node time
  for (const NodeProfile& n : nodes) total_ms += n.total_us / 1e3 / static_cast<double>(n.runs);
  std::string out;
  char line[512];
  auto gflops = [](double flops, double ms) { return ms > 0 ? flops / ms / 1e6 : 0.0; };
  std::snprintf(line, sizeof line, "per node (mean per run; %zu nodes, %.3f ms in nodes):\n",
                nodes.size(), total_ms);
  out += line;
  std::snprintf(line, sizeof line, "%4s  %-18s %-36s %-18s %9s %6s %8s\n", "#", "op", "node",
                "output", "ms", "%", "GFLOPS");
  out += line;
  const size_t shown = top > 0 ? std::min(nodes.size(), static_cast<size_t>(top)) : nodes.size();
  for (size_t i = 0; i < shown; ++i) {
    const NodeProfile& n = nodes[i];
    const double ms = n.total_us / 1e3 / static_cast<double>(n.runs);
    std::string name = n.name.size() > 36 ? n.name.substr(0, 33) + "..." : n.name;
    char rate[32] = "";
    if (n.flops > 0) std::snprintf(rate, sizeof rate, "%.1f", gflops(n.flops, ms));
    std::snprintf(line, sizeof line, "%4zu  %-18s %-36s %-18s %9.3f %6.2f %8s\n", i + 1,
                  n.op_type.c_str(), name.c_str(), n.output_shape.c_str(), ms,
                  total_ms > 0 ? 100 * ms / total_ms : 0.0, rate);
    out += line;
  }
  if (shown < nodes.size()) out += "  ... " + std::to_string(nodes.size() - shown) + " more\n";

  struct OpTotal {
    int nodes = 0;
    double ms = 0, flops = 0;
  };
  std::map<std::string, OpTotal> by_op;
  for (const NodeProfile& n : nodes) {
    OpTotal& t = by_op[n.op_type];
    t.nodes += 1;
    t.ms += n.total_us / 1e3 / static_cast<double>(n.runs);
    t.flops += n.flops;
  }
  std::vector<std::pair<std::string, OpTotal>> ops(by_op.begin(), by_op.end());
  std::stable_sort(ops.begin(), ops.end(),
                   [](const auto& a, const auto& b) { return a.second.ms > b.second.ms; });
  out += "\nper op type:\n";
  std::snprintf(line, sizeof line, "%-18s %6s %9s %6s %8s %9s\n", "op", "nodes", "ms", "%",
                "GFLOPS", "GFLOP");
  out += line;
  double all_flops = 0;
  for (const auto& [op, t] : ops) {
    all_flops += t.flops;
    char rate[32] = "", amount[32] = "";
    if (t.flops > 0) {
      std::snprintf(rate, sizeof rate, "%.1f", gflops(t.flops, t.ms));
      std::snprintf(amount, sizeof amount, "%.4g", t.flops / 1e9);
    }
    std::snprintf(line, sizeof line, "%-18s %6d %9.3f %6.2f %8s %9s\n", op.c_str(), t.nodes, t.ms,
                  total_ms > 0 ? 100 * t.ms / total_ms : 0.0, rate, amount);
    out += line;
  }
  std::snprintf(line, sizeof line, "%-18s %6zu %9.3f %6.2f %8.1f %9.4g\n", "total", nodes.size(),
                total_ms, 100.0, gflops(all_flops, total_ms), all_flops / 1e9);
  out += line;
  return out;
}

}  // namespace onyx::cli
