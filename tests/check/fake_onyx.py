#!/usr/bin/python3
"""A stand-in for `onyx check --json` used to prove the differential harness can fail.

It calls every readable model valid (a checker that checks nothing), aborts with SIGABRT
when it reaches a model whose path contains $FAKE_ONYX_CRASH_ON and sleeps for an hour on
one containing $FAKE_ONYX_HANG_ON, so the harness's crash and timeout recovery are exercised
too. Output is block-buffered, as a C++ program writing to a pipe may be.
"""
import json
import os
import sys
import time


def main():
    args = sys.argv[1:]
    if not args or args[0] != "check":
        print("usage: fake_onyx.py check [--json] [--full] MODEL...", file=sys.stderr)
        return 2
    crash_on = os.environ.get("FAKE_ONYX_CRASH_ON")
    hang_on = os.environ.get("FAKE_ONYX_HANG_ON")
    for path in [a for a in args[1:] if not a.startswith("--")]:
        if crash_on and crash_on in path:
            os.abort()  # whatever is still buffered is lost, as in a real crash
        if hang_on and hang_on in path:
            time.sleep(3600)
        readable = os.path.isfile(path)
        print(json.dumps({"model": path, "valid": readable, "readable": readable, "errors": [],
                          "warnings": []}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
