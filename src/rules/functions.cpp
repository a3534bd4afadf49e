// SPDX-License-Identifier: MIT
// The function registry, fact views for evaluators, and calling user code safely: whatever
// a function or evaluator throws or returns as an error marks its own result as errored.
#include <ntm/rules/functions.hpp>

#include <algorithm>
#include <map>

#include "rules/kernel.hpp"

NTM_BEGIN_NAMESPACE

struct function_registry::impl {
  std::map<std::string, std::pair<function_signature, native_function>, std::less<>> functions;
  std::map<std::string, indicator_evaluator, std::less<>> evaluators;
};

function_registry::function_registry() : impl_(std::make_unique<impl>()) {}
function_registry::~function_registry() = default;
function_registry::function_registry(const function_registry& o) : impl_(std::make_unique<impl>(*o.impl_)) {}
function_registry& function_registry::operator=(const function_registry& o) {
  if (this != &o) impl_ = std::make_unique<impl>(*o.impl_);
  return *this;
}
function_registry::function_registry(function_registry&&) noexcept = default;
function_registry& function_registry::operator=(function_registry&&) noexcept = default;

namespace {
result<void> check_name(const std::string& name) {
  bool ok = !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!ok) return fail(errc::invalid_argument, "function name \"" + name + "\" must start with a letter and contain only letters, digits and '_'");
  static const char* const builtins[] = {"min", "max", "sum", "abs", "round", "count", "all", "any", "at_least", "share", "percent",
                                         "known", "coalesce", "date", "add_days", "add_months", "days_between", "year", "month",
                                         "applicable", "all_criteria", "key_criteria_met", "count_criteria_met",
                                         "count_criteria_not_met", "count_criteria", "if", "and", "or", "not", "in"};
  for (const char* b : builtins)
    if (name == b) return fail(errc::duplicate_id, "\"" + name + "\" is a built-in function or keyword");
  return {};
}
}  // namespace

result<void> function_registry::add_native(std::string name, function_signature signature, native_function fn) {
  NTM_CHECK(check_name(name));
  if (!fn) return fail(errc::invalid_argument, "function " + name + " has no body");
  if (signature.params.size() > 16) return fail(errc::invalid_argument, "function " + name + " takes more than 16 parameters");
  if (signature.nullable.size() != signature.params.size()) signature.nullable.resize(signature.params.size(), false);
  if (impl_->functions.count(name) || impl_->evaluators.count(name))
    return fail(errc::duplicate_id, "a function or evaluator named " + name + " is already registered");
  impl_->functions.emplace(std::move(name), std::make_pair(std::move(signature), std::move(fn)));
  return {};
}

result<void> function_registry::add_evaluator(std::string name, indicator_evaluator fn) {
  NTM_CHECK(check_name(name));
  if (!fn) return fail(errc::invalid_argument, "evaluator " + name + " has no body");
  if (impl_->functions.count(name) || impl_->evaluators.count(name))
    return fail(errc::duplicate_id, "a function or evaluator named " + name + " is already registered");
  impl_->evaluators.emplace(std::move(name), std::move(fn));
  return {};
}

const function_signature* function_registry::find_function(std::string_view name) const {
  auto it = impl_->functions.find(name);
  return it == impl_->functions.end() ? nullptr : &it->second.first;
}

const native_function* function_registry::function(std::string_view name) const {
  auto it = impl_->functions.find(name);
  return it == impl_->functions.end() ? nullptr : &it->second.second;
}

const indicator_evaluator* function_registry::find_evaluator(std::string_view name) const {
  auto it = impl_->evaluators.find(name);
  return it == impl_->evaluators.end() ? nullptr : &it->second;
}

std::vector<std::string> function_registry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : impl_->functions) out.push_back(name);
  for (const auto& [name, _] : impl_->evaluators) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

result<std::optional<value>> fact_view::get(std::string_view id) const {
  const detail::view_data& d = *data_;
  auto it = d.schema->index.find(std::string(id));
  if (it == d.schema->index.end()) return fail(errc::unknown_fact, "\"" + std::string(id) + "\" is not a declared fact");
  const std::uint32_t slot = it->second;
  if (std::find(d.reads->begin(), d.reads->end(), slot) == d.reads->end())
    return fail(errc::invalid_argument, "fact \"" + std::string(id) + "\" is not listed in the indicator's \"reads\"");
  if (d.states[slot][d.lane] != 0) return std::optional<value>();
  const std::int64_t raw = d.values[slot][d.lane];
  const fact_definition& f = d.schema->facts[slot];
  switch (f.type) {
    case value_type::boolean: return std::optional<value>(value::of_bool(raw != 0));
    case value_type::integer: return std::optional<value>(value::of_integer(raw));
    case value_type::number: return std::optional<value>(value::of_number(decimal::from_micros(raw)));
    case value_type::money: return std::optional<value>(value::of_money(money::from_dong(raw)));
    case value_type::percent: return std::optional<value>(value::of_percent(decimal::from_micros(raw)));
    case value_type::date: return std::optional<value>(value::of_date(date(static_cast<date::date_int_type>(raw))));
    case value_type::text:
      return std::optional<value>(value::of_text(d.texts && raw >= 0 && static_cast<std::size_t>(raw) < d.texts->size()
                                                     ? (*d.texts)[static_cast<std::size_t>(raw)] : std::string()));
    case value_type::enumeration: return std::optional<value>(value::of_enum(f.values[static_cast<std::size_t>(raw)]));
  }
  return std::optional<value>();
}

