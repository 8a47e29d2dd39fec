// Schemas of the ONNX standard's "image" operators (see schema/defs.h).
#include "schema/defs.h"

namespace onyx::schema {
namespace {

void add_image_decoder(SchemaBuilder& b) {
  b.op("ImageDecoder", 20)
      .summary(
          "Decodes an encoded image byte stream (JPEG, PNG, BMP, ...) into an HWC uint8 tensor in "
          "the requested pixel format.")
      .input("encoded_stream", "T1")
      .output("image", "T2")
      .types("T1", types::tensors({"uint8"}))
      .types("T2", types::tensors({"uint8"}))
      .attr("pixel_format", AttrType::kString, "RGB");
}

}  // namespace

void add_image_schemas(SchemaBuilder& b) {
  add_image_decoder(b);
}

}  // namespace onyx::schema
