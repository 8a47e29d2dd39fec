#include "test_case.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "compare.h"
#include "import/loader.h"
#include "onyx/session.hpp"
#include "random_output.h"
#include "value_file.h"

namespace fs = std::filesystem;

namespace onyx::conformance {

namespace {

constexpr size_t kMaxReasonChars = 400;

// Reasons are single lines in the known-failures file and the log.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  std::replace(s.begin(), s.end(), '\t', ' ');
  if (s.size() > kMaxReasonChars) s = s.substr(0, kMaxReasonChars) + "...";
  return s;
}

Outcome fail(const std::string& reason) {
  return {Outcome::kFail, one_line(reason)};
}

// test_data_set_N folders, ordered by N.
std::vector<fs::path> data_sets(const fs::path& test_dir) {
  std::vector<std::pair<long, fs::path>> sets;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(test_dir, ec)) {
    std::string name = e.path().filename().string();
    const std::string prefix = "test_data_set_";
    if (e.is_directory() && name.rfind(prefix, 0) == 0)
      sets.emplace_back(std::strtol(name.c_str() + prefix.size(), nullptr, 10), e.path());
  }
  std::sort(sets.begin(), sets.end());
  std::vector<fs::path> out;
  for (auto& s : sets) out.push_back(s.second);
  return out;
}

// prefix_0.pb, prefix_1.pb, ... up to the first missing index.
std::vector<fs::path> numbered_files(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> files;
  for (size_t i = 0;; ++i) {
    fs::path p = dir / (prefix + "_" + std::to_string(i) + ".pb");
    if (!fs::exists(p)) break;
    files.push_back(p);
  }
  return files;
}

const char* kind_note(ValueMeta::Kind kind) {
  switch (kind) {
    case ValueMeta::Kind::kMap:
      return "map";
    case ValueMeta::Kind::kUnknown:
      return "untyped";
    default:
      return "sequence/optional";
  }
}

// A random-output test's outputs (random_output.h) against the expected files' dtypes and shapes.
Outcome check_random(RandomOutputKind kind, const std::vector<Tensor>& inputs,
                     const std::vector<fs::path>& output_files, const std::vector<Tensor>& got,
                     const std::string& where) {
  std::vector<Tensor> expected;
  for (size_t i = 0; i < output_files.size(); ++i) {
    Result<Tensor> t = import::load_tensor_file(output_files[i].string());
    if (!t)
      return fail(where + "expected output " + std::to_string(i) + ": " + t.status().message());
    expected.push_back(*t);
  }
  std::string diff = check_random_outputs(kind, inputs, expected, got);
  if (!diff.empty()) return fail(where + "(random-output check) " + diff);
  return {Outcome::kPass, "", true};
}

Outcome run_data_set(const Session& session, const fs::path& set_dir, const std::string& where,
                     std::optional<RandomOutputKind> random_kind) {
  const std::vector<ValueMeta>& inputs = session.inputs();
  const std::vector<ValueMeta>& outputs = session.outputs();
  std::vector<fs::path> input_files = numbered_files(set_dir, "input");
  std::vector<fs::path> output_files = numbered_files(set_dir, "output");
  if (input_files.size() > inputs.size()) {
    return fail(where + std::to_string(input_files.size()) + " input files but the model has " +
                std::to_string(inputs.size()) + " non-initializer inputs");
  }
  ValueFeeds feeds;
  for (size_t i = 0; i < input_files.size(); ++i) {
    Result<Value> v = load_value_file(input_files[i].string(), inputs[i]);
    if (!v) return fail(where + "input " + std::to_string(i) + ": " + v.status().message());
    feeds.emplace_back(inputs[i].name, *v);
  }
  Result<std::vector<Value>> got = session.run_values(feeds);
  if (!got) return fail(where + got.status().message());
  if (random_kind) {
    std::vector<Tensor> in, out;
    for (const auto& feed : feeds) in.push_back(feed.second.tensor());
    for (const Value& v : *got) out.push_back(v.tensor());
    return check_random(*random_kind, in, output_files, out, where);
  }
  if (output_files.size() != got->size()) {
    return fail(where + "model produced " + std::to_string(got->size()) +
                " outputs, test data has " + std::to_string(output_files.size()));
  }
  for (size_t i = 0; i < output_files.size(); ++i) {
    ValueMeta meta = i < outputs.size() ? outputs[i] : ValueMeta{};
    Result<Value> expected = load_value_file(output_files[i].string(), meta);
    if (!expected)
      return fail(where + "expected output " + std::to_string(i) + ": " +
                  expected.status().message());
    std::string diff = compare_values(*expected, (*got)[i]);
    if (!diff.empty()) {
      std::string name = i < outputs.size() ? " '" + outputs[i].name + "'" : "";
      return fail(where + "output " + std::to_string(i) + name + ": " + diff);
    }
  }
  return {Outcome::kPass, ""};
}

