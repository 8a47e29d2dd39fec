#!/usr/bin/python3
"""Trains the tutorial's SuperResolutionNet(upscale_factor=3) and exports it to ONNX.

Usage: nice -n 10 /usr/bin/python3 scripts/models/train_super_resolution.py [--out DIR]
       [--epochs N] [--patches N] [--export-only]
(--export-only re-exports both files from the weights stored in DIR/super_resolution.onnx.)

Data: the Y channel of the natural photos in Debian's python3-skimage (sr_data.TRAIN_PHOTOS,
each at full size and at half size); random 51x51 HR patches and the matching 17x17 LR patches
of the bicubically reduced image (sr_data.hr_lr_pair), with random flips/transposes.
Held-out photos (sr_data.HELD_OUT_PHOTOS) are never seen in training.
Training: MSE loss, Adam lr 1e-3 (x0.1 for the last fifth of the epochs), batch 64, CPU.
Deterministic for a given torch build and thread count (all seeds fixed).

Writes to DIR (default models/super_resolution):
  super_resolution.onnx               tutorial export arguments: opset 10, dynamic batch only
  super_resolution_dynamic.onnx       the same, with dynamic height and width too
  training_log.json                   run parameters, per-epoch loss, held-out PSNR/SSIM
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sr_data  # noqa: E402
from super_resolution_net import SuperResolutionNet  # noqa: E402

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO_ROOT, "models", "super_resolution")
SEED = 0
LR_PATCH = 17
BATCH = 64


def sample_patches(count, rng):
    """(lr, hr) float32 arrays N x 1 x 17 x 17 and N x 1 x 51 x 51, in [0, 1]."""
    pairs = []
    for name in sr_data.TRAIN_PHOTOS:
        y = sr_data.load_y(name)
        pairs.append(sr_data.hr_lr_pair(y))
        half = y.resize((y.size[0] // 2, y.size[1] // 2), Image.BICUBIC)
        pairs.append(sr_data.hr_lr_pair(half))
    areas = np.array([lr.size[0] * lr.size[1] for _, lr in pairs], dtype=np.float64)
    per_pair = rng.multinomial(count, areas / areas.sum())
    f, p = sr_data.UPSCALE, LR_PATCH
    lrs, hrs = [], []
    for (hr, lr), n in zip(pairs, per_pair):
        hr_a = np.asarray(hr, dtype=np.float32) / 255.0
        lr_a = np.asarray(lr, dtype=np.float32) / 255.0
        ys = rng.integers(0, lr_a.shape[0] - p + 1, n)
        xs = rng.integers(0, lr_a.shape[1] - p + 1, n)
        for y0, x0 in zip(ys, xs):
            lrs.append(lr_a[y0:y0 + p, x0:x0 + p])
            hrs.append(hr_a[f * y0:f * (y0 + p), f * x0:f * (x0 + p)])
    return np.stack(lrs)[:, None], np.stack(hrs)[:, None]


def augment(lr, hr, gen):
    """The same random flip/transpose applied to the whole batch (8 symmetries of the square)."""
    k = int(torch.randint(0, 8, (1,), generator=gen))
    if k & 1:
        lr, hr = lr.flip(3), hr.flip(3)
    if k & 2:
        lr, hr = lr.flip(2), hr.flip(2)
    if k & 4:
        lr, hr = lr.transpose(2, 3), hr.transpose(2, 3)
    return lr, hr


def train(args, log):
    rng = np.random.default_rng(SEED)
    lr_np, hr_np = sample_patches(args.patches, rng)
    lr_t, hr_t = torch.from_numpy(lr_np), torch.from_numpy(hr_np)
    torch.manual_seed(SEED)
    model = SuperResolutionNet(upscale_factor=sr_data.UPSCALE)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    decay_epoch = args.epochs - max(1, args.epochs // 5)
    gen = torch.Generator().manual_seed(SEED)
    start = time.time()
    for epoch in range(args.epochs):
        if epoch == decay_epoch:
            for group in opt.param_groups:
                group["lr"] = 1e-4
        model.train()
        order = torch.randperm(len(lr_t), generator=gen)
        total, batches = 0.0, 0
        for b in range(0, len(order) - BATCH + 1, BATCH):
            idx = order[b:b + BATCH]
            x, target = augment(lr_t[idx], hr_t[idx], gen)
            loss = F.mse_loss(model(x), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss)
            batches += 1
        mean = total / batches
        elapsed = time.time() - start
        log["epochs"].append({"epoch": epoch + 1, "mse": mean,
                              "psnr_db": 10 * np.log10(1.0 / mean), "elapsed_s": elapsed})
        print("epoch %2d/%d  mse %.6f (%.2f dB)  %.0f s" % (
            epoch + 1, args.epochs, mean, 10 * np.log10(1.0 / mean), elapsed), flush=True)
    log["train_seconds"] = time.time() - start
    model.eval()
    return model


def evaluate(model):
    """Per held-out photo: PSNR/SSIM on Y of the model and of bicubic upscaling (PyTorch run)."""
    def run(x):
        with torch.no_grad():
            return model(torch.from_numpy(x)).numpy()

    rows = []
    for name in sr_data.HELD_OUT_PHOTOS:
        rows.append(sr_data.evaluate_photo(name, run))
        print("%-14s PSNR model %.2f dB, bicubic %.2f dB; SSIM model %.4f, bicubic %.4f" % (
            name, rows[-1]["psnr_model"], rows[-1]["psnr_bicubic"], rows[-1]["ssim_model"],
            rows[-1]["ssim_bicubic"]))
    return rows


def export(model, out_dir):
    x = torch.randn(1, 1, 224, 224, generator=torch.Generator().manual_seed(1),
                    requires_grad=True)
    static_path = os.path.join(out_dir, "super_resolution.onnx")
    # The tutorial's export call, argument for argument.
    torch.onnx.export(model, x, static_path, export_params=True, opset_version=10,
                      do_constant_folding=True, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch_size"}, "output": {0: "batch_size"}})
    # Any image size: the same arguments plus dynamic height and width. At opset 10 torch 1.13
    # exports PixelShuffle as Unsqueeze/Reshape/Transpose/Reshape/Squeeze whose shape constants
    # use 0 (copy) and -1 (infer), so no image size is baked in (checked by
    # tests/examples/sr_model_matches_pytorch.py at 100x150 and 37x61).
    dynamic_path = os.path.join(out_dir, "super_resolution_dynamic.onnx")
    torch.onnx.export(model, x, dynamic_path, export_params=True, opset_version=10,
                      do_constant_folding=True, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch_size", 2: "height", 3: "width"},
                                    "output": {0: "batch_size", 2: "height", 3: "width"}})
    print("wrote %s and %s" % (static_path, dynamic_path))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--patches", type=int, default=8192)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--export-only", action="store_true",
                        help="re-export the weights stored in DIR/super_resolution.onnx")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(args.threads)
    if args.export_only:
        model = sr_data.torch_model_from_onnx(os.path.join(args.out, "super_resolution.onnx"))
        evaluate(model)
    else:
        log = {"seed": SEED, "epochs_requested": args.epochs, "patches": args.patches,
               "lr_patch": LR_PATCH, "hr_patch": LR_PATCH * sr_data.UPSCALE, "batch": BATCH,
               "optimizer": "Adam lr 1e-3, 1e-4 for the last fifth", "threads": args.threads,
               "torch": torch.__version__, "train_photos": sr_data.TRAIN_PHOTOS,
               "held_out_photos": sr_data.HELD_OUT_PHOTOS, "epochs": []}
        model = train(args, log)
        log["held_out"] = evaluate(model)
        with open(os.path.join(args.out, "training_log.json"), "w") as f:
            json.dump(log, f, indent=1)
    export(model, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
