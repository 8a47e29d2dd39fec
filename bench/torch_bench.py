#!/usr/bin/python3
"""Latency benchmark of one model in PyTorch eager mode (CPU), matching bench/ort_bench.js.

Usage: /usr/bin/python3 bench/torch_bench.py --model NAME --threads T
           [--shape 1x1x224x224] [--warmup 10] [--runs 50]
       /usr/bin/python3 bench/torch_bench.py --manifest DIR/NAME.json --threads T [...]
  --manifest: a model of the benchmark set (scripts/models/bench_models.py, exported by
        bench_export.py): feeds the manifest's .npy inputs and compares the first run's outputs
        with its saved PyTorch outputs ("check"); session_create_ms is then torch.load of the
        whole pickled module from memory (architecture and weights), eval mode.
  NAME: super_resolution (the tutorial's SuperResolutionNet, upscale 3) or a torchvision
        model from scripts/models/torchvision_models.py (resnet18, resnet50, mobilenet_v2,
        squeezenet1_1). --shape defaults to the model's usual input.
Runs under torch.no_grad() with torch.set_num_threads(T) and one inter-op thread. Prints one
JSON line: {runtime, model, threads, shape, session_create_ms, first_run_ms, min_ms, median_ms,
mean_ms, max_ms, runs, torch_version, blas[, check]}; times in milliseconds, wall clock. The weights are those
of the generated ONNX models (seed 0; scripts/models/). session_create_ms is PyTorch's nearest
analogue of loading a model file: construct the architecture, load_state_dict from a
serialised in-memory copy of the weights, switch to eval mode. The input is
bench/fixed_input.py's tensor, identical to ort_bench.js's.

Debian's torch 1.13 (BLAS_INFO=generic) links libblas.so.3, which by default is netlib's
reference BLAS: convs that PyTorch does not send to oneDNN (1x1 kernels at one thread, batch 1)
and Linear layers then run ~5x slower than with an optimised BLAS. The "blas" field names the
library actually loaded; bench/run_all.py runs this script with LD_LIBRARY_PATH pointing at
OpenBLAS's libblas.so.3 (libopenblas0-openmp) and OMP_NUM_THREADS=T.
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

import bench_models  # noqa: E402
import numpy as np  # noqa: E402
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


def peak_rss_mib():
    """Peak resident set of this process image in MiB (VmHWM; ru_maxrss would include what the
    parent held when it forked this process), or None."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024.0, 1)
    except OSError:
        pass
    return None


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


def check_outputs(manifest, manifest_dir, outputs):
    """Per output: {name, ok, max_abs, violations, same_shape} against the saved reference."""
    results = []
    for spec, got in zip(manifest["outputs"], outputs):
        expected = np.load(os.path.join(manifest_dir, spec["file"]))
        got = got.numpy()
        same = got.shape == expected.shape
        diff = np.abs(got - expected) if same else np.array([np.inf])
        bad = int((~(diff <= manifest["atol"] + manifest["rtol"] * np.abs(expected))).sum()) \
            if same else -1
        results.append({"name": spec["name"], "ok": same and bad == 0,
                        "max_abs": float(diff.max()), "violations": bad, "same_shape": same})
    return results


def load_manifest_model(path):
    """(name, manifest, dir, module loaded from a pickled copy, create ms, input tensors)."""
    with open(path) as f:
        manifest = json.load(f)
    name = os.path.splitext(os.path.basename(path))[0]
    buffer = io.BytesIO()
    torch.save(bench_models.build(name), buffer)
    start = time.perf_counter()
    model = torch.load(io.BytesIO(buffer.getvalue()))
    model.eval()
    create_ms = (time.perf_counter() - start) * 1e3
    directory = os.path.dirname(path)
    tensors = [torch.from_numpy(np.load(os.path.join(directory, i["file"])))
               for i in manifest["inputs"]]
    return name, manifest, directory, model, create_ms, tensors


def main():
    parser = argparse.ArgumentParser(description="PyTorch eager latency benchmark")
    parser.add_argument(
        "--model", choices=["super_resolution"] + sorted(torchvision_models.MODELS)
    )
    parser.add_argument("--manifest", help="benchmark-set manifest (bench_export.py)")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--shape", type=parse_shape, default=None)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    if args.threads < 1 or args.warmup < 0 or args.runs < 1:
        parser.error("need --threads >= 1, --warmup >= 0, --runs >= 1")
    if (args.model is None) == (args.manifest is None):
        parser.error("give exactly one of --model and --manifest")

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)

    manifest = None
    if args.manifest:
        name, manifest, directory, model, session_create_ms, inputs = load_manifest_model(
            args.manifest)
        shape = [list(t.shape) for t in inputs]
    else:
        name = args.model
        shape = args.shape or DEFAULT_SHAPES.get(args.model, torchvision_models.INPUT_SHAPE)
        buffer = io.BytesIO()
        torch.save(build_model(args.model).state_dict(), buffer)
        start = time.perf_counter()
        model = load_model(args.model, buffer.getvalue())
        session_create_ms = (time.perf_counter() - start) * 1e3
        inputs = [torch.from_numpy(fixed_random(shape))]

    times = []
    with torch.no_grad():
        start = time.perf_counter()
        first = model(*inputs)
        first_run_ms = (time.perf_counter() - start) * 1e3
        for _ in range(1, args.warmup):
            model(*inputs)
        for _ in range(args.runs):
            start = time.perf_counter()
            model(*inputs)
            times.append((time.perf_counter() - start) * 1e3)

    times.sort()
    result = {
        "runtime": "pytorch",
        "model": name,
        "threads": args.threads,
        "shape": list(shape),
        "session_create_ms": round(session_create_ms, 3),
        "first_run_ms": round(first_run_ms, 3),
        "min_ms": round(times[0], 3),
        "median_ms": round(statistics.median(times), 3),
        "mean_ms": round(statistics.fmean(times), 3),
        "max_ms": round(times[-1], 3),
        "runs": args.runs,
        "torch_version": torch.__version__,
        "blas": loaded_blas(),
        "peak_rss_mib": peak_rss_mib(),
    }
    if manifest:
        firsts = first if isinstance(first, (tuple, list)) else (first,)
        result["check"] = check_outputs(manifest, directory, firsts)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
