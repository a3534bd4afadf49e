// SPDX-License-Identifier: MIT
// Private: the boundary that keeps exceptions inside the library. Public calls that may
// allocate without bound, or call code that may throw, run their body through `guarded`.
#ifndef NTM_SRC_CORE_GUARD_HPP_
#define NTM_SRC_CORE_GUARD_HPP_

#include <exception>
#include <new>
#include <string>

#include <ntm/core/result.hpp>

NTM_BEGIN_NAMESPACE
namespace core_internal {

/// Runs `body` (returning a result) and turns an exception into an error:
/// std::bad_alloc becomes limit_exceeded ("out of memory while <what>"), anything else
/// internal. A mutating call undoes its partial work before rethrowing to here (see its
/// own catch), so the error leaves the state as it was.
template <class F>
auto guarded(const char* what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(errc::limit_exceeded, std::string("out of memory while ") + what);
  } catch (const std::exception& e) {
    return fail(errc::internal, std::string("internal error while ") + what + ": " + e.what());
  } catch (...) {
    return fail(errc::internal, std::string("internal error while ") + what + ": an unknown exception");
  }
}

}  // namespace core_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_CORE_GUARD_HPP_
