// SPDX-License-Identifier: MIT
/// @file
/// ntm version: compile-time macros and the run-time version of the linked library.
#ifndef NTM_VERSION_HPP_
#define NTM_VERSION_HPP_

#include <ntm/export.hpp>

/// Major version: changes only with an incompatible API or ABI change (SemVer).
#define NTM_VERSION_MAJOR 0
/// Minor version: new features, backwards compatible.
#define NTM_VERSION_MINOR 1
/// Patch version: fixes only.
#define NTM_VERSION_PATCH 0
/// The version as one number, `major * 10000 + minor * 100 + patch`, for `#if` tests.
#define NTM_VERSION (NTM_VERSION_MAJOR * 10000 + NTM_VERSION_MINOR * 100 + NTM_VERSION_PATCH)
/// The version as a string literal, "major.minor.patch".
#define NTM_VERSION_STRING "0.1.0"

NTM_BEGIN_NAMESPACE

/// The version of the library actually linked, "major.minor.patch". Compare it with
/// `NTM_VERSION_STRING` to detect a header/library mismatch.
NTM_API const char* version() noexcept;

/// The version number of the linked library, in the form of `NTM_VERSION`.
NTM_API int version_number() noexcept;

NTM_END_NAMESPACE

#endif  // NTM_VERSION_HPP_
