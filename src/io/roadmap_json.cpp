// SPDX-License-Identifier: MIT
// Roadmaps, task lists and calendars in JSON: reading with every problem located, writing
// in a fixed order.
#include "io/roadmap_json.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "schedule/graph.hpp"
#include "schedule/internal.hpp"

NTM_BEGIN_NAMESPACE
namespace io_internal {

namespace {

constexpr const char* roadmap_format = "ntm.roadmap/1";
constexpr const char* calendar_format = "ntm.calendar/1";
const char* const weekday_keys[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

std::string child(const std::string& ptr, const char* key) { return ptr + "/" + key; }
std::string child(const std::string& ptr, std::size_t index) { return ptr + "/" + std::to_string(index); }

// One of `names` at obj[key]; `fallback` when absent. Unknown names: invalid_value with a
// suggestion.
std::optional<std::size_t> get_choice(json_reader& r, const json& obj, const std::string& ptr, const char* key,
                                      const std::vector<std::string>& names, std::size_t fallback) {
  const json* v = r.field(obj, ptr, key, false);
  if (!v) return fallback;
  if (!v->is_string()) {
    r.report(errc::json_type, std::string("\"") + key + "\" must be a string, not " + json_type_name(*v), child(ptr, key));
    return std::nullopt;
  }
  const std::string& s = v->get_ref<const std::string&>();
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] == s) return k;
  std::string msg = "\"" + s + "\" is not a valid " + key + " (";
  for (std::size_t k = 0; k < names.size(); ++k) msg += (k ? ", " : "") + names[k];
  msg += ")";
  const std::string near = closest_match(s, names);
  if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
  r.report(errc::invalid_value, msg, child(ptr, key));
  return std::nullopt;
}

// An array of strings at obj[key] (absent: empty).
void get_strings(json_reader& r, const json& obj, const std::string& ptr, const char* key, std::vector<std::string>& out) {
  const json* v = r.field(obj, ptr, key, false);
  if (!v) return;
  const std::string here = child(ptr, key);
  if (!r.expect_array(*v, here, key)) return;
  for (std::size_t k = 0; k < v->size(); ++k) {
    const json& s = (*v)[k];
    if (!s.is_string()) {
      r.report(errc::json_type, std::string("each entry of \"") + key + "\" must be a string, not " + json_type_name(s), child(here, k));
      continue;
    }
    out.push_back(s.get<std::string>());
  }
}

std::optional<double> get_number(json_reader& r, const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = r.field(obj, ptr, key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    r.report(errc::json_type, std::string("\"") + key + "\" must be a number, not " + json_type_name(*v), child(ptr, key));
    return std::nullopt;
  }
  return v->get<double>();
}

std::optional<std::int32_t> get_int32(json_reader& r, const json& obj, const std::string& ptr, const char* key, bool required) {
  auto v = r.get_integer(obj, ptr, key, required);
  if (!v) return std::nullopt;
  if (*v < INT32_MIN || *v > INT32_MAX) {
    r.report(errc::invalid_value, std::string("\"") + key + "\" is out of range", child(ptr, key));
    return std::nullopt;
  }
  return static_cast<std::int32_t>(*v);
}

// A period written as a period ("Quý II/2023") or a date ("2023-04-03").
ordered_json period_json(const period& p) {
  return p.kind == period_kind::day ? format_date(p.first) : p.to_string(lang::vi);
}

ordered_json number_json(double v) {
  if (std::floor(v) == v && std::fabs(v) < 9e15) return static_cast<std::int64_t>(v);
  return v;
}

ordered_json text_json(const localized_text& t) {
  if (t.en.empty()) return t.vi;
  return ordered_json{{"vi", t.vi}, {"en", t.en}};
}

// Tracks which fields of an item had reader errors, so that the semantic checks that run
// afterwards do not report the same field again with a confusing second message.
struct taint_tracker {
  json_reader& r;
  std::vector<std::string>& tainted;
  template <class F>
  void operator()(const std::string& pointer, F&& read) {
    const std::size_t before = r.error_count();
    read();
    if (r.error_count() > before) tainted.push_back(pointer);
  }
};

bool under(const std::string& pointer, const std::string& prefix) {
  return pointer.compare(0, prefix.size(), prefix) == 0 && (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
}

void read_task(json_reader& r, const json& node, const std::string& ptr, task& t, std::vector<std::string>& tainted) {
  if (!r.expect_object(node, ptr, "a task")) {
    tainted.push_back(ptr);
    return;
  }
  r.check_fields(node, ptr,
                 {"id", "name", "lead", "support", "duration", "duration_unit", "milestone", "estimate", "window",
                  "start_no_earlier_than", "finish_no_later_than", "depends_on", "criteria", "cost_items", "effects", "actual"});
  taint_tracker track{r, tainted};
  track(child(ptr, "id"), [&] {
    if (auto v = r.get_string(node, ptr, "id", true)) t.id = *v;
  });
  track(child(ptr, "name"), [&] {
    if (auto v = r.get_text(node, ptr, "name", true)) t.name = *v;
  });
  track(child(ptr, "lead"), [&] {
    if (auto v = r.get_string(node, ptr, "lead", false)) t.lead = *v;
  });
  track(child(ptr, "support"), [&] { get_strings(r, node, ptr, "support", t.support); });
  track(child(ptr, "duration"), [&] {
    const auto milestone = r.get_bool(node, ptr, "milestone", false);
    const bool has_duration = node.contains("duration");
    if (milestone && *milestone) {
      if (has_duration) {
        const auto d = get_int32(r, node, ptr, "duration", false);
        if (d && *d != 0)
          r.report(errc::invalid_duration, "task \"" + t.id + "\" is a milestone but has a duration of " + std::to_string(*d) + " days",
                   child(ptr, "milestone"));
      }
      t.duration = 0;
    } else if (!has_duration) {
      r.report(errc::json_missing_field, "required field \"duration\" is missing (or write \"milestone\": true)", ptr);
    } else if (auto d = get_int32(r, node, ptr, "duration", true)) {
      t.duration = *d;
      if (milestone && !*milestone && *d == 0)
        r.report(errc::invalid_duration, "task \"" + t.id + "\" has \"milestone\": false but a duration of 0", child(ptr, "milestone"));
    }
  });
  track(child(ptr, "duration_unit"), [&] {
    if (auto k = get_choice(r, node, ptr, "duration_unit", {"working_days", "calendar_days"}, 0))
      t.unit = *k == 1 ? duration_unit::calendar_days : duration_unit::working_days;
  });
  track(child(ptr, "estimate"), [&] {
    const json* e = r.field(node, ptr, "estimate", false);
    if (!e) return;
    const std::string here = child(ptr, "estimate");
    if (!r.expect_object(*e, here, "\"estimate\"")) return;
    r.check_fields(*e, here, {"optimistic", "most_likely", "pessimistic"});
    auto o = get_number(r, *e, here, "optimistic", true);
    auto m = get_number(r, *e, here, "most_likely", true);
    auto p = get_number(r, *e, here, "pessimistic", true);
    if (o && m && p) t.estimate = three_point_estimate{*o, *m, *p};
  });
  track(child(ptr, "window"), [&] {
    auto w = r.get_period(node, ptr, "window", false);
    auto s = r.get_period(node, ptr, "start_no_earlier_than", false);
    auto f = r.get_period(node, ptr, "finish_no_later_than", false);
    if (w && (node.contains("start_no_earlier_than") || node.contains("finish_no_later_than"))) {
      r.report(errc::invalid_window,
               "task \"" + t.id + "\" has \"window\" and also \"" +
                   (node.contains("start_no_earlier_than") ? "start_no_earlier_than" : "finish_no_later_than") +
                   "\"; \"window\" sets both bounds — keep one form",
               child(ptr, node.contains("start_no_earlier_than") ? "start_no_earlier_than" : "finish_no_later_than"));
      return;
    }
    if (w) t.window.start = t.window.finish = w;
    if (s) t.window.start = s;
    if (f) t.window.finish = f;
  });
  // A window problem found later is located at whichever window field exists.
  if (!tainted.empty() && tainted.back() == child(ptr, "window")) {
    tainted.push_back(child(ptr, "start_no_earlier_than"));
    tainted.push_back(child(ptr, "finish_no_later_than"));
  }
  if (const json* deps = r.field(node, ptr, "depends_on", false)) {
    const std::string here = child(ptr, "depends_on");
    if (!r.expect_array(*deps, here, "\"depends_on\"")) {
      tainted.push_back(here);
    } else {
      for (std::size_t k = 0; k < deps->size(); ++k) {
        const json& d = (*deps)[k];
        const std::string at = child(here, k);
        dependency dep;
        track(at, [&] { read_dependency(r, d, at, dep); });
        t.depends_on.push_back(std::move(dep));
      }
    }
  }
  track(child(ptr, "criteria"), [&] { get_strings(r, node, ptr, "criteria", t.criteria); });
  track(child(ptr, "cost_items"), [&] { get_strings(r, node, ptr, "cost_items", t.cost_items); });
  if (const json* effects = r.field(node, ptr, "effects", false)) {
    const std::string here = child(ptr, "effects");
    if (!r.expect_array(*effects, here, "\"effects\"")) {
      tainted.push_back(here);
    } else {
      for (std::size_t k = 0; k < effects->size(); ++k) {
        const json& e = (*effects)[k];
        const std::string at = child(here, k);
        effect eff;
        track(at, [&] {
          if (!r.expect_object(e, at, "an effect")) return;
          r.check_fields(e, at, {"fact", "op", "value"});
          if (auto fact = r.get_string(e, at, "fact", true)) eff.fact = *fact;
          if (auto op = get_choice(r, e, at, "op", {"set", "add"}, 0)) eff.op = *op == 1 ? effect_op::add : effect_op::set;
          if (const json* v = r.field(e, at, "value", true)) eff.value = v->dump();
        });
        t.effects.push_back(std::move(eff));
      }
    }
  }
  track(child(ptr, "actual"), [&] {
    const json* a = r.field(node, ptr, "actual", false);
    if (!a) return;
    const std::string here = child(ptr, "actual");
    if (!r.expect_object(*a, here, "\"actual\"")) return;
    r.check_fields(*a, here, {"start", "finish", "percent_complete"});
    if (auto s = r.get_date(*a, here, "start", false)) t.actual.start = s;
    if (auto f = r.get_date(*a, here, "finish", false)) t.actual.finish = f;
    if (auto p = get_number(r, *a, here, "percent_complete", false)) t.actual.percent_complete = *p;
  });
}

}  // namespace

bool read_dependency(json_reader& r, const json& node, const std::string& pointer, dependency& out) {
  const std::size_t before = r.error_count();
  if (node.is_string()) {
    out.task = node.get<std::string>();
    return true;
  }
  if (!node.is_object()) {
    r.report(errc::json_type, std::string("a dependency must be a task id or {\"task\", \"type\", \"lag\"}, not ") + json_type_name(node), pointer);
    return false;
  }
  r.check_fields(node, pointer, {"task", "type", "lag"});
  if (auto id = r.get_string(node, pointer, "task", true)) out.task = *id;
  if (auto k = get_choice(r, node, pointer, "type", {"FS", "SS", "FF", "SF"}, 0)) out.type = static_cast<link_type>(*k);
  if (auto lag = get_int32(r, node, pointer, "lag", false)) out.lag = *lag;
  return r.error_count() == before;
}

bool read_tasks(json_reader& r, const json& node, const std::string& pointer, std::vector<task>& out,
                const std::vector<std::string>* bodies) {
  const std::size_t before = r.error_count();
  if (!r.expect_array(node, pointer, "\"tasks\"")) return false;
  out.clear();
  out.resize(node.size());
  std::vector<std::string> tainted;
  for (std::size_t i = 0; i < node.size(); ++i) read_task(r, node[i], child(pointer, i), out[i], tainted);
  // The checks of task_network::build, located; issues on fields that already had a reader
  // error are dropped (an id that failed to read is not "empty" as well).
  schedule_internal::task_graph graph;
  std::vector<schedule_internal::issue> issues;
  if (!schedule_internal::build_task_graph(out, bodies, graph, issues)) {
    for (const auto& issue : issues) {
      const std::string at = pointer + issue.pointer;
      const bool repeated = std::any_of(tainted.begin(), tainted.end(), [&](const std::string& p) { return under(at, p); });
      if (!repeated) r.report(issue.code, issue.message, at);
    }
  }
  return r.error_count() == before;
}

void report_calendar_issues(json_reader& r, const calendar_spec& spec, const std::string& pointer) {
  for (const auto& issue : schedule_internal::check_calendar(spec)) r.report(issue.code, issue.message, pointer + issue.pointer);
}

bool read_calendar(json_reader& r, const json& node, const std::string& pointer, calendar_spec& out,
                   std::vector<std::string>* includes) {
  const std::size_t before = r.error_count();
  if (!r.expect_object(node, pointer, includes ? "\"calendar\"" : "a calendar")) return false;
  if (includes) {
    r.check_fields(node, pointer, {"include", "id", "name", "range", "working_week", "holidays", "extra_working_days"});
    if (const json* inc = r.field(node, pointer, "include", false)) {
      if (inc->is_string()) includes->push_back(inc->get<std::string>());
      else get_strings(r, node, pointer, "include", *includes);
    }
  } else {
    r.check_fields(node, pointer, {"format", "id", "name", "range", "working_week", "holidays", "extra_working_days"});
    if (auto f = r.get_string(node, pointer, "format", false); f && *f != calendar_format)
      r.report(errc::format_version, "unknown calendar format \"" + *f + "\"; this version of ntm reads \"" + calendar_format + "\"",
               child(pointer, "format"));
  }
  if (auto id = r.get_string(node, pointer, "id", false)) out.id = *id;
  if (auto name = r.get_text(node, pointer, "name", false)) out.name = *name;
  if (const json* range = r.field(node, pointer, "range", false)) {
    const std::string here = child(pointer, "range");
    if (r.expect_object(*range, here, "\"range\"")) {
      r.check_fields(*range, here, {"first", "last"});
      out.first = r.get_date(*range, here, "first", true);
      out.last = r.get_date(*range, here, "last", true);
    }
  }
  if (const json* week = r.field(node, pointer, "working_week", false)) {
    const std::string here = child(pointer, "working_week");
    if (r.expect_array(*week, here, "\"working_week\"")) {
      working_week w{};
      const std::vector<std::string> keys(std::begin(weekday_keys), std::end(weekday_keys));
      for (std::size_t k = 0; k < week->size(); ++k) {
        const json& day = (*week)[k];
        const auto it = day.is_string() ? std::find(keys.begin(), keys.end(), day.get<std::string>()) : keys.end();
        if (it == keys.end()) {
          std::string msg = "a working day must be one of \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"";
          if (day.is_string()) {
            const std::string near = closest_match(day.get<std::string>(), keys);
            if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
          }
          r.report(errc::invalid_value, msg, child(here, k));
          continue;
        }
        w[static_cast<std::size_t>(it - keys.begin())] = true;
      }
      out.week = w;
    }
  }
  if (const json* hs = r.field(node, pointer, "holidays", false)) {
    const std::string here = child(pointer, "holidays");
    if (r.expect_array(*hs, here, "\"holidays\"")) {
      for (std::size_t k = 0; k < hs->size(); ++k) {
        const json& h = (*hs)[k];
        const std::string at = child(here, k);
        if (!r.expect_object(h, at, "a holiday")) continue;
        r.check_fields(h, at, {"name", "date", "from", "to", "basis", "note"});
        holiday hol;
        if (auto name = r.get_text(h, at, "name", true)) hol.name = *name;
        if (h.contains("date")) {
          if (h.contains("from") || h.contains("to"))
            r.report(errc::invalid_calendar, "a holiday has either \"date\" or \"from\" and \"to\", not both", at);
          if (auto d = r.get_date(h, at, "date", true)) hol.first = hol.last = *d;
        } else {
          if (!h.contains("from") && !h.contains("to")) {
            r.report(errc::json_missing_field, "a holiday needs \"date\", or \"from\" and \"to\"", at);
          } else {
            if (auto d = r.get_date(h, at, "from", true)) hol.first = *d;
            if (auto d = r.get_date(h, at, "to", true)) hol.last = *d;
          }
        }
        if (auto b = get_choice(r, h, at, "basis", {"unspecified", "statutory", "official"}, 0)) hol.basis = static_cast<holiday_basis>(*b);
        if (auto note = r.get_string(h, at, "note", false)) hol.note = *note;
        out.holidays.push_back(std::move(hol));
      }
    }
  }
  if (const json* xs = r.field(node, pointer, "extra_working_days", false)) {
    const std::string here = child(pointer, "extra_working_days");
    if (r.expect_array(*xs, here, "\"extra_working_days\"")) {
      for (std::size_t k = 0; k < xs->size(); ++k) {
        const json& x = (*xs)[k];
        const std::string at = child(here, k);
        if (!r.expect_object(x, at, "a make-up working day")) continue;
        r.check_fields(x, at, {"date", "name", "note"});
        extra_working_day day;
        if (auto d = r.get_date(x, at, "date", true)) day.day = *d;
        if (auto name = r.get_text(x, at, "name", false)) day.name = *name;
        if (auto note = r.get_string(x, at, "note", false)) day.note = *note;
        out.extra_working_days.push_back(std::move(day));
      }
    }
  }
  if (!includes && r.error_count() == before) report_calendar_issues(r, out, pointer);
  return r.error_count() == before;
}

bool read_bodies(json_reader& r, const json& node, const std::string& pointer, std::vector<body>& out) {
  const std::size_t before = r.error_count();
  if (!r.expect_array(node, pointer, "\"bodies\"")) return false;
  std::unordered_set<std::string> seen;
  for (std::size_t k = 0; k < node.size(); ++k) {
    const json& b = node[k];
    const std::string at = child(pointer, k);
    if (!r.expect_object(b, at, "a body")) continue;
    r.check_fields(b, at, {"id", "name"});
    body item;
    if (auto id = r.get_string(b, at, "id", true)) {
      item.id = *id;
      if (item.id.empty()) r.report(errc::invalid_value, "a body has an empty id", child(at, "id"));
      else if (!seen.insert(item.id).second) r.report(errc::duplicate_id, "body id \"" + item.id + "\" is used twice", child(at, "id"));
    }
    if (auto name = r.get_text(b, at, "name", true)) item.name = *name;
    out.push_back(std::move(item));
  }
  return r.error_count() == before;
}

ordered_json tasks_to_json(const std::vector<task>& tasks) {
  ordered_json out = ordered_json::array();
  for (const task& t : tasks) {
    ordered_json j;
    j["id"] = t.id;
    j["name"] = text_json(t.name);
    if (!t.lead.empty()) j["lead"] = t.lead;
    if (!t.support.empty()) j["support"] = t.support;
    if (t.is_milestone()) j["milestone"] = true;
    else j["duration"] = t.duration;
    if (t.unit != duration_unit::working_days) j["duration_unit"] = to_string(t.unit);
    if (t.estimate)
      j["estimate"] = ordered_json{{"optimistic", number_json(t.estimate->optimistic)},
                                   {"most_likely", number_json(t.estimate->most_likely)},
                                   {"pessimistic", number_json(t.estimate->pessimistic)}};
    if (t.window.start && t.window.finish && *t.window.start == *t.window.finish) {
      j["window"] = period_json(*t.window.start);
    } else {
      if (t.window.start) j["start_no_earlier_than"] = period_json(*t.window.start);
      if (t.window.finish) j["finish_no_later_than"] = period_json(*t.window.finish);
    }
    if (!t.depends_on.empty()) {
      ordered_json deps = ordered_json::array();
      for (const dependency& d : t.depends_on) {
        if (d.type == link_type::finish_to_start && d.lag == 0) {
          deps.push_back(d.task);
          continue;
        }
        ordered_json o{{"task", d.task}, {"type", to_string(d.type)}};
        if (d.lag != 0) o["lag"] = d.lag;
        deps.push_back(std::move(o));
      }
      j["depends_on"] = std::move(deps);
    }
    if (!t.criteria.empty()) j["criteria"] = t.criteria;
    if (!t.cost_items.empty()) j["cost_items"] = t.cost_items;
    if (!t.effects.empty()) {
      ordered_json effects = ordered_json::array();
      for (const effect& e : t.effects) {
        ordered_json value = ordered_json::parse(e.value, nullptr, false);
        if (value.is_discarded()) value = e.value;
        effects.push_back(ordered_json{{"fact", e.fact}, {"op", to_string(e.op)}, {"value", std::move(value)}});
      }
      j["effects"] = std::move(effects);
    }
    if (!t.actual.empty()) {
      ordered_json a = ordered_json::object();
      if (t.actual.start) a["start"] = format_date(*t.actual.start);
      if (t.actual.finish) a["finish"] = format_date(*t.actual.finish);
      if (t.actual.percent_complete != 0) a["percent_complete"] = number_json(t.actual.percent_complete);
      j["actual"] = std::move(a);
    }
    out.push_back(std::move(j));
  }
  return out;
}

ordered_json calendar_to_json(const calendar_spec& c, const std::vector<std::string>& includes) {
  ordered_json j = ordered_json::object();
  if (!includes.empty()) j["include"] = includes;
  if (!c.id.empty()) j["id"] = c.id;
  if (!c.name.empty()) j["name"] = text_json(c.name);
  if (c.first && c.last) j["range"] = ordered_json{{"first", format_date(*c.first)}, {"last", format_date(*c.last)}};
  if (c.week) {
    ordered_json days = ordered_json::array();
    for (std::size_t k = 1; k <= 7; ++k)  // Monday first, as people read a week
      if ((*c.week)[k % 7]) days.push_back(weekday_keys[k % 7]);
    j["working_week"] = std::move(days);
  }
  if (!c.holidays.empty()) {
    ordered_json hs = ordered_json::array();
    for (const holiday& h : c.holidays) {
      ordered_json o;
      o["name"] = text_json(h.name);
      if (h.first == h.last) {
        o["date"] = format_date(h.first);
      } else {
        o["from"] = format_date(h.first);
        o["to"] = format_date(h.last);
      }
      if (h.basis != holiday_basis::unspecified) o["basis"] = to_string(h.basis);
      if (!h.note.empty()) o["note"] = h.note;
      hs.push_back(std::move(o));
    }
    j["holidays"] = std::move(hs);
  }
  if (!c.extra_working_days.empty()) {
    ordered_json xs = ordered_json::array();
    for (const extra_working_day& x : c.extra_working_days) {
      ordered_json o{{"date", format_date(x.day)}};
      if (!x.name.empty()) o["name"] = text_json(x.name);
      if (!x.note.empty()) o["note"] = x.note;
      xs.push_back(std::move(o));
    }
    j["extra_working_days"] = std::move(xs);
  }
  return j;
}

}  // namespace io_internal

