// SPDX-License-Identifier: MIT
// The C API (include/ntm/c/ntm.h) over the C++ library: opaque handles, C values converted
// to and from ntm::value, errors turned into ntm_error objects and status codes, and a
// catch-all around every entry point so that no exception crosses into C.
#include <ntm/c/ntm.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <ntm/core/date.hpp>
#include <ntm/core/error.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>
#include <ntm/io/json.hpp>
#include <ntm/plan/analysis.hpp>
#include <ntm/plan/plan.hpp>
#include <ntm/rules/functions.hpp>
#include <ntm/rules/program.hpp>
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/compare.hpp>
#include <ntm/scenario/monte_carlo.hpp>
#include <ntm/scenario/scenario.hpp>
#include <ntm/scenario/sensitivity.hpp>
#include <ntm/scenario/unit_simulation.hpp>
#include <ntm/schedule/render.hpp>
#include <ntm/version.hpp>

// --- the handles ---------------------------------------------------------------------------

struct ntm_error {
  ntm::error error;
  int code = NTM_ERROR;
  std::string text;                // ntm::format(error)
  std::vector<ntm_error> details;  // error.details, converted
};

struct ntm_criteria_set {
  ntm::criteria_set set;
};
struct ntm_registry {
  ntm::function_registry functions;
};
struct ntm_program {
  ntm::program program;
};
struct ntm_facts {
  ntm::fact_table facts;
};
struct ntm_assessment {
  ntm::assessment assessment;
};
struct ntm_plan {
  std::shared_ptr<const ntm::plan> plan;
};
struct ntm_scenario {
  ntm::scenario scenario;
};
struct ntm_analysis {
  std::shared_ptr<const ntm::plan> plan;  // the analysis points into it
  ntm::plan_analysis analysis;
  std::vector<ntm::stated_check> discrepancies;  // analysis.funding.discrepancies(), kept for borrowed names
};

// A callback in progress: what it reported.
struct ntm_call {
  bool evaluator = false;
  ntm::value_type result_type = ntm::value_type::boolean;  // of a function
  ntm::call_result* result = nullptr;                       // of a function
  ntm::indicator_outcome outcome;                           // of an evaluator
  bool reported = false;
  bool failed = false;
  std::string message;
};

struct ntm_fact_view {
  const ntm::fact_view* view = nullptr;
  std::string region;                      // NUL-terminated copy
  mutable std::deque<ntm::value> handed;   // values whose text the callback borrows
};

// The C enumerations are the C++ ones, number for number.
static_assert(NTM_STATUS_NOT_MET == static_cast<int>(ntm::status::not_met) && NTM_STATUS_MET == static_cast<int>(ntm::status::met) &&
              NTM_STATUS_UNKNOWN == static_cast<int>(ntm::status::unknown) &&
              NTM_STATUS_NOT_APPLICABLE == static_cast<int>(ntm::status::not_applicable) &&
              NTM_STATUS_ERROR == static_cast<int>(ntm::status::error));
static_assert(NTM_RULE_INDICATOR == static_cast<int>(ntm::rule_kind::indicator) &&
              NTM_RULE_CRITERION == static_cast<int>(ntm::rule_kind::criterion) &&
              NTM_RULE_STANDARD == static_cast<int>(ntm::rule_kind::standard) && NTM_RULE_OTHER == static_cast<int>(ntm::rule_kind::rule));
static_assert(NTM_TYPE_BOOL == static_cast<int>(ntm::value_type::boolean) && NTM_TYPE_INTEGER == static_cast<int>(ntm::value_type::integer) &&
              NTM_TYPE_NUMBER == static_cast<int>(ntm::value_type::number) && NTM_TYPE_MONEY == static_cast<int>(ntm::value_type::money) &&
              NTM_TYPE_PERCENT == static_cast<int>(ntm::value_type::percent) && NTM_TYPE_DATE == static_cast<int>(ntm::value_type::date) &&
              NTM_TYPE_TEXT == static_cast<int>(ntm::value_type::text) && NTM_TYPE_ENUM == static_cast<int>(ntm::value_type::enumeration));

