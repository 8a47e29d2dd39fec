// onyx run MODEL -i NAME=file.npy [-i ...] [-o OUTDIR] [--threads N]
#include <cstdio>
#include <filesystem>
#include <set>

#include "cli_common.h"
#include "commands.h"
#include "import/npy.h"
#include "inspect/model_info.h"
#include "onyx/session.hpp"

namespace onyx::cli {

const char* const kRunUsage =
    "usage: onyx run MODEL -i NAME=file.npy [-i ...] [-o OUTDIR] [--threads N]\n"
    "\n"
    "Runs the model once and prints each output's name, element type and shape.\n"
    "  -i, --input NAME=FILE  feed graph input NAME from a numpy .npy file (a model with one\n"
    "                         input also accepts just FILE)\n"
    "  -o, --output DIR       write every output to DIR/<output name>.npy (DIR is created)\n"
    "  --threads N            intra-op threads (default: all cores)\n";

namespace {

struct RunArgs {
  std::string model_path;
  std::vector<std::pair<std::string, std::string>> inputs;  // name ("" = the only input), file
  std::string out_dir;
  int threads = 0;
};

// Returns an exit code when the command line is unusable, else nullopt.
std::optional<int> parse_run_args(int argc, char** argv, int first, RunArgs& out) {
  ArgScanner args(argc, argv, first);
  while (!args.done()) {
    if (args.flag("--input", "-i")) {
      Result<std::string> v = args.value("-i");
      if (!v) return usage_error(v.status().message(), kRunUsage);
      if (v->find('=') == std::string::npos) {
        out.inputs.emplace_back("", *v);
      } else {
        auto kv = split_assignment(*v, "-i", /*at_last=*/false);
        if (!kv) return usage_error(kv.status().message(), kRunUsage);
        out.inputs.push_back(*kv);
      }
    } else if (args.flag("--output", "-o")) {
      Result<std::string> v = args.value("-o");
      if (!v) return usage_error(v.status().message(), kRunUsage);
      out.out_dir = *v;
    } else if (args.flag("--threads")) {
      Result<std::string> v = args.value("--threads");
      Result<int64_t> n = v ? parse_count(*v, "--threads") : Result<int64_t>(v.status());
      if (!n) return usage_error(n.status().message(), kRunUsage);
      out.threads = static_cast<int>(*n);
    } else if (args.flag("--help", "-h")) {
      std::fputs(kRunUsage, stdout);
      return kExitOk;
    } else if (args.peek().size() > 1 && args.peek()[0] == '-') {
      return usage_error("unknown option '" + args.peek() + "'", kRunUsage);
    } else if (out.model_path.empty()) {
      out.model_path = args.next();
    } else {
      return usage_error("unexpected argument '" + args.peek() + "'", kRunUsage);
    }
  }
  if (out.model_path.empty()) return usage_error("no MODEL given", kRunUsage);
  return std::nullopt;
}

}  // namespace

int run_run_command(int argc, char** argv, int first) {
  RunArgs a;
  if (std::optional<int> exit_code = parse_run_args(argc, argv, first, a)) return *exit_code;

  Result<Session> session = Session::load(a.model_path, Options{}.threads(a.threads));
  if (!session) return report_error(session.status());

  Feeds feeds;
  for (auto& [name, file] : a.inputs) {
    if (name.empty()) {
      if (session->inputs().size() != 1) {
        return report_error(
            Status(StatusCode::kInvalidArgument, "-i " + file + ": the model has " +
                                                     std::to_string(session->inputs().size()) +
                                                     " inputs; name the input as -i NAME=" + file));
      }
      name = session->inputs()[0].name;
    }
    Result<Tensor> t = import::read_npy_file(file);
    if (!t) return report_error(t.status().with_context("input '" + name + "'"));
    feeds.emplace_back(name, *t);
  }

  Result<std::vector<Tensor>> outputs = session->run(feeds);
  if (!outputs) return report_error(outputs.status());

  if (!a.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(a.out_dir, ec);
    if (ec) {
      return report_error(
          Status(StatusCode::kFail, a.out_dir + ": cannot create output folder: " + ec.message()));
    }
  }
  std::set<std::string> used_files;
  const std::vector<ValueMeta>& metas = session->outputs();
  for (size_t i = 0; i < outputs->size(); ++i) {
    const Tensor& t = (*outputs)[i];
    const std::string& name = metas[i].name;
    std::printf("%s  %s %s", name.c_str(), inspect::elem_type_name(t.dtype()).c_str(),
                shape_to_string(t.shape()).c_str());
    if (!a.out_dir.empty()) {
      std::string file = sanitize_file_name(name);
      for (int k = 1; used_files.count(file); ++k)
        file = sanitize_file_name(name) + "_" + std::to_string(k);
      used_files.insert(file);
      std::string path = (std::filesystem::path(a.out_dir) / (file + ".npy")).string();
      Status written = import::write_npy_file(t, path);
      if (!written) {
        std::printf("\n");
        return report_error(written.with_context("output '" + name + "'"));
      }
      std::printf("  -> %s", path.c_str());
    }
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace onyx::cli
