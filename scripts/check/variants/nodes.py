"""Variants breaking node rules (domain, schema lookup, arity, empty formals) and attribute
rules (required, unknown, wrong type, value fields inconsistent with `type`)."""
import onnx
from onnx import AttributeProto, helper

from .common import INVALID, VALID, Variant, all_nodes, scoped_rule

# Ops the seeds use that are standard ONNX; custom-domain calls are skipped by onnx's schema rules.
STANDARD = {"", "ai.onnx"}

# (op that opset 13 lacks but a later opset defines, the input count it takes)
NEWER_OPS = [("Trilu", 1), ("HardSwish", 1), ("CastLike", 2), ("Bernoulli", 1),
             ("GridSample", 2), ("Mish", 1)]
# Ops whose every version is deprecated at opset 13.
DEPRECATED_OPS = {"Upsample": 2, "Scatter": 3}  # op -> input count

REQUIRED_ATTRS = {"MaxPool": ["kernel_shape"], "Cast": ["to"], "Concat": ["axis"],
                  "If": ["then_branch", "else_branch"], "Loop": ["body"]}

# Attribute -> a value of the wrong type (a helper.make_attribute value).
WRONG_TYPES = {"kernel_shape": [1.5, 2.5], "pads": "same", "strides": 1.0, "alpha": 2,
               "transB": 1.0, "axis": [1, 2], "to": "double", "then_branch": 3,
               "else_branch": 3.0, "body": [1, 2], "value": 1.0, "sparse_value": 2}


def _standard_nodes(make_seed):
    return [(k, p, n) for k, (p, _, _, n) in enumerate(all_nodes(make_seed()))
            if n.domain in STANDARD]


def _variadic(node, kind):
    """True when the last formal input/output of the node's opset-13 schema is variadic."""
    try:
        schema = onnx.defs.get_schema(node.op_type, 13, node.domain)
    except onnx.defs.SchemaError:
        return False
    formals = schema.inputs if kind == "input" else schema.outputs
    return bool(formals) and formals[-1].option == onnx.defs.OpSchema.FormalParameterOption.Variadic


def _node(model, k):
    return list(all_nodes(model))[k][3]


def domain_rules(seed, make_seed):
    for k, path, node in _standard_nodes(make_seed):
        for domain in ("com.example.unimported", "ai.onnx.ml"):
            m = make_seed()
            _node(m, k).domain = domain
            yield Variant(scoped_rule(path, "node.domain_not_imported"),
                          f"node '{node.name}' in '{path}' moved to undeclared domain '{domain}'",
                          node.name, m)


def schema_rules(seed, make_seed):
    nodes = _standard_nodes(make_seed)
    for idx, (k, path, node) in enumerate(nodes):
        m = make_seed()
        _node(m, k).op_type = node.op_type + "Typo"
        yield Variant(scoped_rule(path, "node.unknown_op"),
                      f"node '{node.name}' op_type misspelled",
                      node.name, m)
        arity = len(node.input)
        newer = [op for op, n in NEWER_OPS if n == arity]
        if newer and not any(a.type == AttributeProto.GRAPH for a in node.attribute):
            op = newer[idx % len(newer)]
            m = make_seed()
            target = _node(m, k)
            target.op_type = op
            del target.attribute[:]
            yield Variant(scoped_rule(path, "node.op_not_in_opset"),
                          f"node '{node.name}' turned into {op}, which opset 13 lacks",
                          node.name, m)
        deprecated = [op for op, n in DEPRECATED_OPS.items() if n <= max(arity, 1)]
        if deprecated and idx % 2 == 0 and arity >= 2:
            op = deprecated[idx % len(deprecated)]
            m = make_seed()
            target = _node(m, k)
            target.op_type = op
            del target.attribute[:]
            del target.input[DEPRECATED_OPS[op]:]
            yield Variant(scoped_rule(path, "node.deprecated_op"),
                          f"node '{node.name}' turned into deprecated {op}",
                          node.name, m)


def arity_rules(seed, make_seed):
    for idx, (k, path, node) in enumerate(_standard_nodes(make_seed)):
        def variant(rule, what, mutate):
            m = make_seed()
            mutate(_node(m, k))
            return Variant(scoped_rule(path, rule), f"node '{node.name}': {what}", node.name, m)

        if node.op_type == "Constant":
            yield variant("node.input_arity", "Constant given an input",
                          lambda n: n.input.append("X"))
            continue
        if not _variadic(node, "input"):
            yield variant("node.input_arity", "three extra inputs",
                          lambda n: n.input.extend([n.input[0]] * 3))
        yield variant("node.input_arity", "all inputs removed", lambda n: n.ClearField("input"))
        if not _variadic(node, "output"):
            yield variant("node.output_arity", "three extra outputs",
                          lambda n: n.output.extend([f"{n.name}_extra_{i}" for i in range(3)]))
        if node.op_type not in ("If", "Loop", "Concat"):
            def empty_first(n):
                n.input[0] = ""
            yield variant("node.empty_required_input",
                          "first (single, required) input given as ''", empty_first)


