// SPDX-License-Identifier: MIT
// Progress: late tasks, the forecast from actuals, variance, reviews per body.
#include <ntm/schedule/progress.hpp>

#include "schedule/schedule_fixtures.hpp"

using namespace ntm_test;
using ntm::errc;

namespace {

std::vector<ntm::task> progress_tasks() {
  ntm::task a = make_task("A", 10);  // baseline 2–13 January
  a.lead = "x";
  a.actual.start = d(2023, 1, 2);
  a.actual.finish = d(2023, 1, 16);  // one working day late
  ntm::task b = make_task("B", 10, {fs("A")});  // baseline 16–27 January
  b.lead = "x";
  b.actual.start = d(2023, 1, 17);
  b.actual.percent_complete = 40;
  ntm::task c = make_task("C", 5, {fs("B")});  // baseline 30 January – 3 February
  c.lead = "y";
  ntm::task dd = make_task("D", 3);  // baseline 2–4 January, not started
  dd.lead = "x";
  ntm::task e = make_task("E", 2);
  e.lead = "y";
  e.window.start = parse_p("2023-02-01");
  ntm::task f = make_task("F", 1);  // no lead: left out of the reviews
  return {a, b, c, dd, e, f};
}

const ntm::task_progress& progress_row(const ntm::progress_report& r, const std::string& id) {
  for (const auto& p : r.tasks)
    if (p.id == id) return p;
  FAIL("no task " << id);
  throw 0;
}

}  // namespace

TEST_CASE("progress: re-forecast from actuals, variance and late tasks", "[schedule][progress]") {
  auto net = ntm::task_network::build(progress_tasks());
  REQUIRE_OK(net);
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  const ntm::schedule_options opt{d(2023, 1, 2), d(2023, 2, 28), 16};
  auto rep = ntm::analyze_progress(*net, cal, opt, {d(2023, 1, 20), ntm::review_cadence::month});
  REQUIRE_OK(rep);

  const auto& a = progress_row(*rep, "A");
  CHECK(a.state == ntm::task_state::finished);
  CHECK(a.percent_complete == 100);
  CHECK(a.baseline_finish == d(2023, 1, 13));
  CHECK(a.forecast_start == d(2023, 1, 2));
  CHECK(a.forecast_finish == d(2023, 1, 16));  // fixed at the actual date
  CHECK(a.finish_variance == 1);
  CHECK_FALSE(a.late_finish);

  // B: 40 % of 10 days done; 6 days left from Monday 23 January: 23–30 January.
  const auto& b = progress_row(*rep, "B");
  CHECK(b.state == ntm::task_state::in_progress);
  CHECK(b.forecast_start == d(2023, 1, 17));
  CHECK(b.forecast_finish == d(2023, 1, 30));
  CHECK(b.baseline_finish == d(2023, 1, 27));
  CHECK(b.finish_variance == 1);

  const auto& c = progress_row(*rep, "C");
  CHECK(c.state == ntm::task_state::not_started);
  CHECK(c.forecast_start == d(2023, 1, 31));
  CHECK(c.forecast_finish == d(2023, 2, 6));
  CHECK(c.finish_variance == 1);

  // D should have started (and finished) by the status date: it now starts after it.
  const auto& dd = progress_row(*rep, "D");
  CHECK(dd.late_start);
  CHECK(dd.late_finish);
  CHECK(dd.forecast_start == d(2023, 1, 23));
  CHECK(dd.forecast_finish == d(2023, 1, 25));
  CHECK(dd.finish_variance == 15);
  CHECK(rep->late == std::vector<std::string>{"D", "F"});

  const auto& e = progress_row(*rep, "E");
  CHECK(e.forecast_start == d(2023, 2, 1));
  CHECK(e.finish_variance == 0);

  // The forecast is a schedule: finished tasks are not critical; the rest follows the CPM.
  CHECK_FALSE(row(rep->forecast, "A").critical);
  CHECK(row(rep->forecast, "C").critical);
  CHECK(rep->forecast.project_finish == d(2023, 2, 6));
  REQUIRE(rep->forecast.deadline);
  CHECK(rep->forecast.deadline->met);
  CHECK(rep->forecast.deadline->chain == std::vector<std::string>{"B", "C"});

  // Reviews per lead body, for January, looking ahead to February.
  CHECK(rep->current_period.first == d(2023, 1, 1));
  CHECK(rep->next_period.last == d(2023, 2, 28));
  REQUIRE(rep->reviews.size() == 2);
  const auto& x = rep->reviews[0];
  CHECK(x.body == "x");
  CHECK(x.done == std::vector<std::string>{"A"});
  CHECK(x.in_progress == std::vector<std::string>{"B"});
  CHECK(x.late == std::vector<std::string>{"D"});
  CHECK(x.due == std::vector<std::string>{"A", "B", "D"});
  CHECK(x.upcoming.empty());
  const auto& y = rep->reviews[1];
  CHECK(y.body == "y");
  CHECK(y.due.empty());
  CHECK(y.upcoming == std::vector<std::string>{"C", "E"});
}

