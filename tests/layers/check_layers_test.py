#!/usr/bin/env python3
"""scripts/check_layers.py catches upward includes: each case builds a small tree in a temporary
folder and checks the verdict and that the message names file, line and the forbidden layer."""

import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts",
                      "check_layers.py")
spec = importlib.util.spec_from_file_location("check_layers", SCRIPT)
check_layers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_layers)


class CheckLayersTest(unittest.TestCase):
    def make_tree(self, files):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        # Every layer folder exists, as in the repository.
        for layer in ("base", "ir", "kernels", "ops", "opt", "runtime", "inspect"):
            os.makedirs(os.path.join(tmp.name, "src", layer), exist_ok=True)
        for path, text in files.items():
            full = os.path.join(tmp.name, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(text)
        return tmp.name

    def run_script(self, root):
        return subprocess.run([sys.executable, SCRIPT, root], capture_output=True, text=True)

    def test_clean_tree_passes(self):
        root = self.make_tree({
            "include/onyx/tensor.hpp": "#pragma once\n",
            "include/onyx/session.hpp": '#include "onyx/tensor.hpp"\n',
            "src/base/log.h": '#include "onyx/tensor.hpp"\n',
            "src/ops/relu.cc": '#include "ir/graph.h"\n#include "kernels/unary.h"\n'
                               '#include "base/log.h"\n',
            "src/runtime/session.cc": '#include "onyx/session.hpp"\n#include "opt/optimize.h"\n',
            "tools/cli/main.cc": '#include "cli_common.h"\n#include "inspect/model_info.h"\n',
            "tools/cli/cli_common.h": "#pragma once\n",
        })
        result = self.run_script(root)
        self.assertEqual(result.returncode, 0, result.stdout)

    def test_upward_layer_include_fails_naming_file_line_layer(self):
        root = self.make_tree({
            "src/kernels/gemm.cc": '// gemm\n#include <vector>\n#include "ops/op.h"\n',
        })
        result = self.run_script(root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("src/kernels/gemm.cc:3: layer 'kernels' may not include layer 'ops'",
                      result.stdout)
        self.assertIn("kernels  may use: base", result.stdout)  # the rule is printed

    def test_sibling_layer_is_forbidden(self):
        root = self.make_tree({"src/ir/graph.cc": '#include "kernels/gemm.h"\n'})
        self.assertEqual(check_layers.check_tree(root),
                         ["src/ir/graph.cc:1: layer 'ir' may not include layer 'kernels' "
                          "(kernels/gemm.h)"])

    def test_public_session_header_below_runtime_fails(self):
        root = self.make_tree({
            "include/onyx/session.hpp": "#pragma once\n",
            "src/opt/optimize.h": '#include "onyx/session.hpp"\n',
        })
        violations = check_layers.check_tree(root)
        self.assertEqual(len(violations), 1)
        self.assertIn("src/opt/optimize.h:1: layer 'opt' may not include public header "
                      "onyx/session.hpp", violations[0])

    def test_umbrella_header_only_for_applications(self):
        root = self.make_tree({
            "include/onyx/onyx.hpp": "#pragma once\n",
            "src/runtime/session.cc": '#include "onyx/onyx.hpp"\n',
            "python/src/module.cc": '#include "onyx/onyx.hpp"\n',
        })
        violations = check_layers.check_tree(root)
        self.assertEqual(len(violations), 1)
        self.assertTrue(violations[0].startswith("src/runtime/session.cc:1:"), violations)

    def test_public_header_may_not_include_internals(self):
        root = self.make_tree({"include/onyx/tensor.hpp": '#include "base/half.h"\n'})
        violations = check_layers.check_tree(root)
        self.assertEqual(len(violations), 1)
        self.assertIn("include/onyx/tensor.hpp:1: public header", violations[0])

    def test_unresolved_and_third_party_includes(self):
        root = self.make_tree({
            "src/ops/relu.cc": '#include "nowhere.h"\n',
            "src/kernels/unary.cc": '#include "hwy/highway.h"\n',
            "src/ops/add.cc": '#include "hwy/highway.h"\n',
        })
        violations = check_layers.check_tree(root)
        self.assertEqual(len(violations), 2, violations)
        self.assertTrue(any("unresolved include \"nowhere.h\"" in v for v in violations))
        self.assertTrue(any(v.startswith("src/ops/add.cc:1: layer 'ops' may not include hwy")
                            for v in violations))


if __name__ == "__main__":
    unittest.main()