def required_attributes(seed, make_seed):
    for k, path, node in _standard_nodes(make_seed):
        for name in REQUIRED_ATTRS.get(node.op_type, []):
            m = make_seed()
            target = _node(m, k)
            keep = [a for a in target.attribute if a.name != name]
            del target.attribute[:]
            target.attribute.extend(keep)
            yield Variant(scoped_rule(path, "node.required_attribute_missing"),
                          f"required attribute '{name}' of '{node.name}' removed", node.name, m)


def unknown_attributes(seed, make_seed):
    for idx, (k, path, node) in enumerate(_standard_nodes(make_seed)):
        m = make_seed()
        _node(m, k).attribute.append(helper.make_attribute("not_an_attribute", 1))
        yield Variant(scoped_rule(path, "node.unknown_attribute"),
                      f"node '{node.name}' in '{path}' given attribute 'not_an_attribute'",
                      node.name, m)
        if idx % 3 == 0:
            m = make_seed()
            _node(m, k).attribute.append(helper.make_attribute("axes_typo", [0, 1]))
            yield Variant(scoped_rule(path, "node.unknown_attribute"),
                          f"node '{node.name}' given 'axes_typo'",
                          node.name, m)


def wrong_attribute_types(seed, make_seed):
    for k, path, node in _standard_nodes(make_seed):
        for a_index, attr in enumerate(node.attribute):
            if attr.name not in WRONG_TYPES:
                continue
            m = make_seed()
            target = _node(m, k)
            target.attribute[a_index].CopyFrom(
                helper.make_attribute(attr.name, WRONG_TYPES[attr.name]))
            yield Variant(scoped_rule(path, "node.attribute_type"),
                          f"attribute '{attr.name}' of '{node.name}' given the wrong type",
                          node.name, m)


def _field_for(attr_type):
    return {AttributeProto.FLOAT: ("f", 0.5), AttributeProto.INT: ("i", 3),
            AttributeProto.STRING: ("s", b"x")}.get(attr_type)


def attribute_fields(seed, make_seed):
    for k, path, node in _standard_nodes(make_seed):
        for a_index, attr in enumerate(node.attribute):
            label = f"attribute '{attr.name}' of '{node.name}'"
            m = make_seed()
            target = _node(m, k).attribute[a_index]
            name, type_ = target.name, target.type
            target.Clear()
            target.name, target.type = name, type_
            # onnx reads a scalar attribute without its field as the field's default (0,
            # 0.0, ""), as proto3 would; only list, tensor and graph attributes need a value.
            scalar = attr.type in (AttributeProto.INT, AttributeProto.FLOAT, AttributeProto.STRING)
            yield Variant(scoped_rule(path, "valid.scalar_attribute_default" if scalar
                                      else "attribute.value_missing"),
                          f"{label}: value field removed", attr.name, m,
                          expect=VALID if scalar else INVALID)
            other = (AttributeProto.INT if attr.type == AttributeProto.FLOAT
                     else AttributeProto.FLOAT)
            fname, fvalue = _field_for(other)
            m = make_seed()
            setattr(_node(m, k).attribute[a_index], fname, fvalue)
            yield Variant(scoped_rule(path, "attribute.value_field_count"),
                          f"{label}: a second value field '{fname}' added", attr.name, m)
            m = make_seed()
            _node(m, k).attribute[a_index].type = other
            yield Variant(scoped_rule(path, "attribute.type_mismatch"),
                          f"{label}: type set to {AttributeProto.AttributeType.Name(other)} "
                          "but the value field kept", attr.name, m)
            m = make_seed()
            _node(m, k).attribute[a_index].ClearField("type")
            yield Variant(scoped_rule(path, "attribute.type_missing"),
                          f"{label}: type field cleared", attr.name, m)
        if node.attribute:
            m = make_seed()
            _node(m, k).attribute[0].name = ""
            yield Variant(scoped_rule(path, "attribute.name_missing"),
                          f"first attribute of '{node.name}' has an empty name", node.name, m)
            m = make_seed()
            _node(m, k).attribute[0].ref_attr_name = "outer_attr"
            yield Variant(scoped_rule(path, "attribute.ref_outside_function"),
                          f"attribute of '{node.name}' refers to 'outer_attr' outside a function",
                          node.name, m)


GENERATORS = [domain_rules, schema_rules, arity_rules, required_attributes, unknown_attributes,
              wrong_attribute_types, attribute_fields]
