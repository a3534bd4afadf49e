// SPDX-License-Identifier: MIT
// Criteria sets, facts, test suites and assessments as JSON.
#include "io/criteria_set_json.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>

#include <ntm/io/json.hpp>
#include <ntm/rules/program.hpp>
#include <ntm/version.hpp>

#include "core/number_text.hpp"
#include "io/sha256.hpp"
#include "rules/program_impl.hpp"

NTM_BEGIN_NAMESPACE
namespace io_internal {

namespace {

using ojson = nlohmann::ordered_json;

std::optional<decimal> percent_points(json_reader& r, const json& v, const std::string& ptr) {
  if (!v.is_string()) {
    r.report(errc::json_type, std::string("a percentage must be written as text with %, e.g. \"95%\", not ") + json_type_name(v), ptr);
    return std::nullopt;
  }
  std::string s = v.get<std::string>();
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.empty() || s.back() != '%') {
    r.report(errc::percentage_syntax, "\"" + s + "\" is not a percentage; write e.g. \"95%\"", ptr);
    return std::nullopt;
  }
  s.pop_back();
  while (!s.empty() && s.back() == ' ') s.pop_back();
  auto d = parse_decimal(s, s.find(',') != std::string::npos ? ',' : '.');
  if (!d) {
    r.report(std::move(d).error(), ptr);
    return std::nullopt;
  }
  return *d;
}

ojson text_json(const localized_text& t) {
  if (t.en.empty()) return t.vi;
  return ojson{{"vi", t.vi}, {"en", t.en}};
}

}  // namespace

std::optional<value> read_value(json_reader& r, value_type t, const std::vector<std::string>* enum_values, const json& v,
                                const std::string& ptr) {
  switch (t) {
    case value_type::boolean:
      if (v.is_boolean()) return value::of_bool(v.get<bool>());
      r.report(errc::json_type, std::string("expected true or false, not ") + json_type_name(v), ptr);
      return std::nullopt;
    case value_type::integer:
      if (v.is_number_integer() && !v.is_number_unsigned()) return value::of_integer(v.get<std::int64_t>());
      if (v.is_number_unsigned()) {
        if (v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX))
          return value::of_integer(static_cast<std::int64_t>(v.get<std::uint64_t>()));
        r.report(errc::overflow, "the number is beyond the largest whole number (about 9,2 × 10^18)", ptr);
        return std::nullopt;
      }
      r.report(errc::json_type, std::string("expected a whole number, not ") + json_type_name(v), ptr);
      return std::nullopt;
    case value_type::number: {
      auto d = r.to_decimal(v, ptr);
      if (!d) return std::nullopt;
      return value::of_number(*d);
    }
    case value_type::money: {
      auto m = r.to_money(v, ptr);
      if (!m) return std::nullopt;
      return value::of_money(*m);
    }
    case value_type::percent: {
      auto d = percent_points(r, v, ptr);
      if (!d) return std::nullopt;
      return value::of_percent(*d);
    }
    case value_type::date: {
      auto d = r.to_date(v, ptr);
      if (!d) return std::nullopt;
      return value::of_date(*d);
    }
    case value_type::text:
      if (v.is_string()) return value::of_text(v.get<std::string>());
      r.report(errc::json_type, std::string("expected text, not ") + json_type_name(v), ptr);
      return std::nullopt;
    case value_type::enumeration:
      if (!v.is_string()) {
        r.report(errc::json_type, std::string("expected one of the declared names as text, not ") + json_type_name(v), ptr);
        return std::nullopt;
      }
      if (enum_values && std::find(enum_values->begin(), enum_values->end(), v.get<std::string>()) == enum_values->end()) {
        std::string allowed;
        for (const auto& n : *enum_values) allowed += (allowed.empty() ? "\"" : ", \"") + n + "\"";
        r.report(errc::fact_type, "\"" + v.get<std::string>() + "\" is not one of " + allowed, ptr);
        return std::nullopt;
      }
      return value::of_enum(v.get<std::string>());
  }
  return std::nullopt;
}

