"""Variants breaking model-local function rules, training_info rules, a few protobuf-level
damages (truncation, bad wire types), and byte flips that still parse."""
import random

import onnx
from onnx import helper

from .common import ANY, Variant
from .seeds import FUNCTION_DOMAIN


def function_rules(seed, make_seed):
    if seed != "func":
        return
    base = make_seed()
    for f_index, fn in enumerate(base.functions):
        label = f"function '{fn.name}'"

        def edit(mutate):
            m = make_seed()
            mutate(m, m.functions[f_index])
            return m

        yield Variant("function.duplicate", f"{label} defined twice", fn.name,
                      edit(lambda m, f: m.functions.append(f)))
        ops = {n.op_type for n in fn.node}
        for version in (11, 12, 14):
            def conflicting(m, f, v=version):
                f.opset_import[0].version = v
            # onnx's rule: a function may import another version of a domain than the model
            # as long as every op it uses has the same schema at both versions.
            same = all(onnx.defs.get_schema(op, version).since_version ==
                       onnx.defs.get_schema(op, 13).since_version for op in ops)
            if same:
                yield Variant("valid.function_opset_compatible",
                              f"{label} imports the default domain at {version}, the model at "
                              f"13; its ops {sorted(ops)} are unchanged between them", "",
                              edit(conflicting), expect="valid")
            else:
                yield Variant("function.opset_conflict",
                              f"{label} imports the default domain at {version}, the model at "
                              f"13, and {sorted(ops)} differ between them", fn.name,
                              edit(conflicting))
        for n_index, node in enumerate(fn.node):
            def undefined(m, f, i=n_index):
                f.node[i].input[0] = "not_defined_in_function"
            yield Variant("function.undefined_value",
                          f"{label}: node '{node.name}' reads an undefined name",
                          "not_defined_in_function", edit(undefined))

            def unknown_op(m, f, i=n_index):
                f.node[i].op_type = "NoSuchOp"
            yield Variant("function.node", f"{label}: node '{node.name}' has an unknown op",
                          node.name, edit(unknown_op))

            def extra_attr(m, f, i=n_index):
                f.node[i].attribute.append(helper.make_attribute("bogus", 1))
            yield Variant("function.node", f"{label}: node '{node.name}' has an unknown attribute",
                          node.name, edit(extra_attr))

            def dup_output(m, f, i=n_index):
                f.node[i].output[0] = f.input[0]
            yield Variant("function.duplicate_name",
                          f"{label}: node '{node.name}' writes the function input",
                          fn.input[0], edit(dup_output))

            def undeclared_domain(m, f, i=n_index):
                f.node[i].domain = "com.undeclared"
            yield Variant("function.domain_not_imported",
                          f"{label}: node '{node.name}' uses an undeclared domain",
                          node.name, edit(undeclared_domain))

        def no_name(m, f):
            f.name = ""
            for node in m.graph.node:
                if node.op_type == fn.name:
                    node.op_type = ""
        yield Variant("function.name_missing", f"{label}: name cleared", "", edit(no_name))

        def dup_input(m, f):
            f.input.append(f.input[0])
        yield Variant("function.duplicate_name", f"{label}: input listed twice", fn.input[0],
                      edit(dup_input))

        def output_unproduced(m, f):
            f.output[0] = "never_produced"
        yield Variant("function.undefined_value", f"{label}: output names nothing",
                      "never_produced", edit(output_unproduced))

        def topo(m, f):
            if len(f.node) > 1:
                first = onnx.NodeProto()
                first.CopyFrom(f.node[0])
                del f.node[0]
                f.node.append(first)
        if len(fn.node) > 1:
            yield Variant("function.topological_order", f"{label}: first node moved last",
                          fn.name, edit(topo))
    m = make_seed()
    m.graph.node[0].domain = "local.other"
    yield Variant("node.domain_not_imported", "call of AddRelu moved to undeclared 'local.other'",
                  m.graph.node[0].name, m)
    m = make_seed()
    del m.opset_import[1:]
    yield Variant("node.domain_not_imported", f"opset_import for '{FUNCTION_DOMAIN}' removed",
                  m.graph.node[0].name, m)


