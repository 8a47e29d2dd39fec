"""The main job: the tutorial's super-resolution app through onyx on skimage's cat photo.

Steps (as in the PyTorch "super-resolution with ONNX Runtime" tutorial, with weights trained
by scripts/models/train_super_resolution.py and committed in models/super_resolution/):
  1. the C++ app (examples/super_resolution) resizes skimage's chelsea.png (Debian's
     python3-skimage) to 224x224, runs SuperResolutionNet on its Y channel through onyx,
     upscales Cb/Cr bicubically and writes the 672x672 RGB picture, plus a side-by-side
     (bicubic | onyx) picture; it prints the model latency;
  2. the app's --evaluate: chelsea's Y plane reduced 3x and restored by the model and by
     bicubic, PSNR of both against the original;
  3. check: onyx's output on the tutorial input matches PyTorch's (rtol 1e-3, atol 1e-5).

Usage: /usr/bin/python3 scripts/demo_super_resolution.py [--build build] [--out DIR]
"""

import argparse
import os
import subprocess
import sys

import numpy as np
import torch
from PIL import Image

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(REPO, "scripts", "models"))
import sr_data  # noqa: E402

CAT = sr_data.photo_path("chelsea.png")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(REPO, "build"), help="build folder")
    parser.add_argument("--out", default=os.path.join(REPO, "build", "demo"))
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    app = os.path.join(args.build, "examples", "super_resolution", "super_resolution")
    onyx = os.path.join(args.build, "tools", "onyx")
    for path in (app, onyx, CAT, sr_data.STATIC_MODEL):
        if not os.path.exists(path):
            sys.exit("demo: missing %s (run scripts/build.sh; the cat is python3-skimage's)"
                     % path)

    picture = os.path.join(args.out, "cat_superres_with_onyx.png")
    compare = os.path.join(args.out, "cat_bicubic_vs_onyx.png")
    subprocess.run([app, CAT, "-o", picture, "--compare", compare, "--evaluate",
                    "--threads", str(args.threads), "--runs", "20"], check=True)

    # The tutorial's check: onyx against PyTorch on the resized cat's Y channel.
    y = Image.open(CAT).convert("RGB").resize((224, 224), Image.BILINEAR).convert("YCbCr")
    x = sr_data.to_input(y.split()[0])
    onyx_out = sr_data.run_onyx_cli(onyx, sr_data.STATIC_MODEL, x, threads=args.threads)
    with torch.no_grad():
        torch_out = sr_data.torch_model_from_onnx()(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(torch_out, onyx_out, rtol=1e-3, atol=1e-5)
    print("check: onyx matches PyTorch within rtol 1e-3, atol 1e-5 (max abs diff %.2e)"
          % np.abs(torch_out - onyx_out).max())


if __name__ == "__main__":
    main()
