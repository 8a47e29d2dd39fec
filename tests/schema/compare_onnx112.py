#!/usr/bin/env python3
"""Compares onyx's operator schema table with the schemas of Debian's onnx 1.12.

Usage: compare_onnx112.py ONYX_CLI [--op NAME] [--verbose]

Every schema onnx 1.12 defines (ai.onnx up to opset 17, ai.onnx.ml up to 3,
ai.onnx.preview.training 1) must be in `onyx ops --json` with the same since_version, deprecation,
input/output counts, formal parameters (name, type string, option, homogeneity, min arity), type
constraints (as sets), and attributes (name, type, required, default value). onyx schemas in that
version range that onnx 1.12 lacks are reported too. Versions newer than onnx 1.12 are not
compared here (the conformance models exercise them: tests/check). Exits 1 listing every
difference, 0 when the tables agree, 77 (skip) when onnx is not installed.
"""

import json
import subprocess
import sys

try:
    import onnx
    import onnx.defs
    from onnx import helper
except ImportError:
    print("onnx is not installed; skipping")
    sys.exit(77)

# Newest version of each domain that onnx 1.12 knows; newer onyx schemas are out of scope here.
ONNX112_NEWEST = {"": 17, "ai.onnx.ml": 3, "ai.onnx.preview.training": 1}
OPTION = {0: "single", 1: "optional", 2: "variadic"}
ATTR_TYPE = {v: k for k, v in onnx.AttributeProto.AttributeType.items()}
UNBOUNDED = 2**31 - 1
# Schemas where onyx follows a later ONNX release that corrected onnx 1.12: key -> reason.
FOLLOWS_NEWER_ONNX = {
    ("", "GridSample", 16): "onnx 1.12 swapped the constraints of grid (T1) and Y (T2); "
                            "onnx 1.13+ gives grid its own float type T2 and Y the type of X",
}


def onnx_default(attr):
    d = attr.default_value
    if not d.name and d.type == 0:
        return None
    value = helper.get_attribute_value(d)
    if isinstance(value, bytes):
        value = value.decode()
    if isinstance(value, list):
        value = [v.decode() if isinstance(v, bytes) else v for v in value]
    return value


def parse_ours(text, attr_type):
    """onyx's display text of a default -> a Python value comparable with onnx_default()."""
    if text == "":
        return None
    if attr_type in ("INT",):
        return int(text)
    if attr_type == "FLOAT":
        return float(text)
    if attr_type in ("INTS", "FLOATS", "STRINGS"):
        inner = text.strip()[1:-1].strip()
        if not inner:
            return []
        items = [x.strip() for x in inner.split(",")]
        if attr_type == "INTS":
            return [int(x) for x in items]
        if attr_type == "FLOATS":
            return [float(x) for x in items]
        return [x.strip('"') for x in items]
    return text


def same_default(ours, theirs, attr_type):
    if theirs is None:
        return ours is None
    if ours is None:
        return False
    if attr_type == "FLOAT":
        return abs(ours - theirs) <= 1e-6 * max(1.0, abs(theirs))
    if attr_type == "FLOATS":
        return len(ours) == len(theirs) and all(
            abs(a - b) <= 1e-6 * max(1.0, abs(b)) for a, b in zip(ours, theirs))
    if attr_type in ("INT", "INTS", "STRING", "STRINGS"):
        return ours == theirs
    return True  # tensor/graph defaults: not compared


# onnx 1.12's Python objects lack a formal's min_arity; min_inputs/min_outputs cover it.
def formal_tuple(f):
    return (f["name"], f["type"], f["option"], f["homogeneous"])


def onnx_formal(f):
    return (f.name, f.typeStr, OPTION[int(f.option)], bool(f.isHomogeneous))


