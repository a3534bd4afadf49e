// SPDX-License-Identifier: MIT
// Roadmap files: loading with located errors, saving, and the Thạch Lỗi 2023 roadmap.
#include <ntm/schedule/roadmap.hpp>

#include <cstdio>
#include <fstream>

#include "schedule/schedule_fixtures.hpp"

using namespace ntm_test;
using ntm::errc;

namespace {

std::string thach_loi_path() { return source_dir() + "/examples/thach-loi-2023/roadmap.json"; }

// A small valid roadmap with an inline calendar, as JSON text; `tasks` is spliced in.
std::string small_roadmap(const std::string& tasks, const std::string& extra = "") {
  return R"({
  "format": "ntm.roadmap/1",
  "id": "t",
  "name": "Thử",
  "project_start": "2023-01-02",
  "calendar": {"range": {"first": "2023-01-01", "last": "2023-12-31"}},)" +
         extra + R"(
  "tasks": )" + tasks + "\n}\n";
}

// The messages of an error and its details, one per line, for matching.
std::string all_messages(const ntm::error& e) { return ntm::format(e); }

const ntm::error* detail_with(const ntm::error& e, errc code, const std::string& fragment) {
  if (e.code == code && e.message.find(fragment) != std::string::npos && e.details.empty()) return &e;
  for (const auto& d : e.details)
    if (d.code == code && d.message.find(fragment) != std::string::npos) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("roadmap: the Thạch Lỗi 2023 roadmap loads and schedules", "[schedule][roadmap][thach_loi]") {
  auto r = ntm::load_roadmap(thach_loi_path());
  REQUIRE_OK(r);
  CHECK(r->tasks.size() == 26);
  CHECK(r->bodies.size() == 16);
  REQUIRE(r->calendar_imports.size() == 1);
  CHECK(r->calendar_imports[0].spec.id == "vn-public-holidays");
  auto s = ntm::schedule_roadmap(*r);
  REQUIRE_OK(s);
  CHECK(s->project_start == d(2023, 1, 3));  // 1/1 is a Sunday, 2/1 its compensatory day off
  // Tết 2023 (20–26 January off) holds the Q1 reassessment: 25 working days end on 13 February.
  CHECK(row(*s, "q1_reassessment").early_finish == d(2023, 2, 13));
  CHECK(row(*s, "q1_investment_dossiers").early_start == d(2023, 1, 17));  // SS + 10
  // May–June: hall, then equipment finishing 5 days after it (FF+5), then school level 2 (TC5).
  CHECK(row(*s, "multipurpose_hall").early_start == d(2023, 5, 4));  // after the 29/4–3/5 holidays
  CHECK(row(*s, "multipurpose_hall").early_finish == d(2023, 6, 21));
  CHECK(row(*s, "school_equipment").early_finish == d(2023, 6, 28));
  CHECK(row(*s, "school_level2").early_finish == d(2023, 6, 28));
  // The auction funds the key infrastructure: proceeds 20 working days after it.
  CHECK(row(*s, "land_auction").early_finish == d(2023, 6, 7));
  CHECK(row(*s, "auction_proceeds").early_finish == d(2023, 7, 5));
  CHECK(row(*s, "tc8_met").early_finish == d(2023, 8, 23));
  CHECK(row(*s, "tc13_met").early_finish == d(2023, 9, 8));
  // The axis road (TC2) starts with Q4 and finishes on 15 December 2023, before the deadline
  // of 31 December: the deadline is met with 10 working days to spare (18–29 December).
  CHECK(row(*s, "axis_road_phase2").early_start == d(2023, 10, 2));
  CHECK(row(*s, "axis_road_phase2").early_finish == d(2023, 12, 15));
  CHECK(row(*s, "axis_road_phase2").critical);
  CHECK(s->project_finish == d(2023, 12, 15));
  REQUIRE(s->deadline);
  CHECK(s->deadline->met);
  CHECK(s->deadline->working_days_late == 0);
  CHECK(s->deadline->chain == std::vector<std::string>{"axis_road_phase2", "tc2_met", "advanced_ntm_standard"});
  REQUIRE(s->critical_paths.size() == 1);
  CHECK(s->critical_paths[0] == std::vector<std::string>{"axis_road_phase2", "tc2_met", "advanced_ntm_standard"});
  CHECK(s->window_conflicts.empty());
  for (const auto& t : s->tasks) CHECK(t.total_float >= 0);
  CHECK(row(*s, "multipurpose_hall").total_float == 2);  // June is tight for TC5
  // The whole project on the Vietnamese calendar: 249 working days in 2023 less 18–29 December.
  CHECK(s->duration == 239);
}

TEST_CASE("roadmap: the axis road slipping past the deadline is reported, with days and chain", "[schedule][roadmap][thach_loi][deadline]") {
  auto r = ntm::load_roadmap(thach_loi_path());
  REQUIRE_OK(r);
  for (auto& t : r->tasks)
    if (t.id == "axis_road_phase2") t.duration = 75;  // the pessimistic estimate
  auto s = ntm::schedule_roadmap(*r);
  REQUIRE_OK(s);
  REQUIRE(s->deadline);
  CHECK_FALSE(s->deadline->met);
  // 75 working days from 2 October: 65 in Q4, then 10 in 2024 after the 1/1 holiday, ending
  // on Monday 15 January 2024: 10 working days (15 calendar days) late.
  CHECK(s->deadline->project_finish == d(2024, 1, 15));
  CHECK(s->deadline->working_days_late == 10);
  CHECK(s->deadline->calendar_days_late == 15);
  CHECK(s->deadline->chain == std::vector<std::string>{"axis_road_phase2", "tc2_met", "advanced_ntm_standard"});
  // The closing milestone's own window "no later than 2023-12-31" cannot hold: reported, not moved.
  REQUIRE(s->window_conflicts.size() == 2);
  CHECK(s->window_conflicts[0].task == "axis_road_phase2");  // its Q4 window
  CHECK(s->window_conflicts[1].task == "advanced_ntm_standard");
  CHECK(s->window_conflicts[1].chain == std::vector<std::string>{"axis_road_phase2", "tc2_met", "advanced_ntm_standard"});
}

TEST_CASE("roadmap: save then reload gives an equal roadmap", "[schedule][roadmap]") {
  auto r = ntm::load_roadmap(thach_loi_path());
  REQUIRE_OK(r);
  const std::string text = ntm::to_json(*r);
  auto again = ntm::parse_roadmap(text, thach_loi_path());  // includes resolve from the same place
  REQUIRE_OK(again);
  CHECK(*again == *r);
  CHECK(ntm::to_json(*again) == text);  // byte-identical

  // Every field, through a file on disk.
  ntm::roadmap x;
  x.id = "all-fields";
  x.name = {"Đủ trường", "All fields"};
  x.project_start = d(2023, 1, 2);
  x.deadline = d(2023, 12, 31);
  x.calendar.id = "inline";
  x.calendar.first = d(2023, 1, 1);
  x.calendar.last = d(2023, 12, 31);
  x.calendar.week = ntm::working_week{{false, true, true, true, true, true, true}};
  x.calendar.holidays.push_back({{"Tết", "Lunar New Year"}, d(2023, 1, 20), d(2023, 1, 26), ntm::holiday_basis::official, "7 days"});
  x.calendar.holidays.push_back({{"Giỗ Tổ", ""}, d(2023, 4, 29), d(2023, 4, 29), ntm::holiday_basis::statutory, ""});
  x.calendar.extra_working_days.push_back({d(2023, 1, 8), {"Làm bù", ""}, "a Sunday"});
  x.bodies = {{"b1", {"Ban một", "Board one"}}, {"b2", {"Ban hai", ""}}};
  ntm::task a = make_task("a", 5);
  a.lead = "b1";
  a.support = {"b2"};
  a.unit = ntm::duration_unit::calendar_days;
  a.estimate = ntm::three_point_estimate{3, 5, 8.5};
  a.window.start = parse_p("Quý I/2023");
  a.window.finish = parse_p("tháng 5,6/2023");
  a.criteria = {"TC5"};
  a.cost_items = {"need.tc5.multipurpose_hall"};
  a.effects = {{"primary_school_level2", ntm::effect_op::set, "true"}, {"income_per_capita", ntm::effect_op::add, "\"5 triệu\""},
               {"ratio", ntm::effect_op::set, "12.5"}};
  a.actual.start = d(2023, 1, 3);
  a.actual.percent_complete = 37.5;
  ntm::task b = make_task("b", 0, {fs("a"), ss("a", 2), ff("a", -1), sf("a", 3)});
  b.depends_on = {ss("a", 2)};
  b.window.start = b.window.finish = parse_p("2023-04-01..2023-06-30");
  ntm::task c = make_task("c", 3, {sf("b", -3)});
  c.window.finish = parse_p("2023-12-31");
  c.actual.start = d(2023, 1, 4);
  c.actual.finish = d(2023, 1, 6);
  x.tasks = {a, b, c};
  const std::string path = scratch_path("roadmap.json");
  REQUIRE_OK(ntm::save_roadmap(x, path));
  auto y = ntm::load_roadmap(path);
  std::remove(path.c_str());
  REQUIRE_OK(y);
  CHECK(*y == x);
}

TEST_CASE("roadmap: every problem is reported with line and column", "[schedule][roadmap][errors]") {
  const std::string text = small_roadmap(R"([
    {"id": "a", "name": "A", "durration": 5},
    {"id": "b", "name": "B", "duration": "5"},
    {"id": "c", "name": "C", "duration": 3, "window": "Quý V/2023"},
    {"id": "a", "name": "A again", "duration": 2},
    {"id": "e", "name": "E", "duration": -4, "depends_on": ["dd", {"task": "c", "type": "XF"}]},
    {"id": "f", "name": "F", "duration": 2, "start_no_earlier_than": "2023-07-01", "finish_no_later_than": "tháng 6/2023"}
  ])");
  auto r = ntm::parse_roadmap(text, "bad.json");
  REQUIRE_FALSE(r);
  const ntm::error& e = r.error();
  INFO(all_messages(e));
  CHECK(e.details.size() == 9);

  const auto* unknown = detail_with(e, errc::json_unknown_field, "did you mean \"duration\"");
  REQUIRE(unknown);
  CHECK(unknown->where.file == "bad.json");
  CHECK(unknown->where.line == 8);
  CHECK(unknown->where.column == 43);  // at the value of the unknown field
  CHECK(unknown->where.pointer == "/tasks/0/durration");
  const auto* missing = detail_with(e, errc::json_missing_field, "\"duration\"");
  REQUIRE(missing);
  CHECK(missing->where.line == 8);
  const auto* type = detail_with(e, errc::json_type, "\"duration\" must be an integer");
  REQUIRE(type);
  CHECK(type->where.line == 9);
  CHECK(type->where.column == 42);
  const auto* period = detail_with(e, errc::period_syntax, "Quý V/2023");
  REQUIRE(period);
  CHECK(period->where.line == 10);
  CHECK(period->where.pointer == "/tasks/2/window");
  const auto* duplicate = detail_with(e, errc::duplicate_id, "\"a\"");
  REQUIRE(duplicate);
  CHECK(duplicate->where.line == 11);
  CHECK(duplicate->where.pointer == "/tasks/3/id");
  const auto* negative = detail_with(e, errc::invalid_duration, "negative");
  REQUIRE(negative);
  CHECK(negative->where.line == 12);
  CHECK(negative->where.pointer == "/tasks/4/duration");
  const auto* dangling = detail_with(e, errc::unknown_reference, "\"dd\"");
  REQUIRE(dangling);
  CHECK(dangling->message.find("task \"e\" depends on \"dd\"") != std::string::npos);
  CHECK(dangling->message.find("did you mean") == std::string::npos);  // nothing close enough among a, b, c, e, f
  CHECK(dangling->where.pointer == "/tasks/4/depends_on/0");
  const auto* link = detail_with(e, errc::invalid_value, "\"XF\" is not a valid type");
  REQUIRE(link);
  CHECK(link->message.find("did you mean") != std::string::npos);
  const auto* window = detail_with(e, errc::invalid_window, "task \"f\"");
  REQUIRE(window);
  CHECK(window->where.pointer == "/tasks/5/finish_no_later_than");
  CHECK(window->where.line == 13);
  // The rendered error lists every problem with file:line:column.
  CHECK(all_messages(e).find("bad.json:12:") != std::string::npos);
}

