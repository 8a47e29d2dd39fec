"""Small standalone models about scopes: functions holding subgraphs or calling functions,
Scan bodies, subgraph names against later outer names, custom-domain nodes carrying graphs,
tensors and sparse tensors (checked although the op has no schema), and graph-level corner
cases (no graph, no nodes, repeated outputs)."""
import numpy as np
import onnx
from onnx import TensorProto as T, helper, numpy_helper

from .common import VALID, Variant
from .seeds import IR_VERSION, OPSET, make_sparse

vi = helper.make_tensor_value_info
X, Y, COND = vi("X", T.FLOAT, [2]), vi("Y", T.FLOAT, [2]), vi("cond", T.BOOL, [])
CUSTOM = ("com.example.custom", 1)
LOCAL = ("local.fn", 1)


def _model(nodes, inputs, outputs, inits=(), functions=(), opsets=()):
    graph = helper.make_graph(nodes, "scopes", inputs, outputs, initializer=list(inits))
    imports = [helper.make_opsetid("", OPSET)] + [helper.make_opsetid(d, v) for d, v in opsets]
    model = helper.make_model(graph, opset_imports=imports, functions=list(functions))
    model.ir_version = IR_VERSION
    return model


def _branch(name, op, src, out):
    return helper.make_graph([helper.make_node(op, [src], [out], name=f"{name}_{op.lower()}")],
                             name, [], [vi(out, T.FLOAT, [2])])


def _select_function(else_source):
    """local.fn:Select(a, c) = If(c, a, -else_source): a function body holding an If."""
    if_node = helper.make_node("If", ["c"], ["y"], name="fn_if",
                               then_branch=_branch("fn_then", "Identity", "a", "t"),
                               else_branch=_branch("fn_else", "Neg", else_source, "e"))
    return helper.make_function(LOCAL[0], "Select", ["a", "c"], ["y"], [if_node],
                                [helper.make_opsetid("", OPSET)])


def _call(op, inputs, outputs, domain, **attrs):
    return helper.make_node(op, inputs, outputs, name=f"call_{op.lower()}", domain=domain, **attrs)


def function_scopes():
    yield Variant("valid.function_subgraph", "a function body whose If branches read the "
                  "function's input", "", _model(
                      [_call("Select", ["X", "cond"], ["Y"], LOCAL[0])], [X, COND], [Y],
                      functions=[_select_function("a")], opsets=[LOCAL]), expect=VALID)
    yield Variant("function.undefined_value", "an If branch inside a function reads 'zz', "
                  "defined nowhere", "zz", _model(
                      [_call("Select", ["X", "cond"], ["Y"], LOCAL[0])], [X, COND], [Y],
                      functions=[_select_function("zz")], opsets=[LOCAL]))
    inner = helper.make_function(LOCAL[0], "Inner", ["a"], ["y"],
                                 [helper.make_node("Relu", ["a"], ["y"], name="inner_relu")],
                                 [helper.make_opsetid("", OPSET)])
    for imports_local in (True, False):
        imports = [helper.make_opsetid("", OPSET)]
        if imports_local:
            imports.append(helper.make_opsetid(*LOCAL))
        outer = helper.make_function(
            LOCAL[0], "Outer", ["a"], ["y"],
            [helper.make_node("Inner", ["a"], ["y"], name="outer_calls_inner", domain=LOCAL[0])],
            imports)
        model = _model([_call("Outer", ["X"], ["Y"], LOCAL[0])], [X], [Y],
                       functions=[outer, inner], opsets=[LOCAL])
        if imports_local:
            yield Variant("valid.function_calls_function", "function Outer calls function Inner",
                          "", model, expect=VALID)
        else:
            yield Variant("function.domain_not_imported", "function Outer calls Inner without "
                          "importing 'local.fn'", "outer_calls_inner", model)


