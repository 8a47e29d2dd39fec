"""Agreement table, disagreement lists and message-quality rules of the differential test."""
import collections
import re

# Variant rule family -> prefixes of onyx rule ids (c1's "<family>.<rule>", e.g.
# node.unknown_attribute) that count as naming it.
FAMILY_PREFIXES = {
    "model": ("model.", "opset."),
    "graph": ("graph.", "value."),
    "node": ("node.",),
    "attribute": ("attribute.", "node.attribute"),
    "tensor": ("tensor.",),
    "sparse": ("sparse.",),
    "external_data": ("tensor.external",),
    "function": ("function.",),
    "training": ("training.",),
}
# Variant rules whose error legitimately comes from a neighbouring family (longest prefix of
# the variant rule wins): a broken node inside a function is a node error located in the
# function; a broken graph inside training_info is a graph error located there.
RULE_PREFIXES = {
    "function.node": ("node.", "attribute.", "function."),
    "function.domain_not_imported": ("node.", "function."),
    "function.undefined_value": ("graph.", "function."),
    "function.topological_order": ("graph.", "function."),
    "function.duplicate_name": ("graph.", "function."),
    "function.name_missing": ("function.", "node."),
    "training.": ("training.", "graph.", "node.", "attribute.", "value."),
    "training.binding": ("training.",),
    "sparse.values_tensor": ("sparse.", "tensor."),
    "node.attribute_type": ("node.attribute", "attribute."),
    "function.call_signature": ("node.", "function."),
    "model.opset_version_range": ("opset.", "model.", "node."),
}


def accepted_prefixes(variant):
    rule = variant["rule"]
    keys = [k for k in RULE_PREFIXES if rule == k or (k.endswith(".") and rule.startswith(k))]
    if keys:
        return RULE_PREFIXES[max(keys, key=len)]
    return FAMILY_PREFIXES.get(variant["family"], (variant["family"] + ".",))


# Families whose place is not a name (the file as a whole).
NO_PLACE_FAMILIES = {"protobuf"}


def message_problem(model):
    """'' when onyx's first error names the variant's rule family and place, else why not."""
    family = model.variant["family"]
    if family in NO_PLACE_FAMILIES:
        return "" if model.onyx_verdict == "unreadable" else "damaged file not called unreadable"
    errors = (model.onyx or {}).get("errors") or []
    if not errors:
        return "invalid without any error"
    rules = [e.get("rule", "") for e in errors]
    prefixes = accepted_prefixes(model.variant)
    matching = [e for e in errors if e.get("rule", "").startswith(prefixes)]
    if not matching:
        return f"no error of family {family} (got {', '.join(rules[:3])})"
    where = model.variant.get("where", "")
    if where and not any(where in (e.get("location", "") + " " + e.get("message", ""))
                         for e in matching):
        return f"'{where}' named by no {family} error"
    if not errors[0].get("rule", "").startswith(prefixes):
        return f"first error is {rules[0]}, not of family {family}"
    return ""


def warning_problem(model):
    """For an invalid variant onyx accepts by design: a by-design reason saying
    "warns (RULE)" requires a warning with that rule id ("warns (family.)": any rule of the
    family). '' when satisfied."""
    found = re.search(r"warns \(([\w.]+)\)", model.design[2]) if model.design else None
    if not found:
        return ""
    rules = [w.get("rule", "") for w in (model.onyx or {}).get("warnings") or []]
    wanted = found.group(1)  # a rule id, or a family prefix ending in '.'
    ok = any(r == wanted or (wanted.endswith(".") and r.startswith(wanted)) for r in rules)
    return "" if ok else f"accepted without warning {wanted}"


def _corpus_rows(models):
    rows = collections.OrderedDict()
    for m in models:
        rows.setdefault(m.corpus, []).append(m)
    rows["total"] = list(models)
    return rows


def _count(ms, pred):
    return sum(1 for m in ms if pred(m))


