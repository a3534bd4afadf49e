// SPDX-License-Identifier: MIT
// The shipped criteria sets load, compile, pass their own data test cases, and reproduce
// the seed plan's status at the start of 2023.
#include <ntm/io/json.hpp>
#include <ntm/rules/program.hpp>

#include "support/result_matchers.hpp"

namespace {
const std::string dir = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";

ntm::program load(const std::string& name) {
  auto set = ntm::load_criteria_set(dir + name);
  REQUIRE_OK(set);
  auto prog = ntm::compile(*set);
  REQUIRE_OK(prog);
  return *prog;
}
}  // namespace

TEST_CASE("shipped sets: each passes its data test cases", "[rules][shipped]") {
  for (const char* name : {"hai-duong-nang-cao-2021-2025", "qd18-2022-recognition", "qd319-2022-model-commune"}) {
    CAPTURE(name);
    const ntm::program prog = load(std::string(name) + ".json");
    auto suite = ntm::load_test_suite(dir + name + ".tests.json");
    REQUIRE_OK(suite);
    const ntm::test_report report = ntm::run_test_suite(prog, *suite);
    for (const auto& f : report.failures) UNSCOPED_INFO(f.test << " / " << f.rule << ": expected " << f.expected << ", got " << f.actual << " — " << f.message);
    CHECK(report.ok());
    CHECK(report.cases == suite->cases.size());
    CHECK(report.cases >= 3);
  }
}

TEST_CASE("shipped sets: Thạch Lỗi at the start of 2023 meets 12 of 19 criteria", "[rules][shipped]") {
  const ntm::program prog = load("hai-duong-nang-cao-2021-2025.json");
  CHECK(prog.criteria().size() == 19);
  auto facts = ntm::load_facts(prog, dir + "facts-2023-01.json");
  REQUIRE_OK(facts);
  ntm::evaluate_options opt;
  opt.at = *ntm::parse_date("2023-01-01");
  auto a = prog.evaluate(*facts, opt);
  REQUIRE_OK(a);
  std::vector<std::string> met, not_met;
  for (const ntm::rule_outcome* c : a->criteria()) (c->result == ntm::status::met ? met : not_met).push_back(c->id);
  CHECK(met == std::vector<std::string>{"TC1", "TC3", "TC4", "TC7", "TC9", "TC11", "TC12", "TC14", "TC15", "TC16", "TC18", "TC19"});
  CHECK(not_met == std::vector<std::string>{"TC2", "TC5", "TC6", "TC8", "TC10", "TC13", "TC17"});
  const ntm::rule_outcome* crit = a->find("TC2");
  CHECK(crit->not_met == 2);
  CHECK(a->explain("TC2") == "Chưa đạt: Đạt 1/3 chỉ tiêu; chưa đạt: TC2.1, TC2.2");
  CHECK(a->explain("TC10.1") ==
        "Chưa đạt: Thu nhập bình quân đầu người 59,58 triệu đồng/người/năm; yêu cầu ≥ 68 triệu đồng/người/năm "
        "(QĐ 2581/QĐ-UBND, TC10 — năm 2023 (theo trích dẫn trong kế hoạch xã Thạch Lỗi)); còn thiếu 8,42 triệu đồng/người/năm, đạt 87,6% mức yêu cầu");
  CHECK(a->standard().met == 12);
  CHECK(a->standard().result == ntm::status::not_met);
}