def function_imports():
    """How a function's opset imports combine with the model's (onnx 1.12's behaviour)."""
    def fn(name, node, imports, domain=LOCAL[0]):
        return helper.make_function(domain, name, ["a"], ["y"], [node],
                                    [helper.make_opsetid(d, v) for d, v in imports])

    def model(nodes, functions, imports):
        m = _model(nodes, [X], [Y], functions=functions)
        del m.opset_import[:]
        m.opset_import.extend([helper.make_opsetid(d, v) for d, v in imports])
        return m

    relu_fn = fn("R", helper.make_node("Relu", ["a"], ["y"], name="fn_relu"), [("", OPSET)])
    call_r = _call("R", ["X"], ["Y"], LOCAL[0])
    norm = helper.make_node("Normalizer", ["a"], ["y"], name="fn_norm", domain="ai.onnx.ml")
    valid = [
        ("a function imports '', the model does not", [call_r], [relu_fn], [LOCAL]),
        ("a function imports ai.onnx.ml 3, the model does not", [_call("N", ["X"], ["Y"],
         LOCAL[0])], [fn("N", norm, [("ai.onnx.ml", 3)])], [("", OPSET), LOCAL]),
        ("a function imports ai.onnx.ml 1, the model 3 (Normalizer is the same in both)",
         [_call("N", ["X"], ["Y"], LOCAL[0])], [fn("N", norm, [("ai.onnx.ml", 1)])],
         [("", OPSET), LOCAL, ("ai.onnx.ml", 3)]),
        ("the model imports the function's domain at version 2", [call_r], [relu_fn],
         [("", OPSET), (LOCAL[0], 2)]),
        ("a default-domain function named like the standard Relu (the schema wins)",
         [helper.make_node("Relu", ["X"], ["Y"], name="relu")],
         [fn("Relu", helper.make_node("Neg", ["a"], ["y"], name="fn_neg"), [("", OPSET)],
             domain="")], [("", OPSET)]),
    ]
    for what, nodes, functions, imports in valid:
        yield Variant("valid.function_imports", what, "", model(nodes, functions, imports),
                      expect=VALID)
    yield Variant("node.domain_not_imported", "the main graph uses '' that only a function "
                  "imports", "relu", model(
                      [_call("R", ["X"], ["h"], LOCAL[0]),
                       helper.make_node("Relu", ["h"], ["Y"], name="relu")],
                      [relu_fn], [LOCAL]))
    yield Variant("node.unknown_op", "a model-local function in the default domain: onnx "
                  "looks its name up as a standard op", "call_r2", model(
                      [_call("R2", ["X"], ["Y"], "")],
                      [fn("R2", helper.make_node("Relu", ["a"], ["y"], name="fn_relu"),
                          [("", OPSET)], domain="")], [("", OPSET)]))
    yield Variant("function.node", "an unused function holds an unknown op", "fn_bad", model(
        [helper.make_node("Relu", ["X"], ["Y"], name="relu")],
        [fn("Unused", helper.make_node("NoSuchOp", ["a"], ["y"], name="fn_bad"),
            [("", OPSET)])], [("", OPSET)]))


def function_cycles_and_references():
    imports = [helper.make_opsetid("", OPSET), helper.make_opsetid(*LOCAL)]

    def calling(name, callee):
        return helper.make_function(
            LOCAL[0], name, ["a"], ["y"],
            [helper.make_node(callee, ["a"], ["y"], name=f"{name}_calls_{callee}",
                              domain=LOCAL[0])], imports)

    # onnx 1.12's checker overflows its stack on these (the harness counts that as a
    # rejection); onnx 1.23 rejects call cycles explicitly.
    yield Variant("function.call_cycle", "function Rec calls itself", "Rec", _model(
        [_call("Rec", ["X"], ["Y"], LOCAL[0])], [X], [Y], functions=[calling("Rec", "Rec")],
        opsets=[LOCAL]))
    yield Variant("function.call_cycle", "functions Ping and Pong call each other", "Ping",
                  _model([_call("Ping", ["X"], ["Y"], LOCAL[0])], [X], [Y],
                         functions=[calling("Ping", "Pong"), calling("Pong", "Ping")],
                         opsets=[LOCAL]))
    leaky = helper.make_node("LeakyRelu", ["a"], ["y"], name="fn_leaky", alpha=0.5)
    leaky.attribute[0].ref_attr_name = "slope"
    fn = helper.make_function(LOCAL[0], "Leaky", ["a"], ["y"], [leaky],
                              [helper.make_opsetid("", OPSET)], attributes=["slope"])
    yield Variant("attribute.ref_with_value", "a function-body attribute both refers to "
                  "'slope' and holds a value", "alpha", _model(
                      [_call("Leaky", ["X"], ["Y"], LOCAL[0], slope=0.1)], [X], [Y],
                      functions=[fn], opsets=[LOCAL]))


