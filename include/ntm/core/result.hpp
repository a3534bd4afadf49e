// SPDX-License-Identifier: MIT
/// @file
/// ntm::result<T>: a value or an ntm::error. The only header that names tl::expected, so a
/// later move to C++23 std::expected changes one file.
#ifndef NTM_CORE_RESULT_HPP_
#define NTM_CORE_RESULT_HPP_

#include <utility>

#include <tl/expected.hpp>

#include <ntm/core/error.hpp>

NTM_BEGIN_NAMESPACE

/// The return type of every fallible public call: either a `T` or an `ntm::error`.
/// Use the combinators `and_then`, `transform`, `or_else` and `map_error` (Debian 12's
/// tl::expected 1.0 has no `transform_error`), or `ntm::add_context` below.
template <class T>
using result = tl::expected<T, error>;

/// The error side of a result, as returned by `fail`.
template <class E>
using unexpected = tl::unexpected<E>;

/// Returns an error result: `return fail(errc::overflow, "…");`.
inline tl::unexpected<error> fail(errc code, std::string message, source_location where = {}) {
  return tl::unexpected<error>(make_error(code, std::move(message), std::move(where)));
}

/// Returns an existing error as an error result.
inline tl::unexpected<error> fail(error e) { return tl::unexpected<error>(std::move(e)); }

/// Adds a context line ("while loading X") to the error of `r`, if any, and returns it.
template <class T>
result<T> add_context(result<T> r, std::string what) {
  if (!r) r.error().add_context(std::move(what));
  return r;
}

NTM_END_NAMESPACE

/// Evaluates `expr` (a result<T>); on error returns the error from the enclosing function,
/// otherwise declares `var` initialised with the value.
#define NTM_TRY(var, expr)                                              \
  auto var##_result_ = (expr);                                          \
  if (!var##_result_) return ::ntm::fail(std::move(var##_result_).error()); \
  auto var = std::move(*var##_result_)

/// Evaluates `expr` (a result<void> or result<T> whose value is not needed); returns the
/// error from the enclosing function if there is one.
#define NTM_CHECK(expr)                                                     \
  do {                                                                      \
    auto ntm_check_result_ = (expr);                                        \
    if (!ntm_check_result_) return ::ntm::fail(std::move(ntm_check_result_).error()); \
  } while (false)

#endif  // NTM_CORE_RESULT_HPP_
