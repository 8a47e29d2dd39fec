// onyx bench MODEL [--threads N] [--shape NAME=1x3x224x224 ...] [--batch N] [--level L]
//                  [--disable PASS,...] [--warmup W] [--runs N] [--json] [--profile [--top N]]
//                  [--trace OUT.json]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <thread>

#include "base/half.h"
#include "bench_profile.h"
#include "cli_common.h"
#include "commands.h"
#include "inspect/model_info.h"
#include "onyx/session.hpp"

namespace onyx::cli {

const char* const kBenchUsage =
    "usage: onyx bench MODEL [--threads N] [--shape NAME=1x3x224x224 ...] [--batch N]\n"
    "                  [--level L] [--disable PASS,...] [--warmup W] [--runs N] [--json]\n"
    "                  [--profile [--top N]] [--trace OUT.json]\n"
    "\n"
    "Feeds deterministic random inputs (floats uniform in [-1, 1), integers in [0, 4), random\n"
    "bools), measures session creation, runs W warm-up then N timed runs, and prints latency\n"
    "statistics in milliseconds.\n"
    "  --shape NAME=DIMS  shape of input NAME (required for inputs with symbolic/unknown dims)\n"
    "  --batch N          value of a symbolic first dim for inputs without --shape\n"
    "  --threads N        intra-op threads (default: all cores)\n"
    "  --level L          graph optimizations: none | basic | extended | all (default: all)\n"
    "  --disable PASSES   comma-separated optimizer passes to skip (onyx optimize --report\n"
    "                     names them)\n"
    "  --warmup W         warm-up runs, the first one timed as first_run (default 10, at least 1)\n"
    "  --runs N           timed runs (default 50, at least 1)\n"
    "  --json             {\"model\", \"threads\", \"level\", \"session_create_ms\", \"min_ms\",\n"
    "                     \"median_ms\", \"mean_ms\", \"p90_ms\", \"runs\", \"first_run_ms\",\n"
    "                     \"peak_rss_mib\"} instead of text (with --profile also \"node_ms\" and\n"
    "                     \"gflop\": summed node time and Conv/Gemm/MatMul GFLOP)\n"
    "  --profile          time every node; print the slowest nodes (op, name, output shape, ms\n"
    "                     per run, % of node time, GFLOPS for Conv/Gemm/MatMul) and per-op-type\n"
    "                     totals, averaged over the timed runs\n"
    "  --top N            nodes listed by --profile (default 20; 0 = all)\n"
    "  --trace OUT.json   write every node event (warm-up included) as chrome-trace JSON\n"
    "                     (chrome://tracing, Perfetto); implies profiling\n";

namespace {

struct BenchArgs {
  std::string model_path;
  std::map<std::string, Shape> shapes;
  int64_t batch = -1;  // -1 = not given
  int threads = 0;
  OptLevel level = OptLevel::kAll;
  std::vector<std::string> disabled;  // --disable: optimizer passes to skip
  int64_t warmup = 10;
  int64_t runs = 50;
  bool json = false;
  bool profile = false;
  int64_t top = 20;
  std::string trace_path;  // "" = no trace file
};

std::optional<int> parse_bench_args(int argc, char** argv, int first, BenchArgs& out) {
  ArgScanner args(argc, argv, first);
  auto count_option = [&](const char* name, int64_t& dst) -> std::optional<int> {
    Result<std::string> v = args.value(name);
    Result<int64_t> n = v ? parse_count(*v, name) : Result<int64_t>(v.status());
    if (!n) return usage_error(n.status().message(), kBenchUsage);
    dst = *n;
    return std::nullopt;
  };
  while (!args.done()) {
    std::optional<int> bad;
    if (args.flag("--shape")) {
      Result<std::string> v = args.value("--shape");
      auto kv = v ? split_assignment(*v, "--shape", /*at_last=*/true)
                  : Result<std::pair<std::string, std::string>>(v.status());
      if (!kv) return usage_error(kv.status().message(), kBenchUsage);
      Result<Shape> dims = parse_dims(kv->second);
      if (!dims) return usage_error("--shape " + *v + ": " + dims.status().message(), kBenchUsage);
      out.shapes[kv->first] = *dims;
    } else if (args.flag("--batch")) {
      bad = count_option("--batch", out.batch);
    } else if (args.flag("--threads")) {
      int64_t t = 0;
      bad = count_option("--threads", t);
      out.threads = static_cast<int>(t);
    } else if (args.flag("--warmup")) {
      bad = count_option("--warmup", out.warmup);
    } else if (args.flag("--runs")) {
      bad = count_option("--runs", out.runs);
      if (!bad && out.runs < 1) return usage_error("--runs must be at least 1", kBenchUsage);
    } else if (args.flag("--level")) {
      Result<std::string> v = args.value("--level");
      Result<OptLevel> l = v ? parse_opt_level(*v, "--level") : Result<OptLevel>(v.status());
      if (!l) return usage_error(l.status().message(), kBenchUsage);
      out.level = *l;
    } else if (args.flag("--disable")) {
      Result<std::string> v = args.value("--disable");
      if (!v) return usage_error(v.status().message(), kBenchUsage);
      for (std::string& name : split_list(*v)) out.disabled.push_back(std::move(name));
    } else if (args.flag("--json")) {
      out.json = true;
    } else if (args.flag("--profile")) {
      out.profile = true;
    } else if (args.flag("--top")) {
      bad = count_option("--top", out.top);
    } else if (args.flag("--trace")) {
      Result<std::string> v = args.value("--trace");
      if (!v) return usage_error(v.status().message(), kBenchUsage);
      out.trace_path = *v;
    } else if (args.flag("--help", "-h")) {
      std::fputs(kBenchUsage, stdout);
      return kExitOk;
    } else if (args.peek().size() > 1 && args.peek()[0] == '-') {
      return usage_error("unknown option '" + args.peek() + "'", kBenchUsage);
    } else if (out.model_path.empty()) {
      out.model_path = args.next();
    } else {
      return usage_error("unexpected argument '" + args.peek() + "'", kBenchUsage);
    }
    if (bad) return bad;
  }
  if (out.model_path.empty()) return usage_error("no MODEL given", kBenchUsage);
  return std::nullopt;
}

std::string declared(const ValueMeta& m) {
  if (!m.has_shape) return "unknown rank";
  std::string s = "[";
  for (size_t i = 0; i < m.shape.size(); ++i) {
    if (i) s += ", ";
    s += !m.dim_names[i].empty() ? m.dim_names[i]
         : m.shape[i] >= 0       ? std::to_string(m.shape[i])
                                 : std::string("?");
  }
  return s + "]";
}

// The concrete shape to feed for input `m`.
Result<Shape> resolve_shape(const ValueMeta& m, const BenchArgs& a) {
  auto given = a.shapes.find(m.name);
  if (given != a.shapes.end()) {
    if (m.has_shape && given->second.size() != m.shape.size()) {
      return Status(StatusCode::kInvalidArgument,
                    "--shape " + m.name + ": rank " + std::to_string(given->second.size()) +
                        " does not match the declared shape " + declared(m));
    }
    return given->second;
  }
  if (!m.has_shape) {
    return Status(StatusCode::kInvalidArgument, "input '" + m.name +
                                                    "' has no declared shape; give --shape " +
                                                    m.name + "=DIMS (e.g. 1x3x224x224)");
  }
  Shape shape = m.shape;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] >= 0) continue;
    if (i == 0 && a.batch >= 0) {
      shape[0] = a.batch;
      continue;
    }
    return Status(StatusCode::kInvalidArgument,
                  "input '" + m.name + "' has symbolic or unknown dims " + declared(m) +
                      "; give --shape " + m.name + "=DIMS" + (i == 0 ? " or --batch N" : ""));
  }
  return shape;
}

