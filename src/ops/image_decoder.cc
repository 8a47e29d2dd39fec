// ImageDecoder (opset 20): decodes one encoded image (uint8 1-D tensor of the file's bytes) to an
// HWC uint8 tensor: [H, W, 3] for pixel_format "RGB" (default) or "BGR", [H, W, 1] for
// "Grayscale" (BT.601 luma, ops/common/image_codecs.h). The format is recognized from the bytes.
// Decoded here: BMP, PNM and PNG (ops/common/image_codecs.h). JPEG, JPEG 2000, TIFF and WebP are
// recognized and refused with NotImplemented naming the format. Output shape depends on the data.
#include "ops/common/image_codecs.h"
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class ImageDecoderOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<uint8_t>>();

  Status init(const InitContext& ctx) override {
    const std::string format = ctx.node().attr_string("pixel_format", "RGB");
    if (format == "RGB")
      format_ = PixelFormat::kRgb;
    else if (format == "BGR")
      format_ = PixelFormat::kBgr;
    else if (format == "Grayscale")
      format_ = PixelFormat::kGray;
    else
      return ctx.error("pixel_format must be RGB, BGR or Grayscale, got '" + format + "'");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    if (ctx.input(0).has_shape && ctx.input(0).rank() != 1)
      return ctx.input_error(0, "must be 1-D (the encoded file's bytes)");
    ctx.output(0) = ValueType::tensor(
        DType::kUInt8, {kUnknownDim, kUnknownDim, format_ == PixelFormat::kGray ? 1 : 3});
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const auto* bytes = x.data<uint8_t>();
    const auto size = static_cast<size_t>(x.numel());
    const ImageFormat f = sniff_image_format(bytes, size);
    Result<RgbImage> decoded = Status(StatusCode::kNotImplemented, "");
    if (f == ImageFormat::kBmp)
      decoded = decode_bmp(bytes, size);
    else if (f == ImageFormat::kPnm)
      decoded = decode_pnm(bytes, size);
    else if (f == ImageFormat::kPng)
      decoded = decode_png(bytes, size);
    else if (f == ImageFormat::kUnknown)
      return ctx.error("the input is not an image file of a known format");
    else
      return Status(StatusCode::kNotImplemented,
                    std::string("ImageDecoder: decoding ") + image_format_name(f) +
                        " images is not implemented (onyx decodes BMP, PNM and PNG)");
    if (!decoded.is_ok()) return ctx.error(decoded.status().message());
    const RgbImage& img = decoded.value();
    const int64_t channels = format_ == PixelFormat::kGray ? 1 : 3;
    Tensor& y = output_of_shape(ctx, 0, DType::kUInt8, {img.height, img.width, channels});
    uint8_t* out = y.data<uint8_t>();
    const uint8_t* in = img.rgb.data();
    for (int64_t p = 0; p < img.height * img.width; ++p, in += 3) {
      if (format_ == PixelFormat::kGray) {
        out[p] = rgb_to_gray(in[0], in[1], in[2]);
      } else {
        const bool bgr = format_ == PixelFormat::kBgr;
        out[3 * p] = in[bgr ? 2 : 0], out[3 * p + 1] = in[1], out[3 * p + 2] = in[bgr ? 0 : 2];
      }
    }
    return Status::ok();
  }

 private:
  enum class PixelFormat { kRgb, kBgr, kGray };
  PixelFormat format_ = PixelFormat::kRgb;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ImageDecoder, ImageDecoderOp)