json value_to_json(const value& v) {
  switch (v.type()) {
    case value_type::boolean: return v.as_bool();
    case value_type::integer: return v.as_integer();
    case value_type::number: return json::parse(v.as_number().to_string());
    case value_type::money: return format_money(v.as_money());
    case value_type::percent: return v.as_percent().to_string(',') + "%";
    case value_type::date: return format_date(v.as_date());
    case value_type::text:
    case value_type::enumeration: return v.as_text();
  }
  return nullptr;
}

// --- criteria sets ---------------------------------------------------------------------------

namespace {

constexpr const char* set_format = "ntm.criteria-set/1";

class set_reader {
 public:
  set_reader(json_reader& r) : r_(r) {}

  void read(const json& root, criteria_set& set) {
    const std::string ptr;
    if (!r_.expect_object(root, "", "a criteria set")) return;
    r_.check_fields(root, ptr, {"format", "id", "title", "legal_basis", "issuer", "valid_from", "valid_to", "region", "regions",
                                "extends", "facts", "parameters", "criteria", "rules", "standard"});
    if (auto f = r_.get_string(root, ptr, "format", false); f && *f != set_format)
      r_.report(errc::format_version, "unsupported format \"" + *f + "\"; this version of ntm reads \"" + set_format + "\"", "/format");
    set.id = r_.get_string(root, ptr, "id", true).value_or("");
    set.title = r_.get_text(root, ptr, "title", true).value_or(localized_text{});
    set.legal_basis = r_.get_string(root, ptr, "legal_basis", false).value_or("");
    set.issuer = r_.get_string(root, ptr, "issuer", false).value_or("");
    set.valid_from = r_.get_date(root, ptr, "valid_from", false);
    set.valid_to = r_.get_date(root, ptr, "valid_to", false);
    set.region = r_.get_string(root, ptr, "region", false).value_or("");
    set.regions = strings(root, "regions");
    set.extends = strings(root, "extends");
    if (const json* facts = r_.field(root, ptr, "facts", false); facts && r_.expect_array(*facts, "/facts", "\"facts\""))
      for (std::size_t k = 0; k < facts->size(); ++k) read_fact((*facts)[k], "/facts/" + std::to_string(k), set.facts);
    if (const json* params = r_.field(root, ptr, "parameters", false); params && r_.expect_array(*params, "/parameters", "\"parameters\""))
      for (std::size_t k = 0; k < params->size(); ++k) read_parameter((*params)[k], "/parameters/" + std::to_string(k), set.parameters);
    if (const json* criteria = r_.field(root, ptr, "criteria", false); criteria && r_.expect_array(*criteria, "/criteria", "\"criteria\""))
      for (std::size_t k = 0; k < criteria->size(); ++k) read_criterion((*criteria)[k], "/criteria/" + std::to_string(k), set.criteria);
    if (const json* rules = r_.field(root, ptr, "rules", false); rules && r_.expect_array(*rules, "/rules", "\"rules\""))
      for (std::size_t k = 0; k < rules->size(); ++k) {
        rule_definition d;
        read_rule((*rules)[k], "/rules/" + std::to_string(k), d, "expression", true);
        set.rules.push_back(std::move(d));
      }
    if (const json* st = r_.field(root, ptr, "standard", false)) read_rule(*st, "/standard", set.standard, "condition", false);
    set.standard.pointer = "/standard";
  }

 private:
  std::vector<std::string> strings(const json& obj, const char* key, const std::string& ptr = "") {
    std::vector<std::string> out;
    const json* v = r_.field(obj, ptr, key, false);
    if (!v) return out;
    const std::string p = ptr + "/" + key;
    if (!r_.expect_array(*v, p, (std::string("\"") + key + "\"").c_str())) return out;
    for (std::size_t k = 0; k < v->size(); ++k) {
      if ((*v)[k].is_string()) out.push_back((*v)[k].get<std::string>());
      else r_.report(errc::json_type, std::string("expected text, not ") + json_type_name((*v)[k]), p + "/" + std::to_string(k));
    }
    return out;
  }

  std::optional<value_type> type_of(const json& obj, const std::string& ptr) {
    auto t = r_.get_string(obj, ptr, "type", true);
    if (!t) return std::nullopt;
    auto vt = parse_value_type(*t);
    if (!vt) {
      r_.report(vt.error().code, vt.error().message, ptr + "/type");
      return std::nullopt;
    }
    return *vt;
  }

