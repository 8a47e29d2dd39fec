#include "ops/common/dim_expr.h"

#include <algorithm>

namespace onyx::ops {

namespace {

// Floor of a / b for b > 0 (C++ division truncates toward zero).
int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && (a < 0)) --q;
  return q;
}

bool checked_mul(int64_t a, int64_t b, int64_t* out) {
  return !__builtin_mul_overflow(a, b, out);
}
bool checked_add(int64_t a, int64_t b, int64_t* out) {
  return !__builtin_add_overflow(a, b, out);
}

}  // namespace

DimTable::Poly DimTable::to_poly(int64_t d) const {
  Poly p;
  if (d >= 0) {
    p.constant = d;
  } else {
    const size_t k = static_cast<size_t>(-d - 2);
    if (d == kUnknownDim || k >= exprs_.size())
      p.valid = false;
    else
      p = exprs_[k];
  }
  return p;
}

DimTable::Poly DimTable::normalized(Poly p) {
  if (!p.valid) return p;
  std::sort(p.terms.begin(), p.terms.end(),
            [](const Monomial& a, const Monomial& b) { return a.atoms < b.atoms; });
  std::vector<Monomial> merged;
  for (Monomial& m : p.terms) {
    if (!merged.empty() && merged.back().atoms == m.atoms) {
      if (!checked_add(merged.back().coef, m.coef, &merged.back().coef)) p.valid = false;
    } else {
      merged.push_back(std::move(m));
    }
  }
  std::erase_if(merged, [](const Monomial& m) { return m.coef == 0; });
  p.terms = std::move(merged);
  if (p.terms.size() > kMaxTerms) p.valid = false;
  return p;
}

DimTable::Poly DimTable::plus(const Poly& a, const Poly& b, int64_t b_sign) {
  Poly r = a;
  r.valid = a.valid && b.valid;
  if (!r.valid) return r;
  int64_t bc = 0;
  if (!checked_mul(b.constant, b_sign, &bc) || !checked_add(r.constant, bc, &r.constant))
    r.valid = false;
  for (Monomial m : b.terms) {
    m.coef *= b_sign;
    r.terms.push_back(std::move(m));
  }
  return normalized(std::move(r));
}

DimTable::Poly DimTable::times(const Poly& a, const Poly& b) {
  Poly r;
  r.valid = a.valid && b.valid;
  if (!r.valid) return r;
  // Treat each constant as a monomial with no atoms.
  auto with_constant = [](const Poly& p) {
    std::vector<Monomial> t = p.terms;
    if (p.constant) t.push_back(Monomial{{}, p.constant});
    return t;
  };
  const std::vector<Monomial> ta = with_constant(a), tb = with_constant(b);
  if (ta.size() * tb.size() > kMaxTerms * 4) {
    r.valid = false;
    return r;
  }
  for (const Monomial& x : ta)
    for (const Monomial& y : tb) {
      Monomial m;
      if (!checked_mul(x.coef, y.coef, &m.coef)) r.valid = false;
      m.atoms = x.atoms;
      m.atoms.insert(m.atoms.end(), y.atoms.begin(), y.atoms.end());
      std::sort(m.atoms.begin(), m.atoms.end());
      if (m.atoms.empty()) {
        if (!checked_add(r.constant, m.coef, &r.constant)) r.valid = false;
      } else {
        r.terms.push_back(std::move(m));
      }
    }
  return normalized(std::move(r));
}

int32_t DimTable::intern_atom(Atom a) {
  const std::string key = a.kind == 's' ? "s" + a.name
                                        : std::string(1, a.kind) + std::to_string(a.dividend) +
                                              "," + std::to_string(a.divisor);
  auto it = atom_ids_.find(key);
  if (it != atom_ids_.end()) return it->second;
  const int32_t id = static_cast<int32_t>(atoms_.size());
  atoms_.push_back(std::move(a));
  atom_ids_.emplace(key, id);
  return id;
}

