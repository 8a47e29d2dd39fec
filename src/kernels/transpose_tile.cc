// 2-D transposes of 4-byte elements: the inner kernel of transpose_blocked. Highway per target:
// 8x8 register transposes on 256-bit x86 targets, 4x4 on other 128-bit-capable targets, scalar on
// HWY_SCALAR/EMU128; edges that do not fill a register block are copied element by element.
#include "kernels/transpose.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/transpose_tile.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// dst[j * ldd + i] = src[i * lds + j] for i in [i0, i1), j in [j0, j1).
HWY_INLINE void TransposeScalar(const uint32_t* src, int64_t lds, uint32_t* dst, int64_t ldd,
                                int64_t i0, int64_t i1, int64_t j0, int64_t j1) {
  for (int64_t j = j0; j < j1; ++j)
    for (int64_t i = i0; i < i1; ++i) dst[j * ldd + i] = src[i * lds + j];
}

#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX2
constexpr int64_t kBlock = 8;
// One 8x8 block: rows of src at src + r * lds become rows of dst at dst + c * ldd.
HWY_INLINE void TransposeBlock(const uint32_t* src, int64_t lds, uint32_t* dst, int64_t ldd) {
  const hn::Full256<uint32_t> d;
  const hn::Full256<uint64_t> d64;
  using V = hn::Vec<decltype(d)>;
  V r[8];
  for (int k = 0; k < 8; ++k) r[k] = hn::LoadU(d, src + k * lds);
  // 32-bit interleave within 128-bit blocks, then 64-bit interleave: s[q] holds columns c and
  // c + 4 (lower/upper block) of four rows.
  V s[8];
  for (int h = 0; h < 2; ++h) {
    const V a = hn::InterleaveLower(d, r[4 * h], r[4 * h + 1]);
    const V b = hn::InterleaveUpper(d, r[4 * h], r[4 * h + 1]);
    const V c = hn::InterleaveLower(d, r[4 * h + 2], r[4 * h + 3]);
    const V e = hn::InterleaveUpper(d, r[4 * h + 2], r[4 * h + 3]);
    const auto a64 = hn::BitCast(d64, a), b64 = hn::BitCast(d64, b);
    const auto c64 = hn::BitCast(d64, c), e64 = hn::BitCast(d64, e);
    s[4 * h + 0] = hn::BitCast(d, hn::InterleaveLower(d64, a64, c64));
    s[4 * h + 1] = hn::BitCast(d, hn::InterleaveUpper(d64, a64, c64));
    s[4 * h + 2] = hn::BitCast(d, hn::InterleaveLower(d64, b64, e64));
    s[4 * h + 3] = hn::BitCast(d, hn::InterleaveUpper(d64, b64, e64));
  }
  for (int c = 0; c < 4; ++c) {
    hn::StoreU(hn::ConcatLowerLower(d, s[4 + c], s[c]), d, dst + c * ldd);
    hn::StoreU(hn::ConcatUpperUpper(d, s[4 + c], s[c]), d, dst + (c + 4) * ldd);
  }
}
#elif HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128
constexpr int64_t kBlock = 4;
HWY_INLINE void TransposeBlock(const uint32_t* src, int64_t lds, uint32_t* dst, int64_t ldd) {
  const hn::Full128<uint32_t> d;
  const auto r0 = hn::LoadU(d, src), r1 = hn::LoadU(d, src + lds);
  const auto r2 = hn::LoadU(d, src + 2 * lds), r3 = hn::LoadU(d, src + 3 * lds);
  const auto a = hn::InterleaveLower(d, r0, r1), b = hn::InterleaveUpper(d, r0, r1);
  const auto c = hn::InterleaveLower(d, r2, r3), e = hn::InterleaveUpper(d, r2, r3);
  hn::StoreU(hn::ConcatLowerLower(d, c, a), d, dst);
  hn::StoreU(hn::ConcatUpperUpper(d, c, a), d, dst + ldd);
  hn::StoreU(hn::ConcatLowerLower(d, e, b), d, dst + 2 * ldd);
  hn::StoreU(hn::ConcatUpperUpper(d, e, b), d, dst + 3 * ldd);
}
#else
constexpr int64_t kBlock = 0;  // no register blocks: scalar only
HWY_INLINE void TransposeBlock(const uint32_t*, int64_t, uint32_t*, int64_t) {}
#endif

// Dense interleave of ni in {2, 3, 4} rows (ldd == ni): dst[j * ni + i] = src[i * lds + j].
HWY_INLINE void Interleave(const uint32_t* src, int64_t lds, uint32_t* dst, int64_t ni,
                           int64_t nj) {
  const hn::ScalableTag<uint32_t> d;
  const int64_t N = static_cast<int64_t>(hn::Lanes(d));
  const uint32_t *s0 = src, *s1 = src + lds, *s2 = src + 2 * lds, *s3 = src + 3 * lds;
  int64_t j = 0;
  for (; j + N <= nj; j += N) {
    uint32_t* o = dst + j * ni;
    if (ni == 2)
      hn::StoreInterleaved2(hn::LoadU(d, s0 + j), hn::LoadU(d, s1 + j), d, o);
    else if (ni == 3)
      hn::StoreInterleaved3(hn::LoadU(d, s0 + j), hn::LoadU(d, s1 + j), hn::LoadU(d, s2 + j), d, o);
    else
      hn::StoreInterleaved4(hn::LoadU(d, s0 + j), hn::LoadU(d, s1 + j), hn::LoadU(d, s2 + j),
                            hn::LoadU(d, s3 + j), d, o);
  }
  TransposeScalar(src, lds, dst, ni, 0, ni, j, nj);
}

void Transpose2D32(const uint32_t* src, int64_t lds, uint32_t* dst, int64_t ldd, int64_t ni,
                   int64_t nj) {
  if (ldd == ni && ni >= 2 && ni <= 4) return Interleave(src, lds, dst, ni, nj);
  if constexpr (kBlock == 0) {
    TransposeScalar(src, lds, dst, ldd, 0, ni, 0, nj);
  } else {
    const int64_t ib = ni - ni % kBlock, jb = nj - nj % kBlock;
    for (int64_t i = 0; i < ib; i += kBlock)
      for (int64_t j = 0; j < jb; j += kBlock)
        TransposeBlock(src + i * lds + j, lds, dst + j * ldd + i, ldd);
    TransposeScalar(src, lds, dst, ldd, ib, ni, 0, nj);  // bottom rows, full width
    TransposeScalar(src, lds, dst, ldd, 0, ib, jb, nj);  // right columns
  }
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace onyx::kernels {

HWY_EXPORT(Transpose2D32);

void transpose_2d_32(const uint32_t* src, int64_t lds, uint32_t* dst, int64_t ldd, int64_t ni,
                     int64_t nj) {
  HWY_DYNAMIC_DISPATCH(Transpose2D32)(src, lds, dst, ldd, ni, nj);
}

Transpose2D32Fn transpose_2d_32_best() {
  return &HWY_DYNAMIC_DISPATCH(Transpose2D32);
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
