"""Variants breaking TensorProto rules (data_type, data fields, raw_data size, strings) and
SparseTensorProto rules (values rank 1, index shape, range and order)."""
import numpy as np
import onnx
from onnx import TensorProto

from .common import Variant, all_tensors

# data_type -> the typed field that holds its values.
FIELD_OF = {TensorProto.FLOAT: "float_data", TensorProto.INT64: "int64_data",
            TensorProto.DOUBLE: "double_data", TensorProto.INT32: "int32_data"}
WRONG_FIELD = {TensorProto.FLOAT: ("int64_data", [1]), TensorProto.INT64: ("float_data", [1.0]),
               TensorProto.DOUBLE: ("string_data", [b"x"]), TensorProto.INT32: ("double_data",
                                                                              [1.0])}


def _tensor(model, k):
    return list(all_tensors(model))[k][1]


def _elements(t):
    return int(np.prod(t.dims)) if len(t.dims) else 1


def tensor_rules(seed, make_seed):
    for k, (owner, tensor) in enumerate(all_tensors(make_seed())):
        label = f"tensor '{tensor.name}' ({owner})"
        for dtype in (TensorProto.UNDEFINED, 99, 1000):
            m = make_seed()
            _tensor(m, k).data_type = dtype
            rule = "tensor.data_type_missing" if dtype == 0 else "tensor.data_type_unknown"
            yield Variant(rule, f"{label}: data_type set to {dtype}", tensor.name, m)
        m = make_seed()
        _tensor(m, k).ClearField("data_type")
        yield Variant("tensor.data_type_missing", f"{label}: data_type cleared", tensor.name, m)
        wrong = WRONG_FIELD.get(tensor.data_type)
        if wrong:
            m = make_seed()
            t = _tensor(m, k)
            _clear_data(t)
            getattr(t, wrong[0]).extend(wrong[1] * _elements(tensor))
            yield Variant("tensor.wrong_data_field", f"{label}: values moved into {wrong[0]}",
                          tensor.name, m)
            m = make_seed()
            t = _tensor(m, k)
            getattr(t, wrong[0]).extend(wrong[1])
            yield Variant("tensor.multiple_data_fields",
                          f"{label}: {wrong[0]} set next to the existing data", tensor.name, m)
        m = make_seed()
        t = _tensor(m, k)
        raw = _raw_bytes(t)
        _clear_data(t)
        t.raw_data = raw + raw[:1] * 4 if raw else b"\0" * 4
        yield Variant("tensor.raw_data_size", f"{label}: raw_data 4 bytes too long",
                      tensor.name, m)
        if len(raw) >= 4:
            m = make_seed()
            t = _tensor(m, k)
            _clear_data(t)
            t.raw_data = raw[:-4]
            yield Variant("tensor.raw_data_size", f"{label}: raw_data 4 bytes too short",
                          tensor.name, m)
            m = make_seed()
            t = _tensor(m, k)
            _clear_data(t)
            t.raw_data = raw
            t.dims.append(3)
            yield Variant("tensor.raw_data_size", f"{label}: extra dim 3, raw_data unchanged",
                          tensor.name, m)
        field = FIELD_OF.get(tensor.data_type)
        if field and _elements(tensor) > 1:
            m = make_seed()
            t = _tensor(m, k)
            values = onnx.numpy_helper.to_array(t).flatten().tolist()
            _clear_data(t)
            getattr(t, field).extend(values[:-1])
            yield Variant("tensor.element_count", f"{label}: {field} one element short",
                          tensor.name, m)
        m = make_seed()
        t = _tensor(m, k)
        t.raw_data = _raw_bytes(t)
        if t.data_type == TensorProto.FLOAT:
            t.int64_data.append(1)
        else:
            t.float_data.append(1.0)
        yield Variant("tensor.multiple_data_fields", f"{label}: raw_data plus a typed field",
                      tensor.name, m)
    for owner, tensor in list(all_tensors(make_seed()))[:2]:
        k = [t.name for _, t in all_tensors(make_seed())].index(tensor.name)
        m = make_seed()
        t = _tensor(m, k)
        _clear_data(t)
        t.data_type = TensorProto.STRING
        t.raw_data = b"abcd" * _elements(tensor)
        yield Variant("tensor.string_raw_data", f"tensor '{tensor.name}' made STRING in raw_data",
                      tensor.name, m)
        m = make_seed()
        t = _tensor(m, k)
        if len(t.dims):
            t.dims[0] = -2
        else:
            t.dims.append(-2)
        yield Variant("tensor.negative_dim", f"tensor '{tensor.name}': first dim set to -2",
                      tensor.name, m)