  void read_fact(const json& v, const std::string& ptr, std::vector<fact_definition>& out) {
    if (!r_.expect_object(v, ptr, "a fact")) return;
    r_.check_fields(v, ptr, {"id", "type", "unit", "label", "values"});
    fact_definition f;
    f.pointer = ptr;
    f.id = r_.get_string(v, ptr, "id", true).value_or("");
    auto t = type_of(v, ptr);
    f.type = t.value_or(value_type::boolean);
    f.unit = r_.get_string(v, ptr, "unit", false).value_or("");
    f.label = r_.get_text(v, ptr, "label", true).value_or(localized_text{});
    f.values = strings(v, "values", ptr);
    if (f.type == value_type::enumeration && f.values.empty() && t)
      r_.report(errc::json_missing_field, "an enum fact needs its \"values\"", ptr);
    out.push_back(std::move(f));
  }

  void read_parameter(const json& v, const std::string& ptr, std::vector<parameter_definition>& out) {
    if (!r_.expect_object(v, ptr, "a parameter")) return;
    r_.check_fields(v, ptr, {"id", "type", "unit", "label", "values", "formula", "reference"});
    parameter_definition d;
    d.pointer = ptr;
    d.id = r_.get_string(v, ptr, "id", true).value_or("");
    auto t = type_of(v, ptr);
    d.type = t.value_or(value_type::number);
    d.unit = r_.get_string(v, ptr, "unit", false).value_or("");
    d.label = r_.get_text(v, ptr, "label", false).value_or(localized_text{});
    d.formula = r_.get_string(v, ptr, "formula", false).value_or("");
    d.reference = r_.get_string(v, ptr, "reference", false).value_or("");
    if (const json* values = r_.field(v, ptr, "values", false); values && r_.expect_array(*values, ptr + "/values", "\"values\"")) {
      for (std::size_t k = 0; k < values->size(); ++k) {
        const std::string vp = ptr + "/values/" + std::to_string(k);
        const json& item = (*values)[k];
        if (!r_.expect_object(item, vp, "a parameter value")) continue;
        r_.check_fields(item, vp, {"from", "to", "region", "value", "reference"});
        parameter_value pv;
        pv.pointer = vp;
        pv.from = r_.get_date(item, vp, "from", false);
        pv.to = r_.get_date(item, vp, "to", false);
        pv.region = r_.get_string(item, vp, "region", false).value_or("");
        pv.reference = r_.get_string(item, vp, "reference", false).value_or("");
        if (const json* val = r_.field(item, vp, "value", true); val && t) {
          if (auto x = read_value(r_, d.type, nullptr, *val, vp + "/value")) pv.amount = *x;
        }
        d.values.push_back(std::move(pv));
      }
    }
    out.push_back(std::move(d));
  }

  void read_criterion(const json& v, const std::string& ptr, std::vector<criterion_definition>& out) {
    if (!r_.expect_object(v, ptr, "a criterion")) return;
    r_.check_fields(v, ptr, {"id", "number", "name", "combine", "key", "source", "indicators"});
    criterion_definition c;
    c.pointer = ptr;
    c.id = r_.get_string(v, ptr, "id", true).value_or("");
    c.number = static_cast<int>(r_.get_integer(v, ptr, "number", false, INT32_MIN, INT32_MAX).value_or(0));
    c.name = r_.get_text(v, ptr, "name", true).value_or(localized_text{});
    c.key = r_.get_bool(v, ptr, "key", false).value_or(false);
    c.source = r_.get_string(v, ptr, "source", false).value_or("");
    if (const json* comb = r_.field(v, ptr, "combine", false)) {
      const std::string cp = ptr + "/combine";
      if (comb->is_string() && comb->get<std::string>() == "all") {
        c.combine = combine_kind::all;
      } else if (comb->is_string() && comb->get<std::string>() == "any") {
        c.combine = combine_kind::any;
      } else if (comb->is_object()) {
        r_.check_fields(*comb, cp, {"at_least", "expression"});
        if (comb->contains("at_least")) {
          c.combine = combine_kind::at_least;
          c.at_least = static_cast<int>(r_.get_integer(*comb, cp, "at_least", true, INT32_MIN, INT32_MAX).value_or(0));
        } else if (comb->contains("expression")) {
          c.combine = combine_kind::expression;
          c.expression = r_.get_string(*comb, cp, "expression", true).value_or("");
        } else {
          r_.report(errc::json_missing_field, "\"combine\" needs \"at_least\" or \"expression\"", cp);
        }
      } else {
        r_.report(errc::invalid_value, "\"combine\" is \"all\", \"any\", {\"at_least\": k} or {\"expression\": \"…\"}", cp);
      }
    }
    if (const json* inds = r_.field(v, ptr, "indicators", c.combine != combine_kind::expression);
        inds && r_.expect_array(*inds, ptr + "/indicators", "\"indicators\"")) {
      for (std::size_t k = 0; k < inds->size(); ++k) read_indicator((*inds)[k], ptr + "/indicators/" + std::to_string(k), c.indicators);
    }
    out.push_back(std::move(c));
  }

