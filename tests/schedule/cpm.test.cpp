// SPDX-License-Identifier: MIT
// The critical-path method, checked by hand: links, lags, windows, floats, chains.
#include <ntm/schedule/schedule.hpp>

#include "schedule/schedule_fixtures.hpp"

using namespace ntm_test;
using ntm::errc;

TEST_CASE("cpm: FS, SS, FF links with lags and a lead, checked by hand", "[schedule][cpm]") {
  // Monday 2023-01-02 is mark 0. A [0,3) Jan 2–4; C starts one day after A (SS+1): [1,5);
  // B after A: [3,5) Jan 5–6; D must finish 2 days after B (FF+2): finish 7, [6,7) Tue Jan 10;
  // E after C, and after D with a one-day lead: max(5, 7−1) = 6, [6,8) Jan 10–11; M after E.
  const std::vector<ntm::task> tasks{
      make_task("A", 3),
      make_task("B", 2, {fs("A")}),
      make_task("C", 4, {ss("A", 1)}),
      make_task("D", 1, {ff("B", 2)}),
      make_task("E", 2, {fs("C"), fs("D", -1)}),
      make_task("M", 0, {fs("E")}),
  };
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  const auto s = schedule_ok(tasks, cal, {d(2023, 1, 2), {}, 16});

  CHECK(s.project_start == d(2023, 1, 2));
  CHECK(s.project_finish == d(2023, 1, 11));
  CHECK(s.duration == 8);
  const auto& a = row(s, "A");
  CHECK(a.early_start == d(2023, 1, 2));
  CHECK(a.early_finish == d(2023, 1, 4));
  CHECK(a.total_float == 0);
  CHECK(a.free_float == 0);
  const auto& c = row(s, "C");
  CHECK(c.early_start == d(2023, 1, 3));
  CHECK(c.early_finish == d(2023, 1, 6));
  CHECK(c.late_start == d(2023, 1, 4));
  CHECK(c.late_finish == d(2023, 1, 9));
  CHECK(c.total_float == 1);
  CHECK(c.free_float == 1);
  CHECK_FALSE(c.critical);
  const auto& dd = row(s, "D");
  CHECK(dd.marks.early_start == 6);
  CHECK(dd.early_start == d(2023, 1, 10));
  CHECK(dd.early_finish == d(2023, 1, 10));
  CHECK(dd.total_float == 0);
  const auto& e = row(s, "E");
  CHECK(e.early_start == d(2023, 1, 10));
  CHECK(e.early_finish == d(2023, 1, 11));
  const auto& m = row(s, "M");
  CHECK(m.milestone);
  CHECK(m.early_start == d(2023, 1, 11));  // dated with E's finish
  CHECK(m.early_finish == d(2023, 1, 11));
  CHECK(m.critical);

  REQUIRE(s.critical_paths.size() == 1);
  CHECK(s.critical_paths[0] == std::vector<std::string>{"A", "B", "D", "E", "M"});
  CHECK_FALSE(s.critical_paths_truncated);
  // The table is ordered by early start, then id.
  std::vector<std::string> order;
  for (const auto& r : s.tasks) order.push_back(r.id);
  CHECK(order == std::vector<std::string>{"A", "C", "B", "D", "E", "M"});
  for (std::size_t i = 0; i < tasks.size(); ++i) CHECK(s.tasks[s.row_of[i]].index == i);
}

TEST_CASE("cpm: a start-to-finish link and two parallel critical chains", "[schedule][cpm]") {
  // P [0,4); Q must finish no earlier than P's start + 3 (SF+3): finish 3, Q (2 days) [1,3).
  // X and Y both take 4 days and feed Z: two chains are critical.
  const std::vector<ntm::task> tasks{
      make_task("P", 4),
      make_task("Q", 2, {sf("P", 3)}),
      make_task("X", 4),
      make_task("Y", 4),
      make_task("Z", 1, {fs("X"), fs("Y"), fs("Q")}),
  };
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  const auto s = schedule_ok(tasks, cal, {d(2023, 1, 2), {}, 16});
  const auto& q = row(s, "Q");
  CHECK(q.marks.early_start == 1);
  CHECK(q.marks.early_finish == 3);
  CHECK(q.total_float == 1);  // Z starts at 4
  CHECK(row(s, "Z").marks.early_start == 4);
  REQUIRE(s.critical_paths.size() == 2);
  CHECK(s.critical_paths[0] == std::vector<std::string>{"X", "Z"});
  CHECK(s.critical_paths[1] == std::vector<std::string>{"Y", "Z"});
  CHECK_FALSE(row(s, "P").critical);  // P has float: it ends with X and Y but nothing waits for its finish
  CHECK(row(s, "P").total_float == 1);
}

