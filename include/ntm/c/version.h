/* SPDX-License-Identifier: MIT */
/**
 * @file
 * ntm's version numbers as macros, for C and C++: the one place they are written (CMake
 * reads them from here). Included by <ntm/version.hpp> and <ntm/c/ntm.h>.
 */
#ifndef NTM_C_VERSION_H_
#define NTM_C_VERSION_H_

/** Major version: changes only with an incompatible change of the C++ API (SemVer). */
#define NTM_VERSION_MAJOR 0
/** Minor version: new features; while the major version is 0, it may also break the C++ API. */
#define NTM_VERSION_MINOR 1
/** Patch version: fixes only. */
#define NTM_VERSION_PATCH 0
/** The version as one number, `major * 10000 + minor * 100 + patch`, for `#if` tests. */
#define NTM_VERSION (NTM_VERSION_MAJOR * 10000 + NTM_VERSION_MINOR * 100 + NTM_VERSION_PATCH)
/** The version as a string literal, "major.minor.patch". */
#define NTM_VERSION_STRING "0.1.0"

/**
 * The C ABI version: the shared library's SOVERSION (libntm.so.1). It changes only when a
 * function of <ntm/c/ntm.h> is removed or changes its signature, or a public C struct or
 * enumerator changes (see docs/versioning.md); never with the C++ API.
 */
#define NTM_C_ABI_VERSION 1

#endif /* NTM_C_VERSION_H_ */
