// SPDX-License-Identifier: MIT
// Scenario files.
#include <algorithm>

#include <ntm/scenario/scenario.hpp>

#include "io/funding_json.hpp"
#include "io/json_document.hpp"
#include "io/merge_json.hpp"
#include "io/roadmap_json.hpp"

NTM_BEGIN_NAMESPACE

namespace {

using io_internal::json;
using io_internal::json_reader;

constexpr std::int32_t max_delay_days = 36500;  // a hundred years

std::optional<fraction> read_rate(json_reader& r, const json& obj, const std::string& ptr, const char* key, bool required) {
  auto text = r.get_string(obj, ptr, key, required);
  if (!text) return std::nullopt;
  auto f = parse_percentage(*text);
  if (!f) {
    r.report(std::move(f).error(), ptr + "/" + key);
    return std::nullopt;
  }
  return *f;
}

// An integer field within [lo, hi] (checked before narrowing); nullopt when absent or wrong.
std::optional<std::int32_t> get_int_in(json_reader& r, const json& obj, const std::string& ptr, const char* key, std::int32_t lo,
                                       std::int32_t hi, errc code = errc::invalid_value) {
  auto v = r.get_integer(obj, ptr, key, false);
  if (!v) return std::nullopt;
  if (*v < lo || *v > hi) {
    r.report(code, std::string("\"") + key + "\" must be " + std::to_string(lo) + " to " + std::to_string(hi), ptr + "/" + key);
    return std::nullopt;
  }
  return static_cast<std::int32_t>(*v);
}

std::string literal(json_reader& r, const json& obj, const std::string& ptr, const char* key, bool required) {
  const json* v = r.field(obj, ptr, key, required);
  if (!v) return {};
  if (v->is_object() || v->is_array() || v->is_null()) {
    r.report(errc::json_type, std::string("\"") + key + "\" must be a single value (text, number or true/false)", ptr + "/" + key);
    return {};
  }
  return v->dump();
}

void read_scenario(json_reader& r, const json& root, scenario& s) {
  if (!r.expect_object(root, "", "a scenario")) return;
  r.check_fields(root, "", {"format", "id", "name", "extends", "at", "target", "facts", "parameters", "tasks", "needs", "sources", "merges"});
  if (auto f = r.get_string(root, "", "format", false); f && *f != "ntm.scenario/1")
    r.report(errc::format_version, "unsupported format \"" + *f + "\"; this version of ntm reads \"ntm.scenario/1\"", "/format");
  s.id = r.get_string(root, "", "id", true).value_or("");
  s.name = r.get_text(root, "", "name", false).value_or(localized_text{s.id, ""});
  s.extends = r.get_string(root, "", "extends", false).value_or("");
  s.at = r.get_date(root, "", "at", false);
  s.target = r.get_date(root, "", "target", false);
  auto each = [&](const char* key, auto&& read) {
    const json* list = r.field(root, "", key, false);
    if (!list || !r.expect_array(*list, std::string("/") + key, key)) return;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string ptr = std::string("/") + key + "/" + std::to_string(k);
      if (r.expect_object((*list)[k], ptr, "a change")) read((*list)[k], ptr);
    }
  };
  each("facts", [&](const json& v, const std::string& ptr) {
    fact_change c;
    c.pointer = ptr;
    const std::string op = r.get_string(v, ptr, "op", true).value_or("set");
    if (op == "set" || op == "add") {
      r.check_fields(v, ptr, {"fact", "op", "value"});
      c.op = op == "set" ? fact_change_op::set : fact_change_op::add;
      c.value = literal(r, v, ptr, "value", true);
    } else if (op == "scale") {
      r.check_fields(v, ptr, {"fact", "op", "rate"});
      c.op = fact_change_op::scale;
      c.rate = read_rate(r, v, ptr, "rate", true).value_or(fraction{1, 1});
    } else if (op == "growth") {
      r.check_fields(v, ptr, {"fact", "op", "rate", "years"});
      c.op = fact_change_op::growth;
      c.rate = read_rate(r, v, ptr, "rate", true).value_or(fraction{1, 1});
      c.years = get_int_in(r, v, ptr, "years", 0, 100).value_or(1);
    } else {
      r.check_fields(v, ptr, {"fact", "op", "value", "rate", "years"});
      r.report(errc::invalid_value, "\"op\" is set, scale, add or growth, not \"" + op + "\"", ptr + "/op");
    }
    c.fact = r.get_string(v, ptr, "fact", true).value_or("");
    s.facts.push_back(std::move(c));
  });
  each("parameters", [&](const json& v, const std::string& ptr) {
    r.check_fields(v, ptr, {"parameter", "values"});
    parameter_change c;
    c.pointer = ptr;
    c.parameter = r.get_string(v, ptr, "parameter", true).value_or("");
    if (const json* vals = r.field(v, ptr, "values", true); vals && r.expect_array(*vals, ptr + "/values", "\"values\"")) {
      for (std::size_t k = 0; k < vals->size(); ++k) {
        const std::string vp = ptr + "/values/" + std::to_string(k);
        const json& item = (*vals)[k];
        if (!r.expect_object(item, vp, "a parameter value")) continue;
        r.check_fields(item, vp, {"from", "to", "region", "value", "reference"});
        parameter_change::dated_value dv;
        dv.from = r.get_date(item, vp, "from", false);
        dv.to = r.get_date(item, vp, "to", false);
        dv.region = r.get_string(item, vp, "region", false).value_or("");
        dv.value = literal(r, item, vp, "value", true);
        dv.reference = r.get_string(item, vp, "reference", false).value_or("scenario");
        c.values.push_back(std::move(dv));
      }
    }
    s.parameters.push_back(std::move(c));
  });
  each("tasks", [&](const json& v, const std::string& ptr) {
    r.check_fields(v, ptr, {"task", "delay_days", "delay_working_days", "duration", "remove", "add_dependencies"});
    task_change c;
    c.pointer = ptr;
    c.task = r.get_string(v, ptr, "task", true).value_or("");
    c.delay_days = get_int_in(r, v, ptr, "delay_days", 0, max_delay_days).value_or(0);
    c.delay_working_days = get_int_in(r, v, ptr, "delay_working_days", 0, max_delay_days).value_or(0);
    c.duration = get_int_in(r, v, ptr, "duration", 0, max_task_days, errc::invalid_duration);
    c.remove = r.get_bool(v, ptr, "remove", false).value_or(false);
    if (const json* deps = r.field(v, ptr, "add_dependencies", false); deps && r.expect_array(*deps, ptr + "/add_dependencies", "\"add_dependencies\"")) {
      for (std::size_t k = 0; k < deps->size(); ++k) {
        dependency dep;
        io_internal::read_dependency(r, (*deps)[k], ptr + "/add_dependencies/" + std::to_string(k), dep);
        c.add_dependencies.push_back(std::move(dep));
      }
    }
    s.tasks.push_back(std::move(c));
  });
  each("needs", [&](const json& v, const std::string& ptr) {
    need_change c;
    c.pointer = ptr;
    if (const json* add = r.field(v, ptr, "add", false)) {
      r.check_fields(v, ptr, {"add"});
      funding_need n;
      if (io_internal::read_need(r, *add, ptr + "/add", n)) {
        c.need = n.id;
        c.add = std::move(n);
      }
    } else {
      r.check_fields(v, ptr, {"need", "scale", "amount", "remove", "delay_days"});
      c.need = r.get_string(v, ptr, "need", true).value_or("");
      c.scale = read_rate(r, v, ptr, "scale", false);
      c.amount = r.get_money(v, ptr, "amount", false);
      c.remove = r.get_bool(v, ptr, "remove", false).value_or(false);
      c.delay_days = get_int_in(r, v, ptr, "delay_days", 0, max_delay_days).value_or(0);
    }
    s.needs.push_back(std::move(c));
  });
  each("sources", [&](const json& v, const std::string& ptr) {
    source_change c;
    c.pointer = ptr;
    if (const json* add = r.field(v, ptr, "add", false)) {
      r.check_fields(v, ptr, {"add"});
      funding_source src;
      if (io_internal::read_source(r, *add, ptr + "/add", src)) {
        c.source = src.id;
        c.add = std::move(src);
      }
    } else {
      r.check_fields(v, ptr, {"source", "scale", "remove", "delay_days"});
      c.source = r.get_string(v, ptr, "source", true).value_or("");
      c.scale = read_rate(r, v, ptr, "scale", false);
      c.remove = r.get_bool(v, ptr, "remove", false).value_or(false);
      c.delay_days = get_int_in(r, v, ptr, "delay_days", 0, max_delay_days).value_or(0);
    }
    s.sources.push_back(std::move(c));
  });
  each("merges", [&](const json& v, const std::string& ptr) {
    merge_spec m;
    io_internal::read_merge(r, v, ptr, m, false);
    s.merges.push_back(std::move(m));
  });
}

