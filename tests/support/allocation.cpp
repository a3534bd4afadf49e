// SPDX-License-Identifier: MIT
// The test executable's global operator new (see allocation.hpp).
#include "support/allocation.hpp"

#include <cstdlib>
#include <new>

namespace {
thread_local bool counting = false;
thread_local long counted = 0;
thread_local long fail_at = -1;  // allocations left before the planned failure; -1: none
thread_local bool failed = false;
}  // namespace

namespace ntm_test {

void start_counting_allocations() noexcept {
  counted = 0;
  counting = true;
}

long stop_counting_allocations() noexcept {
  counting = false;
  return counted;
}

void fail_allocation(long n) noexcept {
  failed = false;
  fail_at = n;
}

bool stop_failing_allocations() noexcept {
  fail_at = -1;
  return failed;
}

}  // namespace ntm_test

// GCC 12 at -O2 inlines these replacements into std::allocator and then reports free() of
// memory from operator new as mismatched; the pairs are consistent.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t n) {
  if (counting) ++counted;
  if (fail_at >= 0 && fail_at-- == 0) {
    failed = true;
    throw std::bad_alloc();
  }
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
// The nothrow forms too (Catch2 allocates its test registry with them): every unaligned new
// and delete is this pair, so a sanitizer never sees its own new freed by our delete.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return operator new(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return operator new(n);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
