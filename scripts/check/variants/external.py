"""Variants breaking external-data rules. Each is written as <id>/model.onnx with its side
files, so relative locations ('..', symlinks) resolve inside the corpus folder."""
from onnx import TensorProto, numpy_helper

from .common import VALID, Variant

DATA_FILE = "weights.bin"
# Replaced by the writer with the variant folder's absolute path, so an absolute location
# names a file that exists and the absolute path is the only thing wrong.
ABSOLUTE_DIR_MARK = "@VARIANT_DIR@"


# seed -> initializers moved to external data, one variant set each.
EXTERNAL_TENSORS = {"conv": ("conv_w", "fc_w"), "flow": ("one",)}


def _externalize(model, name, location, offset=None, length=None, extra=()):
    """Turns initializer `name` into an external reference; returns its bytes."""
    for t in model.graph.initializer:
        if t.name == name:
            data = numpy_helper.to_array(t).tobytes()
            t.ClearField("raw_data")
            t.ClearField("float_data")
            t.data_location = TensorProto.EXTERNAL
            entries = [("location", location)]
            if offset is not None:
                entries.append(("offset", str(offset)))
            if length is not None:
                entries.append(("length", str(length)))
            for key, value in list(entries) + list(extra):
                e = t.external_data.add()
                e.key, e.value = key, value
            return data
    raise KeyError(name)


def external_rules(seed, make_seed):
    for tensor in EXTERNAL_TENSORS.get(seed, ()):
        def variant(rule, what, location, files=None, offset=None, length=None, extra=(),
                    symlinks=None, dirs=(), expect="invalid"):
            m = make_seed()
            data = _externalize(m, tensor, location, offset, length, extra)
            side = {DATA_FILE: data} if files is None else files(data)
            return Variant(rule, f"'{tensor}': {what}", tensor, m, expect=expect, own_dir=True,
                           files=side, symlinks=symlinks or {}, dirs=list(dirs))

        yield variant("external_data.valid", "stored in weights.bin", DATA_FILE, expect=VALID)
        yield variant("external_data.valid", "stored at offset 16 with length", DATA_FILE,
                      files=lambda d: {DATA_FILE: b"\0" * 16 + d}, offset=16, length=None,
                      expect=VALID)
        yield variant("external_data.absolute_path", "location is an absolute path",
                      ABSOLUTE_DIR_MARK + "/" + DATA_FILE)
        yield variant("external_data.parent_path", "location climbs out with '..'",
                      "../outside.bin", files=lambda d: {"../outside.bin": d})
        yield variant("external_data.parent_path", "location has '..' inside",
                      "sub/../../outside.bin", files=lambda d: {"../outside.bin": d},
                      dirs=["sub"])
        yield variant("external_data.missing_file", "location names a missing file",
                      "no_such_file.bin", files=lambda d: {})
        yield variant("external_data.not_a_file", "location names a directory", "data_dir",
                      files=lambda d: {}, dirs=["data_dir"])
        yield variant("external_data.symlink_escape", "location is a symlink out of the folder",
                      "link.bin", files=lambda d: {"../target.bin": d},
                      symlinks={"link.bin": "../target.bin"})
        yield variant("external_data.symlink_escape", "symlink to an absolute path",
                      "abs_link.bin", files=lambda d: {},
                      symlinks={"abs_link.bin": "/etc/hostname"})
        yield variant("external_data.range", "offset past the end of the file", DATA_FILE,
                      offset=1 << 20)
        yield variant("external_data.range", "length past the end of the file", DATA_FILE,
                      offset=0, length=1 << 20)
        yield variant("external_data.range", "offset+length past the end", DATA_FILE,
                      files=lambda d: {DATA_FILE: d}, offset=8, length=None)
        yield variant("external_data.range", "length disagrees with the tensor size", DATA_FILE,
                      offset=0, length=4)
        yield variant("external_data.unknown_key", "external_data has key 'compression'",
                      DATA_FILE, extra=[("compression", "zip")])
        m = make_seed()
        data = _externalize(m, tensor, DATA_FILE)
        for t in m.graph.initializer:
            if t.name == tensor:
                del t.external_data[:]
                e = t.external_data.add()
                e.key, e.value = "offset", "0"
        yield Variant("external_data.location_missing", f"'{tensor}': no 'location' key", tensor,
                      m, own_dir=True, files={DATA_FILE: data})
        m = make_seed()
        data = _externalize(m, tensor, DATA_FILE)
        for t in m.graph.initializer:
            if t.name == tensor:
                t.raw_data = data
        yield Variant("external_data.with_inline_data",
                      f"'{tensor}': EXTERNAL tensor also holds raw_data", tensor, m,
                      own_dir=True, files={DATA_FILE: data})
        yield variant("external_data.range", "negative offset", DATA_FILE, offset=-4)
        yield variant("external_data.range", "offset is not a number", DATA_FILE,
                      extra=[("offset", "twelve")])



GENERATORS = [external_rules]
