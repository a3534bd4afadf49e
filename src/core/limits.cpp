// SPDX-License-Identifier: MIT
// The error of a violated limit.
#include <ntm/core/limits.hpp>

NTM_BEGIN_NAMESPACE

error limit_error(std::string_view limit, std::size_t value, std::string what, source_location where) {
  return make_error(errc::limit_exceeded, std::move(what) + ", more than " + std::string(limit) + " = " + std::to_string(value),
                    std::move(where));
}

NTM_END_NAMESPACE