TEST_CASE("roadmap: did you mean for a dependency and a body", "[schedule][roadmap][errors]") {
  const std::string text = small_roadmap(R"([
    {"id": "survey_roads", "name": "Khảo sát", "duration": 5, "lead": "dia_chinh"},
    {"id": "build", "name": "Xây", "duration": 5, "depends_on": ["survey_road"]}
  ])", R"(
  "bodies": [{"id": "dia_chinh_xd_mt", "name": "Địa chính"}, {"id": "dia_chinh_xd_mt", "name": "again"}],)");
  auto r = ntm::parse_roadmap(text, "near.json");
  REQUIRE_FALSE(r);
  INFO(all_messages(r.error()));
  CHECK(detail_with(r.error(), errc::duplicate_id, "body id") != nullptr);
  // With a duplicate body the body list is not trusted, so leads are not checked against it.
  CHECK(detail_with(r.error(), errc::unknown_reference, "did you mean \"survey_roads\"") != nullptr);

  auto r2 = ntm::parse_roadmap(small_roadmap(R"([
    {"id": "survey_roads", "name": "Khảo sát", "duration": 5, "lead": "dia_chinh_xd", "support": ["mat_tran"]}
  ])", R"(
  "bodies": [{"id": "dia_chinh_xd_mt", "name": "Địa chính"}, {"id": "mat_tran", "name": "Mặt trận"}],)"), "near.json");
  REQUIRE_ERROR(r2, errc::unknown_reference);
  CHECK(r2.error().message.find("lead body \"dia_chinh_xd\"") != std::string::npos);
  CHECK(r2.error().message.find("did you mean \"dia_chinh_xd_mt\"") != std::string::npos);
  CHECK(r2.error().where.pointer == "/tasks/0/lead");
}

