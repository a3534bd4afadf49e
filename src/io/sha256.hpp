// SPDX-License-Identifier: MIT
// Private: SHA-256 (OpenSSL's libcrypto) for reproducibility stamps and fingerprints.
#ifndef NTM_SRC_IO_SHA256_HPP_
#define NTM_SRC_IO_SHA256_HPP_

#include <string>
#include <string_view>

#include <ntm/export.hpp>

NTM_BEGIN_NAMESPACE
namespace io_internal {

/// Lower-case hexadecimal SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace io_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_IO_SHA256_HPP_
