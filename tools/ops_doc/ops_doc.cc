// onyx_ops_doc: prints docs/ops.md, the table of every standard ONNX operator (the schema table,
// src/schema) with what the runtime implements (src/ops/op_list.inc: opset range, element types).
//
//   onyx_ops_doc                 print the markdown to stdout
//   onyx_ops_doc --write FILE    write it to FILE (`ninja -C build ops_doc` writes docs/ops.md)
//   onyx_ops_doc --check FILE    exit 1 when FILE differs from the generated text (a ctest test)
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ops/registry.h"
#include "schema/schema.h"

namespace {

constexpr const char* kRegenerate = "ninja -C build ops_doc";

// One row per standard op (every op of the schema table, implemented or not), then onyx's
// internal ops. "Implemented" gives the opset range the runtime covers; element types come from
// the op class's kElementTypes.
std::string markdown() {
  std::ostringstream md;
  struct Row {
    std::string domain, name, versions, summary;
    const onyx::ops::OpInfo* info = nullptr;
  };
  std::vector<Row> rows;
  for (const onyx::schema::OpSchema& s : onyx::schema::all_schemas()) {
    if (rows.empty() || rows.back().domain != s.domain || rows.back().name != s.name) {
      rows.push_back(Row{s.domain, s.name, "", "", onyx::ops::find_op(s.domain, s.name)});
    }
    Row& row = rows.back();
    row.versions += (row.versions.empty() ? "" : ", ") + std::to_string(s.since_version) +
                    (s.deprecated ? " (deprecated)" : "");
    if (!s.summary.empty()) row.summary = s.summary;  // the newest version's summary
  }
  // Per domain: standard ops, and how many of them onyx implements.
  std::vector<std::pair<std::string, std::pair<int, int>>> counts;
  for (const Row& r : rows) {
    if (counts.empty() || counts.back().first != r.domain) counts.push_back({r.domain, {0, 0}});
    ++counts.back().second.first;
    if (r.info) ++counts.back().second.second;
  }
  auto domain_name = [](const std::string& d) { return d.empty() ? std::string("ai.onnx") : d; };
  md << "# Operators\n\n"
     << "Generated from the operator schema table (`src/schema/`) and `src/ops/op_list.inc` by "
     << "`tools/ops_doc` (`" << kRegenerate << "`); do not edit by hand.\n\n"
     << "Standard operators implemented by the runtime, per domain: ";
  for (size_t i = 0; i < counts.size(); ++i)
    md << (i ? ", " : "") << counts[i].second.second << " of " << counts[i].second.first << " "
       << domain_name(counts[i].first);
  md << ".\nEvery op is known to the checker, shape inference and the viewer whether or not it is "
     << "implemented.\n"
     << "Versions: the opset versions that define the op (`onyx ops OP` prints each). "
        "Implemented:\n"
     << "the opset range the runtime was checked against. Element types: the op's main type\n"
     << "constraint as the runtime implements it (usually input 0's); \"—\" when none is "
        "stated.\n\n"
     << "| op | domain | versions | implemented | element types | what it computes |\n"
     << "|---|---|---|---|---|---|\n";
  for (const Row& r : rows) {
    std::string implemented = "no", types = "—";
    if (r.info) {
      implemented = std::to_string(r.info->since_opset) + "-" + std::to_string(r.info->last_opset);
      const std::string names = r.info->element_types().names();
      if (!names.empty()) types = names;
    }
    md << "| " << r.name << " | " << domain_name(r.domain) << " | " << r.versions << " | "
       << implemented << " | " << types << " | " << r.summary << " |\n";
  }
  md << "\n## Internal operators\n\n"
     << "Created only by graph optimizations (domain `" << onyx::ops::kOnyxDomain
     << "`); never valid in a model file.\n\n"
     << "| op | opsets | element types |\n|---|---|---|\n";
  for (const onyx::ops::OpInfo& op : onyx::ops::all_ops()) {
    if (std::string(op.domain) != onyx::ops::kOnyxDomain) continue;
    const std::string types = op.element_types().names();
    md << "| " << op.op_type << " | " << op.since_opset << "-" << op.last_opset << " | "
       << (types.empty() ? "—" : types) << " |\n";
  }
  return md.str();
}

bool read_file(const char* path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string text = markdown();
  if (argc == 1) {
    std::fputs(text.c_str(), stdout);
    return 0;
  }
  if (argc == 3 && !std::strcmp(argv[1], "--write")) {
    std::ofstream out(argv[2], std::ios::binary);
    out << text;
    if (!out) {
      std::fprintf(stderr, "error: cannot write %s\n", argv[2]);
      return 1;
    }
    return 0;
  }
  if (argc == 3 && !std::strcmp(argv[1], "--check")) {
    std::string committed;
    if (!read_file(argv[2], &committed)) {
      std::fprintf(stderr, "error: cannot read %s; generate it with `%s`\n", argv[2], kRegenerate);
      return 1;
    }
    if (committed != text) {
      std::fprintf(stderr,
                   "error: %s is out of date with the schema table, src/ops/op_list.inc or the "
                   "ops' kElementTypes; regenerate it with `%s` and commit it\n",
                   argv[2], kRegenerate);
      return 1;
    }
    std::printf("%s is up to date\n", argv[2]);
    return 0;
  }
  std::fprintf(stderr, "usage: onyx_ops_doc [--write FILE | --check FILE]\n");
  return 2;
}
