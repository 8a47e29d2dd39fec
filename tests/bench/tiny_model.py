#!/usr/bin/python3
"""Writes a tiny benchmark-set model with its manifest (bench_export.py's layout) for the bench
tests: x[1,3,16,16] -> Conv(8 filters 3x3, pad 1) -> Relu -> Flatten -> MatMul(W[2048,64]).

Usage: tiny_model.py DIR   (writes DIR/tiny.onnx, tiny_in0.npy, tiny_out0.npy, tiny.json)
Conv: 2 * (8*16*16) * 27 = 110592 FLOPs, MatMul: 2 * 64 * 2048 = 262144; 372736 in all.
The reference output is computed here in numpy (float64, stored as float32).
"""

import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

TOTAL_FLOPS = 372736


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(7)
    w = rng.uniform(-0.5, 0.5, (8, 3, 3, 3)).astype(np.float32)
    w2 = rng.uniform(-0.1, 0.1, (2048, 64)).astype(np.float32)
    x = rng.uniform(-1, 1, (1, 3, 16, 16)).astype(np.float32)
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["r"], name="relu"),
             helper.make_node("Flatten", ["r"], ["f"], name="flatten"),
             helper.make_node("MatMul", ["f", "w2"], ["y"], name="matmul")]
    graph = helper.make_graph(
        nodes, "tiny", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, 16, 16])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 64])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(w2, "w2")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, "tiny.onnx"))

    padded = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (1, 1), (1, 1)))
    conv = np.zeros((1, 8, 16, 16))
    for i in range(3):
        for j in range(3):
            conv += np.einsum("chw,oc->ohw", padded[0, :, i:i + 16, j:j + 16],
                              w[:, :, i, j].astype(np.float64))[None]
    y = np.maximum(conv, 0).reshape(1, -1) @ w2.astype(np.float64)
    np.save(os.path.join(out, "tiny_in0.npy"), x)
    np.save(os.path.join(out, "tiny_out0.npy"), y.astype(np.float32))
    manifest = {"model": "tiny.onnx", "opset": 17, "rtol": 1e-3, "atol": 1e-5,
                "inputs": [{"name": "x", "dtype": "float", "shape": [1, 3, 16, 16],
                            "file": "tiny_in0.npy"}],
                "outputs": [{"name": "y", "file": "tiny_out0.npy"}]}
    with open(os.path.join(out, "tiny.json"), "w") as f:
        json.dump(manifest, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
