// SPDX-License-Identifier: MIT
// The critical-path method on the task DAG: a forward pass (early dates), a backward pass
// (late dates), floats, critical chains, and the deadline and window reports.
//
// Everything runs on integer working-day marks of the calendar's index (O(1) per date
// conversion), so a pass is O(tasks + dependencies).
#include "schedule/scheduler.hpp"

#include "core/huge_pages.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

NTM_BEGIN_NAMESPACE

// --- task_network -------------------------------------------------------------------------

task_network::task_network(std::unique_ptr<impl> p) noexcept : impl_(std::move(p)) {}
task_network::task_network(task_network&&) noexcept = default;
task_network& task_network::operator=(task_network&&) noexcept = default;
task_network::~task_network() = default;

result<task_network> task_network::build(std::vector<task> tasks) {
  auto p = std::make_unique<impl>();
  p->tasks = std::move(tasks);
  std::vector<schedule_internal::issue> issues;
  if (!schedule_internal::build_task_graph(p->tasks, nullptr, p->graph, issues))
    return fail(schedule_internal::to_error(issues, "/tasks", "while building a task network of " + std::to_string(p->tasks.size()) + " tasks"));
  return task_network(std::move(p));
}

task_network task_network::clone() const {
  auto p = std::make_unique<impl>();
  p->tasks = impl_->tasks;
  p->graph = impl_->graph;
  return task_network(std::move(p));
}

const std::vector<task>& task_network::tasks() const noexcept { return impl_->tasks; }
std::size_t task_network::size() const noexcept { return impl_->tasks.size(); }

std::optional<std::size_t> task_network::index_of(std::string_view id) const {
  const std::uint32_t i = impl_->graph.ids.find(id);
  if (i == schedule_internal::id_index::npos) return std::nullopt;
  return i;
}

const std::vector<std::uint32_t>& task_network::topological_order() const noexcept { return impl_->graph.topo; }

result<schedule_result> task_network::schedule(const calendar& cal, const schedule_options& options) const {
  return schedule_internal::run_schedule(*this, cal, options, {});
}

result<schedule_result> task_network::schedule(const calendar& cal, const schedule_options& options,
                                               const std::vector<std::int32_t>& durations) const {
  schedule_internal::run_options run;
  run.durations = &durations;
  return schedule_internal::run_schedule(*this, cal, options, run);
}

const task_schedule* schedule_result::find(std::string_view id) const {
  for (const task_schedule& row : tasks)
    if (row.id == id) return &row;
  return nullptr;
}

// --- the engine -----------------------------------------------------------------------------

namespace schedule_internal {

namespace {

using A = calendar_access;
constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
constexpr std::int32_t no_limit = std::numeric_limits<std::int32_t>::max();

enum class fixed_kind : unsigned char { no, in_progress, finished };

// Per-run state in structure-of-arrays form: the passes touch a few integers per task.
class engine {
 public:
  engine(const task_network& net, const calendar& cal, const schedule_options& opt, const run_options& run)
      : tasks_(network_access::get(net).tasks), graph_(network_access::get(net).graph), g_(graph_.g), cal_(cal), opt_(opt), run_(run),
        n_(tasks_.size()), count_(A::count(cal)) {}

  result<schedule_result> operator()() {
    if (auto e = prepare(); !e) return fail(std::move(e).error());
    if (auto e = forward(); !e) return fail(std::move(e).error());
    backward();
    return report();
  }

  // The forward pass only, and the early dates it gives.
  result<void> early(std::vector<date>& start, std::vector<date>& finish) {
    NTM_CHECK(prepare());
    NTM_CHECK(forward());
    start.resize(n_);
    finish.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      start[i] = early_start_date(i);
      finish[i] = early_finish_date(i);
    }
    return {};
  }

 private:
  // --- conversions between dates and marks ------------------------------------------------
  bool calendar_days(std::size_t i) const { return nd_[i].calendar_days; }