namespace {

using ntm::errc;
using ntm::fail;
using ntm::result;

// --- errors ----------------------------------------------------------------------------------

int family(errc code) noexcept {
  switch (code) {
    case errc::invalid_argument:
    case errc::null_argument:
    case errc::options_version: return NTM_EINVAL;
    case errc::out_of_memory: return NTM_ENOMEM;
    case errc::io_error: return NTM_EIO;
    case errc::invalid_utf8: return NTM_EUTF8;
    case errc::limit_exceeded: return NTM_ELIMIT;
    case errc::not_found: return NTM_ENOTFOUND;
    case errc::internal: return NTM_EINTERNAL;
    default: break;
  }
  const int n = static_cast<int>(code);
  if (n >= 101 && n <= 111) return NTM_EVALUE;
  switch (n / 100) {
    case 2: return NTM_EFORMAT;
    case 3: return NTM_ERULES;
    case 4: return NTM_ESCHEDULE;
    case 5: return NTM_ELEDGER;
    case 6: return NTM_EPLAN;
    default: return NTM_ERROR;
  }
}

ntm_error make_c_error(ntm::error e) {
  ntm_error out;
  out.code = family(e.code);
  out.text = ntm::format(e);
  out.details.reserve(e.details.size());
  for (const ntm::error& d : e.details) out.details.push_back(make_c_error(d));
  out.error = std::move(e);
  return out;
}

// Returned by ntm_error_last() when even the error object could not be allocated.
const ntm_error& out_of_memory_error() noexcept {
  static const ntm_error e = [] {
    ntm_error x;
    x.error.code = errc::out_of_memory;
    x.error.message = "out of memory";
    x.code = NTM_ENOMEM;
    x.text = "error[out_of_memory/802]: out of memory";
    return x;
  }();
  return e;
}

thread_local std::unique_ptr<ntm_error> last_error_owned;
thread_local const ntm_error* last_error = nullptr;

// Records `e` as this thread's last error and hands a copy to the caller if asked.
int report(ntm::error e, ntm_error** out_error) noexcept {
  try {
    auto c = std::make_unique<ntm_error>(make_c_error(std::move(e)));
    if (out_error) *out_error = new ntm_error(*c);
    const int code = c->code;
    last_error_owned = std::move(c);
    last_error = last_error_owned.get();
    return code;
  } catch (...) {
    last_error_owned.reset();
    last_error = &out_of_memory_error();
    return NTM_ENOMEM;
  }
}

int report(errc code, const char* message, ntm_error** out_error) noexcept {
  try {
    return report(ntm::make_error(code, message), out_error);
  } catch (...) {
    last_error_owned.reset();
    last_error = &out_of_memory_error();
    return NTM_ENOMEM;
  }
}

// Runs the body of an entry point: its error becomes the status code, and no exception
// escapes. `body` returns result<void>.
template <class Body>
int guarded(ntm_error** out_error, Body&& body) noexcept {
  if (out_error) *out_error = nullptr;
  try {
    result<void> r = body();
    if (r) return NTM_OK;
    return report(std::move(r).error(), out_error);
  } catch (const std::bad_alloc&) {
    return report(errc::out_of_memory, "out of memory", out_error);
  } catch (const std::exception& ex) {
    try {
      return report(ntm::make_error(errc::internal, std::string("unexpected exception: ") + ex.what()), out_error);
    } catch (...) {
      return report(errc::internal, "unexpected exception", out_error);
    }
  } catch (...) {
    return report(errc::internal, "unexpected exception", out_error);
  }
}

// --- arguments ---------------------------------------------------------------------------------

result<void> need(const void* p, const char* what) {
  if (!p) return fail(errc::null_argument, std::string(what) + " is NULL");
  return {};
}

// Checks an out-handle parameter and clears it, so that it is NULL on failure.
template <class T>
result<void> out_handle(T** out) {
  if (!out) return fail(errc::null_argument, "out is NULL");
  *out = nullptr;
  return {};
}

// UTF-8 text given as pointer and length (NTM_NTS: NUL-terminated). NULL is an error unless
// `optional`, when it is the empty text.
result<std::string_view> text_arg(const char* p, std::size_t len, const char* what, bool optional = false) {
  if (!p) {
    if (optional) return std::string_view();
    return fail(errc::null_argument, std::string(what) + " is NULL");
  }
  if (len == NTM_NTS) len = std::strlen(p);
  const std::string_view s(p, len);
  const std::size_t bad = ntm::first_invalid_utf8(s);
  if (bad != s.size())
    return fail(errc::invalid_utf8, std::string(what) + " is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  return s;
}

result<void> check_version(unsigned version, unsigned current, const char* what) {
  if (version == 0 || version > current)
    return fail(errc::options_version, std::string(what) + " has version " + std::to_string(version) +
                                           "; this library knows versions 1 to " + std::to_string(current) +
                                           " (initialise it with its _INIT macro)");
  return {};
}

result<ntm::lang> lang_arg(int l) {
  if (l == NTM_LANG_VI) return ntm::lang::vi;
  if (l == NTM_LANG_EN) return ntm::lang::en;
  return fail(errc::invalid_argument, "unknown language " + std::to_string(l) + " (NTM_LANG_VI or NTM_LANG_EN)");
}

result<ntm::load_options> load_options_arg(const ntm_load_options* o) {
  ntm::load_options out;
  if (!o) return out;
  NTM_CHECK(check_version(o->version, NTM_LOAD_OPTIONS_VERSION, "ntm_load_options"));
  if (o->max_file_bytes != 0) out.max_file_bytes = o->max_file_bytes;
  if (o->max_depth != 0) out.max_depth = o->max_depth;
  return out;
}

result<ntm::plan_load_options> plan_options_arg(const ntm_plan_options* o) {
  ntm::plan_load_options out;
  if (!o) return out;
  NTM_CHECK(check_version(o->version, NTM_PLAN_OPTIONS_VERSION, "ntm_plan_options"));
  if (o->registry) out.functions = o->registry->functions;
  NTM_TRY(files, load_options_arg(&o->files));
  out.files = std::move(files);
  return out;
}

// --- dates and values ------------------------------------------------------------------------

result<ntm::date> date_arg(std::int32_t ymd, const char* what) {
  if (ymd <= 0) return fail(errc::invalid_argument, std::string(what) + " is not a date (write yyyymmdd, e.g. 20231231)");
  return ntm::make_date(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

std::int32_t ymd_of(ntm::date d) {
  if (d.is_special()) return 0;
  const auto ymd = d.year_month_day();
  return static_cast<std::int32_t>(ymd.year) * 10000 + static_cast<std::int32_t>(ymd.month) * 100 +
         static_cast<std::int32_t>(ymd.day);
}

std::int32_t ymd_of(const std::optional<ntm::date>& d) { return d ? ymd_of(*d) : 0; }

result<ntm::value_type> type_arg(int t, bool for_function) {
  if (t < NTM_TYPE_BOOL || t > NTM_TYPE_ENUM || (for_function && t == NTM_TYPE_ENUM))
    return fail(errc::invalid_argument, "unknown value type code " + std::to_string(t) +
                                            (for_function ? " (functions take and return NTM_TYPE_BOOL … NTM_TYPE_TEXT)" : ""));
  return static_cast<ntm::value_type>(t);
}

result<ntm::value> value_arg(const ntm_value& v) {
  NTM_TRY(type, type_arg(v.type, false));
  switch (type) {
    case ntm::value_type::boolean: return ntm::value::of_bool(v.raw != 0);
    case ntm::value_type::integer: return ntm::value::of_integer(v.raw);
    case ntm::value_type::number: return ntm::value::of_number(ntm::decimal::from_micros(v.raw));
    case ntm::value_type::money: return ntm::value::of_money(ntm::money::from_dong(v.raw));
    case ntm::value_type::percent: return ntm::value::of_percent(ntm::decimal::from_micros(v.raw));
    case ntm::value_type::date: {
      if (v.raw > INT32_MAX || v.raw < INT32_MIN) return fail(errc::date_invalid, "a date must be yyyymmdd");
      NTM_TRY(d, date_arg(static_cast<std::int32_t>(v.raw), "the date value"));
      return ntm::value::of_date(d);
    }
    case ntm::value_type::text:
    case ntm::value_type::enumeration: {
      NTM_TRY(t, text_arg(v.text, v.text_len, "the text value"));
      return type == ntm::value_type::text ? ntm::value::of_text(std::string(t)) : ntm::value::of_enum(std::string(t));
    }
  }
  return fail(errc::invalid_argument, "unknown value type");
}

// A known value as a C value; its text is borrowed from `v`.
ntm_value c_value(const ntm::value& v) {
  ntm_value out{};
  out.type = static_cast<int>(v.type());
  out.known = 1;
  if (v.type() == ntm::value_type::date) {
    out.raw = ymd_of(v.as_date());
  } else if (v.type() == ntm::value_type::text || v.type() == ntm::value_type::enumeration) {
    out.text = v.as_text().c_str();
    out.text_len = v.as_text().size();
  } else {
    out.raw = v.raw();
  }
  return out;
}

ntm_value unknown_value(ntm::value_type t) {
  ntm_value out{};
  out.type = static_cast<int>(t);
  out.text = "";
  return out;
}

// A string the caller owns (ntm_string_free).
result<void> give_string(const std::string& s, char** out, std::size_t* out_len) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  *out = p;
  if (out_len) *out_len = s.size();
  return {};
}

// --- callbacks -----------------------------------------------------------------------------------

// What a failed or silent callback means.
std::string callback_failure(const ntm_call& call, int rc, const char* what) {
  if (call.failed) return call.message.empty() ? std::string("the callback failed") : call.message;
  if (rc != 0) return "the callback returned " + std::to_string(rc);
  return std::string("the callback reported no ") + what;
}

// --- assessments and analyses ------------------------------------------------------------------

result<const ntm::rule_outcome*> rule_at(const ntm_assessment* a, std::size_t index) {
  NTM_CHECK(need(a, "assessment"));
  if (index >= a->assessment.outcomes.size())
    return fail(errc::invalid_argument, "rule index " + std::to_string(index) + " is out of range (the assessment has " +
                                            std::to_string(a->assessment.outcomes.size()) + " rules)");
  return &a->assessment.outcomes[index];
}

result<std::size_t> index_of(const ntm::assessment& a, std::string_view id) {
  const ntm::rule_outcome* r = a.find(id);
  if (!r) return fail(errc::not_found, "rule \"" + std::string(id) + "\" is not in the assessment of set " + a.set_id);
  return static_cast<std::size_t>(r - a.outcomes.data());
}

result<void> index_arg(std::size_t index, std::size_t size, const char* what) {
  if (index >= size)
    return fail(errc::invalid_argument,
                std::string(what) + " index " + std::to_string(index) + " is out of range (there are " + std::to_string(size) + ")");
  return {};
}

nlohmann::json json_date(const std::optional<ntm::date>& d) {
  return d ? nlohmann::json(ntm::format_date(*d)) : nlohmann::json(nullptr);
}

nlohmann::json json_projection(const ntm::rule_projection& p) {
  return {{"id", p.id},
          {"at_baseline", ntm::to_string(p.at_baseline)},
          {"at_target", ntm::to_string(p.at_target)},
          {"met_on", json_date(p.met_on)},
          {"met_by_target", p.met_by_target},
          {"tasks", p.tasks},
          {"still_missing", p.still_missing}};
}

std::string analysis_json(const ntm_analysis& h, ntm::lang l) {
  const ntm::plan_analysis& a = h.analysis;
  nlohmann::json j;
  j["plan"] = h.plan->id;
  j["unit"] = h.plan->unit.name;
  j["goal"] = json_projection(a.goal);
  j["criteria"] = nlohmann::json::array();
  for (const auto& c : a.criteria) j["criteria"].push_back(json_projection(c));
  j["project_finish"] = json_date(a.schedule.project_finish.is_special() ? std::nullopt
                                                                         : std::optional<ntm::date>(a.schedule.project_finish));
  j["critical_paths"] = a.schedule.critical_paths;
  nlohmann::json discrepancies = nlohmann::json::array();
  for (const auto& d : h.discrepancies)
    discrepancies.push_back({{"figure", d.figure}, {"stated", d.stated.dong()}, {"computed", d.computed.dong()}, {"where", d.where}});
  j["funding"] = {{"needs", a.funding.needs_total.dong()},
                  {"sources", a.funding.sources_total.dong()},
                  {"unconditional_sources", a.funding.unconditional_sources_total.dong()},
                  {"gap", a.funding.gap.dong()},
                  {"in_year_gap", a.cash.in_year_gap.dong()},
                  {"discrepancies", std::move(discrepancies)}};
  nlohmann::json stated = nlohmann::json::array();
  for (const auto& d : a.stated_discrepancies)
    stated.push_back({{"criterion", d.criterion}, {"stated", d.stated}, {"computed", ntm::to_string(d.computed)}, {"where", d.where}});
  j["stated_discrepancies"] = std::move(stated);
  j["baseline"] = nlohmann::json::parse(ntm::to_json(a.baseline, l));
  j["schedule"] = nlohmann::json::parse(ntm::to_json(a.schedule));
  return j.dump(2);
}

result<const ntm::plan_analysis*> analysis_arg(const ntm_analysis* a) {
  NTM_CHECK(need(a, "analysis"));
  return &a->analysis;
}

}  // namespace

// ==== status codes and version ==================================================================

extern "C" {

const char* ntm_code_name(int code) {
  switch (code) {
    case NTM_OK: return "NTM_OK";
    case NTM_ERROR: return "NTM_ERROR";
    case NTM_EINVAL: return "NTM_EINVAL";
    case NTM_ENOMEM: return "NTM_ENOMEM";
    case NTM_EIO: return "NTM_EIO";
    case NTM_EUTF8: return "NTM_EUTF8";
    case NTM_ELIMIT: return "NTM_ELIMIT";
    case NTM_ENOTFOUND: return "NTM_ENOTFOUND";
    case NTM_EVALUE: return "NTM_EVALUE";
    case NTM_EFORMAT: return "NTM_EFORMAT";
    case NTM_ERULES: return "NTM_ERULES";
    case NTM_ESCHEDULE: return "NTM_ESCHEDULE";
    case NTM_ELEDGER: return "NTM_ELEDGER";
    case NTM_EPLAN: return "NTM_EPLAN";
    case NTM_EINTERNAL: return "NTM_EINTERNAL";
    default: return "NTM_E?";
  }
}

const char* ntm_version(void) { return ntm::version(); }
int ntm_version_number(void) { return ntm::version_number(); }
int ntm_c_abi_version(void) { return NTM_C_ABI_VERSION; }

// ==== errors ====================================================================================

const ntm_error* ntm_error_last(void) { return last_error; }
void ntm_error_clear(void) {
  last_error_owned.reset();
  last_error = nullptr;
}
void ntm_error_free(ntm_error* error) { delete error; }
int ntm_error_code(const ntm_error* error) { return error ? error->code : NTM_OK; }
int ntm_error_errc(const ntm_error* error) { return error ? static_cast<int>(error->error.code) : 0; }
const char* ntm_error_name(const ntm_error* error) { return error ? ntm::to_string(error->error.code) : ""; }
const char* ntm_error_message(const ntm_error* error) { return error ? error->error.message.c_str() : ""; }
const char* ntm_error_file(const ntm_error* error) { return error ? error->error.where.file.c_str() : ""; }
uint32_t ntm_error_line(const ntm_error* error) { return error ? error->error.where.line : 0; }
uint32_t ntm_error_column(const ntm_error* error) { return error ? error->error.where.column : 0; }
const char* ntm_error_pointer(const ntm_error* error) { return error ? error->error.where.pointer.c_str() : ""; }
const char* ntm_error_to_string(const ntm_error* error) { return error ? error->text.c_str() : ""; }
size_t ntm_error_detail_count(const ntm_error* error) { return error ? error->details.size() : 0; }
const ntm_error* ntm_error_detail(const ntm_error* error, size_t index) {
  return error && index < error->details.size() ? &error->details[index] : nullptr;
}

void ntm_string_free(char* string) { std::free(string); }

// ==== criteria sets ==============================================================================

int ntm_criteria_set_load_file(ntm_criteria_set** out, const char* path, const ntm_load_options* options,
                               ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(path, "path"));
    NTM_TRY(o, load_options_arg(options));
    NTM_TRY(set, ntm::load_criteria_set(path, o));
    *out = new ntm_criteria_set{std::move(set)};
    return {};
  });
}