// Deterministic pseudo-random contents (floats uniform in [-1, 1), ints in [0, 4)).
Result<Tensor> random_tensor(const ValueMeta& m, const Shape& shape, std::mt19937_64& rng) {
  if (m.kind != ValueMeta::Kind::kTensor) {
    return Status(StatusCode::kNotImplemented, "input '" + m.name + "' has type " + m.type_string +
                                                   "; bench feeds tensors only");
  }
  std::uniform_real_distribution<double> real(-1.0, 1.0);
  std::uniform_int_distribution<int> small(0, 3);
  Tensor t = Tensor::empty(m.dtype, shape);
  const int64_t n = t.numel();
  auto fill = [&](auto* p, auto gen) {
    for (int64_t i = 0; i < n; ++i) p[i] = gen();
  };
  switch (m.dtype) {
    case DType::kFloat32:
      fill(t.data<float>(), [&] { return static_cast<float>(real(rng)); });
      break;
    case DType::kFloat64:
      fill(t.data<double>(), [&] { return real(rng); });
      break;
    case DType::kFloat16:
      fill(t.data<uint16_t>(), [&] { return float_to_half(static_cast<float>(real(rng))); });
      break;
    case DType::kBFloat16:
      fill(t.data<uint16_t>(), [&] { return float_to_bf16(static_cast<float>(real(rng))); });
      break;
    case DType::kInt8:
      fill(t.data<int8_t>(), [&] { return static_cast<int8_t>(small(rng)); });
      break;
    case DType::kInt16:
      fill(t.data<int16_t>(), [&] { return static_cast<int16_t>(small(rng)); });
      break;
    case DType::kInt32:
      fill(t.data<int32_t>(), [&] { return static_cast<int32_t>(small(rng)); });
      break;
    case DType::kInt64:
      fill(t.data<int64_t>(), [&] { return static_cast<int64_t>(small(rng)); });
      break;
    case DType::kUInt8:
      fill(t.data<uint8_t>(), [&] { return static_cast<uint8_t>(small(rng)); });
      break;
    case DType::kUInt16:
      fill(t.data<uint16_t>(), [&] { return static_cast<uint16_t>(small(rng)); });
      break;
    case DType::kUInt32:
      fill(t.data<uint32_t>(), [&] { return static_cast<uint32_t>(small(rng)); });
      break;
    case DType::kUInt64:
      fill(t.data<uint64_t>(), [&] { return static_cast<uint64_t>(small(rng)); });
      break;
    case DType::kBool:
      fill(t.data<bool>(), [&] { return small(rng) >= 2; });
      break;
    default:
      return Status(StatusCode::kNotImplemented, "input '" + m.name + "' has element type " +
                                                     dtype_name(m.dtype) +
                                                     "; bench cannot generate data for it");
  }
  return t;
}