  // The finish mark of task i starting at mark s; count_ + 1 when it falls beyond the range.
  std::int64_t finish_of(std::size_t i, std::int64_t s) const {
    if (nd_[i].dur == 0) return s;
    if (!calendar_days(i)) return s + nd_[i].dur;
    if (s < 0 || s >= count_) return static_cast<std::int64_t>(count_) + 1;
    const std::int64_t last_day = A::offset(cal_, A::date_of(cal_, static_cast<std::int32_t>(s))) + nd_[i].dur - 1;
    if (last_day >= A::days(cal_)) return static_cast<std::int64_t>(count_) + 1;
    return static_cast<std::int64_t>(A::floor_index(cal_, A::day(cal_, last_day))) + 1;
  }
  // The earliest start mark at which task i finishes at or after mark x.
  std::int64_t start_for_finish(std::size_t i, std::int64_t x) const {
    if (!calendar_days(i)) return x - nd_[i].dur;
    if (x <= 1) return x - nd_[i].dur;
    if (x - 1 >= count_) return x;  // beyond the range: finish_of reports it
    const std::int64_t day = A::offset(cal_, A::date_of(cal_, static_cast<std::int32_t>(x - 1))) - (nd_[i].dur - 1);
    return day <= 0 ? 0 : A::ceil_index(cal_, A::day(cal_, day));
  }
  // The latest start mark at which task i finishes at or before mark y.
  std::int64_t start_for_latest_finish(std::size_t i, std::int64_t y) const {
    if (!calendar_days(i)) return y - nd_[i].dur;
    if (y <= 0 || y > count_) return y - (nd_[i].ef - nd_[i].es);
    const std::int64_t day = A::offset(cal_, A::date_of(cal_, static_cast<std::int32_t>(y))) - nd_[i].dur;
    return day < 0 ? -1 : A::floor_index(cal_, A::day(cal_, day));
  }
  // The finish mark of task i at a late start mark (which may lie outside the range).
  std::int64_t late_finish_of(std::size_t i, std::int64_t s) const {
    if (calendar_days(i) && (s < 0 || s >= count_)) return s + (nd_[i].ef - nd_[i].es);
    return finish_of(i, s);
  }
  // The start mark a link asks of its target v, given the source u's early marks.
  std::int64_t bound(std::size_t u, std::size_t v, const link& l) const {
    switch (l.type) {
      case link_type::finish_to_start: return static_cast<std::int64_t>(nd_[u].ef) + l.lag;
      case link_type::start_to_start: return static_cast<std::int64_t>(nd_[u].es) + l.lag;
      case link_type::finish_to_finish: return start_for_finish(v, static_cast<std::int64_t>(nd_[u].ef) + l.lag);
      case link_type::start_to_finish: return start_for_finish(v, static_cast<std::int64_t>(nd_[u].es) + l.lag);
    }
    return 0;
  }
  // How far the early schedule leaves a link slack (≥ 0 when it holds).
  std::int64_t slack(std::size_t u, std::size_t v, const link& l) const {
    switch (l.type) {
      case link_type::finish_to_start: return static_cast<std::int64_t>(nd_[v].es) - (static_cast<std::int64_t>(nd_[u].ef) + l.lag);
      case link_type::start_to_start: return static_cast<std::int64_t>(nd_[v].es) - (static_cast<std::int64_t>(nd_[u].es) + l.lag);
      case link_type::finish_to_finish: return static_cast<std::int64_t>(nd_[v].ef) - (static_cast<std::int64_t>(nd_[u].ef) + l.lag);
      case link_type::start_to_finish: return static_cast<std::int64_t>(nd_[v].ef) - (static_cast<std::int64_t>(nd_[u].es) + l.lag);
    }
    return 0;
  }
  date mark_date(std::int64_t k) const {
    return A::date_of(cal_, static_cast<std::int32_t>(std::clamp<std::int64_t>(k, 0, count_)));
  }
  date start_date(std::size_t i, std::int64_t s) const {
    if (nd_[i].dur == 0) return s > base_ ? mark_date(s - 1) : mark_date(s);
    return mark_date(s);
  }
  date finish_date(std::size_t i, std::int64_t s, std::int64_t f) const {
    if (nd_[i].dur == 0) return start_date(i, s);
    if (calendar_days(i) && s >= 0 && s < count_) return A::date_of(cal_, static_cast<std::int32_t>(s)) + boost::gregorian::date_duration(nd_[i].dur - 1);
    return mark_date(f - 1);
  }

