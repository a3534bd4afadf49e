// SPDX-License-Identifier: MIT
// Private: the interpreter of the instruction tape, written once for both register layouts
// (flat arrays for one unit, columns for a batch). Every instruction runs over all lanes
// before the next one; states follow Kleene's three-valued logic.
#ifndef NTM_SRC_RULES_KERNEL_HPP_
#define NTM_SRC_RULES_KERNEL_HPP_

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/numeric.hpp>

#include "rules/program_impl.hpp"

NTM_BEGIN_NAMESPACE
namespace rules_internal {

/// One unit on flat arrays.
struct flat_registers {
  std::int64_t* v;
  std::uint8_t* s;
  static constexpr std::size_t lanes() { return 1; }
  std::int64_t& val(std::uint32_t r, std::size_t) const { return v[r]; }
  std::uint8_t& st(std::uint32_t r, std::size_t) const { return s[r]; }
};

/// A block of units on columns.
struct column_registers {
  std::int64_t* const* v;
  std::uint8_t* const* s;
  std::size_t n;
  std::size_t lanes() const { return n; }
  std::int64_t& val(std::uint32_t r, std::size_t l) const { return v[r][l]; }
  std::uint8_t& st(std::uint32_t r, std::size_t l) const { return s[r][l]; }
};

/// What an evaluation needs besides registers: texts, error messages, date and region,
/// and the data for custom evaluators.
struct run_context {
  const detail::program_impl* program = nullptr;
  const std::vector<std::string>* data_texts = nullptr;  // texts of the unit's data
  std::deque<std::string>* runtime_texts = nullptr;       // texts made by functions
  std::vector<std::string>* errors = nullptr;             // error messages (index = raw)
  std::vector<std::string>* messages = nullptr;           // evaluator explanations (per rule), single mode
  date at;
  std::string_view region;
  // Facts for custom evaluators: per slot, pointer to lane 0 of that fact.
  const std::int64_t* const* fact_values = nullptr;
  const std::uint8_t* const* fact_states = nullptr;
  std::size_t lane_offset = 0;  // batch: index of lane 0 in the whole batch
  // Per-lane scratch for n-ary instructions in a batch (at least `lanes` entries).
  std::uint8_t* scratch_flags = nullptr;

