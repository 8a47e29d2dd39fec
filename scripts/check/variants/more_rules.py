"""More variants found by probing onnx 1.12 against the checker: graph outputs, duplicate
attributes, domain aliases, opset ranges, the element-type/data-field matrix, function call
signatures, and valid models using ML, training, experimental and non-tensor features."""
from onnx import TensorProto as T, helper

from .common import INVALID, VALID, Variant, all_graphs, all_nodes

# (data_type, field, values, expect): which typed field holds which element type.
FIELD_MATRIX = [
    (T.FLOAT16, "float_data", [1.0], INVALID), (T.FLOAT16, "int32_data", [1], VALID),
    (T.BFLOAT16, "int32_data", [1], VALID), (T.BFLOAT16, "float_data", [1.0], INVALID),
    (T.BOOL, "int32_data", [1], VALID), (T.BOOL, "int64_data", [1], INVALID),
    (T.INT8, "int32_data", [1], VALID), (T.UINT8, "int64_data", [1], INVALID),
    (T.UINT32, "uint64_data", [1], VALID), (T.UINT32, "int32_data", [1], INVALID),
    (T.UINT64, "uint64_data", [1], VALID), (T.UINT64, "int64_data", [1], INVALID),
    (T.DOUBLE, "double_data", [1.0], VALID), (T.DOUBLE, "float_data", [1.0], INVALID),
    (T.COMPLEX64, "float_data", [1.0, 2.0], VALID),
    (T.COMPLEX128, "double_data", [1.0, 2.0], VALID),
    (T.COMPLEX128, "float_data", [1.0, 2.0], INVALID), (T.STRING, "string_data", [b"a"], VALID),
    (T.STRING, "int32_data", [1], INVALID), (T.INT16, "int32_data", [1], VALID),
    (T.INT16, "int64_data", [1], INVALID),
]


def graph_outputs(seed, make_seed):
    for k, (path, graph, depth) in enumerate(all_graphs(make_seed(), with_training=False)):
        m = make_seed()
        g = all_graphs(m, with_training=False)[k][1]
        ghost = f"ghost_output_{k}"
        g.output.append(helper.make_tensor_value_info(ghost, T.FLOAT, [1]))
        yield Variant("graph.output_not_produced", f"'{path}' lists output '{ghost}' that "
                      "nothing defines", ghost, m)


def duplicate_attributes(seed, make_seed):
    for k, (path, _, _, node) in enumerate(all_nodes(make_seed(), with_training=False)):
        if not node.attribute or node.domain:
            continue  # calls of custom-domain ops have no schema to hold attributes against
        m = make_seed()
        target = list(all_nodes(m, with_training=False))[k][3]
        target.attribute.append(target.attribute[0])
        yield Variant("node.duplicate_attribute",
                      f"attribute '{node.attribute[0].name}' of '{node.name}' given twice",
                      node.attribute[0].name, m)


def domains_and_opsets(seed, make_seed):
    for k, (path, _, _, node) in enumerate(all_nodes(make_seed(), with_training=False)):
        if node.domain or k % 2:
            continue
        m = make_seed()
        list(all_nodes(m, with_training=False))[k][3].domain = "ai.onnx"
        yield Variant("node.domain_not_imported",
                      f"node '{node.name}' spells its domain 'ai.onnx' while only '' is imported",
                      node.name, m)
    if not any(n.domain == "" for n in make_seed().graph.node):
        return  # without default-domain nodes the import only matters to functions
    for version in (0, -3):
        m = make_seed()
        m.opset_import[0].version = version
        yield Variant("model.opset_version_range", f"default-domain opset set to {version}", "",
                      m)
    m = make_seed()
    m.opset_import[0].domain = "ai.onnx"
    yield Variant("node.domain_not_imported", "opset_import spells the default domain 'ai.onnx'",
                  m.graph.node[0].name, m)


