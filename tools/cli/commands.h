// The `onyx` subcommands. Each takes the arguments after the command name and returns the
// process exit code (cli_common.h).
#pragma once

namespace onyx::cli {

int run_info_command(int argc, char** argv, int first);
int run_run_command(int argc, char** argv, int first);
int run_bench_command(int argc, char** argv, int first);
int run_ops_command(int argc, char** argv, int first);
int run_view_command(int argc, char** argv, int first);
int run_optimize_command(int argc, char** argv, int first);
int run_check_command(int argc, char** argv, int first);

extern const char* const kInfoUsage;
extern const char* const kRunUsage;
extern const char* const kBenchUsage;
extern const char* const kOpsUsage;
extern const char* const kViewUsage;
extern const char* const kOptimizeUsage;
extern const char* const kCheckUsage;

}  // namespace onyx::cli