// InputMode::kConstants: one model per data set, its inputs turned into initializers.
Outcome run_with_constant_inputs(const fs::path& model_path, const std::vector<fs::path>& sets,
                                 std::optional<RandomOutputKind> random_kind) {
  Outcome random_pass;
  Result<ir::Model> model = import::load_model_file(model_path.string());
  if (!model) return fail(model.status().message());
  for (size_t s = 0; s < sets.size(); ++s) {
    const std::string where =
        (s == 0 ? std::string() : sets[s].filename().string() + ": ") + "(inputs as constants) ";
    ir::Model folded = *model;
    std::vector<ir::ValueInfo> fed;  // graph inputs that are not initializers, in order
    std::vector<ir::ValueInfo> kept;
    for (const ir::ValueInfo& in : folded.graph.inputs)
      (folded.graph.initializer(in.name) ? kept : fed).push_back(in);
    std::vector<fs::path> input_files = numbered_files(sets[s], "input");
    std::vector<Tensor> input_tensors;
    if (input_files.size() > fed.size())
      return fail(where + std::to_string(input_files.size()) + " input files but the model has " +
                  std::to_string(fed.size()) + " non-initializer inputs");
    for (size_t i = 0; i < fed.size(); ++i) {
      if (i >= input_files.size()) {  // not given: stays a graph input, fed nothing
        kept.push_back(fed[i]);
        continue;
      }
      Result<Tensor> t = import::load_tensor_file(input_files[i].string());
      if (!t) return fail(where + "input " + std::to_string(i) + ": " + t.status().message());
      const Tensor value = bfloat16_stored_as_uint16(*t, fed[i].type.elem_type);
      folded.graph.initializers.emplace_back(fed[i].name, value);
      input_tensors.push_back(value);
    }
    folded.graph.inputs = kept;
    folded.ir_version = std::max<int64_t>(folded.ir_version, 4);  // initializers need no input
    const std::string bytes = import::serialize_model(folded);
    Result<Session> session = Session::load_bytes(bytes.data(), bytes.size(), Options{}.threads(1));
    if (!session) return fail(where + session.status().message());
    Result<std::vector<Tensor>> got = session->run(Feeds{});
    if (!got) return fail(where + got.status().message());
    std::vector<fs::path> output_files = numbered_files(sets[s], "output");
    if (output_files.size() != got->size())
      return fail(where + "model produced " + std::to_string(got->size()) +
                  " outputs, test data has " + std::to_string(output_files.size()));
    if (random_kind) {
      random_pass = check_random(*random_kind, input_tensors, output_files, *got, where);
      if (random_pass.kind != Outcome::kPass) return random_pass;
      continue;
    }
    for (size_t i = 0; i < output_files.size(); ++i) {
      Result<Tensor> expected = import::load_tensor_file(output_files[i].string());
      if (!expected)
        return fail(where + "expected output " + std::to_string(i) + ": " +
                    expected.status().message());
      std::string diff =
          compare_tensors(bfloat16_stored_as_uint16(*expected, (*got)[i].dtype()), (*got)[i]);
      if (!diff.empty()) return fail(where + "output " + std::to_string(i) + ": " + diff);
    }
  }
  return {Outcome::kPass, "", random_kind.has_value()};
}

}  // namespace

Outcome run_test_case(const fs::path& test_dir, InputMode mode) {
  const fs::path model_path = test_dir / "model.onnx";
  if (!fs::exists(model_path)) return {Outcome::kSkip, "no model.onnx"};
  std::vector<fs::path> sets = data_sets(test_dir);
  if (sets.empty()) return {Outcome::kSkip, "no test_data_set_* folders"};

  Result<Session> session = Session::load(model_path.string(), Options{}.threads(1));
  if (!session) return fail(session.status().message());
  // Value kinds are checked on the fed model: folding cannot make a sequence input a tensor.
  for (size_t i = 0; i < session->inputs().size(); ++i) {
    const ValueMeta& m = session->inputs()[i];
    if (m.kind == ValueMeta::Kind::kMap || m.kind == ValueMeta::Kind::kUnknown)
      return fail("input " + std::to_string(i) + " '" + m.name + "' is " + m.type_string + ": " +
                  kind_note(m.kind) + " inputs not supported");
  }
  for (size_t i = 0; i < session->outputs().size(); ++i) {
    const ValueMeta& m = session->outputs()[i];
    if (m.kind == ValueMeta::Kind::kMap || m.kind == ValueMeta::Kind::kUnknown)
      return fail("output " + std::to_string(i) + " '" + m.name + "' is " + m.type_string + ": " +
                  kind_note(m.kind) + " outputs not supported");
  }
  // ONNX initializers are tensors: a model with sequence/optional inputs or outputs cannot be
  // folded, so it runs with fed inputs in both modes.
  bool all_tensors = true;
  for (const ValueMeta& m : session->inputs()) all_tensors &= m.kind == ValueMeta::Kind::kTensor;
  for (const ValueMeta& m : session->outputs()) all_tensors &= m.kind == ValueMeta::Kind::kTensor;
  const std::optional<RandomOutputKind> random_kind =
      random_output_kind(test_dir.filename().string());
  if (mode == InputMode::kConstants && all_tensors)
    return run_with_constant_inputs(model_path, sets, random_kind);
  for (size_t s = 0; s < sets.size(); ++s) {
    std::string where = s == 0 ? "" : sets[s].filename().string() + ": ";
    Outcome o = run_data_set(*session, sets[s], where, random_kind);
    if (o.kind != Outcome::kPass) return o;
  }
  return {Outcome::kPass, "", random_kind.has_value()};
}

}  // namespace onyx::conformance
