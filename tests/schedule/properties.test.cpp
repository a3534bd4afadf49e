// SPDX-License-Identifier: MIT
// Properties of the critical-path method on random DAGs with fixed seeds, checked against
// an independent longest-path computation (plain relaxation until nothing changes).
#include <ntm/schedule/render.hpp>
#include <ntm/schedule/roadmap.hpp>

#include <algorithm>
#include <map>
#include <random>

#include "schedule/schedule_fixtures.hpp"

using namespace ntm_test;

namespace {

struct random_plan {
  std::vector<ntm::task> tasks;
};

// n tasks; task k may depend on up to 3 tasks created before it; the list is then shuffled
// so that dependencies point both ways in it.
random_plan make_random_plan(std::uint32_t seed, bool calendar_days) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> size(40, 250);
  const int n = size(rng);
  std::vector<ntm::task> tasks;
  for (int k = 0; k < n; ++k) {
    ntm::task t = make_task("t" + std::to_string(k), std::uniform_int_distribution<int>(0, 12)(rng));
    if (calendar_days && t.duration > 0 && rng() % 4 == 0) t.unit = ntm::duration_unit::calendar_days;
    if (rng() % 6 == 0) t.window.start = ntm::period{ntm::period_kind::day, d(2023, 1, 2) + boost::gregorian::date_duration(static_cast<int>(rng() % 200)),
                                                     d(2023, 1, 2) + boost::gregorian::date_duration(static_cast<int>(rng() % 200))};
    if (t.window.start) t.window.start->last = t.window.start->first;
    const int preds = k == 0 ? 0 : std::uniform_int_distribution<int>(0, std::min(3, k))(rng);
    std::vector<int> chosen;
    for (int p = 0; p < preds; ++p) {
      const int j = std::uniform_int_distribution<int>(std::max(0, k - 30), k - 1)(rng);
      if (std::find(chosen.begin(), chosen.end(), j) != chosen.end()) continue;
      chosen.push_back(j);
      const auto type = static_cast<ntm::link_type>(rng() % 4);
      const int lag = std::uniform_int_distribution<int>(-3, 5)(rng);
      t.depends_on.push_back({"t" + std::to_string(j), type, lag});
    }
    tasks.push_back(std::move(t));
  }
  std::shuffle(tasks.begin(), tasks.end(), rng);
  return {std::move(tasks)};
}

// Early start marks by relaxation, without a topological order: repeat until stable.
std::vector<long> independent_early_starts(const std::vector<ntm::task>& tasks, const ntm::calendar& cal, ntm::date start) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < tasks.size(); ++i) index[tasks[i].id] = i;
  const long base = *cal.working_days_between(cal.first(), start);  // the start is a working day here
  std::vector<long> es(tasks.size(), 0);
  for (std::size_t i = 0; i < tasks.size(); ++i)
    if (tasks[i].window.start) {
      const ntm::date w = *cal.next_working_day(tasks[i].window.start->first);
      es[i] = std::max<long>(0, *cal.working_days_between(cal.first(), w) - base + (tasks[i].duration == 0 ? 1 : 0));
    }
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t v = 0; v < tasks.size(); ++v) {
      for (const auto& dep : tasks[v].depends_on) {
        const std::size_t u = index.at(dep.task);
        const long eu = es[u], fu = es[u] + tasks[u].duration, dv = tasks[v].duration;
        long bound = 0;
        switch (dep.type) {
          case ntm::link_type::finish_to_start: bound = fu + dep.lag; break;
          case ntm::link_type::start_to_start: bound = eu + dep.lag; break;
          case ntm::link_type::finish_to_finish: bound = fu + dep.lag - dv; break;
          case ntm::link_type::start_to_finish: bound = eu + dep.lag - dv; break;
        }
        if (bound > es[v]) {
          es[v] = bound;
          changed = true;
        }
      }
    }
  }
  return es;
}

}  // namespace

