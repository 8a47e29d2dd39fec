#!/usr/bin/python3
"""What the graph optimizations buy: onyx latency per optimization level on the benchmark models.

Usage: /usr/bin/python3 bench/opt_levels.py [--models resnet50,bert,...] [--threads 1]
           [--levels none,basic,extended,all] [--rounds 3] [--warmup 3] [--runs 10]
           [--out FILE.md] [--onyx build/tools/onyx] [--models-dir models/generated/bench] [--ablate]

For every model: the node count after each level (`onyx optimize --level L`), and the median
latency over rounds of `onyx bench --level L --json` (one fresh process per (round, level); the
level order rotates every round, so drifting machine load hits all levels alike). The ratio
column is latency(level) / latency(none): below 1, the level's passes made the model faster.
With --ablate, a second table: per model and per pass that changes it at level all (from
`onyx optimize --report`), the latency with that one pass disabled (`onyx bench --disable PASS`)
over the latency at level all, measured in the same rotation: above 1, the pass pays.
Timings are noisy on a shared machine: compare ratios from one run only.
"""

import argparse
import json
import os
import re
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from compare import parse_json_output  # noqa: E402
from run_all import ALL_MODELS, REPO, ensure_models, run_process, shape_args  # noqa: E402



def node_count(onyx, model_path, level, work_dir):
    """Nodes of the main graph after `level` (parsed from onyx optimize's summary line)."""
    out_path = os.path.join(work_dir, "opt_%s.onnx" % level)
    out, _ = run_process([onyx, "optimize", model_path, "-o", out_path, "--level", level])
    match = re.search(r"nodes (\d+) -> (\d+)", out)
    if not match:
        raise RuntimeError("unexpected onyx optimize output: %s" % out)
    return int(match.group(2))


def changing_passes(onyx, model_path, work_dir):
    """Passes that change the model at level all, in report order (prune_initializers left out)."""
    out, _ = run_process([onyx, "optimize", model_path, "-o", os.path.join(work_dir, "r.onnx"),
                          "--report"])
    names = []
    for line in out.splitlines()[1:]:
        fields = line.split()
        if len(fields) > 2 and fields[1].isdigit() and fields[0] != "prune_initializers" \
                and fields[0] not in names:
            names.append(fields[0])
    return names


def bench_ms(args, model_path, manifest, extra):
    out, _ = run_process([args.onyx, "bench", model_path, "--threads", str(args.threads),
                          "--warmup", str(args.warmup), "--runs", str(args.runs), "--json"] +
                         extra + shape_args(manifest))
    return parse_json_output(out)["median_ms"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default=",".join(ALL_MODELS))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--levels", default="none,basic,extended,all")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--out", default="")
    parser.add_argument("--ablate", action="store_true",
                        help="also time level all with each changing pass disabled")
    parser.add_argument("--onyx", default=os.path.join(REPO, "build", "tools", "onyx"))
    parser.add_argument("--models-dir", default=os.path.join(REPO, "models", "generated", "bench"))
    args = parser.parse_args()
    names = args.models.split(",")
    levels = args.levels.split(",")
    ensure_models(args, names)

    lines = ["Command: `/usr/bin/python3 bench/opt_levels.py %s`" % " ".join(sys.argv[1:]),
             "",
             "Load average at start: %.1f. %d rounds x (%d warm-up + %d runs), %d thread(s); "
             "ms = median over rounds of per-process medians; ratio = ms / ms at level none."
             % (os.getloadavg()[0], args.rounds, args.warmup, args.runs, args.threads),
             "",
             "| model | " + " | ".join("nodes %s" % l for l in levels) + " | " +
             " | ".join("ms %s" % l for l in levels) + " | " +
             " | ".join("ratio %s" % l for l in levels if l != "none") + " |",
             "|---" * (1 + 2 * len(levels) + len([l for l in levels if l != "none"])) + "|"]
    ablation = ["", "| model | pass disabled | ms all | ms without the pass | ratio |",
                "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as work_dir:
        for name in names:
            manifest_path = os.path.join(args.models_dir, name + ".json")
            with open(manifest_path) as f:
                manifest = json.load(f)
            model_path = os.path.join(args.models_dir, manifest["model"])
            nodes = {l: node_count(args.onyx, model_path, l, work_dir) for l in levels}
            # Configurations: one per level, plus "-PASS" (level all without PASS) with --ablate.
            passes = changing_passes(args.onyx, model_path, work_dir) if args.ablate else []
            # The ablation ratios are against level all, timed in the same rotation.
            configs = levels + (["all"] if passes and "all" not in levels else []) + \
                ["-" + p for p in passes]
            times = {c: [] for c in configs}
            for r in range(args.rounds):
                for config in configs[r % len(configs):] + configs[:r % len(configs)]:
                    extra = (["--disable", config[1:]] if config.startswith("-")
                             else ["--level", config])
                    times[config].append(bench_ms(args, model_path, manifest, extra))
            ms = {c: statistics.median(times[c]) for c in configs}
            for p in passes:
                ablation.append("| %s | %s | %.2f | %.2f | %.2f |" % (
                    name, p, ms["all"], ms["-" + p], ms["-" + p] / ms["all"]))
            base = ms.get("none")
            ratios = ["%.2f" % (ms[l] / base) if base else "-" for l in levels if l != "none"]
            lines.append("| %s | %s | %s | %s |" % (
                name, " | ".join(str(nodes[l]) for l in levels),
                " | ".join("%.2f" % ms[l] for l in levels), " | ".join(ratios)))
            print(lines[-1], flush=True)
    text = "\n".join(lines + (ablation if len(ablation) > 3 else [])) + "\n"
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
