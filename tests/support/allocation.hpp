// SPDX-License-Identifier: MIT
// The test executable's global operator new, instrumented per thread: it counts allocations
// (to show that a hot path allocates nothing) and can fail one on purpose (to show that a
// mutating call that runs out of memory part-way changes nothing).
#ifndef NTM_TESTS_SUPPORT_ALLOCATION_HPP_
#define NTM_TESTS_SUPPORT_ALLOCATION_HPP_

#include <cstddef>

namespace ntm_test {

/// Starts counting the allocations of the calling thread (from zero).
void start_counting_allocations() noexcept;
/// Stops counting and returns the number counted.
long stop_counting_allocations() noexcept;

/// Makes allocation number `n` (0-based, counted from now) of the calling thread throw
/// std::bad_alloc, once; the ones after succeed again.
void fail_allocation(long n) noexcept;
/// Stops failing; returns true when the planned failure happened.
bool stop_failing_allocations() noexcept;

/// Calls `f` once per allocation it makes, failing that allocation: `f` is first run with
/// allocation 0 failing, then 1, … until a run completes without reaching the planned failure.
/// After each failed run `check(n)` checks the state; returns the number of runs that failed.
template <class F, class Check>
long for_each_allocation_failure(F&& f, Check&& check, long limit = 100000) {
  long n = 0;
  for (; n < limit; ++n) {
    fail_allocation(n);
    f();
    if (!stop_failing_allocations()) break;
    check(n);
  }
  return n;
}

}  // namespace ntm_test

#endif  // NTM_TESTS_SUPPORT_ALLOCATION_HPP_