TEST_CASE("progress: quarterly reviews and a late start that breaks a window", "[schedule][progress]") {
  ntm::task a = make_task("survey", 20);
  a.lead = "dia_chinh_xd_mt";
  a.window.start = parse_p("Quý I/2023");
  a.window.finish = a.window.start;
  auto net = ntm::task_network::build({a});
  REQUIRE_OK(net);
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  auto rep = ntm::analyze_progress(*net, cal, {d(2023, 1, 2), {}, 16}, {d(2023, 3, 15), ntm::review_cadence::quarter});
  REQUIRE_OK(rep);
  CHECK(rep->current_period == parse_p("Quý I/2023"));
  CHECK(rep->next_period == parse_p("Quý II/2023"));
  CHECK(rep->reviews.at(0).late == std::vector<std::string>{"survey"});
  CHECK(rep->reviews.at(0).upcoming == std::vector<std::string>{"survey"});  // it finishes in April now
  REQUIRE(rep->forecast.window_conflicts.size() == 1);
  CHECK(rep->forecast.window_conflicts[0].message.find("has not started by the status date") != std::string::npos);
}

TEST_CASE("progress: actuals that contradict themselves or the status date", "[schedule][progress]") {
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  ntm::task a = make_task("A", 5);
  a.actual.start = d(2023, 2, 1);
  auto net = ntm::task_network::build({a});
  REQUIRE_OK(net);
  auto rep = ntm::analyze_progress(*net, cal, {d(2023, 1, 2), {}, 16}, {d(2023, 1, 20), ntm::review_cadence::month});
  REQUIRE_ERROR(rep, errc::invalid_progress);
  CHECK(rep.error().message.find("after the status date") != std::string::npos);
  CHECK(rep.error().where.pointer == "/tasks/0/actual");

  ntm::task over = make_task("over", 5);
  over.actual.start = d(2023, 1, 2);
  over.actual.percent_complete = 140;
  ntm::task backwards = make_task("backwards", 5);
  backwards.actual.start = d(2023, 1, 10);
  backwards.actual.finish = d(2023, 1, 5);
  ntm::task no_start = make_task("no_start", 5);
  no_start.actual.percent_complete = 30;
  auto bad = ntm::task_network::build({over, backwards, no_start});
  REQUIRE_ERROR(bad, errc::invalid_progress);
  REQUIRE(bad.error().details.size() == 3);
  CHECK(bad.error().details[0].where.pointer == "/tasks/0/actual/percent_complete");
  CHECK(bad.error().details[1].where.pointer == "/tasks/1/actual/finish");
  CHECK(bad.error().details[2].where.pointer == "/tasks/2/actual/start");

  auto other = ntm::task_network::build({make_task("Z", 1)});
  REQUIRE_OK(other);
  auto base = other->schedule(cal, {d(2023, 1, 2), {}, 16});
  REQUIRE_OK(base);
  REQUIRE_ERROR(ntm::analyze_progress(*net, cal, {d(2023, 1, 2), {}, 16}, {d(2023, 3, 1), ntm::review_cadence::month}, *base),
                errc::invalid_argument);
  REQUIRE_ERROR(ntm::analyze_progress(*net, cal, {d(2023, 1, 2), {}, 16}, {d(2024, 3, 1), ntm::review_cadence::month}),
                errc::out_of_calendar);
}