int64_t DimTable::intern(Poly p) {
  if (!p.valid) return kUnknownDim;
  if (p.terms.empty()) return p.constant >= 0 ? p.constant : kUnknownDim;
  std::string key = std::to_string(p.constant);
  for (const Monomial& m : p.terms) {
    key += ';' + std::to_string(m.coef);
    for (int32_t a : m.atoms) key += '.' + std::to_string(a);
  }
  auto it = expr_ids_.find(key);
  if (it != expr_ids_.end()) return -static_cast<int64_t>(it->second) - 2;
  const size_t k = exprs_.size();
  names_.push_back(poly_text(p));
  exprs_.push_back(std::move(p));
  expr_ids_.emplace(std::move(key), k);
  return -static_cast<int64_t>(k) - 2;
}

int64_t DimTable::symbol(const std::string& name) {
  Poly p;
  p.terms.push_back(Monomial{{intern_atom(Atom{'s', name, 0, 0})}, 1});
  return intern(std::move(p));
}

int64_t DimTable::fresh_symbol() {
  std::string name;
  do {
    name = "unk_" + std::to_string(fresh_count_++);
  } while (atom_ids_.count("s" + name));
  const int64_t d = symbol(name);
  fresh_atoms_.push_back(atom_ids_.at("s" + name));
  return d;
}

bool DimTable::mentions_fresh(int64_t d) const {
  const size_t k = static_cast<size_t>(-d - 2);
  if (d >= kUnknownDim || k >= exprs_.size()) return false;
  for (const Monomial& m : exprs_[k].terms)
    for (int32_t id : m.atoms) {
      const Atom& a = atoms_[static_cast<size_t>(id)];
      if (a.kind == 's' &&
          std::find(fresh_atoms_.begin(), fresh_atoms_.end(), id) != fresh_atoms_.end())
        return true;
      if (a.kind == 'f' && mentions_fresh(a.dividend)) return true;
      if (a.kind == 'm' && (mentions_fresh(a.dividend) || mentions_fresh(a.divisor))) return true;
    }
  return false;
}

int64_t DimTable::add(int64_t a, int64_t b) {
  return intern(plus(to_poly(a), to_poly(b), 1));
}

int64_t DimTable::sub(int64_t a, int64_t b) {
  return intern(plus(to_poly(a), to_poly(b), -1));
}

int64_t DimTable::mul(int64_t a, int64_t b) {
  return intern(times(to_poly(a), to_poly(b)));
}

int64_t DimTable::floordiv(int64_t a, int64_t divisor) {
  if (divisor < 1 || a == kUnknownDim) return kUnknownDim;
  if (divisor == 1) return a;
  if (a >= 0) return a / divisor;
  Poly p = to_poly(a);
  if (!p.valid) return kUnknownDim;
  // p = divisor*q + rest, with rest's constant in [0, divisor).
  Poly q, rest;
  q.constant = floor_div(p.constant, divisor);
  rest.constant = p.constant - q.constant * divisor;
  for (const Monomial& m : p.terms) {
    if (m.coef % divisor == 0)
      q.terms.push_back(Monomial{m.atoms, m.coef / divisor});
    else
      rest.terms.push_back(m);
  }
  if (rest.terms.empty()) return intern(normalized(std::move(q)));  // rest < divisor: adds 0
  int64_t floor_term;
  const Monomial& first = rest.terms[0];
  if (rest.terms.size() == 1 && rest.constant == 0 && first.coef == 1 && first.atoms.size() == 1 &&
      atoms_[static_cast<size_t>(first.atoms[0])].kind == 'f') {
    // floor(floor(e / c1) / divisor) = floor(e / (c1 * divisor))
    const Atom inner = atoms_[static_cast<size_t>(first.atoms[0])];
    int64_t combined;
    if (!checked_mul(inner.divisor, divisor, &combined)) return kUnknownDim;
    floor_term = floordiv(inner.dividend, combined);
  } else {
    const int64_t dividend = intern(normalized(std::move(rest)));
    if (dividend == kUnknownDim) return kUnknownDim;
    Poly f;
    f.terms.push_back(Monomial{{intern_atom(Atom{'f', "", dividend, divisor})}, 1});
    floor_term = intern(std::move(f));
  }
  return intern(plus(normalized(std::move(q)), to_poly(floor_term), 1));
}

