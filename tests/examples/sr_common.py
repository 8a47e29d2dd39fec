"""Shared set-up for the super-resolution example tests: paths and argument parsing."""

import argparse
import os
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(REPO, "scripts", "models"))


def parse(description, need_app=True, need_onyx=True):
    parser = argparse.ArgumentParser(description=description)
    if need_app:
        parser.add_argument("--app", required=True, help="the super_resolution executable")
    if need_onyx:
        parser.add_argument("--onyx", required=True, help="the onyx CLI executable")
    return parser.parse_args()