struct Stats {
  double min_ms, median_ms, mean_ms, p90_ms;
};

// p90 is the nearest-rank percentile: the smallest sample >= 90% of all samples.
Stats summarize(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  const size_t n = ms.size();
  Stats s{};
  s.min_ms = ms.front();
  s.median_ms = n % 2 ? ms[n / 2] : 0.5 * (ms[n / 2 - 1] + ms[n / 2]);
  double sum = 0;
  for (double v : ms) sum += v;
  s.mean_ms = sum / static_cast<double>(n);
  size_t rank = static_cast<size_t>(std::ceil(0.9 * static_cast<double>(n)));
  s.p90_ms = ms[std::max<size_t>(rank, 1) - 1];
  return s;
}

// Peak resident set of this process's current image in MiB (VmHWM of /proc/self/status; unlike
// getrusage's ru_maxrss it excludes what the parent held when it forked us); -1 if unknown.
double peak_rss_mib() {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  double kib = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmHWM: %lf kB", &kib) == 1) break;
  std::fclose(f);
  return kib < 0 ? -1 : kib / 1024.0;
}

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

}  // namespace

int run_bench_command(int argc, char** argv, int first) {
  BenchArgs a;
  if (std::optional<int> exit_code = parse_bench_args(argc, argv, first, a)) return *exit_code;

  const bool profiling = a.profile || !a.trace_path.empty();
  Options options = Options{}.threads(a.threads).opt_level(a.level);
  for (const std::string& name : a.disabled) options.disable_optimizer(name);
  // The trace is written under a temporary prefix, then renamed to --trace's path.
  if (profiling) options.enable_profiling(a.trace_path.empty() ? "" : a.trace_path + ".onyx");
  auto t0 = std::chrono::steady_clock::now();
  Result<Session> session = Session::load(a.model_path, options);
  const double create_ms = elapsed_ms(t0);
  if (!session) return report_error(session.status());

  for (const auto& [name, shape] : a.shapes) {
    const auto& ins = session->inputs();
    if (std::none_of(ins.begin(), ins.end(), [&](const ValueMeta& m) { return m.name == name; }))
      return report_error(
          Status(StatusCode::kInvalidArgument,
                 "--shape " + name + ": the model has no input named '" + name + "'"));
  }
  std::mt19937_64 rng(0x6f6e7978);  // fixed seed: identical inputs on every run
  Feeds feeds;
  for (const ValueMeta& m : session->inputs()) {
    Result<Shape> shape = resolve_shape(m, a);
    if (!shape) return report_error(shape.status());
    Result<Tensor> t = random_tensor(m, *shape, rng);
    if (!t) return report_error(t.status());
    feeds.emplace_back(m.name, *t);
  }

  // The first run (plan building, weight packing) is timed on its own and counts as warm-up.
  auto first_start = std::chrono::steady_clock::now();
  Result<std::vector<Tensor>> first_out = session->run(feeds);
  const double first_run_ms = elapsed_ms(first_start);
  if (!first_out) return report_error(first_out.status());
  const int64_t warm_runs = std::max<int64_t>(a.warmup, 1);
  for (int64_t i = 1; i < warm_runs; ++i) {
    Result<std::vector<Tensor>> out = session->run(feeds);
    if (!out) return report_error(out.status());
  }
  std::vector<double> times;
  for (int64_t i = 0; i < a.runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    Result<std::vector<Tensor>> out = session->run(feeds);
    times.push_back(elapsed_ms(start));
    if (!out) return report_error(out.status());
  }
  Stats s = summarize(times);
  // Options::threads(0) means one per core, as in ThreadPool.
  const int threads = a.threads > 0
                          ? a.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  std::vector<NodeProfile> nodes;
  if (profiling) nodes = aggregate_nodes(session->profile_events(), /*first_run=*/warm_runs);
  if (!a.trace_path.empty()) {
    Result<std::string> written = session->end_profiling();
    if (!written) return report_error(written.status());
    if (std::rename(written->c_str(), a.trace_path.c_str()) != 0)
      return report_error(
          Status(StatusCode::kRuntimeException,
                 "--trace: cannot move '" + *written + "' to '" + a.trace_path + "'"));
  }

  if (a.json) {
    std::string extra;
    if (a.profile) {
      double node_ms = 0, flops = 0;
      for (const NodeProfile& n : nodes) {
        node_ms += n.total_us / 1e3 / static_cast<double>(n.runs);
        flops += n.flops;
      }
      char buf[96];
      std::snprintf(buf, sizeof buf, ", \"node_ms\": %.4f, \"gflop\": %.6f", node_ms, flops / 1e9);
      extra = buf;
    }
    std::printf(
        "{\"model\": %s, \"threads\": %d, \"level\": \"%s\", \"session_create_ms\": %.4f, "
        "\"first_run_ms\": %.4f, "
        "\"min_ms\": %.4f, \"median_ms\": %.4f, \"mean_ms\": %.4f, \"p90_ms\": %.4f, "
        "\"runs\": %lld, \"peak_rss_mib\": %.1f%s}\n",
        inspect::json_quote(a.model_path).c_str(), threads, opt_level_name(a.level), create_ms,
        first_run_ms, s.min_ms, s.median_ms, s.mean_ms, s.p90_ms, static_cast<long long>(a.runs),
        peak_rss_mib(), extra.c_str());
  } else {
    std::printf("model:            %s\n", a.model_path.c_str());
    std::printf("threads:          %d\n", threads);
    std::printf("graph opts:       %s\n", opt_level_name(a.level));
    for (const auto& [name, t] : feeds)
      std::printf("input:            %s %s %s\n", name.c_str(),
                  inspect::elem_type_name(t.dtype()).c_str(), shape_to_string(t.shape()).c_str());
    std::printf("session create:   %.3f ms\n", create_ms);
    std::printf("runs:             %lld (after %lld warm-up)\n", static_cast<long long>(a.runs),
                static_cast<long long>(warm_runs));
    std::printf("first run:        %.3f ms\n", first_run_ms);
    std::printf("latency (ms):     min %.3f  median %.3f  mean %.3f  p90 %.3f\n", s.min_ms,
                s.median_ms, s.mean_ms, s.p90_ms);
    const MemoryStats mem = session->memory_stats();
    std::printf(
        "memory (MiB):     peak RSS %.1f  arena %.1f  packed weights %.1f  "
        "originals released %.1f  (plans cached: %zu)\n",
        peak_rss_mib(), mem.arena_bytes / 1048576.0, mem.packed_weight_bytes / 1048576.0,
        mem.released_weight_bytes / 1048576.0, mem.cached_plans);
    if (a.profile) std::printf("\n%s", profile_report(nodes, static_cast<int>(a.top)).c_str());
    if (!a.trace_path.empty()) std::printf("trace:            %s\n", a.trace_path.c_str());
  }
  return kExitOk;
}

}  // namespace onyx::cli