def tensor_matrix(seed, make_seed):
    if seed != "conv":
        return
    for dtype, field, values, expect in FIELD_MATRIX:
        m = make_seed()
        t = m.graph.initializer.add()
        t.name, t.data_type = "matrix_tensor", dtype
        t.dims.append(1)
        getattr(t, field).extend(values)
        name = T.DataType.Name(dtype)
        rule = "tensor.wrong_data_field" if expect == INVALID else "valid.data_field"
        yield Variant(rule, f"{name} tensor with its values in {field}", "matrix_tensor", m,
                      expect=expect)
    # (rule, what, TensorProto fields of the added initializer 'odd_tensor')
    cases = [
        ("tensor.zero_elements_with_data", "0-element tensor holding one float",
         dict(data_type=T.FLOAT, dims=[0], float_data=[1.0])),
        ("tensor.missing_data", "2-element FLOAT tensor without any data field",
         dict(data_type=T.FLOAT, dims=[2])),
        ("tensor.element_count", "STRING tensor with dims [3] and two strings",
         dict(data_type=T.STRING, dims=[3], string_data=[b"a", b"b"])),
        ("tensor.element_count", "COMPLEX64 tensor with one float for one element",
         dict(data_type=T.COMPLEX64, dims=[1], float_data=[1.0])),
        ("tensor.raw_data_size", "FLOAT16 tensor with 4-byte elements in raw_data",
         dict(data_type=T.FLOAT16, dims=[2], raw_data=b"\0" * 8)),
    ]
    for rule, what, fields in cases:
        m = make_seed()
        m.graph.initializer.add(name="odd_tensor", **fields)
        yield Variant(rule, what, "odd_tensor", m)
    m = make_seed()
    m.graph.initializer.add(name="", data_type=T.FLOAT, dims=[1], float_data=[1.0])
    yield Variant("graph.initializer_name_missing", "an initializer without a name", "", m)
    m = make_seed()
    m.ir_version = 3
    yield Variant("graph.initializer_not_input", "ir_version 3 with initializers that are not "
                  "graph inputs", "conv_w", m)
    m = make_seed()
    m.ir_version = 3
    for t in m.graph.initializer:
        m.graph.input.append(helper.make_tensor_value_info(t.name, t.data_type, list(t.dims)))
    yield Variant("valid.ir3_initializers_as_inputs", "ir_version 3, initializers listed as "
                  "graph inputs", "", m, expect=VALID)
    m = make_seed()
    m.graph.node[1].output[0] = ""
    yield Variant("node.empty_required_output", "Relu's only output given the empty name",
                  "relu_1", m)


def function_calls(seed, make_seed):
    if seed != "func":
        return
    m = make_seed()
    m.graph.node[0].input.append("X")
    yield Variant("function.call_signature", "AddRelu called with three inputs (declares two)",
                  "call_addrelu", m)
    m = make_seed()
    m.graph.node[0].output.append("extra_out")
    yield Variant("function.call_signature", "AddRelu called with two outputs (declares one)",
                  "call_addrelu", m)
    m = make_seed()
    m.graph.node[1].attribute.append(helper.make_attribute("bogus", 1))
    yield Variant("function.call_signature", "ScaledLeaky called with undeclared attribute "
                  "'bogus'", "call_leaky", m)
    m = make_seed()
    del m.graph.node[1].attribute[:]
    yield Variant("valid.function_attribute_omitted", "ScaledLeaky called without 'slope'", "",
                  m, expect=VALID)
    m = make_seed()
    m.functions[0].opset_import.add(domain="com.other", version=1)
    yield Variant("valid.function_extra_import", "AddRelu imports an unused extra domain", "",
                  m, expect=VALID)
    for f_index in range(2):
        m = make_seed()
        m.functions[f_index].attribute.extend(["twice", "twice"])
        yield Variant("function.duplicate_attribute", "a function lists attribute 'twice' twice",
                      "twice", m)
        m = make_seed()
        fn = m.functions[f_index]
        fn.output.append(fn.output[0])
        yield Variant("function.duplicate_output", f"function '{fn.name}' lists its output twice",
                      fn.output[0], m)
        m = make_seed()
        del m.functions[f_index].opset_import[:]
        yield Variant("function.domain_not_imported",
                      f"function '{m.functions[f_index].name}' imports no opsets",
                      m.functions[f_index].node[0].name, m)