int ntm_criteria_set_load_memory(ntm_criteria_set** out, const char* json, size_t json_len, const char* name,
                                 size_t name_len, const ntm_load_options* options, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_TRY(text, text_arg(json, json_len, "json"));
    NTM_TRY(file, text_arg(name, name_len, "name", true));
    NTM_TRY(o, load_options_arg(options));
    NTM_TRY(set, ntm::parse_criteria_set(text, std::string(file), o));
    *out = new ntm_criteria_set{std::move(set)};
    return {};
  });
}

int ntm_criteria_set_id(const ntm_criteria_set* set, const char** out_id, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(set, "set"));
    NTM_CHECK(need(out_id, "out_id"));
    *out_id = set->set.id.c_str();
    return {};
  });
}

void ntm_criteria_set_free(ntm_criteria_set* set) { delete set; }

// ==== registry and callbacks =======================================================================

int ntm_registry_create(ntm_registry** out, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    *out = new ntm_registry();
    return {};
  });
}

int ntm_registry_add_function(ntm_registry* registry, const char* name, size_t name_len, const int* param_types,
                              size_t param_count, int result_type, ntm_function_cb fn, void* payload, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(registry, "registry"));
    if (fn == nullptr) return fail(errc::null_argument, "fn is NULL");
    NTM_TRY(id, text_arg(name, name_len, "name"));
    if (param_count > 16) return fail(errc::invalid_argument, "a function takes at most 16 parameters");
    if (param_count > 0) NTM_CHECK(need(param_types, "param_types"));
    ntm::function_signature sig;
    for (std::size_t k = 0; k < param_count; ++k) {
      NTM_TRY(t, type_arg(param_types[k] & ~NTM_TYPE_NULLABLE, true));
      sig.params.push_back(t);
      sig.nullable.push_back((param_types[k] & NTM_TYPE_NULLABLE) != 0);
    }
    NTM_TRY(rt, type_arg(result_type, true));
    sig.result = rt;
    auto call_c = [fn, payload, params = sig.params, rt](const ntm::call_arg* args, std::size_t n, ntm::call_result& out) {
      ntm_value c_args[16];
      for (std::size_t k = 0; k < n && k < 16; ++k) {
        c_args[k] = unknown_value(params[k]);
        if (args[k].state != 0) continue;
        c_args[k].known = 1;
        if (params[k] == ntm::value_type::date) {
          c_args[k].raw = ymd_of(ntm::date(static_cast<ntm::date::date_int_type>(args[k].raw)));
        } else if (params[k] == ntm::value_type::text) {
          c_args[k].text = args[k].text.data();
          c_args[k].text_len = args[k].text.size();
        } else {
          c_args[k].raw = args[k].raw;
        }
      }
      ntm_call call;
      call.result_type = rt;
      call.result = &out;
      const int rc = fn(payload, c_args, n, &call);
      if (rc != 0 || call.failed || !call.reported) {
        out.error = callback_failure(call, rc, "result (call ntm_call_return)");
        out.state = 0;
      }
    };
    return registry->functions.add_native(std::string(id), std::move(sig), std::move(call_c));
  });
}

