// SPDX-License-Identifier: MIT
// Evaluating a compiled program: one unit (with or without explanations), incrementally
// after fact changes, or a columnar batch of many units.
#include <ntm/rules/program.hpp>

#include <algorithm>
#include <optional>
#include <cstring>
#include <deque>
#include <thread>

#include <ntm/version.hpp>

#include "io/criteria_set_json.hpp"
#include "io/json_document.hpp"
#include "rules/compiler.hpp"
#include "rules/kernel.hpp"

NTM_BEGIN_NAMESPACE

using namespace rules_internal;

struct evaluation_state::impl {
  std::shared_ptr<const detail::program_impl> program;
  std::vector<std::int64_t> v;
  std::vector<std::uint8_t> s;
  std::vector<std::string> errors;
  std::deque<std::string> texts;
  std::vector<std::string> messages;
  std::vector<const std::int64_t*> fact_values;
  std::vector<const std::uint8_t*> fact_states;
  std::vector<std::uint8_t> dirty;      // rule r's direct inputs changed
  std::vector<std::uint32_t> to_run;    // the rules a re-evaluation may recompute
  std::vector<std::uint8_t> queued;     // rule r is in `to_run` (while building it)
  date at;
  std::string region;
  bool evaluated = false;
};

evaluation_state::evaluation_state() : impl_(std::make_unique<impl>()) {}
evaluation_state::~evaluation_state() = default;
evaluation_state::evaluation_state(evaluation_state&&) noexcept = default;
evaluation_state& evaluation_state::operator=(evaluation_state&&) noexcept = default;

namespace {

status to_status(std::uint8_t st, std::int64_t v, bool condition) {
  switch (st) {
    case st_known: return condition ? (v != 0 ? status::met : status::not_met) : status::met;
    case st_unknown: return status::unknown;
    case st_error: return status::error;
    default: return status::not_applicable;
  }
}

}  // namespace

status evaluation_state::status_of(rule_index r) const noexcept {
  const auto& p = *impl_->program;
  if (!impl_->evaluated || r.index >= p.rules.size()) return status::unknown;
  const std::uint32_t reg = p.rule_base + r.index;
  return to_status(impl_->s[reg], impl_->v[reg], p.conditions[r.index] != 0);
}

std::optional<value> evaluation_state::value_of(rule_index r) const {
  const auto& p = *impl_->program;
  if (!impl_->evaluated || r.index >= p.rules.size()) return std::nullopt;
  const auto& m = p.rules[r.index];
  if (impl_->s[m.result_reg] != st_known) return std::nullopt;
  const std::int64_t raw = impl_->v[m.result_reg];
  std::string text;
  if (m.info.type == value_type::text) {
    run_context ctx;
    ctx.program = &p;
    ctx.runtime_texts = &impl_->texts;
    text = std::string(ctx.text(raw));
  }
  return decode_value(m.info.type, raw, text);
}

std::string evaluation_state::error_of(rule_index r) const {
  const auto& p = *impl_->program;
  if (!impl_->evaluated || r.index >= p.rules.size()) return {};
  const auto& m = p.rules[r.index];
  if (impl_->s[m.result_reg] != st_error) return {};
  const auto idx = static_cast<std::size_t>(impl_->v[m.result_reg]);
  return idx < impl_->errors.size() ? impl_->errors[idx] : std::string();
}

namespace rules_internal {

value decode_value(value_type t, std::int64_t raw, std::string_view text) {
  switch (t) {
    case value_type::boolean: return value::of_bool(raw != 0);
    case value_type::integer: return value::of_integer(raw);
    case value_type::number: return value::of_number(decimal::from_micros(raw));
    case value_type::money: return value::of_money(money::from_dong(raw));
    case value_type::percent: return value::of_percent(decimal::from_micros(raw));
    case value_type::date: return value::of_date(date(static_cast<date::date_int_type>(raw)));
    case value_type::text: return value::of_text(std::string(text));
    case value_type::enumeration: return value::of_enum(std::to_string(raw));
  }
  return value();
}

}  // namespace rules_internal

std::string batch_result::error_of(std::size_t row, rule_index r) const {
  const std::size_t i = static_cast<std::size_t>(r.index) * rows_ + row;
  if (i >= states_.size() || states_[i] != st_error) return {};
  const auto k = static_cast<std::size_t>(values_[i]);
  return k < messages_.size() ? messages_[k] : std::string();
}

std::vector<batch_result::cell_error> batch_result::errors() const {
  std::vector<cell_error> out;
  for (std::size_t r = 0; r < rules_; ++r)
    for (std::size_t row = 0; row < rows_; ++row)
      if (states_[r * rows_ + row] == st_error) out.push_back({row, rule_index{static_cast<std::uint32_t>(r)}, error_of(row, rule_index{static_cast<std::uint32_t>(r)})});
  return out;
}

