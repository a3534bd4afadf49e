// SPDX-License-Identifier: MIT
// Run-time version of the library.
#include <ntm/version.hpp>

NTM_BEGIN_NAMESPACE

const char* version() noexcept { return NTM_VERSION_STRING; }
int version_number() noexcept { return NTM_VERSION; }

NTM_END_NAMESPACE
