"""Variants breaking model-level rules (ir_version, opset_import, metadata) and graph rules
(name, typed inputs/outputs, unique names, shadowing, topological order, scoping)."""
import onnx
from onnx import helper

from .common import Variant, all_graphs, all_nodes, scoped_rule, subgraphs_of


def model_rules(seed, make_seed):
    m = make_seed()
    m.ClearField("ir_version")
    yield Variant("model.ir_version_missing", "ir_version field removed", "ir_version", m)
    for ir in (1, 2):
        m = make_seed()
        m.ir_version = ir
        yield Variant("model.opset_import_with_old_ir",
                      f"ir_version set to {ir} while opset_import is present", "opset_import", m)
    m = make_seed()
    m.ClearField("opset_import")
    yield Variant("model.opset_import_missing", "opset_import removed (ir_version 8)",
                  "opset_import", m)
    for version in (m_op.version for m_op in make_seed().opset_import[:1]):
        # Another version would also change the ops a model-local function selects.
        for dup_version in (version,) if make_seed().functions else (version, version - 1):
            m = make_seed()
            m.opset_import.add(domain="", version=dup_version)
            yield Variant("model.opset_import_duplicate_domain",
                          f"second opset_import for the default domain (version {dup_version})",
                          "opset_import", m)
    m = make_seed()
    m.opset_import.add(domain="ai.onnx", version=m.opset_import[0].version)
    # onnx keys opset imports by the literal domain string, so this is no duplicate to it.
    yield Variant("valid.opset_alias_import", "opset_import has both '' and 'ai.onnx'", "", m,
                  expect="valid")
    m = make_seed()
    for _ in range(2):
        p = m.metadata_props.add()
        p.key, p.value = "author", "someone"
    yield Variant("model.metadata_duplicate_key", "metadata_props key 'author' given twice",
                  "author", m)


def graph_names(seed, make_seed):
    for k, (path, _, depth) in enumerate(all_graphs(make_seed())):
        m = make_seed()
        _, g, _ = all_graphs(m)[k]
        g.name = ""
        yield Variant(scoped_rule(path, "graph.name_missing"),
                      f"name of graph '{path}' cleared", "", m)


def untyped_values(seed, make_seed):
    base = make_seed()
    for kind in ("input", "output"):
        for i, vi in enumerate(getattr(base.graph, kind)):
            m = make_seed()
            getattr(m.graph, kind)[i].ClearField("type")
            yield Variant("graph.untyped_value", f"type of main-graph {kind} '{vi.name}' removed",
                          vi.name, m)
            m = make_seed()
            getattr(m.graph, kind)[i].type.tensor_type.ClearField("elem_type")
            yield Variant("graph.untyped_value",
                          f"elem_type of main-graph {kind} '{vi.name}' removed", vi.name, m)
            m = make_seed()
            getattr(m.graph, kind)[i].type.tensor_type.ClearField("shape")
            yield Variant("graph.value_shape_missing",
                          f"shape of main-graph {kind} '{vi.name}' removed (onnx 1.12 requires "
                          "one, possibly with unknown dims)", vi.name, m)
    m = make_seed()
    m.graph.input[0].name = ""
    yield Variant("graph.value_name_missing", "first main-graph input has an empty name", "", m)


def duplicate_names(seed, make_seed):
    base = make_seed()
    m = make_seed()
    m.graph.input.append(m.graph.input[0])
    yield Variant("graph.duplicate_name", f"graph input '{m.graph.input[0].name}' listed twice",
                  m.graph.input[0].name, m)
    if base.graph.initializer:
        m = make_seed()
        m.graph.initializer.append(m.graph.initializer[0])
        name = m.graph.initializer[0].name
        yield Variant("graph.duplicate_name", f"initializer '{name}' listed twice", name, m)
    defined = [vi.name for vi in base.graph.input] + [t.name for t in base.graph.initializer]
    for i, node in enumerate(base.graph.node):
        if i == 0 or not node.output:
            continue
        earlier = base.graph.node[i - 1].output[0]
        m = make_seed()
        _rename_output(m.graph, i, earlier)
        yield Variant("graph.duplicate_name",
                      f"node '{node.name}' output renamed to earlier node output '{earlier}'",
                      earlier, m)
        if i % 2 == 0 and defined:
            target = defined[i % len(defined)]
            m = make_seed()
            _rename_output(m.graph, i, target)
            yield Variant("graph.duplicate_name",
                          f"node '{node.name}' output renamed to graph input/initializer "
                          f"'{target}'", target, m)


