#!/usr/bin/python3
"""Exports the benchmark's model set (bench_models.py) to ONNX with PyTorch reference outputs.

Usage: /usr/bin/python3 scripts/models/bench_export.py [--models a,b] [--out DIR] [--force]
  default DIR: models/generated/bench (gitignored); default: every model, skipping those whose
  manifest exists (--force re-exports).

Each model: opset 17, constant folding on, a dynamic batch axis on every input and output. Writes
DIR/<name>.onnx, the fixed inputs DIR/<name>_in<i>.npy, PyTorch's outputs DIR/<name>_out<i>.npy
and DIR/<name>.json: {model, opset, inputs: [{name, dtype, shape, file}], outputs: [{name,
file}], rtol, atol, torch_version}. The benchmark compares every runtime's outputs with these.
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import onnx
import torch

import bench_models
import export_common

OPSET = 17


def export(name, out_dir):
    start = time.time()
    model = bench_models.build(name)
    fixed = bench_models.inputs(name)
    tensors = tuple(torch.from_numpy(a) for _, a in fixed)
    with torch.no_grad():
        result = model(*tensors)
    results = result if isinstance(result, (tuple, list)) else (result,)
    input_names = [spec.name for spec, _ in fixed]
    output_names = bench_models.MODELS[name][2]
    dynamic = {n: {0: "batch"} for n in input_names + output_names}
    model_file = name + ".onnx"
    torch.onnx.export(model, tensors, os.path.join(out_dir, model_file), export_params=True,
                      opset_version=OPSET, do_constant_folding=True, input_names=input_names,
                      output_names=output_names, dynamic_axes=dynamic)
    onnx.checker.check_model(onnx.load(os.path.join(out_dir, model_file)), full_check=True)
    manifest = {"model": model_file, "opset": OPSET, "inputs": [], "outputs": [],
                "rtol": export_common.RTOL, "atol": export_common.ATOL,
                "torch_version": torch.__version__}
    for i, (spec, array) in enumerate(fixed):
        file = "%s_in%d.npy" % (name, i)
        np.save(os.path.join(out_dir, file), array)
        manifest["inputs"].append({"name": spec.name, "dtype": spec.dtype,
                                   "shape": list(array.shape), "file": file})
    for i, (out_name, tensor) in enumerate(zip(output_names, results)):
        file = "%s_out%d.npy" % (name, i)
        np.save(os.path.join(out_dir, file), tensor.numpy())
        manifest["outputs"].append({"name": out_name, "file": file})
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print("exported %s in %.1f s" % (name, time.time() - start), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--models", default=",".join(bench_models.MODELS))
    parser.add_argument("--out", default=os.path.join(export_common.DEFAULT_OUT_DIR, "bench"))
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)
    for name in args.models.split(","):
        if name not in bench_models.MODELS:
            parser.error("unknown model %r; known: %s" % (name, ", ".join(bench_models.MODELS)))
        if not args.force and os.path.exists(os.path.join(args.out, name + ".json")):
            continue
        export(name, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
