// Schemas of the ONNX standard's ai.onnx.ml (traditional machine learning) operators (see
// schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

// Feature tensors the classic ML models accept.
const types::TypeList& numeric_features() {
  static const types::TypeList v = types::tensors({"float", "double", "int64", "int32"});
  return v;
}

// TreeEnsembleClassifier/Regressor (versions 1 to 5): the node table, one entry per node in
// parallel lists, and the per-target base values.
void add_tree_node_attrs(SchemaBuilder& b) {
  for (const char* name :
       {"nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_truenodeids",
        "nodes_falsenodeids", "nodes_missing_value_tracks_true"})
    b.attr(name, AttrType::kInts);
  b.attr("nodes_values", AttrType::kFloats)
      .attr("nodes_hitrates", AttrType::kFloats)
      .attr("nodes_modes", AttrType::kStrings)
      .attr("base_values", AttrType::kFloats);
}

// Version 3 lets each float list above also be given as a double tensor.
void add_tree_node_tensor_attrs(SchemaBuilder& b) {
  for (const char* name :
       {"nodes_values_as_tensor", "nodes_hitrates_as_tensor", "base_values_as_tensor"})
    b.attr(name, AttrType::kTensor);
}

void add_array_feature_extractor(SchemaBuilder& b) {
  b.op("ArrayFeatureExtractor", 1)
      .summary("Gathers the elements at the given indices along the last axis of the input.")
      .input("X", "T")
      .input("Y", "tensor(int64)")
      .output("Z", "T")
      .types("T", types::tensors({"double", "float", "int32", "int64", "string"}));
}

void add_binarizer(SchemaBuilder& b) {
  b.op("Binarizer", 1)
      .summary("Maps each element to 1 if it is greater than threshold and 0 otherwise.")
      .input("X", "T")
      .output("Y", "T")
      .types("T", numeric_features())
      .attr("threshold", AttrType::kFloat, "0.0");
}

void add_cast_map(SchemaBuilder& b) {
  b.op("CastMap", 1)
      .summary(
          "Converts an int64-keyed map into a tensor of its values cast to the requested type, "
          "densely or sparsely laid out.")
      .input("X", "T1")
      .output("Y", "T2")
      .types("T1", {"map(int64, float)", "map(int64, string)"})
      .types("T2", types::tensors({"float", "int64", "string"}))
      .attr("cast_to", AttrType::kString, "TO_FLOAT")
      .attr("map_form", AttrType::kString, "DENSE")
      .attr("max_map", AttrType::kInt, "1");
}

void add_category_mapper(SchemaBuilder& b) {
  b.op("CategoryMapper", 1)
      .summary(
          "Maps strings to int64 ids or int64 ids to strings through two parallel lists, with a "
          "default for values not found.")
      .input("X", "T1")
      .output("Y", "T2")
      .types("T1", types::tensors({"int64", "string"}))
      .types("T2", types::tensors({"int64", "string"}))
      .attr("cats_int64s", AttrType::kInts)
      .attr("cats_strings", AttrType::kStrings)
      .attr("default_int64", AttrType::kInt, "-1")
      .attr("default_string", AttrType::kString, "_Unused");
}

void add_dict_vectorizer(SchemaBuilder& b) {
  b.op("DictVectorizer", 1)
      .summary(
          "Turns a map into a dense vector ordered by the vocabulary list, zero where a key is "
          "absent.")
      .input("X", "T1")
      .output("Y", "T2")
      .types("T1", {"map(int64, double)", "map(int64, float)", "map(int64, string)",
                    "map(string, double)", "map(string, float)", "map(string, int64)"})
      .types("T2", types::tensors({"double", "float", "int64", "string"}))
      .attr("int64_vocabulary", AttrType::kInts)
      .attr("string_vocabulary", AttrType::kStrings);
}

void add_feature_vectorizer(SchemaBuilder& b) {
  b.op("FeatureVectorizer", 1)
      .summary(
          "Concatenates its input tensors column-wise into one float feature tensor, each input "
          "padded or cut to its given dimension.")
      .input("X", "T1", Option::kVariadic)
      .output("Y", "tensor(float)")
      .types("T1", numeric_features())
      .attr("inputdimensions", AttrType::kInts);
}

void add_imputer(SchemaBuilder& b) {
  b.op("Imputer", 1)
      .summary(
          "Replaces elements equal to the replaced value (NaN by default) with the per-feature "
          "imputed values.")
      .input("X", "T")
      .output("Y", "T")
      .types("T", numeric_features())
      .attr("imputed_value_floats", AttrType::kFloats)
      .attr("imputed_value_int64s", AttrType::kInts)
      .attr("replaced_value_float", AttrType::kFloat, "0.0")
      .attr("replaced_value_int64", AttrType::kInt, "0");
}