int ntm_registry_add_evaluator(ntm_registry* registry, const char* name, size_t name_len, ntm_evaluator_cb fn,
                               void* payload, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(registry, "registry"));
    if (fn == nullptr) return fail(errc::null_argument, "fn is NULL");
    NTM_TRY(id, text_arg(name, name_len, "name"));
    auto call_c = [fn, payload](const ntm::fact_view& facts) -> result<ntm::indicator_outcome> {
      ntm_fact_view view;
      view.view = &facts;
      view.region = std::string(facts.region());
      ntm_call call;
      call.evaluator = true;
      const int rc = fn(payload, &view, &call);
      if (rc != 0 || call.failed || !call.reported)
        return fail(errc::evaluator_failed, callback_failure(call, rc, "outcome (call ntm_call_outcome)"));
      return std::move(call.outcome);
    };
    return registry->functions.add_evaluator(std::string(id), std::move(call_c));
  });
}

void ntm_registry_free(ntm_registry* registry) { delete registry; }

int ntm_call_return(ntm_call* call, const ntm_value* value, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(call, "call"));
    NTM_CHECK(need(value, "result"));
    if (call->evaluator) return fail(errc::invalid_argument, "an evaluator reports with ntm_call_outcome, not ntm_call_return");
    if (!value->known) {
      call->result->state = 1;
      call->reported = true;
      return {};
    }
    if (value->type != static_cast<int>(call->result_type))
      return fail(errc::invalid_argument, std::string("the function returns ") + ntm::to_string(call->result_type) +
                                              ", not a value of type code " + std::to_string(value->type));
    NTM_TRY(v, value_arg(*value));
    call->result->state = 0;
    if (v.type() == ntm::value_type::text)
      call->result->text = v.as_text();
    else
      call->result->raw = v.raw();
    call->reported = true;
    return {};
  });
}

int ntm_call_outcome(ntm_call* call, int status, const char* explanation, size_t explanation_len, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(call, "call"));
    if (!call->evaluator) return fail(errc::invalid_argument, "a function reports with ntm_call_return, not ntm_call_outcome");
    const int s = status;
    if (s < NTM_STATUS_NOT_MET || s > NTM_STATUS_NOT_APPLICABLE)
      return fail(errc::invalid_argument, "an evaluator's outcome is NTM_STATUS_MET, _NOT_MET, _UNKNOWN or _NOT_APPLICABLE "
                                          "(report a failure with ntm_call_fail), not " + std::to_string(s));
    NTM_TRY(why, text_arg(explanation, explanation_len, "explanation", true));
    call->outcome.result = static_cast<ntm::status>(s);
    call->outcome.explanation = std::string(why);
    call->reported = true;
    return {};
  });
}

int ntm_call_fail(ntm_call* call, const char* message, size_t message_len, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(call, "call"));
    NTM_TRY(m, text_arg(message, message_len, "message", true));
    call->failed = true;
    call->message = std::string(m);
    return {};
  });
}

}  // extern "C"

namespace {

// The value of fact `id` for an evaluator, checked against `expected` types (none: any).
result<std::optional<ntm::value>> view_get(const ntm_fact_view* facts, const char* id, std::size_t id_len,
                                           std::initializer_list<ntm::value_type> expected, ntm::value_type* type_out) {
  NTM_CHECK(need(facts, "facts"));
  NTM_TRY(name, text_arg(id, id_len, "id"));
  NTM_TRY(type, facts->view->type_of(name));
  if (expected.size() != 0 && std::find(expected.begin(), expected.end(), type) == expected.end())
    return fail(errc::fact_type, "fact \"" + std::string(name) + "\" is " + ntm::to_string(type) + ", not " +
                                     ntm::to_string(*expected.begin()));
  if (type_out) *type_out = type;
  return facts->view->get(name);
}

// Reads a fact of a numeric kind into `*out_value`.
template <class T>
int view_get_raw(const ntm_fact_view* facts, const char* id, std::size_t id_len, ntm::value_type type, T* out_value,
                 int* out_known, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_value, "out_value"));
    NTM_CHECK(need(out_known, "out_known"));
    NTM_TRY(v, view_get(facts, id, id_len, {type}, nullptr));
    *out_known = v ? 1 : 0;
    *out_value = v ? static_cast<T>(v->raw()) : T{0};
    return {};
  });
}

}  // namespace

