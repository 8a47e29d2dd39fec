#!/usr/bin/python3
"""Side-by-side latency of onyx, onnxruntime (node) and PyTorch eager on one model.

Usage: /usr/bin/python3 bench/compare.py [--model super_resolution] [--threads 1,2]
           [--rounds 3] [--warmup 5] [--runs 20] [--onyx build/tools/onyx]

For each round, thread count and runtime (runtime order rotates every round, so slow drift
in machine load hits all runtimes alike) it starts one benchmark process:
  onyx:        ONYX bench MODEL --threads T --shape input=SHAPE --warmup W --runs N --json
  onnxruntime: node bench/ort_bench.js MODEL input SHAPE T W N
  pytorch:     /usr/bin/python3 bench/torch_bench.py --model NAME --threads T ...
Each process reports the median of its N timed runs; the table shows, per runtime and thread
count, the median over rounds of those medians (and the best min), session creation time,
the process's peak RSS (includes each runtime's own libraries: node/V8, libtorch), and ratios
onyx/ort and onyx/torch (< 1 means onyx is faster). If the onyx binary does not exist, onyx
is skipped with a message. The model is generated into models/generated/ when missing.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GENERATED = os.path.join(REPO, "models", "generated")
PYTHON = "/usr/bin/python3"  # Debian's python with torch/onnx

# model name -> (generator command args, default input shape)
MODELS = {
    "super_resolution": (["scripts/models/super_resolution.py"], "1x1x224x224"),
    "resnet18": (["scripts/models/torchvision_export.py", "--model", "resnet18"], "1x3x224x224"),
    "resnet50": (["scripts/models/torchvision_export.py", "--model", "resnet50"], "1x3x224x224"),
    "mobilenet_v2": (["scripts/models/torchvision_export.py", "--model", "mobilenet_v2"], "1x3x224x224"),
    "squeezenet1_1": (["scripts/models/torchvision_export.py", "--model", "squeezenet1_1"], "1x3x224x224"),
}
RUNTIMES = ["onyx", "onnxruntime", "pytorch"]


def ensure_model(name):
    path = os.path.join(GENERATED, name + ".onnx")
    if not os.path.exists(path):
        print("generating %s ..." % path, flush=True)
        subprocess.run([PYTHON] + MODELS[name][0] + ["--out", GENERATED], cwd=REPO, check=True)
    return path


def command_for(runtime, args, model_path, threads):
    t, w, n = str(threads), str(args.warmup), str(args.runs)
    if runtime == "onyx":
        return [args.onyx, "bench", model_path, "--threads", t, "--shape",
                "input=" + args.shape, "--warmup", w, "--runs", n, "--json"]
    if runtime == "onnxruntime":
        return ["node", os.path.join(HERE, "ort_bench.js"), model_path, "input", args.shape,
                t, w, n]
    return [PYTHON, os.path.join(HERE, "torch_bench.py"), "--model", args.model, "--threads",
            t, "--shape", args.shape, "--warmup", w, "--runs", n]


def parse_json_output(text):
    """The last JSON object in stdout that has median_ms (other output may precede it)."""
    decoder = json.JSONDecoder()
    found = None
    pos = text.find("{")
    while pos != -1:
        try:
            obj, end = decoder.raw_decode(text, pos)
        except ValueError:
            pos = text.find("{", pos + 1)
            continue
        if isinstance(obj, dict) and "median_ms" in obj:
            found = obj
        pos = text.find("{", end)
    if found is None:
        raise ValueError("no JSON object with median_ms in output:\n" + text[-2000:])
    return found


def run_one(cmd):
    """Runs cmd; returns (result dict, peak RSS in MiB of that process)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=err)
        out = proc.stdout.read().decode()
        proc.stdout.close()
        _, status, rusage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError("%s failed (exit %d):\n%s%s" % (
                " ".join(cmd), proc.returncode, out[-2000:], err.read().decode()[-2000:]))
    result = parse_json_output(out)
    for key in ("min_ms", "median_ms"):
        if key not in result:
            raise RuntimeError("%s: result lacks %s: %s" % (cmd[0], key, out[-500:]))
    # The process's own VmHWM when it reports one (ru_maxrss, in KiB, also counts this script's
    # memory copied into the child by fork).
    return result, result.get("peak_rss_mib") or rusage.ru_maxrss / 1024.0