// ---------------------------------------------------------------------------------------

program::program() = default;
program::~program() = default;
program::program(const program&) = default;
program& program::operator=(const program&) = default;
program::program(program&&) noexcept = default;
program& program::operator=(program&&) noexcept = default;
program::program(std::shared_ptr<const detail::program_impl> impl) : impl_(std::move(impl)) {}

const criteria_set& program::definition() const { return *impl_->definition; }
const std::string& program::id() const { return impl_->definition->id; }
std::size_t program::fact_count() const noexcept { return impl_ ? impl_->schema->facts.size() : 0; }

result<fact_slot> program::find_fact(std::string_view id) const {
  auto it = impl_->schema->index.find(std::string(id));
  if (it == impl_->schema->index.end()) {
    std::string msg = "\"" + std::string(id) + "\" is not a fact declared by criteria set " + impl_->definition->id;
    const std::string near = io_internal::closest_match(id, impl_->schema->ids);
    if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
    return fail(errc::unknown_fact, msg);
  }
  return fact_slot{it->second};
}

const fact_definition& program::fact(fact_slot slot) const { return impl_->schema->facts.at(slot.index); }
fact_table program::make_facts() const { return fact_table(impl_->schema); }
fact_columns program::make_columns(std::size_t rows) const { return fact_columns(impl_->schema, rows); }
std::size_t program::rule_count() const noexcept { return impl_ ? impl_->rules.size() : 0; }

result<rule_index> program::find_rule(std::string_view id) const {
  auto it = impl_->rule_index.find(std::string(id));
  if (it == impl_->rule_index.end()) {
    std::vector<std::string> ids;
    for (const auto& m : impl_->rules) ids.push_back(m.info.id);
    std::string msg = "\"" + std::string(id) + "\" is not a rule of criteria set " + impl_->definition->id;
    const std::string near = io_internal::closest_match(id, ids);
    if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
    return fail(errc::unknown_rule, msg);
  }
  return rule_index{it->second};
}

const rule_info& program::rule(rule_index r) const { return impl_->rules.at(r.index).info; }
rule_index program::standard() const noexcept { return rule_index{impl_->standard}; }

std::vector<rule_index> program::criteria() const {
  std::vector<rule_index> out;
  for (std::uint32_t c : impl_->top_criteria) out.push_back(rule_index{c});
  return out;
}

result<lineage> program::lineage_of(std::string_view rule_id) const {
  NTM_TRY(r, find_rule(rule_id));
  const auto& m = impl_->rules[r.index];
  lineage out;
  for (std::uint32_t f : m.lineage_facts) out.facts.push_back(impl_->schema->facts[f].id);
  for (std::uint32_t q : m.lineage_params) out.parameters.push_back(impl_->parameters[q].def.id);
  for (std::uint32_t d : m.lineage_rules) out.rules.push_back(impl_->rules[d].info.id);
  return out;
}

std::vector<rule_index> program::dependents_of(fact_slot slot) const {
  std::vector<rule_index> out;
  if (slot.index >= impl_->fact_dependents.size()) return out;
  for (std::uint32_t r : impl_->fact_dependents[slot.index]) out.push_back(rule_index{r});
  return out;
}

std::string program::fingerprint() const { return impl_->fingerprint; }

std::vector<std::string> program::regions() const {
  return std::vector<std::string>(impl_->regions.begin() + 1, impl_->regions.end());  // [0] is "" (no region)
}

std::vector<date> program::parameter_changes(date from, date to, std::string_view region) const {
  std::vector<date> out;
  const int r = impl_->region_of(region);
  if (r < 0 || from.is_special() || to.is_special()) return out;
  for (const parameter_epoch& e : impl_->epochs[static_cast<std::size_t>(r)])
    if (from < e.from && !(to < e.from)) out.push_back(e.from);
  return out;
}

result<value> program::parameter(std::string_view id, date at, std::string_view region) const {
  auto it = impl_->parameter_index.find(std::string(id));
  if (it == impl_->parameter_index.end()) return fail(errc::unknown_parameter, "\"" + std::string(id) + "\" is not a parameter of criteria set " + impl_->definition->id);
  if (at.is_special()) return fail(errc::invalid_argument, "the date is not a date");
  const int r = impl_->region_of(region);
  if (r < 0) return fail(errc::unknown_region, "region \"" + std::string(region) + "\" is not declared by criteria set " + impl_->definition->id);
  const parameter_epoch* e = impl_->epoch(static_cast<std::size_t>(r), at);
  const std::uint32_t k = it->second;
  if (!e || e->state[k] != st_known)
    return fail(errc::parameter_undefined, (e ? e->messages[k] : "parameter " + std::string(id) + " has no value") + " (" + format_date(at) + ")");
  return decode_value(impl_->parameters[k].def.type, e->raw[k], {});
}