  error beyond(std::size_t i) const {
    return make_error(errc::out_of_calendar,
                      "task \"" + tasks_[i].id + "\" would finish after " + format_date(cal_.last()) +
                          ", the last day the calendar covers" + (cal_.spec().id.empty() ? "" : " (" + cal_.spec().id + ")") +
                          "; extend the calendar's range (and its holidays) or shorten the schedule");
  }
  error actual_error(std::size_t i, errc code, const std::string& why) const {
    source_location where;
    where.pointer = "/tasks/" + std::to_string(i) + "/actual";
    return make_error(code, "task \"" + tasks_[i].id + "\": " + why, where);
  }

  // --- the passes -------------------------------------------------------------------------
  result<void> prepare() {
    if (!cal_.covers(opt_.project_start))
      return fail(errc::out_of_calendar, "the project start " + (opt_.project_start.is_special() ? std::string("is not a date and") : format_date(opt_.project_start)) +
                                             " is outside the range the calendar covers (" + format_date(cal_.first()) + ".." + format_date(cal_.last()) + ")");
    base_ = A::ceil_index(cal_, opt_.project_start);
    if (base_ >= count_)
      return fail(errc::out_of_calendar, "no working day between the project start " + format_date(opt_.project_start) +
                                             " and the end of the calendar's range (" + format_date(cal_.last()) + ")");
    nd_.reserve(n_);
    core_internal::advise_huge(nd_);
    nd_.assign(n_, node{});
    if (run_.durations) {
      if (run_.durations->size() != n_)
        return fail(errc::invalid_argument, std::to_string(run_.durations->size()) + " durations given for " + std::to_string(n_) + " tasks");
      for (std::size_t i = 0; i < n_; ++i) {
        const std::int32_t d = (*run_.durations)[i];
        if (d < 0 || d > max_task_days)
          return fail(errc::invalid_duration, "duration " + std::to_string(d) + " given for task \"" + tasks_[i].id + "\" is outside 0.." + std::to_string(max_task_days));
        nd_[i].dur = d;
      }
    } else {
      for (std::size_t i = 0; i < n_; ++i) nd_[i].dur = graph_.duration[i];
    }
    std::int32_t floor_start = base_;
    if (run_.status) {
      if (!cal_.covers(*run_.status))
        return fail(errc::out_of_calendar, "the status date " + format_date(*run_.status) + " is outside the range the calendar covers (" +
                                               format_date(cal_.first()) + ".." + format_date(cal_.last()) + ")");
      status_mark_ = std::max(base_, A::floor_index(cal_, *run_.status) + 1);
      floor_start = status_mark_;
      fixed_.assign(n_, fixed_kind::no);
      actual_start_.assign(n_, date());
      actual_finish_.assign(n_, date());
    }
    for (std::size_t i = 0; i < n_; ++i) {
      node& x = nd_[i];
      x.lo = base_;
      x.hi = no_limit;
      x.driver = none;
      x.calendar_days = graph_.calendar_days[i] != 0 && x.dur > 0;
    }
    for (const std::uint32_t i : graph_.windowed) {
      const task& t = tasks_[i];
      if (t.window.start) {
        const std::int32_t w = A::ceil_index(cal_, t.window.start->first) + (nd_[i].dur == 0 ? 1 : 0);
        nd_[i].lo = std::max(nd_[i].lo, w);
      }
      if (t.window.finish) nd_[i].hi = A::floor_index(cal_, t.window.finish->last) + 1;
    }
    if (run_.status)
      for (std::size_t i = 0; i < n_; ++i) {
        if (auto e = fix_from_actuals(i); !e) return e;
        if (fixed_[i] == fixed_kind::no) nd_[i].lo = std::max(nd_[i].lo, floor_start);
      }
    return {};
  }

