// SPDX-License-Identifier: MIT
// Fuzzes the roadmap loader (tasks, windows, links, progress, effects, inline calendars;
// calendar includes resolve to nothing: no file system). A roadmap that loads must save and
// load again to an equal roadmap, and is scheduled.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ntm::load_options options = ntm_fuzz::sandboxed_load_options();
  auto r = ntm::parse_roadmap(ntm_fuzz::text_of(data, size), "fuzz/roadmap.json", options);
  if (!r) return 0;
  auto again = ntm::parse_roadmap(ntm::to_json(*r), "fuzz/roadmap.json", options);
  NTM_FUZZ_CHECK(static_cast<bool>(again), "a saved roadmap loads again");
  NTM_FUZZ_CHECK(*again == *r, "a saved roadmap loads as an equal roadmap");
  (void)ntm::schedule_roadmap(*r);
  return 0;
}
