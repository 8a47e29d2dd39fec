#!/usr/bin/env python3
"""Drives `onyx view` pages in headless Chromium (DevTools protocol over --remote-debugging-pipe,
standard library only) and checks what a user sees:

  * the super-resolution page renders;
  * a real mouse click on a Conv node's box fills the side panel with kernel_shape and strides
    and their values (read from the model with onnx when available); a screenshot of that view is
    written to --screenshot; a weight chip shows its statistics; the Names toggle and Export SVG
    work;
  * typing in the search box highlights the matching nodes and reports their count;
  * on a model with an If node, opening a branch body shows the body's nodes, and the breadcrumb
    returns to the main graph; hostile names in that model (</script>, quotes) do not inject script.

Exit status 77 (ctest SKIP_RETURN_CODE) when chromium is not installed.

usage: browser_test.py --onyx build/tools/onyx --model super_resolution.onnx --screenshot out.png
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77


class DevTools:
    """Minimal Chrome DevTools protocol client on the pipe pair Chromium reads (fd 3) and writes
    (fd 4): NUL-terminated JSON messages."""

    def __init__(self, browser, profile_dir):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_fds():
            # Copies first: either pipe end may itself be fd 3 or 4. dup2 leaves the targets
            # inheritable, so they survive exec.
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        cmd = [browser, "--headless=new", "--remote-debugging-pipe", "--no-sandbox",
               "--disable-gpu", "--no-first-run", "--disable-extensions",
               "--user-data-dir=" + profile_dir, "--window-size=1400,900", "about:blank"]
        self.proc = subprocess.Popen(cmd, preexec_fn=wire_fds, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.session = None

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:  # noqa: BLE001 - closing a browser that already went away is fine
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=True, timeout=30):
        self._next_id += 1
        msg = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError("%s failed: %s" % (method, answer["error"]))
                return answer.get("result", {})

    def attach_first_page(self):
        targets = self.call("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": page["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False})

    def js(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError("page script failed: %s" % result["exceptionDetails"])
        return result["result"].get("value")

    def open(self, path):
        self.call("Page.navigate", {"url": "file://" + os.path.abspath(path)})
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if self.js("document.body && document.body.dataset.ready") == "1":
                    return
            except RuntimeError:
                pass  # the new document is not there yet
            time.sleep(0.1)
        raise AssertionError("page %s never became ready" % path)

    def click(self, x, y, count=1):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent",
                      {"type": kind, "x": x, "y": y, "button": "left" if kind != "mouseMoved"
                       else "none", "clickCount": count})

    def screenshot(self, path):
        png = base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])
        with open(path, "wb") as f:
            f.write(png)
        return len(png)


def center_of(dt, selector):
    """Centre of the first element matching `selector`, in viewport pixels (None if absent)."""
    box = dt.js("(() => { const e = document.querySelector(%s); if (!e) return null;"
                " const r = e.getBoundingClientRect();"
                " return [r.left + r.width / 2, r.top + r.height / 2, r.width, r.height]; })()"
                % json.dumps(selector))
    return box


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message)


def conv_attributes(model_path):
    """kernel_shape and strides of the model's first Conv, as the panel prints them."""
    try:
        import onnx  # noqa: PLC0415 - optional: only used for the expected values
    except ImportError:
        return {"kernel_shape": "[5, 5]", "strides": "[1, 1]"}  # super_resolution's conv1
    model = onnx.load(model_path)
    conv = next(n for n in model.graph.node if n.op_type == "Conv")
    found = {a.name: "[" + ", ".join(str(v) for v in a.ints) + "]" for a in conv.attribute}
    return {k: found[k] for k in ("kernel_shape", "strides") if k in found}