def valid_features(seed, make_seed):
    if seed != "conv":
        return

    def extended(node, opsets=()):
        m = make_seed()
        m.graph.node.append(node)
        for domain, version in opsets:
            m.opset_import.add(domain=domain, version=version)
        return m

    ml = [("ai.onnx.ml", 3)]
    yield Variant("valid.ml_op", "ai.onnx.ml Normalizer", "", extended(
        helper.make_node("Normalizer", ["Y"], ["n"], name="norm", domain="ai.onnx.ml",
                         norm="MAX"), ml), expect=VALID)
    yield Variant("valid.ml_op", "ai.onnx.ml LabelEncoder with float keys", "", extended(
        helper.make_node("LabelEncoder", ["Y"], ["n"], name="le", domain="ai.onnx.ml",
                         keys_floats=[1.0], values_int64s=[1]), [("ai.onnx.ml", 2)]),
        expect=VALID)
    yield Variant("node.attribute_type", "ai.onnx.ml Normalizer with an INT 'norm'", "norm",
                  extended(helper.make_node("Normalizer", ["Y"], ["n"], name="norm",
                                            domain="ai.onnx.ml", norm=3), ml))
    yield Variant("node.unknown_attribute", "ai.onnx.ml Binarizer with 'cutoff'", "binarizer",
                  extended(helper.make_node("Binarizer", ["Y"], ["b"], name="binarizer",
                                            domain="ai.onnx.ml", cutoff=0.5), ml))
    yield Variant("node.unknown_op", "ai.onnx.ml op that does not exist", "ml_typo", extended(
        helper.make_node("Normaliser", ["Y"], ["n"], name="ml_typo", domain="ai.onnx.ml"), ml))
    yield Variant("valid.training_op", "ai.onnx.preview.training Gradient", "", extended(
        helper.make_node("Gradient", ["X"], ["g"], name="grad",
                         domain="ai.onnx.preview.training", xs=["X"], y="Y"),
        [("ai.onnx.preview.training", 1)]), expect=VALID)
    yield Variant("valid.experimental_op", "ATen (experimental, warned about)", "", extended(
        helper.make_node("ATen", ["Y"], ["a"], name="aten")), expect=VALID)
    yield Variant("valid.optional_input", "Gemm with C given as ''", "", _edit(
        make_seed, lambda m: m.graph.node[4].input.__setitem__(2, "")), expect=VALID)
    yield Variant("valid.optional_input", "Conv with its bias given as ''", "", _edit(
        make_seed, lambda m: m.graph.node[0].input.__setitem__(2, "")), expect=VALID)
    yield Variant("valid.old_opset", "default-domain opset lowered to 11", "", _edit(
        make_seed, lambda m: setattr(m.opset_import[0], "version", 11)), expect=VALID)
    m = make_seed()
    m.opset_import[0].version = 9
    m.graph.node.append(helper.make_node("Upsample", ["Y", "fc_b"], ["u"], name="ups"))
    yield Variant("valid.old_opset", "opset 9 with Upsample (deprecated only from 10)", "", m,
                  expect=VALID)
    m = make_seed()
    m.graph.input.append(helper.make_value_info(
        "seq_in", helper.make_sequence_type_proto(helper.make_tensor_type_proto(T.FLOAT, None))))
    m.graph.input.append(helper.make_value_info(
        "opt_in", helper.make_optional_type_proto(helper.make_tensor_type_proto(T.FLOAT, [1]))))
    vi = m.graph.input.add(name="map_in")
    vi.type.map_type.key_type = T.INT64
    vi.type.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(T.FLOAT, [1]))
    yield Variant("valid.value_kinds", "sequence, optional and map graph inputs", "", m,
                  expect=VALID)
    m = make_seed()
    m.graph.output.append(helper.make_tensor_value_info("X", T.FLOAT, [1, 3, 8, 8]))
    m.graph.output.append(helper.make_tensor_value_info("conv_w", T.FLOAT, [4, 3, 3, 3]))
    yield Variant("valid.pass_through_outputs", "a graph input and an initializer as outputs", "",
                  m, expect=VALID)
    m = make_seed()
    m.graph.value_info.extend([helper.make_tensor_value_info("relu_out", T.FLOAT, None)] * 2)
    yield Variant("valid.duplicate_value_info", "value_info lists 'relu_out' twice", "", m,
                  expect=VALID)


def _edit(make_seed, fn):
    m = make_seed()
    fn(m)
    return m


GENERATORS = [graph_outputs, duplicate_attributes, domains_and_opsets, tensor_matrix,
              function_calls, valid_features]
