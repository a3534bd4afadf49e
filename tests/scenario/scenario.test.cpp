// SPDX-License-Identifier: MIT
// Scenarios: each overlay kind, composition, and the diff on the Thạch Lỗi plan.
#include <ntm/scenario/compare.hpp>
#include <ntm/scenario/scenario.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "io/csv.hpp"
#include "support/result_matchers.hpp"

using ntm::errc;

namespace {
const std::string dir = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";

const ntm::plan& shipped() {
  static const ntm::plan p = [] {
    auto loaded = ntm::load_plan(dir + "plan.json");
    REQUIRE_OK(loaded);
    return *loaded;
  }();
  return p;
}

ntm::scenario scenario_file(const std::string& name) {
  auto s = ntm::load_scenario(dir + "scenarios/" + name);
  REQUIRE_OK(s);
  return *s;
}

ntm::scenario scenario_text(const std::string& text) {
  auto s = ntm::parse_scenario(text, "inline.json");
  REQUIRE_OK(s);
  return *s;
}

ntm::scenario_comparison run(const ntm::scenario& s) {
  auto c = ntm::run_scenarios(shipped(), {s});
  REQUIRE_OK(c);
  REQUIRE(c->size() == 1);
  return c->front();
}
}  // namespace

TEST_CASE("scenario: a delay of the auction moves the axis road and the standard", "[scenario]") {
  // Three months: the road's money comes later, the road and the standard move 10 days, but
  // the plan's slack (the road was to start in October anyway) keeps the end-2023 target.
  const ntm::scenario_comparison c = run(scenario_file("auction-delay-3m.json"));
  REQUIRE(c.goal.met_on_before);
  REQUIRE(c.goal.met_on_after);
  CHECK(ntm::format_date(*c.goal.met_on_before) == "2023-12-15");
  CHECK(ntm::format_date(*c.goal.met_on_after) == "2023-12-25");
  CHECK(c.goal.days_moved == 10);
  CHECK(c.goal.at_target_after == ntm::status::met);
  const auto tc2 = std::find_if(c.criteria.begin(), c.criteria.end(), [](const ntm::rule_change& r) { return r.id == "TC2"; });
  REQUIRE(tc2 != c.criteria.end());
  CHECK(tc2->days_moved == 10);
  const auto tc5 = std::find_if(c.criteria.begin(), c.criteria.end(), [](const ntm::rule_change& r) { return r.id == "TC5"; });
  CHECK_FALSE(tc5->changed());  // the school does not hang on the auction
  CHECK(c.finish_after > c.finish_before);
  CHECK(c.needs_after == c.needs_before);
  // Four months: the road finishes in January 2024 and the standard is missed at the target.
  const ntm::scenario_comparison late = run(scenario_file("auction-delay-4m.json"));
  CHECK(late.goal.at_target_before == ntm::status::met);
  CHECK(late.goal.at_target_after == ntm::status::not_met);
  CHECK(late.goal.flipped);
  CHECK(ntm::format_date(late.finish_after) == "2024-01-19");
  CHECK(late.critical_after.front() == "land_auction");
  CHECK(late.critical_path_changed());
}