def build_if_model(path):
    """A model with an If whose node name and value names are hostile strings. False without onnx."""
    try:
        from onnx import TensorProto, helper  # noqa: PLC0415
        import onnx  # noqa: PLC0415
    except ImportError:
        return False
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])
    cond = helper.make_tensor_value_info("cond", TensorProto.BOOL, [])
    one = helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0])
    then_out = helper.make_tensor_value_info("then_y", TensorProto.FLOAT, ["batch", 3])
    else_out = helper.make_tensor_value_info("else_y", TensorProto.FLOAT, ["batch", 3])
    then_graph = helper.make_graph([helper.make_node("Add", ["x", "one"], ["then_y"], name="add_one")],
                                   "then_body", [], [then_out], [one])
    else_graph = helper.make_graph([helper.make_node("Neg", ["x"], ["else_y"], name="negate"),
                                    ], "else_body", [], [else_out])
    hostile = "</script><script>window.injected=1</script>\"'<&>"
    nodes = [helper.make_node("Relu", ["x"], ["r"], name=hostile),
             helper.make_node("If", ["cond"], ["y"], name="branch", then_branch=then_graph,
                              else_branch=else_graph)]
    graph = helper.make_graph(nodes, "if_model", [cond, x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.save(model, path)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onyx", required=True)
    ap.add_argument("--model", required=True, help="super_resolution.onnx")
    ap.add_argument("--screenshot", required=True)
    args = ap.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("SKIP: chromium is not installed (apt-get install chromium)")
        return SKIP
    if not os.path.exists(args.model):
        print("SKIP: model %s not found (scripts/models generate it)" % args.model)
        return SKIP
    work = tempfile.mkdtemp(prefix="onyx_view_browser_")
    page = os.path.join(work, "super_resolution.html")
    subprocess.run([args.onyx, "view", args.model, "-o", page], check=True)
    dt = DevTools(browser, os.path.join(work, "profile"))
    try:
        dt.attach_first_page()
        dt.open(page)
        # A real click on the first Conv node's header band.
        conv_index = dt.js("window.onyxViewer.data.graphs[0].nodes.findIndex(n => n.op === 'Conv')")
        check(conv_index >= 0, "the page lists a Conv node")
        box = center_of(dt, "#g0-n%d .head" % conv_index)
        check(box and box[2] > 4 and 0 < box[0] < 1040 and 0 < box[1] < 900,
              "the Conv node is on screen at %s" % (box,))
        dt.click(box[0], box[1])
        panel = dt.js("document.getElementById('panel').innerText")
        for name, value in conv_attributes(args.model).items():
            check(name in panel and value in panel.split(name, 1)[1],
                  "the panel shows %s = %s after the click" % (name, value))
        check(dt.js("document.querySelector('#g0-n%d').classList.contains('selected')"
                    % conv_index), "the clicked node is marked selected")
        size = dt.screenshot(args.screenshot)  # graph plus the Conv's panel, for the README
        check(size > 5000, "screenshot written to %s (%d bytes)" % (args.screenshot, size))

        # A weight chip opens the weight panel with statistics computed by onyx.
        chip = center_of(dt, "#g0-n%d .chip" % conv_index)
        dt.click(chip[0], chip[1])
        panel = dt.js("document.getElementById('panel').innerText")
        weight = dt.js("window.onyxViewer.data.graphs[0].weights[0]")
        check(weight["name"] in panel and "min" in panel and "first values" in panel
              and weight["first"][0] in panel,
              "clicking a weight chip shows %s with its statistics" % weight["name"])

        # The Names toggle swaps node names into the boxes.
        names = center_of(dt, "#names")
        dt.click(names[0], names[1])
        shown = dt.js("getComputedStyle(document.querySelector('#g0-n%d .alt-name')).display"
                      % conv_index)
        check(shown != "none", "the Names toggle shows node names")
        dt.click(names[0], names[1])

        # Export SVG hands the browser a standalone SVG of the current graph.
        dt.js("URL.createObjectURL = (blob) => { window.exportedBlob = blob; return 'blob:test'; }")
        export = center_of(dt, "#export")
        dt.click(export[0], export[1])
        exported = dt.call("Runtime.evaluate", {"expression": "window.exportedBlob.text()",
                                                "awaitPromise": True,
                                                "returnByValue": True})["result"]["value"]
        node_count = dt.js("window.onyxViewer.data.graphs[0].nodes.length")
        check(exported.startswith("<?xml") and "<style" in exported
              and exported.count('class="node ') == node_count and "transform: " not in exported,
              "Export SVG writes the graph (%d nodes) with its styles" % node_count)

        # Typing in the search box highlights matches.
        dt.js("document.getElementById('search').focus()")
        dt.call("Input.insertText", {"text": "conv"})
        matched = dt.js("Array.from(document.querySelectorAll('.node.match'))"
                        ".map(e => +e.dataset.node)")
        convs = dt.js("window.onyxViewer.data.graphs[0].nodes.flatMap((n, i) => "
                      "n.op === 'Conv' ? [i] : [])")
        check(set(convs) <= set(matched) and len(matched) >= len(convs),
              "search 'conv' highlights every Conv node (%d highlighted)" % len(matched))
        check(dt.js("document.getElementById('search-count').textContent")
              == "%d matches" % len(matched), "the match count is shown")

        # If bodies: open one from the panel, return with the breadcrumb.
        if_model = os.path.join(work, "if_model.onnx")
        if not build_if_model(if_model):
            print("SKIP part: onnx is not importable, If body check not run")
            return 0
        if_page = os.path.join(work, "if_model.html")
        subprocess.run([args.onyx, "view", if_model, "-o", if_page], check=True)
        dt.open(if_page)
        check(dt.js("window.injected === undefined"), "hostile node names inject no script")
        hostile_shown = dt.js("window.onyxViewer.data.graphs[0].nodes.some("
                              "n => n.name.startsWith('</script>'))")
        check(hostile_shown, "the hostile node name survives as text in the page data")
        if_index = dt.js("window.onyxViewer.data.graphs[0].nodes.findIndex(n => n.op === 'If')")
        box = center_of(dt, "#g0-n%d .head" % if_index)
        dt.click(box[0], box[1])
        button = center_of(dt, "#panel .open-body")
        check(button is not None, "the If panel offers its bodies")
        dt.click(button[0], button[1])
        graph = dt.js("window.onyxViewer.current()")
        check(graph > 0, "the body is shown (graph %s)" % graph)
        ops = dt.js("window.onyxViewer.data.graphs[%d].nodes.map(n => n.op)" % graph)
        visible = dt.js("!document.querySelector('.graph[data-graph=\"%d\"]').hidden" % graph)
        check(visible and ("Add" in ops or "Neg" in ops), "body nodes %s are drawn" % ops)
        crumb = center_of(dt, "#crumbs button")
        dt.click(crumb[0], crumb[1])
        check(dt.js("window.onyxViewer.current()") == 0, "the breadcrumb returns to the main graph")
    finally:
        dt.close()
        shutil.rmtree(work, ignore_errors=True)
    print("browser test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
