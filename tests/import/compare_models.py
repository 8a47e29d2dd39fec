"""Checks that models written by onyx load in python3-onnx and equal the originals.

usage: /usr/bin/python3 compare_models.py LIST_FILE
  LIST_FILE has one "ORIGINAL<TAB>ONYX_WRITTEN" line per model. When the original passes
  onnx.checker.check_model, the onyx-written file must pass it too.
Tensors are compared by value (onyx writes raw_data where the original may use typed fields) and
sparse tensors by their dense value. Names of tensors inside attributes are not compared (the IR
does not keep them). Prints "compared N, skipped M" and exits 1 on any mismatch.
"""
import copy
import sys

import numpy as np
import onnx
from onnx import numpy_helper
from google.protobuf.descriptor import FieldDescriptor


class Undecodable(Exception):
    pass


def tensor_value(t):
    if t.data_type == onnx.TensorProto.STRING:
        return list(t.string_data)  # bytes, not necessarily UTF-8
    if t.data_type in (onnx.TensorProto.COMPLEX64, onnx.TensorProto.COMPLEX128) \
            and t.data_location != onnx.TensorProto.EXTERNAL:
        # (real, imag) pairs; numpy_helper of onnx 1.12 mishandles complex raw_data.
        if t.HasField("raw_data"):
            return t.raw_data
        if t.data_type == onnx.TensorProto.COMPLEX64:
            return np.array(t.float_data, np.float32).tobytes()
        return np.array(t.double_data, np.float64).tobytes()
    try:
        a = numpy_helper.to_array(t)
    except Exception as e:  # dtypes newer than this onnx (float8, int4, ...)
        raise Undecodable(f"tensor {t.name!r} of data_type {t.data_type}: {e}")
    return a.tobytes()


def sparse_value(s):
    vals = numpy_helper.to_array(s.values)
    idx = numpy_helper.to_array(s.indices)
    dense = np.zeros(int(np.prod(s.dims)), dtype=vals.dtype)
    if idx.ndim == 2:
        idx = np.ravel_multi_index(idx.T, tuple(s.dims)) if idx.size else idx.reshape(0)
    dense[idx] = vals
    return (tuple(s.dims), dense.tobytes())


def densify_sparse_initializers(graph):
    """onyx imports sparse initializers as dense ones (appended after the dense initializers)."""
    for s in graph.sparse_initializer:
        dims, data = sparse_value(s)
        dtype = numpy_helper.to_array(s.values).dtype
        dense = np.frombuffer(data, dtype=dtype).reshape(dims)
        graph.initializer.append(numpy_helper.from_array(dense, s.values.name))
    graph.ClearField("sparse_initializer")


def norm(m):
    if isinstance(m, onnx.TensorProto):
        return ("tensor", m.name, m.data_type, tuple(m.dims), tensor_value(m))
    if isinstance(m, onnx.SparseTensorProto):
        return ("sparse", sparse_value(m))
    if isinstance(m, onnx.AttributeProto):
        # ir::Attribute keeps tensor values but not the TensorProto.name inside attributes.
        m = copy.deepcopy(m)
        if m.HasField("t"):
            m.t.ClearField("name")
        for t in m.tensors:
            t.ClearField("name")
    out = {}
    for fd in m.DESCRIPTOR.fields:
        v = getattr(m, fd.name)
        is_msg = fd.type == FieldDescriptor.TYPE_MESSAGE
        if fd.label == FieldDescriptor.LABEL_REPEATED:
            out[fd.name] = [norm(x) for x in v] if is_msg else list(v)
        elif is_msg:
            out[fd.name] = norm(v) if m.HasField(fd.name) else None
        else:
            out[fd.name] = v
    return out


def first_difference(a, b, path="model"):
    if type(a) != type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in a:
            d = first_difference(a[k], b.get(k), f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r:.200} != {b!r:.200}"


def main():
    compared = skipped = 0
    failures = []
    for line in open(sys.argv[1]):
        orig, mine = line.rstrip("\n").split("\t")
        try:
            a = onnx.load(orig, load_external_data=False)
            b = onnx.load(mine, load_external_data=False)
            # onyx keeps neither training_info nor quantization annotations.
            a.ClearField("training_info")
            a.graph.ClearField("quantization_annotation")
            densify_sparse_initializers(a.graph)
            try:
                onnx.checker.check_model(a)
                original_valid = True
            except Exception:
                original_valid = False
            if original_valid:
                onnx.checker.check_model(b)
            na, nb = norm(a), norm(b)
        except Undecodable as e:
            skipped += 1
            print("SKIPPED", orig, e)
            continue
        except Exception as e:
            failures.append(f"{mine}: {type(e).__name__}: {e}")
            continue
        d = first_difference(na, nb)
        if d:
            failures.append(f"{orig}: {d}")
        compared += 1
    for f in failures[:20]:
        print("MISMATCH", f)
    print(f"compared {compared}, skipped {skipped}, failed {len(failures)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
