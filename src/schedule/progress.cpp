// SPDX-License-Identifier: MIT
// Progress at a status date: late tasks, the forecast from actuals, variances, reviews.
#include <ntm/schedule/progress.hpp>

#include <map>

#include "schedule/scheduler.hpp"

NTM_BEGIN_NAMESPACE

const char* to_string(task_state s) noexcept {
  switch (s) {
    case task_state::in_progress: return "in_progress";
    case task_state::finished: return "finished";
    case task_state::not_started: break;
  }
  return "not_started";
}

namespace {

// The month or quarter holding `d`, and the one after it.
std::pair<period, period> review_periods(date d, review_cadence cadence) {
  const int y = d.year();
  if (cadence == review_cadence::quarter) {
    const int q = (d.month() - 1) / 3 + 1;
    return {*quarter_period(y, q), q == 4 ? *quarter_period(y + 1, 1) : *quarter_period(y, q + 1)};
  }
  const int m = d.month();
  return {*month_period(y, m), m == 12 ? *month_period(y + 1, 1) : *month_period(y, m + 1)};
}

}  // namespace

result<progress_report> analyze_progress(const task_network& network, const calendar& cal, const schedule_options& options,
                                         const progress_options& progress) {
  NTM_TRY(baseline, network.schedule(cal, options));
  return analyze_progress(network, cal, options, progress, baseline);
}

result<progress_report> analyze_progress(const task_network& network, const calendar& cal, const schedule_options& options,
                                         const progress_options& progress, const schedule_result& baseline) {
  const auto& tasks = network.tasks();
  if (baseline.row_of.size() != tasks.size() || baseline.tasks.size() != tasks.size())
    return fail(errc::invalid_argument, "the baseline has " + std::to_string(baseline.tasks.size()) + " tasks, the network " +
                                            std::to_string(tasks.size()));
  for (std::size_t i = 0; i < tasks.size(); ++i)
    if (baseline.tasks[baseline.row_of[i]].id != tasks[i].id)
      return fail(errc::invalid_argument, "the baseline does not belong to this network (task " + std::to_string(i) + " is \"" +
                                              tasks[i].id + "\" here, \"" + baseline.tasks[baseline.row_of[i]].id + "\" there)");
  if (progress.status_date.is_special()) return fail(errc::invalid_argument, "the status date is not a date");
  if (progress.status_date.year() >= max_year)  // the next review period must exist
    return fail(errc::date_invalid, "the status date " + format_date(progress.status_date) + " is in the last supported year");

  schedule_internal::run_options run;
  run.status = progress.status_date;
  NTM_TRY(forecast, schedule_internal::run_schedule(network, cal, options, run));

  progress_report out;
  out.status_date = progress.status_date;
  std::tie(out.current_period, out.next_period) = review_periods(progress.status_date, progress.cadence);
  const date status = progress.status_date;
  std::map<std::string, body_review> reviews;
  out.tasks.reserve(tasks.size());
  for (const task_schedule& f : forecast.tasks) {
    const task& t = tasks[f.index];
    const task_schedule& b = baseline.tasks[baseline.row_of[f.index]];
    task_progress p;
    p.id = t.id;
    p.index = f.index;
    p.lead = t.lead;
    p.state = t.actual.finish ? task_state::finished : t.actual.start ? task_state::in_progress : task_state::not_started;
    p.percent_complete = p.state == task_state::finished ? 100 : t.actual.percent_complete;
    p.baseline_start = b.early_start;
    p.baseline_finish = b.early_finish;
    p.forecast_start = f.early_start;
    p.forecast_finish = f.early_finish;
    p.late_start = p.state == task_state::not_started && !(status < b.early_start);
    p.late_finish = p.state != task_state::finished && !(status < b.early_finish);
    p.finish_variance = f.marks.early_finish - b.marks.early_finish;
    if (p.late_start || p.late_finish) out.late.push_back(p.id);
    if (!t.lead.empty()) {
      body_review& r = reviews[t.lead];
      r.body = t.lead;
      if (p.state == task_state::finished) r.done.push_back(p.id);
      if (p.state == task_state::in_progress) r.in_progress.push_back(p.id);
      if (p.late_start || p.late_finish) r.late.push_back(p.id);
      if (out.current_period.contains(b.early_finish)) r.due.push_back(p.id);
      if (p.state != task_state::finished &&
          (out.next_period.contains(f.early_start) || out.next_period.contains(f.early_finish)))
        r.upcoming.push_back(p.id);
    }
    out.tasks.push_back(std::move(p));
  }
  for (auto& [id, r] : reviews) out.reviews.push_back(std::move(r));
  out.baseline = baseline;
  out.forecast = std::move(forecast);
  return out;
}

NTM_END_NAMESPACE
