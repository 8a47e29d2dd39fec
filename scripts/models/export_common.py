"""Shared helpers for the model generators in scripts/models/.

Each generator exports one PyTorch model to ONNX and saves reference cases: an input
array and PyTorch's output for it, as float32 .npy files next to the model, plus a
<model>.json manifest naming them. Consumers compare onyx's output to the saved output
with the rtol/atol the manifest records (default 1e-3 / 1e-5, the tutorial's tolerances).
"""

import argparse
import json
import os

import numpy as np
import onnx

# Default output folder, relative to the repository root; it is gitignored.
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT_DIR = os.path.join(REPO_ROOT, "models", "generated")

# Default tolerances for comparing a runtime's output with PyTorch's (as in the tutorial);
# a manifest records the ones that apply to its model.
RTOL = 1e-3
ATOL = 1e-5


def parse_out_dir(description, extra_args=None):
    """Parses --out DIR (and any extra arguments); creates DIR. Returns the argparse namespace."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--out",
        default=DEFAULT_OUT_DIR,
        help="output folder (default: models/generated, gitignored)",
    )
    if extra_args is not None:
        extra_args(parser)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    return args


def check_onnx(path):
    """Runs the ONNX checker (full check, with shape inference) on the file; raises on error."""
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    return model


def describe_onnx(model):
    """One-line summary: opset, node count and operator histogram."""
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    ops = {}
    for node in model.graph.node:
        ops[node.op_type] = ops.get(node.op_type, 0) + 1
    hist = ", ".join("%s x%d" % (k, v) for k, v in sorted(ops.items()))
    return "opset %d, %d nodes: %s" % (opset, len(model.graph.node), hist)


def save_case(out_dir, stem, tag, input_array, output_array):
    """Saves <stem>_input_<tag>.npy and <stem>_output_<tag>.npy; returns a manifest entry."""
    input_array = np.ascontiguousarray(input_array, dtype=np.float32)
    output_array = np.ascontiguousarray(output_array, dtype=np.float32)
    input_file = "%s_input_%s.npy" % (stem, tag)
    output_file = "%s_output_%s.npy" % (stem, tag)
    np.save(os.path.join(out_dir, input_file), input_array)
    np.save(os.path.join(out_dir, output_file), output_array)
    return {
        "input": input_file,
        "input_shape": list(input_array.shape),
        "output": output_file,
        "output_shape": list(output_array.shape),
    }


def write_manifest(out_dir, stem, model_file, opset, input_name, output_name, cases, atol=ATOL):
    """Writes <stem>.json describing the model file, its I/O names and the reference cases."""
    manifest = {
        "model": model_file,
        "opset": opset,
        "input_name": input_name,
        "output_name": output_name,
        "rtol": RTOL,
        "atol": atol,
        "cases": cases,
    }
    path = os.path.join(out_dir, stem + ".json")
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return path


def save_named_case(out_dir, stem, tag, inputs, outputs):
    """Saves one case of a model with named inputs/outputs (dicts name -> array) as
    <stem>_<tag>_<name>.npy files, keeping integer/bool dtypes and storing floats as float32.
    Returns the manifest entry {"inputs": {name: file}, "outputs": {name: file}}."""

    def save(arrays):
        files = {}
        for name, array in arrays.items():
            array = np.asarray(array)
            if array.dtype.kind == "f":
                array = array.astype(np.float32)
            file_name = "%s_%s_%s.npy" % (stem, tag, name)
            np.save(os.path.join(out_dir, file_name), np.ascontiguousarray(array))
            files[name] = file_name
        return files

    return {"inputs": save(inputs), "outputs": save(outputs)}


def write_named_manifest(out_dir, stem, model_file, opset, cases, rtol=RTOL, atol=ATOL,
                         carry=None, note=None):
    """Writes <stem>.json for cases from save_named_case. `carry` maps an output name to the input
    it feeds in the next case (state carried between calls). `note` says why a tolerance differs
    from the tutorial's."""
    manifest = {"model": model_file, "opset": opset, "rtol": rtol, "atol": atol, "cases": cases}
    if carry:
        manifest["carry"] = carry
    if note:
        manifest["note"] = note
    path = os.path.join(out_dir, stem + ".json")
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return path


def save_onnx_checked(model, path):
    """Saves an ONNX model built or rewritten in Python and runs the full checker on the file."""
    onnx.save(model, path)
    return check_onnx(path)
