// Symbolic dim arithmetic for shape inference: a table of interned dim expressions.
//
// A dim during inference (ops/op.h) is >= 0 (fixed), kUnknownDim, or <= -2: the id of entry
// k = -d - 2 of a DimTable. Entries are named symbols (dim_params such as "batch") and
// expressions over them, kept in one canonical form so that equal expressions get the same id:
//
//   polynomial = constant + sum of coef * monomial       (integer coefficients, none zero)
//   monomial   = product of atoms                        (sorted atom ids; repeats are powers)
//   atom       = a named symbol | floor(e / c) | min(x, y)   (e an entry id, c >= 2 a constant;
//                x, y dims, ordered)
//
// Canonicalisation rules: like terms are merged, terms are ordered by their atom lists, and
// floor((c*q + r) / c) with q a polynomial and r a constant reduces to q + floor(r / c);
// floor(floor(e / a) / b) becomes floor(e / (a*b)); ceil(e / c) is floor((e + c - 1) / c).
// An expression that reduces to a constant becomes that fixed dim (or kUnknownDim when it is
// negative, which no size can be). Results with more than kMaxTerms terms give kUnknownDim.
//
// Ops reach the table of the graph being inferred through the free functions at the end of this
// file (dim_add, dim_mul, dim_floordiv, ..., input_elem_dims), which read a per-thread
// SymbolicScope the shape driver (shape/infer.h) opens for each infer_graph call. Fixed operands
// never touch the table: they are computed inline, so plan-time inference with concrete dims
// allocates nothing here. Without a scope (op unit tests) non-fixed results are kUnknownDim.
#pragma once

#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ops/op.h"

namespace onyx::ops {

class DimTable {
 public:
  static constexpr size_t kMaxTerms = 16;

  // The dim naming symbol `name` (interned: the same name gives the same dim).
  int64_t symbol(const std::string& name);
  // A new symbol for a size inference cannot express (data-dependent, or an unresolved
  // combination): "unk_0", "unk_1", ... skipping names already taken.
  int64_t fresh_symbol();
  // True when d is, or is built from, a fresh_symbol() (so it names nothing the model declares).
  bool mentions_fresh(int64_t d) const;
  // Arithmetic on dims of any kind; kUnknownDim in gives kUnknownDim out.
  int64_t add(int64_t a, int64_t b);
  int64_t sub(int64_t a, int64_t b);  // kUnknownDim when the result is a negative constant
  int64_t mul(int64_t a, int64_t b);
  int64_t scale(int64_t a, int64_t c) { return mul(a, c); }
  int64_t floordiv(int64_t a, int64_t divisor);  // divisor >= 1, else kUnknownDim
  int64_t ceildiv(int64_t a, int64_t divisor);   // divisor >= 1, else kUnknownDim
  // min(a, b): a fixed value when both are fixed, a when a == b, else a min atom.
  int64_t min(int64_t a, int64_t b);
  // True when m is min(n, x) for some x (broadcasting n against m can only give n).
  bool is_min_with(int64_t m, int64_t n) const;
  // a / b when b divides a exactly as polynomials (e.g. (batch*seq*768) / 768 = batch*seq), or
  // when both are fixed and b divides a; kUnknownDim otherwise.
  int64_t exact_div(int64_t a, int64_t b);

  // "batch", "seq+1", "2*h", "batch*seq", "floor((h-1)/2)+1"; fixed dims as numbers, "?" unknown.
  std::string to_string(int64_t d) const;
  size_t size() const { return exprs_.size(); }
  // Display text of entry k (the id of dim -(k + 2)).
  const std::string& name(size_t k) const { return names_[k]; }

 private:
  struct Monomial {
    std::vector<int32_t> atoms;  // sorted
    int64_t coef = 0;
  };
  struct Poly {
    int64_t constant = 0;
    std::vector<Monomial> terms;  // sorted by atoms, coefficients non-zero
    bool valid = true;            // false: unknown (or too large to track)
  };
  struct Atom {
    char kind = 's';       // 's' named symbol, 'f' floor division, 'm' min
    std::string name;      // 's': the symbol name
    int64_t dividend = 0;  // 'f': entry dim of the dividend; 'm': the lower operand
    int64_t divisor = 0;   // 'f': the constant divisor; 'm': the other operand
  };