def fmt(value, spec="%.2f"):
    return "-" if value is None else spec % value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--model", default="super_resolution", choices=sorted(MODELS))
    parser.add_argument("--shape", default=None, help="input shape, e.g. 1x1x224x224")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--onyx", default=os.path.join(REPO, "build", "tools", "onyx"))
    args = parser.parse_args()
    args.shape = args.shape or MODELS[args.model][1]
    thread_counts = [int(t) for t in args.threads.split(",")]

    model_path = ensure_model(args.model)
    runtimes = list(RUNTIMES)
    if not os.access(args.onyx, os.X_OK):
        print("onyx: %s not found (not built yet?); skipping onyx" % args.onyx)
        runtimes.remove("onyx")
    if not os.path.isdir(os.path.join(HERE, "node_modules", "onnxruntime-node")):
        print("onnxruntime: bench/node_modules missing (cd bench && npm install "
              "--ignore-scripts); skipping onnxruntime")
        runtimes.remove("onnxruntime")

    load_before = os.getloadavg()[0]
    results = {}  # (runtime, threads) -> list of (result, rss_mib)
    failed = set()  # runtimes whose benchmark process failed once
    for r in range(args.rounds):
        order = runtimes[r % len(runtimes):] + runtimes[:r % len(runtimes)]
        for threads in thread_counts:
            for runtime in order:
                if runtime in failed:
                    continue
                try:
                    result, rss = run_one(command_for(runtime, args, model_path, threads))
                except (RuntimeError, ValueError, OSError) as e:
                    print("%s failed; dropping it from the comparison:\n%s" % (runtime, e))
                    failed.add(runtime)
                    continue
                results.setdefault((runtime, threads), []).append((result, rss))
                print("round %d  %-11s threads %d  median %8.2f ms  min %8.2f ms" % (
                    r + 1, runtime, threads, result["median_ms"], result["min_ms"]), flush=True)
    load_after = os.getloadavg()[0]
    torch_rows = results.get(("pytorch", thread_counts[0]))
    if torch_rows:
        print("pytorch BLAS: %s" % torch_rows[0][0].get("blas", "unknown"))

    def median_of(runtime, threads, key):
        rows = results.get((runtime, threads))
        if not rows:
            return None
        values = [row[0].get(key) for row in rows]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    print()
    print("model %s, input %s, %d rounds x (%d warmup + %d runs); load avg %.1f -> %.1f on %d "
          "CPUs" % (os.path.basename(model_path), args.shape, args.rounds, args.warmup,
                    args.runs, load_before, load_after, os.cpu_count()))
    print("%-11s %7s %11s %9s %11s %9s" % ("runtime", "threads", "median ms", "min ms",
                                           "create ms", "RSS MiB"))
    for threads in thread_counts:
        for runtime in runtimes:
            rows = results.get((runtime, threads))
            if not rows:
                continue
            best_min = min(row[0]["min_ms"] for row in rows)
            rss = max(row[1] for row in rows)
            print("%-11s %7d %11s %9s %11s %9.0f" % (
                runtime, threads, fmt(median_of(runtime, threads, "median_ms")), fmt(best_min),
                fmt(median_of(runtime, threads, "session_create_ms")), rss))
    print()
    print("%7s %10s %12s %10s" % ("threads", "onyx/ort", "onyx/torch", "ort/torch"))
    for threads in thread_counts:
        m = {rt: median_of(rt, threads, "median_ms") for rt in RUNTIMES}

        def ratio(a, b):
            return m[a] / m[b] if m[a] is not None and m[b] is not None else None

        print("%7d %10s %12s %10s" % (threads, fmt(ratio("onyx", "onnxruntime"), "%.3f"),
                                      fmt(ratio("onyx", "pytorch"), "%.3f"),
                                      fmt(ratio("onnxruntime", "pytorch"), "%.3f")))
    if load_before > os.cpu_count() or load_after > os.cpu_count():
        print("warning: load average above the CPU count; timings are noisy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
