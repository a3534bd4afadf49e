// SPDX-License-Identifier: MIT
/// @file
/// Custom evaluators written in C++: (a) functions with a typed signature, usable in
/// expressions and type-checked when a set is compiled; (b) whole-indicator evaluators, for
/// indicators too complex for an expression.
///
/// Example:
/// @code
///   ntm::function_registry reg;
///   // (a) a function: ocop_score(stars, on_ecommerce) -> integer
///   reg.add("ocop_score", [](std::int64_t stars, bool online) -> std::int64_t {
///     return stars * 10 + (online ? 5 : 0);
///   });
///   // (b) an evaluator for an indicator written {"evaluator": "traceability", "reads": [...]}
///   reg.add_evaluator("traceability", [](const ntm::fact_view& f) -> ntm::result<ntm::indicator_outcome> {
///     auto n = f.get("traced_products");            // only facts listed in "reads"
///     if (!n) return ntm::fail(n.error());
///     if (!*n) return ntm::indicator_outcome::unknown("số sản phẩm truy xuất chưa có");
///     return (*n)->as_integer() >= 1 ? ntm::indicator_outcome::met("có truy xuất")
///                                    : ntm::indicator_outcome::not_met("chưa có truy xuất");
///   });
///   auto program = ntm::compile(set, reg);
/// @endcode
///
/// A function or evaluator that throws, or returns an error, marks its own indicator as
/// `status::error` with the message; the rest of the assessment still completes. Registered
/// callables are called concurrently when a program is evaluated from several threads: they
/// must be thread-safe (pure functions are).
#ifndef NTM_RULES_FUNCTIONS_HPP_
#define NTM_RULES_FUNCTIONS_HPP_

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <ntm/core/result.hpp>
#include <ntm/rules/status.hpp>
#include <ntm/rules/value.hpp>

NTM_BEGIN_NAMESPACE

/// One argument of a native function call: the raw representation (see value::raw), its
/// state (0 known, 1 unknown) and, for text, the characters.
struct call_arg {
  std::int64_t raw = 0;
  std::uint8_t state = 0;
  std::string_view text;
};

/// The result of a native function call. Set `state` to 1 for unknown; set `error` to fail.
struct call_result {
  std::int64_t raw = 0;
  std::uint8_t state = 0;
  std::string text;
  std::string error;
};

/// The signature of a function: parameter types (nullable ones receive unknown arguments
/// instead of making the result unknown) and the result type.
struct function_signature {
  std::vector<value_type> params;
  std::vector<bool> nullable;
  value_type result = value_type::boolean;
};

/// A type-erased function: reads `n` arguments, writes the result. May throw; ntm catches.
using native_function = std::function<void(const call_arg* args, std::size_t n, call_result& out)>;

class fact_view;

/// The outcome of a whole-indicator evaluator.
struct indicator_outcome {
  status result = status::unknown;
  std::string explanation;  ///< shown in the assessment ("3 of 4 products are traced")
  static indicator_outcome met(std::string why = {}) { return {status::met, std::move(why)}; }
  static indicator_outcome not_met(std::string why = {}) { return {status::not_met, std::move(why)}; }
  static indicator_outcome unknown(std::string why = {}) { return {status::unknown, std::move(why)}; }
  static indicator_outcome not_applicable(std::string why = {}) { return {status::not_applicable, std::move(why)}; }
};

/// A whole-indicator evaluator: receives a read-only view of the unit's facts (only those
/// the indicator declares in "reads") and returns an outcome, or an error.
using indicator_evaluator = std::function<result<indicator_outcome>(const fact_view& facts)>;

