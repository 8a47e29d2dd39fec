// onyx: command-line front end (DESIGN.md §1). One file per command; this file only dispatches.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli_common.h"
#include "commands.h"
#include "onyx/onyx.hpp"

namespace {

constexpr const char* kUsage =
    "usage: onyx <command> [args]\n"
    "\n"
    "commands:\n"
    "  check    MODEL... [--full] [--json]            check models against the ONNX rules\n"
    "  info     MODEL [--shapes] [--json]             opsets, inputs/outputs, op histogram\n"
    "  view     MODEL [-o model.html] [--format html|svg|dot]   draw the graph\n"
    "  run      MODEL -i NAME=x.npy [-o DIR]          run once, write outputs as .npy\n"
    "  bench    MODEL [--shape NAME=1x3x224x224] [--profile]    measure latency\n"
    "  optimize MODEL -o OUT.onnx [--level L]         save the optimized graph\n"
    "  ops      [OP] [--json]                         operator schemas and coverage\n"
    "  help     [COMMAND]                             show usage\n"
    "\n"
    "  onyx --version                                 print the version\n";

int print_help(const char* command) {
  using namespace onyx::cli;
  if (!command) {
    std::fputs(kUsage, stdout);
  } else if (!std::strcmp(command, "info")) {
    std::fputs(kInfoUsage, stdout);
  } else if (!std::strcmp(command, "run")) {
    std::fputs(kRunUsage, stdout);
  } else if (!std::strcmp(command, "bench")) {
    std::fputs(kBenchUsage, stdout);
  } else if (!std::strcmp(command, "ops")) {
    std::fputs(kOpsUsage, stdout);
  } else if (!std::strcmp(command, "view")) {
    std::fputs(kViewUsage, stdout);
  } else if (!std::strcmp(command, "optimize")) {
    std::fputs(kOptimizeUsage, stdout);
  } else if (!std::strcmp(command, "check")) {
    std::fputs(kCheckUsage, stdout);
  } else {
    return usage_error(std::string("unknown command '") + command + "'", kUsage);
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace onyx::cli;
  if (argc < 2) return usage_error("no command given", kUsage);
  const std::string command = argv[1];
  if (command == "--version" || command == "version") {
    std::printf("onyx %s\n", onyx::version());
    return kExitOk;
  }
  if (command == "help" || command == "--help" || command == "-h")
    return print_help(argc > 2 ? argv[2] : nullptr);
  if (command == "info") return run_info_command(argc, argv, 2);
  if (command == "run") return run_run_command(argc, argv, 2);
  if (command == "bench") return run_bench_command(argc, argv, 2);
  if (command == "ops") return run_ops_command(argc, argv, 2);
  if (command == "view") return run_view_command(argc, argv, 2);
  if (command == "optimize") return run_optimize_command(argc, argv, 2);
  if (command == "check") return run_check_command(argc, argv, 2);
  return usage_error("unknown command '" + command + "'", kUsage);
}
