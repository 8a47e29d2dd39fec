// DictVectorizer (ai.onnx.ml opset 1): a map to a [1, V] tensor by a vocabulary of keys.
//   string_vocabulary (for string keys) or int64_vocabulary (for int64 keys), exactly one: the V
//   keys; element i of the output holds the map's value for vocabulary[i], or 0 ("" for string
//   values) when the map lacks that key. Map keys outside the vocabulary are ignored.
//   Input: map(string|int64, tensor(int64|float|double|string)); the output has its value type.
#include <string>
#include <unordered_map>

#include "ops/ml/map_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using VectorizerValueTypes = TypeList<int64_t, float, double, std::string>;

class DictVectorizerOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<VectorizerValueTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    const std::vector<std::string> strings = n.attr_strings("string_vocabulary");
    const std::vector<int64_t> ints = n.attr_ints("int64_vocabulary");
    if (strings.empty() == ints.empty())
      return ctx.error("exactly one of string_vocabulary and int64_vocabulary is required");
    string_keys_ = !strings.empty();
    size_ = static_cast<int64_t>(string_keys_ ? strings.size() : ints.size());
    for (int64_t i = 0; i < size_; ++i) {
      const bool fresh = string_keys_ ? str_index_.emplace(strings[size_t(i)], i).second
                                      : int_index_.emplace(ints[size_t(i)], i).second;
      if (!fresh)
        return ctx.error("vocabulary entry " + std::to_string(i) + " repeats an earlier key");
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kMap));
    const ValueType& m = ctx.input(0);
    const DType key = string_keys_ ? DType::kString : DType::kInt64;
    if (m.map_key != key)
      return ctx.input_error(0, std::string("the ") + (string_keys_ ? "string" : "int64") +
                                    " vocabulary needs map keys of that type, got " +
                                    m.type_string());
    if (!kElementTypes.contains(m.dtype))
      return ctx.input_error(
          0, "map values must be int64, float, double or string, got " + m.type_string());
    ctx.output(0) = ValueType::tensor(m.dtype, {1, size_});
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Value& m = ctx.input_value(0);
    std::vector<int64_t> order;
    std::string why;
    if (!map_entries_by_key(m, &order, &why)) return ctx.error(why);
    Tensor& y = ctx.output(0);
    const Tensor& values = m.map_values();
    visit_dtype<VectorizerValueTypes>(values.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      T* out = y.data<T>();
      for (int64_t i = 0; i < size_; ++i) out[i] = T{};
      for (int64_t e : order) {
        const int64_t slot = find(m.map_keys(), e);
        if (slot >= 0) out[slot] = values.data<T>()[e];
      }
    });
    return Status::ok();
  }

  bool accepts_values() const override { return true; }

 private:
  // Vocabulary index of map key `e`, or -1.
  int64_t find(const Tensor& keys, int64_t e) const {
    if (string_keys_) {
      auto it = str_index_.find(keys.data<std::string>()[e]);
      return it == str_index_.end() ? -1 : it->second;
    }
    auto it = int_index_.find(keys.data<int64_t>()[e]);
    return it == int_index_.end() ? -1 : it->second;
  }

  bool string_keys_ = false;
  int64_t size_ = 0;
  std::unordered_map<std::string, int64_t> str_index_;
  std::unordered_map<int64_t, int64_t> int_index_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(DictVectorizer, DictVectorizerOp)