  void read_indicator(const json& v, const std::string& ptr, std::vector<indicator_definition>& out) {
    if (!r_.expect_object(v, ptr, "an indicator")) return;
    r_.check_fields(v, ptr, {"id", "name", "condition", "applies_if", "evaluator", "reads", "explanation", "source", "modelled", "note"});
    indicator_definition d;
    d.pointer = ptr;
    d.id = r_.get_string(v, ptr, "id", true).value_or("");
    d.name = r_.get_text(v, ptr, "name", true).value_or(localized_text{});
    d.condition = r_.get_string(v, ptr, "condition", false).value_or("");
    d.applies_if = r_.get_string(v, ptr, "applies_if", false).value_or("");
    d.evaluator = r_.get_string(v, ptr, "evaluator", false).value_or("");
    d.reads = strings(v, "reads", ptr);
    d.explanation = r_.get_text(v, ptr, "explanation", false).value_or(localized_text{});
    d.source = r_.get_string(v, ptr, "source", false).value_or("");
    d.modelled = r_.get_bool(v, ptr, "modelled", false).value_or(false);
    d.note = r_.get_string(v, ptr, "note", false).value_or("");
    out.push_back(std::move(d));
  }

  void read_rule(const json& v, const std::string& ptr, rule_definition& d, const char* expr_key, bool required) {
    if (!r_.expect_object(v, ptr, "a rule")) return;
    r_.check_fields(v, ptr, {"id", "name", expr_key, "explanation", "source"});
    d.pointer = ptr;
    d.id = r_.get_string(v, ptr, "id", required).value_or("");
    d.name = r_.get_text(v, ptr, "name", false).value_or(localized_text{});
    d.expression = r_.get_string(v, ptr, expr_key, required).value_or("");
    d.explanation = r_.get_text(v, ptr, "explanation", false).value_or(localized_text{});
    d.source = r_.get_string(v, ptr, "source", false).value_or("");
  }

  json_reader& r_;
};

struct loader {
  const load_options& options;
  std::map<std::string, std::shared_ptr<const criteria_set>> cache;  // by resolved name
  std::vector<std::string> stack;