// --- evaluation ----------------------------------------------------------------------------

namespace {

// A change of one fact read by at most this many rules runs them in one pass (their results
// before are kept on the stack).
constexpr std::size_t max_fast_readers = 32;

result<const parameter_epoch*> prepare(const detail::program_impl& p, evaluation_state::impl& st, const fact_table& facts,
                                       date at, std::string_view region) {
  if (facts.schema().get() != p.schema.get())
    return fail(errc::invalid_argument, "the fact table was made by another program (use program::make_facts of this program)");
  if (at.is_special()) return fail(errc::invalid_argument, "the assessment date is not set");
  const int r = p.region_of(region);
  if (r < 0) return fail(errc::unknown_region, "region \"" + std::string(region) + "\" is not declared by criteria set " + p.definition->id);
  const parameter_epoch* e = p.epoch(static_cast<std::size_t>(r), at);
  if (!e) return fail(errc::internal, "no parameter table for " + format_date(at));
  if (st.program.get() != &p || st.v.size() != p.register_count) {
    st.v.assign(p.register_count, 0);
    st.s.assign(p.register_count, st_unknown);
    st.messages.assign(p.rules.size(), std::string());
    st.dirty.assign(p.rules.size(), 0);
    st.queued.assign(p.rules.size(), 0);
    st.to_run.clear();
    st.to_run.reserve(p.rules.size());
    st.fact_values.assign(p.schema->facts.size(), nullptr);
    st.fact_states.assign(p.schema->facts.size(), nullptr);
    for (const auto& [reg, raw] : p.constant_registers) {
      st.v[reg] = raw;
      st.s[reg] = st_known;
    }
  }
  return e;
}

void load_inputs(const detail::program_impl& p, evaluation_state::impl& st, const fact_table& facts, const parameter_epoch& e, date at) {
  st.errors.clear();
  st.texts.clear();
  const std::size_t F = p.schema->facts.size();
  if (F > 0) {
    std::memcpy(st.v.data() + p.fact_base, facts.raw_values(), F * sizeof(std::int64_t));
    std::memcpy(st.s.data() + p.fact_base, facts.raw_states(), F);
  }
  const std::size_t P = p.parameters.size();
  for (std::size_t k = 0; k < P; ++k) {
    st.v[p.param_base + k] = e.raw[k];
    st.s[p.param_base + k] = e.state[k];
    if (e.state[k] == st_error) {
      st.errors.push_back(e.messages[k] + " (" + format_date(at) + ")");
      st.v[p.param_base + k] = static_cast<std::int64_t>(st.errors.size() - 1);
    }
  }
  st.v[p.date_register] = static_cast<std::int64_t>(at.day_number());
  st.s[p.date_register] = st_known;
}

run_context make_context(const detail::program_impl& p, evaluation_state::impl& st, const fact_table& facts, bool with_messages) {
  run_context ctx;
  ctx.program = &p;
  ctx.runtime_texts = &st.texts;
  ctx.errors = &st.errors;
  ctx.messages = with_messages ? &st.messages : nullptr;
  ctx.at = st.at;
  ctx.region = st.region;
  // Text facts hold their slot number, so the unit's texts are indexed by slot.
  ctx.data_texts = &facts.raw_texts();
  if (!p.evaluators.empty()) {
    for (std::size_t k = 0; k < st.fact_values.size(); ++k) {
      st.fact_values[k] = &st.v[p.fact_base + k];
      st.fact_states[k] = &st.s[p.fact_base + k];
    }
    ctx.fact_values = st.fact_values.data();
    ctx.fact_states = st.fact_states.data();
  }
  return ctx;
}

}  // namespace

result<void> program::evaluate(evaluation_state& state, const fact_table& facts, date at, std::string_view region) const {
  try {
    auto& st = *state.impl_;
    NTM_TRY(epoch, prepare(*impl_, st, facts, at, region));
    st.program = impl_;
    st.at = at;
    if (st.region != region) st.region = std::string(region);
    load_inputs(*impl_, st, facts, *epoch, at);
    run_context ctx = make_context(*impl_, st, facts, true);
    flat_registers regs{st.v.data(), st.s.data()};
    run_tape(impl_->tape.data(), impl_->tape.data() + impl_->tape.size(), impl_->pool.data(), regs, ctx);
    st.evaluated = true;
    return {};
  } catch (const std::exception& e) {
    state.impl_->evaluated = false;
    return fail(errc::internal, std::string("internal error while evaluating: ") + e.what());
  }
}

