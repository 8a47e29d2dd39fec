#!/usr/bin/python3
"""The benchmark: onyx, onnxruntime 1.30 and PyTorch eager on the benchmark's model set.

Usage: /usr/bin/python3 bench/run_all.py [--models superres,resnet50,...] [--threads 1,2]
           [--rounds 3] [--warmup 5] [--runs 20] [--out bench/results/DATE]
           [--runtimes onyx,onnxruntime,pytorch] [--models-dir models/generated/bench]
           [--onyx build/tools/onyx]

Models (scripts/models/bench_models.py) are exported by scripts/models/bench_export.py when their
manifest is missing. Every (round, model, threads, runtime) is one fresh process; the runtime
order rotates every round so drifting machine load hits all runtimes alike:
  onyx:        onyx bench MODEL --threads T --shape NAME=DIMS ... --warmup W --runs N --json
  onnxruntime: node bench/ort_bench.js --manifest MANIFEST T W N  (graph optimizations 'all')
  pytorch:     bench/torch_bench.py --manifest MANIFEST --threads T  (eager, no_grad; OpenBLAS
               via LD_LIBRARY_PATH, OMP_NUM_THREADS=T)
Per runtime, model and thread count the report gives the median over rounds of each process's
median latency, session creation and first run, the largest peak RSS (VmHWM of the process,
runtime libraries included), GFLOP per inference (model_flops.py, or onyx's profiler where onnx's shape
inference falls short), and % of the FMA peak: GFLOP / latency over the peak that
bench/kernels/fma_peak.cc measures with T threads at the start and end of this run (the larger).
Outputs are checked against PyTorch's (the manifest's reference, rtol 1e-3, atol 1e-5): onnxruntime
and PyTorch in their benchmark process, onyx with `onyx run` on the same inputs.
Writes OUT/results.json and OUT/results.md, and prints the markdown.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PYTHON = "/usr/bin/python3"  # Debian's python with torch/onnx
OPENBLAS_DIR = "/usr/lib/x86_64-linux-gnu/openblas-openmp"  # libopenblas0-openmp's libblas.so.3
ALL_MODELS = ["superres", "resnet50", "mobilenet_v2", "squeezenet1_1", "efficientnet_b0",
              "shufflenet_v2_x1_0", "vit_b_16", "bert", "gpt"]
RUNTIMES = ["onyx", "onnxruntime", "pytorch"]

sys.path.insert(0, HERE)
import bench_report  # noqa: E402
from compare import parse_json_output  # noqa: E402  (one parser for both scripts)
import model_flops  # noqa: E402


def run_process(cmd, env=None):
    """Runs cmd; returns (stdout, peak RSS MiB). Raises RuntimeError naming the command."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=err, env=env)
        out = proc.stdout.read().decode(errors="replace")
        proc.stdout.close()
        _, status, rusage = os.wait4(proc.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            raise RuntimeError("%s failed (exit %d):\n%s%s" % (
                " ".join(cmd), code, out[-1500:], err.read().decode(errors="replace")[-1500:]))
    return out, rusage.ru_maxrss / 1024.0  # ru_maxrss is KiB on Linux


def build_peak_probe(work_dir):
    """Compiles bench/kernels/fma_peak.cc for this machine into work_dir; returns its path."""
    binary = os.path.join(work_dir, "fma_peak")
    source = os.path.join(HERE, "kernels", "fma_peak.cc")
    subprocess.run(["c++", "-O2", "-march=native", "-pthread", source, "-o", binary], check=True)
    return binary


def measure_peak(binary, thread_counts):
    return {t: json.loads(run_process([binary, str(t), "200", "5"])[0]) for t in thread_counts}


def shape_args(manifest):
    return ["--shape=%s=%s" % (i["name"], "x".join(str(d) for d in i["shape"]))
            for i in manifest["inputs"]]


def command_for(runtime, args, manifest_path, manifest, threads):
    t, w, n = str(threads), str(args.warmup), str(args.runs)
    model_path = os.path.join(os.path.dirname(manifest_path), manifest["model"])
    if runtime == "onyx":
        return [args.onyx, "bench", model_path, "--threads", t, "--warmup", w, "--runs", n,
                "--json"] + shape_args(manifest), None
    if runtime == "onnxruntime":
        return ["node", os.path.join(HERE, "ort_bench.js"), "--manifest", manifest_path, t, w,
                n], None
    env = dict(os.environ, OMP_NUM_THREADS=t,
               LD_LIBRARY_PATH=OPENBLAS_DIR + ":" + os.environ.get("LD_LIBRARY_PATH", ""))
    return [PYTHON, os.path.join(HERE, "torch_bench.py"), "--manifest", manifest_path,
            "--threads", t, "--warmup", w, "--runs", n], env


def compare_arrays(got, expected, rtol, atol):
    same = got.shape == expected.shape
    diff = np.abs(got.astype(np.float64) - expected) if same else np.array([np.inf])
    bad = int((~(diff <= atol + rtol * np.abs(expected))).sum()) if same else -1
    return {"ok": bool(same and bad == 0), "max_abs": float(diff.max()), "violations": bad,
            "same_shape": same}


def check_onyx(args, manifest_path, manifest):
    """Runs the model once with `onyx run` on the manifest's inputs; per-output comparison."""
    directory = os.path.dirname(manifest_path)
    with tempfile.TemporaryDirectory() as out:
        cmd = [args.onyx, "run", os.path.join(directory, manifest["model"]), "-o", out,
               "--threads", "1"]
        for i in manifest["inputs"]:
            cmd += ["-i", "%s=%s" % (i["name"], os.path.join(directory, i["file"]))]
        run_process(cmd)
        results = []
        for o in manifest["outputs"]:
            got = np.load(os.path.join(out, o["name"] + ".npy"))
            expected = np.load(os.path.join(directory, o["file"]))
            results.append(dict(name=o["name"], **compare_arrays(got, expected, manifest["rtol"],
                                                                  manifest["atol"])))
    return results


def ensure_models(args, names):
    missing = [n for n in names
               if not os.path.exists(os.path.join(args.models_dir, n + ".json"))]
    if missing:
        print("exporting %s ..." % ", ".join(missing), flush=True)
        subprocess.run([PYTHON, "scripts/models/bench_export.py", "--models", ",".join(missing),
                        "--out", args.models_dir], cwd=REPO, check=True)


def model_gflop(args, manifest_path, manifest):
    """(GFLOP per inference, how it was counted)."""
    path = os.path.join(os.path.dirname(manifest_path), manifest["model"])
    gflop, unresolved = model_flops.model_gflop(
        path, {i["name"]: i["shape"] for i in manifest["inputs"]})
    if unresolved == 0:
        return gflop, "onnx shape inference"
    try:
        out, _ = run_process([args.onyx, "bench", path, "--threads", "1", "--warmup", "1",
                              "--runs", "1", "--profile", "--json"] + shape_args(manifest))
        return parse_json_output(out)["gflop"], "onyx profiler"
    except (RuntimeError, ValueError, KeyError, OSError):
        return gflop, "onnx shape inference (undercount: %d nodes unresolved)" % unresolved


def available_runtimes(args):
    runtimes = [r for r in args.runtimes.split(",") if r]
    for r in runtimes:
        if r not in RUNTIMES:
            raise SystemExit("unknown runtime %r; known: %s" % (r, ", ".join(RUNTIMES)))
    if "onyx" in runtimes and not os.access(args.onyx, os.X_OK):
        print("onyx: %s not found (not built?); skipping onyx" % args.onyx)
        runtimes.remove("onyx")
    if "onnxruntime" in runtimes and not os.path.isdir(
            os.path.join(HERE, "node_modules", "onnxruntime-node")):
        print("onnxruntime: bench/node_modules missing (cd bench && npm install "
              "onnxruntime-node@1.30.0 --ignore-scripts); skipping onnxruntime")
        runtimes.remove("onnxruntime")
    return runtimes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--models", default=",".join(ALL_MODELS))
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--runtimes", default=",".join(RUNTIMES))
    parser.add_argument("--out", default=os.path.join(
        HERE, "results", datetime.datetime.now().strftime("%Y-%m-%d_%H%M")))
    parser.add_argument("--models-dir", default=os.path.join(REPO, "models", "generated", "bench"))
    parser.add_argument("--onyx", default=os.path.join(REPO, "build", "tools", "onyx"))
    args = parser.parse_args()
    if args.rounds < 1 or args.warmup < 1 or args.runs < 1:
        parser.error("need --rounds, --warmup and --runs >= 1")
    names = [m for m in args.models.split(",") if m]
    thread_counts = [int(t) for t in args.threads.split(",")]
    os.makedirs(args.out, exist_ok=True)
    runtimes = available_runtimes(args)
    known = [n for n in names if n in ALL_MODELS]
    ensure_models(args, known)

    manifests = {}
    for name in names:
        path = os.path.join(args.models_dir, name + ".json")
        if not os.path.exists(path):
            raise SystemExit("no manifest %s (export it with scripts/models/bench_export.py)"
                             % path)
        with open(path) as f:
            manifests[name] = (path, json.load(f))

    probe_dir = tempfile.TemporaryDirectory()
    probe = build_peak_probe(probe_dir.name)
    peak_before = measure_peak(probe, thread_counts)
    load_before = os.getloadavg()[0]
    report = {"date": datetime.datetime.now().isoformat(timespec="seconds"),
              "config": {"threads": thread_counts, "rounds": args.rounds, "warmup": args.warmup,
                         "runs": args.runs, "runtimes": runtimes},
              "machine": bench_report.machine_info(), "models": {}}
    for name, (path, manifest) in manifests.items():
        gflop, method = model_gflop(args, path, manifest)
        report["models"][name] = {"gflop": gflop, "gflop_method": method,
                                  "inputs": manifest["inputs"], "runs": {}, "check": {},
                                  "errors": {}}

    for r in range(args.rounds):
        order = runtimes[r % len(runtimes):] + runtimes[:r % len(runtimes)]
        for name, (path, manifest) in manifests.items():
            entry = report["models"][name]
            for threads in thread_counts:
                for runtime in order:
                    if runtime in entry["errors"]:
                        continue
                    cmd, env = command_for(runtime, args, path, manifest, threads)
                    try:
                        out, rss = run_process(cmd, env)
                        result = parse_json_output(out)
                    except (RuntimeError, ValueError, OSError) as e:
                        print("%s on %s failed; dropped:\n%s" % (runtime, name, e), flush=True)
                        entry["errors"][runtime] = str(e)[-1500:]
                        continue
                    # The process's own VmHWM; wait4's ru_maxrss also counts this (large)
                    # script's memory, copied into the child by fork before exec.
                    result["rss_mib"] = result.get("peak_rss_mib") or round(rss, 1)
                    entry["runs"].setdefault(runtime, {}).setdefault(str(threads), []).append(
                        result)
                    if "check" in result and runtime not in entry["check"]:
                        entry["check"][runtime] = result["check"]
                    print("round %d  %-18s %-11s threads %d  median %9.2f ms" % (
                        r + 1, name, runtime, threads, result["median_ms"]), flush=True)
            if r == 0 and "onyx" in runtimes and "onyx" not in entry["errors"]:
                try:
                    entry["check"]["onyx"] = check_onyx(args, path, manifest)
                except (RuntimeError, OSError, KeyError) as e:
                    entry["check"]["onyx"] = [{"name": "-", "ok": False, "error": str(e)[-500:]}]

    peak_after = measure_peak(probe, thread_counts)
    report["peak"] = {str(t): max(peak_before[t]["gflops"], peak_after[t]["gflops"])
                      for t in thread_counts}
    report["peak_probe"] = {"before": peak_before, "after": peak_after}
    report["load_avg"] = [load_before, os.getloadavg()[0]]
    bench_report.summarize(report, runtimes, thread_counts)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(report, f, indent=1)
    markdown = bench_report.markdown(report, runtimes, thread_counts)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(markdown)
    print(markdown)
    print("wrote %s/results.json and results.md" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
