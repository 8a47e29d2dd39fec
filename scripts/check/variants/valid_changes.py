"""Changes that keep a model valid, to catch false positives in the checker."""
from onnx import TensorProto, helper

from .common import VALID, Variant, all_graphs, all_nodes


def _ok(what, model, where=""):
    return Variant("valid." + what.split(":")[0], what, where, model, expect=VALID)


def valid_changes(seed, make_seed):
    m = make_seed()
    for _, _, _, node in all_nodes(m):
        node.name = ""
    yield _ok("names: every node name cleared", m)
    m = make_seed()
    for _, _, _, node in all_nodes(m):
        node.doc_string = "documented"
    m.doc_string = "model doc"
    m.graph.doc_string = "graph doc"
    yield _ok("docs: doc strings everywhere", m)
    m = make_seed()
    p = m.metadata_props.add()
    p.key, p.value = "author", "corpus"
    m.producer_version, m.domain, m.model_version = "1.0", "org.example", 3
    yield _ok("metadata: metadata, producer_version, domain, model_version set", m)
    m = make_seed()
    m.opset_import.add(domain="com.example.custom", version=1)
    m.graph.node.append(helper.make_node("MyCustomOp", [m.graph.input[0].name], ["custom_out"],
                                         name="custom_1", domain="com.example.custom",
                                         any_attr=3))
    yield _ok("custom_domain: unregistered op in an imported custom domain", m)
    m = make_seed()
    m.opset_import.add(domain="ai.onnx.ml", version=2)
    yield _ok("opset: unused ai.onnx.ml import", m)
    for ir in (4, 7):
        m = make_seed()
        m.ir_version = ir
        if not m.functions and not m.graph.sparse_initializer and not m.training_info:
            yield _ok(f"ir_version: set to {ir}", m)
    m = make_seed()
    for t in m.graph.initializer:
        m.graph.input.append(helper.make_tensor_value_info(t.name, t.data_type, list(t.dims)))
    if m.graph.initializer:
        yield _ok("initializer_inputs: initializers also listed as graph inputs", m)
    m = make_seed()
    for vi in list(m.graph.input) + list(m.graph.output):
        shape = vi.type.tensor_type.shape
        if len(shape.dim):
            shape.dim[0].ClearField("dim_value")
            shape.dim[0].dim_param = "batch"
    yield _ok("symbolic_dims: first dims made symbolic", m)
    m = make_seed()
    for vi in list(m.graph.input) + list(m.graph.output):
        for dim in vi.type.tensor_type.shape.dim:
            dim.Clear()
    yield _ok("unknown_dims: every input/output dim unknown (no value, no param)", m)
    m = make_seed()
    m.graph.initializer.append(helper.make_tensor("unused_init", TensorProto.FLOAT, [2],
                                                  [1.0, 2.0]))
    yield _ok("unused_initializer: an initializer nobody reads", m)
    m = make_seed()
    m.graph.initializer.append(helper.make_tensor("empty_init", TensorProto.FLOAT, [0], []))
    yield _ok("empty_tensor: a 0-element initializer", m)
    m = make_seed()
    for _, graph, _ in all_graphs(m):
        for node in graph.node:
            if node.output:
                graph.value_info.append(helper.make_empty_tensor_value_info(node.output[0]))
                break
    yield _ok("value_info: untyped value_info entries", m)
    m = make_seed()
    for _, graph, _ in all_graphs(m, with_training=False)[1:]:
        graph.name = "renamed_" + graph.name
        for vi in graph.input:
            vi.ClearField("type")
    if len(all_graphs(m, with_training=False)) > 1:
        yield _ok("subgraph_inputs: subgraph inputs untyped", m)
    m = make_seed()
    m.graph.node.append(helper.make_node("Identity", [m.graph.output[0].name], ["tail"],
                                         name="tail_identity"))
    yield _ok("extra_node: an Identity whose output is not a graph output", m)
    m = make_seed()
    m.graph.node.append(helper.make_node("Clip", [m.graph.output[0].name, "", ""], ["clipped"],
                                         name="clip_empty_optionals"))
    yield _ok("optional_inputs: Clip with both optional inputs given as ''", m)
    m = make_seed()
    m.graph.node.append(helper.make_node("Dropout", [m.graph.output[0].name], ["dropped", ""],
                                         name="dropout_no_mask"))
    yield _ok("optional_outputs: Dropout with the optional mask output as ''", m)
    m = make_seed()
    t = helper.make_tensor("str_const", TensorProto.STRING, [2], [b"a", b"bc"])
    m.graph.node.append(helper.make_node("Constant", [], ["strings"], name="string_const",
                                         value=t))
    yield _ok("string_tensor: a STRING Constant", m)
    m = make_seed()
    m.graph.node.append(helper.make_node("Constant", [], ["ints_const"], name="ints_const",
                                         value_ints=[1, 2, 3]))
    yield _ok("constant_ints: Constant with value_ints", m)


GENERATORS = [valid_changes]
