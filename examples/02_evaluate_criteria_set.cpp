// SPDX-License-Identifier: MIT
// Example 02: load the Hải Dương advanced criteria set (a JSON file written by hand), compile
// it, evaluate Thạch Lỗi's facts at the start of 2023, and explain a result in Vietnamese
// and English. Then show the located error a mistyped set gets.
#include <iostream>

#include <ntm/ntm.hpp>

int main() {
  auto set = ntm::load_criteria_set("thach-loi-2023/hai-duong-nang-cao-2021-2025.json");
  if (!set) {
    std::cerr << ntm::format(set.error()) << '\n';
    return 1;
  }
  auto prog = ntm::compile(*set);
  if (!prog) {
    std::cerr << ntm::format(prog.error()) << '\n';
    return 1;
  }
  auto facts = ntm::load_facts(*prog, "thach-loi-2023/facts-2023-01.json");
  if (!facts) {
    std::cerr << ntm::format(facts.error()) << '\n';
    return 1;
  }
  ntm::evaluate_options options;
  options.at = *ntm::parse_date("2023-01-01");
  auto a = prog->evaluate(*facts, options);
  if (!a) return 1;

  for (const ntm::rule_outcome* c : a->criteria())
    std::cout << c->id << "\t" << ntm::status_label(c->result, ntm::lang::vi) << "\t" << c->name.vi << '\n';
  std::cout << a->explain(a->standard_id) << '\n';
  std::cout << a->explain("TC10.1") << '\n';
  std::cout << a->explain("TC10.1", ntm::lang::en) << '\n';

  // Which facts and parameters decide the income criterion?
  auto lin = prog->lineage_of("TC10");
  std::cout << "TC10 depends on:";
  for (const auto& f : lin->facts) std::cout << ' ' << f;
  for (const auto& p : lin->parameters) std::cout << ' ' << p;
  std::cout << '\n';

  // A mistake in a hand-written set: a percentage compared with money.
  auto broken = ntm::parse_criteria_set(R"json({
  "id": "broken", "title": "broken",
  "facts": [{"id": "income", "type": "money", "label": "Thu nhập"},
            {"id": "bhyt", "type": "percent", "label": "BHYT"}],
  "criteria": [{"id": "TC1", "number": 1, "name": "x", "indicators": [
    {"id": "TC1.1", "name": "x", "condition": "bhyt >= income"}]}]
})json", "broken.json");
  std::cout << ntm::format(ntm::compile(*broken).error()) << '\n';
  return 0;
}