namespace {

// Re-runs what the changed facts reach (see program::reevaluate); throws only what the
// tape's functions and evaluators throw.
void propagate(const detail::program_impl& p, evaluation_state::impl& st, const fact_table& facts, const fact_slot* changed_slots,
               std::size_t count) {
  for (std::size_t k = 0; k < count; ++k) {
    const fact_slot f = changed_slots[k];
    st.v[p.fact_base + f.index] = facts.raw_values()[f.index];
    st.s[p.fact_base + f.index] = facts.raw_states()[f.index];
  }
  run_context ctx = make_context(p, st, facts, true);
  flat_registers regs{st.v.data(), st.s.data()};
  // Candidates: the rules whose lineage holds a changed fact, in evaluation order (one
  // fact's list is ascending already; several are merged). Only those whose direct inputs
  // changed run: the readers of a changed fact, then the readers of a rule whose result
  // changed (early cut-off: a recomputed rule with the same result stops there).
  const std::uint32_t* candidates = nullptr;
  std::size_t candidate_count = 0;
  if (count == 1 && !p.reader_tape_begin.empty() && p.fact_readers[changed_slots[0].index].size() <= max_fast_readers) {
    // One fact: its readers run in one pass over their concatenated segments; only a reader
    // whose result changed makes the rules after it candidates (the usual case ends here).
    const std::uint32_t f = changed_slots[0].index;
    const std::vector<std::uint32_t>& readers = p.fact_readers[f];
    std::int64_t before_v[max_fast_readers];
    std::uint8_t before_s[max_fast_readers];
    // (rule k's result register is rule_base + k)
    for (std::size_t k = 0; k < readers.size(); ++k) {
      before_v[k] = st.v[p.rule_base + readers[k]];
      before_s[k] = st.s[p.rule_base + readers[k]];
    }
    run_tape(p.reader_tape.data() + p.reader_tape_begin[f], p.reader_tape.data() + p.reader_tape_begin[f + 1], p.pool.data(), regs, ctx);
    bool any = false;
    for (std::size_t k = 0; k < readers.size(); ++k) {
      const std::uint32_t reg = p.rule_base + readers[k];
      if (st.v[reg] == before_v[k] && st.s[reg] == before_s[k]) continue;
      any = true;
      for (std::uint32_t q : p.rule_readers[readers[k]]) st.dirty[q] = 1;
    }
    if (!any) return;
    candidates = p.fact_dependents[f].data();
    candidate_count = p.fact_dependents[f].size();
  } else {
    for (std::size_t k = 0; k < count; ++k)
      for (std::uint32_t r : p.fact_readers[changed_slots[k].index]) st.dirty[r] = 1;
    if (count == 1) {
      candidates = p.fact_dependents[changed_slots[0].index].data();
      candidate_count = p.fact_dependents[changed_slots[0].index].size();
    } else {
      st.to_run.clear();
      for (std::size_t k = 0; k < count; ++k)
        for (std::uint32_t r : p.fact_dependents[changed_slots[k].index])
          if (!st.queued[r]) {
            st.queued[r] = 1;
            st.to_run.push_back(r);  // at most one per rule: within the reserved capacity
          }
      for (std::uint32_t r : st.to_run) st.queued[r] = 0;
      std::sort(st.to_run.begin(), st.to_run.end());
      candidates = st.to_run.data();
      candidate_count = st.to_run.size();
    }
  }
  for (std::size_t k = 0; k < candidate_count; ++k) {
    const std::uint32_t r = candidates[k];
    if (!st.dirty[r]) continue;
    st.dirty[r] = 0;
    const auto& m = p.rules[r];
    const std::int64_t before_v = st.v[m.result_reg];
    const std::uint8_t before_s = st.s[m.result_reg];
    run_tape(p.tape.data() + m.seg_begin, p.tape.data() + m.seg_end, p.pool.data(), regs, ctx);
    if (st.v[m.result_reg] != before_v || st.s[m.result_reg] != before_s)
      for (std::uint32_t q : p.rule_readers[r]) st.dirty[q] = 1;
  }
}

}  // namespace

