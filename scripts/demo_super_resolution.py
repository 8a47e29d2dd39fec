"""The main job: the tutorial's super-resolution model through onyx on a bundled cat photo.

Steps (as in the PyTorch "super-resolution with ONNX Runtime" tutorial):
  1. build SuperResolutionNet(upscale_factor=3) (seeded random weights: the tutorial's
     pretrained weights cannot be downloaded here) and export it with the tutorial's arguments;
  2. load skimage's chelsea.png (Debian's python3-skimage), resize to 224x224, take the Y
     channel of YCbCr as a 1x1x224x224 float tensor in [0, 1];
  3. run it through onyx (`onyx run`) and through PyTorch, check rtol 1e-3 / atol 1e-5;
  4. merge onyx's Y with bicubically upscaled Cb/Cr and save the RGB picture;
  5. report onyx's latency (`onyx bench`) next to PyTorch's.

Usage: /usr/bin/python3 scripts/demo_super_resolution.py [--onyx build/tools/onyx] [--out DIR]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
from PIL import Image

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(REPO, "scripts", "models"))
from super_resolution_net import build_tutorial_model  # noqa: E402

CAT = "/usr/lib/python3/dist-packages/skimage/data/chelsea.png"


def export(model, path):
    x = torch.randn(1, 1, 224, 224, requires_grad=True)
    torch.onnx.export(model, x, path, export_params=True, opset_version=10,
                      do_constant_folding=True, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch_size"}, "output": {0: "batch_size"}})


def torch_median_ms(model, x, runs=20):
    times = []
    with torch.no_grad():
        for i in range(runs + 3):
            t0 = time.perf_counter()
            model(x)
            if i >= 3:
                times.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onyx", default=os.path.join(REPO, "build", "tools", "onyx"))
    parser.add_argument("--out", default=os.path.join(REPO, "build", "demo"))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    model = build_tutorial_model()
    model_path = os.path.join(args.out, "super_resolution.onnx")
    export(model, model_path)

    img = Image.open(CAT).convert("RGB").resize((224, 224))
    y, cb, cr = img.convert("YCbCr").split()
    x = np.asarray(y, dtype=np.float32)[None, None] / 255.0

    with tempfile.TemporaryDirectory() as tmp:
        np.save(os.path.join(tmp, "input.npy"), x)
        subprocess.run([args.onyx, "run", model_path, "-i", "input=" + os.path.join(tmp, "input.npy"),
                        "-o", tmp, "--threads", str(args.threads)], check=True,
                       stdout=subprocess.DEVNULL)
        onyx_out = np.load(os.path.join(tmp, "output.npy"))
    with torch.no_grad():
        torch_out = model(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(torch_out, onyx_out, rtol=1e-3, atol=1e-5)
    print("check: onyx matches PyTorch within rtol 1e-3, atol 1e-5 (max abs diff %.2e) on %s"
          % (np.abs(torch_out - onyx_out).max(), os.path.basename(CAT)))

    out_y = Image.fromarray(np.uint8(np.clip(onyx_out[0, 0] * 255.0, 0, 255)), mode="L")
    size = out_y.size
    merged = Image.merge("YCbCr", [out_y, cb.resize(size, Image.BICUBIC),
                                   cr.resize(size, Image.BICUBIC)]).convert("RGB")
    picture = os.path.join(args.out, "cat_superres_with_onyx.png")
    merged.save(picture)
    print("wrote %s (%dx%d); the weights are random (seeded), so expect a smeared picture"
          % (picture, size[0], size[1]))

    bench = subprocess.run([args.onyx, "bench", model_path, "--threads", str(args.threads),
                            "--shape", "input=1x1x224x224", "--warmup", "3", "--runs", "20",
                            "--json"], check=True, capture_output=True, text=True)
    stats = json.loads(bench.stdout)
    torch.set_num_threads(args.threads)
    torch_ms = torch_median_ms(model, torch.from_numpy(x))
    print("latency 1x1x224x224, %d threads: onyx median %.1f ms (min %.1f), PyTorch median %.1f ms"
          % (args.threads, stats["median_ms"], stats["min_ms"], torch_ms))


if __name__ == "__main__":
    main()
