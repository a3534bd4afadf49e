// SPDX-License-Identifier: MIT
// Fuzzes the C API (ntm/c/ntm.h) the way a foreign caller uses it: text of any bytes and
// lengths, dates and indices out of range, C callbacks, every error inspected and freed. The
// first byte chooses what the rest is:
//   0  a criteria set (compiled with a C function and a C evaluator), evaluated
//   1  facts for the shipped set, evaluated
//   2  a sequence of fact updates (ntm_facts_set, ntm_facts_set_json) on the shipped set
//   3  queries of an assessment and of the shipped plan's analysis with fuzzed arguments
//   4  a scenario applied to the shipped plan and compared with it
//   5  a table of units (CSV or JSON Lines) assessed against the shipped set
// No call may crash, leak or abort; a failing call returns an error whose accessors work.
#include <cstdint>
#include <cstring>
#include <string>

#include <ntm/c/ntm.h>

#include "fuzz_support.hpp"

namespace {

class reader {
 public:
  reader(const std::uint8_t* d, std::size_t n) : d_(d), n_(n) {}
  bool more() const { return i_ < n_; }
  std::uint8_t byte() { return i_ < n_ ? d_[i_++] : 0; }
  std::uint64_t number(int bytes) {
    std::uint64_t v = 0;
    for (int k = 0; k < bytes; ++k) v = (v << 8) | byte();
    return v;
  }
  // A piece of text up to a 0 byte (or the end).
  std::string text() {
    std::string s;
    while (i_ < n_ && d_[i_] != 0) s += static_cast<char>(d_[i_++]);
    if (i_ < n_) ++i_;
    return s;
  }
  std::string rest() {
    std::string s(reinterpret_cast<const char*>(d_ + i_), n_ - i_);
    i_ = n_;
    return s;
  }