  result<criteria_set> parse(std::string_view text, const std::string& file) {
    NTM_TRY(doc, json_document::parse(std::string(text), file, options));
    criteria_set set;
    set.file = file;
    {
      json_reader r(doc);
      set_reader(r).read(doc.root(), set);
      NTM_CHECK(r.finish("while loading criteria set " + (file.empty() ? std::string("(in memory)") : file)));
    }
    // Bases.
    stack.push_back(file);
    for (std::size_t k = 0; k < set.extends.size(); ++k) {
      const std::string name = named_file(options, file, set.extends[k]);
      if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
        std::string path;
        for (const auto& s : stack) path += (path.empty() ? "" : " → ") + s;
        stack.pop_back();
        return fail(doc.make(errc::extends_cycle, "criteria sets extend each other in a cycle: " + path + " → " + name,
                             "/extends/" + std::to_string(k)));
      }
      if (auto it = cache.find(name); it != cache.end()) {
        set.bases.push_back(it->second);
        continue;
      }
      if (stack.size() > options.max_extends_depth) {
        stack.pop_back();
        return fail(limit_error("max_extends_depth", options.max_extends_depth,
                                "criteria sets extend each other " + std::to_string(stack.size()) + " levels deep",
                                doc.locate("/extends/" + std::to_string(k))));
      }
      auto text_r = fetch(options, name);
      if (!text_r) {
        stack.pop_back();
        error e = std::move(text_r).error();
        e.add_context("while loading \"" + set.extends[k] + "\", which " + (file.empty() ? std::string("the set") : file) + " extends");
        return fail(std::move(e));
      }
      auto base = parse(*text_r, name);
      if (!base) {
        stack.pop_back();
        return fail(std::move(base).error());
      }
      auto shared = std::make_shared<const criteria_set>(std::move(*base));
      cache.emplace(name, shared);
      set.bases.push_back(shared);
    }
    stack.pop_back();
    set.sources = std::make_shared<document_source_map>(std::move(doc));
    return set;
  }
};

ojson set_to_ojson(const criteria_set& s) {
  ojson j;
  j["format"] = set_format;
  j["id"] = s.id;
  j["title"] = text_json(s.title);
  if (!s.legal_basis.empty()) j["legal_basis"] = s.legal_basis;
  if (!s.issuer.empty()) j["issuer"] = s.issuer;
  if (s.valid_from) j["valid_from"] = format_date(*s.valid_from);
  if (s.valid_to) j["valid_to"] = format_date(*s.valid_to);
  if (!s.region.empty()) j["region"] = s.region;
  if (!s.regions.empty()) j["regions"] = s.regions;
  if (!s.extends.empty()) j["extends"] = s.extends;
  ojson facts = ojson::array();
  for (const auto& f : s.facts) {
    ojson o;
    o["id"] = f.id;
    o["type"] = to_string(f.type);
    if (!f.unit.empty()) o["unit"] = f.unit;
    o["label"] = text_json(f.label);
    if (!f.values.empty()) o["values"] = f.values;
    facts.push_back(std::move(o));
  }
  j["facts"] = std::move(facts);
  ojson params = ojson::array();
  for (const auto& d : s.parameters) {
    ojson o;
    o["id"] = d.id;
    o["type"] = to_string(d.type);
    if (!d.unit.empty()) o["unit"] = d.unit;
    if (!d.label.empty()) o["label"] = text_json(d.label);
    if (!d.reference.empty()) o["reference"] = d.reference;
    if (!d.formula.empty()) o["formula"] = d.formula;
    if (!d.values.empty()) {
      ojson vals = ojson::array();
      for (const auto& v : d.values) {
        ojson x;
        if (v.from) x["from"] = format_date(*v.from);
        if (v.to) x["to"] = format_date(*v.to);
        if (!v.region.empty()) x["region"] = v.region;
        x["value"] = ojson::parse(value_to_json(v.amount).dump());
        if (!v.reference.empty()) x["reference"] = v.reference;
        vals.push_back(std::move(x));
      }
      o["values"] = std::move(vals);
    }
    params.push_back(std::move(o));
  }
  j["parameters"] = std::move(params);
  ojson criteria = ojson::array();
  for (const auto& c : s.criteria) {
    ojson o;
    o["id"] = c.id;
    o["number"] = c.number;
    o["name"] = text_json(c.name);
    switch (c.combine) {
      case combine_kind::all: break;
      case combine_kind::any: o["combine"] = "any"; break;
      case combine_kind::at_least: o["combine"] = ojson{{"at_least", c.at_least}}; break;
      case combine_kind::expression: o["combine"] = ojson{{"expression", c.expression}}; break;
    }
    if (c.key) o["key"] = true;
    if (!c.source.empty()) o["source"] = c.source;
    ojson inds = ojson::array();
    for (const auto& d : c.indicators) {
      ojson x;
      x["id"] = d.id;
      x["name"] = text_json(d.name);
      if (!d.condition.empty()) x["condition"] = d.condition;
      if (!d.applies_if.empty()) x["applies_if"] = d.applies_if;
      if (!d.evaluator.empty()) x["evaluator"] = d.evaluator;
      if (!d.reads.empty()) x["reads"] = d.reads;
      if (!d.explanation.empty()) x["explanation"] = text_json(d.explanation);
      if (!d.source.empty()) x["source"] = d.source;
      if (d.modelled) x["modelled"] = true;
      if (!d.note.empty()) x["note"] = d.note;
      inds.push_back(std::move(x));
    }
    o["indicators"] = std::move(inds);
    criteria.push_back(std::move(o));
  }
  j["criteria"] = std::move(criteria);
  if (!s.rules.empty()) {
    ojson rules = ojson::array();
    for (const auto& r : s.rules) {
      ojson x;
      x["id"] = r.id;
      if (!r.name.empty()) x["name"] = text_json(r.name);
      x["expression"] = r.expression;
      if (!r.explanation.empty()) x["explanation"] = text_json(r.explanation);
      if (!r.source.empty()) x["source"] = r.source;
      rules.push_back(std::move(x));
    }
    j["rules"] = std::move(rules);
  }
  const rule_definition& st = s.standard;
  if (!st.id.empty() || !st.expression.empty() || !st.name.empty()) {
    ojson x;
    if (!st.id.empty()) x["id"] = st.id;
    if (!st.name.empty()) x["name"] = text_json(st.name);
    if (!st.expression.empty()) x["condition"] = st.expression;
    if (!st.explanation.empty()) x["explanation"] = text_json(st.explanation);
    if (!st.source.empty()) x["source"] = st.source;
    j["standard"] = std::move(x);
  }
  return j;
}