TEST_CASE("scenario: cost and source overlays change the money, not the dates", "[scenario]") {
  const ntm::scenario_comparison road = run(scenario_file("road-cost-120.json"));
  CHECK(road.needs_after.dong() == 27'300'000'000);  // 23,8 + 3,5
  CHECK(road.gap_after.dong() == 16'800'000'000);
  CHECK_FALSE(road.goal.changed());
  const ntm::scenario_comparison none = run(scenario_file("no-province-support.json"));
  CHECK(none.sources_after.dong() == 8'500'000'000);
  CHECK(none.gap_after.dong() == 15'300'000'000);
  const ntm::scenario_comparison advance = run(scenario_file("district-advance.json"));
  CHECK(advance.sources_after.dong() == 23'800'000'000);
  CHECK(advance.in_year_gap_after < advance.in_year_gap_before);
}

TEST_CASE("scenario: a need paid later moves its payments, not the dates or totals", "[scenario][need]") {
  const ntm::plan& p = shipped();
  auto changed = ntm::apply(p, scenario_text(R"({"id": "hall-paid-later", "needs": [{"need": "multipurpose_hall", "delay_days": 90}]})"));
  REQUIRE_OK(changed);
  const auto hall = std::find_if(changed->funding.needs.begin(), changed->funding.needs.end(),
                                 [](const ntm::funding_need& n) { return n.id == "multipurpose_hall"; });
  REQUIRE(hall != changed->funding.needs.end());
  CHECK(hall->payment_delay_days == 90);
  auto before = ntm::analyze(p);
  auto after = ntm::analyze(*changed);
  REQUIRE_OK(before);
  REQUIRE_OK(after);
  auto dues = [](const ntm::plan_analysis& a) {
    std::vector<ntm::date> d;
    for (const ntm::scheduled_payment& x : a.cash.payments)
      if (x.need == "multipurpose_hall") d.push_back(x.due);
    std::sort(d.begin(), d.end());
    return d;
  };
  const std::vector<ntm::date> b = dues(*before), a = dues(*after);
  REQUIRE(b.size() == a.size());
  REQUIRE_FALSE(b.empty());
  for (std::size_t k = 0; k < b.size(); ++k) CHECK((a[k] - b[k]).days() == 90);
  CHECK(after->funding.needs_total == before->funding.needs_total);
  CHECK(after->goal.met_on == before->goal.met_on);
  // Composes: a second delay adds to the first.
  auto twice = ntm::apply(*changed, scenario_text(R"({"id": "more", "needs": [{"need": "multipurpose_hall", "delay_days": 30}]})"));
  REQUIRE_OK(twice);
  CHECK(std::find_if(twice->funding.needs.begin(), twice->funding.needs.end(), [](const ntm::funding_need& n) {
          return n.id == "multipurpose_hall";
        })->payment_delay_days == 120);
  // Beyond a hundred years in all, and a negative delay, are errors at the change.
  auto far = ntm::apply(*changed, scenario_text("{\"id\": \"s\",\n \"needs\": [{\"need\": \"multipurpose_hall\", \"delay_days\": 36500}]}"));
  REQUIRE_ERROR(far, errc::invalid_value);
  CHECK(far.error().where.pointer == "/needs/0/delay_days");
  CHECK(far.error().where.line == 2);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "needs": [{"need": "x", "delay_days": -1}]})"), errc::invalid_value);
}

TEST_CASE("scenario: parameter overrides and fact growth, composed on another scenario", "[scenario]") {
  const ntm::scenario_comparison threshold = run(scenario_file("threshold-70m.json"));
  const auto tc10 = std::find_if(threshold.criteria.begin(), threshold.criteria.end(), [](const ntm::rule_change& r) { return r.id == "TC10"; });
  REQUIRE(tc10 != threshold.criteria.end());
  CHECK(tc10->at_target_after == ntm::status::not_met);  // the plan aims at 68 triệu only
  CHECK(threshold.goal.at_target_after == ntm::status::not_met);
  const ntm::scenario s = scenario_file("income-short.json");
  REQUIRE(s.base);
  CHECK(s.base->id == "auction-delay-3m");
  auto applied = ntm::apply(shipped(), s);
  REQUIRE_OK(applied);
  auto income = applied->baseline.get("income_per_capita");
  REQUIRE_OK(income);
  CHECK((*income)->as_money().dong() == 64'346'400);  // 59,58 triệu × 1,08
  CHECK(std::none_of(applied->road.tasks.begin(), applied->road.tasks.end(), [](const ntm::task& t) { return t.id == "income_statistics"; }));
  const ntm::scenario_comparison c = run(s);
  CHECK_FALSE(c.goal.met_on_after);  // income never reaches 68 triệu under this plan
  // The original plan is untouched.
  CHECK((*shipped().baseline.get("income_per_capita"))->as_money().dong() == 59'580'000);
}

TEST_CASE("scenario: each fact overlay kind", "[scenario]") {
  const ntm::plan& p = shipped();
  auto money_of = [&](const ntm::scenario& s) {
    ntm::fact_table facts = p.baseline;
    REQUIRE_OK(ntm::apply_facts(p.criteria, facts, s));
    return (*facts.get("income_per_capita"))->as_money().dong();
  };
  CHECK(money_of(scenario_text(R"({"id": "s", "facts": [{"fact": "income_per_capita", "op": "set", "value": "70 triệu"}]})")) == 70'000'000);
  CHECK(money_of(scenario_text(R"({"id": "s", "facts": [{"fact": "income_per_capita", "op": "add", "value": "-2 triệu"}]})")) == 57'580'000);
  CHECK(money_of(scenario_text(R"({"id": "s", "facts": [{"fact": "income_per_capita", "op": "scale", "rate": "110%"}]})")) == 65'538'000);
  CHECK(money_of(scenario_text(R"({"id": "s", "facts": [{"fact": "income_per_capita", "op": "growth", "rate": "5%", "years": 2}]})")) == 65'686'950);
}

TEST_CASE("scenario: bad scenarios give located errors and change nothing", "[scenario]") {
  const ntm::plan& p = shipped();
  auto bad_task = ntm::apply(p, scenario_text("{\"id\": \"s\",\n \"tasks\": [{\"task\": \"land_auctoin\", \"delay_days\": 10}]}"));
  REQUIRE_ERROR(bad_task, errc::unknown_reference);
  CHECK(bad_task.error().message.find("did you mean \"land_auction\"?") != std::string::npos);
  CHECK(bad_task.error().where.line == 2);
  CHECK(bad_task.error().where.pointer == "/tasks/0/task");
  REQUIRE_ERROR(ntm::apply(p, scenario_text(R"({"id": "s", "facts": [{"fact": "incme", "op": "set", "value": 1}]})")), errc::unknown_fact);
  REQUIRE_ERROR(ntm::apply(p, scenario_text(R"({"id": "s", "facts": [{"fact": "income_per_capita", "op": "set", "value": "1.000"}]})")), errc::money_ambiguous);
  REQUIRE_ERROR(ntm::apply(p, scenario_text(R"({"id": "s", "facts": [{"fact": "axis_road_standard", "op": "scale", "rate": "110%"}]})")), errc::fact_type);
  REQUIRE_ERROR(ntm::apply(p, scenario_text(R"({"id": "s", "parameters": [{"parameter": "income_mn", "values": []}]})")), errc::unknown_parameter);
  REQUIRE_ERROR(ntm::apply(p, scenario_text(R"({"id": "s", "needs": [{"need": "road", "remove": true}]})")), errc::unknown_reference);
  REQUIRE_ERROR(ntm::apply(p, scenario_text(R"({"id": "s", "tasks": [{"task": "land_auction", "add_dependencies": ["axis_road_phase2"]}]})")),
                errc::dependency_cycle);
  // A plan is one unit: merges are for tables of units.
  auto merge = ntm::apply(p, scenario_text("{\"id\": \"s\",\n \"merges\": [{\"id\": \"m\", \"units\": [\"a\", \"b\"], \"otherwise\": \"max\"}]}"));
  REQUIRE_ERROR(merge, errc::invalid_argument);
  CHECK(merge.error().where.pointer == "/merges/0");
  CHECK(merge.error().where.line == 2);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "facts": [{"fact": "x", "op": "double"}]})"), errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "tsks": []})"), errc::json_unknown_field);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "needs": [{"need": "x", "scale": "120"}]})"), errc::percentage_syntax);
  // A field another op uses is a mistake, not something to ignore.
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "facts": [{"fact": "x", "op": "set", "value": 1, "rate": "5%"}]})"), errc::json_unknown_field);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "facts": [{"fact": "x", "op": "scale", "rate": "5%", "years": 2}]})"), errc::json_unknown_field);
  // Numbers are checked before they are narrowed: 2^32 + 92 days is not 92 days.
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "tasks": [{"task": "x", "delay_days": 4294967388}]})"), errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "sources": [{"source": "x", "delay_days": 4294967388}]})"), errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "facts": [{"fact": "x", "op": "growth", "rate": "5%", "years": 4294967297}]})"),
                errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "tasks": [{"task": "x", "duration": 4294967297}]})"), errc::invalid_duration);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "tasks": [{"task": "x", "add_dependencies": [{"task": "y", "lag": 4294967297}]}]})"),
                errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "s", "tasks": [{"task": "x", "add_dependencies": [{"task": "y", "type": "XX"}]}]})"),
                errc::invalid_value);
  CHECK((*p.baseline.get("income_per_capita"))->as_money().dong() == 59'580'000);
}

