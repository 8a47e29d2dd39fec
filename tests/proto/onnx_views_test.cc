#include "proto/onnx_views.h"

#include <gtest/gtest.h>

#include <string>

namespace onyx::proto {
namespace {

// Builds a message with the writer: msg([&](WireWriter& w) { ... }).
template <typename Fn>
std::string msg(Fn fn) {
  std::string s;
  WireWriter w(&s);
  fn(w);
  return s;
}

TEST(OnnxViews, ParsesModelGraphNodeAttributes) {
  std::string tensor = msg([](WireWriter& w) {
    w.bytes(1, std::string("\x02\x03", 2));  // packed dims [2, 3]
    w.varint(2, 1);
    w.bytes(8, "w");
    w.bytes(9, std::string(24, '\0'));
  });
  std::string attr = msg([&](WireWriter& w) {
    w.bytes(1, "value");
    w.varint(20, 4);
    w.bytes(5, tensor);
  });
  std::string node = msg([&](WireWriter& w) {
    w.bytes(1, "x");
    w.bytes(1, "");
    w.bytes(2, "y");
    w.bytes(4, "Constant");
    w.bytes(5, attr);
  });
  std::string dim = msg([](WireWriter& w) { w.bytes(2, "N"); });
  std::string type = msg([&](WireWriter& w) {
    w.bytes(1, msg([&](WireWriter& t) {
              t.varint(1, 1);
              t.bytes(2, msg([&](WireWriter& s) { s.bytes(1, dim); }));
            }));
  });
  std::string graph = msg([&](WireWriter& w) {
    w.bytes(1, node);
    w.bytes(2, "main");
    w.bytes(11, msg([&](WireWriter& v) {
              v.bytes(1, "x");
              v.bytes(2, type);
            }));
    w.bytes(99, "unknown length-delimited field");
    w.varint(98, 7);
    w.fixed32(97, 1);
    w.fixed64(96, 1);
  });
  std::string model = msg([&](WireWriter& w) {
    w.int64(1, 8);
    w.bytes(7, graph);
    w.bytes(8, msg([](WireWriter& o) { o.int64(2, 17); }));
    w.bytes(14, msg([](WireWriter& e) {
              e.bytes(1, "k");
              e.bytes(2, "v");
            }));
  });
  ModelView m;
  ASSERT_TRUE(parse_model(model, &m).is_ok());
  EXPECT_EQ(m.ir_version, 8);
  ASSERT_EQ(m.opset_imports.size(), 1u);
  EXPECT_EQ(m.opset_imports[0].version, 17);
  ASSERT_EQ(m.metadata_props.size(), 1u);
  EXPECT_EQ(m.metadata_props[0].value, "v");
  EXPECT_EQ(m.graph.name, "main");
  ASSERT_EQ(m.graph.nodes.size(), 1u);
  const NodeView& n = m.graph.nodes[0];
  ASSERT_EQ(n.inputs.size(), 2u);
  EXPECT_EQ(n.inputs[1], "");
  ASSERT_EQ(n.attributes.size(), 1u);
  ASSERT_TRUE(n.attributes[0].t);
  EXPECT_EQ(n.attributes[0].t->dims.to_int64(), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(n.attributes[0].t->raw_data.size(), 24u);
  // Views point into the source buffer (no copies).
  EXPECT_GE(n.attributes[0].t->raw_data.data(), model.data());
  EXPECT_LT(n.attributes[0].t->raw_data.data(), model.data() + model.size());
  ASSERT_EQ(m.graph.inputs.size(), 1u);
  const TypeView& t = m.graph.inputs[0].type;
  EXPECT_EQ(t.kind, TypeView::Kind::kTensor);
  ASSERT_EQ(t.dims.size(), 1u);
  EXPECT_TRUE(t.dims[0].has_param);
  EXPECT_EQ(t.dims[0].param, "N");
}

TEST(OnnxViews, RepeatedScalarsAcceptPackedAndUnpacked) {
  std::string tensor = msg([](WireWriter& w) {
    w.varint(1, 2);                                  // unpacked dim
    w.bytes(1, std::string("\x03\x04", 2));          // packed dims
    w.int64(1, -1);                                  // unpacked, negative
    w.float32(4, 1.5f);                              // unpacked float
    w.bytes(4, std::string("\x00\x00\x00\x40", 4));  // packed 2.0f
  });
  TensorView t;
  ASSERT_TRUE(parse_tensor(tensor, &t).is_ok());
  EXPECT_EQ(t.dims.to_int64(), (std::vector<int64_t>{2, 3, 4, -1}));
  EXPECT_EQ(t.float_data.count, 2u);
  std::vector<uint64_t> bits;
  t.float_data.for_each([&](uint64_t b) { bits.push_back(b); });
  EXPECT_EQ(bits, (std::vector<uint64_t>{0x3fc00000u, 0x40000000u}));
}

// node[3].attribute[1].t.dims has a truncated packed varint.
TEST(OnnxViews, ErrorsNameTheFieldPath) {
  std::string bad_tensor = msg([](WireWriter& w) { w.bytes(1, std::string("\x02\x80", 2)); });
  std::string node = msg([](WireWriter& w) { w.bytes(4, "Relu"); });
  std::string bad_node = msg([&](WireWriter& w) {
    w.bytes(5, msg([](WireWriter& a) { a.bytes(1, "alpha"); }));
    w.bytes(5, msg([&](WireWriter& a) { a.bytes(5, bad_tensor); }));
  });
  std::string graph = msg([&](WireWriter& w) {
    for (int i = 0; i < 3; ++i) w.bytes(1, node);
    w.bytes(1, bad_node);
  });
  std::string model = msg([&](WireWriter& w) { w.bytes(7, graph); });
  ModelView m;
  Status s = parse_model(model, &m);
  EXPECT_EQ(s.code(), StatusCode::kInvalidProtobuf);
  EXPECT_EQ(s.message(), "ModelProto.graph.node[3].attribute[1].t.dims: truncated varint");
}

TEST(OnnxViews, WrongWireTypeAndBadPackedSizeAreErrors) {
  ModelView m;
  std::string model = msg([](WireWriter& w) { w.bytes(1, "not a varint"); });
  Status s = parse_model(model, &m);
  EXPECT_EQ(s.message(), "ModelProto.ir_version: wire type length-delimited, expected varint");
  TensorView t;
  s = parse_tensor(msg([](WireWriter& w) { w.bytes(10, "1234567"); }), &t);
  EXPECT_EQ(s.message(),
            "TensorProto.double_data: packed payload of 7 bytes is not a multiple of 8");
  s = parse_tensor(std::string("\x4a\x10short", 7), &t);
  EXPECT_EQ(s.message(), "TensorProto: length past end of buffer");
}

TEST(OnnxViews, DeepNestingIsRejected) {
  // graph { node { attribute { g { node { attribute { g ... } } } } } }, far past the limit.
  std::string graph;
  for (int i = 0; i < 200; ++i) {
    std::string attr = msg([&](WireWriter& w) {
      w.bytes(1, "body");
      w.bytes(6, graph);
    });
    std::string node = msg([&](WireWriter& w) { w.bytes(5, attr); });
    graph = msg([&](WireWriter& w) { w.bytes(1, node); });
  }
  std::string model = msg([&](WireWriter& w) { w.bytes(7, graph); });
  ModelView m;
  Status s = parse_model(model, &m);
  EXPECT_EQ(s.code(), StatusCode::kInvalidProtobuf);
  EXPECT_NE(s.message().find("nested deeper than"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().rfind("ModelProto.graph.node[0].attribute[0].g.node[0]", 0), 0u);
}

TEST(OnnxViews, NestedTypesAndOptional) {
  // seq(optional(map(int64, tensor(float))))
  std::string tensor_t =
      msg([](WireWriter& w) { w.bytes(1, msg([](WireWriter& t) { t.varint(1, 1); })); });
  std::string map_t = msg([&](WireWriter& w) {
    w.bytes(5, msg([&](WireWriter& m) {
              m.varint(1, 7);
              m.bytes(2, tensor_t);
            }));
  });
  std::string opt_t =
      msg([&](WireWriter& w) { w.bytes(9, msg([&](WireWriter& o) { o.bytes(1, map_t); })); });
  std::string seq_t =
      msg([&](WireWriter& w) { w.bytes(4, msg([&](WireWriter& o) { o.bytes(1, opt_t); })); });
  std::string vi = msg([&](WireWriter& w) {
    w.bytes(1, "s");
    w.bytes(2, seq_t);
  });
  std::string model =
      msg([&](WireWriter& w) { w.bytes(7, msg([&](WireWriter& g) { g.bytes(12, vi); })); });
  ModelView m;
  ASSERT_TRUE(parse_model(model, &m).is_ok());
  const TypeView& t = m.graph.outputs.at(0).type;
  EXPECT_EQ(t.kind, TypeView::Kind::kSequence);
  ASSERT_TRUE(t.inner);
  EXPECT_EQ(t.inner->kind, TypeView::Kind::kOptional);
  ASSERT_TRUE(t.inner->inner);
  EXPECT_EQ(t.inner->inner->kind, TypeView::Kind::kMap);
  EXPECT_EQ(t.inner->inner->key_type, 7);
  ASSERT_TRUE(t.inner->inner->inner);
  EXPECT_EQ(t.inner->inner->inner->elem_type, 1);
}

}  // namespace
}  // namespace onyx::proto
