// onyx/model_io.hpp: saving an optimized model.
#include "onyx/model_io.hpp"

#include <memory>

#include "import/loader.h"
#include "runtime/opt_level.h"

namespace onyx {

Status save_optimized_model(const std::string& path_or_bytes, bool is_bytes, OptLevel level,
                            const std::string& out_path,
                            const std::vector<std::string>& disabled_optimizers) {
  Result<ir::Model> loaded = [&]() -> Result<ir::Model> {
    if (!is_bytes) return import::load_model_file(path_or_bytes);
    auto bytes = std::make_shared<std::string>(path_or_bytes);
    return import::load_model_bytes(bytes->data(), bytes->size(), bytes);
  }();
  if (!loaded.is_ok()) return loaded.status();
  ir::Model model = std::move(loaded).value();
  ONYX_RETURN_IF_ERROR(optimize_graph(model, level, disabled_optimizers).status());
  return import::save_model(model, out_path);
}

}  // namespace onyx
