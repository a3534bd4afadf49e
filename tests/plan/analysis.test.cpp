// SPDX-License-Identifier: MIT
// The Thạch Lỗi plan end to end: the seed's figures reproduced, and what the seed does not say.
#include <ntm/plan/analysis.hpp>

#include "support/result_matchers.hpp"

namespace {
const std::string plan_file = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/plan.json";

const ntm::plan& shipped() {
  static const ntm::plan p = [] {
    auto loaded = ntm::load_plan(plan_file);
    REQUIRE_OK(loaded);
    return *loaded;
  }();
  return p;
}
}  // namespace

TEST_CASE("plan: the Thạch Lỗi plan reproduces the seed", "[plan][golden]") {
  const ntm::plan& p = shipped();
  CHECK(p.unit.name == "Thạch Lỗi");
  CHECK(p.goal == "NC");
  CHECK(p.bodies.size() == 16);
  CHECK(p.responsibilities.size() == 16);
  auto a = ntm::analyze(p);
  REQUIRE_OK(a);
  // 12 criteria met, 7 not met, with the seed's missing items.
  CHECK(a->baseline.find("NC")->met == 12);
  CHECK(a->baseline.find("NC")->not_met == 7);
  CHECK(a->stated_discrepancies.empty());
  std::vector<std::string> missing;
  for (const auto& m : a->missing) missing.push_back(m.indicator);
  CHECK(missing == std::vector<std::string>{"TC2.1", "TC2.2", "TC5.1", "TC5.2", "TC6.1", "TC8.1", "TC8.2", "TC8.3", "TC10.1",
                                            "TC13.1", "TC13.2", "TC13.3", "TC13.4", "TC17.1"});
  // Funding: A = 23,8 tỷ; computed B = 10,5 tỷ against the stated 10,3; gap 13,3 tỷ.
  CHECK(a->funding.needs_total.dong() == 23'800'000'000);
  CHECK(a->funding.sources_total.dong() == 10'500'000'000);
  CHECK(a->funding.gap.dong() == 13'300'000'000);
  bool flagged = false;
  for (const auto& d : a->funding.discrepancies())
    if (d.stated.dong() == 10'300'000'000 && d.computed.dong() == 10'500'000'000) flagged = true;
  CHECK(flagged);
  // What the seed does not say: when each criterion is met, and that the standard is met in
  // time by the schedule (on 2023-12-15, the axis road's finish).
  for (const auto& c : a->criteria) {
    CAPTURE(c.id);
    CHECK(c.met_on);
    CHECK(c.met_by_target);
  }
  REQUIRE(a->goal.met_on);
  CHECK(ntm::format_date(*a->goal.met_on) == "2023-12-15");
  CHECK(a->goal.met_by_target);
  REQUIRE(!a->schedule.critical_paths.empty());
  CHECK(a->schedule.critical_paths[0].front() == "axis_road_phase2");
  // The 2 tỷ arrives only when the standard is met: it cannot pay for the works that reach it,
  // so the in-year gap is larger than the document's 13,3 tỷ.
  CHECK(a->cash.in_year_gap.dong() > 13'300'000'000);
}
