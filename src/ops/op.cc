#include "ops/op.h"

#include <cstring>
#include <new>
#include <stdexcept>

#include "base/checked_size.h"

namespace onyx::ops {

bool ValueType::fully_known() const {
  if (!has_shape) return false;
  for (int64_t d : dims)
    if (!dim_known(d)) return false;
  return true;
}

std::string ValueType::type_string() const {
  const std::string t = std::string("tensor(") + dtype_name(dtype) + ")";
  switch (kind) {
    case ValueKind::kSequence:
      if (map_key != DType::kUndefined)
        return std::string("seq(map(") + dtype_name(map_key) + "," + t + "))";
      return "seq(" + t + ")";
    case ValueKind::kOptional:
      return "optional(" + (optional_of == ValueKind::kSequence ? "seq(" + t + ")" : t) + ")";
    case ValueKind::kMap:
      return std::string("map(") + dtype_name(map_key) + "," + t + ")";
    default:
      return t;
  }
}

std::optional<std::vector<int64_t>> ValueType::int_values() const {
  if (!value.defined()) return std::nullopt;
  std::vector<int64_t> out(static_cast<size_t>(value.numel()));
  auto widen = [&](auto* p) {
    for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<int64_t>(p[i]);
  };
  switch (value.dtype()) {
    case DType::kInt64:
      widen(value.data<int64_t>());
      break;
    case DType::kInt32:
      widen(value.data<int32_t>());
      break;
    case DType::kInt16:
      widen(value.data<int16_t>());
      break;
    case DType::kInt8:
      widen(value.data<int8_t>());
      break;
    case DType::kUInt8:
      widen(value.data<uint8_t>());
      break;
    case DType::kUInt16:
      widen(value.data<uint16_t>());
      break;
    case DType::kUInt32:
      widen(value.data<uint32_t>());
      break;
    case DType::kUInt64:
      widen(value.data<uint64_t>());
      break;
    default:
      return std::nullopt;
  }
  return out;
}

namespace {
std::string where(const ir::Node& node, int64_t opset) {
  return node.label() + " (opset " + std::to_string(opset) + ")";
}
std::string input_where(const ir::Node& node, int i) {
  std::string name = static_cast<size_t>(i) < node.inputs.size() ? node.inputs[i] : "";
  return "input " + std::to_string(i) + " ('" + name + "')";
}
}  // namespace

Status InitContext::error(const std::string& msg) const {
  return Status(StatusCode::kInvalidGraph, where(node_, opset_) + ": " + msg);
}
Status InitContext::not_implemented(const std::string& msg) const {
  return Status(StatusCode::kNotImplemented, where(node_, opset_) + ": " + msg);
}

bool InferContext::has_output(int i) const {
  return i < num_outputs() && static_cast<size_t>(i) < node_.outputs.size() &&
         !node_.outputs[i].empty();
}
Status InferContext::error(const std::string& msg) const {
  return Status(StatusCode::kInvalidGraph, where(node_, opset_) + ": " + msg);
}
Status InferContext::input_error(int i, const std::string& msg) const {
  return Status(StatusCode::kInvalidGraph,
                where(node_, opset_) + ": " + input_where(node_, i) + ": " + msg);
}
Status InferContext::not_implemented(const std::string& msg) const {
  return Status(StatusCode::kNotImplemented, where(node_, opset_) + ": " + msg);
}
Status InferContext::expect_inputs(int min, int max) const {
  int n = num_inputs();
  if (n < min || n > max)
    return error("expected " + std::to_string(min) +
                 (max != min ? ".." + std::to_string(max) : std::string()) + " inputs, got " +
                 std::to_string(n));
  for (int i = 0; i < min; ++i)
    if (!has_input(i)) return input_error(i, "required input is missing");
  return Status::ok();
}
Status InferContext::expect_dtype(int i, std::initializer_list<DType> allowed) const {
  return expect_dtype(i, DTypeSet(allowed));
}

Status InferContext::expect_dtype(int i, DTypeSet allowed) const {
  if (!has_input(i)) return input_error(i, "required input is missing");
  const DType t = input(i).dtype;
  if (allowed.empty() || allowed.contains(t)) return Status::ok();
  return Status(StatusCode::kNotImplemented, where(node_, opset_) + ": " + input_where(node_, i) +
                                                 ": " + unsupported_dtype_message(t, allowed));
}

Status InferContext::expect_kind(int i, ValueKind kind) const {
  if (!has_input(i)) return input_error(i, "required input is missing");
  // Sequence ops work on sequences of tensors; sequences of maps (ZipMap) only leave the graph.
  if (kind == ValueKind::kSequence && input(i).kind == kind &&
      input(i).map_key != DType::kUndefined)
    return input_error(i,
                       "sequences of maps are not supported here, got " + input(i).type_string());
  if (input(i).kind == kind) return Status::ok();
  const char* names[] = {"undefined", "a tensor", "a sequence", "an optional", "a map"};
  return input_error(i, std::string("expected ") + names[static_cast<int>(kind)] + ", got " +
                            input(i).type_string());
}

Status PrepareContext::error(const std::string& msg) const {
  return Status(StatusCode::kInvalidGraph, where(node_, opset_) + ": " + msg);
}
Status PrepareContext::not_implemented(const std::string& msg) const {
  return Status(StatusCode::kNotImplemented, where(node_, opset_) + ": " + msg);
}

namespace {
// Thrown by allocate_output (never escapes run_kernel).
struct RefusedAllocation {
  Status status;
};
}  // namespace

Tensor& RunContext::allocate_output(int i, DType dtype, Shape shape) {
  std::optional<int64_t> bytes = checked_nbytes(dtype, shape);
  if (!bytes)
    throw RefusedAllocation{error("output " + std::to_string(i) + " of shape " +
                                  shape_to_string(shape) +
                                  " has a negative dim or more elements than int64 holds")};
  Tensor& out = *outputs_[static_cast<size_t>(i)];
  try {
    out = Tensor::empty(dtype, std::move(shape));
  } catch (const std::bad_alloc&) {
    throw RefusedAllocation{error("out of memory allocating output " + std::to_string(i) + " (" +
                                  std::to_string(*bytes) + " bytes)")};
  }
  return out;
}

Status run_kernel(const OpKernel& kernel, RunContext& ctx) {
  try {
    return kernel.run(ctx);
  } catch (const RefusedAllocation& refused) {
    return refused.status;
  } catch (const std::bad_alloc&) {  // a kernel's own temporary (not an output)
    return ctx.error("out of memory");
  } catch (const std::length_error& e) {  // Tensor::empty of an impossible shape
    return ctx.error(e.what());
  }
}
Status RunContext::set_output(int i, const Tensor& t) {
  Tensor& out = *outputs_[static_cast<size_t>(i)];
  if (out.defined() && out.raw_data() != t.raw_data()) {
    if (out.dtype() != t.dtype() || out.shape() != t.shape())
      return error("output " + std::to_string(i) + " is " + shape_to_string(t.shape()) +
                   ", planned " + shape_to_string(out.shape()));
    if (t.dtype() == DType::kString) {
      for (int64_t k = 0; k < t.numel(); ++k) out.data<std::string>()[k] = t.data<std::string>()[k];
    } else if (t.nbytes()) {
      std::memcpy(out.raw_data(), t.raw_data(), t.nbytes());
    }
    return Status::ok();
  }
  out = t;
  return Status::ok();
}

Status RunContext::error(const std::string& msg) const {
  return Status(StatusCode::kRuntimeException, node_.label() + ": " + msg);
}

std::optional<int64_t> normalize_axis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank) return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

}  // namespace onyx::ops
