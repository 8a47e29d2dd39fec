// TensorProto rules: a known data_type; exactly one data field, the one the data_type uses (none
// for 0-element tensors); no strings in raw_data. Stricter than onnx 1.12 (deliberately): the
// number of stored elements (raw_data bytes, or typed values) must match the dims, dims may not be
// negative, and data_type values newer than onnx 1.12 (float8, int4, ...) are accepted.
#include <string>

#include "check/check_context.h"
#include "check/tensor_rules.h"

namespace onyx::check {
namespace {

using proto::RepeatedScalar;

// Data field a data_type is stored in (when not raw), and how many field entries one element
// takes: per_value > 1 packs several elements into one entry, per_element > 1 spreads one element
// (complex numbers) over several.
struct FieldRule {
  const char* field;
  int per_element = 1;
  int per_value = 1;
};

bool field_rule(int32_t dt, FieldRule* rule) {
  switch (dt) {
    case 1:
      *rule = {"float_data"};
      return true;
    case 14:
      *rule = {"float_data", 2};
      return true;
    case 11:
      *rule = {"double_data"};
      return true;
    case 15:
      *rule = {"double_data", 2};
      return true;
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 9:
    case 10:
    case 16:  // NOLINT
    case 17:
    case 18:
    case 19:
    case 20:
    case 24:  // NOLINT
      *rule = {"int32_data"};
      return true;
    case 21:
    case 22:
    case 23:  // NOLINT: 4-bit types, two per int32 entry
      *rule = {"int32_data", 1, 2};
      return true;
    case 25:
    case 26:  // NOLINT: 2-bit types, four per int32 entry
      *rule = {"int32_data", 1, 4};
      return true;
    case 7:
      *rule = {"int64_data"};
      return true;
    case 12:
    case 13:  // NOLINT
      *rule = {"uint64_data"};
      return true;
    case 8:
      *rule = {"string_data"};
      return true;
    default:
      return false;
  }
}

}  // namespace

int64_t element_bits(int32_t data_type) {
  switch (data_type) {
    case 2:
    case 3:
    case 9:
    case 17:
    case 18:
    case 19:
    case 20:
    case 24:  // NOLINT
      return 8;
    case 4:
    case 5:
    case 10:
    case 16:  // NOLINT
      return 16;
    case 1:
    case 6:
    case 12:  // NOLINT
      return 32;
    case 7:
    case 11:
    case 13:
    case 14:  // NOLINT
      return 64;
    case 15:
      return 128;
    case 21:
    case 22:
    case 23:  // NOLINT
      return 4;
    case 25:
    case 26:  // NOLINT
      return 2;
    default:
      return 0;  // string (8) and unknown types
  }
}

bool element_count(const proto::RepeatedScalar& dims, int64_t* count, std::string* problem) {
  int64_t n = 1;
  bool ok = true;
  size_t axis = 0;
  dims.for_each([&](uint64_t bits) {
    const int64_t d = static_cast<int64_t>(bits);
    if (ok && d < 0) {
      *problem = "dimension " + std::to_string(axis) + " is negative (" + std::to_string(d) + ")";
      ok = false;
    } else if (ok && d != 0 && n > INT64_MAX / d) {
      *problem = "the element count overflows 64 bits";
      ok = false;
    } else if (ok) {
      n *= d;
    }
    ++axis;
  });
  *count = n;
  return ok;
}

int64_t stored_bytes(int32_t data_type, int64_t elements) {
  const int64_t bits = element_bits(data_type);
  if (bits == 0 || elements > INT64_MAX / bits) return -1;
  return (elements * bits + 7) / 8;
}

void check_tensor(const proto::TensorView& t, const Context& ctx, const std::string& where) {
  const std::string loc = t.name.empty() || where.find(quote_name(t.name)) != std::string::npos
                              ? where
                              : where + " (tensor " + quote_name(t.name) + ")";
  if (t.data_type == 0) {
    ctx.error("tensor.data_type_missing", loc, "data_type is not set (UNDEFINED)");
    return;
  }
  FieldRule rule;
  if (!field_rule(t.data_type, &rule)) {
    ctx.error("tensor.data_type_unknown", loc,
              "data_type " + std::to_string(t.data_type) + " is not a TensorProto.DataType");
    return;
  }
  struct Field {
    const char* name;
    size_t count;
  };
  const Field fields[] = {
      {"float_data", t.float_data.count},    {"int32_data", t.int32_data.count},
      {"string_data", t.string_data.size()}, {"int64_data", t.int64_data.count},
      {"raw_data", t.raw_data.size()},       {"double_data", t.double_data.count},
      {"uint64_data", t.uint64_data.count}};
  int used = 0;
  const Field* used_field = nullptr;
  std::string used_names;
  for (const Field& f : fields) {
    if (f.count == 0) continue;
    ++used;
    used_field = &f;
    used_names += (used_names.empty() ? "" : ", ") + std::string(f.name);
  }

  if (t.data_location == 1) {
    if (used != 0)
      ctx.error("tensor.external_with_data", loc,
                "the data is marked as external but the tensor also holds " + used_names);
    check_external_data(t, ctx, loc);
    return;
  }
  int64_t elements = 0;
  std::string problem;
  if (!element_count(t.dims, &elements, &problem)) {
    ctx.error("tensor.bad_dims", loc, problem);
    return;
  }
  if (elements == 0) {
    if (used != 0)
      ctx.error("tensor.zero_elements_with_data", loc,
                "the dims give 0 elements, but the tensor holds data in " + used_names);
    return;
  }
  if (used != 1) {
    ctx.error("tensor.value_field_count", loc,
              used == 0 ? "the tensor has " + std::to_string(elements) +
                              " element(s) but no data field is set"
                        : "exactly one data field may be set, found " + used_names);
    return;
  }
  if (used_field->name == std::string("raw_data")) {
    if (t.data_type == 8) {
      ctx.error("tensor.string_in_raw_data", loc, "STRING tensors cannot store data in raw_data");
      return;
    }
    const int64_t expected = stored_bytes(t.data_type, elements);
    if (expected != static_cast<int64_t>(t.raw_data.size()))
      ctx.error("tensor.raw_data_size", loc,
                "raw_data has " + std::to_string(t.raw_data.size()) + " bytes; " +
                    std::to_string(elements) + " element(s) of data_type " +
                    std::to_string(t.data_type) + " take " + std::to_string(expected));
    return;
  }
  if (used_field->name != std::string(rule.field)) {
    ctx.error("tensor.wrong_data_field", loc,
              "values of data_type " + std::to_string(t.data_type) + " belong in '" + rule.field +
                  "', not '" + used_field->name + "'");
    return;
  }
  // elements <= INT64_MAX / 4 here in practice (a field cannot hold more entries than the file
  // has bytes); the guard keeps the arithmetic defined for absurd dims.
  const int64_t expected =
      elements > INT64_MAX / 4
          ? -1
          : (elements * rule.per_element + rule.per_value - 1) / rule.per_value;
  if (static_cast<int64_t>(used_field->count) != expected)
    ctx.error("tensor.data_count", loc,
              std::string(rule.field) + " holds " + std::to_string(used_field->count) +
                  " value(s); the dims need " + std::to_string(expected));
}

}  // namespace onyx::check