  result<void> fix_from_actuals(std::size_t i) {
    const task_actuals& a = tasks_[i].actual;
    const date status = *run_.status;
    if (!a.start && !a.finish) return {};
    for (const auto& d : {a.start, a.finish}) {
      if (!d) continue;
      if (!cal_.covers(*d))
        return fail(actual_error(i, errc::out_of_calendar, "the actual date " + format_date(*d) + " is outside the range the calendar covers (" +
                                                               format_date(cal_.first()) + ".." + format_date(cal_.last()) + ")"));
      if (status < *d)
        return fail(actual_error(i, errc::invalid_progress, "the actual date " + format_date(*d) + " is after the status date " + format_date(status)));
    }
    const date start = a.start ? *a.start : *a.finish;
    const std::int32_t s = A::ceil_index(cal_, start);
    actual_start_[i] = start;
    if (a.finish) {
      fixed_[i] = fixed_kind::finished;
      nd_[i].es = s;
      nd_[i].ef = std::max(s, A::floor_index(cal_, *a.finish) + 1);
      actual_finish_[i] = *a.finish;
      return {};
    }
    fixed_[i] = fixed_kind::in_progress;
    nd_[i].es = s;
    const double left = 1.0 - a.percent_complete / 100.0;
    const auto remaining = static_cast<std::int64_t>(std::ceil(nd_[i].dur * left - 1e-9));
    if (calendar_days(i)) {
      const std::int64_t day = A::offset(cal_, status) + remaining;
      if (day >= A::days(cal_)) return fail(beyond(i));
      actual_finish_[i] = A::day(cal_, day);
      nd_[i].ef = std::max(s, A::floor_index(cal_, actual_finish_[i]) + 1);
    } else {
      const std::int64_t f = static_cast<std::int64_t>(status_mark_) + remaining;
      if (f > count_) return fail(beyond(i));
      nd_[i].ef = static_cast<std::int32_t>(std::max<std::int64_t>(s, f));
      actual_finish_[i] = nd_[i].ef > s ? mark_date(nd_[i].ef - 1) : start;
    }
    return {};
  }

  bool is_fixed(std::size_t i) const { return !fixed_.empty() && fixed_[i] != fixed_kind::no; }
  bool is_finished(std::size_t i) const { return !fixed_.empty() && fixed_[i] == fixed_kind::finished; }

  result<void> forward() {
    for (const std::uint32_t u : graph_.topo) {
      if (!is_fixed(u)) {
        nd_[u].es = nd_[u].lo;
        const std::int64_t f = finish_of(u, nd_[u].es);
        if (f > count_) return fail(beyond(u));
        nd_[u].ef = static_cast<std::int32_t>(f);
      }
      for (auto [e, end] = boost::out_edges(u, g_); e != end; ++e) {
        const auto v = static_cast<std::uint32_t>(boost::target(*e, g_));
        if (is_fixed(v)) continue;
        const std::int64_t b = bound(u, v, g_[*e]);
        if (b > nd_[v].lo || (b == nd_[v].lo && (nd_[v].driver == none || u < nd_[v].driver))) {
          // A bound beyond the range makes the target's finish fall outside it too.
          nd_[v].lo = static_cast<std::int32_t>(std::min<std::int64_t>(b, static_cast<std::int64_t>(count_) + 1));
          nd_[v].driver = u;
        }
      }
    }
    finish_ = base_;
    for (std::size_t i = 0; i < n_; ++i) finish_ = std::max(finish_, nd_[i].ef);
    return {};
  }