def compare(ours, theirs):
    diffs = []
    key = f"{theirs.domain or 'ai.onnx'}.{theirs.name}-{theirs.since_version}"
    if ours["deprecated"] != bool(theirs.deprecated):
        diffs.append(f"{key}: deprecated {ours['deprecated']} vs onnx {theirs.deprecated}")
    for field, value in (("min_inputs", theirs.min_input), ("max_inputs", theirs.max_input),
                         ("min_outputs", theirs.min_output), ("max_outputs", theirs.max_output)):
        mine = ours[field]
        if mine == -1:
            mine = UNBOUNDED
        if mine != value:
            diffs.append(f"{key}: {field} {mine} vs onnx {value}")
    for kind, mine, their in (("inputs", ours["inputs"], theirs.inputs),
                              ("outputs", ours["outputs"], theirs.outputs)):
        a = [formal_tuple(f) for f in mine]
        b = [onnx_formal(f) for f in their]
        if a != b:
            diffs.append(f"{key}: {kind}\n    onyx {a}\n    onnx {b}")
    a = {c["name"]: sorted(c["types"]) for c in ours["constraints"]}
    b = {c.type_param_str: sorted(c.allowed_type_strs) for c in theirs.type_constraints}
    if a != b:
        for name in sorted(set(a) | set(b)):
            if a.get(name) != b.get(name):
                extra = sorted(set(a.get(name, [])) - set(b.get(name, [])))
                missing = sorted(set(b.get(name, [])) - set(a.get(name, [])))
                diffs.append(f"{key}: constraint {name}: onyx has extra {extra}, lacks {missing}")
    a = {x["name"]: x for x in ours["attributes"]}
    b = dict(theirs.attributes)
    for name in sorted(set(a) | set(b)):
        if name not in a:
            diffs.append(f"{key}: attribute {name} missing in onyx")
            continue
        if name not in b:
            diffs.append(f"{key}: attribute {name} not in onnx")
            continue
        t = ATTR_TYPE[int(b[name].type)]
        if a[name]["type"] != t:
            diffs.append(f"{key}: attribute {name} type {a[name]['type']} vs onnx {t}")
        if a[name]["required"] != bool(b[name].required):
            diffs.append(f"{key}: attribute {name} required {a[name]['required']} vs onnx "
                         f"{b[name].required}")
        try:
            mine = parse_ours(a[name]["default"], t)
        except ValueError:
            mine = "<unparsable " + a[name]["default"] + ">"
        if not same_default(mine, onnx_default(b[name]), t):
            diffs.append(f"{key}: attribute {name} default {a[name]['default']!r} vs onnx "
                         f"{onnx_default(b[name])!r}")
    return diffs


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    cli = args[0]
    only = args[args.index("--op") + 1] if "--op" in args else None
    table = json.loads(subprocess.run([cli, "ops", "--json"], check=True, capture_output=True,
                                      text=True).stdout)
    ours = {(s["domain"], s["name"], s["since_version"]): s for s in table}
    diffs = []
    checked = 0
    seen = set()
    for s in onnx.defs.get_all_schemas_with_history():
        if only and s.name != only:
            continue
        k = (s.domain, s.name, s.since_version)
        seen.add(k)
        if k not in ours:
            diffs.append(f"{s.domain or 'ai.onnx'}.{s.name}-{s.since_version}: missing in onyx")
            continue
        checked += 1
        if k in FOLLOWS_NEWER_ONNX:
            print(f"{s.name}-{s.since_version}: not compared: {FOLLOWS_NEWER_ONNX[k]}")
            continue
        diffs.extend(compare(ours[k], s))
    for k in sorted(ours):
        domain, name, since = k
        if only and name != only:
            continue
        if domain in ONNX112_NEWEST and since <= ONNX112_NEWEST[domain] and k not in seen:
            diffs.append(f"{domain or 'ai.onnx'}.{name}-{since}: in onyx but not in onnx 1.12")
    for d in diffs:
        print(d)
    print(f"{checked} schemas compared with onnx {onnx.__version__}, {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
