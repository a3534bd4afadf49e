// SPDX-License-Identifier: MIT
// Builders for schedule tests: tasks, dependencies and calendars in one line each.
#ifndef NTM_TESTS_SCHEDULE_SCHEDULE_FIXTURES_HPP_
#define NTM_TESTS_SCHEDULE_SCHEDULE_FIXTURES_HPP_

#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include <unistd.h>

#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/schedule.hpp>
#include <ntm/schedule/task.hpp>

#include "support/result_matchers.hpp"

namespace Catch {
template <>
struct StringMaker<boost::gregorian::date> {
  static std::string convert(const boost::gregorian::date& v) { return v.is_special() ? "not-a-date" : ntm::format_date(v); }
};
}  // namespace Catch

namespace ntm_test {

inline ntm::date d(int y, int m, int day) { return ntm::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(day)); }

inline ntm::dependency fs(std::string id, int lag = 0) { return {std::move(id), ntm::link_type::finish_to_start, lag}; }
inline ntm::dependency ss(std::string id, int lag = 0) { return {std::move(id), ntm::link_type::start_to_start, lag}; }
inline ntm::dependency ff(std::string id, int lag = 0) { return {std::move(id), ntm::link_type::finish_to_finish, lag}; }
inline ntm::dependency sf(std::string id, int lag = 0) { return {std::move(id), ntm::link_type::start_to_finish, lag}; }

inline ntm::task make_task(std::string id, int duration, std::vector<ntm::dependency> deps = {}) {
  ntm::task t;
  t.name.vi = "Việc " + id;
  t.id = std::move(id);
  t.duration = duration;
  t.depends_on = std::move(deps);
  return t;
}

inline ntm::period parse_p(const char* text) {
  auto p = ntm::parse_period(text);
  REQUIRE_OK(p);
  return *p;
}

/// Monday–Friday without holidays over [first, last].
inline ntm::calendar weekdays(ntm::date first, ntm::date last) {
  ntm::calendar_spec spec;
  spec.id = "weekdays";
  spec.first = first;
  spec.last = last;
  auto c = ntm::calendar::build(spec);
  REQUIRE_OK(c);
  return *c;
}

inline ntm::schedule_result schedule_ok(const std::vector<ntm::task>& tasks, const ntm::calendar& cal, ntm::schedule_options opt) {
  auto net = ntm::task_network::build(tasks);
  REQUIRE_OK(net);
  auto s = net->schedule(cal, opt);
  REQUIRE_OK(s);
  return *s;
}

inline const ntm::task_schedule& row(const ntm::schedule_result& s, const std::string& id) {
  const ntm::task_schedule* r = s.find(id);
  INFO("task " << id);
  REQUIRE(r != nullptr);
  return *r;
}

inline std::string source_dir() { return NTM_SOURCE_DIR; }

/// A path for a scratch file in the system's temporary directory, unique to this process.
inline std::string scratch_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("ntm-test-" + std::to_string(::getpid()) + "-" + name)).string();
}

}  // namespace ntm_test

#endif  // NTM_TESTS_SCHEDULE_SCHEDULE_FIXTURES_HPP_
