#include "schema/builder.h"

#include <algorithm>
#include <stdexcept>

namespace onyx::schema {
namespace {

// ONNX's rule: each single formal counts toward the minimum and maximum, an optional one only
// toward the maximum, and a variadic one (always last) adds min_arity to the minimum and makes
// the maximum unbounded. Trailing optionals after the last single are what min excludes.
void derive_counts(const std::vector<Formal>& formals, int* min, int* max) {
  *min = 0;
  *max = 0;
  for (const Formal& f : formals) {
    switch (f.option) {
      case Option::kSingle:
        ++*max;
        *min = *max;
        break;
      case Option::kOptional:
        ++*max;
        break;
      case Option::kVariadic:
        *min = *max + f.min_arity;
        *max = kUnbounded;
        break;
    }
  }
}

void put_formal(std::vector<Formal>* list, Formal f) {
  for (Formal& existing : *list) {
    if (existing.name == f.name) {
      existing = std::move(f);
      return;
    }
  }
  list->push_back(std::move(f));
}

void erase_named(std::vector<Formal>* list, const std::string& name) {
  list->erase(
      std::remove_if(list->begin(), list->end(), [&](const Formal& f) { return f.name == name; }),
      list->end());
}

}  // namespace

SchemaBuilder::SchemaBuilder(std::vector<OpSchema>* out, std::string domain)
    : out_(out), domain_(std::move(domain)) {}

SchemaBuilder::~SchemaBuilder() {
  finish();
}

OpSchema& SchemaBuilder::cur() {
  if (!open_) throw std::logic_error("SchemaBuilder: op() must come first");
  return out_->back();
}

void SchemaBuilder::finish() {
  if (!open_) return;
  OpSchema& s = out_->back();
  if (!inputs_overridden_) derive_counts(s.inputs, &s.min_inputs, &s.max_inputs);
  if (!outputs_overridden_) derive_counts(s.outputs, &s.min_outputs, &s.max_outputs);
  std::sort(s.attributes.begin(), s.attributes.end(),
            [](const AttrSchema& a, const AttrSchema& b) { return a.name < b.name; });
  std::sort(s.constraints.begin(), s.constraints.end(),
            [](const TypeConstraint& a, const TypeConstraint& b) { return a.name < b.name; });
  open_ = false;
}

SchemaBuilder& SchemaBuilder::op(const std::string& name, int since_version) {
  finish();
  OpSchema s;
  s.domain = domain_;
  s.name = name;
  s.since_version = since_version;
  out_->push_back(std::move(s));
  open_ = true;
  inputs_overridden_ = outputs_overridden_ = false;
  return *this;
}

SchemaBuilder& SchemaBuilder::next(int since_version) {
  if (!open_ && out_->empty()) throw std::logic_error("SchemaBuilder: next() without op()");
  finish();
  OpSchema copy = out_->back();
  if (since_version <= copy.since_version)
    throw std::logic_error("SchemaBuilder: versions of " + copy.name + " must increase");
  copy.since_version = since_version;
  copy.deprecated = false;
  out_->push_back(std::move(copy));
  open_ = true;  // override flags carry over from the previous version
  return *this;
}

SchemaBuilder& SchemaBuilder::summary(const std::string& text) {
  cur().summary = text;
  return *this;
}

SchemaBuilder& SchemaBuilder::deprecated() {
  cur().deprecated = true;
  return *this;
}

SchemaBuilder& SchemaBuilder::input(const std::string& name, const std::string& type, Option option,
                                    bool homogeneous, int min_arity) {
  put_formal(&cur().inputs, Formal{name, type, option, homogeneous, min_arity});
  return *this;
}

SchemaBuilder& SchemaBuilder::output(const std::string& name, const std::string& type,
                                     Option option, bool homogeneous, int min_arity) {
  put_formal(&cur().outputs, Formal{name, type, option, homogeneous, min_arity});
  return *this;
}

SchemaBuilder& SchemaBuilder::remove_input(const std::string& name) {
  erase_named(&cur().inputs, name);
  return *this;
}

SchemaBuilder& SchemaBuilder::remove_output(const std::string& name) {
  erase_named(&cur().outputs, name);
  return *this;
}

SchemaBuilder& SchemaBuilder::clear_inputs() {
  cur().inputs.clear();
  return *this;
}

SchemaBuilder& SchemaBuilder::clear_outputs() {
  cur().outputs.clear();
  return *this;
}

SchemaBuilder& SchemaBuilder::input_count(int min, int max) {
  cur().min_inputs = min;
  cur().max_inputs = max;
  inputs_overridden_ = true;
  return *this;
}

SchemaBuilder& SchemaBuilder::output_count(int min, int max) {
  cur().min_outputs = min;
  cur().max_outputs = max;
  outputs_overridden_ = true;
  return *this;
}

SchemaBuilder& SchemaBuilder::allowed_output_counts(std::vector<int> counts) {
  cur().allowed_output_counts = std::move(counts);
  return *this;
}

SchemaBuilder& SchemaBuilder::types(const std::string& name, const types::TypeList& allowed) {
  types::TypeList sorted = allowed;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (TypeConstraint& c : cur().constraints) {
    if (c.name == name) {
      c.types = std::move(sorted);
      return *this;
    }
  }
  cur().constraints.push_back(TypeConstraint{name, std::move(sorted)});
  return *this;
}

SchemaBuilder& SchemaBuilder::remove_types(const std::string& name) {
  auto& c = cur().constraints;
  c.erase(
      std::remove_if(c.begin(), c.end(), [&](const TypeConstraint& t) { return t.name == name; }),
      c.end());
  return *this;
}

SchemaBuilder& SchemaBuilder::attr(const std::string& name, AttrType type,
                                   const std::string& default_value) {
  remove_attr(name);
  cur().attributes.push_back(AttrSchema{name, type, false, default_value});
  return *this;
}

SchemaBuilder& SchemaBuilder::required_attr(const std::string& name, AttrType type) {
  remove_attr(name);
  cur().attributes.push_back(AttrSchema{name, type, true, ""});
  return *this;
}

SchemaBuilder& SchemaBuilder::remove_attr(const std::string& name) {
  auto& a = cur().attributes;
  a.erase(std::remove_if(a.begin(), a.end(), [&](const AttrSchema& x) { return x.name == name; }),
          a.end());
  return *this;
}

SchemaBuilder& SchemaBuilder::clear_attrs() {
  cur().attributes.clear();
  return *this;
}

}  // namespace onyx::schema