void canonical_with_bases(const criteria_set& s, std::string& out) {
  for (const auto& b : s.bases)
    if (b) canonical_with_bases(*b, out);
  out += set_to_ojson(s).dump();
  out += '\n';
}

}  // namespace

std::string criteria_set_fingerprint(const criteria_set& set) {
  std::string canon = std::string("ntm ") + NTM_VERSION_STRING + "\n";
  canonical_with_bases(set, canon);
  return sha256_hex(canon);
}

json facts_to_json(const fact_table& facts) {
  json obj = json::object();
  for (std::uint32_t k = 0; k < facts.size(); ++k) {
    const fact_slot slot{k};
    auto v = facts.get(slot);
    if (!v) continue;
    const provenance& p = facts.provenance_of(slot);
    json val = value_to_json(*v);
    if (p.source.empty() && !p.collected && p.note.empty() && !p.imputed) {
      obj[facts.id(slot)] = std::move(val);
    } else {
      json o{{"value", std::move(val)}};
      if (!p.source.empty()) o["source"] = p.source;
      if (p.collected) o["collected"] = format_date(*p.collected);
      if (!p.note.empty()) o["note"] = p.note;
      if (p.imputed) o["imputed"] = true;
      obj[facts.id(slot)] = std::move(o);
    }
  }
  return obj;
}

std::string assessment_stamp(const std::string& fingerprint, const fact_table& facts, date at, const std::string& region) {
  std::string canon = std::string("ntm ") + NTM_VERSION_STRING + "\nset " + fingerprint + "\ndate " + format_date(at) + "\nregion " + region +
                      "\nfacts " + facts_to_json(facts).dump() + "\n";
  return sha256_hex(canon);
}