void add_label_encoder(SchemaBuilder& b) {
  b.op("LabelEncoder", 1)
      .summary(
          "Maps each input value to an output value through parallel key and value lists, with a "
          "default for keys not found.")
      .input("X", "T1")
      .output("Y", "T2")
      .types("T1", types::tensors({"int64", "string"}))
      .types("T2", types::tensors({"int64", "string"}))
      .attr("classes_strings", AttrType::kStrings)
      .attr("default_int64", AttrType::kInt, "-1")
      .attr("default_string", AttrType::kString, "_Unused");
  b.next(2)
      .types("T1", types::tensors({"float", "int64", "string"}))
      .types("T2", types::tensors({"float", "int64", "string"}))
      .remove_attr("classes_strings")
      .attr("default_float", AttrType::kFloat, "-0.0")
      .attr("keys_floats", AttrType::kFloats)
      .attr("keys_int64s", AttrType::kInts)
      .attr("keys_strings", AttrType::kStrings)
      .attr("values_floats", AttrType::kFloats)
      .attr("values_int64s", AttrType::kInts)
      .attr("values_strings", AttrType::kStrings);
  b.next(4)
      .types("T1", types::tensors({"double", "float", "int16", "int32", "int64", "string"}))
      .types("T2", types::tensors({"double", "float", "int16", "int32", "int64", "string"}))
      .attr("default_tensor", AttrType::kTensor)
      .attr("keys_tensor", AttrType::kTensor)
      .attr("values_tensor", AttrType::kTensor);
}

void add_linear_classifier(SchemaBuilder& b) {
  b.op("LinearClassifier", 1)
      .summary(
          "Scores each row against per-class linear coefficients and intercepts, and returns the "
          "best label and the (post-transformed) scores.")
      .input("X", "T1")
      .output("Y", "T2")
      .output("Z", "tensor(float)")
      .types("T1", numeric_features())
      .types("T2", types::tensors({"int64", "string"}))
      .attr("classlabels_ints", AttrType::kInts)
      .attr("classlabels_strings", AttrType::kStrings)
      .required_attr("coefficients", AttrType::kFloats)
      .attr("intercepts", AttrType::kFloats)
      .attr("multi_class", AttrType::kInt, "0")
      .attr("post_transform", AttrType::kString, "NONE");
}

void add_linear_regressor(SchemaBuilder& b) {
  b.op("LinearRegressor", 1)
      .summary(
          "Computes per-target linear regression outputs X * coefficients^T + intercepts, then an "
          "optional post transform.")
      .input("X", "T")
      .output("Y", "tensor(float)")
      .types("T", numeric_features())
      .attr("coefficients", AttrType::kFloats)
      .attr("intercepts", AttrType::kFloats)
      .attr("post_transform", AttrType::kString, "NONE")
      .attr("targets", AttrType::kInt, "1");
}

void add_normalizer(SchemaBuilder& b) {
  b.op("Normalizer", 1)
      .summary("Normalizes each row by its max, L1 or L2 norm.")
      .input("X", "T")
      .output("Y", "tensor(float)")
      .types("T", numeric_features())
      .attr("norm", AttrType::kString, "MAX");
}

void add_one_hot_encoder(SchemaBuilder& b) {
  b.op("OneHotEncoder", 1)
      .summary("Encodes each int64 or string value as a one-hot vector over the categories list.")
      .input("X", "T")
      .output("Y", "tensor(float)")
      .types("T", types::tensors({"double", "float", "int32", "int64", "string"}))
      .attr("cats_int64s", AttrType::kInts)
      .attr("cats_strings", AttrType::kStrings)
      .attr("zeros", AttrType::kInt, "1");
}

void add_svm_classifier(SchemaBuilder& b) {
  b.op("SVMClassifier", 1)
      .summary(
          "Support vector machine classification with a linear, polynomial, RBF or sigmoid kernel; "
          "returns labels and scores.")
      .input("X", "T1")
      .output("Y", "T2")
      .output("Z", "tensor(float)")
      .types("T1", numeric_features())
      .types("T2", types::tensors({"int64", "string"}))
      .attr("classlabels_ints", AttrType::kInts)
      .attr("classlabels_strings", AttrType::kStrings)
      .attr("coefficients", AttrType::kFloats)
      .attr("kernel_params", AttrType::kFloats)
      .attr("kernel_type", AttrType::kString, "LINEAR")
      .attr("post_transform", AttrType::kString, "NONE")
      .attr("prob_a", AttrType::kFloats)
      .attr("prob_b", AttrType::kFloats)
      .attr("rho", AttrType::kFloats)
      .attr("support_vectors", AttrType::kFloats)
      .attr("vectors_per_class", AttrType::kInts);
}

void add_svm_regressor(SchemaBuilder& b) {
  b.op("SVMRegressor", 1)
      .summary(
          "Support vector machine regression with a linear, polynomial, RBF or sigmoid kernel.")
      .input("X", "T")
      .output("Y", "tensor(float)")
      .types("T", numeric_features())
      .attr("coefficients", AttrType::kFloats)
      .attr("kernel_params", AttrType::kFloats)
      .attr("kernel_type", AttrType::kString, "LINEAR")
      .attr("n_supports", AttrType::kInt, "0")
      .attr("one_class", AttrType::kInt, "0")
      .attr("post_transform", AttrType::kString, "NONE")
      .attr("rho", AttrType::kFloats)
      .attr("support_vectors", AttrType::kFloats);
}

