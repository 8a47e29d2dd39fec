// Schemas of the "tensor" family's indexing operators: gather, scatter, slice and selection.
#include "schema/defs_tensor_internal.h"

namespace onyx::schema {

void add_tensor_indexing_schemas(SchemaBuilder& b) {
  b.op("Gather", 1)
      .summary(
          "Takes the entries of data at the given indices along one axis; the output rank is "
          "rank(data) - 1 + rank(indices).")
      .input("data", "T")
      .input("indices", "Tind")
      .output("output", "T")
      .types("T", types::all_tensor())
      .types("Tind", types::tensors({"int32", "int64"}))
      .attr("axis", AttrType::kInt, "0");
  b.next(11);  // negative axis and indices allowed
  b.next(13).types("T", types::all_tensor_ir4());

  b.op("GatherElements", 11)
      .summary(
          "Reads data element by element at the positions an index tensor of the same rank gives "
          "along one axis; the output has the indices' shape.")
      .input("data", "T")
      .input("indices", "Tind")
      .output("output", "T")
      .types("T", types::all_tensor())
      .types("Tind", types::tensors({"int32", "int64"}))
      .attr("axis", AttrType::kInt, "0");
  b.next(13).types("T", types::all_tensor_ir4());

  b.op("GatherND", 11)
      .summary(
          "Reads the slices of data addressed by index tuples in the last dimension of indices, "
          "after optional shared batch dimensions.")
      .input("data", "T")
      .input("indices", "tensor(int64)")
      .output("output", "T")
      .types("T", types::all_tensor());
  b.next(12).attr("batch_dims", AttrType::kInt, "0");
  b.next(13).types("T", types::all_tensor_ir4());

  b.op("Scatter", 9)
      .summary(
          "Writes updates into a copy of data at the positions indices give along one axis (the "
          "earlier name of ScatterElements).")
      .input("data", "T")
      .input("indices", "Tind")
      .input("updates", "T")
      .output("output", "T")
      .types("T", types::all_tensor())
      .types("Tind", types::tensors({"int32", "int64"}))
      .attr("axis", AttrType::kInt, "0");
  b.next(11).deprecated();  // replaced by ScatterElements-11

  b.op("ScatterElements", 11)
      .summary(
          "Writes updates into a copy of data element by element at the positions an index tensor "
          "gives along one axis, optionally combining them with a reduction.")
      .input("data", "T")
      .input("indices", "Tind")
      .input("updates", "T")
      .output("output", "T")
      .types("T", types::all_tensor())
      .types("Tind", types::tensors({"int32", "int64"}))
      .attr("axis", AttrType::kInt, "0");
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(16).attr("reduction", AttrType::kString, "none");
  b.next(18);  // adds reductions "max" and "min"

  b.op("ScatterND", 11)
      .summary(
          "Writes update slices into a copy of data at the index tuples in the last dimension of "
          "indices, optionally combining them with a reduction.")
      .input("data", "T")
      .input("indices", "tensor(int64)")
      .input("updates", "T")
      .output("output", "T")
      .types("T", types::all_tensor());
  b.next(13).types("T", types::all_tensor_ir4());
  b.next(16).attr("reduction", AttrType::kString, "none");
  b.next(18);  // adds reductions "max" and "min"

  b.op("TensorScatter", 24)
      .summary(
          "Writes an update into a copy of a cache tensor along its sequence axis, starting at a "
          "per-batch write position (linear or circular).")
      .input("past_cache", "T")
      .input("update", "T")
      .input("write_indices", "tensor(int64)", Option::kOptional)
      .output("present_cache", "T")
      .types("T", types::all_tensor_ir12())
      .attr("axis", AttrType::kInt, "-2")
      .attr("mode", AttrType::kString, "linear");

  b.op("Slice", 1)
      .summary(
          "Takes a strided sub-range of the input between start and end positions along the chosen "
          "axes.")
      .input("data", "T")
      .output("output", "T")
      .types("T", types::all_tensor())
      .attr("axes", AttrType::kInts)
      .required_attr("ends", AttrType::kInts)
      .required_attr("starts", AttrType::kInts);
  b.next(10)
      .input("starts", "Tind")
      .input("ends", "Tind")
      .input("axes", "Tind", Option::kOptional)
      .input("steps", "Tind", Option::kOptional)
      .types("Tind", types::tensors({"int32", "int64"}))
      .remove_attr("axes")
      .remove_attr("ends")
      .remove_attr("starts");
  b.next(11);  // negative axes allowed
  b.next(13).types("T", types::all_tensor_ir4());

  b.op("Compress", 9)
      .summary(
          "Keeps the slices along an axis (or the elements of the flattened input when no axis is "
          "given) whose condition entry is true.")
      .input("input", "T")
      .input("condition", "T1")
      .output("output", "T")
      .types("T", types::all_tensor())
      .types("T1", types::tensors({"bool"}))
      .attr("axis", AttrType::kInt);
  b.next(11);  // negative axis allowed

  b.op("NonZero", 9)
      .summary(
          "Returns the coordinates of the non-zero elements as an int64 tensor of shape [rank, "
          "count].")
      .input("X", "T")
      .output("Y", "tensor(int64)")
      .types("T", types::all_tensor());
  b.next(13).types("T", types::all_tensor_ir4());

  b.op("OneHot", 9)
      .summary(
          "Expands integer indices into one-hot vectors of length depth along a new axis, filled "
          "with the given off and on values.")
      .input("indices", "T1")
      .input("depth", "T2")
      .input("values", "T3")
      .output("output", "T3")
      .types("T1", types::all_numeric())
      .types("T2", types::all_numeric())
      .types("T3", types::all_tensor())
      .attr("axis", AttrType::kInt, "-1");
  b.next(11);  // negative axis and indices allowed

  b.op("Where", 9)
      .summary(
          "Takes elements from X where the condition is true and from Y elsewhere, broadcasting "
          "all three inputs.")
      .input("condition", "B")
      .input("X", "T")
      .input("Y", "T")
      .output("output", "T")
      .types("B", types::tensors({"bool"}))
      .types("T", types::all_tensor());
  b.next(16).types("T", types::all_tensor_ir4());

  b.op("Trilu", 14)
      .summary(
          "Keeps the upper or lower triangle (shifted by k diagonals) of the last two dimensions "
          "and sets the other elements to zero.")
      .input("input", "T")
      .input("k", "tensor(int64)", Option::kOptional)
      .output("output", "T")
      .types("T", types::all_tensor_ir4())
      .attr("upper", AttrType::kInt, "1");

  b.op("Unique", 11)
      .summary(
          "Returns the distinct elements or slices of the input, optionally sorted, with "
          "first-occurrence indices, inverse indices and counts.")
      .input("X", "T")
      .output("Y", "T")
      .output("indices", "tensor(int64)", Option::kOptional)
      .output("inverse_indices", "tensor(int64)", Option::kOptional)
      .output("counts", "tensor(int64)", Option::kOptional)
      .types("T", types::all_tensor())
      .attr("axis", AttrType::kInt)
      .attr("sorted", AttrType::kInt, "1");

  b.op("ReverseSequence", 10)
      .summary(
          "Reverses, for each batch entry i, the first sequence_lens[i] elements along the time "
          "axis.")
      .input("input", "T")
      .input("sequence_lens", "tensor(int64)")
      .output("Y", "T")
      .types("T", types::all_tensor())
      .attr("batch_axis", AttrType::kInt, "1")
      .attr("time_axis", AttrType::kInt, "0");
}

}  // namespace onyx::schema