extern "C" {

int ntm_fact_view_get(const ntm_fact_view* facts, const char* id, size_t id_len, ntm_value* out, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out, "out"));
    ntm::value_type type = ntm::value_type::boolean;
    NTM_TRY(v, view_get(facts, id, id_len, {}, &type));
    if (!v) {
      *out = unknown_value(type);
      return {};
    }
    facts->handed.push_back(std::move(*v));
    *out = c_value(facts->handed.back());
    return {};
  });
}

int ntm_fact_view_get_bool(const ntm_fact_view* facts, const char* id, size_t id_len, int* out_value, int* out_known,
                           ntm_error** out_error) {
  return view_get_raw(facts, id, id_len, ntm::value_type::boolean, out_value, out_known, out_error);
}

int ntm_fact_view_get_integer(const ntm_fact_view* facts, const char* id, size_t id_len, int64_t* out_value, int* out_known,
                              ntm_error** out_error) {
  return view_get_raw(facts, id, id_len, ntm::value_type::integer, out_value, out_known, out_error);
}

int ntm_fact_view_get_money(const ntm_fact_view* facts, const char* id, size_t id_len, int64_t* out_dong, int* out_known,
                            ntm_error** out_error) {
  return view_get_raw(facts, id, id_len, ntm::value_type::money, out_dong, out_known, out_error);
}

int ntm_fact_view_get_text(const ntm_fact_view* facts, const char* id, size_t id_len, const char** out_text, size_t* out_len,
                           int* out_known, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_text, "out_text"));
    NTM_CHECK(need(out_known, "out_known"));
    NTM_TRY(v, view_get(facts, id, id_len, {ntm::value_type::text, ntm::value_type::enumeration}, nullptr));
    *out_known = v ? 1 : 0;
    if (!v) {
      *out_text = "";
      if (out_len) *out_len = 0;
      return {};
    }
    facts->handed.push_back(std::move(*v));
    *out_text = facts->handed.back().as_text().c_str();
    if (out_len) *out_len = facts->handed.back().as_text().size();
    return {};
  });
}

int ntm_fact_view_date(const ntm_fact_view* facts, int32_t* out_date, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(facts, "facts"));
    NTM_CHECK(need(out_date, "out_date"));
    *out_date = ymd_of(facts->view->assessment_date());
    return {};
  });
}

int ntm_fact_view_region(const ntm_fact_view* facts, const char** out_region, size_t* out_len, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(facts, "facts"));
    NTM_CHECK(need(out_region, "out_region"));
    *out_region = facts->region.c_str();
    if (out_len) *out_len = facts->region.size();
    return {};
  });
}

// ==== programs, facts, assessments ===================================================================

int ntm_program_compile(ntm_program** out, const ntm_criteria_set* set, const ntm_registry* registry, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(set, "set"));
    NTM_TRY(program, registry ? ntm::compile(set->set, registry->functions) : ntm::compile(set->set));
    *out = new ntm_program{std::move(program)};
    return {};
  });
}

int ntm_program_id(const ntm_program* program, const char** out_id, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(program, "program"));
    NTM_CHECK(need(out_id, "out_id"));
    *out_id = program->program.id().c_str();
    return {};
  });
}

void ntm_program_free(ntm_program* program) { delete program; }

int ntm_facts_create(ntm_facts** out, const ntm_program* program, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(program, "program"));
    *out = new ntm_facts{program->program.make_facts()};
    return {};
  });
}

int ntm_facts_load_file(ntm_facts** out, const ntm_program* program, const char* path, const ntm_load_options* options,
                        ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(program, "program"));
    NTM_CHECK(need(path, "path"));
    NTM_TRY(o, load_options_arg(options));
    NTM_TRY(facts, ntm::load_facts(program->program, path, o));
    *out = new ntm_facts{std::move(facts)};
    return {};
  });
}

int ntm_facts_load_memory(ntm_facts** out, const ntm_program* program, const char* json, size_t json_len, const char* name,
                          size_t name_len, const ntm_load_options* options, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(program, "program"));
    NTM_TRY(text, text_arg(json, json_len, "json"));
    NTM_TRY(file, text_arg(name, name_len, "name", true));
    NTM_TRY(o, load_options_arg(options));
    NTM_TRY(facts, ntm::parse_facts(program->program, text, std::string(file), o));
    *out = new ntm_facts{std::move(facts)};
    return {};
  });
}

int ntm_facts_set(ntm_facts* facts, const char* id, size_t id_len, const ntm_value* value, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(facts, "facts"));
    NTM_CHECK(need(value, "value"));
    NTM_TRY(name, text_arg(id, id_len, "id"));
    if (!value->known) return facts->facts.clear(name);
    NTM_TRY(v, value_arg(*value));
    return facts->facts.set(name, v);
  });
}

int ntm_facts_set_json(ntm_facts* facts, const char* id, size_t id_len, const char* json, size_t json_len,
                       ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(facts, "facts"));
    NTM_TRY(name, text_arg(id, id_len, "id"));
    NTM_TRY(text, text_arg(json, json_len, "json"));
    NTM_TRY(slot, facts->facts.slot(name));
    if (nlohmann::json::parse(text.begin(), text.end(), nullptr, false).is_null()) {  // "null": unknown (a syntax error is discarded, not null)
      facts->facts.clear(slot);
      return {};
    }
    NTM_TRY(v, ntm::parse_value(facts->facts.type(slot), text));
    return facts->facts.set(slot, v);
  });
}

void ntm_facts_free(ntm_facts* facts) { delete facts; }

}  // extern "C"

namespace {

// Evaluates `facts` with `prog`; the date and region of `options` default to `at` and `region`.
result<void> evaluate_into(ntm_assessment** out, const ntm::program& prog, const ntm::fact_table& facts,
                           const ntm_evaluate_options* options, std::optional<ntm::date> at, std::string region) {
  ntm::evaluate_options o;
  if (options) {
    NTM_CHECK(check_version(options->version, NTM_EVALUATE_OPTIONS_VERSION, "ntm_evaluate_options"));
    if (options->date != 0 || !at) {
      NTM_TRY(d, date_arg(options->date, "options->date"));
      at = d;
    }
    if (options->region) {
      NTM_TRY(r, text_arg(options->region, options->region_len, "options->region"));
      region = std::string(r);
    }
  }
  if (!at) return fail(errc::invalid_argument, "evaluating needs a date: set options->date (yyyymmdd)");
  o.at = *at;
  o.region = std::move(region);
  NTM_TRY(a, prog.evaluate(facts, o));
  *out = new ntm_assessment{std::move(a)};
  return {};
}

}  // namespace

