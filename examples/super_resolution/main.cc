// super_resolution: the PyTorch "super-resolution with ONNX Runtime" tutorial as a C++ app on
// onyx's public API, with weights trained by scripts/models/train_super_resolution.py.
//
//   super_resolution INPUT [-o OUTPUT.png] [options]
//
// Default (the tutorial): resize INPUT to 224x224 (PIL bilinear, as torchvision's Resize),
// convert to YCbCr (PIL's formula), run the model on Y (static 224x224 model), upscale Cb/Cr
// bicubically, merge and write the 672x672 RGB result.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "image_io.h"
#include "onyx/session.hpp"
#include "sr_pipeline.h"

#ifndef SR_MODEL_DIR
#define SR_MODEL_DIR "models/super_resolution"
#endif

namespace {

constexpr int kTutorialSize = 224;

const char kUsage[] =
    "usage: super_resolution INPUT [-o OUTPUT] [options]\n"
    "  -o, --output PATH     upscaled RGB image, .png or .jpg (default: INPUT_superres.png)\n"
    "  --native-size         process the image at its own size (dynamic-size model) instead\n"
    "                        of resizing it to 224x224 first\n"
    "  --compare PATH        also write bicubic (left) vs onyx (right) side by side\n"
    "  --evaluate            also measure quality: reduce INPUT's Y plane 3x (PIL bicubic),\n"
    "                        upscale it with the model and with bicubic, print both PSNRs\n"
    "  --model PATH          model for 224x224 inputs (default: " SR_MODEL_DIR
    "/super_resolution.onnx)\n"
    "  --dynamic-model PATH  model for any size (default: " SR_MODEL_DIR
    "/super_resolution_dynamic.onnx)\n"
    "  --convert             accept grayscale/alpha images (gray replicated, alpha dropped)\n"
    "  --threads N           intra-op threads (default 0 = all cores)\n"
    "  --runs N              timed runs for the latency median (default 10)\n";

struct Args {
  std::string input, output, compare;
  std::string model = std::string(SR_MODEL_DIR) + "/super_resolution.onnx";
  std::string dynamic_model = std::string(SR_MODEL_DIR) + "/super_resolution_dynamic.onnx";
  bool native_size = false, evaluate = false, convert = false;
  int threads = 0, runs = 10;
};

bool parse_args(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string number;
    if (a == "-o" || a == "--output") {
      if (!value(&args->output)) return false;
    } else if (a == "--compare") {
      if (!value(&args->compare)) return false;
    } else if (a == "--model") {
      if (!value(&args->model)) return false;
    } else if (a == "--dynamic-model") {
      if (!value(&args->dynamic_model)) return false;
    } else if (a == "--threads" || a == "--runs") {
      if (!value(&number)) return false;
      (a == "--threads" ? args->threads : args->runs) = std::atoi(number.c_str());
    } else if (a == "--native-size") {
      args->native_size = true;
    } else if (a == "--evaluate") {
      args->evaluate = true;
    } else if (a == "--convert") {
      args->convert = true;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "unknown option '%s'\n", a.c_str());
      return false;
    } else if (args->input.empty()) {
      args->input = a;
    } else {
      return false;
    }
  }
  if (args->output.empty() && !args->input.empty()) {
    const size_t dot = args->input.rfind('.');
    args->output = args->input.substr(0, dot) + "_superres.png";
  }
  return !args->input.empty() && args->threads >= 0 && args->runs >= 1;
}

int fail(const onyx::Status& status) {
  std::fprintf(stderr, "error: %s\n", status.to_string().c_str());
  return 1;
}

onyx::Result<onyx::Session> load_model(const std::string& path, int threads) {
  auto session = onyx::Session::load(path, onyx::Options().threads(threads));
  if (!session.is_ok()) return session.status().with_context("loading model '" + path + "'");
  return session;
}

// --evaluate: PSNR of model vs bicubic on the 3x-reduced Y plane of the full-size image.
int evaluate(const sr::Image8& rgb, const Args& args) {
  auto session = load_model(args.dynamic_model, args.threads);
  if (!session.is_ok()) return fail(session.status());
  const sr::Image8 y = sr::extract_channel(sr::rgb_to_ycbcr(rgb), 0);
  const int w = y.width / sr::kUpscale, h = y.height / sr::kUpscale;
  sr::Image8 hr(w * sr::kUpscale, h * sr::kUpscale, 1);
  for (int r = 0; r < hr.height; ++r)
    for (int c = 0; c < hr.width; ++c) hr.at(c, r, 0) = y.at(c, r, 0);
  const sr::Image8 lr = sr::pil_resize(hr, w, h, sr::ResampleFilter::kBicubic);
  auto model_y = sr::run_model_on_plane(session.value(), lr, 1, nullptr);
  if (!model_y.is_ok()) return fail(model_y.status());
  const sr::Image8 bicubic_y =
      sr::pil_resize(lr, hr.width, hr.height, sr::ResampleFilter::kBicubic);
  std::printf("psnr (Y, %dx%d reduced 3x and restored): model %.2f dB, bicubic %.2f dB\n", hr.width,
              hr.height, sr::psnr(hr, model_y.value(), sr::kUpscale),
              sr::psnr(hr, bicubic_y, sr::kUpscale));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, &args)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  auto rgb = sr::read_rgb_image(args.input, args.convert);
  if (!rgb.is_ok()) return fail(rgb.status());

  const sr::Image8 small = args.native_size
                               ? rgb.value()
                               : sr::pil_resize(rgb.value(), kTutorialSize, kTutorialSize,
                                                sr::ResampleFilter::kBilinear);
  const std::string& model_path = args.native_size ? args.dynamic_model : args.model;
  auto session = load_model(model_path, args.threads);
  if (!session.is_ok()) return fail(session.status());

  const sr::Image8 ycbcr = sr::rgb_to_ycbcr(small);
  sr::Timing timing;
  auto y_up =
      sr::run_model_on_plane(session.value(), sr::extract_channel(ycbcr, 0), args.runs, &timing);
  if (!y_up.is_ok()) return fail(y_up.status().with_context("running '" + model_path + "'"));
  const sr::Image8 result = sr::merge_with_chroma(y_up.value(), ycbcr);
  if (auto s = sr::write_image(args.output, result); !s.is_ok()) return fail(s);
  std::printf("wrote %s (%dx%d from %dx%d)\n", args.output.c_str(), result.width, result.height,
              small.width, small.height);
  const std::string threads = args.threads == 0 ? "all cores" : std::to_string(args.threads);
  std::printf("latency: median %.2f ms over %d runs (model only, 1x1x%dx%d, threads: %s)\n",
              timing.median_ms, timing.runs, small.height, small.width, threads.c_str());

  if (!args.compare.empty()) {
    const sr::Image8 bicubic_y = sr::pil_resize(sr::extract_channel(ycbcr, 0), result.width,
                                                result.height, sr::ResampleFilter::kBicubic);
    const sr::Image8 bicubic = sr::merge_with_chroma(bicubic_y, ycbcr);
    if (auto s = sr::write_image(args.compare, sr::side_by_side(bicubic, result, 8)); !s.is_ok())
      return fail(s);
    std::printf("wrote %s (left: bicubic, right: onyx super-resolution)\n", args.compare.c_str());
  }
  return args.evaluate ? evaluate(rgb.value(), args) : 0;
}
