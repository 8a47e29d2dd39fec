// The tutorial's super-resolution pipeline on onyx: Y plane in [0, 1] through the model, Cb/Cr
// upscaled bicubically, merged and converted back to RGB (all conversions as PIL does them).
#pragma once

#include <vector>

#include "onyx/session.hpp"
#include "pil_image_ops.h"

namespace sr {

// The tutorial's model upscales by this factor.
constexpr int kUpscale = 3;

struct Timing {
  double median_ms = 0;  // median latency of session.run over the timed runs
  int runs = 0;
};

// Runs the model on a 1-channel image (input "input", 1x1xHxW float32 = pixel / 255) and
// returns the output plane as 8-bit (round(clamp(v * 255, 0, 255)), half to even). The model
// runs `runs` times (at least once) after one warm-up run; `timing` gets the median.
onyx::Result<Image8> run_model_on_plane(onyx::Session& session, const Image8& plane, int runs,
                                        Timing* timing);

// Merges a super-resolved Y plane with the image's Cb/Cr planes upscaled bicubically to its
// size; returns RGB.
Image8 merge_with_chroma(const Image8& y_up, const Image8& ycbcr_small);

// Left | gap | right, the gap white; both images RGB with the same height.
Image8 side_by_side(const Image8& left, const Image8& right, int gap);

// PSNR (dB, peak 255) of two 1-channel images, ignoring `shave` pixels at each border.
double psnr(const Image8& reference, const Image8& test, int shave);

}  // namespace sr