result<void> program::reevaluate(evaluation_state& state, const fact_table& facts, const fact_slot* changed_slots,
                                 std::size_t count) const {
  auto& st = *state.impl_;
  if (!st.evaluated || st.program != impl_)
    return fail(errc::invalid_argument, "reevaluate needs a state evaluated with this program first");
  if (facts.schema().get() != impl_->schema.get())
    return fail(errc::invalid_argument, "the fact table was made by another program");
  const auto& p = *impl_;
  for (std::size_t k = 0; k < count; ++k) {
    if (changed_slots[k].index >= p.schema->facts.size()) return fail(errc::invalid_argument, "fact slot out of range");
  }
  // Too many errors kept from earlier runs: start afresh.
  if (st.errors.size() > 4 * p.rules.size() + 64 || st.texts.size() > 4 * p.rules.size() + 64)
    return evaluate(state, facts, st.at, st.region);
  try {
    propagate(p, st, facts, changed_slots, count);
  } catch (const std::exception& e) {
    std::fill(st.dirty.begin(), st.dirty.end(), std::uint8_t{0});
    std::fill(st.queued.begin(), st.queued.end(), std::uint8_t{0});
    st.evaluated = false;
    return fail(errc::internal, std::string("internal error while re-evaluating: ") + e.what());
  }
  return {};
}

result<void> program::evaluate_batch(const fact_columns& facts, const batch_options& options, batch_result& out) const {
  const auto& p = *impl_;
  if (facts.schema().get() != p.schema.get())
    return fail(errc::invalid_argument, "the columns were made by another program (use program::make_columns of this program)");
  if (options.at.is_special()) return fail(errc::invalid_argument, "the assessment date is not set");
  if (options.block == 0 || options.block > 4096) return fail(errc::invalid_argument, "block must be between 1 and 4096");
  const int region = p.region_of(options.region);
  if (region < 0) return fail(errc::unknown_region, "region \"" + options.region + "\" is not declared by criteria set " + p.definition->id);
  const parameter_epoch* e = p.epoch(static_cast<std::size_t>(region), options.at);
  if (!e) return fail(errc::internal, "no parameter table for " + format_date(options.at));
  try {
    const std::size_t rows = facts.rows();
    const std::size_t R = p.rules.size();
    const std::size_t W = std::min<std::size_t>(options.block, std::max<std::size_t>(rows, 1));
    out.rows_ = rows;
    out.rules_ = R;
    // The rules' result registers are the output columns themselves: every cell is written.
    out.states_.resize(R * rows);
    out.values_.resize(R * rows);
    out.conditions_.assign(p.conditions.begin(), p.conditions.end());
    out.messages_.clear();
    // Rows are split among threads in whole blocks; each thread has its own registers and
    // messages, and writes its own rows of the output, so the result is the same as serial.
    const std::size_t blocks = (rows + W - 1) / W;
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, blocks)));
    out.workers_.resize(threads);
    const std::size_t regs_n = p.batch_register_count;
    const std::size_t F = p.schema->facts.size();
    const std::size_t P = p.parameters.size();
    auto run_rows = [&](unsigned w, std::size_t first_row, std::size_t end_row) {
      batch_result::worker& wk = out.workers_[w];
      wk.messages.clear();
      wk.scratch_values.resize(regs_n * W);
      wk.scratch_states.resize(regs_n * W);
      wk.value_columns.resize(regs_n);
      wk.state_columns.resize(regs_n);
      wk.lane_flags.resize(W);
      std::int64_t** vp = wk.value_columns.data();
      std::uint8_t** sp = wk.state_columns.data();
      for (std::size_t r = 0; r < regs_n; ++r) {
        vp[r] = wk.scratch_values.data() + r * W;
        sp[r] = wk.scratch_states.data() + r * W;
      }
      std::vector<std::string>& errors = wk.messages;
      std::deque<std::string> texts;
      auto fill = [&](std::size_t reg, std::int64_t raw, std::uint8_t state) {
        std::fill(vp[reg], vp[reg] + W, raw);
        std::fill(sp[reg], sp[reg] + W, state);
      };
      for (const auto& [reg, raw] : p.batch_constant_registers) fill(reg, raw, st_known);
      for (std::size_t k = 0; k < P; ++k) {
        std::int64_t raw = e->raw[k];
        if (e->state[k] == st_error) {
          errors.push_back(e->messages[k] + " (" + format_date(options.at) + ")");
          raw = static_cast<std::int64_t>(errors.size() - 1);
        }
        fill(p.param_base + k, raw, e->state[k]);
      }
      fill(p.date_register, static_cast<std::int64_t>(options.at.day_number()), st_known);
      run_context ctx;
      ctx.program = &p;
      ctx.runtime_texts = &texts;
      ctx.errors = &errors;
      ctx.at = options.at;
      ctx.region = options.region;
      ctx.data_texts = &facts.raw_texts();
      // Custom evaluators read facts through these (the fact columns of the current block).
      ctx.fact_values = vp + p.fact_base;
      ctx.fact_states = sp + p.fact_base;
      ctx.scratch_flags = wk.lane_flags.data();
      for (std::size_t start = first_row; start < end_row; start += W) {
        const std::size_t n = std::min(W, end_row - start);
        for (std::size_t k = 0; k < F; ++k) {
          // Facts are read in place from the caller's columns (never written by the tape).
          vp[p.fact_base + k] = const_cast<std::int64_t*>(facts.values(fact_slot{static_cast<std::uint32_t>(k)})) + start;
          sp[p.fact_base + k] = const_cast<std::uint8_t*>(facts.states(fact_slot{static_cast<std::uint32_t>(k)})) + start;
        }
        for (std::size_t r = 0; r < R; ++r) {
          vp[p.rules[r].result_reg] = out.values_.data() + r * rows + start;
          sp[p.rules[r].result_reg] = out.states_.data() + r * rows + start;
        }
        ctx.lane_offset = start;
        column_registers regs{vp, sp, n};
        run_tape(p.batch_tape.data(), p.batch_tape.data() + p.batch_tape.size(), p.batch_pool.data(), regs, ctx);
        texts.clear();
      }
    };
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (unsigned w = 0; w < threads; ++w) {
      const std::size_t b0 = blocks * w / threads, b1 = blocks * (w + 1) / threads;
      ranges.emplace_back(std::min(rows, b0 * W), std::min(rows, b1 * W));
    }
    if (threads == 1) {
      run_rows(0, 0, rows);
    } else {
      std::vector<std::thread> pool;
      std::vector<std::exception_ptr> failures(threads);
      for (unsigned w = 0; w < threads; ++w)
        pool.emplace_back([&, w] {
          try {
            run_rows(w, ranges[w].first, ranges[w].second);
          } catch (...) {
            failures[w] = std::current_exception();
          }
        });
      for (auto& t : pool) t.join();
      for (auto& f : failures)
        if (f) std::rethrow_exception(f);
    }
    // One list of messages: the errored cells of later threads point past the earlier lists.
    for (unsigned w = 0; w < threads; ++w) {
      const std::size_t offset = out.messages_.size();
      std::vector<std::string>& mine = out.workers_[w].messages;
      if (mine.empty()) continue;
      if (offset > 0)
        for (std::size_t r = 0; r < R; ++r)
          for (std::size_t row = ranges[w].first; row < ranges[w].second; ++row)
            if (out.states_[r * rows + row] == st_error) out.values_[r * rows + row] += static_cast<std::int64_t>(offset);
      out.messages_.insert(out.messages_.end(), std::make_move_iterator(mine.begin()), std::make_move_iterator(mine.end()));
      mine.clear();
    }
    return {};
  } catch (const std::bad_alloc&) {
    return fail(errc::limit_exceeded, "out of memory evaluating a batch of " + std::to_string(facts.rows()) + " units");
  } catch (const std::exception& ex) {
    return fail(errc::internal, std::string("internal error while evaluating a batch: ") + ex.what());
  }
}

