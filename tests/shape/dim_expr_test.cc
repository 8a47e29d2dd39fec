// DimTable: canonical symbolic dim expressions (ops/common/dim_expr.h).
#include "ops/common/dim_expr.h"

#include <gtest/gtest.h>

#include "ops/op.h"

namespace {

using onyx::ops::DimTable;
using onyx::ops::kUnknownDim;

TEST(DimExpr, SymbolsAreInterned) {
  DimTable t;
  const int64_t a = t.symbol("batch"), b = t.symbol("seq");
  EXPECT_LE(a, -2);
  EXPECT_NE(a, b);
  EXPECT_EQ(t.symbol("batch"), a);
  EXPECT_EQ(t.to_string(a), "batch");
  EXPECT_EQ(t.name(static_cast<size_t>(-b - 2)), "seq");
}

TEST(DimExpr, SumsAndProductsAreCanonical) {
  DimTable t;
  const int64_t a = t.symbol("a"), b = t.symbol("b");
  EXPECT_EQ(t.add(a, b), t.add(b, a));
  EXPECT_EQ(t.mul(a, b), t.mul(b, a));
  // 2*(a+1) == 2a+2
  EXPECT_EQ(t.mul(2, t.add(a, 1)), t.add(t.mul(a, 2), 2));
  EXPECT_EQ(t.to_string(t.mul(2, t.add(a, 1))), "2*a+2");
  // (a+b)-b == a ; a-a == 0 (a fixed dim)
  EXPECT_EQ(t.sub(t.add(a, b), b), a);
  EXPECT_EQ(t.sub(a, a), 0);
  EXPECT_EQ(t.to_string(t.sub(a, 1)), "a-1");
  EXPECT_EQ(t.to_string(t.mul(a, b)), "a*b");
  EXPECT_EQ(t.to_string(t.mul(a, a)), "a*a");
  // A negative constant is no size.
  EXPECT_EQ(t.sub(3, 5), kUnknownDim);
  // Unknown in, unknown out.
  EXPECT_EQ(t.add(a, kUnknownDim), kUnknownDim);
  EXPECT_EQ(t.mul(kUnknownDim, 3), kUnknownDim);
}

TEST(DimExpr, FloorAndCeilDivision) {
  DimTable t;
  const int64_t h = t.symbol("h");
  EXPECT_EQ(t.floordiv(7, 2), 3);
  EXPECT_EQ(t.ceildiv(7, 2), 4);
  EXPECT_EQ(t.floordiv(h, 1), h);
  // (2h+4)/2 = h+2 exactly
  EXPECT_EQ(t.floordiv(t.add(t.mul(h, 2), 4), 2), t.add(h, 2));
  // Conv 3x3, pad 1, stride 2: floor((h+2-3)/2)+1 == floor((h+1)/2)
  const int64_t conv = t.add(t.floordiv(t.sub(t.add(h, 2), 3), 2), 1);
  EXPECT_EQ(conv, t.floordiv(t.add(h, 1), 2));
  EXPECT_EQ(t.to_string(conv), "floor((h+1)/2)");
  // ceil(h/2) == floor((h+1)/2)
  EXPECT_EQ(t.ceildiv(h, 2), conv);
  // floor(floor(h/2)/3) == floor(h/6)
  EXPECT_EQ(t.floordiv(t.floordiv(h, 2), 3), t.floordiv(h, 6));
  EXPECT_EQ(t.to_string(t.floordiv(h, 6)), "floor(h/6)");
  EXPECT_EQ(t.floordiv(h, 0), kUnknownDim);
}

TEST(DimExpr, ExactDivision) {
  DimTable t;
  const int64_t b = t.symbol("batch"), s = t.symbol("seq");
  const int64_t total = t.mul(t.mul(b, s), 768);
  EXPECT_EQ(t.exact_div(total, 768), t.mul(b, s));
  EXPECT_EQ(t.exact_div(total, t.mul(b, s)), 768);
  EXPECT_EQ(t.exact_div(total, b), t.mul(s, 768));
  EXPECT_EQ(t.exact_div(total, 5), kUnknownDim);
  EXPECT_EQ(t.exact_div(t.add(b, 1), b), kUnknownDim);
  EXPECT_EQ(t.exact_div(12, 4), 3);
  EXPECT_EQ(t.exact_div(12, 5), kUnknownDim);
}

TEST(DimExpr, Min) {
  DimTable t;
  const int64_t s = t.symbol("seq"), b = t.symbol("batch");
  EXPECT_EQ(t.min(3, 5), 3);
  EXPECT_EQ(t.min(s, s), s);
  EXPECT_EQ(t.min(s, 512), t.min(512, s));
  EXPECT_EQ(t.to_string(t.min(s, 512)), "min(seq, 512)");
  EXPECT_TRUE(t.is_min_with(t.min(s, 512), s));
  EXPECT_FALSE(t.is_min_with(t.min(s, 512), b));
  EXPECT_FALSE(t.is_min_with(s, s));
  EXPECT_EQ(t.min(s, kUnknownDim), kUnknownDim);
}

TEST(DimExpr, FreshSymbols) {
  DimTable t;
  const int64_t taken = t.symbol("unk_0");
  const int64_t f = t.fresh_symbol();
  EXPECT_NE(f, taken);
  EXPECT_EQ(t.to_string(f), "unk_1");
  EXPECT_TRUE(t.mentions_fresh(f));
  EXPECT_TRUE(t.mentions_fresh(t.floordiv(t.add(f, 1), 2)));
  EXPECT_FALSE(t.mentions_fresh(taken));
  EXPECT_FALSE(t.mentions_fresh(7));
}

}  // namespace