namespace {

// The table and the roll-up options of ntm_program_assess_units() and ntm_program_simulate_units().
struct units_args {
  ntm::unit_table units;
  ntm::rollup_options options;
};

result<units_args> read_units_args(const ntm_program* program, const char* table, size_t table_len, int format, const char* name, size_t name_len,
                                   const ntm_units_options* options) {
  NTM_CHECK(need(program, "program"));
  NTM_CHECK(need(options, "options"));
  NTM_CHECK(check_version(options->version, NTM_UNITS_OPTIONS_VERSION, "ntm_units_options"));
  NTM_TRY(text, text_arg(table, table_len, "table"));
  NTM_TRY(file, text_arg(name, name_len, "name", true));
  NTM_TRY(at, date_arg(options->date, "options->date"));
  units_args out;
  out.options.at = at;
  if (options->region) {
    NTM_TRY(region, text_arg(options->region, NTM_NTS, "options->region"));
    out.options.region = std::string(region);
  }
  if (options->goal) {
    NTM_TRY(goal, text_arg(options->goal, NTM_NTS, "options->goal"));
    out.options.goal = std::string(goal);
  }
  out.options.threads = options->threads;
  const ntm::program& prog = program->program;
  result<ntm::unit_table> units = fail(errc::invalid_argument, "unknown table format " + std::to_string(format) +
                                                               " (NTM_TABLE_CSV or NTM_TABLE_JSONL)");
  if (format == NTM_TABLE_CSV) units = ntm::parse_units_csv(prog, text, std::string(file));
  else if (format == NTM_TABLE_JSONL) units = ntm::parse_units_jsonl(prog, text, std::string(file));
  if (!units) return fail(std::move(units).error());
  out.units = std::move(*units);
  return out;
}

ntm::function_registry registry_of(const ntm_units_options* options) {
  return options->registry ? options->registry->functions : ntm::function_registry{};
}

}  // namespace

extern "C" {

int ntm_program_evaluate(ntm_assessment** out, const ntm_program* program, const ntm_facts* facts,
                         const ntm_evaluate_options* options, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(program, "program"));
    NTM_CHECK(need(facts, "facts"));
    return evaluate_into(out, program->program, facts->facts, options, std::nullopt, {});
  });
}

int ntm_assessment_rule_count(const ntm_assessment* assessment, size_t* out_count, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(assessment, "assessment"));
    NTM_CHECK(need(out_count, "out_count"));
    *out_count = assessment->assessment.outcomes.size();
    return {};
  });
}

int ntm_assessment_find_rule(const ntm_assessment* assessment, const char* id, size_t id_len, size_t* out_index,
                             ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(assessment, "assessment"));
    NTM_CHECK(need(out_index, "out_index"));
    NTM_TRY(name, text_arg(id, id_len, "id"));
    NTM_TRY(index, index_of(assessment->assessment, name));
    *out_index = index;
    return {};
  });
}

int ntm_assessment_standard(const ntm_assessment* assessment, size_t* out_index, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(assessment, "assessment"));
    NTM_CHECK(need(out_index, "out_index"));
    NTM_TRY(index, index_of(assessment->assessment, assessment->assessment.standard_id));
    *out_index = index;
    return {};
  });
}

int ntm_assessment_rule_id(const ntm_assessment* assessment, size_t index, const char** out_id, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_id, "out_id"));
    NTM_TRY(r, rule_at(assessment, index));
    *out_id = r->id.c_str();
    return {};
  });
}

int ntm_assessment_rule_kind(const ntm_assessment* assessment, size_t index, ntm_rule_kind* out_kind, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_kind, "out_kind"));
    NTM_TRY(r, rule_at(assessment, index));
    *out_kind = static_cast<ntm_rule_kind>(r->kind);
    return {};
  });
}

int ntm_assessment_rule_status(const ntm_assessment* assessment, size_t index, ntm_rule_status* out_status,
                               ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_status, "out_status"));
    NTM_TRY(r, rule_at(assessment, index));
    *out_status = static_cast<ntm_rule_status>(r->result);
    return {};
  });
}

int ntm_assessment_rule_name(const ntm_assessment* assessment, size_t index, int lang, const char** out_name,
                             ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_name, "out_name"));
    NTM_TRY(l, lang_arg(lang));
    NTM_TRY(r, rule_at(assessment, index));
    *out_name = r->name.get(l).c_str();
    return {};
  });
}

int ntm_assessment_rule_children(const ntm_assessment* assessment, size_t index, int status, size_t* out_count,
                                 ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_count, "out_count"));
    NTM_TRY(r, rule_at(assessment, index));
    switch (status) {
      case -1: *out_count = r->children.size(); break;
      case NTM_STATUS_NOT_MET: *out_count = r->not_met; break;
      case NTM_STATUS_MET: *out_count = r->met; break;
      case NTM_STATUS_UNKNOWN: *out_count = r->unknown; break;
      case NTM_STATUS_NOT_APPLICABLE: *out_count = r->not_applicable; break;
      case NTM_STATUS_ERROR: *out_count = r->errored; break;
      default: return fail(errc::invalid_argument, "unknown status " + std::to_string(status) + " (NTM_STATUS_* or -1 for all)");
    }
    return {};
  });
}

int ntm_assessment_rule_explain(const ntm_assessment* assessment, size_t index, int lang, char** out_text,
                                size_t* out_len, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_text, "out_text"));
    *out_text = nullptr;
    NTM_TRY(l, lang_arg(lang));
    NTM_TRY(r, rule_at(assessment, index));
    return give_string(assessment->assessment.explain(r->id, l), out_text, out_len);
  });
}

int ntm_assessment_to_json(const ntm_assessment* assessment, int lang, char** out_json, size_t* out_len,
                           ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(assessment, "assessment"));
    NTM_CHECK(need(out_json, "out_json"));
    *out_json = nullptr;
    NTM_TRY(l, lang_arg(lang));
    return give_string(ntm::to_json(assessment->assessment, l), out_json, out_len);
  });
}

void ntm_assessment_free(ntm_assessment* assessment) { delete assessment; }

// ==== plans and analyses =============================================================================

int ntm_plan_load_file(ntm_plan** out, const char* path, const ntm_plan_options* options, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(path, "path"));
    NTM_TRY(o, plan_options_arg(options));
    NTM_TRY(p, ntm::load_plan(path, o));
    *out = new ntm_plan{std::make_shared<const ntm::plan>(std::move(p))};
    return {};
  });
}

int ntm_plan_load_memory(ntm_plan** out, const char* json, size_t json_len, const char* name, size_t name_len,
                         const ntm_plan_options* options, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_TRY(text, text_arg(json, json_len, "json"));
    NTM_TRY(file, text_arg(name, name_len, "name", true));
    NTM_TRY(o, plan_options_arg(options));
    NTM_TRY(p, ntm::parse_plan(text, std::string(file), o));
    *out = new ntm_plan{std::make_shared<const ntm::plan>(std::move(p))};
    return {};
  });
}

int ntm_plan_goal(const ntm_plan* plan, const char** out_goal, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(plan, "plan"));
    NTM_CHECK(need(out_goal, "out_goal"));
    *out_goal = plan->plan->goal.c_str();
    return {};
  });
}

int ntm_plan_program(const ntm_plan* plan, ntm_program** out, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(plan, "plan"));
    *out = new ntm_program{plan->plan->criteria};
    return {};
  });
}

int ntm_plan_baseline(const ntm_plan* plan, ntm_facts** out, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(plan, "plan"));
    *out = new ntm_facts{plan->plan->baseline};
    return {};
  });
}

