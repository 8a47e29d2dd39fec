// Helpers for the graph-pass tests: run a ModelBuilder model before and after a pass.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "common/model_builder.h"
#include "import/loader.h"
#include "opt/optimize.h"

namespace onyx::opt_test {

inline Tensor random_tensor(Shape shape, uint32_t seed, float lo = -1.0f, float hi = 1.0f) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  Tensor t = Tensor::empty(DType::kFloat32, std::move(shape));
  for (int64_t i = 0; i < t.numel(); ++i) t.data<float>()[i] = dist(rng);
  return t;
}

// Outputs of `model` at opt level none (so only what the test applied by hand changes it).
inline std::vector<Tensor> run_unoptimized(const ir::Model& model, const Feeds& feeds) {
  std::string bytes = import::serialize_model(model);
  Result<Session> s =
      Session::load_bytes(bytes.data(), bytes.size(), Options().opt_level(OptLevel::kNone));
  EXPECT_TRUE(s.is_ok()) << s.status().message();
  if (!s.is_ok()) return {};
  Result<std::vector<Tensor>> out = s->run(feeds);
  EXPECT_TRUE(out.is_ok()) << out.status().message();
  return out.is_ok() ? std::move(out).value() : std::vector<Tensor>{};
}

// Element-wise |a - b| <= tol * |a| (tol = 0: bit-exact float32 bytes); NaN must match NaN.
inline void expect_same_outputs(const std::vector<Tensor>& a, const std::vector<Tensor>& b,
                                float tol) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    ASSERT_EQ(a[k].shape(), b[k].shape()) << "output " << k;
    ASSERT_EQ(a[k].dtype(), DType::kFloat32);
    for (int64_t i = 0; i < a[k].numel(); ++i) {
      const float x = a[k].data<float>()[i], y = b[k].data<float>()[i];
      if (std::isnan(x) || std::isnan(y)) {
        EXPECT_TRUE(std::isnan(x) && std::isnan(y)) << "output " << k << " [" << i << "]";
      } else if (tol == 0.0f) {
        EXPECT_EQ(x, y) << "output " << k << " [" << i << "]";
      } else {
        EXPECT_NEAR(x, y, tol * std::fabs(x) + 1e-6f) << "output " << k << " [" << i << "]";
      }
    }
  }
}

// Applies `pass` to a copy of b's model and checks the outputs on `feeds` against the original's;
// returns the rewritten model and the pass's change count in `changes`.
inline ir::Model apply_and_compare(testing::ModelBuilder& b,
                                   Result<int> (*pass)(ir::Graph&, opt::PassContext&),
                                   const Feeds& feeds, float tol, int* changes) {
  ir::Model rewritten = b.model();
  Result<int> r = opt::run_pass(rewritten, pass);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  *changes = r.is_ok() ? r.value() : -1;
  expect_same_outputs(run_unoptimized(b.model(), feeds), run_unoptimized(rewritten, feeds), tol);
  return rewritten;
}

inline int count_op(const ir::Model& m, const std::string& op) {
  int n = 0;
  for (const ir::Node& node : m.graph.nodes) n += node.op_type == op;
  return n;
}

}  // namespace onyx::opt_test