TEST_CASE("cpm: the project start on a weekend moves to Monday, and no task starts on a weekend", "[schedule][cpm]") {
  const std::vector<ntm::task> tasks{make_task("A", 5), make_task("B", 1, {fs("A")})};
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  const auto s = schedule_ok(tasks, cal, {d(2023, 1, 7), {}, 16});  // a Saturday
  CHECK(s.project_start == d(2023, 1, 9));
  CHECK(row(s, "A").early_finish == d(2023, 1, 13));
  CHECK(row(s, "B").early_start == d(2023, 1, 16));  // Monday, not Saturday 14
}

TEST_CASE("cpm: windows from quarters and months", "[schedule][window]") {
  ntm::task q2 = make_task("q2", 10);
  q2.window.start = parse_p("Quý II/2023");  // start no earlier than 2023-04-01 (a Saturday)
  ntm::task may = make_task("may_june", 5, {fs("q2")});
  may.window.start = parse_p("tháng 5,6/2023");
  may.window.finish = may.window.start;
  ntm::task q3 = make_task("q3", 3);
  q3.window.start = parse_p("tháng 7,8,9/2023");
  ntm::task m = make_task("done", 0, {fs("may_june"), fs("q3")});
  m.window.finish = parse_p("2023-12-31");
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  const auto s = schedule_ok({q2, may, q3, m}, cal, {d(2023, 1, 2), d(2023, 12, 31), 16});
  CHECK(row(s, "q2").early_start == d(2023, 4, 3));
  CHECK(row(s, "q2").early_finish == d(2023, 4, 14));
  CHECK(row(s, "may_june").early_start == d(2023, 5, 1));  // its window, not q2's finish
  CHECK(row(s, "may_june").early_finish == d(2023, 5, 5));
  // Late dates honour the finish window: may_june may finish as late as 30 June.
  CHECK(row(s, "may_june").late_finish == d(2023, 6, 30));
  CHECK(row(s, "q3").early_start == d(2023, 7, 3));
  CHECK(row(s, "done").early_start == d(2023, 7, 5));
  CHECK(s.window_conflicts.empty());
  REQUIRE(s.deadline);
  CHECK(s.deadline->met);
  CHECK(s.deadline->chain == std::vector<std::string>{"q3", "done"});
}

TEST_CASE("cpm: a milestone's start window dates it on or after the window", "[schedule][window]") {
  ntm::task m = make_task("kickoff", 0);
  m.window.start = parse_p("tháng 4/2023");
  ntm::task a = make_task("after", 2, {fs("kickoff")});
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  const auto s = schedule_ok({m, a}, cal, {d(2023, 1, 2), {}, 16});
  CHECK(row(s, "kickoff").early_start == d(2023, 4, 3));  // at the end of Monday 3 April
  CHECK(row(s, "after").early_start == d(2023, 4, 4));
}

TEST_CASE("cpm: windows that cannot hold are reported with the tasks in conflict, not shifted", "[schedule][window]") {
  // B's window is Q2 but A (Q2 start, 60 working days) pushes it into July.
  ntm::task a = make_task("A", 60);
  a.window.start = parse_p("Quý II/2023");
  ntm::task b = make_task("B", 5, {fs("A")});
  b.window.start = parse_p("Quý II/2023");
  b.window.finish = b.window.start;
  // C alone: its own start bound leaves 3 days for 10 days of work.
  ntm::task c = make_task("C", 10);
  c.window.start = parse_p("2023-06-28");
  c.window.finish = parse_p("tháng 6/2023");
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  const auto s = schedule_ok({a, b, c}, cal, {d(2023, 1, 2), {}, 16});
  // Not shifted: B starts when A lets it.
  CHECK(row(s, "B").early_start == d(2023, 6, 26));
  CHECK(row(s, "B").early_finish == d(2023, 6, 30));
  REQUIRE(s.window_conflicts.size() == 1);
  CHECK(s.window_conflicts[0].task == "C");
  CHECK(s.window_conflicts[0].working_days_over == 7);
  CHECK(s.window_conflicts[0].chain == std::vector<std::string>{"C"});
  CHECK(s.window_conflicts[0].message.find("own start bound") != std::string::npos);
  CHECK(row(s, "C").total_float == -7);
  CHECK(row(s, "C").critical);

  b.duration = 6;  // now one day too long for Q2
  const auto s2 = schedule_ok({a, b, c}, cal, {d(2023, 1, 2), {}, 16});
  REQUIRE(s2.window_conflicts.size() == 2);
  const auto& conflict = s2.window_conflicts[0];
  CHECK(conflict.task == "B");
  CHECK(conflict.finish_limit == d(2023, 6, 30));
  CHECK(conflict.earliest_finish == d(2023, 7, 3));
  CHECK(conflict.working_days_over == 1);
  CHECK(conflict.chain == std::vector<std::string>{"A", "B"});
  CHECK(conflict.message.find("A → B") != std::string::npos);
  CHECK(row(s2, "A").total_float == -1);  // the conflict shows as negative float upstream
}

