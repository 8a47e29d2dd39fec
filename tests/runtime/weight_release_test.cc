// Pre-packed weights: the plan releases originals every reader consumed (PlanConfig::
// release_constant), sessions loaded from files free copied weights and restore them for new
// shapes, and the plan cache stays bounded over many input shapes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "common/model_builder.h"
#include "onyx/session.hpp"
#include "runtime/plan.h"

namespace onyx {
namespace {

using testing::ModelBuilder;

// Deterministic float values in [-1, 1).
Tensor filled(Shape shape, int seed) {
  Tensor t = Tensor::empty(DType::kFloat32, std::move(shape));
  uint32_t s = 2654435761u * static_cast<uint32_t>(seed + 1);
  for (int64_t i = 0; i < t.numel(); ++i) {
    s = s * 1664525u + 1013904223u;
    t.data<float>()[i] = static_cast<float>(s >> 8) / static_cast<float>(1u << 23) - 1.0f;
  }
  return t;
}

// y[m, n] = sum_k x[m, k] * w[k, n] (+ bias[n]).
Tensor matmul_reference(const Tensor& x, const Tensor& w, const Tensor* bias = nullptr) {
  const int64_t m = x.dim(0), k = x.dim(1), n = w.dim(1);
  Tensor y = Tensor::empty(DType::kFloat32, {m, n});
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double acc = bias ? bias->data<float>()[j] : 0.0;
      for (int64_t p = 0; p < k; ++p)
        acc += double{x.data<float>()[i * k + p]} * w.data<float>()[p * n + j];
      y.data<float>()[i * n + j] = static_cast<float>(acc);
    }
  return y;
}

void expect_near(const Tensor& got, const Tensor& want) {
  ASSERT_EQ(got.shape(), want.shape());
  for (int64_t i = 0; i < got.numel(); ++i)
    ASSERT_NEAR(got.data<float>()[i], want.data<float>()[i],
                1e-5f + 1e-4f * std::abs(want.data<float>()[i]))
        << "at " << i;
}

// A weight whose storage is owned by a sentinel, so a test can see when nothing references it.
struct OwnedWeight {
  Tensor tensor;
  std::weak_ptr<void> owner;
};
OwnedWeight owned_weight(Shape shape, int seed) {
  Tensor values = filled(shape, seed);
  auto storage = std::make_shared<std::vector<float>>(values.data<float>(),
                                                      values.data<float>() + values.numel());
  OwnedWeight w;
  w.tensor = Tensor::wrap(DType::kFloat32, std::move(shape), storage->data(), storage);
  w.owner = storage;
  return w;
}

// MatMul(x, w) -> h; Add(h, b) -> y, with w and b initializers: MatMul pre-packs w, Add reads b.
TEST(WeightRelease, PlanDropsAPrePackedOriginalAndKeepsOthers) {
  OwnedWeight w = owned_weight({5, 7}, 1);
  OwnedWeight b = owned_weight({7}, 2);
  const Tensor w_values = w.tensor.clone(), b_values = b.tensor.clone();
  ModelBuilder mb;
  mb.input("x", DType::kFloat32, {3, 5});
  mb.initializer("w", w.tensor).initializer("b", b.tensor);
  mb.node("MatMul", {"x", "w"}, {"h"});
  mb.node("Add", {"h", "b"}, {"y"});
  mb.output("y", DType::kFloat32);
  w.tensor = Tensor();
  b.tensor = Tensor();
  ir::Model& model = mb.model();

  std::vector<std::string> released;
  runtime::PlanConfig config;
  config.release_constant = [&](const std::string& name, const Tensor&) {
    released.push_back(name);
    for (auto& [n, t] : model.graph.initializers)
      if (n == name) t = Tensor::wrap(t.dtype(), t.shape(), nullptr);
    return true;
  };
  ThreadPool pool(2);
  runtime::FeedTypes types{{"x", ops::ValueType::tensor(DType::kFloat32, {3, 5})}};
  auto plan = runtime::build_plan(model, types, {"x"}, &pool, config);
  ASSERT_TRUE(plan.is_ok()) << plan.status().to_string();
  EXPECT_EQ(released, std::vector<std::string>{"w"});
  EXPECT_TRUE(w.owner.expired()) << "the pre-packed original is still referenced";
  EXPECT_FALSE(b.owner.expired()) << "Add reads b at run time";
  EXPECT_EQ((*plan)->released_constant_bytes, 5u * 7u * sizeof(float));

  const Tensor x = filled({3, 5}, 3);
  auto out = runtime::execute_plan(**plan, {Value(x)}, &pool);
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  expect_near(out.value()[0].tensor(), matmul_reference(x, w_values, &b_values));
}

TEST(WeightRelease, SharedOrOutputConstantsAreKept) {
  // w feeds a MatMul (which packs it) and is itself a graph output: never released.
  OwnedWeight w = owned_weight({4, 4}, 4);
  ModelBuilder mb;
  mb.input("x", DType::kFloat32, {2, 4});
  mb.initializer("w", w.tensor);
  mb.node("MatMul", {"x", "w"}, {"y"});
  mb.output("y", DType::kFloat32).output("w", DType::kFloat32);
  w.tensor = Tensor();
  bool called = false;
  runtime::PlanConfig config;
  config.release_constant = [&](const std::string&, const Tensor&) { return called = true; };
  ThreadPool pool(1);
  runtime::FeedTypes types{{"x", ops::ValueType::tensor(DType::kFloat32, {2, 4})}};
  auto plan = runtime::build_plan(mb.model(), types, {"x"}, &pool, config);
  ASSERT_TRUE(plan.is_ok()) << plan.status().to_string();
  EXPECT_FALSE(called);
  EXPECT_FALSE(w.owner.expired());
}

// Writes `bytes` to a fresh file under the test temp folder; removed by the destructor.
struct TempFile {
  explicit TempFile(const std::string& bytes) {
    path = ::testing::TempDir() + "onyx_weight_release_" + std::to_string(::getpid()) + "_" +
           std::to_string(counter++) + ".onnx";
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string path;
  static inline int counter = 0;
};

// x [batch, 6] -> Gemm(w [6, 5], c [5]) -> MatMul(v [5, 3]); names of varying length shift the
// raw_data offsets, so some of these files hold weights import must copy (misaligned).
ModelBuilder dynamic_batch_model(const std::string& prefix) {
  ModelBuilder mb;
  mb.input("x", DType::kFloat32, {-1, 6}, {"batch", ""});
  mb.initializer(prefix + "w", filled({6, 5}, 5));
  mb.initializer(prefix + "c", filled({5}, 6));
  mb.initializer(prefix + "v", filled({5, 3}, 7));
  mb.node("Gemm", {"x", prefix + "w", prefix + "c"}, {"h"});
  mb.node("MatMul", {"h", prefix + "v"}, {"y"});
  mb.output("y", DType::kFloat32);
  return mb;
}

TEST(WeightRelease, FileSessionFreesCopiedWeightsAndRestoresThemForNewShapes) {
  bool some_released = false;
  for (const std::string prefix : {"", "a", "ab", "abc"}) {
    ModelBuilder mb = dynamic_batch_model(prefix);
    TempFile file(mb.bytes());
    auto session = Session::load(file.path, Options().threads(2));
    ASSERT_TRUE(session.is_ok()) << session.status().to_string();
    const Tensor w = filled({6, 5}, 5), c = filled({5}, 6), v = filled({5, 3}, 7);
    for (int64_t batch : {2, 5, 2, 9}) {
      const Tensor x = filled({batch, 6}, static_cast<int>(batch));
      auto out = session->run({{"x", x}});
      ASSERT_TRUE(out.is_ok()) << out.status().to_string();
      expect_near(out.value()[0], matmul_reference(matmul_reference(x, w, &c), v));
      const MemoryStats stats = session->memory_stats();
      EXPECT_GT(stats.packed_weight_bytes, 0u);
      if (stats.released_weight_bytes > 0) some_released = true;
    }
  }
  EXPECT_TRUE(some_released) << "no file held a misaligned (copied) weight";
}

TEST(WeightRelease, PlanCacheStaysBoundedOverManyShapes) {
  Session s = dynamic_batch_model("").session(Options().threads(1)).value();
  size_t first_plan_bytes = 0;
  for (int64_t batch = 1; batch <= 100; ++batch) {
    auto out = s.run({{"x", filled({batch, 6}, 1)}});
    ASSERT_TRUE(out.is_ok()) << out.status().to_string();
    const MemoryStats stats = s.memory_stats();
    if (batch == 1) first_plan_bytes = stats.plan_bytes;
    ASSERT_LE(stats.cached_plans, 8u);
    ASSERT_GE(stats.cached_plans, 1u);
    // Eight plans of at most the largest batch's size.
    ASSERT_LE(stats.plan_bytes, 8 * (first_plan_bytes + 100 * 64 * 4 * sizeof(float)));
  }
  EXPECT_EQ(s.memory_stats().cached_plans, 8u);
}

}  // namespace
}  // namespace onyx