TEST_CASE("roadmap: a dependency cycle names every task in order, at the closing dependency", "[schedule][roadmap][cycle]") {
  const std::string text = small_roadmap(R"([
    {"id": "start", "name": "S", "duration": 1},
    {"id": "a", "name": "A", "duration": 1, "depends_on": ["start", "c"]},
    {"id": "b", "name": "B", "duration": 1, "depends_on": ["a"]},
    {"id": "c", "name": "C", "duration": 1, "depends_on": [{"task": "b", "type": "SS", "lag": 2}]}
  ])");
  auto r = ntm::parse_roadmap(text, "cycle.json");
  REQUIRE_ERROR(r, errc::dependency_cycle);
  CHECK(r.error().message.find("a → b → c → a") != std::string::npos);
  CHECK(r.error().where.line == 9);  // a's dependency on c closes the cycle
  CHECK(r.error().where.pointer == "/tasks/1/depends_on/1");

  // The same through the C++ API.
  auto net = ntm::task_network::build({make_task("x", 1, {fs("z")}), make_task("y", 1, {fs("x")}), make_task("z", 1, {fs("y")}),
                                       make_task("w", 1, {fs("w")})});
  REQUIRE_FALSE(net);
  INFO(all_messages(net.error()));
  CHECK(detail_with(net.error(), errc::invalid_link, "\"w\" depends on itself") != nullptr);
  auto net2 = ntm::task_network::build({make_task("x", 1, {fs("z")}), make_task("y", 1, {fs("x")}), make_task("z", 1, {fs("y")})});
  REQUIRE_ERROR(net2, errc::dependency_cycle);
  CHECK(net2.error().message.find("x → y → z → x") != std::string::npos);
  REQUIRE_ERROR(ntm::validate_tasks({make_task("p", 1, {fs("q")}), make_task("q", 1, {ss("p")})}), errc::dependency_cycle);
  REQUIRE_OK(ntm::validate_tasks({make_task("p", 1), make_task("q", 1, {ss("p")})}));
}

