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

namespace {
// A two-criterion plan written for the test: task "works" (20 working days from Monday
// 2 January 2023, a calendar without holidays) sets C.1's fact when it finishes, on Friday
// 27 January; nothing ever sets D.1's.
ntm::plan small_plan() {
  const std::string set = R"J({"id": "small", "title": "small",
    "facts": [{"id": "done", "type": "bool", "label": "xong"}, {"id": "other", "type": "bool", "label": "khác"}],
    "criteria": [{"id": "C", "number": 1, "name": "c", "indicators": [{"id": "C.1", "name": "xong", "condition": "done"}]},
                 {"id": "D", "number": 2, "name": "d", "indicators": [{"id": "D.1", "name": "khác", "condition": "other"}]}]})J";
  const std::string road = R"J({"format": "ntm.roadmap/1", "id": "r", "name": "r", "project_start": "2023-01-02",
    "calendar": {"range": {"first": "2023-01-01", "last": "2024-12-31"}},
    "tasks": [{"id": "works", "name": "công trình", "duration": 20, "criteria": ["C"], "effects": [{"fact": "done", "op": "set", "value": true}]}]})J";
  const std::string fund = R"J({"format": "ntm.funding", "version": 1, "period": "2023", "needs": [], "sources": []})J";
  const std::string plan = R"J({"id": "small", "title": "small", "unit": {"name": "X"}, "criteria_set": "set.json",
    "baseline": {"date": "2023-01-02", "facts": {"done": false, "other": false}}, "target": "2023-12-31",
    "roadmap": "road.json", "funding": "fund.json"})J";
  ntm::plan_load_options o;
  o.files.resolver = [=](const std::string& name) -> ntm::result<std::string> {
    if (name == "set.json") return set;
    if (name == "road.json") return road;
    if (name == "fund.json") return fund;
    return ntm::fail(ntm::errc::io_error, "no file " + name);
  };
  auto p = ntm::parse_plan(plan, "plan.json", o);
  REQUIRE_OK(p);
  return *p;
}
}  // namespace

TEST_CASE("plan: a task's completion meets a criterion on its finish date, and what nothing changes is never met", "[plan][projection]") {
  auto a = ntm::analyze(small_plan());
  REQUIRE_OK(a);
  REQUIRE(a->criteria.size() == 2);
  const ntm::rule_projection& c = a->criteria[0];
  CHECK(c.id == "C");
  CHECK(c.at_baseline == ntm::status::not_met);
  REQUIRE(c.met_on);
  CHECK(ntm::format_date(*c.met_on) == "2023-01-27");
  CHECK(c.met_by_target);
  CHECK(c.still_missing.empty());
  CHECK(c.tasks == std::vector<std::string>{"works"});
  const ntm::rule_projection& d = a->criteria[1];
  CHECK(d.id == "D");
  CHECK_FALSE(d.met_on);
  CHECK_FALSE(d.met_by_target);
  CHECK(d.still_missing == std::vector<std::string>{"D.1"});
  // The standard needs both: never met under this plan.
  CHECK_FALSE(a->goal.met_on);
  CHECK_FALSE(a->goal.met_by_target);
}

TEST_CASE("plan: assessed after the plan's last completion, the analysis is of that date", "[plan][projection]") {
  const ntm::plan& p = shipped();
  ntm::analysis_options o;
  o.at = *ntm::parse_date("2024-02-01");  // after every task of the 2023 roadmap
  auto a = ntm::analyze(p, o);
  REQUIRE_OK(a);
  CHECK(ntm::format_date(a->baseline.at) == "2024-02-01");
  // The baseline facts are the plan's: nothing projected changes them after the date.
  const ntm::rule_outcome* tc2 = a->baseline.find("TC2");
  REQUIRE(tc2 != nullptr);
  CHECK(tc2->result == ntm::status::not_met);
}
