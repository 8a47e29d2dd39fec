#!/usr/bin/python3
"""Differential test: onyx's shape inference against onnx's (Debian's onnx 1.12).

Usage: compare_onnx_shape_inference.py ONYX_CLI [--reasons FILE] [--stats] [CORPUS...]

CORPUS entries are .onnx files or folders searched for *.onnx (default: ../shared/onnx-tests and
/usr/share/libonnx-testdata/data beside the source tree, plus build/models when present). For each
model onnx can load, runs onnx.shape_inference.infer_shapes(strict_mode=False, data_prop=True) and
`ONYX_CLI info --shapes --json` (graph outputs' declared shapes are cleared before onnx's pass, so
both sides report only what they infer), then compares every node output both name:
  agree        same dtype, rank and dims (symbolic dims match by name or are both symbolic)
  onyx more    onyx knows something onnx leaves unknown (rank, a size, a symbol), nothing less
  onnx more    the reverse
  mixed        each knows something the other does not
  conflict     different dtypes, ranks or fixed sizes
Prints the table; exits 1 when a conflict is not listed in the reasons file (lines
"MODEL_SUFFIX VALUE_NAME  reason...", MODEL_SUFFIX matching the end of the model path).
--stats also prints, per model, how many onyx values are fully known / symbolic / partly unknown;
--show CATEGORY prints each value of that category ("onnx more", ...) with both shapes.
"""

import json
import os
import subprocess
import sys

import onnx
from onnx import shape_inference

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CORPUS = [
    os.path.join(SOURCE, "..", "shared", "onnx-tests"),
    "/usr/share/libonnx-testdata/data",
    os.path.join(SOURCE, "build", "models"),
]
# TensorProto element type -> onyx's `info` type name.
ONNX_DTYPE_NAMES = {
    1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64",
    8: "string", 9: "bool", 10: "float16", 11: "float64", 12: "uint32", 13: "uint64",
    14: "complex64", 15: "complex128", 16: "bfloat16", 17: "float8e4m3fn", 18: "float8e4m3fnuz",
    19: "float8e5m2", 20: "float8e5m2fnuz", 21: "uint4", 22: "int4", 23: "float4e2m1",
    24: "float8e8m0", 25: "uint2", 26: "int2",
}
CATEGORIES = ["agree", "onyx more", "onnx more", "mixed", "conflict"]


def find_models(corpus):
    for entry in corpus:
        if os.path.isfile(entry):
            yield entry
        elif os.path.isdir(entry):
            for root, _, files in sorted(os.walk(entry)):
                for f in sorted(files):
                    if f.endswith(".onnx"):
                        yield os.path.join(root, f)


def onnx_types(model):
    """name -> (dtype name or None, dims list or None); dims entries int, str (symbol) or None."""
    out = {}
    g = model.graph
    for vi in list(g.value_info) + list(g.output):
        if not vi.type.HasField("tensor_type"):
            continue
        tt = vi.type.tensor_type
        dtype = None
        if tt.elem_type:
            dtype = ONNX_DTYPE_NAMES.get(tt.elem_type, "elem_type %d" % tt.elem_type)
        dims = None
        if tt.HasField("shape"):
            dims = []
            for d in tt.shape.dim:
                if d.HasField("dim_value"):
                    dims.append(d.dim_value)
                elif d.HasField("dim_param") and d.dim_param:
                    dims.append(d.dim_param)
                else:
                    dims.append(None)
        out[vi.name] = (dtype, dims)
    return out


def onyx_types(cli, path):
    r = subprocess.run([cli, "info", "--shapes", "--json", path], capture_output=True, text=True,
                       timeout=120)
    if r.returncode != 0:
        return None, (r.stdout + r.stderr).strip().splitlines()[-1:] or ["exit code %d" % r.returncode]
    info = json.loads(r.stdout)
    out = {}
    for v in info.get("values", []):
        out[v["name"]] = (v["type"], v["dims"])
    return out, info.get("inference_error", "")


def same_dtype(a, b):
    aliases = {"float": "float32", "double": "float64", "bool_": "bool", "object": "string"}
    return aliases.get(a, a) == aliases.get(b, b)


def knowledge(d):
    """0 unknown, 1 symbolic, 2 fixed."""
    return 0 if d is None else (2 if isinstance(d, int) else 1)