TEST_CASE("cpm properties on random DAGs with fixed seeds", "[schedule][property]") {
  auto spec = ntm::load_calendar(source_dir() + "/data/calendars/vn-public-holidays.json");
  REQUIRE_OK(spec);
  auto cal = ntm::calendar::build(*spec);
  REQUIRE_OK(cal);
  const ntm::date start = d(2023, 1, 3);
  for (const std::uint32_t seed : {1u, 2u, 3u, 42u, 2023u, 4242u, 77777u, 123456u}) {
    for (const bool calendar_days : {false, true}) {
      INFO("seed " << seed << (calendar_days ? " with calendar-day tasks" : ""));
      const random_plan plan = make_random_plan(seed, calendar_days);
      auto net = ntm::task_network::build(plan.tasks);
      REQUIRE_OK(net);
      auto s = net->schedule(*cal, {start, {}, 8});
      REQUIRE_OK(s);
      const auto& tasks = plan.tasks;
      auto marks = [&](const std::string& id) { return s->tasks[s->row_of[*net->index_of(id)]].marks; };
      // Every early start honours each predecessor's constraint, lag included, the project
      // start and the start window; no task starts on a non-working day.
      for (const auto& t : tasks) {
        const auto m = marks(t.id);
        CHECK(m.early_start >= 0);
        const auto& r = s->tasks[s->row_of[*net->index_of(t.id)]];
        if (!r.milestone) CHECK(*cal->is_working_day(r.early_start));
        if (t.window.start) CHECK(!(r.milestone ? r.early_finish < t.window.start->first : r.early_start < t.window.start->first));
        for (const auto& dep : t.depends_on) {
          const auto p = marks(dep.task);
          switch (dep.type) {
            case ntm::link_type::finish_to_start: CHECK(m.early_start >= p.early_finish + dep.lag); break;
            case ntm::link_type::start_to_start: CHECK(m.early_start >= p.early_start + dep.lag); break;
            case ntm::link_type::finish_to_finish: CHECK(m.early_finish >= p.early_finish + dep.lag); break;
            case ntm::link_type::start_to_finish: CHECK(m.early_finish >= p.early_start + dep.lag); break;
          }
        }
      }
      // A feasible schedule (no finish windows): floats are never negative, free ≤ total.
      for (const auto& r : s->tasks) {
        CHECK(r.total_float >= 0);
        CHECK(r.free_float >= 0);
        CHECK(r.free_float <= r.total_float);
        CHECK(r.critical == (r.total_float == 0));
      }
      // Critical paths: zero float all along, each step a dependency, and as long as the
      // project: the last task finishes with the project.
      REQUIRE_FALSE(s->critical_paths.empty());
      for (const auto& path : s->critical_paths) {
        for (std::size_t k = 0; k < path.size(); ++k) {
          CHECK(s->tasks[s->row_of[*net->index_of(path[k])]].total_float == 0);
          if (k == 0) continue;
          const auto& deps = tasks[*net->index_of(path[k])].depends_on;
          CHECK(std::any_of(deps.begin(), deps.end(), [&](const ntm::dependency& x) { return x.task == path[k - 1]; }));
        }
      }
      const auto& first_path = s->critical_paths.front();
      CHECK(marks(first_path.back()).early_finish == s->duration);
      if (!calendar_days) {
        // The independent longest-path computation agrees on every early start, hence on the
        // length of the critical path.
        const auto es = independent_early_starts(tasks, *cal, start);
        long longest = 0;
        for (std::size_t i = 0; i < tasks.size(); ++i) {
          CHECK(marks(tasks[i].id).early_start == es[i]);
          longest = std::max<long>(longest, es[i] + tasks[i].duration);
        }
        CHECK(s->duration == longest);
      }
      // Deterministic: the same input gives byte-identical output.
      auto again = ntm::task_network::build(plan.tasks);
      REQUIRE_OK(again);
      auto s2 = again->schedule(*cal, {start, {}, 8});
      REQUIRE_OK(s2);
      CHECK(ntm::to_json(*s2) == ntm::to_json(*s));
    }
  }
}
