// SPDX-License-Identifier: MIT
// Fuzzes the plan loader: the plan file itself, with the files it names resolved to the
// shipped example's (no file system). A plan that loads is analysed.
#include <ntm/plan/analysis.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ntm::plan_load_options options = [] {
    ntm::plan_load_options o;
    o.files = ntm_fuzz::sandboxed_load_options();
    return o;
  }();
  auto p = ntm::parse_plan(ntm_fuzz::text_of(data, size), "fuzz/plan.json", options);
  if (!p) return 0;
  (void)ntm::analyze(*p);
  return 0;
}
