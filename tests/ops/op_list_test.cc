// src/ops/op_list.inc stays a sorted table: all_ops() ordered by (domain, op_type), no duplicates,
// every opset range valid and every op creatable.
#include <gtest/gtest.h>

#include <string>

#include "ops/registry.h"

namespace onyx::ops {
namespace {

TEST(OpList, SortedByDomainThenOpTypeWithoutDuplicates) {
  const auto ops = all_ops();
  ASSERT_GT(ops.size(), 0u);
  for (size_t i = 1; i < ops.size(); ++i) {
    const std::string prev = std::string(ops[i - 1].domain) + "/" + ops[i - 1].op_type;
    const std::string cur = std::string(ops[i].domain) + "/" + ops[i].op_type;
    const bool ordered = std::string(ops[i - 1].domain) < ops[i].domain ||
                         (std::string(ops[i - 1].domain) == ops[i].domain &&
                          std::string(ops[i - 1].op_type) < ops[i].op_type);
    EXPECT_TRUE(ordered) << "op_list.inc: '" << cur << "' must come after '" << prev
                         << "' (sorted by domain, then op_type, each once)";
  }
}

TEST(OpList, OpsetRangesAreValid) {
  for (const OpInfo& op : all_ops()) {
    EXPECT_GE(op.since_opset, 1) << op.op_type;
    EXPECT_LE(op.since_opset, op.last_opset) << op.op_type;
    // ai.onnx ops are checked against at most opset 28 (the onnx 1.23 snapshot).
    if (*op.domain == '\0') {
      EXPECT_LE(op.last_opset, 28) << op.op_type;
    }
  }
}

TEST(OpList, EveryOpIsFoundAndCreatable) {
  for (const OpInfo& op : all_ops()) {
    EXPECT_EQ(find_op(op.domain, op.op_type), &op) << op.op_type;
    ASSERT_NE(op.create, nullptr) << op.op_type;
    EXPECT_NE(op.create(), nullptr) << op.op_type;
    ASSERT_NE(op.element_types, nullptr) << op.op_type;
  }
}

}  // namespace
}  // namespace onyx::ops
