#include "inspect/model_info.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "shape/declared_types.h"
#include "shape/infer.h"

namespace onyx::inspect {

namespace {

std::string shape_text(const ir::TypeInfo& t) {
  if (!t.has_shape) return "unknown";
  std::string s = "[";
  for (size_t i = 0; i < t.dims.size(); ++i) {
    if (i) s += ", ";
    const std::string param = i < t.dim_params.size() ? t.dim_params[i] : "";
    if (!param.empty()) {
      s += param;
    } else if (t.dims[i] >= 0) {
      s += std::to_string(t.dims[i]);
    } else {
      s += "?";
    }
  }
  return s + "]";
}

std::string join_dims(const std::vector<std::string>& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + dims[i];
  return s + "]";
}

// Text of an inferred dim: fixed size, "?" or the symbol / expression it names.
std::string inferred_dim_text(int64_t d, const shape::GraphInference& inf) {
  if (d >= 0) return std::to_string(d);
  const size_t k = static_cast<size_t>(-d - 2);
  if (d == ops::kUnknownDim || k >= inf.symbols.size()) return "?";
  return inf.symbols[k];
}

ValueSummary summarize_inferred(const std::string& name, const ops::ValueType& t,
                                const shape::GraphInference& inf) {
  ValueSummary s;
  s.name = name;
  s.type = t.is_tensor() ? elem_type_name(t.dtype) : t.type_string();
  if (!t.is_tensor()) return s;
  s.has_rank = t.has_shape;
  if (!t.has_shape) {
    s.shape = "unknown";
    return s;
  }
  for (int64_t d : t.dims) s.dims.push_back(inferred_dim_text(d, inf));
  s.shape = join_dims(s.dims);
  return s;
}

// Every dim_param a graph input declares: the names a caller binds.
std::set<std::string> input_dim_params(const ir::Graph& g) {
  std::set<std::string> names;
  for (const ir::ValueInfo& v : g.inputs)
    for (const std::string& p : v.type.dim_params)
      if (!p.empty()) names.insert(p);
  return names;
}

// Replaces declared placeholder dims of `s` (a dim_param no graph input binds) with what inference
// found, when it found something (a size or an expression of declared symbols, not unk_N).
void prefer_inferred_dims(ValueSummary& s, const ir::ValueInfo& declared,
                          const std::set<std::string>& bound, const shape::GraphInference& inf) {
  const ops::ValueType* t = inf.find(declared.name);
  if (!t || !t->is_tensor() || !t->has_shape || !s.has_rank) return;
  if (t->dims.size() != s.dims.size()) return;
  const std::vector<std::string>& params = declared.type.dim_params;
  bool changed = false;
  for (size_t i = 0; i < s.dims.size(); ++i) {
    if (i >= params.size() || params[i].empty() || bound.count(params[i])) continue;
    if (t->dims[i] == ops::kUnknownDim) continue;
    if (inf.dim_table && inf.dim_table->mentions_fresh(t->dims[i])) continue;  // unk_N
    std::string text = inferred_dim_text(t->dims[i], inf);
    if (text == "?") continue;
    s.dims[i] = text;
    changed = true;
  }
  if (changed) s.shape = join_dims(s.dims);
}

ValueSummary summarize(const ir::ValueInfo& v) {
  ValueSummary s;
  s.name = v.name;
  if (v.type.kind == ir::TypeInfo::Kind::kTensor ||
      v.type.kind == ir::TypeInfo::Kind::kSparseTensor) {
    s.type = elem_type_name(v.type.elem_type);
    if (v.type.kind == ir::TypeInfo::Kind::kSparseTensor) s.type = "sparse " + s.type;
    s.shape = shape_text(v.type);
    s.has_rank = v.type.has_shape;
    if (s.has_rank)
      for (size_t i = 0; i < v.type.dims.size(); ++i) {
        const std::string param = i < v.type.dim_params.size() ? v.type.dim_params[i] : "";
        s.dims.push_back(!param.empty()        ? param
                         : v.type.dims[i] >= 0 ? std::to_string(v.type.dims[i])
                                               : "?");
      }
  } else {
    s.type = v.type.to_string();
    s.shape = "";
  }
  return s;
}

void count_ops(const ir::Graph& g, std::map<std::string, int64_t>& histogram, int64_t& total) {
  for (const ir::Node& n : g.nodes) {
    ++total;
    std::string key = ir::is_default_domain(n.domain) ? n.op_type : n.domain + "::" + n.op_type;
    ++histogram[key];
    for (const ir::Attribute& a : n.attributes) {
      if (a.g) count_ops(*a.g, histogram, total);
      for (const auto& sub : a.graphs)
        if (sub) count_ops(*sub, histogram, total);
    }
  }
}

// 1234567 -> "1,234,567"
std::string group_digits(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

std::string human_bytes(int64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 4) {
    v /= 1024.0;
    ++u;
  }
  char buf[64];
  if (u == 0) {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  }
  return buf;
}

std::string domain_label(const std::string& d) {
  return d.empty() ? "ai.onnx" : d;
}

void append_values(std::string& out, const char* title, const std::vector<ValueSummary>& values) {
  out += std::string(title) + " (" + std::to_string(values.size()) + "):\n";
  size_t name_w = 0, type_w = 0;
  for (const auto& v : values) {
    name_w = std::max(name_w, v.name.size());
    type_w = std::max(type_w, v.type.size());
  }
  for (const auto& v : values) {
    std::string line = "  " + v.name + std::string(name_w - v.name.size() + 2, ' ') + v.type;
    if (!v.shape.empty()) line += std::string(type_w - v.type.size() + 1, ' ') + v.shape;
    out += line + "\n";
  }
}

// A dim as JSON: a number when fixed, null when unknown, else its symbol / expression text.
std::string json_dim(const std::string& d) {
  if (d == "?") return "null";
  if (!d.empty() && d.find_first_not_of("0123456789") == std::string::npos) return d;
  return json_quote(d);
}

// `with_dims` adds each value's "dims" array (null when the rank is unknown).
std::string json_values(const std::vector<ValueSummary>& values, bool with_dims = false) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    const ValueSummary& v = values[i];
    out += i ? ",\n    " : "\n    ";
    out += "{\"name\": " + json_quote(v.name) + ", \"type\": " + json_quote(v.type) +
           ", \"shape\": " + json_quote(v.shape);
    if (with_dims && v.has_rank) {
      out += ", \"dims\": [";
      for (size_t k = 0; k < v.dims.size(); ++k) out += (k ? ", " : "") + json_dim(v.dims[k]);
      out += "]";
    } else if (with_dims) {
      out += ", \"dims\": null";
    }
    out += "}";
  }
  return out + (values.empty() ? "]" : "\n  ]");
}

}  // namespace

