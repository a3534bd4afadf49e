// SPDX-License-Identifier: MIT
// Private: asking for transparent huge pages on large arrays about to be filled, so that a
// million-row import or schedule takes a few hundred page faults instead of tens of
// thousands (each costly, more so under a hypervisor).
#ifndef NTM_SRC_CORE_HUGE_PAGES_HPP_
#define NTM_SRC_CORE_HUGE_PAGES_HPP_

#include <cstddef>
#include <cstdint>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <ntm/export.hpp>

NTM_BEGIN_NAMESPACE
namespace core_internal {

/// Advises the kernel to back the whole 2 MiB pages inside [data, data + bytes) with huge
/// pages; a hint only (nothing happens elsewhere, or when the system does not allow it).
inline void advise_huge(const void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

/// The same for the capacity of a vector.
template <class Vector>
void advise_huge(const Vector& v) {
  advise_huge(v.data(), v.capacity() * sizeof(typename Vector::value_type));
}

}  // namespace core_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_CORE_HUGE_PAGES_HPP_