NTM_END_NAMESPACE

// --- full assessments with explanations -----------------------------------------------------

NTM_BEGIN_NAMESPACE

using namespace rules_internal;

namespace {

struct explainer {
  const detail::program_impl& p;
  const evaluation_state::impl& st;
  const fact_table& facts;
  const parameter_epoch* epoch;

  std::string text_of(std::int64_t raw) const {
    if (raw >= text_runtime_base) {
      const auto k = static_cast<std::size_t>(raw - text_runtime_base);
      return k < st.texts.size() ? st.texts[k] : std::string();
    }
    if (raw >= text_literal_base) return p.text_literals[static_cast<std::size_t>(raw - text_literal_base)];
    return raw >= 0 && static_cast<std::size_t>(raw) < facts.raw_texts().size() ? facts.raw_texts()[static_cast<std::size_t>(raw)] : std::string();
  }

  std::optional<value> operand(const check_operand& o, value_type t) const {
    if (o.is_register) {
      if (st.s[o.reg] != st_known) return std::nullopt;
      return decode_value(t, st.v[o.reg], {});
    }
    return decode_value(t, o.raw, {});
  }

  std::string reference(std::int32_t param) const {
    if (param < 0 || !epoch) return {};
    const auto k = static_cast<std::size_t>(param);
    const auto& def = p.parameters[k].def;
    const std::int32_t vi = epoch->value_index[k];
    if (vi >= 0 && !def.values[static_cast<std::size_t>(vi)].reference.empty()) return def.values[static_cast<std::size_t>(vi)].reference;
    return def.reference;
  }