def scan_and_scoping():
    body = helper.make_graph(
        [helper.make_node("Add", ["s", "x"], ["s2"], name="scan_add"),
         helper.make_node("Identity", ["s2"], ["o"], name="scan_id")],
        "scan_body", [vi("s", T.FLOAT, [2]), vi("x", T.FLOAT, [2])],
        [vi("s2", T.FLOAT, [2]), vi("o", T.FLOAT, [2])])
    io = ([vi("S0", T.FLOAT, [2]), vi("XS", T.FLOAT, [3, 2])],
          [vi("SF", T.FLOAT, [2]), vi("OS", T.FLOAT, [3, 2])])
    yield Variant("valid.scan", "a Scan with one scan input", "", _model(
        [helper.make_node("Scan", ["S0", "XS"], ["SF", "OS"], name="scan", body=body,
                          num_scan_inputs=1)], *io), expect=VALID)
    yield Variant("node.required_attribute_missing", "Scan without num_scan_inputs", "scan",
                  _model([helper.make_node("Scan", ["S0", "XS"], ["SF", "OS"], name="scan",
                                           body=body)], *io))
    later = helper.make_graph([helper.make_node("Identity", ["X"], ["later"], name="then_id")],
                              "then_branch", [], [vi("later", T.FLOAT, [2])])
    plain_else = _branch("else_branch", "Identity", "X", "e")
    yield Variant("valid.subgraph_name_reused_later", "a then-branch writes 'later', a name "
                  "the outer graph only defines after the If", "", _model(
                      [helper.make_node("If", ["cond"], ["r"], name="if", then_branch=later,
                                        else_branch=plain_else),
                       helper.make_node("Relu", ["r"], ["later"], name="relu"),
                       helper.make_node("Identity", ["later"], ["Y"], name="out")],
                      [X, COND], [Y]), expect=VALID)
    shadow_init = helper.make_graph(
        [helper.make_node("Identity", ["X"], ["t"], name="then_id")], "then_branch", [],
        [vi("t", T.FLOAT, [2])], initializer=[numpy_helper.from_array(np.ones(2, np.float32),
                                                                      "X")])
    yield Variant("valid.subgraph_initializer_shadows", "a then-branch initializer named like "
                  "the outer input 'X' (onnx checks only node outputs against outer scopes)",
                  "", _model([helper.make_node("If", ["cond"], ["Y"], name="if",
                                                   then_branch=shadow_init,
                                                   else_branch=plain_else)], [X, COND], [Y]),
                  expect=VALID)
    yield Variant("node.required_attribute_missing", "If without else_branch", "if", _model(
        [helper.make_node("If", ["cond"], ["Y"], name="if", then_branch=plain_else)],
        [X, COND], [Y]))


def custom_payloads():
    """Custom-domain nodes have no schema, but their graphs and tensors are still checked."""
    good = _branch("payload", "Neg", "X", "o")
    bad = _branch("payload", "Neg", "nowhere", "o")

    def custom(**attrs):
        return _model([helper.make_node("Foo", ["X"], ["Y"], name="foo", domain=CUSTOM[0],
                                        **attrs)], [X], [Y], opsets=[CUSTOM])

    yield Variant("valid.custom_graph_attribute", "a custom op carrying a valid graph", "",
                  custom(body=good), expect=VALID)
    yield Variant("graph.undefined_value", "a custom op's graph attribute reads 'nowhere'",
                  "nowhere", custom(body=bad))
    yield Variant("graph.undefined_value", "the second graph of a custom op's GRAPHS attribute "
                  "reads 'nowhere'", "nowhere", custom(bodies=[good, bad]))
    two_fields = helper.make_tensor("two_fields", T.FLOAT, [2], [1.0, 2.0])
    two_fields.int64_data.append(3)
    yield Variant("tensor.multiple_data_fields", "a custom op's TENSORS attribute holds a tensor "
                  "with two data fields", "two_fields", custom(ts=[two_fields]))
    yield Variant("sparse.index_range", "a custom op's sparse attribute has index 9 of 2",
                  "foo", custom(sp=make_sparse("sp", [1.0], [9], [2])))


def graph_corners():
    m = onnx.ModelProto()
    m.ir_version = IR_VERSION
    m.opset_import.add(domain="", version=OPSET)
    yield Variant("model.graph_missing", "a model without a graph", "", m)
    yield Variant("valid.empty_graph", "a graph without nodes whose output is its input", "",
                  _model([], [X], [vi("X", T.FLOAT, [2])]), expect=VALID)
    yield Variant("valid.repeated_output", "the graph output 'Y' listed twice", "", _model(
        [helper.make_node("Relu", ["X"], ["Y"], name="relu")], [X], [Y, Y]), expect=VALID)
    yield Variant("valid.duplicate_node_names", "two nodes named 'same'", "", _model(
        [helper.make_node("Relu", ["X"], ["a"], name="same"),
         helper.make_node("Relu", ["a"], ["Y"], name="same")], [X], [Y]), expect=VALID)
    yield Variant("graph.duplicate_name", "a node writes its own input 'X'", "X", _model(
        [helper.make_node("Relu", ["X"], ["X"], name="relu"),
         helper.make_node("Identity", ["X"], ["Y"], name="out")], [X], [Y]))
    yield Variant("graph.untyped_value", "a main-graph input whose TypeProto sets no kind", "O",
                  _model([helper.make_node("Identity", ["X"], ["Y"], name="out")],
                         [X, helper.make_value_info("O", onnx.TypeProto())], [Y]))
    yield Variant("valid.ml_only_imports", "only ai.onnx.ml imported besides ''", "", _model(
        [helper.make_node("Normalizer", ["X"], ["Y"], name="norm", domain="ai.onnx.ml")],
        [X], [Y], opsets=[("ai.onnx.ml", 3)]), expect=VALID)