TEST_CASE("cpm: an unmet deadline is reported with the days late and the chain", "[schedule][deadline]") {
  const std::vector<ntm::task> tasks{
      make_task("design", 20),
      make_task("side", 3),
      make_task("build", 40, {fs("design")}),
      make_task("handover", 0, {fs("build"), fs("side")}),
  };
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  // 60 working days from Monday 2 January end on Friday 24 March; the deadline is 17 March.
  const auto s = schedule_ok(tasks, cal, {d(2023, 1, 2), d(2023, 3, 17), 16});
  REQUIRE(s.deadline);
  CHECK_FALSE(s.deadline->met);
  CHECK(s.deadline->project_finish == d(2023, 3, 24));
  CHECK(s.deadline->working_days_late == 5);
  CHECK(s.deadline->calendar_days_late == 7);
  CHECK(s.deadline->chain == std::vector<std::string>{"design", "build", "handover"});
  // Floats are measured against the schedule's own finish, so they stay ≥ 0.
  for (const auto& r : s.tasks) CHECK(r.total_float >= 0);
}

TEST_CASE("cpm: calendar-day durations may end on a weekend", "[schedule][cpm]") {
  ntm::task cure = make_task("cure", 7);
  cure.unit = ntm::duration_unit::calendar_days;
  ntm::task pour = make_task("pour", 3);
  cure.depends_on = {fs("pour")};
  ntm::task next = make_task("next", 1, {fs("cure")});
  ntm::task tail = make_task("tail", 2, {ff("cure")});
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  const auto s = schedule_ok({pour, cure, next, tail}, cal, {d(2023, 1, 2), {}, 16});
  CHECK(row(s, "cure").early_start == d(2023, 1, 5));   // Thursday
  CHECK(row(s, "cure").early_finish == d(2023, 1, 11)); // Wednesday, 7 calendar days
  CHECK(row(s, "next").early_start == d(2023, 1, 12));
  // tail must finish no earlier than cure: [Jan 10, Jan 11].
  CHECK(row(s, "tail").early_start == d(2023, 1, 10));
  CHECK(row(s, "tail").early_finish == d(2023, 1, 11));
  ntm::task weekend = make_task("weekend", 3);
  weekend.unit = ntm::duration_unit::calendar_days;
  weekend.window.start = parse_p("2023-01-06");  // Friday + 3 days = Sunday
  const auto s2 = schedule_ok({weekend, make_task("after", 1, {fs("weekend")})}, cal, {d(2023, 1, 2), {}, 16});
  CHECK(row(s2, "weekend").early_finish == d(2023, 1, 8));
  CHECK(row(s2, "after").early_start == d(2023, 1, 9));
}

TEST_CASE("cpm: other durations (for Monte Carlo) and their errors", "[schedule][cpm]") {
  const std::vector<ntm::task> tasks{make_task("A", 3), make_task("B", 2, {fs("A")})};
  auto net = ntm::task_network::build(tasks);
  REQUIRE_OK(net);
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  auto s = net->schedule(cal, {d(2023, 1, 2), {}, 16}, {5, 5});
  REQUIRE_OK(s);
  CHECK(s->duration == 10);
  REQUIRE_ERROR(net->schedule(cal, {d(2023, 1, 2), {}, 16}, {5}), errc::invalid_argument);
  REQUIRE_ERROR(net->schedule(cal, {d(2023, 1, 2), {}, 16}, {5, -1}), errc::invalid_duration);
  auto copy = net->clone();
  CHECK(copy.index_of("B") == std::optional<std::size_t>(1));
  CHECK(copy.topological_order() == net->topological_order());
}

TEST_CASE("cpm: dates outside the calendar are errors that name the task", "[schedule][calendar]") {
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 3, 31));
  auto net = ntm::task_network::build({make_task("long", 100)});
  REQUIRE_OK(net);
  auto s = net->schedule(cal, {d(2023, 1, 2), {}, 16});
  REQUIRE_ERROR(s, errc::out_of_calendar);
  CHECK(s.error().message.find("\"long\"") != std::string::npos);
  CHECK(s.error().message.find("2023-03-31") != std::string::npos);
  REQUIRE_ERROR(net->schedule(cal, {d(2024, 1, 2), {}, 16}), errc::out_of_calendar);
}
