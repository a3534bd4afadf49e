// SPDX-License-Identifier: MIT
// Example 02: the Thạch Lỗi 2023 roadmap scheduled on Vietnam's working calendar — the
// task table, the critical path, the deadline — and what happens if the axis road takes
// its pessimistic estimate.
#include <iomanip>
#include <iostream>

#include <ntm/ntm.hpp>

namespace {

void print_deadline(const ntm::schedule_result& s) {
  const ntm::deadline_report& d = *s.deadline;
  std::cout << "Hoàn thành " << ntm::format_date(d.project_finish, ntm::lang::vi) << ", hạn " << ntm::format_date(d.deadline, ntm::lang::vi);
  if (d.met) std::cout << ": kịp hạn\n";
  else std::cout << ": trễ " << d.working_days_late << " ngày làm việc (" << d.calendar_days_late << " ngày lịch)\n";
  std::cout << "Chuỗi quyết định:";
  for (const auto& id : d.chain) std::cout << ' ' << id;
  std::cout << '\n';
}

}  // namespace

int main() {
  auto roadmap = ntm::load_roadmap("thach-loi-2023/roadmap.json");
  if (!roadmap) {
    std::cerr << ntm::format(roadmap.error()) << '\n';
    return 1;
  }
  auto s = ntm::schedule_roadmap(*roadmap);
  if (!s) {
    std::cerr << ntm::format(s.error()) << '\n';
    return 1;
  }
  std::cout << "Việc                        Bắt đầu     Kết thúc    Dự trữ\n";
  for (const auto& row : s->tasks) {
    std::cout << std::left << std::setw(28) << row.id << ntm::format_date(row.early_start, ntm::lang::vi) << "  "
              << ntm::format_date(row.early_finish, ntm::lang::vi) << "  " << std::right << std::setw(4) << row.total_float
              << (row.critical ? "  *" : "") << '\n';
  }
  std::cout << "Đường găng:";
  for (const auto& id : s->critical_paths.at(0)) std::cout << ' ' << id;
  std::cout << '\n';
  print_deadline(*s);

  // What if the axis road takes its pessimistic estimate?
  for (auto& t : roadmap->tasks)
    if (t.id == "axis_road_phase2") t.duration = static_cast<std::int32_t>(t.estimate->pessimistic);
  auto late = ntm::schedule_roadmap(*roadmap);
  std::cout << "\nNếu đường trục xã mất 75 ngày làm việc:\n";
  print_deadline(*late);
  for (const auto& c : late->window_conflicts) std::cout << "- " << c.message << '\n';
  return 0;
}