def agreement_table(models):
    header = ("| corpus | models | onnx valid (understood) | onyx valid | same verdict | "
              "by design | unexplained | not understood by onnx 1.12 (onyx valid/invalid) | "
              "onyx crashes | invalid called valid | message misses rule/place |")
    lines = [header, "|" + "---|" * 11]
    for corpus, ms in _corpus_rows(models).items():
        und = [m for m in ms if m.ref["understood"]]
        nu = [m for m in ms if m.outcome == "not_understood"]
        lines.append("| " + " | ".join(str(x) for x in [
            corpus, len(ms), _count(und, lambda m: m.ref["valid"]),
            _count(ms, lambda m: m.onyx_verdict == "valid"),
            _count(ms, lambda m: m.outcome == "agree"),
            _count(ms, lambda m: m.outcome == "by_design"),
            _count(ms, lambda m: m.outcome == "unexplained"),
            f"{len(nu)} ({_count(nu, lambda m: m.onyx_verdict == 'valid')}/"
            f"{_count(nu, lambda m: m.onyx_verdict != 'valid')})",
            _count(ms, lambda m: m.outcome == "crash"),
            _count(ms, lambda m: m.missed_invalid),
            _count(ms, lambda m: bool(m.bad_message))]) + " |")
    return "\n".join(lines)


def full_table(models):
    lines = ["| corpus | models | onnx full_check valid | onyx --full valid | same verdict |",
             "|---|---|---|---|---|"]
    for corpus, ms in _corpus_rows(models).items():
        ms = [m for m in ms if m.ref["understood"] and m.full and "crash" not in m.full]
        lines.append(f"| {corpus} | {len(ms)} | {_count(ms, lambda m: m.ref['full_valid'])} | "
                     f"{_count(ms, lambda m: m.full.get('valid'))} | "
                     f"{_count(ms, lambda m: m.ref['full_valid'] == bool(m.full.get('valid')))} |")
    return "\n".join(lines)


def full_differences(models, limit=25):
    """Understood models, not covered by a by-design entry, where the --full verdicts differ."""
    diff = [m for m in models if m.ref["understood"] and m.full and "crash" not in m.full
            and not m.design and m.ref["full_valid"] != bool(m.full.get("valid"))]
    out = [f"### --full verdict differences outside the by-design list ({len(diff)})"]
    for m in diff[:limit]:
        errs = m.full.get("errors") or [{}]
        out.append(f"- `{m.path}`{' (' + m.rule + ')' if m.rule else ''}: onnx "
                   f"{'valid' if m.ref['full_valid'] else 'invalid'} "
                   f"{_short(m.ref['full_message'], 160)}; onyx "
                   f"{'valid' if m.full.get('valid') else 'invalid'} "
                   f"{_short(errs[0].get('rule', '') + ' ' + errs[0].get('message', ''), 160)}")
    return out


def reference_table(models):
    """--onnx-only: onnx 1.12's verdicts per corpus and, for variants, per rule."""
    lines = ["| corpus | models | not understood | onnx valid | onnx full_check valid |",
             "|---|---|---|---|---|"]
    for corpus, ms in _corpus_rows(models).items():
        lines.append(f"| {corpus} | {len(ms)} | {_count(ms, lambda m: not m.ref['understood'])} "
                     f"| {_count(ms, lambda m: m.ref['valid'])} | "
                     f"{_count(ms, lambda m: m.ref['full_valid'])} |")
    per_rule = collections.defaultdict(list)
    for m in models:
        if m.variant:
            per_rule[m.variant["rule"]].append(m)
    lines += ["", "| variant rule | expect | models | onnx valid | example onnx message |",
              "|---|---|---|---|---|"]
    for rule, ms in sorted(per_rule.items()):
        msg = next((m.ref["message"] for m in ms if not m.ref["valid"]), "")
        lines.append(f"| {rule} | {ms[0].variant['expect']} | {len(ms)} | "
                     f"{_count(ms, lambda m: m.ref['valid'])} | {_short(msg, 110)} |")
    return "\n".join(lines)


def _short(text, n=160):
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= n else text[:n - 3] + "..."


