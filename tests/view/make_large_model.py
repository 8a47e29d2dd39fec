#!/usr/bin/env python3
"""Writes a large synthetic ONNX model for measuring `onyx view` layout time:

  NODES elementwise nodes in a chain, each also reading the output of a random node up to 40
  steps back (long edges, so many dummy vertices), with a Relu side branch on about 10% of them.

usage: make_large_model.py NODES OUT.onnx      (needs Debian's python3-onnx; seeded, deterministic)
then:  onyx view OUT.onnx -o /tmp/large.html --timing
"""
import random
import sys

from onnx import TensorProto, helper
import onnx


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(1)
    nodes, names = [], ["x"]
    for i in range(count):
        back = names[max(0, len(names) - 1 - rng.randint(1, 40))]
        op = rng.choice(["Add", "Mul", "Sub"])
        nodes.append(helper.make_node(op, [names[-1], back], ["v%d" % i], name="n%d" % i))
        names.append("v%d" % i)
        if rng.random() < 0.1:
            nodes.append(helper.make_node("Relu", [names[-1]], ["r%d" % i], name="relu%d" % i))
            names.append("r%d" % i)
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 64])
    y = helper.make_tensor_value_info(names[-1], TensorProto.FLOAT, ["batch", 64])
    graph = helper.make_graph(nodes, "synthetic_%d" % count, [x], [y])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), out)
    print("%s: %d nodes" % (out, len(nodes)))


if __name__ == "__main__":
    main()
