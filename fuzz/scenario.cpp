// SPDX-License-Identifier: MIT
// Fuzzes the scenario loader and scenario application on the shipped plan ("extends"
// resolves to nothing: no file system). Applying never changes the plan it is given.
#include <ntm/plan/analysis.hpp>
#include <ntm/scenario/scenario.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ntm::load_options options = ntm_fuzz::sandboxed_load_options();
  auto s = ntm::parse_scenario(ntm_fuzz::text_of(data, size), "fuzz/scenario.json", options);
  if (!s) return 0;
  const ntm::plan& base = ntm_fuzz::shipped_plan();
  const ntm::fact_table before = base.baseline;
  auto applied = ntm::apply(base, *s);
  NTM_FUZZ_CHECK(base.baseline == before, "apply leaves the plan unchanged");
  if (!applied) return 0;
  (void)ntm::analyze(*applied);
  return 0;
}
