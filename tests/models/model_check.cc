// Checks onyx against PyTorch on a model exported by scripts/models/*.py.
//
//   model_check MANIFEST.json [--threads N]
//
// The manifest (written by scripts/models/export_common.py) names the .onnx file, the tolerances
// (rtol/atol; the tutorial's 1e-3 / 1e-5 unless the manifest states why a model needs more) and
// the reference cases. Two forms:
//   single I/O: "input_name", "output_name", cases [{"input": npy, "output": npy}]
//   named I/O:  cases [{"inputs": {name: npy, ...}, "outputs": {name: npy, ...}}], optionally
//               "carry": {output_name: input_name}: cases run in order and each case after the
//               first takes that input from the previous run's output (state carried between
//               calls, as a streaming speech model is used); its npy file is then only the
//               reference PyTorch saw, and must match what onyx carried.
// Float outputs compare with rtol/atol, integer and bool outputs exactly. Every output line shows
// the max abs difference. Exit 0 iff every output of every case matches.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare.h"
#include "import/npy.h"
#include "onyx/session.hpp"

namespace {

using Json = nlohmann::json;

int fail(const std::string& msg) {
  std::fprintf(stderr, "model_check: %s\n", msg.c_str());
  return 1;
}

// One case as (input name -> npy file, output name -> npy file), from either manifest form.
struct Case {
  std::vector<std::pair<std::string, std::string>> inputs, outputs;
};

std::vector<Case> read_cases(const Json& manifest) {
  std::vector<Case> cases;
  for (const Json& c : manifest["cases"]) {
    Case k;
    if (c.contains("inputs")) {
      for (auto& [name, file] : c["inputs"].items()) k.inputs.emplace_back(name, file);
      for (auto& [name, file] : c["outputs"].items()) k.outputs.emplace_back(name, file);
    } else {
      k.inputs.emplace_back(manifest["input_name"], c["input"]);
      k.outputs.emplace_back(manifest["output_name"], c["output"]);
    }
    cases.push_back(std::move(k));
  }
  return cases;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail("usage: model_check MANIFEST.json [--threads N]");
  std::string manifest_path = argv[1];
  int threads = 1;
  for (int i = 2; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--threads") threads = std::atoi(argv[i + 1]);
  std::string dir = manifest_path.substr(0, manifest_path.find_last_of('/') + 1);

  std::ifstream file(manifest_path);
  if (!file) return fail("cannot open " + manifest_path);
  Json manifest = Json::parse(file, nullptr, false);
  if (manifest.is_discarded()) return fail("invalid JSON in " + manifest_path);

  std::string model = dir + manifest["model"].get<std::string>();
  auto session = onyx::Session::load(model, onyx::Options().threads(threads));
  if (!session.is_ok()) return fail(model + ": " + session.status().to_string());
  const double rtol = manifest["rtol"].get<double>(), atol = manifest["atol"].get<double>();
  std::map<std::string, std::string> carry;  // output name -> input name
  if (manifest.contains("carry"))
    for (auto& [out, in] : manifest["carry"].items()) carry[out] = in;

  const std::vector<Case> cases = read_cases(manifest);
  std::map<std::string, onyx::Tensor> carried;  // input name -> previous run's output
  int failures = 0;
  double worst_overall = 0;
  for (size_t ci = 0; ci < cases.size(); ++ci) {
    const Case& c = cases[ci];
    onyx::Feeds feeds;
    for (const auto& [name, npy] : c.inputs) {
      auto it = carried.find(name);
      if (it != carried.end()) {
        feeds.emplace_back(name, it->second);
        continue;
      }
      auto x = onyx::import::read_npy_file(dir + npy);
      if (!x.is_ok()) return fail(x.status().to_string());
      feeds.emplace_back(name, x.value());
    }
    std::vector<std::string> names;
    for (const auto& o : c.outputs) names.push_back(o.first);
    auto out = session->run(feeds, names);
    if (!out.is_ok()) {
      std::printf("FAIL case %zu: %s\n", ci, out.status().to_string().c_str());
      ++failures;
      continue;
    }
    for (size_t oi = 0; oi < c.outputs.size(); ++oi) {
      const auto& [name, npy] = c.outputs[oi];
      auto expected = onyx::import::read_npy_file(dir + npy);
      if (!expected.is_ok()) return fail(expected.status().to_string());
      const onyx::Tensor& got = out.value()[oi];
      std::string diff = onyx::conformance::compare_tensors(expected.value(), got, rtol, atol);
      double worst = onyx::conformance::max_abs_diff(expected.value(), got);
      worst_overall = std::max(worst_overall, worst < 0 ? INFINITY : worst);
      std::printf("%s case %zu %s %s: max abs diff %.3g (rtol %g, atol %g, %d threads)%s%s\n",
                  diff.empty() ? "ok  " : "FAIL", ci, name.c_str(),
                  onyx::shape_to_string(got.shape()).c_str(), worst, rtol, atol, threads,
                  diff.empty() ? "" : ": ", diff.c_str());
      if (!diff.empty()) ++failures;
      if (carry.count(name)) carried[carry[name]] = got;
    }
  }
  std::printf("%s: %zu cases, %d failed output(s), max abs diff %.3g\n",
              manifest["model"].get<std::string>().c_str(), cases.size(), failures, worst_overall);
  return failures == 0 ? 0 : 1;
}
