// SPDX-License-Identifier: MIT
// Fuzzes the funding loader. A funding plan that loads must save and load again to an equal
// plan; it is reconciled and turned into a journal.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ntm::load_options options = ntm_fuzz::sandboxed_load_options();
  auto f = ntm::parse_funding(ntm_fuzz::text_of(data, size), "fuzz/funding.json", options);
  if (!f) return 0;
  auto again = ntm::parse_funding(ntm::to_json(*f), "fuzz/funding.json", options);
  NTM_FUZZ_CHECK(static_cast<bool>(again), "a saved funding plan loads again");
  NTM_FUZZ_CHECK(*again == *f, "a saved funding plan loads as an equal plan");
  (void)ntm::reconcile(*f);
  if (auto j = ntm::make_journal(*f)) (void)ntm::to_ledger_journal(*j);
  return 0;
}
