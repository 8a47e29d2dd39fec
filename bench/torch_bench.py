#!/usr/bin/python3
"""Latency benchmark of one model in PyTorch eager mode (CPU), matching bench/ort_bench.js.

Usage: /usr/bin/python3 bench/torch_bench.py --model NAME --threads T
           [--shape 1x1x224x224] [--warmup 10] [--runs 50]
  NAME: super_resolution (the tutorial's SuperResolutionNet, upscale 3) or a torchvision
        model from scripts/models/torchvision_models.py (resnet18, resnet50, mobilenet_v2,
        squeezenet1_1). --shape defaults to the model's usual input.
Runs under torch.no_grad() with torch.set_num_threads(T) and one inter-op thread. Prints one
JSON line: {runtime, model, threads, shape, session_create_ms, min_ms, median_ms, mean_ms,
max_ms, runs, torch_version, blas}; times in milliseconds, wall clock. The weights are those
of the generated ONNX models (seed 0; scripts/models/). session_create_ms is PyTorch's nearest
analogue of loading a model file: construct the architecture, load_state_dict from a
serialised in-memory copy of the weights, switch to eval mode. The input is
bench/fixed_input.py's tensor, identical to ort_bench.js's.

Debian's torch 1.13 links libblas.so.3, which by default is netlib's reference BLAS: convs
that PyTorch does not send to oneDNN (1x1 kernels at one thread, batch 1) and Linear layers
then run ~5x slower than with an optimised BLAS. The "blas" field names the library actually
loaded; for a fair baseline install libopenblas0-pthread, or point LD_LIBRARY_PATH at a folder
holding OpenBLAS's libblas.so.3.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts", "models"))

import torch  # noqa: E402

import torchvision_models  # noqa: E402
from fixed_input import fixed_random  # noqa: E402
from super_resolution_net import (  # noqa: E402
    TUTORIAL_UPSCALE_FACTOR,
    SuperResolutionNet,
    build_tutorial_model,
)

DEFAULT_SHAPES = {"super_resolution": (1, 1, 224, 224)}


def parse_shape(text):
    try:
        dims = tuple(int(d) for d in text.split("x"))
    except ValueError:
        dims = ()
    if not dims or min(dims) < 1:
        raise argparse.ArgumentTypeError("bad shape %r (want e.g. 1x3x224x224)" % text)
    return dims


def loaded_blas():
    """Path of the libblas.so.3 this process mapped (resolved), or 'unknown'."""
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                if "libblas.so" in path or "openblas" in path:
                    return os.path.realpath(path)
    except OSError:
        pass
    return "unknown"


def build_model(name):
    """The model with the generated ONNX file's weights."""
    if name == "super_resolution":
        return build_tutorial_model(seed=0)
    return torchvision_models.build(name, seed=0)


def load_model(name, serialized_state):
    """Constructs the architecture and loads weights from a torch.save'd state dict."""
    if name == "super_resolution":
        model = SuperResolutionNet(upscale_factor=TUTORIAL_UPSCALE_FACTOR)
    else:
        model = torchvision_models.MODELS[name][0](weights=None)
    model.load_state_dict(torch.load(io.BytesIO(serialized_state)))
    model.eval()
    return model


def main():
    parser = argparse.ArgumentParser(description="PyTorch eager latency benchmark")
    parser.add_argument(
        "--model", required=True, choices=["super_resolution"] + sorted(torchvision_models.MODELS)
    )
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--shape", type=parse_shape, default=None)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    if args.threads < 1 or args.warmup < 0 or args.runs < 1:
        parser.error("need --threads >= 1, --warmup >= 0, --runs >= 1")
    shape = args.shape or DEFAULT_SHAPES.get(args.model, torchvision_models.INPUT_SHAPE)

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)

    buffer = io.BytesIO()
    torch.save(build_model(args.model).state_dict(), buffer)
    start = time.perf_counter()
    model = load_model(args.model, buffer.getvalue())
    session_create_ms = (time.perf_counter() - start) * 1e3

    x = torch.from_numpy(fixed_random(shape))
    times = []
    with torch.no_grad():
        for _ in range(args.warmup):
            model(x)
        for _ in range(args.runs):
            start = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - start) * 1e3)

    times.sort()
    result = {
        "runtime": "pytorch",
        "model": args.model,
        "threads": args.threads,
        "shape": list(shape),
        "session_create_ms": round(session_create_ms, 3),
        "min_ms": round(times[0], 3),
        "median_ms": round(statistics.median(times), 3),
        "mean_ms": round(statistics.fmean(times), 3),
        "max_ms": round(times[-1], 3),
        "runs": args.runs,
        "torch_version": torch.__version__,
        "blas": loaded_blas(),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
