#!/usr/bin/python3
"""Structure checks for the bench tests (tests/bench/bench_tools_test.cc); exit 1 with a message
when a check fails. Timings are never compared, only presence, types and consistency.

  check_outputs.py trace TRACE.json            chrome trace of `onyx bench --trace` on tiny.onnx
  check_outputs.py results OUT_DIR RUNTIMES    bench/run_all.py's results.json / results.md
"""

import json
import os
import sys

TINY_NODES = {"conv", "relu", "flatten", "matmul"}
TINY_GFLOP = 372736 / 1e9


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check_trace(path):
    with open(path) as f:
        events = json.load(f)
    if not isinstance(events, list) or not events:
        fail("trace is not a non-empty JSON array")
    for e in events:
        for key in ("cat", "name", "ph", "ts", "dur", "pid", "tid", "args"):
            if key not in e:
                fail("event lacks %r: %s" % (key, e))
        if e["ph"] != "X" or e["dur"] < 0 or e["ts"] < 0:
            fail("bad event timing: %s" % e)
    nodes = [e for e in events if e["cat"] == "Node"]
    # Fusion may merge conv and relu; every remaining node of every run has an event.
    names = {e["name"] for e in nodes}
    if not names or not names <= TINY_NODES or "matmul" not in names:
        fail("node names %s not a subset of %s with matmul" % (names, TINY_NODES))
    runs = {e["args"]["run"] for e in nodes}
    for name in names:
        if sorted(e["args"]["run"] for e in nodes if e["name"] == name) != sorted(runs):
            fail("node %s is missing from some runs" % name)
    mm = next(e for e in nodes if e["name"] == "matmul")
    if mm["args"]["output_type_shape"] != [{"float": [1, 64]}]:
        fail("matmul output_type_shape %s" % mm["args"]["output_type_shape"])
    if mm["args"]["input_type_shape"] != [{"float": [1, 2048]}, {"float": [2048, 64]}]:
        fail("matmul input_type_shape %s" % mm["args"]["input_type_shape"])
    if mm["args"]["op_name"] not in ("MatMul", "Gemm", "FusedMatMul", "FusedGemm"):
        fail("matmul op_name %s" % mm["args"]["op_name"])
    sessions = [e["name"] for e in events if e["cat"] == "Session"]
    if sessions.count("session_initialization") != 1 or sessions.count("model_run") != len(runs):
        fail("session events %s for %d runs" % (sessions, len(runs)))


def check_results(out_dir, runtimes):
    with open(os.path.join(out_dir, "results.json")) as f:
        report = json.load(f)
    tiny = report["models"]["tiny"]
    if abs(tiny["gflop"] - TINY_GFLOP) > 1e-12:
        fail("tiny gflop %r, expected %r" % (tiny["gflop"], TINY_GFLOP))
    if set(report["peak"]) != {"1"} or not report["peak"]["1"] > 0:
        fail("peak %s" % report["peak"])
    for runtime in runtimes:
        s = tiny["summary"][runtime]["1"]
        for key in ("median_ms", "min_ms", "session_create_ms", "first_run_ms", "rss_mib",
                    "gflops", "pct_peak"):
            if not isinstance(s.get(key), (int, float)) or s[key] < 0:
                fail("%s summary %s = %r" % (runtime, key, s.get(key)))
        checks = tiny["check"].get(runtime)
        if not checks or not all(c["ok"] for c in checks):
            fail("%s output check %s" % (runtime, checks))
    if "onyx" in runtimes and "onnxruntime" in runtimes:
        ratio = report["ratios"]["onyx/ort"]["1"]["tiny"]
        expected = tiny["summary"]["onyx"]["1"]["median_ms"] / \
            tiny["summary"]["onnxruntime"]["1"]["median_ms"]
        geomean = report["geomean"]["onyx/ort"]["1"]  # of one model: the ratio itself
        if abs(ratio - expected) > 1e-9 * expected or abs(geomean - ratio) > 1e-9 * ratio:
            fail("onyx/ort ratio %r vs %r" % (ratio, expected))
    with open(os.path.join(out_dir, "results.md")) as f:
        md = f.read()
    for part in ("| model | GFLOP | threads |", "| tiny | 0.00 | 1 |", "| geomean |",
                 "output vs PyTorch", "FMA peak measured in this run"):
        if part not in md:
            fail("results.md lacks %r:\n%s" % (part, md))


def main():
    if sys.argv[1] == "trace":
        check_trace(sys.argv[2])
    else:
        check_results(sys.argv[2], sys.argv[3].split(","))
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