def _clear_data(t):
    for name in ("raw_data", "float_data", "int32_data", "string_data", "int64_data",
                 "double_data", "uint64_data"):
        t.ClearField(name)


def _raw_bytes(t):
    return onnx.numpy_helper.to_array(t).tobytes()


def _sparse_targets(model):
    out = [("initializer", s) for s in model.graph.sparse_initializer]
    for node in model.graph.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.SPARSE_TENSOR:
                out.append((node.name, attr.sparse_tensor))
    return out


def sparse_rules(seed, make_seed):
    for k, (owner, sparse) in enumerate(_sparse_targets(make_seed())):
        # A sparse initializer is named by its values tensor; an attribute's by its node.
        name = sparse.values.name if owner == "initializer" else owner
        label = f"sparse tensor '{sparse.values.name}' ({owner})"
        coo = len(sparse.indices.dims) == 2

        def edit(fn):
            m = make_seed()
            fn(_sparse_targets(m)[k][1])
            return m

        def values_rank2(s):
            s.values.dims[:] = [s.values.dims[0], 1]
        yield Variant("sparse.values_rank", f"{label}: values reshaped to rank 2", name,
                      edit(values_rank2))

        def index_out_of_range(s):
            s.indices.int64_data[-1] = 100
        yield Variant("sparse.index_range", f"{label}: last index set to 100", name,
                      edit(index_out_of_range))

        def index_negative(s):
            s.indices.int64_data[0] = -1
        yield Variant("sparse.index_range", f"{label}: first index set to -1", name,
                      edit(index_negative))

        def unsorted(s):
            data = list(s.indices.int64_data)
            half = len(data) // 2 if coo else 1
            data = data[half:] + data[:half] if coo else list(reversed(data))
            s.indices.ClearField("int64_data")
            s.indices.int64_data.extend(data)
        yield Variant("sparse.index_order", f"{label}: indices out of order", name, edit(unsorted))

        def index_rank3(s):
            s.indices.dims[:] = list(s.indices.dims) + [1] * (3 - len(s.indices.dims))
        yield Variant("sparse.index_shape", f"{label}: indices made rank 3", name,
                      edit(index_rank3))

        def index_count(s):
            s.indices.int64_data.extend([7] * (len(s.dims) if coo else 1))
            s.indices.dims[0] += 1
        yield Variant("sparse.index_shape", f"{label}: one more index than values", name,
                      edit(index_count))

        def values_dtype(s):
            s.values.data_type = 0
        yield Variant("sparse.values_tensor", f"{label}: values data_type cleared", name,
                      edit(values_dtype))

        def dims_negative(s):
            s.dims[0] = -4
        yield Variant("sparse.dims", f"{label}: dense dims made negative", name,
                      edit(dims_negative))

        def index_dtype(s):
            s.indices.data_type = onnx.TensorProto.FLOAT
            s.indices.float_data.extend([float(x) for x in s.indices.int64_data])
            s.indices.ClearField("int64_data")
        yield Variant("sparse.index_type", f"{label}: indices stored as FLOAT", name,
                      edit(index_dtype))
        def dims_overflow(s):
            s.dims[:] = [1 << 62] * len(s.dims)
        yield Variant("sparse.dims", f"{label}: dense dims whose element count overflows "
                      "int64", name, edit(dims_overflow))
        if coo:
            def coo_wrong_width(s):
                s.indices.dims[:] = [s.indices.dims[0] * 2, 1]
            yield Variant("sparse.index_shape", f"{label}: 2-D indices with width 1 for rank 2",
                          name, edit(coo_wrong_width))


GENERATORS = [tensor_rules, sparse_rules]