TEST_CASE("roadmap: effects, links and milestones of the wrong shape", "[schedule][roadmap][errors]") {
  const std::string text = small_roadmap(R"([
    {"id": "a", "name": "A", "duration": 1, "effects": [
      {"fact": "school level2", "value": true},
      {"fact": "x", "op": "add", "value": true},
      {"fact": "y", "value": {"nested": 1}},
      {"fact": "z", "op": "replace", "value": 1}
    ]},
    {"id": "m", "name": "M", "milestone": true, "duration": 3},
    {"id": "b", "name": "B", "duration": 1, "depends_on": ["a", {"task": "a", "type": "SS"}]},
    {"id": "c", "name": "C", "duration": 1, "estimate": {"optimistic": 5, "most_likely": 3, "pessimistic": 9}}
  ])");
  auto r = ntm::parse_roadmap(text, "shape.json");
  REQUIRE_FALSE(r);
  const ntm::error& e = r.error();
  INFO(all_messages(e));
  CHECK(detail_with(e, errc::invalid_effect, "school level2") != nullptr);
  CHECK(detail_with(e, errc::invalid_effect, "\"add\" needs a number") != nullptr);
  CHECK(detail_with(e, errc::invalid_effect, "not an object") != nullptr);
  CHECK(detail_with(e, errc::invalid_value, "\"replace\"") != nullptr);
  CHECK(detail_with(e, errc::invalid_duration, "milestone") != nullptr);
  CHECK(detail_with(e, errc::invalid_link, "twice") != nullptr);
  CHECK(detail_with(e, errc::invalid_duration, "three-point") != nullptr);
  REQUIRE_OK(ntm::canonical_effect_value("1.50"));
  CHECK(*ntm::canonical_effect_value("1.50") == "1.5");
  CHECK(*ntm::canonical_effect_value(" \"68 triệu\" ") == "\"68 triệu\"");
  REQUIRE_ERROR(ntm::canonical_effect_value("null"), errc::invalid_effect);
  REQUIRE_ERROR(ntm::canonical_effect_value("[1]"), errc::invalid_effect);
  REQUIRE_ERROR(ntm::canonical_effect_value("tru"), errc::invalid_effect);
}