result<scenario> parse_chain(std::string_view text, const std::string& file, const load_options& options,
                             std::vector<std::string>& stack) {
  NTM_TRY(doc, io_internal::json_document::parse(std::string(text), file, options));
  scenario s;
  s.file = file;
  {
    json_reader r(doc);
    read_scenario(r, doc.root(), s);
    NTM_CHECK(r.finish("while loading scenario " + (file.empty() ? std::string("(in memory)") : file)));
  }
  s.locations = std::make_shared<io_internal::document_source_map>(doc);
  if (!s.extends.empty()) {
    const std::string path = io_internal::named_file(options, file, s.extends);
    if (std::find(stack.begin(), stack.end(), path) != stack.end())
      return fail(doc.make(errc::extends_cycle, "scenarios extend each other in a cycle through " + path, "/extends"));
    if (stack.size() > options.max_extends_depth)
      return fail(limit_error("max_extends_depth", options.max_extends_depth,
                              "scenarios extend each other " + std::to_string(stack.size()) + " levels deep", doc.locate("/extends")));
    stack.push_back(path);
    NTM_TRY(text2, io_internal::fetch(options, path));
    auto base = parse_chain(text2, path, options, stack);
    if (!base) return fail(base.error().add_context("in the scenario " + file + " extends"));
    s.base = std::make_shared<const scenario>(std::move(*base));
  }
  return s;
}

}  // namespace

source_location scenario::locate(const std::string& pointer) const {
  if (locations) return locations->locate(pointer);
  source_location where;
  where.file = file;
  where.pointer = pointer;
  return where;
}

result<scenario> parse_scenario(std::string_view text, const std::string& file, const load_options& options) {
  return io_internal::guarded("loading a scenario", [&]() -> result<scenario> {
    std::vector<std::string> stack{file};
    return parse_chain(text, file, options, stack);
  });
}

result<scenario> load_scenario(const std::string& path, const load_options& options) {
  NTM_TRY(text, io_internal::fetch(options, path));
  return parse_scenario(text, path, options);
}

NTM_END_NAMESPACE
