// SPDX-License-Identifier: MIT
// Benchmark support: allocation counting, peak memory, and smoke-run sizes.
#ifndef NTM_BENCHMARKS_SUPPORT_HPP_
#define NTM_BENCHMARKS_SUPPORT_HPP_

#include <sys/resource.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace bench {

/// Allocations made while `counting` is set on this thread.
inline std::atomic<long> allocations{0};
inline thread_local bool counting = false;

/// Peak resident memory of the process so far, in MiB.
inline double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

/// True in the test suite's smoke run (tiny sizes).
inline bool smoke() { return std::getenv("NTM_BENCH_SMOKE") != nullptr; }

/// `full` normally, `tiny` in a smoke run.
inline long size(long full, long tiny) { return smoke() ? tiny : full; }

}  // namespace bench

/// Define in exactly one translation unit of each benchmark program.
#define NTM_BENCH_COUNT_ALLOCATIONS                                          \
  void* operator new(std::size_t n) {                                        \
    if (bench::counting) bench::allocations.fetch_add(1, std::memory_order_relaxed); \
    if (void* p = std::malloc(n ? n : 1)) return p;                          \
    throw std::bad_alloc();                                                  \
  }                                                                          \
  void operator delete(void* p) noexcept { std::free(p); }                   \
  void operator delete(void* p, std::size_t) noexcept { std::free(p); }

#endif  // NTM_BENCHMARKS_SUPPORT_HPP_
