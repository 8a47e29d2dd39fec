// Model-local functions and training_info.
#include "check/check_test_util.h"

namespace onyx::testing {
namespace {

using namespace pb;

struct Function {
  std::string name = "MyRelu", domain = "local";
  std::vector<std::string> inputs = {"a"}, outputs = {"b"}, attributes;
  std::vector<Node> nodes = {{"Relu", {"a"}, {"b"}, "inner"}};
  std::vector<std::pair<std::string, int64_t>> opsets = {{"", 13}};
  bool has_domain = true;
};

std::string function(const Function& f) {
  std::string out = s(1, f.name) + strs(4, f.inputs) + strs(5, f.outputs) + strs(6, f.attributes);
  for (const Node& n : f.nodes) out += s(7, node(n));
  for (const auto& [d, v] : f.opsets) out += s(9, opset(d, v));
  if (f.has_domain) out += s(10, f.domain);
  return out;
}

CheckReport with_function(const Function& f, const std::string& more = "") {
  Graph g = relu_graph();
  g.nodes = {{f.name, {"x"}, {"y"}, "call", f.domain}};
  return check_bytes(model(g, 8, {{"", 13}, {"local", 1}}, s(25, function(f)) + more));
}

TEST(CheckFunction, ValidFunctionAndCall) {
  EXPECT_VALID(with_function(Function{}));
}

TEST(CheckFunction, NameAndDomainRequired) {
  Function f;
  f.has_domain = false;
  EXPECT_CHECK_ERROR(with_function(f), "function.domain_missing", "function");
}

TEST(CheckFunction, DuplicateId) {
  Function f;
  CheckReport r = with_function(f, s(25, function(f)));
  EXPECT_CHECK_ERROR(r, "function.duplicate_id", "function 'local:MyRelu'");
}

TEST(CheckFunction, DuplicateInputOutputAttribute) {
  Function f;
  f.inputs = {"a", "a"};
  EXPECT_CHECK_ERROR(with_function(f), "function.duplicate_input", "function 'local:MyRelu'");
  f = Function{};
  f.outputs = {"b", "b"};
  EXPECT_CHECK_ERROR(with_function(f), "function.duplicate_output", "'local:MyRelu'");
  f = Function{};
  f.attributes = {"k", "k"};
  EXPECT_CHECK_ERROR(with_function(f), "function.duplicate_attribute", "'local:MyRelu'");
}

TEST(CheckFunction, BodyNodesAreChecked) {
  Function f;
  f.nodes = {{"Relu", {"nowhere"}, {"b"}, "inner"}};
  CheckReport r = with_function(f);
  EXPECT_CHECK_ERROR(r, "graph.undefined_input", "function 'local:MyRelu': node 0 'inner'");
}

TEST(CheckFunction, BodyDomainMustBeImportedByTheFunction) {
  Function f;
  f.nodes = {{"Thing", {"a"}, {"b"}, "inner", "com.other"}};
  EXPECT_CHECK_ERROR(with_function(f), "node.domain_not_imported", "function 'local:MyRelu'");
}

TEST(CheckFunction, OutputProduced) {
  Function f;
  f.outputs = {"b", "c"};
  EXPECT_CHECK_ERROR(with_function(f), "function.output_not_produced", "output 'c'");
}

TEST(CheckFunction, CallMatchesSignature) {
  Graph g = relu_graph();
  g.nodes = {{"MyRelu", {"x", "x"}, {"y"}, "call", "local"}};
  CheckReport r = check_bytes(model(g, 8, {{"", 13}, {"local", 1}}, s(25, function(Function{}))));
  EXPECT_CHECK_ERROR(r, "function.call_signature", "node 0 'call' (local:MyRelu, opset 1)");
}

TEST(CheckFunction, OpsetCompatibility) {
  SKIP_WITHOUT_SCHEMAS();
  Function f;
  f.nodes = {{"Add", {"a", "a"}, {"b"}, "inner"}};
  f.opsets = {{"", 6}};  // Add-6 vs the model's Add-13
  EXPECT_CHECK_ERROR(with_function(f), "function.opset_incompatible", "'local:MyRelu'");
  f.opsets = {{"", 14}};  // Add-14 differs from Add-13 too
  EXPECT_CHECK_ERROR(with_function(f), "function.opset_incompatible", "'local:MyRelu'");
  f.nodes = {{"Relu", {"a"}, {"b"}, "inner"}};
  f.opsets = {{"", 13}};
  EXPECT_VALID(with_function(f));
}

TEST(CheckTrainingInfo, BindingsAreWarningsAsOnnxIgnoresThem) {
  Graph g = relu_graph();
  g.initializers = {tensor_floats("w", {1}, {1.f})};
  Graph algorithm;
  algorithm.name = "step";
  algorithm.nodes = {{"Relu", {"w"}, {"w_new"}, "upd"}};
  algorithm.outputs = {s(1, "w_new")};
  const std::string info = s(2, graph(algorithm)) + s(4, s(1, "w") + s(2, "w_new")) +
                           s(4, s(1, "ghost") + s(2, "nothing"));
  CheckReport r = check_bytes(model(g, 8, {{"", 13}}, s(20, info)));
  EXPECT_VALID(r);
  std::string rules;
  for (const CheckIssue& issue : r.issues) rules += issue.rule + "@" + issue.location + "\n";
  EXPECT_NE(rules.find("training.binding_not_initializer@training_info[0].update_binding 'ghost'"),
            std::string::npos)
      << rules;
  EXPECT_NE(rules.find("training.binding_not_output"), std::string::npos) << rules;
}

TEST(CheckFunction, CallCycle) {
  Function ping, pong;
  ping.name = "Ping";
  ping.nodes = {{"Pong", {"a"}, {"b"}, "to_pong", "local"}};
  ping.opsets = {{"", 13}, {"local", 1}};
  pong.name = "Pong";
  pong.nodes = {{"Ping", {"a"}, {"b"}, "to_ping", "local"}};
  pong.opsets = {{"", 13}, {"local", 1}};
  Graph g = relu_graph();
  g.nodes = {{"Ping", {"x"}, {"y"}, "call", "local"}};
  CheckReport r = check_bytes(
      model(g, 8, {{"", 13}, {"local", 1}}, s(25, function(ping)) + s(25, function(pong))));
  EXPECT_CHECK_ERROR(r, "function.call_cycle", "function 'local:Ping'");
  EXPECT_NE(find_error(r, "function.call_cycle")
                ->message.find("local:Ping -> local:Pong -> "
                               "local:Ping"),
            std::string::npos);
}

TEST(CheckFunction, DefaultDomainCallsAreNeverLocalFunctions) {
  SKIP_WITHOUT_SCHEMAS();
  Function f;
  f.name = "R2";
  f.domain = "";
  Graph g = relu_graph();
  g.nodes = {{"R2", {"x"}, {"y"}, "call_r2"}};
  CheckReport r = check_bytes(model(g, 8, {{"", 13}}, s(25, function(f))));
  EXPECT_CHECK_ERROR(r, "node.unknown_op", "node 0 'call_r2' (R2, opset 13)");
}

TEST(CheckFunction, RefWithValueInBodyIsAWarning) {
  Function f;
  f.attributes = {"slope"};
  f.nodes = {{"Relu", {"a"}, {"b"}, "inner", "", {attr_int("k", 1) + s(21, "slope")}}};
  CheckReport r = with_function(f);
  EXPECT_EQ(find_error(r, "attribute.ref_with_value"), nullptr) << describe(r);
}

}  // namespace
}  // namespace onyx::testing
