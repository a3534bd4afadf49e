// SPDX-License-Identifier: MIT
#include <ntm/io/json.hpp>
#include <ntm/rules/program.hpp>

#include "support/result_matchers.hpp"

using ntm::errc;
using ntm::status;

namespace {

const char* income_set = R"json({
  "id": "income-test",
  "title": "Thu nhập",
  "facts": [
    {"id": "income_per_capita", "type": "money", "label": {"vi": "Thu nhập bình quân đầu người", "en": "Income per capita"}}
  ],
  "parameters": [
    {"id": "income_min", "type": "money", "label": "Thu nhập tối thiểu",
     "values": [
       {"from": "2022-01-01", "to": "2022-12-31", "value": "64 triệu", "reference": "QĐ 2581/QĐ-UBND, TC10 (2022)"},
       {"from": "2023-01-01", "value": "68 triệu", "reference": "QĐ 2581/QĐ-UBND, TC10 (2023)"}
     ]}
  ],
  "criteria": [
    {"id": "TC10", "number": 10, "name": "Thu nhập",
     "indicators": [
       {"id": "TC10.1", "name": "Thu nhập bình quân đầu người", "condition": "income_per_capita >= income_min"}
     ]}
  ]
})json";

ntm::program compiled(const char* text) {
  auto set = ntm::parse_criteria_set(text, "income.json");
  REQUIRE_OK(set);
  auto prog = ntm::compile(*set);
  REQUIRE_OK(prog);
  return *prog;
}

}  // namespace

TEST_CASE("rules: the seed's income indicator under the 2022 and 2023 thresholds", "[rules][income]") {
  ntm::program prog = compiled(income_set);
  ntm::fact_table facts = prog.make_facts();
  REQUIRE_OK(facts.set("income_per_capita", ntm::value::of_money(*ntm::parse_money("59,58 triệu"))));
  ntm::evaluate_options opt;
  opt.at = *ntm::parse_date("2023-12-31");
  auto a = prog.evaluate(facts, opt);
  REQUIRE_OK(a);
  const ntm::rule_outcome* ind = a->find("TC10.1");
  REQUIRE(ind);
  CHECK(ind->result == status::not_met);
  REQUIRE(ind->checks.size() == 1);
  const ntm::check_detail& c = ind->checks[0];
  CHECK(c.threshold->as_money().dong() == 68'000'000);
  CHECK(c.shortfall->as_money().dong() == 8'420'000);
  CHECK(c.attainment->to_string() == "87.617647");
  CHECK(c.reference == "QĐ 2581/QĐ-UBND, TC10 (2023)");
  INFO(a->explain("TC10.1"));
  CHECK(a->explain("TC10.1") ==
        "Chưa đạt: Thu nhập bình quân đầu người 59,58 triệu; yêu cầu ≥ 68 triệu (QĐ 2581/QĐ-UBND, TC10 (2023)); còn thiếu 8,42 triệu (đạt 87,6% mức yêu cầu)");
  CHECK(a->standard().result == status::not_met);

  opt.at = *ntm::parse_date("2022-12-31");
  auto a22 = prog.evaluate(facts, opt);
  REQUIRE_OK(a22);
  CHECK(a22->find("TC10.1")->checks[0].shortfall->as_money().dong() == 4'420'000);

  REQUIRE_OK(facts.set("income_per_capita", ntm::value::of_money(*ntm::parse_money("70 triệu"))));
  auto met = prog.evaluate(facts, opt);
  CHECK(met->find("TC10.1")->result == status::met);
  CHECK(met->standard().result == status::met);

  facts.clear(*facts.slot("income_per_capita"));
  auto unknown = prog.evaluate(facts, opt);
  CHECK(unknown->find("TC10.1")->result == status::unknown);
  CHECK(unknown->find("TC10.1")->missing_facts == std::vector<std::string>{"income_per_capita"});
  CHECK(unknown->standard().result == status::unknown);

  opt.at = *ntm::parse_date("2021-06-30");
  auto before = prog.evaluate(facts, opt);
  REQUIRE_OK(before);
  CHECK(before->find("TC10.1")->result == status::error);
  CHECK(before->find("TC10.1")->message.find("income_min") != std::string::npos);
}