def training_rules(seed, make_seed):
    if seed != "train":
        return

    def edit(mutate):
        m = make_seed()
        mutate(m.training_info[0])
        return m

    def bind(field, key=None, value=None):
        def mutate(info):
            b = getattr(info, field)[0]
            if key is not None:
                b.key = key
            if value is not None:
                b.value = value
        return mutate

    yield Variant("training.binding", "update_binding key names no initializer", "nope_w",
                  edit(bind("update_binding", key="nope_w")))
    yield Variant("training.binding", "update_binding key names a graph input, not an initializer",
                  "X", edit(bind("update_binding", key="X")))
    yield Variant("training.binding", "update_binding value names no algorithm output",
                  "nope_out", edit(bind("update_binding", value="nope_out")))
    yield Variant("training.binding", "initialization_binding key names no initializer",
                  "nope_init", edit(bind("initialization_binding", key="nope_init")))
    yield Variant("training.binding", "initialization_binding value names no init output",
                  "nope_val", edit(bind("initialization_binding", value="nope_val")))

    def dup_update(info):
        b = info.update_binding.add()
        b.key, b.value = info.update_binding[0].key, info.update_binding[0].value
    yield Variant("training.binding", "update_binding key listed twice", "fc_b",
                  edit(dup_update))

    def algo_undefined(info):
        info.algorithm.node[1].input[0] = "ghost_value"
    yield Variant("graph.undefined_value", "algorithm node reads an undefined name",
                  "ghost_value", edit(algo_undefined))

    def algo_unknown_op(info):
        info.algorithm.node[2].op_type = "Subtractt"
    yield Variant("node.unknown_op", "algorithm node op misspelled", "algo_sub",
                  edit(algo_unknown_op))

    def init_reads_main(info):
        info.initialization.node[0].op_type = "Identity"
        del info.initialization.node[0].attribute[:]
        info.initialization.node[0].input.append("conv_w_typo")
    yield Variant("graph.undefined_value", "initialization graph reads an undefined name",
                  "conv_w_typo", edit(init_reads_main))


def protobuf_damage(seed, make_seed):
    if seed not in ("conv", "flow"):
        return
    data = make_seed().SerializeToString()
    for fraction in (0.3, 0.7):
        yield Variant("protobuf.truncated", f"file cut at {int(fraction * 100)}%", "",
                      raw=data[:int(len(data) * fraction)])
    yield Variant("protobuf.bad_wire_type", "first tag's wire type set to 7", "",
                  raw=bytes([(data[0] & ~7) | 7]) + data[1:])
    # Field 7 (graph), wire type 2, with a length far past the end of the file.
    yield Variant("protobuf.bad_length", "a trailing graph field claims 256 MiB", "",
                  raw=data + b"\x3a\xff\xff\xff\x7f" + data[:8])


BYTE_FLIPS_PER_SEED = 24


def byte_flips(seed, make_seed):
    """One random byte replaced, kept only when the file still parses as a ModelProto, so the
    damage reaches the checker's rules (names, types, counts) rather than the parser.
    Deterministic: the generator is seeded by the seed model's name."""
    data = make_seed().SerializeToString()
    rng = random.Random(f"byte-flips-{seed}")
    kept = 0
    for _ in range(20 * BYTE_FLIPS_PER_SEED):
        if kept == BYTE_FLIPS_PER_SEED:
            break
        pos, value = rng.randrange(len(data)), rng.randrange(256)
        if data[pos] == value:
            continue
        flipped = data[:pos] + bytes([value]) + data[pos + 1:]
        try:
            onnx.ModelProto.FromString(flipped)
        except Exception:  # protobuf's DecodeError and friends: parser damage, not wanted here
            continue
        kept += 1
        yield Variant("fuzz.byte_flip", f"byte {pos} set to {value:#04x}", "", raw=flipped,
                      expect=ANY)


GENERATORS = [function_rules, training_rules, protobuf_damage, byte_flips]