  Poly to_poly(int64_t d) const;
  int64_t intern(Poly p);
  int32_t intern_atom(Atom a);
  static Poly normalized(Poly p);
  static Poly plus(const Poly& a, const Poly& b, int64_t b_sign);
  static Poly times(const Poly& a, const Poly& b);
  std::string poly_text(const Poly& p) const;
  std::string atom_text(int32_t atom) const;

  std::vector<Atom> atoms_;
  std::map<std::string, int32_t> atom_ids_;  // atom key -> index
  std::vector<Poly> exprs_;                  // by entry k
  std::vector<std::string> names_;           // display text by entry k
  std::map<std::string, size_t> expr_ids_;   // canonical key -> entry k
  int64_t fresh_count_ = 0;
  std::vector<int32_t> fresh_atoms_;  // atoms made by fresh_symbol()
};

// Partly known contents of int tensors of rank 0 or 1 (e.g. Shape(x) with symbolic dims), by
// value name: each element as a dim (fixed, symbolic or kUnknownDim); the value -1 (Reshape's
// "infer this dim", which as a dim would read "unknown") is kElemMinusOne.
using ElemDimsMap = std::unordered_map<std::string, std::vector<int64_t>>;
constexpr int64_t kElemMinusOne = INT64_MIN;

// Symbolic inference state of the graph being inferred on this thread: its dim table and its
// partly known int tensors. Opened by the shape driver for one infer_graph call; nested calls
// (subgraphs) stack, and element lookups fall back to enclosing scopes (captured values).
class SymbolicScope {
 public:
  SymbolicScope(DimTable* table, ElemDimsMap* elem_dims);
  ~SymbolicScope();
  SymbolicScope(const SymbolicScope&) = delete;
  SymbolicScope& operator=(const SymbolicScope&) = delete;

  static SymbolicScope* current();  // innermost open scope of this thread, or nullptr
  DimTable* table() const { return table_; }
  const std::vector<int64_t>* find_elem_dims(const std::string& name) const;
  void set_elem_dims(const std::string& name, std::vector<int64_t> elems);

 private:
  DimTable* table_;
  ElemDimsMap* elem_dims_;
  SymbolicScope* previous_;
};

// Dim arithmetic for inference: operands are dims (>= 0, kUnknownDim or symbolic), never
// negative constants. Fixed operands compute inline; others use the current scope's table, or
// give kUnknownDim without one.
int64_t symbolic_dim_op(char op, int64_t a, int64_t b);  // '+', '-', '*', '/' floor, '^' ceil
inline int64_t dim_add(int64_t a, int64_t b) {
  return a >= 0 && b >= 0 ? a + b : symbolic_dim_op('+', a, b);
}
// Fixed operands: a - b, which may be negative (callers validate).
inline int64_t dim_sub(int64_t a, int64_t b) {
  return a >= 0 && b >= 0 ? a - b : symbolic_dim_op('-', a, b);
}
inline int64_t dim_mul(int64_t a, int64_t b) {
  return a >= 0 && b >= 0 ? a * b : symbolic_dim_op('*', a, b);
}
// floor(a / c) and ceil(a / c) for a constant c >= 1 (kUnknownDim for c < 1).
inline int64_t dim_floordiv(int64_t a, int64_t c) {
  return a >= 0 && c >= 1 ? a / c : symbolic_dim_op('/', a, c);
}
inline int64_t dim_ceildiv(int64_t a, int64_t c) {
  return a >= 0 && c >= 1 ? (a + c - 1) / c : symbolic_dim_op('^', a, c);
}
// a / b when b divides a exactly (fixed or as expressions); kUnknownDim otherwise.
int64_t dim_exact_div(int64_t a, int64_t b);
// min(a, b) (e.g. x[:seq] of a fixed-size axis); DimTable::min.
int64_t dim_min(int64_t a, int64_t b);
// DimTable::is_min_with in the current scope; false without one.
bool dim_is_min_with(int64_t m, int64_t n);
// "224", "?", "batch", "seq+1" ("s<k>" for an id when no scope is open).
std::string dim_to_string(int64_t d);

// Contents of int input i of `ctx`'s node as elem entries (see ElemDimsMap): its constant values
// (-1 as kElemMinusOne, other negatives unknown), else what the scope holds for it; nullopt when
// neither.
std::optional<std::vector<int64_t>> input_elem_dims(const InferContext& ctx, int i);
// Records the partly known contents of output i (no-op without a scope).
void set_output_elem_dims(const InferContext& ctx, int i, std::vector<int64_t> elems);

}  // namespace onyx::ops