  std::int64_t add_error(std::string message) const {
    errors->push_back(std::move(message));
    return static_cast<std::int64_t>(errors->size() - 1);
  }
  std::string_view text(std::int64_t raw) const {
    if (raw >= text_runtime_base) return (*runtime_texts)[static_cast<std::size_t>(raw - text_runtime_base)];
    if (raw >= text_literal_base) return program->text_literals[static_cast<std::size_t>(raw - text_literal_base)];
    if (data_texts && raw >= 0 && static_cast<std::size_t>(raw) < data_texts->size()) return (*data_texts)[static_cast<std::size_t>(raw)];
    return {};
  }
};

void run_call(const instr& in, const std::uint32_t* pool, std::int64_t* out_v, std::uint8_t* out_s,
              const std::int64_t* const* arg_v, const std::uint8_t* const* arg_s, std::size_t nargs, run_context& ctx);
void run_evaluator(const instr& in, std::size_t lane, std::int64_t& out_v, std::uint8_t& out_s, run_context& ctx);

namespace kernel_detail {
constexpr std::int64_t scale = 1'000'000;
constexpr std::int64_t pct_scale = 100'000'000;

inline bool date_in_range(std::int64_t day) {
  static const std::int64_t lo = static_cast<std::int64_t>(date(min_year, 1, 1).day_number());
  static const std::int64_t hi = static_cast<std::int64_t>(date(max_year, 12, 31).day_number());
  return day >= lo && day <= hi;
}
}  // namespace kernel_detail

template <class Regs>
void run_tape(const instr* begin, const instr* end, const std::uint32_t* pool, const Regs& r, run_context& ctx) {
  using namespace kernel_detail;
  const std::size_t n = r.lanes();
  // Scratch for the n-ary instructions: the context's in a batch, these for one unit.
  std::uint8_t one_flags[1];
  std::uint8_t* const flags = ctx.scratch_flags ? ctx.scratch_flags : one_flags;
  // Lane arrays of a register (all its lanes are contiguous in both layouts).
  auto V = [&](std::uint32_t reg) { return &r.val(reg, 0); };
  auto S = [&](std::uint32_t reg) { return &r.st(reg, 0); };
  for (const instr* ip = begin; ip != end; ++ip) {
    const instr& in = *ip;
    // Binary arithmetic with an overflow/division check: f returns false on failure.
    auto binary = [&](auto f, const char* what) {
      for (std::size_t l = 0; l < n; ++l) {
        const std::uint8_t sa = r.st(in.a, l), sb = r.st(in.b, l);
        const std::uint8_t s = std::max(sa, sb);
        if (s == st_known) {
          std::int64_t out;
          if (f(r.val(in.a, l), r.val(in.b, l), out)) {
            r.val(in.dst, l) = out;
            r.st(in.dst, l) = st_known;
          } else {
            r.val(in.dst, l) = ctx.add_error(what);
            r.st(in.dst, l) = st_error;
          }
        } else {
          r.val(in.dst, l) = sa == st_error ? r.val(in.a, l) : r.val(in.b, l);
          r.st(in.dst, l) = s;
        }
      }
    };
    // The hot instructions work on hoisted lane arrays, branch-free, so a batch vectorises;
    // the destination never aliases an operand (the compiler allocates it first).
    auto compare = [&](auto f) {
      const std::int64_t* __restrict a = V(in.a);
      const std::int64_t* __restrict b = V(in.b);
      const std::uint8_t* __restrict as = S(in.a);
      const std::uint8_t* __restrict bs = S(in.b);
      std::int64_t* __restrict o = V(in.dst);
      std::uint8_t* __restrict os = S(in.dst);
      for (std::size_t l = 0; l < n; ++l) {
        const std::uint8_t sa = as[l], sb = bs[l];
        const std::uint8_t s = sa > sb ? sa : sb;
        const std::int64_t av = a[l], bv = b[l];
        const std::int64_t cmp = f(av, bv) ? 1 : 0;
        o[l] = s == st_known ? cmp : (sa == st_error ? av : bv);
        os[l] = s;
      }
    };
    auto compare_imm = [&](auto f) {
      const std::int64_t bv = in.imm;
      const std::int64_t* __restrict a = V(in.a);
      const std::uint8_t* __restrict as = S(in.a);
      std::int64_t* __restrict o = V(in.dst);
      std::uint8_t* __restrict os = S(in.dst);
      for (std::size_t l = 0; l < n; ++l) {
        const std::int64_t av = a[l];
        const std::uint8_t sa = as[l];
        const std::int64_t cmp = f(av, bv) ? 1 : 0;
        o[l] = sa == st_known ? cmp : av;
        os[l] = sa;
      }
    };
    auto unary = [&](auto f, const char* what) {
      for (std::size_t l = 0; l < n; ++l) {
        const std::uint8_t sa = r.st(in.a, l);
        if (sa == st_known) {
          std::int64_t out;
          if (f(r.val(in.a, l), out)) {
            r.val(in.dst, l) = out;
            r.st(in.dst, l) = st_known;
          } else {
            r.val(in.dst, l) = ctx.add_error(what);
            r.st(in.dst, l) = st_error;
          }
        } else {
          r.val(in.dst, l) = r.val(in.a, l);
          r.st(in.dst, l) = sa;
        }
      }
    };
    auto text_eq = [&](bool want_equal) {
      for (std::size_t l = 0; l < n; ++l) {
        const std::uint8_t sa = r.st(in.a, l), sb = r.st(in.b, l);
        const std::uint8_t s = std::max(sa, sb);
        const std::int64_t av = r.val(in.a, l), bv = r.val(in.b, l);
        if (s == st_known) r.val(in.dst, l) = ((ctx.text(av) == ctx.text(bv)) == want_equal) ? 1 : 0;
        else r.val(in.dst, l) = sa == st_error ? av : bv;
        r.st(in.dst, l) = s;
      }
    };
    switch (in.op) {
      case opcode::mov:
        std::copy(V(in.a), V(in.a) + n, V(in.dst));
        std::copy(S(in.a), S(in.a) + n, S(in.dst));
        break;
      case opcode::load_rule: {
        const std::int64_t* __restrict a = V(in.a);
        const std::uint8_t* __restrict as = S(in.a);
        std::int64_t* __restrict o = V(in.dst);
        std::uint8_t* __restrict os = S(in.dst);
        for (std::size_t l = 0; l < n; ++l) {
          const std::uint8_t sa = as[l];
          o[l] = sa == st_na ? 1 : a[l];
          os[l] = sa == st_na ? st_known : sa;
        }
        break;
      }
      case opcode::add:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) { return checked_add(a, b, o); }, "overflow in an addition");
        break;
      case opcode::sub:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) { return checked_sub(a, b, o); }, "overflow in a subtraction");
        break;
      case opcode::neg:
        unary([](std::int64_t a, std::int64_t& o) { return checked_sub(0, a, o); }, "overflow in a negation");
        break;
      case opcode::abs:
        unary([](std::int64_t a, std::int64_t& o) { return a >= 0 ? (o = a, true) : checked_sub(0, a, o); }, "overflow in abs()");
        break;
      case opcode::min:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) { o = std::min(a, b); return true; }, "");
        break;
      case opcode::max:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) { o = std::max(a, b); return true; }, "");
        break;
      case opcode::mul_plain:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) { return checked_mul(a, b, o); }, "overflow in a multiplication");
        break;
      case opcode::mul_scaled:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) {
          return div_round(static_cast<detail::int128>(a) * b, scale, rounding::half_up, o);
        }, "overflow in a multiplication");
        break;
      case opcode::mul_pct:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) {
          return div_round(static_cast<detail::int128>(a) * b, pct_scale, rounding::half_up, o);
        }, "overflow in a multiplication by a percentage");
        break;
      case opcode::div_plain:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) {
          return b != 0 && div_round(a, b, rounding::half_up, o);
        }, "division by zero or overflow");
        break;
      case opcode::div_scaled:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) {
          return b != 0 && div_round(static_cast<detail::int128>(a) * scale, b, rounding::half_up, o);
        }, "division by zero or overflow");
        break;
      case opcode::div_pct:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) {
          return b != 0 && div_round(static_cast<detail::int128>(a) * pct_scale, b, rounding::half_up, o);
        }, "share of zero (division by zero) or overflow");
        break;
      case opcode::to_scaled:
        unary([](std::int64_t a, std::int64_t& o) { return checked_mul(a, scale, o); }, "overflow converting an integer");
        break;
      case opcode::round_scaled: {
        std::int64_t unit = 1;
        for (std::int64_t k = in.imm; k < 6; ++k) unit *= 10;
        unary([unit](std::int64_t a, std::int64_t& o) {
          std::int64_t q;
          if (!div_round(a, unit, rounding::half_up, q)) return false;
          return checked_mul(q, unit, o);
        }, "overflow in round()");
        break;
      }
      case opcode::lt: compare([](std::int64_t a, std::int64_t b) { return a < b; }); break;
      case opcode::le: compare([](std::int64_t a, std::int64_t b) { return a <= b; }); break;
      case opcode::gt: compare([](std::int64_t a, std::int64_t b) { return a > b; }); break;
      case opcode::ge: compare([](std::int64_t a, std::int64_t b) { return a >= b; }); break;
      case opcode::eq: compare([](std::int64_t a, std::int64_t b) { return a == b; }); break;
      case opcode::ne: compare([](std::int64_t a, std::int64_t b) { return a != b; }); break;
      case opcode::lt_i: compare_imm([](std::int64_t a, std::int64_t b) { return a < b; }); break;
      case opcode::le_i: compare_imm([](std::int64_t a, std::int64_t b) { return a <= b; }); break;
      case opcode::gt_i: compare_imm([](std::int64_t a, std::int64_t b) { return a > b; }); break;
      case opcode::ge_i: compare_imm([](std::int64_t a, std::int64_t b) { return a >= b; }); break;
      case opcode::eq_i: compare_imm([](std::int64_t a, std::int64_t b) { return a == b; }); break;
      case opcode::ne_i: compare_imm([](std::int64_t a, std::int64_t b) { return a != b; }); break;
      case opcode::eq_text: text_eq(true); break;
      case opcode::ne_text: text_eq(false); break;
      case opcode::in_set:
      case opcode::not_in_set:
      case opcode::in_text:
      case opcode::not_in_text: {
        const bool want = in.op == opcode::in_set || in.op == opcode::in_text;
        const bool text = in.op == opcode::in_text || in.op == opcode::not_in_text;
        for (std::size_t l = 0; l < n; ++l) {
          const std::uint8_t sa = r.st(in.a, l);
          const std::int64_t av = r.val(in.a, l);
          if (sa != st_known) {
            r.val(in.dst, l) = av;
            r.st(in.dst, l) = sa;
            continue;
          }
          bool found = false;
          for (std::uint32_t k = 0; k < in.aux && !found; ++k) {
            const std::int64_t item = r.val(pool[in.b + k], l);
            found = text ? ctx.text(av) == ctx.text(item) : av == item;
          }
          r.val(in.dst, l) = found == want ? 1 : 0;
          r.st(in.dst, l) = st_known;
        }
        break;
      }
      case opcode::and_n:
      case opcode::or_n:
      case opcode::all_status:
      case opcode::any_status: {
        // Kleene and (or is dual): a known false decides; otherwise an error, then unknown,
        // else true. The *_status forms leave out not-applicable children and are not
        // applicable when every child is. Each operand's (state, value) is given a rank and
        // the result is the highest rank, one simple pass per operand over all lanes; the
        // error message of an errored result is looked up afterwards (rare).
        const bool conj = in.op == opcode::and_n || in.op == opcode::all_status;
        const bool statuses = in.op == opcode::all_status || in.op == opcode::any_status;
        // rank of (state, value != 0): and — false 4, error 3, unknown 2, true 1, n/a 0;
        // or — true 4, error 3, unknown 2, false 1, n/a 0.
        static constexpr std::uint8_t and_rank[8] = {4, 1, 2, 2, 3, 3, 0, 0};
        static constexpr std::uint8_t or_rank[8] = {1, 4, 2, 2, 3, 3, 0, 0};
        const std::uint8_t* rank_of = conj ? and_rank : or_rank;
        const std::int64_t decisive = conj ? 0 : 1;
        if constexpr (std::is_same_v<Regs, flat_registers>) {
          // One unit: the highest rank, without branches on the data (units differ); the
          // first error's message is the result's when no operand decides.
          std::uint8_t top = 0;
          std::int64_t first_error = 0;
          bool have_error = false;
          for (std::uint32_t k = 0; k < in.aux; ++k) {
            const std::uint32_t reg = pool[in.b + k];
            const std::uint8_t rk = rank_of[((r.s[reg] & 3u) << 1) | static_cast<unsigned>(r.v[reg] != 0)];
            const bool is_error = rk == 3;
            first_error = is_error && !have_error ? r.v[reg] : first_error;
            have_error |= is_error;
            top = rk > top ? rk : top;
          }
          const std::int64_t value_of[5] = {statuses ? 0 : 1 - decisive, 1 - decisive, 0, first_error, decisive};
          const std::uint8_t state_of[5] = {statuses ? st_na : st_known, st_known, st_unknown, st_error, st_known};
          r.v[in.dst] = value_of[top];
          r.s[in.dst] = state_of[top];
          break;
        }
        std::uint8_t* __restrict rank = flags;
        std::fill(rank, rank + n, std::uint8_t{0});
        for (std::uint32_t k = 0; k < in.aux; ++k) {
          const std::uint32_t reg = pool[in.b + k];
          const std::int64_t* __restrict x = V(reg);
          const std::uint8_t* __restrict xs = S(reg);
          for (std::size_t l = 0; l < n; ++l) {
            const std::uint8_t rk = rank_of[((xs[l] & 3u) << 1) | static_cast<unsigned>(x[l] != 0)];
            rank[l] = rk > rank[l] ? rk : rank[l];
          }
        }
        // rank → result: value and state (an error's message index is found afterwards).
        const std::int64_t value_of[5] = {statuses ? 0 : 1 - decisive, 1 - decisive, 0, 0, decisive};
        const std::uint8_t state_of[5] = {statuses ? st_na : st_known, st_known, st_unknown, st_error, st_known};
        std::int64_t* __restrict o = V(in.dst);
        std::uint8_t* __restrict os = S(in.dst);
        bool any_error = false;
        for (std::size_t l = 0; l < n; ++l) {
          const std::uint8_t rk = rank[l];
          o[l] = value_of[rk];
          os[l] = state_of[rk];
          any_error |= rk == 3;
        }
        if (any_error) {
          for (std::size_t l = 0; l < n; ++l) {
            if (rank[l] != 3) continue;
            for (std::uint32_t k = 0; k < in.aux; ++k) {
              const std::uint32_t reg = pool[in.b + k];
              if (r.st(reg, l) == st_error) {
                o[l] = r.val(reg, l);
                break;
              }
            }
          }
        }
        break;
      }
      case opcode::not_: {
        const std::int64_t* __restrict a = V(in.a);
        const std::uint8_t* __restrict as = S(in.a);
        std::int64_t* __restrict o = V(in.dst);
        std::uint8_t* __restrict os = S(in.dst);
        for (std::size_t l = 0; l < n; ++l) {
          const std::uint8_t sa = as[l];
          o[l] = sa == st_known ? 1 - a[l] : a[l];
          os[l] = sa;
        }
        break;
      }
      case opcode::select:
        for (std::size_t l = 0; l < n; ++l) {
          const std::uint8_t sc = r.st(in.a, l);
          if (sc != st_known) {
            r.val(in.dst, l) = r.val(in.a, l);
            r.st(in.dst, l) = sc;
          } else {
            const std::uint32_t pick = pool[in.b + (r.val(in.a, l) != 0 ? 0 : 1)];
            r.val(in.dst, l) = r.val(pick, l);
            r.st(in.dst, l) = r.st(pick, l);
          }
        }
        break;
      case opcode::known:
        for (std::size_t l = 0; l < n; ++l) {
          r.val(in.dst, l) = r.st(in.a, l) == st_known ? 1 : 0;
          r.st(in.dst, l) = st_known;
        }
        break;
      case opcode::coalesce:
        for (std::size_t l = 0; l < n; ++l) {
          const bool use_a = r.st(in.a, l) == st_known;
          const std::uint32_t pick = use_a ? in.a : in.b;
          r.val(in.dst, l) = r.val(pick, l);
          r.st(in.dst, l) = r.st(pick, l);
        }
        break;
      case opcode::at_least:
      case opcode::at_least_status: {
        // Kleene: met if #true ≥ k; not met if #true + #undecided < k; else undecided.
        // For statuses, not-applicable children are left out.
        const bool statuses = in.op == opcode::at_least_status;
        for (std::size_t l = 0; l < n; ++l) {
          std::int64_t yes = 0, open = 0, applicable_count = 0;
          std::uint8_t worst = st_known;
          std::int64_t err = 0;
          for (std::uint32_t k = 0; k < in.aux; ++k) {
            const std::uint32_t reg = pool[in.b + k];
            const std::uint8_t s = r.st(reg, l);
            if (s == st_na && statuses) continue;
            ++applicable_count;
            if (s == st_known) {
              yes += r.val(reg, l) != 0 ? 1 : 0;
            } else {
              ++open;
              if (s > worst) {
                worst = s;
                err = r.val(reg, l);
              }
            }
          }
          if (statuses && applicable_count == 0) {
            r.val(in.dst, l) = 0;
            r.st(in.dst, l) = st_na;
          } else if (yes >= in.imm) {
            r.val(in.dst, l) = 1;
            r.st(in.dst, l) = st_known;
          } else if (yes + open < in.imm) {
            r.val(in.dst, l) = 0;
            r.st(in.dst, l) = st_known;
          } else {
            r.val(in.dst, l) = err;
            r.st(in.dst, l) = worst;
          }
        }
        break;
      }
      case opcode::count_true:
      case opcode::count_status: {
        // count_true: true children; count_status: children whose status is imm
        // (1 met, 0 not met). Unknown if any child is undecided.
        for (std::size_t l = 0; l < n; ++l) {
          std::int64_t count = 0;
          std::uint8_t worst = st_known;
          std::int64_t err = 0;
          for (std::uint32_t k = 0; k < in.aux; ++k) {
            const std::uint32_t reg = pool[in.b + k];
            const std::uint8_t s = r.st(reg, l);
            if (s == st_known) {
              count += in.op == opcode::count_true ? (r.val(reg, l) != 0) : (r.val(reg, l) == in.imm);
            } else if (s == st_na && in.op == opcode::count_status) {
              continue;
            } else if (s > worst && s != st_na) {
              worst = s;
              err = r.val(reg, l);
            }
          }
          r.val(in.dst, l) = worst == st_known ? count : err;
          r.st(in.dst, l) = worst;
        }
        break;
      }
      case opcode::applicable:
        for (std::size_t l = 0; l < n; ++l) {
          r.val(in.dst, l) = r.st(in.a, l) == st_na ? 0 : 1;
          r.st(in.dst, l) = st_known;
        }
        break;
      case opcode::apply_na:
        for (std::size_t l = 0; l < n; ++l) {
          const std::uint8_t sc = r.st(in.a, l);
          if (sc == st_known && r.val(in.a, l) == 0) {
            r.val(in.dst, l) = 0;
            r.st(in.dst, l) = st_na;
          } else if (sc != st_known) {
            r.val(in.dst, l) = r.val(in.a, l);
            r.st(in.dst, l) = sc;
          } else {
            r.val(in.dst, l) = r.val(in.b, l);
            r.st(in.dst, l) = r.st(in.b, l);
          }
        }
        break;
      case opcode::add_days:
        binary([](std::int64_t d, std::int64_t k, std::int64_t& o) {
          return checked_add(d, k, o) && date_in_range(o);
        }, "date out of range (1400–9999) in add_days()");
        break;
      case opcode::add_months:
        binary([](std::int64_t d, std::int64_t k, std::int64_t& o) {
          if (k > 120000 || k < -120000) return false;
          auto moved = ntm::add_months(date(static_cast<date::date_int_type>(d)), static_cast<int>(k));
          if (!moved) return false;
          o = static_cast<std::int64_t>(moved->day_number());
          return true;
        }, "date out of range (1400–9999) in add_months()");
        break;
      case opcode::days_between:
        binary([](std::int64_t a, std::int64_t b, std::int64_t& o) { return checked_sub(b, a, o); }, "");
        break;
      case opcode::year_of:
        unary([](std::int64_t d, std::int64_t& o) {
          o = date(static_cast<date::date_int_type>(d)).year();
          return true;
        }, "");
        break;
      case opcode::month_of:
        unary([](std::int64_t d, std::int64_t& o) {
          o = date(static_cast<date::date_int_type>(d)).month();
          return true;
        }, "");
        break;
      case opcode::call: {
        const std::int64_t* arg_v[16];
        const std::uint8_t* arg_s[16];
        const std::size_t nargs = static_cast<std::size_t>(in.imm);
        for (std::size_t l = 0; l < n; ++l) {
          for (std::size_t k = 0; k < nargs; ++k) {
            arg_v[k] = &r.val(pool[in.b + k], l);
            arg_s[k] = &r.st(pool[in.b + k], l);
          }
          run_call(in, pool, &r.val(in.dst, l), &r.st(in.dst, l), arg_v, arg_s, nargs, ctx);
        }
        break;
      }
      case opcode::evaluate:
        for (std::size_t l = 0; l < n; ++l) run_evaluator(in, l, r.val(in.dst, l), r.st(in.dst, l), ctx);
        break;
    }
  }
}

}  // namespace rules_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_RULES_KERNEL_HPP_