TEST_CASE("roadmap: calendar problems, includes and format", "[schedule][roadmap][calendar]") {
  // A make-up day on a holiday of the included calendar, located in the roadmap.
  const std::string with_include = R"({
  "id": "t", "name": "T", "project_start": "2023-01-02",
  "calendar": {
    "include": "../../data/calendars/vn-public-holidays.json",
    "extra_working_days": [{"date": "2023-01-21", "name": "bù"}]
  },
  "tasks": []
})";
  auto r = ntm::parse_roadmap(with_include, source_dir() + "/examples/thach-loi-2023/inline.json");
  REQUIRE_ERROR(r, errc::invalid_calendar);
  CHECK(r.error().message.find("falls on the holiday \"Tết Nguyên đán Quý Mão\"") != std::string::npos);
  CHECK(r.error().where.pointer == "/calendar/extra_working_days/0");
  CHECK(r.error().where.line == 5);

  auto missing = ntm::parse_roadmap(with_include, "/nonexistent/dir/r.json");
  REQUIRE_ERROR(missing, errc::io_error);
  CHECK(missing.error().where.pointer == "/calendar/include");

  auto format = ntm::parse_roadmap(R"({"format": "ntm.roadmap/9", "id": "t", "name": "T", "project_start": "2023-01-02",
    "calendar": {"range": {"first": "2023-01-01", "last": "2023-12-31"}}, "tasks": []})", "f.json");
  REQUIRE_ERROR(format, errc::format_version);

  auto week = ntm::parse_roadmap(small_roadmap("[]").replace(small_roadmap("[]").find("\"range\""), 0, "\"working_week\": [\"mon\", \"tues\"], "), "w.json");
  REQUIRE_ERROR(week, errc::invalid_value);
  CHECK(week.error().message.find("did you mean \"tue\"") != std::string::npos);

  auto cal = ntm::parse_calendar(R"({"format": "ntm.calendar/1", "range": {"first": "2023-01-01", "last": "2023-12-31"},
    "holidays": [{"name": "ngược", "from": "2023-05-03", "to": "2023-04-29"}]})", "cal.json");
  REQUIRE_ERROR(cal, errc::invalid_calendar);
  CHECK(cal.error().where.line == 2);
  auto spec = ntm::load_calendar(source_dir() + "/data/calendars/vn-public-holidays.json");
  REQUIRE_OK(spec);
  auto again = ntm::parse_calendar(ntm::to_json(*spec), "again.json");
  REQUIRE_OK(again);
  CHECK(*again == *spec);
}