int64_t DimTable::ceildiv(int64_t a, int64_t divisor) {
  if (divisor < 1) return kUnknownDim;
  return floordiv(add(a, divisor - 1), divisor);
}

int64_t DimTable::exact_div(int64_t a, int64_t b) {
  if (a == kUnknownDim || b == kUnknownDim || b == 0) return kUnknownDim;
  if (a == b) return 1;
  if (a >= 0 && b >= 0) return a % b == 0 ? a / b : kUnknownDim;
  const Poly p = to_poly(a), d = to_poly(b);
  if (!p.valid || !d.valid) return kUnknownDim;
  // Divisor: one monomial (coefficient c, atoms A) or a constant c.
  if (d.terms.size() > 1 || (d.terms.size() == 1 && d.constant != 0)) return kUnknownDim;
  const int64_t c = d.terms.empty() ? d.constant : d.terms[0].coef;
  const std::vector<int32_t> divisor_atoms =
      d.terms.empty() ? std::vector<int32_t>{} : d.terms[0].atoms;
  if (c == 0 || p.constant % c != 0) return kUnknownDim;
  if (!divisor_atoms.empty() && p.constant != 0) return kUnknownDim;
  Poly r;
  r.constant = p.constant / c;
  for (const Monomial& m : p.terms) {
    if (m.coef % c != 0) return kUnknownDim;
    Monomial out{{}, m.coef / c};
    std::vector<int32_t> left = divisor_atoms;  // atoms still to cancel
    for (int32_t atom : m.atoms) {
      auto it = std::find(left.begin(), left.end(), atom);
      if (it != left.end())
        left.erase(it);
      else
        out.atoms.push_back(atom);
    }
    if (!left.empty()) return kUnknownDim;
    if (out.atoms.empty())
      r.constant += out.coef;
    else
      r.terms.push_back(std::move(out));
  }
  return intern(normalized(std::move(r)));
}

int64_t DimTable::min(int64_t a, int64_t b) {
  if (a == kUnknownDim || b == kUnknownDim) return kUnknownDim;
  if (a >= 0 && b >= 0) return std::min(a, b);
  if (a == b) return a;
  if (a == 0 || b == 0) return 0;
  Poly m;
  m.terms.push_back(Monomial{{intern_atom(Atom{'m', "", std::min(a, b), std::max(a, b)})}, 1});
  return intern(std::move(m));
}

bool DimTable::is_min_with(int64_t m, int64_t n) const {
  const size_t k = static_cast<size_t>(-m - 2);
  if (m >= kUnknownDim || k >= exprs_.size()) return false;
  const Poly& p = exprs_[k];
  if (p.constant != 0 || p.terms.size() != 1 || p.terms[0].coef != 1 ||
      p.terms[0].atoms.size() != 1)
    return false;
  const Atom& a = atoms_[static_cast<size_t>(p.terms[0].atoms[0])];
  return a.kind == 'm' && (a.dividend == n || a.divisor == n);
}

std::string DimTable::atom_text(int32_t atom) const {
  const Atom& a = atoms_[static_cast<size_t>(atom)];
  if (a.kind == 's') return a.name;
  if (a.kind == 'm') return "min(" + to_string(a.dividend) + ", " + to_string(a.divisor) + ")";
  std::string inner = to_string(a.dividend);
  const Poly& p = exprs_[static_cast<size_t>(-a.dividend - 2)];
  if (p.terms.size() > 1 || p.constant != 0 || p.terms[0].coef != 1) inner = "(" + inner + ")";
  return "floor(" + inner + "/" + std::to_string(a.divisor) + ")";
}

std::string DimTable::poly_text(const Poly& p) const {
  std::string s;
  for (const Monomial& m : p.terms) {
    std::string term;
    for (int32_t a : m.atoms) term += (term.empty() ? "" : "*") + atom_text(a);
    if (m.coef == -1)
      term = "-" + term;
    else if (m.coef != 1)
      term = std::to_string(m.coef) + "*" + term;
    if (!s.empty() && term[0] != '-') s += '+';
    s += term;
  }
  if (p.constant > 0 && !s.empty()) s += '+';
  if (p.constant != 0 || s.empty()) s += std::to_string(p.constant);
  return s;
}

