#!/usr/bin/python3
"""Prints the model table (markdown): each generated model manifest in DIR checked by onyx's
model_check against PyTorch, with the operators its graph uses and the max abs difference.

Usage: /usr/bin/python3 scripts/models/zoo_table.py [--models DIR] [--model-check PATH]
  DIR defaults to build/models (what `ctest -R models` generates).
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

import onnx

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def op_histogram(path):
    counts = {}
    model = onnx.load(path, load_external_data=False)
    for node in model.graph.node:
        if node.op_type not in ("Constant", "Identity"):
            counts[node.op_type] = counts.get(node.op_type, 0) + 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--models", default=os.path.join(REPO, "build", "models"))
    parser.add_argument("--model-check",
                        default=os.path.join(REPO, "build", "tests", "models", "model_check"))
    parser.add_argument("--threads", default="2")
    args = parser.parse_args()
    print("| model | ops (count) | cases | rtol / atol | max abs diff vs PyTorch | result |")
    print("|---|---|---|---|---|---|")
    failed = 0
    for manifest_path in sorted(glob.glob(os.path.join(args.models, "*.json"))):
        with open(manifest_path) as f:
            manifest = json.load(f)
        onnx_path = os.path.join(args.models, manifest["model"])
        if not os.path.exists(onnx_path):
            continue
        ops = op_histogram(onnx_path)
        ops_text = ", ".join("%s %d" % kv for kv in sorted(ops.items()))
        run = subprocess.run([args.model_check, manifest_path, "--threads", args.threads],
                             capture_output=True, text=True)
        m = re.search(r"max abs diff (\S+)\s*$", run.stdout.strip())
        diff = m.group(1) if m and run.returncode == 0 else "-"
        result = "ok" if run.returncode == 0 else (run.stdout + run.stderr).strip().splitlines()[-1]
        failed += run.returncode != 0
        print("| %s | %s | %d | %g / %g | %s | %s |" % (
            manifest["model"][:-5], ops_text, len(manifest["cases"]), manifest["rtol"],
            manifest["atol"], diff, result[:160]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
