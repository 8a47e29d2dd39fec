// Model-level rules (ir_version, opset_import, metadata_props) and the checker's driver.
#include <unordered_set>

#include "check/check_context.h"
#include "check/checker.h"

namespace onyx::check {

void Context::error(std::string rule, std::string location, std::string message) const {
  report->issues.push_back(
      {std::move(rule), std::move(location), std::move(message), errors_as_warnings});
}

void Context::warn(std::string rule, std::string location, std::string message) const {
  report->issues.push_back({std::move(rule), std::move(location), std::move(message), true});
}

std::string quote_name(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[(c >> 4) & 0xf];
      out += hex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string node_location(std::string_view graph, size_t index, const proto::NodeView& node,
                          int64_t opset) {
  std::string out = std::string(graph) + ": node " + std::to_string(index);
  if (!node.name.empty()) out += " " + quote_name(node.name);
  out += " (";
  if (!node.domain.empty()) out += std::string(node.domain) + ":";
  out += node.op_type.empty() ? std::string("<no op_type>") : std::string(node.op_type);
  if (opset >= 0) out += ", opset " + std::to_string(opset);
  return out + ")";
}

std::string item_location(std::string_view graph, std::string_view what, std::string_view name) {
  return std::string(graph) + ": " + std::string(what) + " " + quote_name(name);
}

OpsetMap opset_map(const std::vector<proto::OperatorSetIdView>& imports, const Context& ctx,
                   const std::string& where) {
  OpsetMap out;
  for (const proto::OperatorSetIdView& imp : imports) {
    std::string domain(imp.domain);
    // onnx.checker 1.12 accepts any version for custom domains (and fails standard ops through
    // the schema lookup), so only versions that do not fit its 32-bit field are errors.
    if (imp.version > INT32_MAX || imp.version < INT32_MIN)
      ctx.error("opset.version_range", where + ": opset_import " + quote_name(domain),
                "opset version " + std::to_string(imp.version) + " does not fit in 32 bits");
    else if (imp.version < 1 && domain.empty())  // no ai.onnx op exists below opset 1
      ctx.error("opset.version_range", where + ": opset_import " + quote_name(domain),
                "opset version " + std::to_string(imp.version) +
                    " of the default domain is not positive");
    else if (imp.version < 1)
      ctx.warn("opset.version_range", where + ": opset_import " + quote_name(domain),
               "opset version " + std::to_string(imp.version) + " is not positive");
    auto [it, inserted] = out.emplace(domain, imp.version);
    if (!inserted) {
      // onnx.checker keeps the last entry silently; it is still a mistake worth a warning.
      ctx.warn("opset.duplicate_domain", where + ": opset_import " + quote_name(domain),
               "domain is imported twice (versions " + std::to_string(it->second) + " and " +
                   std::to_string(imp.version) + "); the last one is used");
      it->second = imp.version;
    }
  }
  return out;
}

namespace {

void check_model_fields(const proto::ModelView& model, Context* ctx) {
  if (model.ir_version <= 0) {
    ctx->error(
        "model.ir_version_missing", "model",
        model.ir_version == 0
            ? "ir_version is not set (expected 1 .. " + std::to_string(kNewestIrVersion) + ")"
            : "ir_version is " + std::to_string(model.ir_version) + " (expected 1 .. " +
                  std::to_string(kNewestIrVersion) + ")");
  } else if (model.ir_version > kNewestIrVersion) {
    ctx->error("model.ir_version_too_new", "model",
               "ir_version " + std::to_string(model.ir_version) +
                   " is newer than this checker knows (at most " +
                   std::to_string(kNewestIrVersion) + ")");
  }
  std::unordered_set<std::string_view> keys;
  for (const proto::StringStringEntryView& e : model.metadata_props)
    if (!keys.insert(e.key).second)
      ctx->error("model.duplicate_metadata_key", "model: metadata_props " + quote_name(e.key),
                 "metadata key appears more than once (keys must be unique)");

  ctx->opsets = opset_map(model.opset_imports, *ctx, "model");
  // After a model-level error the rest is checked as the model seems meant, so that one mistake
  // gives one error: a missing ir_version does not trigger IR-dependent rules, and missing or
  // misplaced imports are not reported again at every node.
  if (model.ir_version <= 0) {
    ctx->ir_version = kNewestIrVersion;
    ctx->opsets_reported = ctx->opsets.empty();
  }
  if (model.ir_version >= 3) {
    if (ctx->opsets.empty()) {
      ctx->error("model.opset_import_missing", "model",
                 "ir_version " + std::to_string(model.ir_version) +
                     " requires opset_import to list the operator sets used (found none)");
      ctx->opsets_reported = true;
    }
  } else if (model.ir_version > 0) {
    if (!ctx->opsets.empty()) {
      ctx->error("model.opset_import_before_ir3", "model",
                 "ir_version " + std::to_string(model.ir_version) +
                     " predates opset_import (introduced in IR 3), but the model lists " +
                     std::to_string(model.opset_imports.size()) + " import(s)");
      ctx->opsets_reported = true;
    } else {
      ctx->opsets = {{"", 1}};  // IR < 3 implies ai.onnx opset 1
    }
  }
}

}  // namespace

CheckReport check_model_view(const proto::ModelView& model, const CheckEnv& env) {
  CheckReport report;
  Context ctx;
  ctx.report = &report;
  ctx.model = &model;
  ctx.ir_version = model.ir_version;
  ctx.model_dir = env.model_dir;
  ctx.files = env.files;
  std::set<std::string, std::less<>> warned_domains;
  ctx.warned_domains = &warned_domains;
  check_model_fields(model, &ctx);
  for (const proto::FunctionView& f : model.functions)
    ctx.local_functions.emplace(std::string(f.domain), std::string(f.name));
  if (!model.has_graph)
    ctx.error("model.graph_missing", "model", "the model has no graph");
  else
    check_graph(model.graph, ctx, nullptr, "main");
  // Model-local functions exist from IR 8 on (onnx.checker ignores them before).
  if (model.ir_version >= 8) check_functions(model, ctx);
  check_training_info(model, ctx);
  return report;
}

}  // namespace onyx::check
