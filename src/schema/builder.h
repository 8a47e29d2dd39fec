// SchemaBuilder: how defs_<family>.cc files write the schema table (schema/schema.h).
//
//   b.op("Conv", 1)
//       .summary("N-d convolution of X with filters W, plus an optional bias B.")
//       .input("X", "T").input("W", "T").input("B", "T", Option::kOptional)
//       .output("Y", "T")
//       .types("T", types::float3())
//       .attr("auto_pad", AttrType::kString, "NOTSET")
//       .attr("group", AttrType::kInt, "1")
//       .attr("kernel_shape", AttrType::kInts);          // optional, no default
//   b.next(11);  // Conv-11: a copy of the previous version with since_version 11 ...
//   b.types("T", ...).remove_attr(...);                   // ... then the changes
//
// op() starts a new schema; next(v) starts version v of the current op as a copy of its latest
// version. The setters edit the schema being built. Inputs/outputs are appended in order;
// input()/output() with a name that already exists replace that formal in place.
#pragma once

#include <string>
#include <vector>

#include "schema/schema.h"
#include "schema/type_sets.h"

namespace onyx::schema {

class SchemaBuilder {
 public:
  SchemaBuilder(std::vector<OpSchema>* out, std::string domain);

  SchemaBuilder& op(const std::string& name, int since_version);
  SchemaBuilder& next(int since_version);
  SchemaBuilder& summary(const std::string& text);
  SchemaBuilder& deprecated();

  SchemaBuilder& input(const std::string& name, const std::string& type,
                       Option option = Option::kSingle, bool homogeneous = true, int min_arity = 1);
  SchemaBuilder& output(const std::string& name, const std::string& type,
                        Option option = Option::kSingle, bool homogeneous = true,
                        int min_arity = 1);
  SchemaBuilder& remove_input(const std::string& name);
  SchemaBuilder& remove_output(const std::string& name);
  SchemaBuilder& clear_inputs();
  SchemaBuilder& clear_outputs();
  // Overrides the counts derived from the formals (ops whose arity ONNX states separately).
  SchemaBuilder& input_count(int min, int max);
  SchemaBuilder& output_count(int min, int max);
  // Restricts the output count to these values (schema.h: allowed_output_counts).
  SchemaBuilder& allowed_output_counts(std::vector<int> counts);

  // Adds or replaces constraint `name`.
  SchemaBuilder& types(const std::string& name, const types::TypeList& allowed);
  SchemaBuilder& remove_types(const std::string& name);

  // Optional attribute; `default_value` is display text ("" = no default).
  SchemaBuilder& attr(const std::string& name, AttrType type,
                      const std::string& default_value = "");
  SchemaBuilder& required_attr(const std::string& name, AttrType type);
  SchemaBuilder& remove_attr(const std::string& name);
  SchemaBuilder& clear_attrs();

  // Finishes the schema being built (derives counts, sorts attributes). Called by op()/next()
  // and by the destructor.
  void finish();
  ~SchemaBuilder();

 private:
  OpSchema& cur();
  std::vector<OpSchema>* out_;
  std::string domain_;
  bool open_ = false;
  bool inputs_overridden_ = false, outputs_overridden_ = false;
};

}  // namespace onyx::schema
