#include "ops/ml/map_common.h"

#include <algorithm>
#include <numeric>

namespace onyx::ops {

namespace {

template <class K>
bool sort_by_key(const K* keys, std::vector<int64_t>* order, std::string* why) {
  std::stable_sort(order->begin(), order->end(),
                   [keys](int64_t a, int64_t b) { return keys[a] < keys[b]; });
  for (size_t i = 1; i < order->size(); ++i)
    if (keys[(*order)[i]] == keys[(*order)[i - 1]]) {
      if constexpr (std::is_same_v<K, std::string>)
        *why = "map key '" + keys[(*order)[i]] + "' appears more than once";
      else
        *why = "map key " + std::to_string(keys[(*order)[i]]) + " appears more than once";
      return false;
    }
  return true;
}

}  // namespace

bool map_entries_by_key(const Value& m, std::vector<int64_t>* order, std::string* why) {
  if (m.kind() != Value::Kind::kMap) {
    *why = "expected a map, got " + m.type_string();
    return false;
  }
  const Tensor& keys = m.map_keys();
  const Tensor& values = m.map_values();
  if (!keys.defined() || !values.defined() || keys.rank() != 1 || values.rank() != 1 ||
      keys.numel() != values.numel()) {
    *why = "a map needs 1-D keys and values of one length";
    return false;
  }
  order->resize(static_cast<size_t>(keys.numel()));
  std::iota(order->begin(), order->end(), int64_t{0});
  if (keys.dtype() == DType::kInt64) return sort_by_key(keys.data<int64_t>(), order, why);
  if (keys.dtype() == DType::kString) return sort_by_key(keys.data<std::string>(), order, why);
  *why = std::string("map keys must be int64 or string, got ") + dtype_name(keys.dtype());
  return false;
}

}  // namespace onyx::ops