result<value_type> fact_view::type_of(std::string_view id) const {
  auto it = data_->schema->index.find(std::string(id));
  if (it == data_->schema->index.end()) return fail(errc::unknown_fact, "\"" + std::string(id) + "\" is not a declared fact");
  return data_->schema->facts[it->second].type;
}

date fact_view::assessment_date() const { return data_->at; }
std::string_view fact_view::region() const { return data_->region; }

namespace rules_internal {

void run_call(const instr& in, const std::uint32_t*, std::int64_t* out_v, std::uint8_t* out_s, const std::int64_t* const* arg_v,
              const std::uint8_t* const* arg_s, std::size_t nargs, run_context& ctx) {
  const function_entry& fn = ctx.program->functions[in.aux];
  call_arg args[16];
  std::uint8_t worst = st_known;
  std::int64_t err = 0;
  for (std::size_t k = 0; k < nargs; ++k) {
    args[k].raw = *arg_v[k];
    args[k].state = *arg_s[k] == st_known ? 0 : 1;
    if (fn.signature.params[k] == value_type::text && *arg_s[k] == st_known) args[k].text = ctx.text(*arg_v[k]);
    if (*arg_s[k] != st_known && !fn.signature.nullable[k] && *arg_s[k] > worst) {
      worst = *arg_s[k];
      err = *arg_v[k];
    }
    if (*arg_s[k] == st_error && fn.signature.nullable[k] && worst < st_error) {
      worst = st_error;  // an error is never passed on as "unknown"
      err = *arg_v[k];
    }
  }
  if (worst != st_known) {
    *out_v = err;
    *out_s = worst;
    return;
  }
  call_result res;
  try {
    fn.fn(args, nargs, res);
  } catch (const std::exception& e) {
    res.error = std::string("threw: ") + e.what();
  } catch (...) {
    res.error = "threw an exception";
  }
  if (!res.error.empty()) {
    *out_v = ctx.add_error("function " + fn.name + "(): " + res.error);
    *out_s = st_error;
    return;
  }
  if (res.state != 0) {
    *out_v = 0;
    *out_s = st_unknown;
    return;
  }
  if (fn.signature.result == value_type::text) {
    ctx.runtime_texts->push_back(std::move(res.text));
    *out_v = text_runtime_base + static_cast<std::int64_t>(ctx.runtime_texts->size() - 1);
  } else {
    *out_v = res.raw;
  }
  *out_s = st_known;
}

void run_evaluator(const instr& in, std::size_t lane, std::int64_t& out_v, std::uint8_t& out_s, run_context& ctx) {
  const evaluator_entry& ev = ctx.program->evaluators[in.aux];
  const rule_meta& rule = ctx.program->rules[static_cast<std::size_t>(in.imm)];
  detail::view_data data;
  data.schema = ctx.program->schema.get();
  data.values = ctx.fact_values;
  data.states = ctx.fact_states;
  data.lane = lane;
  data.reads = &rule.reads;
  data.texts = ctx.data_texts;
  data.at = ctx.at;
  data.region = ctx.region;
  result<indicator_outcome> outcome = fail(errc::evaluator_failed, "not run");
  try {
    outcome = ev.fn(fact_view(&data));
  } catch (const std::exception& e) {
    outcome = fail(errc::evaluator_failed, std::string("threw: ") + e.what());
  } catch (...) {
    outcome = fail(errc::evaluator_failed, "threw an exception");
  }
  std::string message;
  if (!outcome) {
    out_v = ctx.add_error("evaluator " + ev.name + ": " + outcome.error().message);
    out_s = st_error;
    return;
  }
  switch (outcome->result) {
    case status::met: out_v = 1; out_s = st_known; break;
    case status::not_met: out_v = 0; out_s = st_known; break;
    case status::unknown: out_v = 0; out_s = st_unknown; break;
    case status::not_applicable: out_v = 0; out_s = st_na; break;
    case status::error:
      out_v = ctx.add_error("evaluator " + ev.name + ": " + outcome->explanation);
      out_s = st_error;
      return;
  }
  if (ctx.messages) (*ctx.messages)[static_cast<std::size_t>(in.imm)] = std::move(outcome->explanation);
}

}  // namespace rules_internal
NTM_END_NAMESPACE