int ntm_plan_evaluate(ntm_assessment** out, const ntm_plan* plan, const ntm_evaluate_options* options, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(plan, "plan"));
    const ntm::plan& p = *plan->plan;
    return evaluate_into(out, p.criteria, p.baseline, options, p.baseline_date, p.unit.region);
  });
}

void ntm_plan_free(ntm_plan* plan) { delete plan; }

int ntm_plan_analyze(ntm_analysis** out, const ntm_plan* plan, const ntm_analysis_options* options, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(plan, "plan"));
    ntm::analysis_options o;
    if (options) {
      NTM_CHECK(check_version(options->version, NTM_ANALYSIS_OPTIONS_VERSION, "ntm_analysis_options"));
      if (options->date != 0) {
        NTM_TRY(d, date_arg(options->date, "options->date"));
        o.at = d;
      }
      NTM_TRY(l, lang_arg(options->lang));
      o.language = l;
    }
    NTM_TRY(a, ntm::analyze(*plan->plan, o));
    auto h = std::make_unique<ntm_analysis>();
    h->plan = plan->plan;
    h->discrepancies = a.funding.discrepancies();
    h->analysis = std::move(a);
    *out = h.release();
    return {};
  });
}

int ntm_analysis_baseline(const ntm_analysis* analysis, ntm_assessment** out, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_TRY(a, analysis_arg(analysis));
    *out = new ntm_assessment{a->baseline};
    return {};
  });
}

int ntm_analysis_goal_met_on(const ntm_analysis* analysis, int32_t* out_date, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_date, "out_date"));
    NTM_TRY(a, analysis_arg(analysis));
    *out_date = ymd_of(a->goal.met_on);
    return {};
  });
}

int ntm_analysis_project_finish(const ntm_analysis* analysis, int32_t* out_date, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_date, "out_date"));
    NTM_TRY(a, analysis_arg(analysis));
    *out_date = ymd_of(a->schedule.project_finish);
    return {};
  });
}

int ntm_analysis_critical_path_count(const ntm_analysis* analysis, size_t* out_count, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_count, "out_count"));
    NTM_TRY(a, analysis_arg(analysis));
    *out_count = a->schedule.critical_paths.size();
    return {};
  });
}

int ntm_analysis_critical_path_length(const ntm_analysis* analysis, size_t path, size_t* out_length, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_length, "out_length"));
    NTM_TRY(a, analysis_arg(analysis));
    NTM_CHECK(index_arg(path, a->schedule.critical_paths.size(), "critical path"));
    *out_length = a->schedule.critical_paths[path].size();
    return {};
  });
}

int ntm_analysis_critical_path_task(const ntm_analysis* analysis, size_t path, size_t index, const char** out_task,
                                    ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_task, "out_task"));
    NTM_TRY(a, analysis_arg(analysis));
    NTM_CHECK(index_arg(path, a->schedule.critical_paths.size(), "critical path"));
    const auto& chain = a->schedule.critical_paths[path];
    NTM_CHECK(index_arg(index, chain.size(), "task"));
    *out_task = chain[index].c_str();
    return {};
  });
}

int ntm_analysis_funding(const ntm_analysis* analysis, int figure, int64_t* out_dong, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_dong, "out_dong"));
    NTM_TRY(a, analysis_arg(analysis));
    switch (figure) {
      case NTM_FUNDING_NEEDS: *out_dong = a->funding.needs_total.dong(); break;
      case NTM_FUNDING_SOURCES: *out_dong = a->funding.sources_total.dong(); break;
      case NTM_FUNDING_UNCONDITIONAL_SOURCES: *out_dong = a->funding.unconditional_sources_total.dong(); break;
      case NTM_FUNDING_GAP: *out_dong = a->funding.gap.dong(); break;
      case NTM_FUNDING_IN_YEAR_GAP: *out_dong = a->cash.in_year_gap.dong(); break;
      default: return fail(errc::invalid_argument, "unknown funding figure " + std::to_string(figure));
    }
    return {};
  });
}

int ntm_analysis_discrepancy_count(const ntm_analysis* analysis, size_t* out_count, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(analysis, "analysis"));
    NTM_CHECK(need(out_count, "out_count"));
    *out_count = analysis->discrepancies.size();
    return {};
  });
}

int ntm_analysis_discrepancy(const ntm_analysis* analysis, size_t index, const char** out_figure, int64_t* out_stated,
                             int64_t* out_computed, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(analysis, "analysis"));
    NTM_CHECK(need(out_figure, "out_figure"));
    NTM_CHECK(index_arg(index, analysis->discrepancies.size(), "discrepancy"));
    const ntm::stated_check& d = analysis->discrepancies[index];
    *out_figure = d.figure.c_str();
    if (out_stated) *out_stated = d.stated.dong();
    if (out_computed) *out_computed = d.computed.dong();
    return {};
  });
}

int ntm_analysis_status_discrepancy_count(const ntm_analysis* analysis, size_t* out_count, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_count, "out_count"));
    NTM_TRY(a, analysis_arg(analysis));
    *out_count = a->stated_discrepancies.size();
    return {};
  });
}

int ntm_analysis_status_discrepancy(const ntm_analysis* analysis, size_t index, const char** out_criterion,
                                    const char** out_stated, ntm_rule_status* out_computed, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_criterion, "out_criterion"));
    NTM_TRY(a, analysis_arg(analysis));
    NTM_CHECK(index_arg(index, a->stated_discrepancies.size(), "status discrepancy"));
    const ntm::status_discrepancy& d = a->stated_discrepancies[index];
    *out_criterion = d.criterion.c_str();
    if (out_stated) *out_stated = d.stated.c_str();
    if (out_computed) *out_computed = static_cast<ntm_rule_status>(d.computed);
    return {};
  });
}

int ntm_analysis_to_json(const ntm_analysis* analysis, int lang, char** out_json, size_t* out_len, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(analysis, "analysis"));
    NTM_CHECK(need(out_json, "out_json"));
    *out_json = nullptr;
    NTM_TRY(l, lang_arg(lang));
    return give_string(analysis_json(*analysis, l), out_json, out_len);
  });
}

void ntm_analysis_free(ntm_analysis* analysis) { delete analysis; }

// ==== scenarios, sensitivity, simulation, many units ==================================================

int ntm_scenario_load_file(ntm_scenario** out, const char* path, const ntm_load_options* options, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(path, "path"));
    NTM_TRY(o, load_options_arg(options));
    NTM_TRY(s, ntm::load_scenario(path, o));
    *out = new ntm_scenario{std::move(s)};
    return {};
  });
}

int ntm_scenario_load_memory(ntm_scenario** out, const char* json, size_t json_len, const char* name, size_t name_len,
                             const ntm_load_options* options, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_TRY(text, text_arg(json, json_len, "json"));
    NTM_TRY(file, text_arg(name, name_len, "name", true));
    NTM_TRY(o, load_options_arg(options));
    NTM_TRY(s, ntm::parse_scenario(text, std::string(file), o));
    *out = new ntm_scenario{std::move(s)};
    return {};
  });
}

