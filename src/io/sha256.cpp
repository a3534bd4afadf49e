// SPDX-License-Identifier: MIT
// SHA-256 through OpenSSL's EVP interface.
#include "io/sha256.hpp"

#include <openssl/evp.h>

NTM_BEGIN_NAMESPACE
namespace io_internal {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) return {};
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0F];
  }
  return out;
}

}  // namespace io_internal
NTM_END_NAMESPACE
