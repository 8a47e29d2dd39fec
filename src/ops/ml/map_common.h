// Family code of the ai.onnx.ml ops that read maps (CastMap, DictVectorizer): a map Value holds
// 1-D keys and values tensors of equal length (onyx/value.hpp); these helpers validate that
// layout and give its entries in key order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onyx/value.hpp"

namespace onyx::ops {

// Checks that `m` is a map whose keys and values are 1-D of one length, without repeated keys,
// and returns its entry indices sorted by key (int64 keys numerically, strings bytewise); on
// error returns false and sets *why.
bool map_entries_by_key(const Value& m, std::vector<int64_t>* order, std::string* why);

}  // namespace onyx::ops
