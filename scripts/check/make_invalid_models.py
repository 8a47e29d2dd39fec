#!/usr/bin/env python3
"""Writes the checker's differential corpus: variants of small seed models, each breaking
exactly one checker rule, plus variants that change things while staying valid.

usage: make_invalid_models.py OUT_DIR

OUT_DIR/manifest.json lists every variant:
  {"file": relative path, "seed", "rule": "<family>.<what>", "family", "expect": "invalid" |
   "valid" | "any" (byte flips), "what": the change, "where": the name a good message mentions
   ("" if none)}
Variants with side files (external data, symlinks) live in OUT_DIR/<id>/model/model.onnx so
that '..' and symlinks resolve inside OUT_DIR. Needs Debian's onnx (run with /usr/bin/python3).
"""
import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import onnx  # noqa: F401  (only checks that the reference is there)
except ImportError:
    print(f"SKIP: {sys.executable} has no onnx module (use /usr/bin/python3)")
    sys.exit(77)  # ctest's SKIP_RETURN_CODE

from variants import external, functions_training, model_graph, nodes, tensors  # noqa: E402
from variants import more_rules, scopes, valid_changes  # noqa: E402
from variants.seeds import SEEDS  # noqa: E402

GENERATOR_MODULES = [model_graph, nodes, tensors, external, functions_training, more_rules,
                     scopes, valid_changes]


def generate():
    """Yields (seed name, Variant) for every generator applied to every seed."""
    for module in GENERATOR_MODULES:
        for gen in module.GENERATORS:
            for seed, make_seed in SEEDS.items():
                for variant in gen(seed, make_seed):
                    # The training seed extends the conv seed: only its training_info
                    # variants are new.
                    if seed == "train" and variant.family != "training":
                        continue
                    yield variant.seed or seed, variant


def _model_bytes(variant, variant_dir):
    if variant.raw is not None:
        return variant.raw
    model = variant.model
    for _, tensor in _external_tensors(model):
        for entry in tensor.external_data:
            entry.value = entry.value.replace(external.ABSOLUTE_DIR_MARK, variant_dir)
    return model.SerializeToString()


def _external_tensors(model):
    for t in model.graph.initializer:
        if t.external_data:
            yield t.name, t


def write_variant(out_dir, index, seed, variant):
    stem = f"{index:04d}_{seed}_{variant.rule}"
    if variant.own_dir:
        rel = os.path.join(stem, "model", "model.onnx")
    else:
        rel = stem + ".onnx"
    path = os.path.join(out_dir, rel)
    variant_dir = os.path.dirname(path)
    os.makedirs(variant_dir, exist_ok=True)
    for d in variant.dirs:
        os.makedirs(os.path.join(variant_dir, d), exist_ok=True)
    for name, data in variant.files.items():
        with open(os.path.normpath(os.path.join(variant_dir, name)), "wb") as f:
            f.write(data)
    for name, target in variant.symlinks.items():
        os.symlink(target, os.path.join(variant_dir, name))
    with open(path, "wb") as f:
        f.write(_model_bytes(variant, os.path.abspath(variant_dir)))
    return {"file": rel, "seed": seed, "rule": variant.rule, "family": variant.family,
            "expect": variant.expect, "what": variant.what, "where": variant.where}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    args = parser.parse_args()
    out_dir = os.path.abspath(args.out_dir)
    if os.path.isdir(out_dir):
        if os.listdir(out_dir) and not os.path.exists(os.path.join(out_dir, "manifest.json")):
            sys.exit(f"error: {out_dir} is not empty and holds no manifest.json; refusing to "
                     "delete it")
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    manifest = [write_variant(out_dir, i, seed, v) for i, (seed, v) in enumerate(generate())]
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    counts = {k: sum(1 for e in manifest if e["expect"] == k) for k in ("invalid", "valid", "any")}
    rules = len({e["rule"] for e in manifest})
    print(f"wrote {len(manifest)} variants ({counts['invalid']} invalid, {counts['valid']} valid, "
          f"{counts['any']} byte flips with no expected verdict; {rules} rules) to {out_dir}")


if __name__ == "__main__":
    main()