bool read_facts_object(json_reader& r, const json& obj, const std::string& ptr, fact_table& facts) {
  if (!r.expect_object(obj, ptr, "\"facts\"")) return false;
  const std::size_t before = r.error_count();
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string fp = ptr + "/" + pointer_token(it.key());
    auto slot = facts.slot(it.key());
    if (!slot) {
      r.report(slot.error().code, slot.error().message, fp);
      continue;
    }
    const fact_definition& def = facts.schema()->facts[slot->index];
    const json* raw = &it.value();
    std::string vp = fp;
    provenance prov;
    if (raw->is_object()) {
      r.check_fields(*raw, fp, {"value", "source", "collected", "note", "imputed"});
      prov.source = r.get_string(*raw, fp, "source", false).value_or("");
      prov.collected = r.get_date(*raw, fp, "collected", false);
      prov.note = r.get_string(*raw, fp, "note", false).value_or("");
      prov.imputed = r.get_bool(*raw, fp, "imputed", false).value_or(false);
      raw = r.field(*raw, fp, "value", true);
      vp = fp + "/value";
      if (!raw) continue;
    }
    if (raw->is_null()) {
      facts.clear(*slot);
      continue;
    }
    auto v = read_value(r, def.type, &def.values, *raw, vp);
    if (!v) continue;
    auto ok = facts.set(*slot, *v, std::move(prov));
    if (!ok) r.report(ok.error().code, ok.error().message, vp);
  }
  return r.error_count() == before;
}

}  // namespace io_internal

// --- public entry points ---------------------------------------------------------------------

using namespace io_internal;

result<criteria_set> parse_criteria_set(std::string_view text, const std::string& file, const load_options& options) {
  return guarded("loading a criteria set", [&]() -> result<criteria_set> {
    loader l{options, {}, {}};
    return l.parse(text, file);
  });
}

result<criteria_set> load_criteria_set(const std::string& path, const load_options& options) {
  NTM_TRY(text, fetch(options, path));
  return parse_criteria_set(text, path, options);
}

std::string to_json(const criteria_set& set) { return set_to_ojson(set).dump(2) + "\n"; }

result<void> save_criteria_set(const criteria_set& set, const std::string& path) { return write_file(path, to_json(set)); }

result<fact_table> parse_facts(const program& prog, std::string_view text, const std::string& file, const load_options& options) {
  return guarded("loading facts", [&]() -> result<fact_table> {
    NTM_TRY(doc, json_document::parse(std::string(text), file, options));
    json_reader r(doc);
    fact_table facts = prog.make_facts();
    if (r.expect_object(doc.root(), "", "a facts file")) {
      r.check_fields(doc.root(), "", {"format", "unit", "set", "facts"});
      if (const json* f = r.field(doc.root(), "", "facts", true)) read_facts_object(r, *f, "/facts", facts);
    }
    NTM_CHECK(r.finish("while loading facts " + (file.empty() ? std::string("(in memory)") : file)));
    return facts;
  });
}

result<fact_table> load_facts(const program& prog, const std::string& path, const load_options& options) {
  NTM_TRY(text, fetch(options, path));
  return parse_facts(prog, text, path, options);
}

std::string to_json(const fact_table& facts) {
  json j{{"format", "ntm.facts/1"}, {"facts", facts_to_json(facts)}};
  return j.dump(2) + "\n";
}

result<value> parse_value(value_type type, std::string_view json_text) {
  return guarded("reading a value", [&]() -> result<value> {
    NTM_TRY(doc, json_document::parse(std::string(json_text), {}));
    json_reader r(doc);
    auto v = read_value(r, type, nullptr, doc.root(), "");
    NTM_CHECK(r.finish("while reading a " + std::string(to_string(type)) + " value"));
    return *v;
  });
}