TEST_CASE("scenario: the shipped changes ranked from the one that helps most", "[scenario][ranking]") {
  std::vector<ntm::scenario> all;
  for (const char* f : {"auction-delay-3m.json", "auction-delay-4m.json", "district-advance.json", "no-province-support.json",
                        "road-cost-120.json"})
    all.push_back(scenario_file(f));
  auto c = ntm::run_scenarios(shipped(), all);
  REQUIRE_OK(c);
  std::vector<std::string> order;
  for (std::size_t k : ntm::rank_scenarios(*c)) order.push_back((*c)[k].scenario);
  // The goal on 15/12 in three of them: the district's advance first (in-year gap 2 tỷ), then
  // no province support and the dearer road (both 15,3 → 15,3 and 18,8 tỷ); the auction three
  // months late meets it on 25/12; four months late misses the year.
  CHECK(order == std::vector<std::string>{"district-advance", "no-province-support", "road-cost-120", "auction-delay-3m", "auction-delay-4m"});
  const auto j = nlohmann::json::parse(ntm::to_json(*c));
  CHECK(j["ranking"].size() == 5);
  CHECK(j["ranking"][0] == "district-advance");
  CHECK(ntm::rank_scenarios({}).empty());
}

namespace {
ntm::date day(int y, int m, int d) { return ntm::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d)); }
ntm::money dong(std::int64_t d) { return ntm::money::from_dong(d); }
}  // namespace

