// SPDX-License-Identifier: MIT
// Test helpers for ntm::result<T>: require success, or a given error code.
#ifndef NTM_TESTS_SUPPORT_RESULT_MATCHERS_HPP_
#define NTM_TESTS_SUPPORT_RESULT_MATCHERS_HPP_

#include <catch2/catch.hpp>

#include <ntm/core/error.hpp>
#include <ntm/core/result.hpp>

/// Requires that `expr` (a result) holds a value; on failure prints the error.
#define REQUIRE_OK(expr)                                                        \
  do {                                                                          \
    const auto& ntm_req_ok_ = (expr);                                           \
    INFO((ntm_req_ok_ ? std::string("ok") : ::ntm::format(ntm_req_ok_.error()))); \
    REQUIRE(static_cast<bool>(ntm_req_ok_));                                    \
  } while (false)

/// Requires that `expr` (a result) holds an error with code `expected_code`.
#define REQUIRE_ERROR(expr, expected_code)                                                      \
  do {                                                                                 \
    const auto& ntm_req_err_ = (expr);                                                 \
    REQUIRE_FALSE(static_cast<bool>(ntm_req_err_));                                    \
    INFO(::ntm::format(ntm_req_err_.error()));                                         \
    REQUIRE(ntm_req_err_.error().code == (expected_code));                                      \
  } while (false)

#endif  // NTM_TESTS_SUPPORT_RESULT_MATCHERS_HPP_