  check_detail check(const check_meta& c) const {
    check_detail d;
    d.measured_expression = c.measured.text;
    d.threshold_expression = c.threshold.text;
    d.op = c.op;
    d.unit = c.unit;
    d.measured = operand(c.measured, c.type);
    d.threshold = operand(c.threshold, c.type);
    d.reference = reference(c.threshold.parameter);
    if (!d.measured || !d.threshold) {
      d.result = status::unknown;
      return d;
    }
    const std::int64_t m = d.measured->raw(), t = d.threshold->raw();
    bool ok = false;
    switch (c.op) {
      case comparison_op::lt: ok = m < t; break;
      case comparison_op::le: ok = m <= t; break;
      case comparison_op::gt: ok = m > t; break;
      case comparison_op::ge: ok = m >= t; break;
      case comparison_op::eq: ok = m == t; break;
      case comparison_op::ne: ok = m != t; break;
    }
    d.result = ok ? status::met : status::not_met;
    const value_type gap_type = c.type == value_type::date ? value_type::integer : c.type;
    std::int64_t gap = 0;
    if (!ok && (c.op == comparison_op::ge || c.op == comparison_op::gt) && checked_sub(t, m, gap))
      d.shortfall = decode_value(gap_type, gap, {});
    if (!ok && (c.op == comparison_op::le || c.op == comparison_op::lt) && checked_sub(m, t, gap))
      d.shortfall = decode_value(gap_type, gap, {});
    std::int64_t pct = 0;
    if ((c.op == comparison_op::ge || c.op == comparison_op::gt) && c.type != value_type::date && t > 0 &&
        div_round(static_cast<detail::int128>(m) * 100'000'000, t, rounding::half_up, pct))
      d.attainment = decimal::from_micros(pct);
    return d;
  }

  input_use fact_use(std::uint32_t slot) const {
    const fact_definition& f = p.schema->facts[slot];
    return input_use{f.id, f.label, facts.get(fact_slot{slot}), f.unit, {}};
  }

  input_use parameter_use(std::uint32_t k) const {
    const auto& def = p.parameters[k].def;
    input_use u{def.id, def.label, std::nullopt, def.unit, reference(static_cast<std::int32_t>(k))};
    const std::uint32_t reg = p.param_base + k;
    if (st.s[reg] == st_known) u.value = decode_value(def.type, st.v[reg], {});
    return u;
  }
};

}  // namespace

result<assessment> program::evaluate(const fact_table& facts, const evaluate_options& options) const {
  evaluation_state state;
  NTM_CHECK(evaluate(state, facts, options.at, options.region));
  try {
    const auto& p = *impl_;
    const auto& st = *state.impl_;
    const int region = p.region_of(options.region);
    explainer ex{p, st, facts, p.epoch(static_cast<std::size_t>(region), options.at)};
    assessment a;
    a.at = options.at;
    a.region = options.region;
    a.set_id = p.definition->id;
    a.standard_id = p.rules[p.standard].info.id;
    const criteria_set& top = *p.definition;
    if ((top.valid_from && options.at < *top.valid_from) || (top.valid_to && *top.valid_to < options.at))
      a.warnings.push_back("the assessment date " + format_date(options.at) + " is outside the validity of criteria set " + top.id +
                           " (" + (top.valid_from ? format_date(*top.valid_from) : std::string("…")) + " – " +
                           (top.valid_to ? format_date(*top.valid_to) : std::string("…")) + ")");
    a.outcomes.reserve(p.rules.size());
    for (std::uint32_t k = 0; k < p.rules.size(); ++k) {
      const rule_meta& m = p.rules[k];
      rule_outcome o;
      o.id = m.info.id;
      o.kind = m.kind;
      o.name = m.info.name;
      o.number = m.info.number;
      o.type = m.info.type;
      o.unit = m.info.unit;
      o.result = state.status_of(rule_index{k});
      o.explanation_template = m.explanation;
      o.source = m.source;
      o.modelled = m.modelled;
      o.key = m.key;
      if (!p.conditions[k] && st.s[m.result_reg] == st_known) {
        const std::int64_t raw = st.v[m.result_reg];
        o.computed = decode_value(m.info.type, raw, m.info.type == value_type::text ? ex.text_of(raw) : std::string());
      }
      if (m.info.parent) o.parent = p.rules[m.info.parent->index].info.id;
      for (rule_index c : m.info.children) {
        o.children.push_back(p.rules[c.index].info.id);
        switch (state.status_of(c)) {
          case status::met: ++o.met; break;
          case status::not_met: ++o.not_met; break;
          case status::unknown: ++o.unknown; break;
          case status::not_applicable: ++o.not_applicable; break;
          case status::error: ++o.errored; break;
        }
      }
      if (options.explain) {
        for (std::uint32_t f : m.direct_facts) o.facts.push_back(ex.fact_use(f));
        for (std::uint32_t q : m.direct_params) o.parameters.push_back(ex.parameter_use(q));
        for (const check_meta& c : m.checks) o.checks.push_back(ex.check(c));
        if (o.result == status::unknown || o.result == status::error)
          for (std::uint32_t f : m.lineage_facts)
            if (!facts.is_known(fact_slot{f})) o.missing_facts.push_back(p.schema->facts[f].id);
      }
      if (o.result == status::error) o.message = state.error_of(rule_index{k});
      else if (!m.evaluator.empty()) o.message = st.messages[k];
      a.outcomes.push_back(std::move(o));
    }
    if (options.stamp) a.stamp = io_internal::assessment_stamp(p.fingerprint, facts, options.at, options.region);
    return a;
  } catch (const std::exception& e) {
    return fail(errc::internal, std::string("internal error while explaining: ") + e.what());
  }
}

