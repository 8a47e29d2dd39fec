#!/usr/bin/env python3
"""Differential test of `onyx check` against onnx 1.12's checker.

usage: differential.py ONYX_CLI [--corpus onnx-tests,debian,project,variants]
                       [--variants DIR] [--extra PATH]... [--report out.md]
                       [--findings out.md] [--full]
       differential.py --onnx-only ...   (reference verdicts only, no onyx)

Every model gets onnx 1.12's verdict (check_model(path); the full_check=True column comes
from the same strict inference run on a loaded copy, see onnx_reference.py) and onyx's
(`onyx check --json`, many models per process). Models using an IR version, opset or element
type newer than onnx 1.12 knows are "not understood" and reported apart. Otherwise the
verdicts must match, unless tests/check/differences_by_design.txt covers the model (by path,
by the variant's rule, or by the rule id of an onyx error) with a reason.

Exit 1 on an unexplained difference, on an onyx crash or timeout (a signal or an exit code
other than 0/1/2), on a generated invalid variant onyx calls valid, on a message that does
not name the broken rule family and place (variants only), or when a corpus file changed
during the run; exit 0 otherwise (77 when onnx is missing).
Run with Debian's python (/usr/bin/python3), which has onnx 1.12.
"""
import argparse
import os
import sys

SKIP_EXIT_CODE = 77  # ctest's SKIP_RETURN_CODE
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import diff_corpus  # noqa: E402
import diff_report  # noqa: E402
import diff_runners  # noqa: E402


def onnx_worker():
    """--onnx-worker: model paths on stdin, one JSON line of onnx 1.12 verdicts per model."""
    import json
    import onnx_reference
    for line in sys.stdin:
        path = line.strip()
        if path:
            print(json.dumps(onnx_reference.check_file(path)), flush=True)


def parse_args():
    repo = os.path.dirname(os.path.dirname(HERE))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("onyx_cli", nargs="?", help="path of the onyx executable")
    p.add_argument("--onnx-only", action="store_true", help="only onnx 1.12's verdicts")
    p.add_argument("--corpus", default="onnx-tests,debian,project,variants")
    p.add_argument("--onnx-tests", default=os.environ.get(
        "ONYX_ONNX_TESTS", os.path.join(os.path.dirname(repo), "shared", "onnx-tests")))
    p.add_argument("--debian", default="/usr/share/libonnx-testdata/data")
    p.add_argument("--repo", default=repo, help="committed .onnx files are searched here")
    p.add_argument("--build-dir", default=os.path.join(repo, "build"))
    p.add_argument("--variants", help="folder written by scripts/check/make_invalid_models.py")
    p.add_argument("--extra", action="append", default=[],
                   help="more model files or folders (every *.onnx below), corpus 'extra'")
    p.add_argument("--by-design", default=os.path.join(HERE, "differences_by_design.txt"))
    p.add_argument("--full", action="store_true", help="also compare onyx check --full")
    p.add_argument("--timeout", type=float, default=30,
                   help="seconds per onyx process, plus 0.5 s per model in it")
    p.add_argument("--report", help="write the agreement table and lists as markdown")
    p.add_argument("--findings", help="write the disagreements for the checker's author")
    p.add_argument("--no-message-check", action="store_true",
                   help="do not fail on messages that miss the rule family or place")
    args = p.parse_args()
    if not args.onnx_only and not args.onyx_cli:
        p.error("ONYX_CLI is required (or --onnx-only)")
    return args


def onyx_verdict(result):
    if result is None:
        return "missing"
    if "crash" in result:
        return "crash"
    if not result.get("readable", True):
        return "unreadable"
    return "valid" if result.get("valid") else "invalid"


def classify(model, ref, onyx, by_design):
    """Sets model.outcome (agree, by_design, unexplained, not_understood, crash, onnx_only)
    and model.missed_invalid / model.bad_message."""
    model.ref, model.onyx = ref, onyx
    model.onyx_verdict = onyx_verdict(onyx) if onyx is not None else None
    model.design = by_design.match(model)
    model.missed_invalid = False
    model.bad_message = ""
    if onyx is None:
        model.outcome = "onnx_only"
        return
    if model.onyx_verdict in ("crash", "missing"):
        model.outcome = "crash"
        return
    onyx_valid = model.onyx_verdict == "valid"
    if not ref["understood"]:
        model.outcome = "not_understood"
    elif ref["valid"] == onyx_valid:
        model.outcome = "agree"
    else:
        model.outcome = "by_design" if model.design else "unexplained"
    if model.variant and model.variant["expect"] == "invalid":
        if onyx_valid and not model.design:
            model.missed_invalid = True
        elif onyx_valid:
            model.bad_message = diff_report.warning_problem(model)
        else:
            model.bad_message = diff_report.message_problem(model)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--onnx-worker":
        return onnx_worker()
    args = parse_args()
    try:
        import onnx  # noqa: F401  (the reference; the worker processes import it again)
    except ImportError:
        print(f"SKIP: {sys.executable} has no onnx module (use /usr/bin/python3)")
        return SKIP_EXIT_CODE
    by_design = diff_corpus.ByDesign(args.by_design)
    which = set(args.corpus.split(","))
    models = diff_corpus.discover(which, args.onnx_tests, args.debian, args.repo, args.build_dir,
                                  args.variants, args.extra)
    if not models:
        print("no models found", file=sys.stderr)
        return 1
    paths = [m.path for m in models]
    print(f"{len(models)} models", file=sys.stderr)
    if not args.onnx_only:
        problem = diff_runners.probe_onyx(os.path.abspath(args.onyx_cli), paths[0])
        if problem:
            print(f"FAIL: {problem}", file=sys.stderr)
            return 1
    before = diff_corpus.file_stamps(paths)
    ref = diff_runners.run_onnx(paths, os.path.abspath(__file__))
    onyx = full = {}
    if not args.onnx_only:
        cli = os.path.abspath(args.onyx_cli)
        onyx = diff_runners.run_onyx(cli, paths, timeout_s=args.timeout)
        if args.full:
            full = diff_runners.run_onyx(cli, paths, full=True, timeout_s=args.timeout)
    changed = [p for p, stamp in diff_corpus.file_stamps(paths).items() if before[p] != stamp]
    if changed:
        print(f"FAIL: {len(changed)} corpus files changed while being checked, e.g. "
              f"{changed[0]}; the corpus must be read-only to both checkers", file=sys.stderr)
        return 1
    for m in models:
        r = ref.get(m.path) or {"crash": "no answer"}
        if "crash" in r:  # onnx itself died on the model: count that as rejecting it
            why = f"onnx 1.12's checker crashed: {r['crash']}"
            r = {"understood": True, "why_not_understood": "", "valid": False, "message": why,
                 "full_valid": False, "full_message": why}
        classify(m, r, None if args.onnx_only else onyx.get(m.path), by_design)
        m.full = full.get(m.path) if args.full else None
    text = diff_report.render(models, by_design, args)
    print(text)
    if args.report:
        with open(args.report, "w") as f:
            f.write(text)
    if args.findings:
        with open(args.findings, "w") as f:
            f.write(diff_report.findings(models))
    failures = diff_report.failures(models, check_messages=not args.no_message_check)
    if failures:
        print(f"FAIL: {failures}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
