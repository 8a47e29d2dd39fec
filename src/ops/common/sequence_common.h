// Family code of the sequence ops (SequenceAt/Insert/Erase, SplitToSequence, ConcatFromSequence).
//
// Sequences hold owned tensors: a tensor entering a sequence is cloned, because op inputs may live
// in the run's arena, which later steps reuse.
#pragma once

#include <cstdint>

#include "ops/op.h"

namespace onyx::ops {

// Tensor element types a sequence may hold (ONNX's S constraint: seq(tensor(T)) for every T).
using SequenceElementTypes = types::All;

// Infer: input i, when present, is a scalar or 1-element int32/int64 position tensor.
Status expect_position(InferContext& ctx, int i);

// Run: reads position tensor `pos` for a sequence of `size` tensors. Valid positions are
// [-size, size-1] (or up to `size` when `allow_end`, as SequenceInsert's); negatives count from the
// back. Out of range is a Status error naming the position.
Status sequence_position(const RunContext& ctx, const Tensor& pos, int64_t size, bool allow_end,
                         int64_t* out);

// Element type of a sequence (or optional sequence) type with dims merged with `t`'s: kept where
// equal, unknown where they differ, no shape when ranks differ.
void merge_element_shape(ValueType* seq, const ValueType& t);

// Copies `n` elements from src (starting at element src_off) to dst (at dst_off); string-safe.
void copy_elements(const Tensor& src, int64_t src_off, Tensor& dst, int64_t dst_off, int64_t n);

}  // namespace onyx::ops
