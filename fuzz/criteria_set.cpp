// SPDX-License-Identifier: MIT
// Fuzzes the criteria-set loader and compiler. "extends" resolves only to the shipped sets
// (no file system). A set that loads must save and load again to the same canonical JSON; a
// set that compiles must evaluate a unit with no facts (everything unknown).
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ntm::load_options options = ntm_fuzz::sandboxed_load_options();
  auto set = ntm::parse_criteria_set(ntm_fuzz::text_of(data, size), "fuzz/set.json", options);
  if (!set) return 0;
  const std::string saved = ntm::to_json(*set);
  auto again = ntm::parse_criteria_set(saved, "fuzz/set.json", options);
  NTM_FUZZ_CHECK(static_cast<bool>(again), "a saved criteria set loads again");
  NTM_FUZZ_CHECK(ntm::to_json(*again) == saved, "saving is canonical");

  auto prog = ntm::compile(*set);
  if (!prog) return 0;
  ntm::evaluate_options opt;
  opt.at = *ntm::make_date(2023, 12, 31);
  auto a = prog->evaluate(prog->make_facts(), opt);
  if (a) (void)ntm::to_json(*a);
  (void)prog->to_dot();
  return 0;
}
