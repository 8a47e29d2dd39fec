"""Corpus discovery and the differences-by-design list for the checker differential test."""
import fnmatch
import glob
import json
import os

ONNX_TESTS_SUITES = ("node", "simple", "pytorch-converted", "pytorch-operator")


class Model:
    """One model of the corpus; `variant` is its manifest entry for generated variants."""

    def __init__(self, corpus, path, variant=None):
        self.corpus, self.path, self.variant = corpus, path, variant

    @property
    def rule(self):
        return self.variant["rule"] if self.variant else ""


def _models_under(root):
    return sorted(glob.glob(os.path.join(root, "**", "model.onnx"), recursive=True))


def discover(which, onnx_tests, debian, repo, build_dir, variants_dir, extra=()):
    """[Model] for the corpora named in `which`, then the `extra` files and folders (every
    *.onnx below a folder); a missing folder contributes nothing."""
    out = []
    if "onnx-tests" in which and onnx_tests and os.path.isdir(onnx_tests):
        for suite in ONNX_TESTS_SUITES:
            out += [Model(f"onnx-tests/{suite}", p)
                    for p in _models_under(os.path.join(onnx_tests, suite))]
    if "debian" in which and debian and os.path.isdir(debian):
        for suite in sorted(os.listdir(debian)):
            out += [Model(f"debian/{suite}", p) for p in _models_under(os.path.join(debian, suite))]
    if "project" in which:
        paths = set()
        if repo:
            for p in glob.glob(os.path.join(repo, "**", "*.onnx"), recursive=True):
                rel = os.path.relpath(p, repo)
                if not rel.startswith(("build", ".git")) and "/build" not in rel:
                    paths.add(os.path.abspath(p))
        if build_dir:
            paths.update(os.path.abspath(p)
                         for p in glob.glob(os.path.join(build_dir, "models", "*.onnx")))
        out += [Model("project", p) for p in sorted(paths)]
    if "variants" in which and variants_dir:
        manifest_path = os.path.join(variants_dir, "manifest.json")
        if not os.path.exists(manifest_path):
            raise SystemExit(f"error: {manifest_path} missing; run "
                             "scripts/check/make_invalid_models.py first")
        with open(manifest_path) as f:
            for entry in json.load(f):
                path = os.path.join(variants_dir, entry["file"])
                out.append(Model("variants/" + entry["expect"], path, entry))
    for item in extra:
        paths = ([item] if os.path.isfile(item) else
                 sorted(glob.glob(os.path.join(item, "**", "*.onnx"), recursive=True)))
        out += [Model("extra", os.path.abspath(p)) for p in paths]
    return out


def file_stamps(paths):
    """{path: (size, mtime_ns)}, to prove that checking a corpus leaves it untouched."""
    out = {}
    for p in paths:
        try:
            st = os.stat(p)
            out[p] = (st.st_size, st.st_mtime_ns)
        except OSError:
            out[p] = None
    return out


KINDS = ("rule", "path", "onyx")


class ByDesign:
    """tests/check/differences_by_design.txt: `KIND=GLOB | reason`, KIND one of
    rule (a variant's manifest rule), path (the model path; fnmatch, '*' crosses '/') or onyx
    (the rule id of any error onyx reports for the model). Blank lines and '#' comments are
    ignored.
    """

    def __init__(self, path):
        self.entries = []  # (kind, pattern, reason, line number)
        with open(path) as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                selector, sep, reason = line.partition("|")
                kind, eq, pattern = selector.strip().partition("=")
                if not sep or not eq or kind not in KINDS or not reason.strip():
                    raise SystemExit(f"{path}:{number}: expected 'KIND=GLOB | reason' with KIND "
                                     f"one of {', '.join(KINDS)}, found: {line}")
                self.entries.append((kind, pattern.strip(), reason.strip(), number))

    def match(self, model):
        """The first entry covering `model`, or None."""
        for entry in self.entries:
            kind, pattern = entry[0], entry[1]
            if kind == "rule" and model.rule and fnmatch.fnmatchcase(model.rule, pattern):
                return entry
            if kind == "path" and fnmatch.fnmatchcase(model.path, pattern):
                return entry
            if kind == "onyx" and any(fnmatch.fnmatchcase(e.get("rule", ""), pattern)
                                      for e in (getattr(model, "onyx", None) or {}).get(
                                          "errors") or []):
                return entry
        return None
