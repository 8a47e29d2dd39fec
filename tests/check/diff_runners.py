"""Batch runners for the checker differential test: onnx 1.12's checker in a worker process
and `onyx check --json`, both surviving a crash or hang on one model.

Both runners feed many models to one process. When a process dies (signal, unexpected exit
code, timeout) before answering for every model of its batch, the first unanswered model is
rerun alone; if it fails alone too it is recorded as the crash, and the rest are rerun.
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

    A model whose process died alone gets {"crash": description}.
    """
    results = {}
    pending = list(paths)
    while pending:
        batch, pending = pending[:batch_size], pending[batch_size:]
        argv, stdin = make_argv(batch)
        code, out, err = _run(argv, stdin, timeout_s + 0.5 * len(batch))
        got = _parse_lines(out)
        results.update({p: got[p] for p in batch if p in got})
        if code in normal_exit:
            missing = [p for p in batch if p not in got]
            for p in missing:
                results[p] = {"crash": f"no answer (exit {code}): {err.strip()[-300:]}"}
        else:
            missing = [p for p in batch if p not in got]
            if missing:
                suspect = missing[0]
                argv1, stdin1 = make_argv([suspect])
                code1, out1, err1 = _run(argv1, stdin1, timeout_s)
                got1 = _parse_lines(out1)
                if code1 in normal_exit and suspect in got1:
                    results[suspect] = got1[suspect]
                else:
                    how = "timeout" if code1 is None else f"exit code {code1}"
                    results[suspect] = {"crash": f"{how}: {err1.strip()[-300:]}"}
                pending = missing[1:] + pending
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
    def make_argv(batch):
        return [cli, "check", "--json"] + (["--full"] if full else []) + list(batch), None
    return run_batches(paths, make_argv, ONYX_EXIT_CODES, batch_size, timeout_s,
                       "onyx check" + (" --full" if full else ""))


def run_onnx(paths, worker_script, batch_size=200, timeout_s=60):
    def make_argv(batch):
        return [sys.executable, worker_script, "--onnx-worker"], "\n".join(batch) + "\n"
    return run_batches(paths, make_argv, (0,), batch_size, timeout_s, "onnx 1.12 checker")