TEST_CASE("scenario: comparisons as a long CSV table", "[scenario][compare][csv]") {
  ntm::scenario_comparison late;
  late.scenario = "auction-late";
  late.name.vi = "Đấu giá chậm 3 tháng, \"xấu\"";  // a comma and quotes: the cell is quoted
  late.goal = {"NC", ntm::status::not_met, ntm::status::not_met, ntm::status::met, ntm::status::met, day(2023, 12, 15), day(2023, 12, 25), 10, false};
  late.criteria.push_back({"TC2", ntm::status::not_met, ntm::status::not_met, ntm::status::met, ntm::status::not_met, day(2023, 12, 15), std::nullopt,
                           std::nullopt, true});
  late.finish_before = day(2023, 12, 15);
  late.finish_after = day(2023, 12, 25);
  late.critical_before = {"land_auction", "axis_road"};
  late.critical_after = {"land_auction", "axis_road_phase2"};
  late.needs_before = late.needs_after = dong(23'800'000'000);
  late.sources_before = late.sources_after = dong(10'500'000'000);
  late.gap_before = late.gap_after = dong(13'300'000'000);
  late.in_year_gap_before = dong(15'300'000'000);
  late.in_year_gap_after = dong(11'040'000'000);
  late.first_short_before = day(2023, 5, 4);
  late.first_short_amount_before = dong(1'000'000);

  ntm::scenario_comparison advance = late;
  advance.scenario = "district-advance";
  advance.name.vi = "Huyện tạm ứng";
  advance.goal.met_on_after = day(2023, 12, 15);
  advance.goal.days_moved = 0;
  advance.criteria.clear();
  advance.finish_after = day(2023, 12, 15);
  advance.critical_after = advance.critical_before;
  advance.in_year_gap_after = dong(2'000'000'000);
  advance.first_short_after = day(2023, 6, 1);
  advance.first_short_amount_after = dong(-9'000'000'000'000'000'000);  // far apart: the change needs more than 64 bits
  advance.first_short_amount_before = dong(9'000'000'000'000'000'000);

  const std::vector<ntm::scenario_comparison> both{late, advance};
  const std::string csv = ntm::to_csv(both);
  CHECK(csv ==
        "scenario,measure,id,before,after,change\n"
        "auction-late,name,,,\"Đấu giá chậm 3 tháng, \"\"xấu\"\"\",\n"
        "auction-late,status_now,NC,not_met,not_met,\n"
        "auction-late,status_at_target,NC,met,met,\n"
        "auction-late,met_on,NC,2023-12-15,2023-12-25,10\n"
        "auction-late,status_now,TC2,not_met,not_met,\n"
        "auction-late,status_at_target,TC2,met,not_met,changed\n"
        "auction-late,met_on,TC2,2023-12-15,,\n"
        "auction-late,finish,,2023-12-15,2023-12-25,10\n"
        "auction-late,critical_path,,land_auction > axis_road,land_auction > axis_road_phase2,changed\n"
        "auction-late,needs,,23800000000,23800000000,0\n"
        "auction-late,sources,,10500000000,10500000000,0\n"
        "auction-late,gap,,13300000000,13300000000,0\n"
        "auction-late,in_year_gap,,15300000000,11040000000,-4260000000\n"
        "auction-late,first_shortfall,,2023-05-04,,\n"
        "auction-late,first_shortfall_amount,,1000000,0,-1000000\n"
        "auction-late,rank,,,2,\n"
        "district-advance,name,,,Huyện tạm ứng,\n"
        "district-advance,status_now,NC,not_met,not_met,\n"
        "district-advance,status_at_target,NC,met,met,\n"
        "district-advance,met_on,NC,2023-12-15,2023-12-15,0\n"
        "district-advance,finish,,2023-12-15,2023-12-15,0\n"
        "district-advance,critical_path,,land_auction > axis_road,land_auction > axis_road,\n"
        "district-advance,needs,,23800000000,23800000000,0\n"
        "district-advance,sources,,10500000000,10500000000,0\n"
        "district-advance,gap,,13300000000,13300000000,0\n"
        "district-advance,in_year_gap,,15300000000,2000000000,-13300000000\n"
        "district-advance,first_shortfall,,2023-05-04,2023-06-01,28\n"
        "district-advance,first_shortfall_amount,,9000000000000000000,-9000000000000000000,-18000000000000000000\n"
        "district-advance,rank,,,1,\n");
  CHECK(ntm::to_csv(both) == csv);
  CHECK(ntm::to_csv(std::vector<ntm::scenario_comparison>{}) == "scenario,measure,id,before,after,change\n");
}

TEST_CASE("scenario: the CSV of the shipped scenarios, the same bytes each time", "[scenario][compare][csv]") {
  std::vector<ntm::scenario> all;
  for (const char* f : {"auction-delay-3m.json", "auction-delay-4m.json", "district-advance.json"}) all.push_back(scenario_file(f));
  auto c = ntm::run_scenarios(shipped(), all);
  REQUIRE_OK(c);
  const std::string csv = ntm::to_csv(*c);
  auto again = ntm::run_scenarios(shipped(), all);
  REQUIRE_OK(again);
  CHECK(ntm::to_csv(*again) == csv);
  // Against a baseline analysed beforehand (as `ntm scenario` does): the same comparisons.
  auto base = ntm::analyze(shipped());
  REQUIRE_OK(base);
  auto given = ntm::run_scenarios(shipped(), *base, all);
  REQUIRE_OK(given);
  CHECK(ntm::to_csv(*given) == csv);
  // The three-month delay moves the goal by ten days; the district's advance ranks first.
  const std::string goal = (*c)[0].goal.id;
  CHECK(csv.find("auction-delay-3m,met_on," + goal + ",2023-12-15,2023-12-25,10\n") != std::string::npos);
  CHECK(csv.find("district-advance,rank,,,1,\n") != std::string::npos);
  CHECK(csv.find("auction-delay-3m,rank,,,2,\n") != std::string::npos);
  CHECK(csv.find("auction-delay-4m,rank,,,3,\n") != std::string::npos);
  // Every record has six cells: read back with the importers' reader, quoted names and all.
  ntm::io_internal::csv_scanner scan(csv, 0);
  std::vector<ntm::io_internal::field> fields;
  std::size_t records = 0;
  while (scan.next(fields)) {
    ++records;
    CHECK(fields.size() == 6);
  }
  CHECK_FALSE(scan.failed());
  CHECK(records == static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')));
}
