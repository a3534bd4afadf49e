// SPDX-License-Identifier: MIT
/// @file
/// ntm version: compile-time macros and the run-time version of the linked library.
#ifndef NTM_VERSION_HPP_
#define NTM_VERSION_HPP_

#include <ntm/export.hpp>

// The version macros (NTM_VERSION_MAJOR, _MINOR, _PATCH, NTM_VERSION, NTM_VERSION_STRING)
// live in a header C can read too.
#include <ntm/c/version.h>

NTM_BEGIN_NAMESPACE

/// The version of the library actually linked, "major.minor.patch". Compare it with
/// `NTM_VERSION_STRING` to detect a header/library mismatch.
NTM_API const char* version() noexcept;

/// The version number of the linked library, in the form of `NTM_VERSION`.
NTM_API int version_number() noexcept;

NTM_END_NAMESPACE

#endif  // NTM_VERSION_HPP_
