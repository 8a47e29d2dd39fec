"""Summary statistics and the markdown tables of bench/run_all.py's report.

report["models"][name]["runs"][runtime][threads] holds one result dict per benchmark process
(round); summarize() adds report["models"][name]["summary"][runtime][threads] and
report["ratios"] / report["geomean"], markdown() renders them.
"""

import math
import os
import platform
import statistics

SHORT = {"onyx": "onyx", "onnxruntime": "ort", "pytorch": "torch"}


def machine_info():
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cpus": os.cpu_count(), "platform": platform.platform()}


def _median(rows, key):
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else None


def summarize(report, runtimes, thread_counts):
    """Per model/runtime/threads: median over processes of median, create, first run; best
    min; max RSS; achieved GFLOPS and % of the measured peak. Then ratios and geometric means."""
    ratios = {"onyx/ort": {}, "onyx/torch": {}}
    for name, entry in report["models"].items():
        entry["summary"] = {}
        for runtime, by_threads in entry["runs"].items():
            for threads, rows in by_threads.items():
                median_ms = _median(rows, "median_ms")
                s = {"median_ms": median_ms, "min_ms": min(r["min_ms"] for r in rows),
                     "session_create_ms": _median(rows, "session_create_ms"),
                     "first_run_ms": _median(rows, "first_run_ms"),
                     "rss_mib": max(r["rss_mib"] for r in rows), "processes": len(rows)}
                if entry["gflop"] and median_ms:
                    s["gflops"] = entry["gflop"] / (median_ms / 1e3)
                    peak = report["peak"].get(threads)
                    s["pct_peak"] = 100.0 * s["gflops"] / peak if peak else None
                entry["summary"].setdefault(runtime, {})[threads] = s
        for threads in map(str, thread_counts):
            onyx = entry["summary"].get("onyx", {}).get(threads)
            for key, other in (("onyx/ort", "onnxruntime"), ("onyx/torch", "pytorch")):
                base = entry["summary"].get(other, {}).get(threads)
                if onyx and base and onyx["median_ms"] and base["median_ms"]:
                    ratios[key].setdefault(threads, {})[name] = onyx["median_ms"] / base[
                        "median_ms"]
    report["ratios"] = ratios
    report["geomean"] = {
        key: {t: math.exp(statistics.fmean(math.log(v) for v in per_model.values()))
              for t, per_model in by_threads.items() if per_model}
        for key, by_threads in ratios.items()}


def _fmt(value, spec="%.2f"):
    return "-" if value is None else spec % value


def _check_cell(checks):
    if checks is None:
        return "-"
    bad = [c for c in checks if not c.get("ok")]
    if not bad:
        return "ok (%.1e)" % max(c.get("max_abs", 0.0) for c in checks)
    c = bad[0]
    if "error" in c:
        return "ERROR"
    return "MISMATCH (%.1e, %d el.)" % (c.get("max_abs", float("nan")), c.get("violations", -1))


def markdown(report, runtimes, thread_counts):
    cfg = report["config"]
    lines = []
    m = report["machine"]
    peak = ", ".join("%s thread%s %.1f GFLOPS" % (t, "" if t == "1" else "s", g)
                     for t, g in report["peak"].items())
    isa = next(iter(report["peak_probe"]["before"].values()))["isa"]
    lines.append("Benchmark %s: %s, %s CPUs; load average %.1f -> %.1f." % (
        report["date"], m["cpu"], m["cpus"], report["load_avg"][0], report["load_avg"][1]))
    lines.append("FMA peak measured in this run (bench/kernels/fma_peak.cc, %s): %s." % (isa, peak))
    lines.append("%d rounds x (%d warm-up + %d timed runs) per process; medians over rounds of "
                 "per-process medians. Runtimes: %s." % (
                     cfg["rounds"], cfg["warmup"], cfg["runs"], ", ".join(runtimes)))
    lines.append("")
    cols = [SHORT[r] for r in runtimes]
    head = ["model", "GFLOP", "threads"] + ["%s ms" % c for c in cols]
    if "onyx" in runtimes:
        head += [h for h, r in (("onyx/ort", "onnxruntime"), ("onyx/torch", "pytorch"))
                 if r in runtimes]
    head += ["%% peak %s" % c for c in cols]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for name, entry in report["models"].items():
        for threads in map(str, thread_counts):
            row = [name, _fmt(entry["gflop"]), threads]
            sums = [entry["summary"].get(r, {}).get(threads) for r in runtimes]
            row += [_fmt(s["median_ms"]) if s else "-" for s in sums]
            if "onyx" in runtimes:
                for key, r in (("onyx/ort", "onnxruntime"), ("onyx/torch", "pytorch")):
                    if r in runtimes:
                        row.append(_fmt(report["ratios"][key].get(threads, {}).get(name),
                                        "%.3f"))
            row += [_fmt(s.get("pct_peak"), "%.0f%%") if s else "-" for s in sums]
            lines.append("| " + " | ".join(row) + " |")
    for threads in map(str, thread_counts):
        cells = ["geomean", "", threads] + [""] * len(runtimes)
        if "onyx" in runtimes:
            for key, r in (("onyx/ort", "onnxruntime"), ("onyx/torch", "pytorch")):
                if r in runtimes:
                    cells.append(_fmt(report["geomean"][key].get(threads), "%.3f"))
        cells += [""] * len(runtimes)
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")

    head = ["model", "threads"] + ["create ms %s" % c for c in cols] + \
        ["first run ms %s" % c for c in cols] + ["RSS MiB %s" % c for c in cols]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for name, entry in report["models"].items():
        for threads in map(str, thread_counts):
            sums = [entry["summary"].get(r, {}).get(threads) for r in runtimes]
            row = [name, threads]
            for key, spec in (("session_create_ms", "%.1f"), ("first_run_ms", "%.1f"),
                              ("rss_mib", "%.0f")):
                row += [_fmt(s[key], spec) if s else "-" for s in sums]
            lines.append("| " + " | ".join(row) + " |")
    lines.append("")

    head = ["model", "GFLOP counted by"] + ["output vs PyTorch: %s" % c for c in cols] + \
        ["failed"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for name, entry in report["models"].items():
        row = [name, entry["gflop_method"]]
        row += [_check_cell(entry["check"].get(r)) for r in runtimes]
        row.append(", ".join(sorted(entry["errors"])) or "-")
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines.append("Checks: rtol 1e-3, atol 1e-5; cell = max |diff| (elements outside tolerance).")
    return "\n".join(lines) + "\n"
