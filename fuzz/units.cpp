// SPDX-License-Identifier: MIT
// Fuzzes the tables of units (CSV and JSON Lines, chosen by the first byte) against the
// shipped criteria set; a table that loads is assessed with two threads and must give the
// same results as with one, then under a scenario that merges its first two units, and
// simulated (income growth) with one thread and two, which must agree.
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/unit_simulation.hpp>

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
  if (units->size() >= 2 && units->ids[0] != units->ids[1]) {
    ntm::scenario s;
    s.id = "fuzz-merge";
    ntm::merge_spec m;
    m.id = "fuzz-merged";
    m.units = {units->ids[0], units->ids[1]};
    m.facts["income_per_capita"] = ntm::aggregation::mean;
    m.otherwise = ntm::aggregation::unknown;
    s.merges.push_back(m);
    auto merged = ntm::assess_units(prog, *units, s, opt);
    if (merged) NTM_FUZZ_CHECK(merged->units.size() + 1 == units->size(), "a merge takes two units into one");
  }
  ntm::simulation_spec spec;
  spec.runs = 16;
  spec.growth["income_per_capita"] = ntm::distribution{ntm::distribution::kind::normal, 0.09, 0.5, 0};
  ntm::unit_simulation_options so;
  so.at = opt.at;
  so.years = 3;
  so.threads = 1;
  auto sim_one = ntm::simulate_units(prog, *units, spec, so);
  so.threads = 2;
  auto sim_two = ntm::simulate_units(prog, *units, spec, so);
  NTM_FUZZ_CHECK(static_cast<bool>(sim_one) == static_cast<bool>(sim_two), "threads do not change whether a simulation fails");
  if (sim_one) NTM_FUZZ_CHECK(ntm::to_json(*sim_one) == ntm::to_json(*sim_two), "threads do not change a simulation");
  return 0;
}
