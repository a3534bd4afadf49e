// SPDX-License-Identifier: MIT
/// @file
/// Export macro and the versioned inline namespace.
#ifndef NTM_EXPORT_HPP_
#define NTM_EXPORT_HPP_

// NTM_API marks the declarations the library exports. Everything else is hidden
// (the library is built with -fvisibility=hidden). NTM_SHARED is defined for consumers
// of the shared library; NTM_BUILDING_LIBRARY while the library itself is compiled.
#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(NTM_SHARED)
#    if defined(NTM_BUILDING_LIBRARY)
#      define NTM_API __declspec(dllexport)
#    else
#      define NTM_API __declspec(dllimport)
#    endif
#  else
#    define NTM_API
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define NTM_API __attribute__((visibility("default")))
#else
#  define NTM_API
#endif

/// The ABI version of the C++ API. It changes only with an ABI break, at a major release,
/// so that two incompatible builds of ntm cannot be linked into one program silently.
#define NTM_ABI_NAMESPACE v0

#define NTM_BEGIN_NAMESPACE \
  namespace ntm {           \
  inline namespace NTM_ABI_NAMESPACE {
#define NTM_END_NAMESPACE \
  }                       \
  }

#endif  // NTM_EXPORT_HPP_
