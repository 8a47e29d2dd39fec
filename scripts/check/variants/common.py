"""Shared pieces of the variant generators: the Variant record and model traversal.

A generator is a function `gen(seed_name, make_seed)` yielding Variants. A Variant holds the
mutated model (or raw bytes for protobuf-level damage), the rule it breaks, the place it
breaks it (a node, tensor or value name the checker's message should mention) and any side
files (external data, symlinks, directories) that must sit next to the model.
"""
from dataclasses import dataclass, field

import onnx

INVALID = "invalid"
VALID = "valid"
ANY = "any"  # no expected verdict: only onnx's verdict and the absence of crashes count


@dataclass
class Variant:
    rule: str  # "<family>.<what>", e.g. "node.unknown_attribute"
    what: str  # one sentence: what was changed
    where: str  # name the checker's message should contain ("" when there is no good one)
    model: onnx.ModelProto | None = None
    raw: bytes | None = None  # written instead of `model` when set
    expect: str = INVALID  # INVALID, VALID or ANY
    own_dir: bool = False  # write as <id>/model.onnx (needed when side files are involved)
    files: dict = field(default_factory=dict)  # relative path -> bytes
    symlinks: dict = field(default_factory=dict)  # relative path -> link target
    dirs: list = field(default_factory=list)  # relative directories to create
    seed: str = ""  # set by generators of standalone models (not built from the seed given)

    @property
    def family(self):
        return self.rule.split(".", 1)[0]


def subgraphs_of(graph, path):
    """Yields (path, graph) for every graph attribute of every node of `graph`, recursively."""
    for node in graph.node:
        for attr in node.attribute:
            subs = []
            if attr.type == onnx.AttributeProto.GRAPH:
                subs = [(attr.name, attr.g)]
            elif attr.type == onnx.AttributeProto.GRAPHS:
                subs = [(f"{attr.name}[{i}]", g) for i, g in enumerate(attr.graphs)]
            for label, sub in subs:
                sub_path = f"{path} > {node.name}.{label}"
                yield sub_path, sub
                yield from subgraphs_of(sub, sub_path)


def all_graphs(model, with_training=True):
    """(path, graph, depth) for the main graph, every nested subgraph and training graphs."""
    out = [("main", model.graph, 0)]
    out += [(p, g, p.count(" > ")) for p, g in subgraphs_of(model.graph, "main")]
    if with_training:
        for i, info in enumerate(model.training_info):
            for label in ("initialization", "algorithm"):
                if info.HasField(label):
                    g = getattr(info, label)
                    out.append((f"training_info[{i}].{label}", g, 0))
    return out


def all_nodes(model, with_training=True):
    """(graph path, graph, index, node) for every node of every graph (not function bodies)."""
    for path, graph, _ in all_graphs(model, with_training):
        for i, node in enumerate(graph.node):
            yield path, graph, i, node


def all_tensors(model):
    """(owner label, TensorProto) for initializers and tensor-valued attributes of all graphs."""
    for path, graph, _ in all_graphs(model):
        for t in graph.initializer:
            yield f"{path} initializer", t
        for node in graph.node:
            for attr in node.attribute:
                if attr.type == onnx.AttributeProto.TENSOR:
                    yield f"{path} {node.name}.{attr.name}", attr.t


def scoped_rule(path, rule):
    """Rules broken inside training_info graphs form their own family: onnx 1.12's checker
    never looks at training_info, so they are judged apart from the same rule elsewhere."""
    if path.startswith("training_info"):
        return "training." + rule.replace(".", "_", 1)
    return rule
