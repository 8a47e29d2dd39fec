#!/usr/bin/python3
"""A stand-in for `onyx check --json` used to prove the differential harness can fail.

It calls every readable model valid (a checker that checks nothing), and aborts with SIGABRT
when it reaches a model whose path contains $FAKE_ONYX_CRASH_ON, so the harness's crash
recovery and reporting are exercised too.
"""
import json
import os
import sys


def main():
    args = sys.argv[1:]
    if not args or args[0] != "check":
        print("usage: fake_onyx.py check [--json] [--full] MODEL...", file=sys.stderr)
        return 2
    crash_on = os.environ.get("FAKE_ONYX_CRASH_ON")
    for path in [a for a in args[1:] if not a.startswith("--")]:
        if crash_on and crash_on in path:
            sys.stdout.flush()
            os.abort()
        readable = os.path.isfile(path)
        print(json.dumps({"model": path, "valid": readable, "readable": readable, "errors": [],
                          "warnings": []}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
