#include "ops/common/broadcast.h"

#include <algorithm>

#include "ops/common/dim_expr.h"

namespace onyx::ops {

std::string dims_to_string(const Shape& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += ", ";
    const int64_t d = dims[i];
    if (d >= 0) {
      s += std::to_string(d);
    } else if (d == kUnknownDim) {
      s += '?';
    } else {
      s += 's';
      s += std::to_string(-d);
    }
  }
  return s + "]";
}

Result<Shape> broadcast_dims(const Shape& a, const Shape& b) {
  const size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t k = 0; k < rank; ++k) {
    const size_t pa = rank - a.size(), pb = rank - b.size();
    const int64_t da = k < pa ? 1 : a[k - pa], db = k < pb ? 1 : b[k - pb];
    int64_t d;
    if (da == db)
      d = da;
    else if (da == 1)
      d = db;
    else if (db == 1)
      d = da;
    else if (dim_known(da) && dim_known(db))
      return Status(StatusCode::kInvalidGraph,
                    "shapes " + dims_to_string(a) + " and " + dims_to_string(b) +
                        " cannot be broadcast together (dim " + std::to_string(da) + " vs " +
                        std::to_string(db) + ")");
    else if (dim_known(da))
      d = da;
    else if (dim_known(db))
      d = db;
    else if (dim_is_min_with(db, da))
      d = da;  // n vs min(n, x): equal, or the min is 1 and so n wins, or n is 1 = min
    else if (dim_is_min_with(da, db))
      d = db;
    else
      d = kUnknownDim;
    out[k] = d;
  }
  return out;
}

Result<Shape> broadcast_dims(std::span<const Shape> shapes) {
  if (shapes.empty()) return Status(StatusCode::kInvalidArgument, "broadcast of no shapes");
  Shape acc = shapes[0];
  for (size_t i = 1; i < shapes.size(); ++i) {
    ONYX_ASSIGN_OR_RETURN(acc, broadcast_dims(acc, shapes[i]));
  }
  return acc;
}

Status infer_broadcast_shape(InferContext& ctx, std::span<const int> inputs, ValueType* out) {
  out->has_shape = false;
  out->dims.clear();
  std::vector<Shape> shapes;
  for (int i : inputs) {
    if (!ctx.has_input(i)) return ctx.input_error(i, "required input is missing");
    if (!ctx.input(i).has_shape) return Status::ok();  // rank unknown: nothing to say
    shapes.push_back(ctx.input(i).dims);
  }
  Result<Shape> dims = broadcast_dims(shapes);
  if (!dims) return ctx.error(dims.status().message());
  out->has_shape = true;
  out->dims = std::move(dims).value();
  return Status::ok();
}

}  // namespace onyx::ops
