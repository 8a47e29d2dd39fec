// Test helpers for the checker: a tiny protobuf encoder that writes ONNX messages field by field,
// so tests can build models the importer would refuse or normalise, and report queries.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onyx/check.hpp"
#include "schema/schema.h"

namespace onyx::testing::pb {

inline std::string varint(uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
  return out;
}
// Field `n` as a varint (int32/int64/enum).
inline std::string i(int n, int64_t v) {
  return varint(static_cast<uint64_t>(n) << 3) + varint(static_cast<uint64_t>(v));
}
// Field `n` as length-delimited bytes (string or sub-message).
inline std::string s(int n, std::string_view bytes) {
  return varint((static_cast<uint64_t>(n) << 3) | 2) + varint(bytes.size()) + std::string(bytes);
}
inline std::string f32(int n, float v) {
  char b[4];
  std::memcpy(b, &v, 4);
  return varint((static_cast<uint64_t>(n) << 3) | 5) + std::string(b, 4);
}
inline std::string strs(int n, const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& x : items) out += s(n, x);
  return out;
}

// TypeProto.Tensor with elem_type and fixed dims.
inline std::string tensor_type(int elem, const std::vector<int64_t>& dims) {
  std::string shape;
  for (int64_t d : dims) shape += s(1, i(1, d));
  return s(1, i(1, elem) + s(2, shape));
}
inline std::string value_info(const std::string& name, int elem = 1,
                              const std::vector<int64_t>& dims = {2}) {
  return s(1, name) + s(2, tensor_type(elem, dims));
}
inline std::string attr_int(const std::string& name, int64_t v) {
  return s(1, name) + i(3, v) + i(20, 2);
}
inline std::string attr_ints(const std::string& name, const std::vector<int64_t>& v) {
  std::string out = s(1, name) + i(20, 7);
  for (int64_t x : v) out += i(8, x);
  return out;
}
inline std::string attr_graph(const std::string& name, const std::string& graph) {
  return s(1, name) + s(6, graph) + i(20, 5);
}
inline std::string attr_tensor(const std::string& name, const std::string& tensor) {
  return s(1, name) + s(5, tensor) + i(20, 4);
}

struct Node {
  std::string op{};
  std::vector<std::string> inputs{}, outputs{};
  std::string name{}, domain{};
  std::vector<std::string> attributes{};  // encoded AttributeProtos
  bool has_domain = false;
};
inline std::string node(const Node& n) {
  std::string out = strs(1, n.inputs) + strs(2, n.outputs);
  if (!n.name.empty()) out += s(3, n.name);
  if (!n.op.empty()) out += s(4, n.op);
  for (const std::string& a : n.attributes) out += s(5, a);
  if (!n.domain.empty() || n.has_domain) out += s(7, n.domain);
  return out;
}

// TensorProto with raw_data.
inline std::string tensor_raw(const std::string& name, int dt, const std::vector<int64_t>& dims,
                              const std::string& raw) {
  std::string out;
  for (int64_t d : dims) out += i(1, d);
  out += i(2, dt);
  if (!name.empty()) out += s(8, name);
  return out + s(9, raw);
}
// FLOAT TensorProto with float_data.
inline std::string tensor_floats(const std::string& name, const std::vector<int64_t>& dims,
                                 const std::vector<float>& values) {
  std::string out;
  for (int64_t d : dims) out += i(1, d);
  out += i(2, 1);
  for (float v : values) out += f32(4, v);
  return out + s(8, name);
}

struct Graph {
  std::vector<Node> nodes;
  std::vector<std::string> inputs, outputs;  // encoded ValueInfoProtos
  std::vector<std::string> initializers;     // encoded TensorProtos
  std::vector<std::string> sparse_initializers, value_info;
  std::string name = "g";
};
inline std::string graph(const Graph& g) {
  std::string out;
  for (const Node& n : g.nodes) out += s(1, node(n));
  if (!g.name.empty()) out += s(2, g.name);
  for (const std::string& t : g.initializers) out += s(5, t);
  for (const std::string& v : g.inputs) out += s(11, v);
  for (const std::string& v : g.outputs) out += s(12, v);
  for (const std::string& v : g.value_info) out += s(13, v);
  for (const std::string& t : g.sparse_initializers) out += s(15, t);
  return out;
}
inline std::string opset(const std::string& domain, int64_t version) {
  return s(1, domain) + i(2, version);
}
// ModelProto: ir_version, the graph, opset imports, and `extra` appended as is.
inline std::string model(const Graph& g, int64_t ir = 8,
                         const std::vector<std::pair<std::string, int64_t>>& opsets = {{"", 13}},
                         const std::string& extra = "") {
  std::string out = ir ? i(1, ir) : "";
  out += s(7, graph(g));
  for (const auto& [d, v] : opsets) out += s(8, opset(d, v));
  return out + extra;
}
// x -> Relu -> y, the smallest valid model.
inline Graph relu_graph() {
  Graph g;
  g.nodes = {{"Relu", {"x"}, {"y"}, "relu0"}};
  g.inputs = {value_info("x")};
  g.outputs = {value_info("y")};
  return g;
}

}  // namespace onyx::testing::pb

namespace onyx::testing {

inline CheckReport check_bytes(const std::string& bytes, bool full = false) {
  CheckOptions options;
  options.full = full;
  Result<CheckReport> r = check_model_bytes(bytes.data(), bytes.size(), options);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return r.is_ok() ? r.value() : CheckReport{};
}

inline std::string describe(const CheckReport& r) {
  std::string out;
  for (const CheckIssue& i : r.issues)
    out += std::string(i.warning ? "  warning [" : "  error [") + i.rule + "] " + i.location +
           ": " + i.message + "\n";
  return out.empty() ? "  (no issues)\n" : out;
}

// The first error with `rule`, or nullptr.
inline const CheckIssue* find_error(const CheckReport& r, const std::string& rule) {
  for (const CheckIssue& i : r.issues)
    if (!i.warning && i.rule == rule) return &i;
  return nullptr;
}

// Asserts that `r` has an error with `rule` whose location contains `where`.
#define EXPECT_CHECK_ERROR(report, rule, where)                                    \
  do {                                                                             \
    const ::onyx::CheckReport& report_ = (report);                                 \
    const ::onyx::CheckIssue* issue_ = ::onyx::testing::find_error(report_, rule); \
    ASSERT_NE(issue_, nullptr) << "no " << rule << " in:\n" << describe(report_);  \
    EXPECT_NE(issue_->location.find(where), std::string::npos)                     \
        << rule << " at '" << issue_->location << "', expected '" << where << "'"; \
    EXPECT_FALSE(report_.valid());                                                 \
  } while (0)

#define EXPECT_VALID(report)                           \
  do {                                                 \
    const ::onyx::CheckReport& report_ = (report);     \
    EXPECT_TRUE(report_.valid()) << describe(report_); \
  } while (0)

inline bool have_schemas() {
  return schema::find_schema("", "Relu", 14) != nullptr;
}

#define SKIP_WITHOUT_SCHEMAS() \
  if (!::onyx::testing::have_schemas()) GTEST_SKIP() << "schema table is empty in this branch"

}  // namespace onyx::testing