def _rename_output(graph, index, new_name):
    """Renames output 0 of node `index` and every later consumer, keeping the graph wired."""
    old = graph.node[index].output[0]
    graph.node[index].output[0] = new_name
    for node in graph.node[index + 1:]:
        for j, name in enumerate(node.input):
            if name == old:
                node.input[j] = new_name
    for out in graph.output:
        if out.name == old:
            out.name = new_name


def shadowing(seed, make_seed):
    """A subgraph node output or subgraph input reusing a name visible from an outer scope."""
    graphs = all_graphs(make_seed(), with_training=False)
    for k, (path, graph, depth) in enumerate(graphs):
        if depth == 0:
            continue
        outer_name = "X"
        for i, node in enumerate(graph.node):
            m = make_seed()
            g = all_graphs(m, with_training=False)[k][1]
            _rename_output(g, i, outer_name)
            yield Variant("graph.shadowed_name",
                          f"node '{node.name}' in '{path}' writes outer-scope name 'X'",
                          outer_name, m)
        if graph.input:
            m = make_seed()
            g = all_graphs(m, with_training=False)[k][1]
            old = g.input[-1].name
            g.input[-1].name = outer_name
            nested = [n for _, sub in subgraphs_of(g, path) for n in sub.node]
            for node in list(g.node) + nested:
                for j, name in enumerate(node.input):
                    if name == old:
                        node.input[j] = outer_name
            yield Variant("graph.shadowed_input",
                          f"input '{old}' of '{path}' renamed to outer-scope name 'X'",
                          outer_name, m)


def topological_order(seed, make_seed):
    for k, (path, graph, _) in enumerate(all_graphs(make_seed())):
        produced = {o: i for i, n in enumerate(graph.node) for o in n.output}
        for i, node in enumerate(graph.node):
            deps = [produced[x] for x in node.input if x in produced and produced[x] < i]
            if not deps:
                continue
            m = make_seed()
            g = all_graphs(m)[k][1]
            moved = onnx.NodeProto()
            moved.CopyFrom(g.node[i])
            del g.node[i]
            g.node.insert(max(deps), moved)
            yield Variant(scoped_rule(path, "graph.topological_order"),
                          f"node '{node.name}' in '{path}' moved before its producer",
                          node.name, m)


def undefined_inputs(seed, make_seed):
    for k, (path, graph, i, node) in enumerate(all_nodes(make_seed())):
        for j, name in enumerate(node.input):
            if not name or j > 1:
                continue
            m = make_seed()
            target = list(all_nodes(m))[k][3]
            target.input[j] = f"undefined_{k}_{j}"
            yield Variant(scoped_rule(path, "graph.undefined_value"),
                          f"input {j} of node '{node.name}' in '{path}' names nothing",
                          f"undefined_{k}_{j}", m)


def outer_scope_later(seed, make_seed):
    """A subgraph referencing an outer value that is only produced after the owning node."""
    base = make_seed()
    for i, node in enumerate(base.graph.node):
        later = [n.output[0] for n in base.graph.node[i + 1:] if n.output]
        subs = [a for a in node.attribute if a.type == onnx.AttributeProto.GRAPH]
        if not later or not subs:
            continue
        for a_index, attr in enumerate(subs):
            m = make_seed()
            sub = [a for a in m.graph.node[i].attribute
                   if a.type == onnx.AttributeProto.GRAPH][a_index].g
            sub.node[0].input[0] = later[-1]
            yield Variant("graph.undefined_value",
                          f"'{node.name}.{attr.name}' reads '{later[-1]}', produced later in "
                          "the outer graph", later[-1], m)


def empty_nodes(seed, make_seed):
    m = make_seed()
    m.graph.node.append(helper.make_node("Relu", [], [], name="empty_node"))
    yield Variant("node.no_inputs_or_outputs", "node with zero inputs and zero outputs",
                  "empty_node", m)
    m = make_seed()
    m.graph.node[0].op_type = ""
    yield Variant("node.op_type_missing", "op_type of the first node cleared",
                  m.graph.node[0].name, m)


GENERATORS = [model_rules, graph_names, untyped_values, duplicate_names, shadowing,
              topological_order, undefined_inputs, outer_scope_later, empty_nodes]