namespace detail {
struct view_data;

template <class T> struct arg_traits;
template <> struct arg_traits<bool> {
  static constexpr value_type type = value_type::boolean;
  static bool decode(const call_arg& a) { return a.raw != 0; }
  static void encode(bool v, call_result& r) { r.raw = v ? 1 : 0; }
};
template <> struct arg_traits<std::int64_t> {
  static constexpr value_type type = value_type::integer;
  static std::int64_t decode(const call_arg& a) { return a.raw; }
  static void encode(std::int64_t v, call_result& r) { r.raw = v; }
};
template <> struct arg_traits<decimal> {
  static constexpr value_type type = value_type::number;
  static decimal decode(const call_arg& a) { return decimal::from_micros(a.raw); }
  static void encode(decimal v, call_result& r) { r.raw = v.micros(); }
};
template <> struct arg_traits<percentage> {
  static constexpr value_type type = value_type::percent;
  static percentage decode(const call_arg& a) { return percentage{decimal::from_micros(a.raw)}; }
  static void encode(percentage v, call_result& r) { r.raw = v.points.micros(); }
};
template <> struct arg_traits<money> {
  static constexpr value_type type = value_type::money;
  static money decode(const call_arg& a) { return money::from_dong(a.raw); }
  static void encode(money v, call_result& r) { r.raw = v.dong(); }
};
template <> struct arg_traits<date> {
  static constexpr value_type type = value_type::date;
  static date decode(const call_arg& a) { return date(static_cast<date::date_int_type>(a.raw)); }
  static void encode(date v, call_result& r) { r.raw = static_cast<std::int64_t>(v.day_number()); }
};
template <> struct arg_traits<std::string_view> {
  static constexpr value_type type = value_type::text;
  static std::string_view decode(const call_arg& a) { return a.text; }
};
template <> struct arg_traits<std::string> {
  static constexpr value_type type = value_type::text;
  static std::string decode(const call_arg& a) { return std::string(a.text); }
  static void encode(std::string v, call_result& r) { r.text = std::move(v); }
};

template <class T> struct param_of { using type = T; static constexpr bool nullable = false; };
template <class T> struct param_of<std::optional<T>> { using type = T; static constexpr bool nullable = true; };

template <class T> struct return_of { using type = T; };
template <class T> struct return_of<std::optional<T>> { using type = T; };
template <class T> struct return_of<result<T>> { using type = T; };

template <class T>
using plain_t = std::remove_cv_t<std::remove_reference_t<T>>;

template <class F> struct callable_traits : callable_traits<decltype(&F::operator())> {};
template <class R, class... A> struct callable_traits<R (*)(A...)> {
  using ret = R;
  using args = std::tuple<plain_t<A>...>;
};
template <class R, class... A> struct callable_traits<R(A...)> : callable_traits<R (*)(A...)> {};
template <class C, class R, class... A> struct callable_traits<R (C::*)(A...) const> : callable_traits<R (*)(A...)> {};
template <class C, class R, class... A> struct callable_traits<R (C::*)(A...)> : callable_traits<R (*)(A...)> {};

template <class P>
P decode_param(const call_arg& a) {
  using T = typename param_of<P>::type;
  if constexpr (param_of<P>::nullable) {
    if (a.state != 0) return std::nullopt;
    return arg_traits<T>::decode(a);
  } else {
    return arg_traits<T>::decode(a);
  }
}

template <class R>
void encode_result(R&& r, call_result& out) {
  using T = plain_t<R>;
  if constexpr (std::is_same_v<T, result<typename return_of<T>::type>> &&
                !std::is_same_v<T, typename return_of<T>::type>) {
    if (!r) {
      out.error = r.error().message;
      return;
    }
    encode_result(std::move(*r), out);
  } else if constexpr (std::is_same_v<T, std::optional<typename return_of<T>::type>> &&
                       !std::is_same_v<T, typename return_of<T>::type>) {
    if (!r) {
      out.state = 1;
      return;
    }
    encode_result(std::move(*r), out);
  } else {
    arg_traits<T>::encode(std::forward<R>(r), out);
  }
}

template <class F, class Tuple, std::size_t... I>
void invoke_with(F& f, const call_arg* args, call_result& out, std::index_sequence<I...>) {
  encode_result(f(decode_param<std::tuple_element_t<I, Tuple>>(args[I])...), out);
}
}  // namespace detail