std::string elem_type_name(DType dtype) {
  switch (dtype) {
    case DType::kFloat32:
      return "float32";
    case DType::kFloat64:
      return "float64";
    case DType::kUndefined:
      return "undefined";
    default:
      return dtype_name(dtype);
  }
}

std::string json_quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

ModelInfo collect_model_info(const ir::Model& model, const ModelInfoOptions& options) {
  ModelInfo info;
  info.ir_version = model.ir_version;
  info.producer_name = model.producer_name;
  info.producer_version = model.producer_version;
  info.domain = model.domain;
  info.model_version = model.model_version;
  info.graph_name = model.graph.name;
  for (const auto& op : model.opset_imports) info.opset_imports.emplace_back(op.domain, op.version);

  std::set<std::string> initializer_names;
  for (const auto& [name, tensor] : model.graph.initializers) {
    initializer_names.insert(name);
    ++info.initializer_count;
    info.parameter_count += tensor.numel();
    if (tensor.dtype() == DType::kString) {
      for (int64_t i = 0; i < tensor.numel(); ++i)
        info.parameter_bytes += static_cast<int64_t>(tensor.data<std::string>()[i].size());
    } else {
      info.parameter_bytes += static_cast<int64_t>(tensor.nbytes());
    }
  }
  for (const auto& v : model.graph.inputs)
    if (!initializer_names.count(v.name)) info.inputs.push_back(summarize(v));
  for (const auto& v : model.graph.outputs) info.outputs.push_back(summarize(v));

  shape::InferOptions infer_options;
  infer_options.fold_constants = true;
  Result<shape::GraphInference> inferred =
      shape::infer_graph(model, model.graph, {}, infer_options);
  info.shapes = options.shapes;
  if (!inferred) {
    info.inference_error = inferred.status().message();
  } else {
    const std::set<std::string> bound = input_dim_params(model.graph);
    for (size_t i = 0; i < model.graph.outputs.size(); ++i)
      prefer_inferred_dims(info.outputs[i], model.graph.outputs[i], bound, *inferred);
    if (options.shapes)
      for (const shape::TypeConflict& c : shape::check_declared_types(model, *inferred))
        info.type_conflicts.push_back(c.message);
    if (options.shapes)
      for (const shape::NodeInference& ni : inferred->nodes)
        for (const std::string& out : model.graph.nodes[ni.node_index].outputs) {
          const ops::ValueType* t = out.empty() ? nullptr : inferred->find(out);
          if (t) info.values.push_back(summarize_inferred(out, *t, *inferred));
        }
  }

  info.node_count = static_cast<int64_t>(model.graph.nodes.size());
  std::map<std::string, int64_t> histogram;
  count_ops(model.graph, histogram, info.total_node_count);
  info.op_histogram.assign(histogram.begin(), histogram.end());
  std::stable_sort(info.op_histogram.begin(), info.op_histogram.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  info.function_count = static_cast<int64_t>(model.functions.size());
  return info;
}

std::string model_info_text(const ModelInfo& info, const std::string& model_label) {
  std::string out;
  if (!model_label.empty()) out += "Model: " + model_label + "\n";
  out += "  IR version:  " + std::to_string(info.ir_version) + "\n";
  std::string producer = info.producer_name;
  if (!info.producer_version.empty()) producer += " " + info.producer_version;
  out += "  producer:    " + (producer.empty() ? std::string("(none)") : producer) + "\n";
  if (!info.domain.empty()) out += "  domain:      " + info.domain + "\n";
  if (info.model_version) out += "  version:     " + std::to_string(info.model_version) + "\n";
  if (!info.graph_name.empty()) out += "  graph:       " + info.graph_name + "\n";
  out += "  opsets:      ";
  for (size_t i = 0; i < info.opset_imports.size(); ++i) {
    if (i) out += ", ";
    out += domain_label(info.opset_imports[i].first) + " " +
           std::to_string(info.opset_imports[i].second);
  }
  out += "\n";
  append_values(out, "Inputs", info.inputs);
  append_values(out, "Outputs", info.outputs);
  out += "Parameters: " + group_digits(info.parameter_count) + " (" +
         human_bytes(info.parameter_bytes) + ") in " + std::to_string(info.initializer_count) +
         " initializers\n";
  out += "Nodes: " + std::to_string(info.node_count);
  if (info.total_node_count != info.node_count)
    out += " (" + std::to_string(info.total_node_count) + " including subgraphs)";
  out += "\n";
  if (info.function_count) out += "Functions: " + std::to_string(info.function_count) + "\n";
  if (info.shapes) append_values(out, "Values", info.values);
  if (!info.type_conflicts.empty()) {
    out += "Declared types contradicted by inference (" +
           std::to_string(info.type_conflicts.size()) + "):\n";
    for (const std::string& c : info.type_conflicts) out += "  " + c + "\n";
  }
  if (info.shapes && !info.inference_error.empty())
    out += "Shape inference failed: " + info.inference_error + "\n";
  out += "Op histogram:\n";
  size_t w = 0;
  for (const auto& [op, n] : info.op_histogram) w = std::max(w, op.size());
  for (const auto& [op, n] : info.op_histogram)
    out += "  " + op + std::string(w - op.size() + 2, ' ') + std::to_string(n) + "\n";
  return out;
}

std::string model_info_json(const ModelInfo& info, const std::string& model_label) {
  std::string out = "{\n";
  if (!model_label.empty()) out += "  \"model\": " + json_quote(model_label) + ",\n";
  out += "  \"ir_version\": " + std::to_string(info.ir_version) + ",\n";
  out += "  \"producer_name\": " + json_quote(info.producer_name) + ",\n";
  out += "  \"producer_version\": " + json_quote(info.producer_version) + ",\n";
  out += "  \"domain\": " + json_quote(info.domain) + ",\n";
  out += "  \"model_version\": " + std::to_string(info.model_version) + ",\n";
  out += "  \"graph_name\": " + json_quote(info.graph_name) + ",\n";
  out += "  \"opset_imports\": {";
  for (size_t i = 0; i < info.opset_imports.size(); ++i) {
    if (i) out += ", ";
    out += json_quote(domain_label(info.opset_imports[i].first)) + ": " +
           std::to_string(info.opset_imports[i].second);
  }
  out += "},\n";
  out += "  \"inputs\": " + json_values(info.inputs) + ",\n";
  out += "  \"outputs\": " + json_values(info.outputs) + ",\n";
  out += "  \"node_count\": " + std::to_string(info.node_count) + ",\n";
  out += "  \"total_node_count\": " + std::to_string(info.total_node_count) + ",\n";
  out += "  \"initializer_count\": " + std::to_string(info.initializer_count) + ",\n";
  out += "  \"parameter_count\": " + std::to_string(info.parameter_count) + ",\n";
  out += "  \"parameter_bytes\": " + std::to_string(info.parameter_bytes) + ",\n";
  out += "  \"function_count\": " + std::to_string(info.function_count) + ",\n";
  if (info.shapes) {
    out += "  \"values\": " + json_values(info.values, true) + ",\n";
    out += "  \"inference_error\": " + json_quote(info.inference_error) + ",\n";
    out += "  \"type_conflicts\": [";
    for (size_t i = 0; i < info.type_conflicts.size(); ++i)
      out += (i ? ", " : "") + json_quote(info.type_conflicts[i]);
    out += "],\n";
  }
  // An array of pairs keeps the count order (JSON objects are unordered).
  out += "  \"op_histogram\": [";
  for (size_t i = 0; i < info.op_histogram.size(); ++i) {
    if (i) out += ", ";
    out += '[';
    out += json_quote(info.op_histogram[i].first) + ", " +
           std::to_string(info.op_histogram[i].second) + "]";
  }
  out += "]\n}\n";
  return out;
}

}  // namespace onyx::inspect
