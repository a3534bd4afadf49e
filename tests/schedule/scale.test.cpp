// SPDX-License-Identifier: MIT
// Scale: 1,000,000 tasks and 3,000,000 dependencies. Hidden ([.]): run it on a Release
// build with `ntm_tests "[scale]"`; it prints the times and the peak memory.
#include <ntm/schedule/schedule.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>

#include <time.h>

#include "schedule/schedule_fixtures.hpp"

using namespace ntm_test;

namespace {

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// CPU seconds of this process: on a shared machine a fairer measure than wall time.
double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

TEST_CASE("schedule scale: a million tasks and three million dependencies", "[.][scale]") {
  // Each task depends on up to 3 of the 1,000 tasks before it, with random link types and
  // lags of -1..3 working days; durations of 0..9 working days.
  // NTM_SCALE_TASKS=250000 (etc.) measures other sizes, to check that growth is linear.
  const char* env = std::getenv("NTM_SCALE_TASKS");
  const std::size_t n = env ? static_cast<std::size_t>(std::stoul(env)) : 1000000;
  std::mt19937 rng(1);
  auto t0 = std::chrono::steady_clock::now();
  std::vector<ntm::task> tasks(n);
  for (std::size_t k = 0; k < n; ++k) {
    ntm::task& t = tasks[k];
    t.id = "t" + std::to_string(k);
    t.duration = static_cast<std::int32_t>(rng() % 10);
    if (k >= 3) {
      for (int p = 0; p < 3; ++p) {
        const std::size_t j = k - 1 - (rng() % std::min<std::size_t>(k, 1000));
        bool dup = false;
        for (const auto& x : t.depends_on) dup = dup || x.task == tasks[j].id;
        if (dup) continue;
        t.depends_on.push_back({tasks[j].id, static_cast<ntm::link_type>(rng() % 4), static_cast<std::int32_t>(rng() % 5) - 1});
      }
    }
  }
  std::size_t edges = 0;
  for (const auto& t : tasks) edges += t.depends_on.size();
  const double t_make = seconds_since(t0);
  const long rss_input = peak_rss_kib();

  ntm::calendar_spec spec;
  spec.first = d(2000, 1, 1);
  spec.last = d(2199, 12, 31);
  auto t1 = std::chrono::steady_clock::now();
  auto cal = ntm::calendar::build(spec);
  REQUIRE_OK(cal);
  const double t_cal = seconds_since(t1);

  auto t2 = std::chrono::steady_clock::now();
  const double c2 = cpu_now();
  auto net = ntm::task_network::build(std::move(tasks));
  REQUIRE_OK(net);
  const double t_build = seconds_since(t2);
  const double c_build = cpu_now() - c2;

  auto t3 = std::chrono::steady_clock::now();
  const double c3 = cpu_now();
  auto s = net->schedule(*cal, {d(2000, 1, 3), {}, 4});
  REQUIRE_OK(s);
  const double t_schedule = seconds_since(t3);
  const double c_schedule = cpu_now() - c3;

  WARN("tasks " << n << ", dependencies " << edges << "\n"
                << "  generate input     " << t_make << " s (peak RSS " << rss_input / 1024 << " MiB)\n"
                << "  calendar (200 y)   " << t_cal << " s\n"
                << "  network build      " << t_build << " s wall, " << c_build << " s CPU (ids, checks, CSR graph, cycle check, topological order)\n"
                << "  schedule           " << t_schedule << " s wall, " << c_schedule << " s CPU (both passes, floats, critical paths, sorted table)\n"
                << "  build + schedule   " << t_build + t_schedule << " s wall, " << c_build + c_schedule << " s CPU\n"
                << "  project            " << ntm::format_date(s->project_start) << " → " << ntm::format_date(s->project_finish)
                << " (" << s->duration << " working days), " << s->critical_paths.size() << " critical path(s), first of "
                << (s->critical_paths.empty() ? 0 : s->critical_paths[0].size()) << " tasks\n"
                << "  peak RSS           " << peak_rss_kib() / 1024 << " MiB");
  CHECK(s->tasks.size() == n);
  if (n <= 1000000) CHECK(peak_rss_kib() < 1024L * 1024);  // under 1 GiB, the input included
}