// --- public entry points ---------------------------------------------------------------------

calendar_spec effective_calendar(const roadmap& r) {
  calendar_spec out;
  for (const calendar_import& i : r.calendar_imports) out = merge(std::move(out), i.spec);
  return merge(std::move(out), r.calendar);
}

result<calendar_spec> parse_calendar(std::string_view text, std::string file, const load_options& options) {
  return io_internal::guarded("reading a calendar", [&]() -> result<calendar_spec> {
    NTM_TRY(doc, io_internal::json_document::parse(std::string(text), file, options));
    io_internal::json_reader r(doc);
    calendar_spec spec;
    io_internal::read_calendar(r, doc.root(), "", spec);
    NTM_CHECK(r.finish("while reading the calendar " + (file.empty() ? std::string("text") : file)));
    return spec;
  });
}

result<calendar_spec> load_calendar(const std::string& path, const load_options& options) {
  NTM_TRY(text, io_internal::fetch(options, path));
  return parse_calendar(text, path, options);
}

namespace {

result<roadmap> read_roadmap(std::string_view text, const std::string& file, const load_options& options) {
  NTM_TRY(doc, io_internal::json_document::parse(std::string(text), file, options));
  io_internal::json_reader r(doc);
  const io_internal::json& root = doc.root();
  const std::string what = "while reading the roadmap " + (file.empty() ? std::string("text") : file);
  roadmap out;
  if (!r.expect_object(root, "", "a roadmap")) return fail(r.finish(what).error());
  r.check_fields(root, "", {"format", "id", "name", "project_start", "deadline", "calendar", "bodies", "tasks"});
  if (auto f = r.get_string(root, "", "format", false); f && *f != io_internal::roadmap_format)
    r.report(errc::format_version, "unknown roadmap format \"" + *f + "\"; this version of ntm reads \"" + io_internal::roadmap_format + "\"",
             "/format");
  if (auto id = r.get_string(root, "", "id", true)) out.id = *id;
  if (auto name = r.get_text(root, "", "name", true)) out.name = *name;
  if (auto d = r.get_date(root, "", "project_start", true)) out.project_start = *d;
  out.deadline = r.get_date(root, "", "deadline", false);

  if (const io_internal::json* cal = r.field(root, "", "calendar", false)) {
    std::vector<std::string> includes;
    const std::size_t before = r.error_count();
    io_internal::read_calendar(r, *cal, "/calendar", out.calendar, &includes);
    for (std::size_t k = 0; k < includes.size(); ++k) {
      const std::string at = "/calendar/include" + std::string(cal->contains("include") && (*cal)["include"].is_array() ? "/" + std::to_string(k) : "");
      auto spec = load_calendar(io_internal::named_file(options, file, includes[k]), options);
      if (!spec) {
        error e = std::move(spec).error();
        r.report(e.code, "in the included calendar \"" + includes[k] + "\": " + format(e), at);
        continue;
      }
      out.calendar_imports.push_back({includes[k], std::move(*spec)});
    }
    if (r.error_count() == before) {
      // Check the merged calendar; problems of the inline part are located in this file.
      const calendar_spec merged = effective_calendar(out);
      std::size_t imported_holidays = 0;
      std::size_t imported_days = 0;
      for (const auto& i : out.calendar_imports) {
        imported_holidays += i.spec.holidays.size();
        imported_days += i.spec.extra_working_days.size();
      }
      for (const auto& issue : schedule_internal::check_calendar(merged)) {
        std::string at = "/calendar";
        auto rebase = [&](const char* list, std::size_t imported) {
          const std::string prefix = std::string("/") + list + "/";
          if (issue.pointer.compare(0, prefix.size(), prefix) != 0) return false;
          const std::size_t k = std::stoul(issue.pointer.substr(prefix.size()));
          at += k >= imported ? prefix + std::to_string(k - imported) : std::string("/include");
          return true;
        };
        if (!rebase("holidays", imported_holidays) && !rebase("extra_working_days", imported_days)) at += issue.pointer;
        r.report(issue.code, issue.message, at);
      }
    }
  } else {
    r.report(errc::json_missing_field, "required field \"calendar\" is missing (include a calendar file or give a range)", "");
  }

  std::vector<std::string> body_ids;
  bool bodies_ok = true;
  if (const io_internal::json* bodies = r.field(root, "", "bodies", false)) {
    bodies_ok = io_internal::read_bodies(r, *bodies, "/bodies", out.bodies);
    for (const body& b : out.bodies) body_ids.push_back(b.id);
  }
  if (const io_internal::json* tasks = r.field(root, "", "tasks", true)) {
    if (tasks->is_array() && tasks->size() > options.max_tasks)
      r.report(limit_error("max_tasks", options.max_tasks, "the roadmap has " + std::to_string(tasks->size()) + " tasks"), "/tasks");
    else
      io_internal::read_tasks(r, *tasks, "/tasks", out.tasks, bodies_ok && !out.bodies.empty() ? &body_ids : nullptr);
  }
  NTM_CHECK(r.finish(what));
  return out;
}

}  // namespace

