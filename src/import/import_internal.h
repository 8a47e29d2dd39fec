// Internal interfaces of the import layer (views -> IR).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "import/loader.h"
#include "import/mmap_file.h"
#include "ir/graph.h"
#include "onyx/status.hpp"
#include "onyx/tensor.hpp"
#include "proto/onnx_views.h"

namespace onyx::import {

struct ImportContext {
  // Keeps the parsed bytes alive. When null, tensors never borrow the bytes (they are copied).
  std::shared_ptr<void> owner;
  // Folder that external data locations are relative to; "" refuses external data.
  std::string base_dir;
  // Set by load_model_file(path, sources): records the initializers copied out of the file.
  WeightSources* sources = nullptr;
  // External data files mapped so far, by canonical path.
  std::map<std::string, std::shared_ptr<MappedFile>> external_files;
};

// Bytes of an external-data tensor and the object keeping them alive.
struct ExternalBytes {
  std::string_view bytes;
  std::shared_ptr<void> owner;
};

// TensorProto -> Tensor. Validates dtype, dims and element counts; resolves external data.
Result<Tensor> import_tensor(const proto::TensorView& view, ImportContext& ctx);
// SparseTensorProto -> dense Tensor (zeros / empty strings where no value is given).
Result<Tensor> import_sparse_tensor(const proto::SparseTensorView& view, ImportContext& ctx);
// Resolves external_data (location/offset/length) against ctx.base_dir and maps the range.
Result<ExternalBytes> read_external_data(const proto::TensorView& view, ImportContext& ctx);
// Product of dims with overflow and negativity checks.
Result<int64_t> checked_numel(const Shape& dims);

ir::TypeInfo import_type(const proto::TypeView& view);
Result<ir::Graph> import_graph(const proto::GraphView& view, ImportContext& ctx);

}  // namespace onyx::import