/// Named functions and evaluators an application provides. Built before compiling; a
/// compiled program keeps its own copy, so the registry may be destroyed afterwards.
/// Not synchronised: fill it from one thread.
class NTM_API function_registry {
 public:
  function_registry();
  ~function_registry();
  function_registry(const function_registry&);
  function_registry& operator=(const function_registry&);
  function_registry(function_registry&&) noexcept;
  function_registry& operator=(function_registry&&) noexcept;

  /// Registers a typed function. Parameter types: bool, std::int64_t (integer),
  /// ntm::decimal (number), ntm::percentage, ntm::money, ntm::date, std::string_view or
  /// std::string (text); wrap one in std::optional to receive unknown values (otherwise an
  /// unknown argument makes the result unknown without calling). The return type is one of
  /// those, std::optional of one (nullopt = unknown) or ntm::result of one (error = the
  /// indicator errors). Errors: invalid_argument (bad name), duplicate_id.
  template <class F>
  result<void> add(std::string name, F fn) {
    using traits = detail::callable_traits<std::decay_t<F>>;
    using args = typename traits::args;
    using ret = typename detail::return_of<detail::plain_t<typename traits::ret>>::type;
    function_signature sig;
    sig.result = detail::arg_traits<ret>::type;
    fill_signature(sig, static_cast<args*>(nullptr), std::make_index_sequence<std::tuple_size_v<args>>{});
    native_function erased = [f = std::move(fn)](const call_arg* a, std::size_t, call_result& out) mutable {
      detail::invoke_with<decltype(f), args>(f, a, out, std::make_index_sequence<std::tuple_size_v<args>>{});
    };
    return add_native(std::move(name), std::move(sig), std::move(erased));
  }

  /// Registers a type-erased function with an explicit signature.
  result<void> add_native(std::string name, function_signature signature, native_function fn);
  /// Registers a whole-indicator evaluator. Errors: invalid_argument, duplicate_id.
  result<void> add_evaluator(std::string name, indicator_evaluator fn);

  /// The signature of function `name`, or nullptr.
  const function_signature* find_function(std::string_view name) const;
  /// The function `name`, or nullptr.
  const native_function* function(std::string_view name) const;
  /// The evaluator `name`, or nullptr.
  const indicator_evaluator* find_evaluator(std::string_view name) const;
  /// Names of the registered functions and evaluators (for suggestions in errors).
  std::vector<std::string> names() const;

 private:
  template <class Tuple, std::size_t... I>
  static void fill_signature(function_signature& sig, Tuple*, std::index_sequence<I...>) {
    (sig.params.push_back(detail::arg_traits<typename detail::param_of<std::tuple_element_t<I, Tuple>>::type>::type), ...);
    (sig.nullable.push_back(detail::param_of<std::tuple_element_t<I, Tuple>>::nullable), ...);
  }
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// A read-only view of one unit's facts, given to whole-indicator evaluators. Only the facts
/// the indicator declares in "reads" can be read (so lineage and re-evaluation stay exact).
class NTM_API fact_view {
 public:
  explicit fact_view(const detail::view_data* data) noexcept : data_(data) {}
  /// The value of fact `id` (nullopt when unknown). Errors: unknown_fact (not declared by
  /// the set), invalid_argument (not listed in the indicator's "reads").
  result<std::optional<value>> get(std::string_view id) const;
  /// The declared type of fact `id` (known or not). Errors: unknown_fact.
  result<value_type> type_of(std::string_view id) const;
  /// The assessment date.
  date assessment_date() const;
  /// The region the unit is assessed in (may be empty).
  std::string_view region() const;

 private:
  const detail::view_data* data_;
};

NTM_END_NAMESPACE

#endif  // NTM_RULES_FUNCTIONS_HPP_
