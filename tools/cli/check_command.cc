// onyx check MODEL... [--full] [--json]
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_common.h"
#include "commands.h"
#include "onyx/check.hpp"

namespace onyx::cli {

const char* const kCheckUsage =
    "usage: onyx check MODEL... [--full] [--json]\n"
    "\n"
    "Checks each model against the ONNX standard's rules (as onnx.checker.check_model does) and\n"
    "lists every violation with its rule id and location.\n"
    "  --full   also import the model and run strict type/shape inference, reporting the first\n"
    "           failure and declared types that disagree with the inferred ones\n"
    "  --json   one JSON object per model and line: {\"model\", \"valid\", \"readable\",\n"
    "           \"errors\": [{\"rule\", \"location\", \"message\"}], \"warnings\": [...]}\n"
    "Exit status: 0 all valid, 1 some model invalid, 2 some model unreadable or a usage error.\n";

namespace {

nlohmann::json issues_json(const CheckReport& report, bool warnings) {
  nlohmann::json out = nlohmann::json::array();
  for (const CheckIssue& i : report.issues)
    if (i.warning == warnings)
      out.push_back({{"rule", i.rule}, {"location", i.location}, {"message", i.message}});
  return out;
}

void print_json(const nlohmann::json& j) {
  // Names inside models need not be UTF-8: replace invalid bytes rather than fail.
  std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::printf("%s\n", line.c_str());
}

void print_text(const std::string& model, const CheckReport& report) {
  const size_t errors = report.error_count();
  if (errors == 0)
    std::printf("%s: valid\n", model.c_str());
  else
    std::printf("%s: invalid (%zu error%s)\n", model.c_str(), errors, errors == 1 ? "" : "s");
  for (const CheckIssue& i : report.issues)
    std::printf("  %s [%s] %s: %s\n", i.warning ? "warning" : "error", i.rule.c_str(),
                i.location.c_str(), i.message.c_str());
}

}  // namespace

int run_check_command(int argc, char** argv, int first) {
  ArgScanner args(argc, argv, first);
  std::vector<std::string> models;
  CheckOptions options;
  bool json = false;
  while (!args.done()) {
    if (args.flag("--json")) {
      json = true;
    } else if (args.flag("--full")) {
      options.full = true;
    } else if (args.flag("--help", "-h")) {
      std::fputs(kCheckUsage, stdout);
      return kExitOk;
    } else if (args.peek().size() > 1 && args.peek()[0] == '-') {
      return usage_error("unknown option '" + args.peek() + "'", kCheckUsage);
    } else {
      models.push_back(args.next());
    }
  }
  if (models.empty()) return usage_error("no model given", kCheckUsage);

  bool any_invalid = false, any_unreadable = false;
  for (const std::string& model : models) {
    Result<CheckReport> report = check_model_file(model, options);
    if (!report.is_ok()) {
      any_unreadable = true;
      if (json)
        print_json({{"model", model},
                    {"valid", false},
                    {"readable", false},
                    {"errors", nlohmann::json::array({{{"rule", "model.unreadable"},
                                                       {"location", "model"},
                                                       {"message", report.status().message()}}})},
                    {"warnings", nlohmann::json::array()}});
      else
        std::printf("%s: unreadable\n  error [model.unreadable] model: %s\n", model.c_str(),
                    report.status().message().c_str());
      continue;
    }
    any_invalid |= !report->valid();
    if (json)
      print_json({{"model", model},
                  {"valid", report->valid()},
                  {"readable", true},
                  {"errors", issues_json(*report, false)},
                  {"warnings", issues_json(*report, true)}});
    else
      print_text(model, *report);
  }
  std::fflush(stdout);
  return any_unreadable ? kExitUsage : any_invalid ? kExitError : kExitOk;
}

}  // namespace onyx::cli