def _onyx_text(m):
    if m.onyx is None:
        return "-"
    if "crash" in m.onyx:
        return "CRASH " + m.onyx["crash"]
    errs = m.onyx.get("errors") or []
    first = errs[0] if errs else {}
    detail = f"[{first.get('rule', '')}] {first.get('location', '')}: {first.get('message', '')}"
    return m.onyx_verdict + (" " + detail if errs else "")


def _line(m):
    what = f" ({m.variant['rule']}: {m.variant['what']})" if m.variant else ""
    return (f"- `{m.path}`{what}\n  - onnx 1.12: {'valid' if m.ref['valid'] else 'invalid'} "
            f"{_short(m.ref['message'])}\n  - onyx: {_short(_onyx_text(m), 300)}")


def _grouped(models, title, limit=6):
    groups = collections.defaultdict(list)
    for m in models:
        groups[m.rule or m.corpus].append(m)
    out = [f"## {title} ({len(models)})"]
    for key, ms in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        out.append(f"### {key} ({len(ms)})")
        out += [_line(m) for m in ms[:limit]]
        if len(ms) > limit:
            out.append(f"- ... and {len(ms) - limit} more")
    return out


def _sections(models):
    crashes = [m for m in models if m.outcome == "crash"]
    missed = [m for m in models if m.missed_invalid]
    unexplained = [m for m in models if m.outcome == "unexplained"]
    bad = [m for m in models if m.bad_message]
    out = []
    if crashes:
        out += _grouped(crashes, "onyx crashes or timeouts")
    if missed:
        out += _grouped(missed, "invalid variants onyx calls valid")
    if unexplained:
        out += _grouped(unexplained, "unexplained verdict differences")
    if bad:
        out.append(f"## messages missing the rule family or place ({len(bad)})")
        groups = collections.defaultdict(list)
        for m in bad:
            groups[m.rule].append(m)
        for rule, ms in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            out.append(f"- {rule} ({len(ms)}): {ms[0].bad_message} — e.g. `{ms[0].path}`: "
                       f"{_short(_onyx_text(ms[0]), 200)}")
    return out


def render(models, by_design, args):
    out = ["# onyx check vs onnx 1.12 checker", ""]
    if args.onnx_only:
        return "\n".join(out + [reference_table(models), ""])
    out += [agreement_table(models), ""]
    if args.full:
        out += ["## --full vs full_check=True (reported, not failing)", "", full_table(models),
                ""] + full_differences(models) + [""]
    differ = collections.Counter(m.design[3] for m in models if m.outcome == "by_design")
    alike = collections.Counter(m.design[3] for m in models if m.design and
                                m.outcome == "agree" and m.variant and
                                m.variant["expect"] == "invalid" and m.onyx_verdict == "valid")
    out.append("## differences by design (models where the verdicts differ / invalid variants "
               "both accept)")
    for kind, pattern, reason, number in by_design.entries:
        out.append(f"- `{kind}={pattern}` ({differ.get(number, 0)} / {alike.get(number, 0)}): "
                   f"{reason}")
    nu = collections.Counter(re.sub(r" -?\d+ >", " N >", m.ref["why_not_understood"])
                             for m in models if m.outcome == "not_understood")
    out += ["", "## not understood by onnx 1.12", ""]
    out += [f"- {why}: {n}" for why, n in nu.most_common()]
    out += [""] + _sections(models)
    return "\n".join(out) + "\n"


def findings(models):
    head = ["# c2 findings: onyx check vs onnx 1.12", "",
            "Most important first: crashes, invalid variants called valid, verdict differences, "
            "then message quality. Regenerate: see tests/check/differential.py.", "",
            agreement_table(models), ""]
    return "\n".join(head + _sections(models)) + "\n"


def failures(models, check_messages=True):
    counts = {
        "unexplained": _count(models, lambda m: m.outcome == "unexplained"),
        "invalid called valid": _count(models, lambda m: m.missed_invalid),
        "crash": _count(models, lambda m: m.outcome == "crash"),
        "message": _count(models, lambda m: check_messages and bool(m.bad_message)),
    }
    return ", ".join(f"{n} {k}" for k, n in counts.items() if n)
