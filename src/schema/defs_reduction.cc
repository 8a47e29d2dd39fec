// Schemas of the ONNX standard's "reduction" operators (see schema/defs.h). The Reduce* ops share
// one signature and evolved together; only their type lists and the opset that moved `axes` from
// an attribute to an input differ.
#include "schema/defs.h"

namespace onyx::schema {
namespace {

// Version 1 of a Reduce* op: data -> reduced, `axes` as an attribute, keepdims.
void reduce_v1(SchemaBuilder& b, const char* name, const char* summary) {
  b.op(name, 1)
      .summary(summary)
      .input("data", "T")
      .output("reduced", "T")
      .types("T", types::math_reduction())
      .attr("axes", AttrType::kInts)
      .attr("keepdims", AttrType::kInt, "1");
}

// The version that takes `axes` as an optional int64 input instead of an attribute, with
// noop_with_empty_axes choosing what empty axes mean (all axes, or none).
void axes_become_input(SchemaBuilder& b, int since_version) {
  b.next(since_version)
      .input("axes", "tensor(int64)", Option::kOptional)
      .remove_attr("axes")
      .attr("noop_with_empty_axes", AttrType::kInt, "0");
}

struct ReduceOp {
  const char* name;
  const char* summary;
};

// Reduce* ops with versions 1, 11, 13 (bfloat16 added) and 18 (axes become an input).
constexpr ReduceOp kPlainReduceOps[] = {
    {"ReduceSumSquare", "Sum of the squared elements along the given axes."},
    {"ReduceMean", "Mean of the elements along the given axes."},
    {"ReduceProd", "Product of the elements along the given axes."},
    {"ReduceLogSum", "Natural log of the sum of the elements along the given axes."},
    {"ReduceLogSumExp",
     "Natural log of the sum of the exponentials of the elements along the given axes."},
    {"ReduceL1", "Sum of the absolute values of the elements along the given axes (L1 norm)."},
    {"ReduceL2", "Square root of the sum of the squared elements along the given axes (L2 norm)."},
};

// ReduceMax and ReduceMin: versions 1, 11, 12 (int8/uint8), 13 (bfloat16), 18 (axes input) and
// 20 (bool).
void add_min_max(SchemaBuilder& b, const char* name, const char* summary) {
  reduce_v1(b, name, summary);
  b.next(11);
  b.next(12).types("T",
                   types::concat({types::math_reduction(), types::tensors({"int8", "uint8"})}));
  b.next(13).types("T",
                   types::concat({types::math_reduction_ir4(), types::tensors({"int8", "uint8"})}));
  axes_become_input(b, 18);
  b.next(20).types(
      "T", types::concat({types::math_reduction_ir4(), types::tensors({"bool", "int8", "uint8"})}));
}

// ArgMax and ArgMin: versions 1, 11, 12 (select_last_index) and 13 (bfloat16).
void add_arg_extreme(SchemaBuilder& b, const char* name, const char* summary) {
  b.op(name, 1)
      .summary(summary)
      .input("data", "T")
      .output("reduced", "tensor(int64)")
      .types("T", types::all_numeric())
      .attr("axis", AttrType::kInt, "0")
      .attr("keepdims", AttrType::kInt, "1");
  b.next(11);
  b.next(12).attr("select_last_index", AttrType::kInt, "0");
  b.next(13).types("T", types::all_numeric_ir4());
}

}  // namespace

void add_reduction_schemas(SchemaBuilder& b) {
  add_min_max(b, "ReduceMax", "Largest element along the given axes.");
  add_min_max(b, "ReduceMin", "Smallest element along the given axes.");

  // ReduceSum took `axes` as an input five opsets before the others: 1, 11, 13.
  reduce_v1(b, "ReduceSum", "Sum of the elements along the given axes.");
  b.next(11);
  axes_become_input(b, 13);
  b.types("T", types::math_reduction_ir4());

  for (const ReduceOp& op : kPlainReduceOps) {
    reduce_v1(b, op.name, op.summary);
    b.next(11);
    b.next(13).types("T", types::math_reduction_ir4());
    axes_become_input(b, 18);
  }

  add_arg_extreme(b, "ArgMax",
                  "Index of the largest element along one axis (the first or the last one on "
                  "ties).");
  add_arg_extreme(b, "ArgMin",
                  "Index of the smallest element along one axis (the first or the last one on "
                  "ties).");
}

}  // namespace onyx::schema