  void backward() {
    const auto& topo = graph_.topo;
    for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
      const std::uint32_t u = *it;
      std::int64_t lfb = std::min(finish_, nd_[u].hi);
      std::int64_t lsb = no_limit;
      for (auto [e, end] = boost::out_edges(u, g_); e != end; ++e) {
        const auto v = boost::target(*e, g_);
        const link& l = g_[*e];
        switch (l.type) {
          case link_type::finish_to_start: lfb = std::min<std::int64_t>(lfb, static_cast<std::int64_t>(nd_[v].ls) - l.lag); break;
          case link_type::start_to_start: lsb = std::min<std::int64_t>(lsb, static_cast<std::int64_t>(nd_[v].ls) - l.lag); break;
          case link_type::finish_to_finish: lfb = std::min<std::int64_t>(lfb, static_cast<std::int64_t>(nd_[v].lf) - l.lag); break;
          case link_type::start_to_finish: lsb = std::min<std::int64_t>(lsb, static_cast<std::int64_t>(nd_[v].lf) - l.lag); break;
        }
      }
      if (is_finished(u)) {
        nd_[u].ls = nd_[u].es;
        nd_[u].lf = nd_[u].ef;
      } else if (is_fixed(u)) {  // in progress: the start is history, only the finish can move
        const std::int64_t tf = lfb - nd_[u].ef;
        nd_[u].ls = static_cast<std::int32_t>(nd_[u].es + tf);
        nd_[u].lf = static_cast<std::int32_t>(nd_[u].ef + tf);
      } else {
        const std::int64_t ls = std::min(lsb, start_for_latest_finish(u, lfb));
        nd_[u].ls = static_cast<std::int32_t>(ls);
        nd_[u].lf = static_cast<std::int32_t>(late_finish_of(u, ls));
      }
    }
  }

  std::vector<std::string> driving_chain(std::size_t i) const {
    std::vector<std::string> chain;
    for (std::uint32_t u = static_cast<std::uint32_t>(i); u != none; u = nd_[u].driver) chain.push_back(tasks_[u].id);
    std::reverse(chain.begin(), chain.end());
    return chain;
  }

