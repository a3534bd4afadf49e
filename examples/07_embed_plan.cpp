// SPDX-License-Identifier: MIT
// Example 07: embedding ntm in an application — load a plan, analyse it, explain what is
// missing, and ask what a three-month delay of the land auction would do.
#include <iostream>

#include <ntm/ntm.hpp>

int main() {
  auto plan = ntm::load_plan("thach-loi-2023/plan.json");
  if (!plan) return std::cerr << ntm::format(plan.error()) << '\n', 1;
  auto analysis = ntm::analyze(*plan);
  if (!analysis) return std::cerr << ntm::format(analysis.error()) << '\n', 1;

  std::cout << "Đạt chuẩn dự kiến: " << ntm::format_date(*analysis->goal.met_on, ntm::lang::vi) << '\n';
  for (const ntm::rule_projection& c : analysis->criteria)
    for (const ntm::rule_outcome* i : analysis->baseline.indicators_of(c.id))
      if (c.at_baseline != ntm::status::met && i->result != ntm::status::met)
        std::cout << i->id << ": " << analysis->baseline.explain(i->id) << '\n';

  auto delay = ntm::load_scenario("thach-loi-2023/scenarios/auction-delay-3m.json");
  auto compared = delay ? ntm::run_scenarios(*plan, {*delay}) : ntm::fail(delay.error());
  if (!compared) return std::cerr << ntm::format(compared.error()) << '\n', 1;
  std::cout << "Đấu giá chậm 3 tháng: đạt chuẩn lùi " << *compared->front().goal.days_moved << " ngày\n";
}
