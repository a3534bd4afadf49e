// SPDX-License-Identifier: MIT
// Helpers shared by the ledger tests.
#ifndef NTM_TESTS_LEDGER_LEDGER_TEST_UTIL_HPP_
#define NTM_TESTS_LEDGER_LEDGER_TEST_UTIL_HPP_

#include <cstdint>
#include <string>

#include <ntm/core/date.hpp>
#include <ntm/core/money.hpp>
#include <ntm/ledger/cash_flow.hpp>
#include <ntm/ledger/funding.hpp>
#include <ntm/ledger/funding_io.hpp>

#include "support/result_matchers.hpp"

namespace ledger_test {

inline ntm::money dong(std::int64_t v) { return ntm::money::from_dong(v); }
inline ntm::money ty(std::int64_t tenths) { return ntm::money::from_dong(tenths * 100'000'000); }  // ty(238) = 23,8 tỷ
inline ntm::date day(int y, int m, int d) {
  return ntm::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

inline std::string seed_funding_path() { return std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/funding.json"; }

inline ntm::funding_plan seed_plan() {
  auto plan = ntm::load_funding(seed_funding_path());
  REQUIRE_OK(plan);
  return *plan;
}

inline ntm::funding_timeline::task_dates task(ntm::date start, ntm::date finish) {
  ntm::funding_timeline::task_dates t;
  t.planned_start = start;
  t.planned_finish = finish;
  return t;
}

/// A timeline for the seed, following its roadmap: the hall in May–June, the auction in Q2,
/// plates and wifi April–September, sports equipment in Q3, the road and the waste model in
/// Q4; the standard is met when the last works finish, on 31/12/2023.
inline ntm::funding_timeline seed_timeline() {
  ntm::funding_timeline tl;
  tl.tasks["multipurpose_hall"] = task(day(2023, 5, 1), day(2023, 6, 30));
  tl.tasks["auction_proceeds"] = task(day(2023, 7, 1), day(2023, 7, 30));  // 30 days after the Q2 auction
  tl.tasks["public_free_wifi"] = task(day(2023, 4, 1), day(2023, 9, 30));
  tl.tasks["outdoor_sports_equipment"] = task(day(2023, 7, 1), day(2023, 9, 30));
  tl.tasks["axis_road_phase2"] = task(day(2023, 10, 1), day(2023, 12, 31));
  tl.tasks["waste_sorting_model"] = task(day(2023, 10, 1), day(2023, 12, 31));
  tl.rules["NC"] = day(2023, 12, 31);
  return tl;
}

}  // namespace ledger_test

#endif  // NTM_TESTS_LEDGER_LEDGER_TEST_UTIL_HPP_