def _nested_ifs(depth):
    """An If whose then-branch holds an If ... `depth` levels down to an Identity of X."""
    graph = helper.make_graph([helper.make_node("Identity", ["X"], ["o0"], name="leaf")],
                              "leaf", [], [vi("o0", T.FLOAT, [2])])
    for d in range(1, depth + 1):
        other = _branch(f"else_{d}", "Identity", "X", f"e{d}")
        node = helper.make_node("If", ["cond"], [f"o{d}"], name=f"if_{d}", then_branch=graph,
                                else_branch=other)
        graph = helper.make_graph([node], f"then_{d}", [], [vi(f"o{d}", T.FLOAT, [2])])
    return _model(list(graph.node), [X, COND], [vi(f"o{depth}", T.FLOAT, [2])])


def sizes_and_depths():
    yield Variant("valid.deep_nesting", "If nested 25 levels deep", "", _nested_ifs(25),
                  expect=VALID)
    # Three messages per level (node, attribute, graph): protobuf's default recursion limit
    # of 100 stops both parsers past about 32 levels.
    yield Variant("protobuf.nesting_depth", "If nested 120 levels deep (past protobuf's "
                  "recursion limit)", "", raw=_nested_ifs(120).SerializeToString())
    chain = [helper.make_node("Relu", ["X" if i == 0 else f"v{i - 1}"], [f"v{i}"],
                              name=f"relu_{i}") for i in range(5000)]
    yield Variant("valid.long_chain", "5000 Relu nodes in a row", "",
                  _model(chain, [X], [vi("v4999", T.FLOAT, [2])]), expect=VALID)
    for dims, field in (([1 << 40, 1 << 40], "raw_data"), ([1 << 62, 4], "float_data")):
        big = onnx.TensorProto(name="overflowing", data_type=T.FLOAT, dims=dims)
        if field == "raw_data":
            big.raw_data = b"\0" * 8
        else:
            big.float_data.append(1.0)
        yield Variant("tensor.dims_overflow", f"initializer with dims {dims}: the element count "
                      "overflows int64", "overflowing", _model(
                          [helper.make_node("Relu", ["X"], ["Y"], name="relu")], [X], [Y],
                          inits=[big]))


def plain_valid_full_questions():
    """Models onnx 1.12's plain checker accepts whose problems (if any) only strict inference
    sees: they pin the plain verdict and feed the --full comparison."""
    relu = [helper.make_node("Relu", ["X"], ["Y"], name="relu")]
    with_input = _branch("then_branch", "Identity", "X", "t")
    with_input.input.append(vi("unfed", T.FLOAT, [2]))
    yield "an If branch declaring an input", _model(
        [helper.make_node("If", ["cond"], ["Y"], name="if", then_branch=with_input,
                          else_branch=_branch("else_branch", "Identity", "X", "e"))],
        [X, COND], [Y])
    odd = helper.make_tensor_value_info("Z", T.FLOAT, [2])
    odd.type.tensor_type.elem_type = 99
    yield "a graph input with elem_type 99", _model(relu, [X, odd], [Y])
    m = _model(relu, [X], [Y])
    m.metadata_props.add(key="", value="v")
    yield "a metadata entry with an empty key", m
    key = onnx.ValueInfoProto(name="M")
    key.type.map_type.key_type = T.FLOAT
    key.type.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(T.FLOAT, [1]))
    yield "a map input keyed by FLOAT", _model(relu, [X, key], [Y])
    yield "a graph input with dim -1", _model(relu, [vi("X", T.FLOAT, [-1])], [Y])
    value = helper.make_tensor("v", T.FLOAT, [1], [1.0])
    yield "a Constant with both value and value_float", _model(
        [helper.make_node("Constant", [], ["Y"], name="const", value=value, value_float=1.0)],
        [], [Y])
    yield "a Constant without any value attribute", _model(
        [helper.make_node("Constant", [], ["Y"], name="const")], [], [Y])
    segmented = numpy_helper.from_array(np.ones(2, np.float32), "seg")
    segmented.segment.begin, segmented.segment.end = 0, 2
    yield "an initializer with a segment", _model(relu, [X], [Y], inits=[segmented])


def scopes(seed, make_seed):
    if seed != "conv":  # standalone models: generated once
        return
    for family in (function_scopes, function_imports, function_cycles_and_references,
                   scan_and_scoping, custom_payloads, graph_corners, sizes_and_depths):
        for variant in family():
            variant.seed = "scopes"
            yield variant
    for what, model in plain_valid_full_questions():
        yield Variant("valid.plain_only", what, "", model, expect=VALID, seed="scopes")


GENERATORS = [scopes]