int ntm_scenario_id(const ntm_scenario* scenario, const char** out_id, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(scenario, "scenario"));
    NTM_CHECK(need(out_id, "out_id"));
    *out_id = scenario->scenario.id.c_str();
    return {};
  });
}

void ntm_scenario_free(ntm_scenario* scenario) { delete scenario; }

int ntm_plan_apply(ntm_plan** out, const ntm_plan* plan, const ntm_scenario* scenario, const ntm_registry* registry,
                   ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(out_handle(out));
    NTM_CHECK(need(plan, "plan"));
    NTM_CHECK(need(scenario, "scenario"));
    NTM_TRY(p, ntm::apply(*plan->plan, scenario->scenario, registry ? registry->functions : ntm::function_registry{}));
    *out = new ntm_plan{std::make_shared<const ntm::plan>(std::move(p))};
    return {};
  });
}

int ntm_plan_compare(const ntm_plan* plan, const ntm_scenario* const* scenarios, size_t count, char** out_json,
                     size_t* out_len, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(plan, "plan"));
    NTM_CHECK(need(out_json, "out_json"));
    *out_json = nullptr;
    if (count > 0) NTM_CHECK(need(scenarios, "scenarios"));
    std::vector<ntm::scenario> list;
    list.reserve(count);
    for (size_t k = 0; k < count; ++k) {
      NTM_CHECK(need(scenarios[k], ("scenarios[" + std::to_string(k) + "]").c_str()));
      list.push_back(scenarios[k]->scenario);
    }
    NTM_TRY(rows, ntm::run_scenarios(*plan->plan, list));
    return give_string(ntm::to_json(rows), out_json, out_len);
  });
}

int ntm_plan_sensitivity(const ntm_plan* plan, char** out_json, size_t* out_len, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(plan, "plan"));
    NTM_CHECK(need(out_json, "out_json"));
    *out_json = nullptr;
    NTM_TRY(r, ntm::analyze_sensitivity(*plan->plan));
    return give_string(ntm::to_json(r), out_json, out_len);
  });
}

int ntm_plan_simulate(const ntm_plan* plan, const char* spec_json, size_t spec_len, const char* name, size_t name_len,
                      const ntm_simulate_options* options, char** out_json, size_t* out_len, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(plan, "plan"));
    NTM_CHECK(need(out_json, "out_json"));
    *out_json = nullptr;
    NTM_TRY(text, text_arg(spec_json, spec_len, "spec_json"));
    NTM_TRY(file, text_arg(name, name_len, "name", true));
    NTM_TRY(spec, ntm::parse_simulation_spec(text, std::string(file)));
    if (options) {
      NTM_CHECK(check_version(options->version, NTM_SIMULATE_OPTIONS_VERSION, "ntm_simulate_options"));
      if (options->runs != 0) spec.runs = static_cast<std::size_t>(options->runs);
      if (options->use_seed) spec.seed = options->seed;
      spec.threads = options->threads;
    }
    NTM_TRY(r, ntm::simulate(*plan->plan, spec));
    return give_string(ntm::to_json(r), out_json, out_len);
  });
}

int ntm_program_assess_units(const ntm_program* program, const char* table, size_t table_len, int format, const char* name,
                             size_t name_len, const ntm_units_options* options, char** out_json, size_t* out_len,
                             ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_json, "out_json"));
    *out_json = nullptr;
    NTM_TRY(args, read_units_args(program, table, table_len, format, name, name_len, options));
    if (options->scenario) {
      NTM_TRY(r, ntm::assess_units(program->program, args.units, options->scenario->scenario, args.options, registry_of(options)));
      return give_string(ntm::to_json(r), out_json, out_len);
    }
    NTM_TRY(r, ntm::assess_units(program->program, args.units, args.options));
    return give_string(ntm::to_json(r), out_json, out_len);
  });
}

int ntm_program_assess_scenarios(const ntm_program* program, const char* table, size_t table_len, int format, const char* name,
                                 size_t name_len, const ntm_scenario* const* scenarios, size_t count, int with_units,
                                 const ntm_units_options* options, ntm_batch_report_cb report, void* payload, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    if (!report) return fail(errc::null_argument, "report is NULL");
    if (count > 0) NTM_CHECK(need(scenarios, "scenarios"));
    std::vector<ntm::scenario> list;
    list.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
      NTM_CHECK(need(scenarios[k], ("scenarios[" + std::to_string(k) + "]").c_str()));
      list.push_back(scenarios[k]->scenario);
    }
    NTM_TRY(args, read_units_args(program, table, table_len, format, name, name_len, options));
    if (options->scenario)
      return fail(errc::invalid_argument, "options->scenario is for ntm_program_assess_units(); ntm_program_assess_scenarios() takes its scenarios as a list");
    args.options.unit_outcomes = with_units != 0;
    return ntm::assess_scenarios(program->program, args.units, list, args.options,
                                 [&](std::size_t k, ntm::batch_report&& r) -> result<void> {
                                   const std::string json = ntm::to_json(r, with_units != 0);
                                   const int rc = report(payload, k, json.c_str(), json.size());
                                   if (rc != 0)
                                     return fail(errc::callback_stopped, "the report callback returned " + std::to_string(rc) +
                                                                              " for scenario " + std::to_string(k) + " (" + list[k].id + "): stopped");
                                   return {};
                                 },
                                 registry_of(options));
  });
}

int ntm_program_simulate_units(const ntm_program* program, const char* table, size_t table_len, int format, const char* name,
                               size_t name_len, const char* spec_json, size_t spec_len, const ntm_units_options* options,
                               const ntm_simulate_options* simulate, char** out_json, size_t* out_len, ntm_error** out_error) {
  return guarded(out_error, [&]() -> result<void> {
    NTM_CHECK(need(out_json, "out_json"));
    *out_json = nullptr;
    NTM_TRY(args, read_units_args(program, table, table_len, format, name, name_len, options));
    NTM_TRY(spec_text, text_arg(spec_json, spec_len, "spec_json"));
    NTM_TRY(spec, ntm::parse_simulation_spec(spec_text, "spec"));
    ntm::unit_simulation_options o;
    o.at = args.options.at;
    o.region = args.options.region;
    o.goal = args.options.goal;
    o.threads = args.options.threads;
    if (simulate) {
      NTM_CHECK(check_version(simulate->version, NTM_SIMULATE_OPTIONS_VERSION, "ntm_simulate_options"));
      if (simulate->runs != 0) spec.runs = static_cast<std::size_t>(simulate->runs);
      if (simulate->use_seed) spec.seed = simulate->seed;
      if (simulate->version >= 2 && simulate->years != 0) o.years = simulate->years;
    }
    if (options->scenario) {
      NTM_TRY(r, ntm::simulate_units(program->program, args.units, options->scenario->scenario, spec, o, {}, registry_of(options)));
      return give_string(ntm::to_json(r), out_json, out_len);
    }
    NTM_TRY(r, ntm::simulate_units(program->program, args.units, spec, o));
    return give_string(ntm::to_json(r), out_json, out_len);
  });
}

}  // extern "C"