result<roadmap> parse_roadmap(std::string_view text, std::string file, const load_options& options) {
  return io_internal::guarded("reading a roadmap", [&] { return read_roadmap(text, file, options); });
}

result<roadmap> load_roadmap(const std::string& path, const load_options& options) {
  NTM_TRY(text, io_internal::fetch(options, path));
  return parse_roadmap(text, path, options);
}

std::string to_json(const roadmap& r) {
  io_internal::ordered_json j;
  j["format"] = io_internal::roadmap_format;
  j["id"] = r.id;
  j["name"] = io_internal::text_json(r.name);
  j["project_start"] = format_date(r.project_start);
  if (r.deadline) j["deadline"] = format_date(*r.deadline);
  std::vector<std::string> includes;
  for (const calendar_import& i : r.calendar_imports) includes.push_back(i.file);
  j["calendar"] = io_internal::calendar_to_json(r.calendar, includes);
  if (!r.bodies.empty()) {
    io_internal::ordered_json bodies = io_internal::ordered_json::array();
    for (const body& b : r.bodies) bodies.push_back(io_internal::ordered_json{{"id", b.id}, {"name", io_internal::text_json(b.name)}});
    j["bodies"] = std::move(bodies);
  }
  j["tasks"] = io_internal::tasks_to_json(r.tasks);
  return j.dump(2) + "\n";
}

result<void> save_roadmap(const roadmap& r, const std::string& path) { return io_internal::write_file(path, to_json(r)); }

std::string to_json(const calendar_spec& c) {
  io_internal::ordered_json j;
  j["format"] = io_internal::calendar_format;
  const io_internal::ordered_json body = io_internal::calendar_to_json(c);
  for (auto it = body.begin(); it != body.end(); ++it) j[it.key()] = *it;
  return j.dump(2) + "\n";
}

result<schedule_result> schedule_roadmap(const roadmap& r) {
  NTM_TRY(cal, calendar::build(effective_calendar(r)));
  NTM_TRY(net, task_network::build(r.tasks));
  schedule_options opt;
  opt.project_start = r.project_start;
  opt.deadline = r.deadline;
  return net.schedule(cal, opt);
}

NTM_END_NAMESPACE
