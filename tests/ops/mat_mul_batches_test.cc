// MatMul with batched B: the batch matrices run as whole GEMMs spread over the threads (one per
// thread at a time) when there are at least as many as threads; results equal a double-precision
// oracle with numpy broadcasting of the batch dims, at 1 and 2 threads.
#include <gtest/gtest.h>

#include <cmath>

#include "common/model_builder.h"
#include "opt/pass_test_util.h"

namespace onyx {
namespace {

using testing::ModelBuilder;

using opt_test::random_tensor;

// A [ab0, 1, m, k] x B [bb1, k, n] -> Y [ab0, bb1, m, n] (batch dims broadcast both ways).
void check_broadcast_batches(int64_t ab0, int64_t bb1, int64_t m, int64_t k, int64_t n) {
  ModelBuilder b(13);
  b.input("a", DType::kFloat32, {ab0, 1, m, k});
  b.input("b", DType::kFloat32, {bb1, k, n});
  b.node("MatMul", {"a", "b"}, {"y"});
  b.output("y", DType::kFloat32);
  const Tensor a = random_tensor({ab0, 1, m, k}, 1), bt = random_tensor({bb1, k, n}, 2);
  for (int threads : {1, 2}) {
    SCOPED_TRACE(threads);
    Result<Session> s = b.session(Options().threads(threads));
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    Result<std::vector<Tensor>> out = s->run({{"a", a}, {"b", bt}});
    ASSERT_TRUE(out.is_ok()) << out.status().message();
    const Tensor& y = out.value()[0];
    ASSERT_EQ(y.shape(), (Shape{ab0, bb1, m, n}));
    for (int64_t i0 = 0; i0 < ab0; ++i0)
      for (int64_t i1 = 0; i1 < bb1; ++i1)
        for (int64_t r = 0; r < m; ++r)
          for (int64_t c = 0; c < n; ++c) {
            double acc = 0;
            for (int64_t p = 0; p < k; ++p)
              acc += double(a.data<float>()[(i0 * m + r) * k + p]) *
                     bt.data<float>()[(i1 * k + p) * n + c];
            const float got = y.data<float>()[((i0 * bb1 + i1) * m + r) * n + c];
            ASSERT_NEAR(got, acc, 1e-5 + 1e-5 * std::fabs(acc)) << i0 << " " << i1 << " " << r;
          }
  }
}

TEST(MatMulBatches, BroadcastBatchesOverThreads) {
  check_broadcast_batches(3, 4, 5, 7, 6);    // 12 batches: whole GEMMs per thread
  check_broadcast_batches(1, 1, 33, 17, 9);  // one batch: the GEMM itself is split
  check_broadcast_batches(3, 3, 2, 70, 3);   // 9 batches: uneven slots
}

}  // namespace
}  // namespace onyx