std::string DimTable::to_string(int64_t d) const {
  if (d >= 0) return std::to_string(d);
  const size_t k = static_cast<size_t>(-d - 2);
  if (d == kUnknownDim || k >= names_.size()) return "?";
  return names_[k];
}

namespace {
thread_local SymbolicScope* current_scope = nullptr;
}  // namespace

SymbolicScope::SymbolicScope(DimTable* table, ElemDimsMap* elem_dims)
    : table_(table), elem_dims_(elem_dims), previous_(current_scope) {
  current_scope = this;
}

SymbolicScope::~SymbolicScope() {
  current_scope = previous_;
}

SymbolicScope* SymbolicScope::current() {
  return current_scope;
}

const std::vector<int64_t>* SymbolicScope::find_elem_dims(const std::string& name) const {
  for (const SymbolicScope* s = this; s; s = s->previous_) {
    if (!s->elem_dims_) continue;
    auto it = s->elem_dims_->find(name);
    if (it != s->elem_dims_->end()) return &it->second;
  }
  return nullptr;
}

void SymbolicScope::set_elem_dims(const std::string& name, std::vector<int64_t> elems) {
  if (elem_dims_) (*elem_dims_)[name] = std::move(elems);
}

int64_t symbolic_dim_op(char op, int64_t a, int64_t b) {
  // Identities that need no table: x + 0, x - 0, x * 1, x * 0, x / 1.
  if ((op == '+' || op == '-') && b == 0) return a;
  if (op == '+' && a == 0) return b;
  if ((op == '*' || op == '/' || op == '^') && b == 1) return a;
  if (op == '*' && a == 1) return b;
  if (op == '*' && (a == 0 || b == 0)) return 0;
  DimTable* table = current_scope ? current_scope->table() : nullptr;
  if (!table) return kUnknownDim;
  switch (op) {
    case '+':
      return table->add(a, b);
    case '-':
      return table->sub(a, b);
    case '*':
      return table->mul(a, b);
    case '/':
      return table->floordiv(a, b);
    default:
      return table->ceildiv(a, b);
  }
}

int64_t dim_exact_div(int64_t a, int64_t b) {
  if (a >= 0 && b > 0) return a % b == 0 ? a / b : kUnknownDim;
  if (b == 1) return a;
  if (a == b && a != kUnknownDim) return 1;
  DimTable* table = current_scope ? current_scope->table() : nullptr;
  return table ? table->exact_div(a, b) : kUnknownDim;
}

int64_t dim_min(int64_t a, int64_t b) {
  if (a >= 0 && b >= 0) return std::min(a, b);
  if (a == b) return a;
  DimTable* table = current_scope ? current_scope->table() : nullptr;
  return table ? table->min(a, b) : kUnknownDim;
}

bool dim_is_min_with(int64_t m, int64_t n) {
  DimTable* table = current_scope ? current_scope->table() : nullptr;
  return table && table->is_min_with(m, n);
}

std::string dim_to_string(int64_t d) {
  if (current_scope && current_scope->table()) return current_scope->table()->to_string(d);
  return d >= 0 ? std::to_string(d) : d == kUnknownDim ? "?" : "s" + std::to_string(-d - 2);
}

std::optional<std::vector<int64_t>> input_elem_dims(const InferContext& ctx, int i) {
  if (!ctx.has_input(i)) return std::nullopt;
  const ValueType& v = ctx.input(i);
  if (std::optional<std::vector<int64_t>> values = v.int_values()) {
    for (int64_t& e : *values)
      if (e < 0) e = e == -1 ? kElemMinusOne : kUnknownDim;
    return values;
  }
  if (!current_scope || static_cast<size_t>(i) >= ctx.node().inputs.size()) return std::nullopt;
  if (const std::vector<int64_t>* e = current_scope->find_elem_dims(ctx.node().inputs[i]))
    return *e;
  return std::nullopt;
}

void set_output_elem_dims(const InferContext& ctx, int i, std::vector<int64_t> elems) {
  if (!current_scope || static_cast<size_t>(i) >= ctx.node().outputs.size()) return;
  current_scope->set_elem_dims(ctx.node().outputs[i], std::move(elems));
}

}  // namespace onyx::ops
