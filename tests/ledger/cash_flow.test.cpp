// SPDX-License-Identifier: MIT
#include <ntm/ledger/cash_flow.hpp>

#include <algorithm>
#include <string>

#include "ledger/ledger_test_util.hpp"

using namespace ledger_test;
using ntm::errc;

namespace {

ntm::funding_need make_need(std::string id, std::string criterion, std::int64_t amount, std::string task_id, ntm::payment_timing timing) {
  ntm::funding_need n;
  n.id = std::move(id);
  n.criterion = std::move(criterion);
  n.amount = dong(amount);
  n.task = std::move(task_id);
  n.payment = timing;
  return n;
}

// A hand-written plan:
//   road  (TC2)  1 tỷ     paid at the start of task A
//   hall  (TC5)  600 tr   spread over task B by month
//   waste (TC17) 100 tr   paid at the finish of task D
//   budget   500 tr from 1/1, any need
//   auction  800 tr 10 days after task C finishes, TC2 only
//   reward   300 tr when rule R is met
ntm::funding_plan hand_plan() {
  ntm::funding_plan p;
  p.span = *ntm::parse_period("năm 2023");
  p.needs = {make_need("road", "TC2", 1'000'000'000, "A", ntm::payment_timing::at_start),
             make_need("hall", "TC5", 600'000'000, "B", ntm::payment_timing::spread_monthly),
             make_need("waste", "TC17", 100'000'000, "D", ntm::payment_timing::at_finish)};
  ntm::funding_source budget;
  budget.id = "budget";
  budget.amount = dong(500'000'000);
  budget.available.from = day(2023, 1, 1);
  ntm::funding_source auction;
  auction.id = "auction";
  auction.amount = dong(800'000'000);
  auction.available.kind = ntm::availability_kind::after_task;
  auction.available.task = "C";
  auction.available.lag_days = 10;
  auction.eligible.criteria = {"TC2"};
  ntm::funding_source reward;
  reward.id = "reward";
  reward.amount = dong(300'000'000);
  reward.condition = ntm::funding_condition{"R", 0};
  p.sources = {budget, auction, reward};
  return p;
}

ntm::funding_timeline hand_timeline() {
  ntm::funding_timeline tl;
  tl.tasks["A"] = task(day(2023, 6, 1), day(2023, 8, 31));
  tl.tasks["B"] = task(day(2023, 4, 1), day(2023, 5, 31));
  tl.tasks["C"] = task(day(2023, 1, 1), day(2023, 5, 20));
  tl.tasks["D"] = task(day(2023, 7, 1), day(2023, 9, 1));
  tl.rules["R"] = day(2023, 9, 1);
  return tl;
}

const ntm::scheduled_arrival& arrival_of(const ntm::cash_report& r, const std::string& source) {
  return *std::find_if(r.arrivals.begin(), r.arrivals.end(), [&](const ntm::scheduled_arrival& a) { return a.source == source; });
}

}  // namespace

TEST_CASE("cash: payments, arrivals and the first shortfall from a hand-written timeline", "[ledger][cash]") {
  auto r = ntm::project_cash(hand_plan(), hand_timeline());
  REQUIRE_OK(r);
  // Payments in date order; the hall is split by the task's days in April (30) and May (31).
  REQUIRE(r->payments.size() == 4);
  CHECK(r->payments[0].need == "hall");
  CHECK(r->payments[0].due == day(2023, 4, 1));
  CHECK(r->payments[0].amount == dong(295'081'967));
  CHECK(r->payments[1].due == day(2023, 5, 1));
  CHECK(r->payments[1].amount == dong(304'918'033));
  CHECK(r->payments[2].need == "road");
  CHECK(r->payments[2].due == day(2023, 6, 1));
  CHECK(r->payments[3].need == "waste");
  CHECK(r->payments[3].due == day(2023, 9, 1));
  // Arrivals: the auction 10 days after task C, the reward when R is met.
  CHECK(arrival_of(*r, "auction").when == day(2023, 5, 30));
  CHECK(arrival_of(*r, "reward").when == day(2023, 9, 1));
  // Allocation: the budget pays April and part of May; the auction (TC2 only) pays the road.
  CHECK(r->payments[0].unfunded.is_zero());
  CHECK(r->payments[1].funded == dong(204'918'033));
  CHECK(r->payments[1].unfunded == dong(100'000'000));
  CHECK(r->payments[2].funded == dong(800'000'000));
  CHECK(r->payments[2].unfunded == dong(200'000'000));
  // The reward exists because R is met on 1/9: it cannot pay the waste model due that day.
  CHECK(r->payments[3].unfunded == dong(100'000'000));
  const ntm::source_cash& reward = r->sources[2];
  CHECK(reward.condition_met == day(2023, 9, 1));
  CHECK(reward.used.is_zero());
  CHECK(reward.unused == dong(300'000'000));
  CHECK(reward.too_late_for == std::vector<std::string>{"road", "hall", "waste"});
  CHECK(r->sources[1].too_late_for.empty());
  // The pooled position first goes below zero on 1/5, by 100 tr; the lowest is −300 tr on 1/6.
  REQUIRE(r->first_short);
  CHECK(*r->first_short == day(2023, 5, 1));
  CHECK(r->first_short_amount == dong(100'000'000));
  CHECK(r->lowest_date == day(2023, 6, 1));
  CHECK(r->lowest_position == dong(-300'000'000));
  CHECK(r->first_unfunded == day(2023, 5, 1));
  CHECK(r->first_unfunded_amount == dong(100'000'000));
  // By month: twelve months of 2023.
  REQUIRE(r->months.size() == 12);
  CHECK(r->months[0].inflow == dong(500'000'000));
  CHECK(r->months[0].closing == dong(500'000'000));
  CHECK(r->months[2].closing == dong(500'000'000));
  CHECK(r->months[4].inflow == dong(800'000'000));
  CHECK(r->months[4].closing == dong(700'000'000));
  CHECK(r->months[5].closing == dong(-300'000'000));
  CHECK(r->months[8].closing == dong(-100'000'000));
  CHECK(r->months[11].closing == dong(-100'000'000));
  // The in-year gap: what no source can pay in time.
  CHECK(r->needed_in_period == dong(1'700'000'000));
  CHECK(r->funded_in_period == dong(1'300'000'000));
  CHECK(r->in_year_gap == dong(400'000'000));
  CHECK(r->plan_gap == dong(100'000'000));
  // Needs not covered at their planned start: the hall (budget 500 tr on hand) and the road
  // (auction 800 tr on hand; the budget is spent).
  const auto short_at_start = r->unfunded_at_planned_start();
  REQUIRE(short_at_start.size() == 3);
  CHECK(short_at_start[0].need == "road");
  CHECK(short_at_start[0].on_hand_at_planned_start == dong(800'000'000));
  CHECK(short_at_start[0].short_at_planned_start == dong(200'000'000));
  CHECK(short_at_start[1].need == "hall");
  CHECK(short_at_start[1].on_hand_at_planned_start == dong(500'000'000));
  CHECK(short_at_start[1].unfunded == dong(100'000'000));
  CHECK(short_at_start[1].first_unfunded == day(2023, 5, 1));
  CHECK(short_at_start[2].need == "waste");
  CHECK(short_at_start[2].on_hand_at_planned_start.is_zero());
}

TEST_CASE("cash: eligibility decides which need a source pays", "[ledger][cash][eligibility]") {
  ntm::funding_plan p;
  p.span = *ntm::parse_period("năm 2023");
  p.needs = {make_need("sports", "TC6", 100, "T", ntm::payment_timing::at_start),
             make_need("road", "TC2", 100, "T", ntm::payment_timing::at_start)};
  ntm::funding_source s;
  s.id = "roads_only";
  s.amount = dong(100);
  s.eligible.needs = {"road"};
  p.sources = {s};
  ntm::funding_timeline tl;
  tl.tasks["T"] = task(day(2023, 3, 1), day(2023, 3, 31));
  auto r = ntm::project_cash(p, tl);
  REQUIRE_OK(r);
  CHECK(r->needs[0].unfunded == dong(100));  // first in date and plan order, but not eligible
  CHECK(r->needs[1].unfunded.is_zero());
  REQUIRE(r->allocations.size() == 1);
  CHECK(r->payments[r->allocations[0].payment].need == "road");
  // Unrestricted, the first payment takes it.
  p.sources[0].eligible = {};
  r = ntm::project_cash(p, tl);
  REQUIRE_OK(r);
  CHECK(r->needs[0].unfunded.is_zero());
  CHECK(r->needs[1].unfunded == dong(100));
}

TEST_CASE("cash: a schedule slip moves the payments and arrivals that hang on it", "[ledger][cash][slip]") {
  ntm::funding_timeline slipped = hand_timeline();
  slipped.tasks["C"].actual_finish = day(2023, 6, 20);  // the auction is late
  auto r = ntm::project_cash(hand_plan(), slipped);
  REQUIRE_OK(r);
  CHECK(arrival_of(*r, "auction").when == day(2023, 6, 30));
  CHECK(r->payments[2].need == "road");
  CHECK(r->payments[2].unfunded == dong(1'000'000'000));  // due 1/6, before the money
  // The road slips too (its actual start is later): the payment moves, the auction pays it.
  slipped.tasks["A"].actual_start = day(2023, 7, 3);
  r = ntm::project_cash(hand_plan(), slipped);
  REQUIRE_OK(r);
  CHECK(r->payments[2].need == "road");
  CHECK(r->payments[2].due == day(2023, 7, 3));
  CHECK(r->payments[2].funded == dong(800'000'000));
  CHECK(r->needs[0].planned_start == day(2023, 6, 1));  // the plan's start stays as planned
  // The standard slips into next year: the reward arrives after the period, unused.
  slipped.rules["R"] = day(2024, 2, 1);
  r = ntm::project_cash(hand_plan(), slipped);
  REQUIRE_OK(r);
  CHECK(arrival_of(*r, "reward").when == day(2024, 2, 1));
  CHECK(r->sources[2].arrives_later == dong(300'000'000));
  CHECK(r->sources[2].arrives_in_period.is_zero());
  CHECK(r->months.size() == 14);
  // Never met: it never arrives.
  slipped.rules["R"] = std::nullopt;
  r = ntm::project_cash(hand_plan(), slipped);
  REQUIRE_OK(r);
  CHECK(r->sources[2].never_arrives == dong(300'000'000));
  CHECK(r->arrivals.size() == 2);
}

TEST_CASE("cash: the timeline must have every task and rule the plan uses", "[ledger][cash]") {
  ntm::funding_timeline tl = hand_timeline();
  tl.tasks.erase("C");
  tl.rules.erase("R");
  auto r = ntm::project_cash(hand_plan(), tl);
  REQUIRE_ERROR(r, errc::timeline_missing);
  CHECK(r.error().details.size() == 2);
  tl = hand_timeline();
  tl.tasks["B"].planned_finish = day(2023, 3, 1);
  REQUIRE_ERROR(ntm::project_cash(hand_plan(), tl), errc::invalid_value);
}

TEST_CASE("cash: the seed's real in-year gap is 15,3 tỷ, not 13,3", "[ledger][cash][seed]") {
  const ntm::funding_plan plan = seed_plan();
  auto r = ntm::project_cash(plan, seed_timeline());
  REQUIRE_OK(r);
  CHECK(r->plan_gap == ty(133));
  // The 2 tỷ arrives only when the standard is met (31/12), after the works that meet it.
  const ntm::source_cash& province = r->sources[0];
  CHECK(province.condition_met == day(2023, 12, 31));
  CHECK(province.arrives_in_period == ty(20));
  CHECK(province.used.is_zero());
  CHECK(province.too_late_for.size() == 5);
  // The auction's 8 tỷ arrives on 30/7, after the hall was due: it pays the road.
  const ntm::source_cash& auction = r->sources[1];
  CHECK(auction.first_arrival == day(2023, 7, 30));
  CHECK(auction.used == ty(80));
  CHECK(auction.too_late_for == std::vector<std::string>{"multipurpose_hall"});
  CHECK(r->sources[2].used == ty(5));
  CHECK(r->needed_in_period == ty(238));
  CHECK(r->funded_in_period == ty(85));
  CHECK(r->in_year_gap == ty(153));
  CHECK(r->in_year_gap > r->plan_gap);
  // Money first runs short on 1/5, when the hall's May work is due.
  REQUIRE(r->first_short);
  CHECK(*r->first_short == day(2023, 5, 1));
  CHECK(r->first_short_amount == dong(3'049'180'328 - 206'849'315));
  CHECK(r->first_unfunded == day(2023, 5, 1));
  // Every need but the plates and wifi (people's money on hand in April) is short at its
  // planned start.
  const auto short_at_start = r->unfunded_at_planned_start();
  CHECK(short_at_start.size() == 4);
  CHECK(std::none_of(short_at_start.begin(), short_at_start.end(), [](const ntm::need_cash& n) { return n.need == "address_wifi"; }));
  // At year end the pooled cash is 23,8 − (10,5) = −13,3 tỷ: the plan's gap, as a position.
  CHECK(r->months.back().closing == ty(-133));
}

TEST_CASE("cash: the projection as a journal of pledges, receipts and payments", "[ledger][cash][journal]") {
  const ntm::funding_plan plan = seed_plan();
  auto j = ntm::make_plan_journal(plan, seed_timeline());
  REQUIRE_OK(j);
  auto stages = j->totals_by_stage();
  REQUIRE_OK(stages);
  CHECK(stages->pledged == ty(105));
  CHECK(stages->received == ty(105));
  CHECK(stages->outstanding.is_zero());
  CHECK(stages->disbursed == ty(238));
  CHECK(stages->cash == ty(-133));
  auto cash_mid_year = j->balance(*j->find_account("Quỹ:Ngân sách xã"), day(2023, 6, 30));
  REQUIRE_OK(cash_mid_year);
  CHECK(cash_mid_year->is_negative());
}
