// SPDX-License-Identifier: MIT
// Example 05: the Thạch Lỗi funding plan (thach-loi-2023/funding.json) reconciled against
// the figures its document states, then projected over a timeline of the 2023 roadmap: the
// gap the document announces (13,3 tỷ) and the gap that no source can pay in time.
#include <iostream>

#include <ntm/ntm.hpp>

namespace {

ntm::funding_timeline::task_dates task(int m1, int d1, int m2, int d2) {
  ntm::funding_timeline::task_dates t;
  t.planned_start = ntm::date(2023, m1, d1);
  t.planned_finish = ntm::date(2023, m2, d2);
  return t;
}

// Exact, in tỷ/triệu ("13,3 tỷ").
std::string ty(ntm::money m) { return ntm::format_money(m); }
// Rounded to 0,01 tỷ, for the monthly table.
std::string ty2(ntm::money m) {
  ntm::money_format f;
  f.unit = ntm::money_unit::ty;
  f.max_decimals = 2;
  return ntm::format_money(m, f);
}

}  // namespace

int main() {
  auto plan = ntm::load_funding("thach-loi-2023/funding.json");
  if (!plan) {
    std::cerr << ntm::format(plan.error()) << '\n';
    return 1;
  }
  auto r = ntm::reconcile(*plan);
  if (!r) {
    std::cerr << ntm::format(r.error()) << '\n';
    return 1;
  }
  std::cout << "A (nhu cầu)       = " << ty(r->needs_total) << '\n';
  for (const ntm::criterion_total& c : r->by_criterion) std::cout << "  " << c.criterion << ": " << ty(c.amount) << '\n';
  std::cout << "B (nguồn)         = " << ty(r->sources_total) << ", không điều kiện " << ty(r->unconditional_sources_total) << '\n';
  for (const ntm::source_total& s : r->by_source)
    std::cout << "  " << s.source << ": " << ty(s.amount) << (s.conditional ? " (có điều kiện)" : "")
              << (s.basis.empty() ? "" : " = " + s.basis) << '\n';
  std::cout << "A - B             = " << ty(r->gap) << '\n';
  std::cout << "Chênh lệch số liệu (ghi / tính / chênh):\n";
  for (const ntm::stated_check& d : r->discrepancies())
    std::cout << "  " << d.figure << ": " << ty(d.stated) << " / " << ty(d.computed) << " / " << ty(d.difference) << "  ["
              << d.where << "]\n";
  std::cout << "Đề nghị: " << r->request->body << '\n';

  // The roadmap as a timeline: the hall in May–June, the auction in Q2, plates and wifi
  // April–September, sports equipment in Q3, road and waste model in Q4, the standard met on
  // 31/12/2023.
  ntm::funding_timeline tl;
  tl.tasks["multipurpose_hall"] = task(5, 1, 6, 30);
  tl.tasks["auction_proceeds"] = task(7, 1, 7, 30);  // 30 days after the Q2 auction
  tl.tasks["public_free_wifi"] = task(4, 1, 9, 30);
  tl.tasks["outdoor_sports_equipment"] = task(7, 1, 9, 30);
  tl.tasks["axis_road_phase2"] = task(10, 1, 12, 31);
  tl.tasks["waste_sorting_model"] = task(10, 1, 12, 31);
  tl.rules["NC"] = ntm::date(2023, 12, 31);
  auto cash = ntm::project_cash(*plan, tl);
  if (!cash) {
    std::cerr << ntm::format(cash.error()) << '\n';
    return 1;
  }
  std::cout << "\nDòng tiền theo tháng (thu / chi / tồn quỹ cuối tháng):\n";
  for (const ntm::cash_month& m : cash->months)
    std::cout << "  " << m.month << "/" << m.year << ": " << ty2(m.inflow) << " / " << ty2(m.outflow) << " / " << ty2(m.closing) << '\n';
  std::cout << "Thiếu tiền lần đầu: " << ntm::format_date(*cash->first_short, ntm::lang::vi) << ", thiếu "
            << ntm::format_dong(cash->first_short_amount) << '\n';
  for (const ntm::source_cash& s : cash->sources) {
    std::cout << "  " << s.source << ": dùng " << ty(s.used) << ", không dùng được " << ty(s.unused);
    if (!s.too_late_for.empty()) {
      std::cout << "; đến quá muộn cho:";
      for (const std::string& n : s.too_late_for) std::cout << ' ' << n;
    }
    std::cout << '\n';
  }
  std::cout << "Thiếu hụt theo văn bản (A - B): " << ty(cash->plan_gap) << '\n';
  std::cout << "Thiếu hụt thực trong năm:      " << ty(cash->in_year_gap) << " (cần " << ty(cash->needed_in_period)
            << ", trả kịp " << ty(cash->funded_in_period) << ")\n";
  return 0;
}
