// SPDX-License-Identifier: MIT
// Fuzzes the facts loader against the shipped criteria set. Facts that load must save and
// load again to equal facts, and evaluate.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ntm::program& prog = ntm_fuzz::shipped_program();
  auto facts = ntm::parse_facts(prog, ntm_fuzz::text_of(data, size), "fuzz/facts.json");
  if (!facts) return 0;
  auto again = ntm::parse_facts(prog, ntm::to_json(*facts), "fuzz/facts.json");
  NTM_FUZZ_CHECK(static_cast<bool>(again), "saved facts load again");
  NTM_FUZZ_CHECK(*again == *facts, "saved facts load as the same facts");
  ntm::evaluate_options opt;
  opt.at = *ntm::make_date(2023, 12, 31);
  NTM_FUZZ_CHECK(static_cast<bool>(prog.evaluate(*facts, opt)), "loaded facts evaluate");
  return 0;
}
