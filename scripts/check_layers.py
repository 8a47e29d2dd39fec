#!/usr/bin/env python3
"""Checks that #include "..." lines respect onyx's layering (DESIGN.md §2).

Usage: check_layers.py [ROOT]   (ROOT defaults to the repository holding this script)

Every quoted include in src/<layer>/, include/onyx/, tools/, python/src/ and examples/ is
resolved to the layer that owns it and checked against the table below; angle-bracket includes
(system and third-party libraries) are not checked. Exits 1 naming file, line and the forbidden
layer for every violation, 0 when clean. Run by ctest as `layers.check`.
"""

import os
import re
import sys

# Layer -> layers whose headers it may include directly (its own always allowed). Lower layers
# are reachable transitively: a layer may use everything its allowed layers may use.
LAYER_USES = {
    "base": [],
    "proto": ["base"],
    "ir": ["base"],
    "kernels": ["base"],
    # ONNX operator schemas (the standard's table, independent of what the runtime implements).
    "schema": ["base"],
    "ops": ["ir", "kernels"],
    "import": ["proto", "ir", "ops"],
    "shape": ["ir", "ops", "schema"],
    # The checker's strict mode runs shape inference (CMakeLists.txt links onyx_check to it).
    "check": ["proto", "ir", "ops", "import", "shape", "schema"],
    "opt": ["ir", "shape", "ops"],
    "runtime": ["import", "check", "shape", "opt", "ops"],
    "inspect": ["ir", "runtime"],
    # Applications on top of the library: any layer.
    "tools": ["inspect", "runtime"],
    # The Python module is built on the public API only (include/onyx/), like any embedder.
    "python": [],
    "examples": ["inspect", "runtime"],
}

# Public headers (include/onyx/) -> the lowest layers that may include them. Value types every
# layer shares are usable from base up; the session API only from the runtime up; the umbrella
# header only by applications. A public header missing here gets PUBLIC_DEFAULT.
APPLICATIONS = ["tools", "python", "examples"]
PUBLIC_USERS = {
    "onyx/status.hpp": ["base"],
    "onyx/dtype.hpp": ["base"],
    "onyx/tensor.hpp": ["base"],
    "onyx/value.hpp": ["base"],
    "onyx/session.hpp": ["runtime", "inspect"] + APPLICATIONS,
    "onyx/version.hpp": ["runtime", "inspect"] + APPLICATIONS,
    "onyx/onyx.hpp": APPLICATIONS,
    # The checker API is implemented by the check layer (src/check/check_api.cc).
    "onyx/check.hpp": ["check", "runtime", "inspect"] + APPLICATIONS,
    "onyx/onyx.h": ["runtime", "inspect"] + APPLICATIONS,
}
PUBLIC_DEFAULT = ["runtime", "inspect"] + APPLICATIONS

# Quoted third-party includes -> the layers allowed to use them.
THIRD_PARTY = {"hwy": ["kernels"]}

SOURCE_SUFFIXES = (".h", ".hpp", ".cc", ".cpp", ".inc")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def closure(layer):
    """Layers whose headers `layer` may include, itself included."""
    seen, stack = set(), [layer]
    while stack:
        cur = stack.pop()
        if cur in seen:
            continue
        seen.add(cur)
        stack.extend(LAYER_USES.get(cur, []))
    return seen


def may_use_public(layer, header):
    if layer in APPLICATIONS:
        return True  # applications may use the whole public API
    users = PUBLIC_USERS.get(header, PUBLIC_DEFAULT)
    # A header usable from layer L is usable by every layer above L.
    return any(u in closure(layer) for u in users)


def rule_text():
    lines = ["layer rule (DESIGN.md §2): a layer includes only its own and lower layers' headers"]
    for layer, uses in LAYER_USES.items():
        lines.append("  %-8s may use: %s" % (layer, ", ".join(uses) if uses else "-"))
    lines.append("  public headers (lowest layers allowed; every layer above them too):")
    for header, users in PUBLIC_USERS.items():
        lines.append("    %-17s %s" % (header, ", ".join(users)))
    lines.append("    %-17s %s" % ("other onyx/*", ", ".join(PUBLIC_DEFAULT)))
    lines.append("  include/onyx/* may include only other public headers")
    return "\n".join(lines)


def scanned_files(root):
    """Yields (path, layer) for every source file the rule covers."""
    places = []
    src = os.path.join(root, "src")
    if os.path.isdir(src):
        for name in sorted(os.listdir(src)):
            if os.path.isdir(os.path.join(src, name)):
                places.append((os.path.join(src, name), name))
    places += [
        (os.path.join(root, "include", "onyx"), "public"),
        (os.path.join(root, "tools"), "tools"),
        (os.path.join(root, "python", "src"), "python"),
        (os.path.join(root, "examples"), "examples"),
    ]
    for top, layer in places:
        for dirpath, _, files in os.walk(top):
            for f in sorted(files):
                if f.endswith(SOURCE_SUFFIXES):
                    yield os.path.join(dirpath, f), layer


def check_include(root, path, layer, target):
    """Returns None when `target` is allowed from `path` (in `layer`), else the reason."""
    first = target.split("/", 1)[0]
    if layer == "public":
        if first == "onyx" and os.path.isfile(os.path.join(root, "include", target)):
            return None
        return ('public header includes "%s": include/onyx/* may include only public headers'
                % target)
    if first == "onyx":
        if may_use_public(layer, target):
            return None
        users = PUBLIC_USERS.get(target, PUBLIC_DEFAULT)
        return "layer '%s' may not include public header %s (allowed from: %s)" % (
            layer, target, ", ".join(users))
    if first in THIRD_PARTY:
        if layer in THIRD_PARTY[first]:
            return None
        return "layer '%s' may not include %s (only %s)" % (layer, target,
                                                            ", ".join(THIRD_PARTY[first]))
    if os.path.isdir(os.path.join(root, "src", first)) and "/" in target:
        if first in closure(layer):
            return None
        return "layer '%s' may not include layer '%s' (%s)" % (layer, first, target)
    # A file next to the includer (tools/cli/commands.h, python/src/errors.h): same layer.
    if os.path.isfile(os.path.join(os.path.dirname(path), target)):
        return None
    return 'unresolved include "%s": not a layer header, a public header or a file beside it' % (
        target)


def check_tree(root):
    """Returns the list of violations as 'file:line: reason' strings."""
    violations = []
    for path, layer in scanned_files(root):
        with open(path, encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE_RE.match(line)
                if not m:
                    continue
                reason = check_include(root, path, layer, m.group(1))
                if reason:
                    rel = os.path.relpath(path, root)
                    violations.append("%s:%d: %s" % (rel, lineno, reason))
    return violations


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    violations = check_tree(root)
    if violations:
        print("\n".join(violations))
        print("%d include(s) break the layering.\n%s" % (len(violations), rule_text()))
        return 1
    print("layers: every include respects the layer rule\n%s" % rule_text())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
