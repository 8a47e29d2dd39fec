"""Batch runners for the checker differential test: onnx 1.12's checker in a worker process
and `onyx check --json`, both surviving a crash or hang on one model.

Both runners feed many models to one process and survive a process that dies or hangs
(see run_batches).
"""
import json
import subprocess
import sys

ONYX_EXIT_CODES = (0, 1, 2)  # all valid / any invalid / any unreadable


def _run(argv, stdin_text, timeout_s):
    """(exit code or None on timeout, stdout text, stderr tail)."""
    try:
        proc = subprocess.run(argv, input=stdin_text, capture_output=True, text=True,
                              timeout=timeout_s, errors="replace")
        return proc.returncode, proc.stdout, proc.stderr[-2000:]
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else e.stdout
        return None, out or "", "timeout"


def _parse_lines(text):
    results = {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and "model" in obj:
            results[obj["model"]] = obj
    return results


def run_batches(paths, make_argv, normal_exit, batch_size, timeout_s, label):
    """Runs `make_argv(batch) -> (argv, stdin)` over `paths`; returns {path: result dict}.

    A process that ends abnormally (signal, unexpected exit code, timeout) has its unanswered
    models split in halves and rerun, down to single models, which are then recorded as
    {"crash": description}; so a crash or hang costs about log2(batch_size) reruns even when
    the process's output was lost in a buffer.
    """
    results = {}
    queue = [list(paths[i:i + batch_size]) for i in range(0, len(paths), batch_size)]
    while queue:
        batch = queue.pop(0)
        argv, stdin = make_argv(batch)
        code, out, err = _run(argv, stdin, timeout_s + 0.5 * len(batch))
        got = _parse_lines(out)
        results.update({p: got[p] for p in batch if p in got})
        missing = [p for p in batch if p not in got]
        if code in normal_exit:
            for p in missing:
                results[p] = {"crash": f"no answer (exit {code}): {err.strip()[-300:]}"}
        elif len(missing) == 1:
            how = "timeout" if code is None else f"exit code {code}"
            results[missing[0]] = {"crash": f"{how}: {err.strip()[-300:]}"}
        elif missing:
            half = len(missing) // 2
            queue[:0] = [missing[:half], missing[half:]]
        if sys.stderr.isatty():
            print(f"  {label}: {len(results)}/{len(paths)}", file=sys.stderr, end="\r")
    print(f"  {label}: {len(results)} models", file=sys.stderr)
    return results


def probe_onyx(cli, path, timeout_s=30):
    """'' when `cli check --json path` answers with a JSON line for `path`, else why not.

    Run once before the batches, so a binary without the check command fails with one clear
    message instead of one "crash" per model.
    """
    code, out, err = _run([cli, "check", "--json", path], None, timeout_s)
    if path in _parse_lines(out):
        return ""
    return (f"`{cli} check --json MODEL` gave no JSON line for {path} (exit {code}): "
            f"{(err or out).strip()[:300]}")


def run_onyx(cli, paths, full=False, batch_size=100, timeout_s=30):
    """`cli check --json [--full] MODEL...`; timeout_s per process plus 0.5 s per model."""
    def make_argv(batch):
        return [cli, "check", "--json"] + (["--full"] if full else []) + list(batch), None
    return run_batches(paths, make_argv, ONYX_EXIT_CODES, batch_size, timeout_s,
                       "onyx check" + (" --full" if full else ""))


def run_onnx(paths, worker_script, batch_size=200, timeout_s=60):
    def make_argv(batch):
        return [sys.executable, worker_script, "--onnx-worker"], "\n".join(batch) + "\n"
    return run_batches(paths, make_argv, (0,), batch_size, timeout_s, "onnx 1.12 checker")