  static std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : " → ") + id;
    return out;
  }

  date early_start_date(std::size_t i) const { return is_fixed(i) ? actual_start_[i] : start_date(i, nd_[i].es); }
  date early_finish_date(std::size_t i) const { return is_fixed(i) ? actual_finish_[i] : finish_date(i, nd_[i].es, nd_[i].ef); }

  result<schedule_result> report() {
    schedule_result r;
    r.project_start = A::date_of(cal_, base_);
    r.duration = finish_ - base_;
    // Floats and criticality by task index. Start and finish slack differ only for
    // calendar-day tasks, whose finish moves by whole days when the start moves by working
    // days; the smaller one counts. Free float is the part of the total float that leaves
    // every successor alone: the room left by the tightest outgoing link (or the finish).
    for (std::size_t u = 0; u < n_; ++u) {
      nd_[u].tf = std::min(nd_[u].ls - nd_[u].es, nd_[u].lf - nd_[u].ef);
      nd_[u].critical = !is_finished(u) && nd_[u].tf <= 0;
      std::int64_t ff = static_cast<std::int64_t>(finish_) - nd_[u].ef;
      for (auto [e, end] = boost::out_edges(static_cast<std::uint32_t>(u), g_); e != end; ++e)
        ff = std::min(ff, slack(u, boost::target(*e, g_), g_[*e]));
      ff = std::min<std::int64_t>(ff, std::max(0, nd_[u].tf));
      nd_[u].ff = is_finished(u) ? 0 : static_cast<std::int32_t>(ff);
    }

    // The task that finishes last; on a tie the one latest in topological order, so that the
    // chain walked back from it includes the others' successors (a closing milestone).
    date last_finish = r.project_start;
    std::size_t last_task = none;
    for (const std::uint32_t i : graph_.topo) {
      const date f = early_finish_date(i);
      if (last_task == none || last_finish < f || (last_finish == f && nd_[last_task].ef <= nd_[i].ef)) {
        last_finish = f;
        last_task = i;
      }
    }
    r.project_finish = last_finish;
    if (opt_.deadline) {
      deadline_report d;
      d.deadline = *opt_.deadline;
      d.project_finish = last_finish;
      d.met = !(d.deadline < last_finish);
      if (!d.met) {
        const std::int64_t dl = static_cast<std::int64_t>(A::floor_index(cal_, d.deadline)) + 1;
        d.working_days_late = static_cast<std::int32_t>(std::max<std::int64_t>(0, finish_ - dl));
        d.calendar_days_late = (last_finish - d.deadline).days();
      }
      if (last_task != none) d.chain = driving_chain(last_task);
      r.deadline = std::move(d);
    }

    critical_paths(r);

    // The table, by early start date then id: a counting sort on the date, then each day's
    // tasks by id. Rows are built once, in place.
    const std::vector<std::uint32_t> order = table_order();
    r.tasks.reserve(n_);
    core_internal::advise_huge(r.tasks);
    r.row_of.reserve(n_);
    core_internal::advise_huge(r.row_of);
    r.row_of.assign(n_, 0);
    for (std::size_t k = 0; k < n_; ++k) {
      const std::uint32_t i = order[k];
      r.row_of[i] = k;
      const date es = early_start_date(i);
      const date ef = early_finish_date(i);
      r.tasks.push_back(task_schedule{std::string(graph_.ids.id(i)), i, es, ef,
                                      is_finished(i) ? es : start_date(i, nd_[i].ls),
                                      is_finished(i) ? ef : finish_date(i, nd_[i].ls, nd_[i].lf),
                                      schedule_marks{nd_[i].es - base_, nd_[i].ef - base_, nd_[i].ls - base_, nd_[i].lf - base_},
                                      nd_[i].tf, nd_[i].ff, nd_[i].critical, nd_[i].dur == 0});
    }
    for (const task_schedule& row : r.tasks) {
      const std::size_t i = row.index;
      if (nd_[i].hi == no_limit || nd_[i].ef <= nd_[i].hi) continue;
      window_conflict c;
      c.task = row.id;
      c.finish_limit = tasks_[i].window.finish->last;
      c.earliest_finish = row.early_finish;
      c.working_days_over = nd_[i].ef - nd_[i].hi;
      c.chain = is_fixed(i) ? std::vector<std::string>{row.id} : driving_chain(i);
      std::string why;
      if (is_finished(i)) why = "it actually finished on " + format_date(row.early_finish);
      else if (is_fixed(i)) why = "its remaining work after the status date ends on " + format_date(row.early_finish);
      else if (c.chain.size() > 1) why = "its predecessors hold it: " + join(c.chain);
      else if (run_.status && nd_[i].lo == status_mark_ && status_mark_ > base_) why = "it has not started by the status date " + format_date(*run_.status);
      else if (tasks_[i].window.start && nd_[i].lo > base_) why = "its own start bound (" + tasks_[i].window.start->to_string() + ") leaves too little time for its duration";
      else why = "its duration does not fit between the project start and the limit";
      c.message = "task \"" + row.id + "\" must finish by " + format_date(c.finish_limit) + " (" + tasks_[i].window.finish->to_string() +
                  ") but can finish no earlier than " + format_date(row.early_finish) + ", " + std::to_string(c.working_days_over) +
                  " working day(s) later: " + why;
      r.window_conflicts.push_back(std::move(c));
    }
    return r;
  }

  // Task indices by early start date, then id.
  std::vector<std::uint32_t> table_order() const {
    std::vector<std::uint32_t> key(n_);
    std::uint32_t lo = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t hi = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      key[i] = static_cast<std::uint32_t>(early_start_date(i).day_number());
      lo = std::min(lo, key[i]);
      hi = std::max(hi, key[i]);
    }
    std::vector<std::uint32_t> order(n_);
    if (n_ == 0) return order;
    std::vector<std::uint32_t> start(static_cast<std::size_t>(hi - lo) + 2, 0);
    for (std::size_t i = 0; i < n_; ++i) ++start[key[i] - lo + 1];
    for (std::size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n_; ++i) order[next[key[i] - lo]++] = static_cast<std::uint32_t>(i);
    for (std::size_t day = 0; day + 1 < start.size(); ++day)
      if (start[day + 1] - start[day] > 1)
        std::sort(order.begin() + start[day], order.begin() + start[day + 1],
                  [&](std::uint32_t a, std::uint32_t b) { return graph_.ids.id(a) < graph_.ids.id(b); });
    return order;
  }

  // Chains of critical tasks joined by driving links, found by an iterative depth-first walk
  // from each critical task that no critical link drives.
  void critical_paths(schedule_result& r) const {
    auto critical = [&](std::size_t i) { return nd_[i].critical; };
    auto tight = [&](std::size_t u, std::size_t v, const link& l) {
      return critical(u) && critical(v) && !is_fixed(v) && bound(u, v, l) == nd_[v].es;
    };
    std::vector<char> driven(n_, 0);
    for (std::size_t u = 0; u < n_; ++u) {
      if (!critical(u)) continue;
      for (auto [e, end] = boost::out_edges(static_cast<std::uint32_t>(u), g_); e != end; ++e)
        if (tight(u, boost::target(*e, g_), g_[*e])) driven[boost::target(*e, g_)] = 1;
    }
    std::vector<std::uint32_t> starts;
    for (std::size_t i = 0; i < n_; ++i)
      if (critical(i) && !driven[i]) starts.push_back(static_cast<std::uint32_t>(i));
    std::stable_sort(starts.begin(), starts.end(), [&](std::uint32_t a, std::uint32_t b) { return nd_[a].es < nd_[b].es; });

    using out_iter = boost::graph_traits<task_csr>::out_edge_iterator;
    struct frame {
      std::uint32_t v;
      out_iter next;
      out_iter end;
      bool extended;
    };
    std::vector<frame> stack;
    std::vector<std::uint32_t> path;
    for (const std::uint32_t s : starts) {
      auto [b, e] = boost::out_edges(s, g_);
      stack.push_back({s, b, e, false});
      path.push_back(s);
      while (!stack.empty()) {
        frame& f = stack.back();
        bool descended = false;
        while (f.next != f.end) {
          const auto edge = *f.next++;
          const auto v = static_cast<std::uint32_t>(boost::target(edge, g_));
          if (!tight(f.v, v, g_[edge])) continue;
          f.extended = true;
          auto [vb, ve] = boost::out_edges(v, g_);
          stack.push_back({v, vb, ve, false});
          path.push_back(v);
          descended = true;
          break;
        }
        if (descended) continue;
        if (!stack.back().extended) {  // an end of a chain
          if (r.critical_paths.size() == opt_.max_critical_paths) {
            r.critical_paths_truncated = true;
            return;
          }
          std::vector<std::string> ids;
          ids.reserve(path.size());
          for (std::uint32_t w : path) ids.push_back(tasks_[w].id);
          r.critical_paths.push_back(std::move(ids));
        }
        stack.pop_back();
        path.pop_back();
      }
    }
  }

  const std::vector<task>& tasks_;
  const task_graph& graph_;
  const task_csr& g_;
  const calendar& cal_;
  const schedule_options& opt_;
  const run_options& run_;
  const std::size_t n_;
  const std::int32_t count_;
  std::int32_t base_ = 0;
  std::int32_t status_mark_ = 0;
  std::int32_t finish_ = 0;
  // Everything the passes and the table read of one task, in one place: a random access
  // (along an edge, or in table order) costs one cache line, not ten.
  struct node {
    std::int32_t dur = 0;
    std::int32_t es = 0, ef = 0, ls = 0, lf = 0;
    std::int32_t lo = 0;   // lower bound of the start mark
    std::int32_t hi = 0;   // upper bound of the finish mark (no_limit: none)
    std::int32_t tf = 0, ff = 0;
    std::uint32_t driver = 0;  // the predecessor that sets the early start, or none
    bool critical = false;
    bool calendar_days = false;  // a duration in calendar days (and not a milestone)
  };
  std::vector<node> nd_;
  std::vector<fixed_kind> fixed_;  // empty unless forecasting
  std::vector<date> actual_start_, actual_finish_;
};

}  // namespace

result<schedule_result> run_schedule(const task_network& net, const calendar& cal, const schedule_options& options,
                                     const run_options& run) {
  return engine(net, cal, options, run)();
}

result<void> early_dates(const task_network& net, const calendar& cal, const schedule_options& options, const run_options& run,
                         std::vector<date>& start, std::vector<date>& finish) {
  return engine(net, cal, options, run).early(start, finish);
}

}  // namespace schedule_internal
NTM_END_NAMESPACE
