// SPDX-License-Identifier: MIT
// Benchmark support: allocation counting, peak memory, and smoke-run sizes.
#ifndef NTM_BENCHMARKS_SUPPORT_HPP_
#define NTM_BENCHMARKS_SUPPORT_HPP_

#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>

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

/// Peak resident memory (VmHWM) since the start or the last `reset_peak_rss()`, in MiB; falls
/// back to getrusage where /proc is missing (that peak cannot be reset).
inline double peak_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return peak_rss_mib();
}

/// Resets the peak that `peak_mib()` reports to the memory resident now (Linux: writing 5 to
/// /proc/self/clear_refs), after giving freed heap memory back to the system, so that each
/// workload's peak is its own.
inline void reset_peak_rss() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
  std::ofstream("/proc/self/clear_refs") << "5";
}

/// True in the test suite's smoke run (tiny sizes).
inline bool smoke() { return std::getenv("NTM_BENCH_SMOKE") != nullptr; }

/// `full` normally, `tiny` in a smoke run.
inline long size(long full, long tiny) { return smoke() ? tiny : full; }

}  // namespace bench

#if defined(__GNUC__)
#define NTM_BENCH_NOINLINE __attribute__((noinline))
#else
#define NTM_BENCH_NOINLINE
#endif

/// Define in exactly one translation unit of each benchmark program. Not inlined: g++ would
/// otherwise pair the inlined free() with the new-expressions it sees (-Wmismatched-new-delete).
#define NTM_BENCH_COUNT_ALLOCATIONS                                          \
  NTM_BENCH_NOINLINE void* operator new(std::size_t n) {                     \
    if (bench::counting) bench::allocations.fetch_add(1, std::memory_order_relaxed); \
    if (void* p = std::malloc(n ? n : 1)) return p;                          \
    throw std::bad_alloc();                                                  \
  }                                                                          \
  NTM_BENCH_NOINLINE void operator delete(void* p) noexcept { std::free(p); } \
  NTM_BENCH_NOINLINE void operator delete(void* p, std::size_t) noexcept { std::free(p); }

#endif  // NTM_BENCHMARKS_SUPPORT_HPP_