NTM_END_NAMESPACE

// --- the dependency graph as DOT ---------------------------------------------------------------

NTM_BEGIN_NAMESPACE

namespace {
std::string dot_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

std::string program::to_dot(lang l) const {
  const auto& p = *impl_;
  std::string out = "digraph \"" + dot_escape(p.definition->id) + "\" {\n";
  out += "  rankdir=LR;\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n";
  std::vector<bool> fact_used(p.schema->facts.size(), false), param_used(p.parameters.size(), false);
  for (const auto& m : p.rules) {
    for (std::uint32_t f : m.direct_facts) fact_used[f] = true;
    for (std::uint32_t q : m.direct_params) param_used[q] = true;
  }
  for (std::size_t k = 0; k < p.schema->facts.size(); ++k) {
    if (!fact_used[k]) continue;
    const auto& f = p.schema->facts[k];
    const std::string label = f.label.get(l).empty() ? f.id : f.label.get(l);
    out += "  \"fact:" + dot_escape(f.id) + "\" [shape=ellipse, style=filled, fillcolor=\"#eef5ff\", label=\"" + dot_escape(label) + "\"];\n";
  }
  for (std::size_t k = 0; k < p.parameters.size(); ++k) {
    if (!param_used[k]) continue;
    const auto& d = p.parameters[k].def;
    const std::string label = d.label.get(l).empty() ? d.id : d.label.get(l);
    out += "  \"param:" + dot_escape(d.id) + "\" [shape=note, style=filled, fillcolor=\"#fff6e0\", label=\"" + dot_escape(label) + "\"];\n";
    for (std::uint32_t q : p.parameters[k].depends)
      out += "  \"param:" + dot_escape(p.parameters[q].def.id) + "\" -> \"param:" + dot_escape(d.id) + "\";\n";
  }
  for (const auto& m : p.rules) {
    const char* shape = m.kind == rule_kind::standard ? "doubleoctagon" : m.kind == rule_kind::criterion ? "box3d" : "box";
    const std::string name = m.info.name.get(l);
    out += "  \"rule:" + dot_escape(m.info.id) + "\" [shape=" + shape + ", label=\"" + dot_escape(m.info.id + (name.empty() ? "" : "\n" + name)) + "\"" +
           (m.modelled ? ", style=dashed" : "") + "];\n";
  }
  for (const auto& m : p.rules) {
    const std::string to = "\"rule:" + dot_escape(m.info.id) + "\"";
    for (std::uint32_t f : m.direct_facts) out += "  \"fact:" + dot_escape(p.schema->facts[f].id) + "\" -> " + to + ";\n";
    for (std::uint32_t q : m.direct_params) out += "  \"param:" + dot_escape(p.parameters[q].def.id) + "\" -> " + to + ";\n";
  }
  // Direct rule dependencies (children and references), not the transitive closure.
  for (const auto& m : p.rules) {
    std::vector<std::uint32_t> direct;
    for (rule_index c : m.info.children) direct.push_back(c.index);
    for (std::uint32_t d : m.lineage_rules) {
      bool indirect = false;
      for (std::uint32_t other : m.lineage_rules)
        if (other != d && std::binary_search(p.rules[other].lineage_rules.begin(), p.rules[other].lineage_rules.end(), d)) indirect = true;
      if (!indirect) direct.push_back(d);
    }
    std::sort(direct.begin(), direct.end());
    direct.erase(std::unique(direct.begin(), direct.end()), direct.end());
    for (std::uint32_t d : direct)
      out += "  \"rule:" + dot_escape(p.rules[d].info.id) + "\" -> \"rule:" + dot_escape(m.info.id) + "\";\n";
  }
  out += "}\n";
  return out;
}

NTM_END_NAMESPACE
