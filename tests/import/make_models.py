"""Writes ONNX models with Debian's python3-onnx for the import interop tests.

usage: /usr/bin/python3 make_models.py OUT_DIR
  features.onnx  - subgraphs (If), a local function, metadata, value_info with dim_param,
                   every attribute kind, initializers in typed fields and raw_data, a sparse
                   initializer and a sparse Constant.
  external/model.onnx + external/weights.bin - tensors saved as external data.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def features_model():
    t = helper.make_tensor
    inits = [
        t("f_typed", TensorProto.FLOAT, [2, 3], [0.5, 1, 2, 3, 4, 5]),
        t("f_raw", TensorProto.FLOAT, [3], np.array([1, 2, 3], np.float32).tobytes(), raw=True),
        t("i64", TensorProto.INT64, [2], [-7, 1 << 40]),
        t("i32", TensorProto.INT32, [2], [-3, 9]),
        t("i8", TensorProto.INT8, [3], [-128, 0, 127]),
        t("u16", TensorProto.UINT16, [1], [65535]),
        t("b", TensorProto.BOOL, [2], [True, False]),
        t("h", TensorProto.FLOAT16, [2], [1.5, -2.0]),
        t("d", TensorProto.DOUBLE, [2], [0.25, -1e100]),
        t("u64", TensorProto.UINT64, [1], [2**64 - 1]),
        t("u32", TensorProto.UINT32, [1], [2**32 - 1]),
        t("s", TensorProto.STRING, [2], [b"abc", b"\xff\x00"]),
        t("c64", TensorProto.COMPLEX64, [1], [1 + 2j]),
    ]
    sparse_init = helper.make_sparse_tensor(
        t("sp", TensorProto.FLOAT, [2], [7.0, 8.0]), t("sp_idx", TensorProto.INT64, [2], [1, 4]), [2, 3])
    sparse_const = helper.make_sparse_tensor(
        t("spc", TensorProto.FLOAT, [1], [9.0]), t("spc_idx", TensorProto.INT64, [1, 2], [1, 0]), [2, 2])

    then_g = helper.make_graph([helper.make_node("Add", ["X", "f_raw"], ["then_out"])], "then_g", [],
                               [helper.make_tensor_value_info("then_out", TensorProto.FLOAT, ["N"])])
    else_g = helper.make_graph([helper.make_node("Sub", ["X", "f_raw"], ["else_out"])], "else_g", [],
                               [helper.make_tensor_value_info("else_out", TensorProto.FLOAT, ["N"])])
    nodes = [
        helper.make_node("Greater", ["X", "f_raw"], ["gt"], name="greater"),
        helper.make_node("Cast", ["gt"], ["gt_f"], to=TensorProto.FLOAT),
        helper.make_node("ReduceMax", ["gt_f"], ["gt_any"], keepdims=0, name="reduce",
                         doc_string="reduce doc"),
        helper.make_node("Cast", ["gt_any"], ["cond"], to=TensorProto.BOOL),
        helper.make_node("If", ["cond"], ["Y"], then_branch=then_g, else_branch=else_g, name="if"),
        helper.make_node("Constant", [], ["c"], sparse_value=sparse_const),
        helper.make_node("Constant", [], ["cf"], value_floats=[1.5, -2.25]),
        helper.make_node("Constant", [], ["ci"], value_ints=[3, -4]),
        helper.make_node("Constant", [], ["cs"], value_strings=["x", "yz"]),
        helper.make_node("Constant", [], ["ct"], value=t("v", TensorProto.INT64, [2], [5, 6])),
        helper.make_node("LeakyRelu", ["X"], ["lr"], alpha=0.125),
        helper.make_node("Resize", ["X", "", "scales"], ["rs"], mode="nearest"),
        helper.make_node("MyAdd", ["X", "X"], ["fn_out"], domain="local"),
    ]
    inits.append(t("scales", TensorProto.FLOAT, [1], [2.0]))
    graph = helper.make_graph(
        nodes, "features", [helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N"])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N"]),
         helper.make_tensor_value_info("c", TensorProto.FLOAT, [2, 2]),
         helper.make_tensor_value_info("fn_out", TensorProto.FLOAT, ["N"]),
         helper.make_tensor_value_info("rs", TensorProto.FLOAT, [None]),
         helper.make_tensor_value_info("cf", TensorProto.FLOAT, [2]),
         helper.make_tensor_value_info("ci", TensorProto.INT64, [2]),
         helper.make_tensor_value_info("cs", TensorProto.STRING, [2]),
         helper.make_tensor_value_info("ct", TensorProto.INT64, [2]),
         helper.make_tensor_value_info("lr", TensorProto.FLOAT, ["N"])],
        initializer=inits, doc_string="graph doc",
        value_info=[helper.make_tensor_value_info("gt", TensorProto.BOOL, ["N"])],
        sparse_initializer=[sparse_init])
    fn = helper.make_function("local", "MyAdd", ["a", "b"], ["c"],
                              [helper.make_node("Add", ["a", "b"], ["c"])],
                              [helper.make_opsetid("", 15)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15),
                                                    helper.make_opsetid("local", 1)],
                              functions=[fn], producer_name="make_models.py",
                              producer_version="1.0", doc_string="model doc")
    model.model_version = 3
    model.domain = "test.onyx"
    helper.set_model_props(model, {"author": "onyx", "purpose": "interop"})
    onnx.checker.check_model(model)
    return model


def external_model(out_dir):
    w = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    b = np.arange(5, dtype=np.int64) - 2
    graph = helper.make_graph(
        [helper.make_node("Identity", ["w"], ["W"]), helper.make_node("Identity", ["b"], ["B"])],
        "ext", [], [helper.make_tensor_value_info("W", TensorProto.FLOAT, [2, 3, 4]),
                    helper.make_tensor_value_info("B", TensorProto.INT64, [5])],
        initializer=[numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])
    os.makedirs(os.path.join(out_dir, "external"), exist_ok=True)
    onnx.save_model(model, os.path.join(out_dir, "external", "model.onnx"),
                    save_as_external_data=True, all_tensors_to_one_file=True,
                    location="weights.bin", size_threshold=0)


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    onnx.save_model(features_model(), os.path.join(out_dir, "features.onnx"))
    external_model(out_dir)


if __name__ == "__main__":
    main()