 private:
  const std::uint8_t* d_;
  std::size_t n_;
  std::size_t i_ = 0;
};

// Reads everything an error offers, then frees it.
void inspect(ntm_error* e) {
  if (!e) return;
  (void)ntm_error_code(e);
  (void)ntm_error_errc(e);
  NTM_FUZZ_CHECK(ntm_error_name(e) && ntm_error_message(e) && ntm_error_file(e) && ntm_error_pointer(e), "error texts");
  (void)ntm_error_line(e);
  (void)ntm_error_column(e);
  NTM_FUZZ_CHECK(std::strlen(ntm_error_to_string(e)) > 0, "an error renders");
  for (std::size_t k = 0, n = ntm_error_detail_count(e); k <= n; ++k) {
    const ntm_error* d = ntm_error_detail(e, k);
    NTM_FUZZ_CHECK((d != nullptr) == (k < n), "details in range exist, others are NULL");
    if (d) (void)ntm_error_to_string(d);
  }
  ntm_error_free(e);
}

// A C function: twice(integer) → integer; fails on odd input, returns unknown on 7.
int twice(void*, const ntm_value* args, std::size_t n, ntm_call* call) {
  if (n != 1 || !args[0].known) return ntm_call_fail(call, "no argument", NTM_NTS, nullptr);
  if (args[0].raw == 7) {
    ntm_value v{NTM_TYPE_INTEGER, 0, 0, nullptr, 0};
    return ntm_call_return(call, &v, nullptr);
  }
  if (args[0].raw % 2 != 0) return ntm_call_fail(call, "odd \xC3\x28", 4, nullptr);  // invalid UTF-8 on purpose
  ntm_value v{NTM_TYPE_INTEGER, 1, args[0].raw / 2 * 4, nullptr, 0};
  return ntm_call_return(call, &v, nullptr);
}

// A C evaluator: reads "income" and "name", answers with a status chosen from them.
int evaluator(void*, const ntm_fact_view* facts, ntm_call* call) {
  int64_t dong = 0;
  int known = 0;
  ntm_error* e = nullptr;
  if (ntm_fact_view_get_money(facts, "income", NTM_NTS, &dong, &known, &e) != NTM_OK) {
    inspect(e);
    return ntm_call_fail(call, "income unreadable", NTM_NTS, nullptr);
  }
  const char* text = nullptr;
  std::size_t len = 0;
  if (ntm_fact_view_get_text(facts, "name", NTM_NTS, &text, &len, &known, &e) != NTM_OK) inspect(e);
  (void)ntm_fact_view_get_bool(facts, "undeclared", NTM_NTS, &known, &known, nullptr);
  int32_t day = 0;
  (void)ntm_fact_view_date(facts, &day, nullptr);
  const ntm_rule_status s = known ? (dong >= 68'000'000 ? NTM_STATUS_MET : NTM_STATUS_NOT_MET) : NTM_STATUS_UNKNOWN;
  return ntm_call_outcome(call, s, text, len, nullptr);
}

void walk(const ntm_assessment* a, reader& in) {
  std::size_t count = 0;
  NTM_FUZZ_CHECK(ntm_assessment_rule_count(a, &count, nullptr) == NTM_OK, "rule count");
  for (std::size_t k = 0; k <= count; ++k) {
    const char* id = nullptr;
    ntm_error* e = nullptr;
    const int rc = ntm_assessment_rule_id(a, k, &id, &e);
    NTM_FUZZ_CHECK((rc == NTM_OK) == (k < count), "rule ids in range, errors beyond");
    inspect(e);
    if (rc != NTM_OK) continue;
    ntm_rule_status st;
    ntm_rule_kind kind;
    const char* name = nullptr;
    std::size_t n = 0, found = 0;
    NTM_FUZZ_CHECK(ntm_assessment_rule_status(a, k, &st, nullptr) == NTM_OK, "status");
    NTM_FUZZ_CHECK(ntm_assessment_rule_kind(a, k, &kind, nullptr) == NTM_OK, "kind");
    NTM_FUZZ_CHECK(ntm_assessment_rule_name(a, k, (k & 1) ? NTM_LANG_EN : NTM_LANG_VI, &name, nullptr) == NTM_OK, "name");
    NTM_FUZZ_CHECK(ntm_assessment_find_rule(a, id, NTM_NTS, &found, nullptr) == NTM_OK && found == k, "find by id");
    if (ntm_assessment_rule_children(a, k, static_cast<int>(in.byte() % 7) - 1, &n, &e) != NTM_OK) inspect(e);
    char* text = nullptr;
    std::size_t len = 0;
    if (ntm_assessment_rule_explain(a, k, NTM_LANG_VI, &text, &len, &e) == NTM_OK) ntm_string_free(text);
    else inspect(e);
  }
  char* json = nullptr;
  std::size_t len = 0;
  NTM_FUZZ_CHECK(ntm_assessment_to_json(a, NTM_LANG_EN, &json, &len, nullptr) == NTM_OK && std::strlen(json) == len, "JSON");
  ntm_string_free(json);
}

void evaluate(const ntm_program* prog, const ntm_facts* facts, reader& in) {
  ntm_evaluate_options opt = NTM_EVALUATE_OPTIONS_INIT;
  opt.date = (in.byte() & 1) ? NTM_DATE(2023, 12, 31) : static_cast<int32_t>(in.number(4));
  const std::string region = (in.byte() & 1) ? in.text() : std::string();
  opt.region = region.empty() ? nullptr : region.data();
  opt.region_len = region.size();
  ntm_assessment* a = nullptr;
  ntm_error* e = nullptr;
  if (ntm_program_evaluate(&a, prog, facts, &opt, &e) != NTM_OK) {
    NTM_FUZZ_CHECK(a == nullptr, "no assessment on failure");
    inspect(e);
    return;
  }
  walk(a, in);
  ntm_assessment_free(a);
}

const ntm_program* shipped_program() {
  static ntm_program* prog = [] {
    ntm_criteria_set* set = nullptr;
    ntm_program* p = nullptr;
    NTM_FUZZ_CHECK(ntm_criteria_set_load_file(&set, (ntm_fuzz::example_dir() + "hai-duong-nang-cao-2021-2025.json").c_str(),
                                              nullptr, nullptr) == NTM_OK, "the shipped set loads");
    NTM_FUZZ_CHECK(ntm_program_compile(&p, set, nullptr, nullptr) == NTM_OK, "the shipped set compiles");
    ntm_criteria_set_free(set);
    return p;
  }();
  return prog;
}

const ntm_plan* shipped_plan() {
  static ntm_plan* plan = [] {
    ntm_plan* p = nullptr;
    NTM_FUZZ_CHECK(ntm_plan_load_file(&p, (ntm_fuzz::example_dir() + "plan.json").c_str(), nullptr, nullptr) == NTM_OK,
                   "the shipped plan loads");
    return p;
  }();
  return plan;
}

// A scenario of fuzzed text: loaded (its base files beside the shipped ones), applied,
// analysed, compared; every error inspected.
void scenario(reader& in) {
  const std::string json = in.rest();
  const std::string name = ntm_fuzz::example_dir() + "scenarios/fuzzed.json";
  ntm_scenario* s = nullptr;
  ntm_error* e = nullptr;
  if (ntm_scenario_load_memory(&s, json.data(), json.size(), name.data(), name.size(), nullptr, &e) != NTM_OK) {
    NTM_FUZZ_CHECK(s == nullptr, "a failed load gives no handle");
    inspect(e);
    return;
  }
  ntm_plan* changed = nullptr;
  if (ntm_plan_apply(&changed, shipped_plan(), s, nullptr, &e) != NTM_OK) {
    NTM_FUZZ_CHECK(changed == nullptr, "a failed apply gives no plan");
    inspect(e);
  } else {
    ntm_analysis* a = nullptr;
    if (ntm_plan_analyze(&a, changed, nullptr, &e) != NTM_OK) inspect(e);
    ntm_analysis_free(a);
    ntm_plan_free(changed);
  }
  char* out = nullptr;
  std::size_t len = 0;
  const ntm_scenario* one[] = {s};
  e = nullptr;
  if (ntm_plan_compare(shipped_plan(), one, 1, &out, &len, &e) != NTM_OK) inspect(e);
  else NTM_FUZZ_CHECK(std::strlen(out) == len, "the comparison is one string");
  ntm_string_free(out);
  ntm_scenario_free(s);
}

// A table of units of fuzzed text, as CSV or JSON Lines (the first byte), at a fuzzed date:
// assessed, then simulated.
void units(reader& in) {
  const int format = in.byte() % 3;  // 2: neither, an error
  ntm_units_options options = NTM_UNITS_OPTIONS_INIT;
  options.date = static_cast<int32_t>(in.number(4));
  if (in.byte() % 2) options.date = NTM_DATE(2023, 12, 31);
  options.threads = 1 + in.byte() % 2;
  const std::string table = in.rest();
  char* out = nullptr;
  std::size_t len = 0;
  ntm_error* e = nullptr;
  if (ntm_program_assess_units(shipped_program(), table.data(), table.size(), format, "units", NTM_NTS, &options, &out, &len, &e) != NTM_OK) {
    NTM_FUZZ_CHECK(out == nullptr, "a failed assessment gives no text");
    inspect(e);
    return;
  }
  NTM_FUZZ_CHECK(std::strlen(out) == len, "the report is one string");
  ntm_string_free(out);
  // The same table simulated (a few runs, fuzzed years, seed from the table's size).
  ntm_simulate_options sim = NTM_SIMULATE_OPTIONS_INIT;
  sim.runs = 4;
  sim.use_seed = 1;
  sim.seed = table.size();
  sim.years = static_cast<int>(table.size() % 5);
  const char* spec = R"({"format": "ntm.simulation-spec/1", "growth": {"income_per_capita": {"shape": "normal", "mean": 0.09, "sd": 0.4}}})";
  if (ntm_program_simulate_units(shipped_program(), table.data(), table.size(), format, "units", NTM_NTS, spec, NTM_NTS, &options, &sim, &out, &len, &e) !=
      NTM_OK) {
    NTM_FUZZ_CHECK(out == nullptr, "a failed simulation gives no text");
    inspect(e);
    return;
  }
  NTM_FUZZ_CHECK(std::strlen(out) == len, "the simulation is one string");
  ntm_string_free(out);
}

const ntm_analysis* shipped_analysis() {
  static ntm_analysis* analysis = [] {
    ntm_plan* plan = nullptr;
    ntm_analysis* a = nullptr;
    NTM_FUZZ_CHECK(ntm_plan_load_file(&plan, (ntm_fuzz::example_dir() + "plan.json").c_str(), nullptr, nullptr) == NTM_OK,
                   "the shipped plan loads");
    NTM_FUZZ_CHECK(ntm_plan_analyze(&a, plan, nullptr, nullptr) == NTM_OK, "the shipped plan is analysed");
    ntm_plan_free(plan);
    return a;
  }();
  return analysis;
}

void criteria_set(reader& in) {
  ntm_registry* reg = nullptr;
  NTM_FUZZ_CHECK(ntm_registry_create(&reg, nullptr) == NTM_OK, "a registry");
  const int params[] = {NTM_TYPE_INTEGER};
  NTM_FUZZ_CHECK(ntm_registry_add_function(reg, "twice", NTM_NTS, params, 1, NTM_TYPE_INTEGER, twice, nullptr, nullptr) == NTM_OK,
                 "a function registers");
  NTM_FUZZ_CHECK(ntm_registry_add_evaluator(reg, "income_check", NTM_NTS, evaluator, nullptr, nullptr) == NTM_OK,
                 "an evaluator registers");
  ntm_error* e = nullptr;
  NTM_FUZZ_CHECK(ntm_registry_add_function(reg, "twice", NTM_NTS, params, 1, NTM_TYPE_INTEGER, twice, nullptr, &e) != NTM_OK,
                 "a second function of the same name is refused");
  inspect(e);
  const std::string json = in.rest();
  ntm_criteria_set* set = nullptr;
  ntm_load_options lo = NTM_LOAD_OPTIONS_INIT;
  lo.max_file_bytes = 1 << 20;
  if (ntm_criteria_set_load_memory(&set, json.data(), json.size(), "fuzz.json", NTM_NTS, &lo, &e) != NTM_OK) {
    NTM_FUZZ_CHECK(set == nullptr, "no set on failure");
    inspect(e);
    ntm_registry_free(reg);
    return;
  }
  ntm_program* prog = nullptr;
  const int rc = ntm_program_compile(&prog, set, reg, &e);
  ntm_criteria_set_free(set);
  ntm_registry_free(reg);  // the program keeps its own copy
  if (rc != NTM_OK) {
    inspect(e);
    return;
  }
  ntm_facts* facts = nullptr;
  NTM_FUZZ_CHECK(ntm_facts_create(&facts, prog, nullptr) == NTM_OK, "facts for a program");
  for (const char* id : {"income", "name", "n"}) {
    const char* values[] = {"\"70 triệu\"", "\"Thạch Lỗi\"", "7", "8", "null"};
    for (const char* v : values)
      if (ntm_facts_set_json(facts, id, NTM_NTS, v, NTM_NTS, &e) != NTM_OK) inspect(e);
  }
  reader none(nullptr, 0);
  evaluate(prog, facts, none);
  ntm_facts_free(facts);
  ntm_program_free(prog);
}

void facts_file(reader& in) {
  const std::string json = in.rest();
  ntm_facts* facts = nullptr;
  ntm_error* e = nullptr;
  if (ntm_facts_load_memory(&facts, shipped_program(), json.data(), json.size(), nullptr, 0, nullptr, &e) != NTM_OK) {
    NTM_FUZZ_CHECK(facts == nullptr, "no facts on failure");
    inspect(e);
    return;
  }
  reader none(nullptr, 0);
  evaluate(shipped_program(), facts, none);
  ntm_facts_free(facts);
}

void fact_updates(reader& in) {
  ntm_facts* facts = nullptr;
  NTM_FUZZ_CHECK(ntm_facts_create(&facts, shipped_program(), nullptr) == NTM_OK, "facts");
  while (in.more()) {
    const std::uint8_t op = in.byte();
    const std::string id = in.text();
    ntm_error* e = nullptr;
    int rc;
    if (op & 1) {
      const std::string json = in.text();
      rc = ntm_facts_set_json(facts, id.data(), (op & 2) ? NTM_NTS : id.size(), json.data(), json.size(), &e);
    } else {
      const std::string text = in.text();
      ntm_value v;
      v.type = static_cast<ntm_value_type>(in.byte() % 10);  // also types that do not exist
      v.known = in.byte() & 1;
      v.raw = static_cast<int64_t>(in.number(8));
      v.text = (op & 4) ? nullptr : text.data();
      v.text_len = (op & 8) ? NTM_NTS : text.size();
      rc = ntm_facts_set(facts, id.data(), id.size(), &v, &e);
    }
    if (rc != NTM_OK) {
      NTM_FUZZ_CHECK(rc < 0 && ntm_error_last() != nullptr, "a failing call sets the thread's last error");
      inspect(e);
    }
  }
  reader none(nullptr, 0);
  evaluate(shipped_program(), facts, none);
  ntm_facts_free(facts);
}

void queries(reader& in) {
  const ntm_analysis* a = shipped_analysis();
  while (in.more()) {
    ntm_error* e = nullptr;
    const std::size_t index = static_cast<std::size_t>(in.number(in.byte() % 9));
    int rc = NTM_OK;
    switch (in.byte() % 7) {
      case 0: {
        std::size_t length = 0;
        rc = ntm_analysis_critical_path_length(a, index, &length, &e);
        break;
      }
      case 1: {
        const char* task = nullptr;
        rc = ntm_analysis_critical_path_task(a, index % 4, index, &task, &e);
        break;
      }
      case 2: {
        int64_t dong = 0;
        rc = ntm_analysis_funding(a, static_cast<ntm_funding_figure>(index % 8), &dong, &e);
        break;
      }
      case 3: {
        const char* figure = nullptr;
        rc = ntm_analysis_discrepancy(a, index, &figure, nullptr, nullptr, &e);
        break;
      }
      case 4: {
        const char* criterion = nullptr;
        const char* stated = nullptr;
        ntm_rule_status computed;
        rc = ntm_analysis_status_discrepancy(a, index, &criterion, &stated, &computed, &e);
        break;
      }
      case 5: {
        ntm_assessment* base = nullptr;
        rc = ntm_analysis_baseline(a, &base, &e);
        if (rc == NTM_OK) {
          std::size_t found = 0;
          const std::string id = in.text();
          if (ntm_assessment_find_rule(base, id.data(), id.size(), &found, &e) != NTM_OK) inspect(e);
          e = nullptr;
          const char* name = nullptr;
          if (ntm_assessment_rule_name(base, index, static_cast<ntm_lang>(in.byte() % 3), &name, &e) != NTM_OK) inspect(e);
          e = nullptr;
          ntm_assessment_free(base);
        }
        break;
      }
      default: {
        // NULL handles and out-parameters: errors, never crashes.
        std::size_t count = 0;
        rc = (index & 1) ? ntm_analysis_critical_path_count(nullptr, &count, &e) : ntm_analysis_critical_path_count(a, nullptr, &e);
        NTM_FUZZ_CHECK(rc != NTM_OK, "NULL is refused");
        break;
      }
    }
    if (rc != NTM_OK) inspect(e);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reader in(data, size);
  switch (in.byte() % 6) {
    case 0: criteria_set(in); break;
    case 1: facts_file(in); break;
    case 2: fact_updates(in); break;
    case 3: queries(in); break;
    case 4: scenario(in); break;
    default: units(in); break;
  }
  ntm_error_clear();
  return 0;
}
