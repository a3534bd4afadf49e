// SPDX-License-Identifier: MIT
// Private: an open-addressing hash index from strings to dense 32-bit numbers. It stores
// only (number, hash) pairs in one flat array; the strings themselves stay with the caller,
// who gives a `key_of(number)` function. No allocation per entry.
#ifndef NTM_LEDGER_STRING_INDEX_HPP_
#define NTM_LEDGER_STRING_INDEX_HPP_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include <ntm/export.hpp>

NTM_BEGIN_NAMESPACE
namespace ledger_internal {

class string_index {
 public:
  static constexpr std::uint32_t npos = 0xFFFFFFFFu;

  static std::uint32_t hash(std::string_view key) noexcept {
    const std::size_t h = std::hash<std::string_view>{}(key);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }

  /// The number stored for `key`, or npos.
  template <class KeyOf>
  std::uint32_t find(std::string_view key, std::uint32_t h, const KeyOf& key_of) const {
    if (slots_.empty()) return npos;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const slot& s = slots_[i];
      if (s.value == npos) return npos;
      if (s.hash == h && key_of(s.value) == key) return s.value;
    }
  }

  /// Hints that a look-up of hash `h` follows soon (hides a cache miss in large indexes).
  void prefetch(std::uint32_t h) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }

  /// Adds `value` (whose key must not be present) with hash `h`.
  void insert(std::uint32_t value, std::uint32_t h) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    place(value, h);
    ++size_;
  }

  void clear() noexcept {
    slots_.clear();
    size_ = 0;
  }
  /// Empties the index but keeps its slots, so that inserting no more entries than it held
  /// allocates nothing.
  void reset() noexcept {
    for (slot& s : slots_) s = slot{};
    size_ = 0;
  }
  void reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap * 3 < n * 4) cap *= 2;
    if (cap > slots_.size()) rehash(cap);
  }
  std::size_t size() const noexcept { return size_; }

 private:
  struct slot {
    std::uint32_t value = npos;
    std::uint32_t hash = 0;
  };

  void place(std::uint32_t value, std::uint32_t h) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].value != npos) i = (i + 1) & mask;
    slots_[i] = slot{value, h};
  }
  void grow() { rehash(slots_.empty() ? 16 : slots_.size() * 2); }
  void rehash(std::size_t cap) {
    std::vector<slot> old(cap);  // allocates first: out of memory leaves the index as it was
    old.swap(slots_);
    for (const slot& s : old)
      if (s.value != npos) place(s.value, s.hash);
  }

  std::vector<slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace ledger_internal
NTM_END_NAMESPACE

#endif  // NTM_LEDGER_STRING_INDEX_HPP_