def classify(onnx_t, onyx_t):
    (ot, od), (yt, yd) = onnx_t, onyx_t
    onnx_more = onyx_more = False
    if ot and yt and not same_dtype(ot, yt):
        return "conflict", "dtype %s vs %s" % (ot, yt)
    if ot and not yt:
        onnx_more = True
    if yt and not ot:
        onyx_more = True
    if od is not None and yd is not None:
        if len(od) != len(yd):
            return "conflict", "rank %d vs %d" % (len(od), len(yd))
        for a, b in zip(od, yd):
            ka, kb = knowledge(a), knowledge(b)
            if ka == 2 and kb == 2 and a != b:
                return "conflict", "dims %s vs %s" % (od, yd)
            if ka > kb:
                onnx_more = True
            elif kb > ka:
                onyx_more = True
    elif od is not None:
        onnx_more = True
    elif yd is not None:
        onyx_more = True
    if onnx_more and onyx_more:
        return "mixed", ""
    return ("onnx more" if onnx_more else "onyx more" if onyx_more else "agree"), ""


def load_reasons(path):
    reasons = []
    if path and os.path.exists(path):
        for line in open(path):
            line = line.strip()
            if line and not line.startswith("#"):
                parts = line.split(None, 2)
                reasons.append((parts[0], parts[1] if len(parts) > 1 else "*"))
    return reasons


def excused(reasons, model_path, value):
    return any(model_path.endswith(m) and (v == "*" or v == value) for m, v in reasons)


def onyx_stats(types):
    full = sym = partial = 0
    for _, dims in types.values():
        if dims is None or any(d is None for d in dims):
            partial += 1
        elif all(isinstance(d, int) for d in dims):
            full += 1
        else:
            sym += 1
    return full, sym, partial


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cli = argv[1]
    reasons_file = os.path.join(HERE, "shape_inference_differences.txt")
    stats = False
    show = None
    corpus = []
    args = argv[2:]
    while args:
        a = args.pop(0)
        if a == "--reasons":
            reasons_file = args.pop(0)
        elif a == "--stats":
            stats = True
        elif a == "--show":
            show = args.pop(0)
        else:
            corpus.append(a)
    reasons = load_reasons(reasons_file)
    counts = {c: 0 for c in CATEGORIES}
    models = skipped = onyx_failed = 0
    unexcused = []
    excused_count = 0
    for path in find_models(corpus or DEFAULT_CORPUS):
        try:
            model = onnx.load(path)
            # Graph outputs keep their declared shapes through onnx's inference; clear them so
            # both sides report what they inferred.
            for out in model.graph.output:
                if out.type.HasField("tensor_type"):
                    out.type.tensor_type.ClearField("shape")
            inferred = shape_inference.infer_shapes(model, strict_mode=False, data_prop=True)
        except Exception:  # onnx 1.12 cannot load or infer it: not comparable
            skipped += 1
            continue
        ours, err = onyx_types(cli, path)
        if ours is None:
            onyx_failed += 1
            print("onyx info failed on %s: %s" % (path, err[0]))
            continue
        models += 1
        theirs = onnx_types(inferred)
        if stats:
            print("%-60s fully known %4d  symbolic %4d  partly unknown %4d" %
                  ((os.path.relpath(path),) + onyx_stats(ours)))
        for name, t in ours.items():
            if name not in theirs:
                continue
            cat, why = classify(theirs[name], t)
            counts[cat] += 1
            if cat == show:
                print("%s: %s: onnx %s, onyx %s" % (os.path.relpath(path), name, theirs[name], t))
            if cat == "conflict" and excused(reasons, path, name):
                excused_count += 1
            elif cat == "conflict":
                unexcused.append("%s: %s: %s" % (path, name, why))
    print("models compared: %d (onnx could not infer: %d, onyx info failed: %d)" %
          (models, skipped, onyx_failed))
    total = sum(counts.values())
    for c in CATEGORIES:
        print("  %-10s %7d  %5.1f%%" % (c, counts[c], 100.0 * counts[c] / max(total, 1)))
    print("  %-10s %7d" % ("values", total))
    print("conflicts listed in %s: %d, not listed: %d" %
          (os.path.basename(reasons_file), excused_count, len(unexcused)))
    for line in unexcused:
        print("CONFLICT " + line)
    return 1 if unexcused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