result<test_suite> parse_test_suite(std::string_view text, const std::string& file, const load_options& options) {
  return guarded("loading data test cases", [&]() -> result<test_suite> {
    NTM_TRY(doc, json_document::parse(std::string(text), file, options));
    json_reader r(doc);
    test_suite suite;
    suite.file = file;
    const json& root = doc.root();
    if (r.expect_object(root, "", "a test file")) {
      r.check_fields(root, "", {"format", "set", "cases"});
      suite.set = r.get_string(root, "", "set", false).value_or("");
      if (const json* cases = r.field(root, "", "cases", true); cases && r.expect_array(*cases, "/cases", "\"cases\"")) {
        for (std::size_t k = 0; k < cases->size(); ++k) {
          const std::string cp = "/cases/" + std::to_string(k);
          const json& c = (*cases)[k];
          if (!r.expect_object(c, cp, "a test case")) continue;
          r.check_fields(c, cp, {"name", "date", "region", "facts", "expect"});
          test_case tc;
          tc.pointer = cp;
          tc.name = r.get_string(c, cp, "name", true).value_or("case " + std::to_string(k + 1));
          tc.at = r.get_date(c, cp, "date", true).value_or(date());
          tc.region = r.get_string(c, cp, "region", false).value_or("");
          if (const json* f = r.field(c, cp, "facts", false)) {
            if (r.expect_object(*f, cp + "/facts", "\"facts\"")) tc.facts_json = f->dump();
          } else {
            tc.facts_json = "{}";
          }
          if (const json* e = r.field(c, cp, "expect", true); e && r.expect_object(*e, cp + "/expect", "\"expect\"")) {
            for (auto it = e->begin(); it != e->end(); ++it) {
              test_expectation x;
              x.rule = it.key();
              x.pointer = cp + "/expect/" + pointer_token(it.key());
              if (it.value().is_string()) {
                auto s = parse_status(it.value().get<std::string>());
                if (s) x.expected = *s;
                else x.expected_value_json = it.value().dump();
              } else {
                x.expected_value_json = it.value().dump();
              }
              tc.expect.push_back(std::move(x));
            }
          }
          suite.cases.push_back(std::move(tc));
        }
      }
    }
    NTM_CHECK(r.finish("while loading test cases " + (file.empty() ? std::string("(in memory)") : file)));
    return suite;
  });
}

result<test_suite> load_test_suite(const std::string& path, const load_options& options) {
  NTM_TRY(text, fetch(options, path));
  return parse_test_suite(text, path, options);
}

std::string to_json(const assessment& a, lang l) {
  ojson j;
  j["format"] = "ntm.assessment/1";
  j["set"] = a.set_id;
  j["date"] = format_date(a.at);
  if (!a.region.empty()) j["region"] = a.region;
  const rule_outcome& st = a.standard();
  j["standard"] = ojson{{"id", st.id}, {"status", to_string(st.result)}, {"met", st.met}, {"not_met", st.not_met},
                        {"unknown", st.unknown}, {"not_applicable", st.not_applicable}, {"errored", st.errored},
                        {"total", st.children.size()}};
  ojson rules = ojson::array();
  for (const rule_outcome& o : a.outcomes) {
    ojson x;
    x["id"] = o.id;
    x["kind"] = to_string(o.kind);
    x["name"] = o.name.get(l);
    x["status"] = to_string(o.result);
    if (o.computed) x["value"] = ojson::parse(value_to_json(*o.computed).dump());
    if (!o.parent.empty()) x["parent"] = o.parent;
    if (!o.children.empty()) {
      x["children"] = o.children;
      x["counts"] = ojson{{"met", o.met}, {"not_met", o.not_met}, {"unknown", o.unknown}, {"not_applicable", o.not_applicable}, {"errored", o.errored}};
    }
    if (!o.checks.empty()) {
      ojson checks = ojson::array();
      for (const check_detail& c : o.checks) {
        ojson y;
        y["measured"] = c.measured_expression;
        y["op"] = to_symbol(c.op);
        y["threshold"] = c.threshold_expression;
        y["measured_value"] = c.measured ? ojson::parse(value_to_json(*c.measured).dump()) : ojson();
        y["threshold_value"] = c.threshold ? ojson::parse(value_to_json(*c.threshold).dump()) : ojson();
        y["status"] = to_string(c.result);
        if (!c.reference.empty()) y["reference"] = c.reference;
        if (c.shortfall) y["shortfall"] = ojson::parse(value_to_json(*c.shortfall).dump());
        if (c.attainment) y["attainment_percent"] = ojson::parse(c.attainment->to_string());
        checks.push_back(std::move(y));
      }
      x["checks"] = std::move(checks);
    }
    if (!o.missing_facts.empty()) x["missing_facts"] = o.missing_facts;
    if (!o.message.empty()) x["message"] = o.message;
    if (o.modelled) x["modelled"] = true;
    x["explanation"] = a.explain(o.id, l);
    rules.push_back(std::move(x));
  }
  j["rules"] = std::move(rules);
  if (!a.warnings.empty()) j["warnings"] = a.warnings;
  if (!a.stamp.empty()) j["stamp"] = a.stamp;
  return j.dump(2) + "\n";
}

NTM_END_NAMESPACE
