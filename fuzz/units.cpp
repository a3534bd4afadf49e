// SPDX-License-Identifier: MIT
// Fuzzes the tables of units (CSV and JSON Lines, chosen by the first byte) against the
// shipped criteria set; a table that loads is assessed with two threads and must give the
// same results as with one.
#include <ntm/scenario/batch.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const ntm::program& prog = ntm_fuzz::shipped_program();
  const std::string_view text = ntm_fuzz::text_of(data + 1, size - 1);
  auto units = (data[0] & 1) ? ntm::parse_units_jsonl(prog, text, "fuzz.jsonl") : ntm::parse_units_csv(prog, text, "fuzz.csv");
  if (!units) return 0;
  NTM_FUZZ_CHECK(units->facts.rows() == units->size(), "one row of facts per unit");
  ntm::rollup_options opt;
  opt.at = *ntm::make_date(2023, 12, 31);
  opt.threads = 1;
  auto one = ntm::assess_units(prog, *units, opt);
  if (!one) return 0;
  opt.threads = 2;
  auto two = ntm::assess_units(prog, *units, opt);
  NTM_FUZZ_CHECK(two && ntm::to_json(*two) == ntm::to_json(*one), "threads do not change the results");
  return 0;
}
