// Loading ONNX files into the IR and saving IR back to ONNX bytes.
//
// Files are mmapped; raw_data of initializers is viewed in place when suitably aligned for its
// dtype (else copied). External data resolves relative to the model's folder and is refused when
// the resolved path escapes it. Corrupt bytes give kInvalidProtobuf errors naming the field path
// (e.g. "ModelProto.graph.node[3].attribute[1].t.dims: truncated varint").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "import/mmap_file.h"
#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"

namespace onyx::import {

Result<ir::Model> load_model_file(const std::string& path);

// Where a file model's weights live, for a session that wants to drop resident originals (weights
// its ops pre-packed): the mapping itself (tensors borrowing it can have their pages dropped), and
// for each initializer import had to copy (raw_data not aligned for its dtype), keyed by the copy's
// data pointer, the file bytes it was copied from (so the copy can be freed and rebuilt later).
// Import drops the file pages of those copied ranges from the resident set once copied.
struct WeightSources {
  std::shared_ptr<MappedFile> file;
  std::unordered_map<const void*, std::string_view> copied;
};
Result<ir::Model> load_model_file(const std::string& path, WeightSources* sources);
// `owner` keeps `data` alive (tensors may borrow it). `base_dir` empty = external data refused.
Result<ir::Model> load_model_bytes(const void* data, size_t size, std::shared_ptr<void> owner,
                                   const std::string& base_dir = "");

// A serialized TensorProto file (ONNX test data input_0.pb / output_0.pb).
Result<Tensor> load_tensor_file(const std::string& path);
Result<Tensor> parse_tensor(const void* data, size_t size);

// Serialization (weights stored inline as raw_data).
std::string serialize_model(const ir::Model& model);
std::string serialize_tensor(const Tensor& tensor, const std::string& name = "");
Status save_model(const ir::Model& model, const std::string& path);

}  // namespace onyx::import