void add_scaler(SchemaBuilder& b) {
  b.op("Scaler", 1)
      .summary("Rescales features elementwise: (X - offset) * scale.")
      .input("X", "T")
      .output("Y", "tensor(float)")
      .types("T", numeric_features())
      .attr("offset", AttrType::kFloats)
      .attr("scale", AttrType::kFloats);
}

void add_tree_ensemble(SchemaBuilder& b) {
  b.op("TreeEnsemble", 5)
      .summary(
          "Evaluates an ensemble of decision trees given as tensor attributes and aggregates the "
          "leaf weights per target.")
      .input("X", "T")
      .output("Y", "T")
      .types("T", types::float3())
      .attr("aggregate_function", AttrType::kInt, "1")
      .required_attr("leaf_targetids", AttrType::kInts)
      .required_attr("leaf_weights", AttrType::kTensor)
      .attr("membership_values", AttrType::kTensor)
      .attr("n_targets", AttrType::kInt)
      .required_attr("nodes_falseleafs", AttrType::kInts)
      .required_attr("nodes_falsenodeids", AttrType::kInts)
      .required_attr("nodes_featureids", AttrType::kInts)
      .attr("nodes_hitrates", AttrType::kTensor)
      .attr("nodes_missing_value_tracks_true", AttrType::kInts)
      .required_attr("nodes_modes", AttrType::kTensor)
      .required_attr("nodes_splits", AttrType::kTensor)
      .required_attr("nodes_trueleafs", AttrType::kInts)
      .required_attr("nodes_truenodeids", AttrType::kInts)
      .attr("post_transform", AttrType::kInt, "0")
      .required_attr("tree_roots", AttrType::kInts);
}

void add_tree_ensemble_classifier(SchemaBuilder& b) {
  b.op("TreeEnsembleClassifier", 1)
      .summary(
          "Evaluates an ensemble of decision trees and returns the top class and the per-class "
          "scores.")
      .input("X", "T1")
      .output("Y", "T2")
      .output("Z", "tensor(float)")
      .types("T1", numeric_features())
      .types("T2", types::tensors({"int64", "string"}))
      .attr("class_ids", AttrType::kInts)
      .attr("class_nodeids", AttrType::kInts)
      .attr("class_treeids", AttrType::kInts)
      .attr("class_weights", AttrType::kFloats)
      .attr("classlabels_int64s", AttrType::kInts)
      .attr("classlabels_strings", AttrType::kStrings)
      .attr("post_transform", AttrType::kString, "NONE");
  add_tree_node_attrs(b);
  b.next(3).attr("class_weights_as_tensor", AttrType::kTensor);
  add_tree_node_tensor_attrs(b);
  b.next(5).deprecated();  // superseded by TreeEnsemble
}

void add_tree_ensemble_regressor(SchemaBuilder& b) {
  b.op("TreeEnsembleRegressor", 1)
      .summary(
          "Evaluates an ensemble of decision trees and aggregates the leaf values into per-target "
          "regression outputs.")
      .input("X", "T")
      .output("Y", "tensor(float)")
      .types("T", numeric_features())
      .attr("aggregate_function", AttrType::kString, "SUM")
      .attr("n_targets", AttrType::kInt)
      .attr("post_transform", AttrType::kString, "NONE")
      .attr("target_ids", AttrType::kInts)
      .attr("target_nodeids", AttrType::kInts)
      .attr("target_treeids", AttrType::kInts)
      .attr("target_weights", AttrType::kFloats);
  add_tree_node_attrs(b);
  b.next(3).attr("target_weights_as_tensor", AttrType::kTensor);
  add_tree_node_tensor_attrs(b);
  b.next(5).deprecated();  // superseded by TreeEnsemble
}

void add_zip_map(SchemaBuilder& b) {
  b.op("ZipMap", 1)
      .summary(
          "Turns each row of class scores into a map from class label to score, giving a sequence "
          "of maps.")
      .input("X", "tensor(float)")
      .output("Z", "T")
      .types("T", {"seq(map(int64, float))", "seq(map(string, float))"})
      .attr("classlabels_int64s", AttrType::kInts)
      .attr("classlabels_strings", AttrType::kStrings);
}

}  // namespace

void add_ml_schemas(SchemaBuilder& b) {
  add_array_feature_extractor(b);
  add_binarizer(b);
  add_cast_map(b);
  add_category_mapper(b);
  add_dict_vectorizer(b);
  add_feature_vectorizer(b);
  add_imputer(b);
  add_label_encoder(b);
  add_linear_classifier(b);
  add_linear_regressor(b);
  add_normalizer(b);
  add_one_hot_encoder(b);
  add_svm_classifier(b);
  add_svm_regressor(b);
  add_scaler(b);
  add_tree_ensemble(b);
  add_tree_ensemble_classifier(b);
  add_tree_ensemble_regressor(b);
  add_zip_map(b);
}

}  // namespace onyx::schema
