// onyx ops [OP] [--domain D] [--json]
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_common.h"
#include "commands.h"
#include "ops/registry.h"
#include "schema/schema.h"

namespace onyx::cli {

const char* const kOpsUsage =
    "usage: onyx ops [OP] [--domain DOMAIN] [--json]\n"
    "\n"
    "Lists the ONNX operator schemas onyx knows (every standard op and version, implemented or\n"
    "not) and whether the runtime implements each. With OP, shows every version of that op:\n"
    "inputs, outputs, type constraints and attributes with their defaults.\n"
    "  --domain DOMAIN   only this domain (\"\" or ai.onnx, ai.onnx.ml, ai.onnx.preview,\n"
    "                    ai.onnx.preview.training)\n"
    "  --json            the schemas as a JSON array (every field)\n";

namespace {

const char* option_name(schema::Option o) {
  switch (o) {
    case schema::Option::kSingle:
      return "single";
    case schema::Option::kOptional:
      return "optional";
    case schema::Option::kVariadic:
      return "variadic";
  }
  return "?";
}

bool implemented(const schema::OpSchema& s) {
  const ops::OpInfo* info = ops::find_op(s.domain, s.name);
  return info && s.since_version <= info->last_opset;
}

nlohmann::json formals_json(const std::vector<schema::Formal>& formals) {
  nlohmann::json out = nlohmann::json::array();
  for (const schema::Formal& f : formals)
    out.push_back({{"name", f.name},
                   {"type", f.type},
                   {"option", option_name(f.option)},
                   {"homogeneous", f.homogeneous},
                   {"min_arity", f.min_arity}});
  return out;
}

nlohmann::json schema_json(const schema::OpSchema& s) {
  nlohmann::json constraints = nlohmann::json::array();
  for (const schema::TypeConstraint& c : s.constraints)
    constraints.push_back({{"name", c.name}, {"types", c.types}});
  nlohmann::json attrs = nlohmann::json::array();
  for (const schema::AttrSchema& a : s.attributes)
    attrs.push_back({{"name", a.name},
                     {"type", schema::attr_type_name(a.type)},
                     {"required", a.required},
                     {"default", a.default_value}});
  auto count = [](int n) {
    return n == schema::kUnbounded ? nlohmann::json(-1) : nlohmann::json(n);
  };
  return {{"domain", s.domain},
          {"name", s.name},
          {"since_version", s.since_version},
          {"deprecated", s.deprecated},
          {"min_inputs", count(s.min_inputs)},
          {"max_inputs", count(s.max_inputs)},
          {"min_outputs", count(s.min_outputs)},
          {"max_outputs", count(s.max_outputs)},
          {"allowed_output_counts", s.allowed_output_counts},
          {"inputs", formals_json(s.inputs)},
          {"outputs", formals_json(s.outputs)},
          {"constraints", constraints},
          {"attributes", attrs},
          {"summary", s.summary},
          {"implemented", implemented(s)}};
}

void print_formals(const char* title, const std::vector<schema::Formal>& formals) {
  std::printf("  %s:\n", title);
  for (const schema::Formal& f : formals)
    std::printf("    %-24s %-20s %s\n", f.name.c_str(), f.type.c_str(), option_name(f.option));
}

void print_schema(const schema::OpSchema& s) {
  std::printf("%s%s%s-%d%s%s\n", s.domain.c_str(), s.domain.empty() ? "" : ".", s.name.c_str(),
              s.since_version, s.deprecated ? " (deprecated)" : "",
              implemented(s) ? "" : " (not implemented by onyx)");
  if (!s.summary.empty()) std::printf("  %s\n", s.summary.c_str());
  print_formals("inputs", s.inputs);
  print_formals("outputs", s.outputs);
  for (const schema::TypeConstraint& c : s.constraints) {
    std::string list;
    for (const std::string& t : c.types) list += (list.empty() ? "" : ", ") + t;
    std::printf("  type %s: %s\n", c.name.c_str(), list.c_str());
  }
  for (const schema::AttrSchema& a : s.attributes)
    std::printf("  attribute %-22s %-14s %s\n", a.name.c_str(), schema::attr_type_name(a.type),
                a.required ? "required"
                           : (a.default_value.empty() ? "optional"
                                                      : ("default " + a.default_value).c_str()));
}

}  // namespace

int run_ops_command(int argc, char** argv, int first) {
  ArgScanner args(argc, argv, first);
  std::string op_name;
  std::optional<std::string> domain;
  bool json = false;
  while (!args.done()) {
    if (args.flag("--json")) {
      json = true;
    } else if (args.flag("--domain")) {
      Result<std::string> v = args.value("--domain");
      if (!v.is_ok()) return usage_error(v.status().message(), kOpsUsage);
      domain = std::string(schema::canonical_domain(*v));
    } else if (args.flag("--help", "-h")) {
      std::fputs(kOpsUsage, stdout);
      return kExitOk;
    } else if (args.peek().size() > 1 && args.peek()[0] == '-') {
      return usage_error("unknown option '" + args.peek() + "'", kOpsUsage);
    } else if (op_name.empty()) {
      op_name = args.next();
    } else {
      return usage_error("unexpected argument '" + args.peek() + "'", kOpsUsage);
    }
  }
  nlohmann::json out = nlohmann::json::array();
  int shown = 0;
  std::string last_listed;
  for (const schema::OpSchema& s : schema::all_schemas()) {
    if (domain && s.domain != *domain) continue;
    if (!op_name.empty() && s.name != op_name) continue;
    ++shown;
    if (json) {
      out.push_back(schema_json(s));
    } else if (!op_name.empty()) {
      print_schema(s);
    } else {
      const std::string key = s.domain + "." + s.name;
      if (key == last_listed) continue;
      last_listed = key;
      std::string versions;
      for (const schema::OpSchema* v : schema::schema_versions(s.domain, s.name))
        versions += (versions.empty() ? "" : ",") + std::to_string(v->since_version);
      std::printf("%-26s %-26s versions %-22s %s\n", s.name.c_str(),
                  s.domain.empty() ? "ai.onnx" : s.domain.c_str(), versions.c_str(),
                  implemented(s) ? "" : "not implemented");
    }
  }
  if (json) std::printf("%s\n", out.dump(1).c_str());
  if (!op_name.empty() && shown == 0) {
    std::fprintf(stderr, "error: no operator named '%s'%s\n", op_name.c_str(),
                 domain ? (" in domain '" + *domain + "'").c_str() : "");
    return kExitError;
  }
  return kExitOk;
}

}  // namespace onyx::cli
