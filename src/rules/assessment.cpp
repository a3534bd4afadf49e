// SPDX-License-Identifier: MIT
// Reading an assessment, and explanations a committee can read, in Vietnamese or English.
#include <ntm/rules/assessment.hpp>

#include <algorithm>

#include <ntm/core/numeric.hpp>

NTM_BEGIN_NAMESPACE

const rule_outcome* assessment::find(std::string_view id) const {
  for (const rule_outcome& o : outcomes)
    if (o.id == id) return &o;
  return nullptr;
}

const rule_outcome& assessment::standard() const {
  static const rule_outcome none;
  const rule_outcome* s = find(standard_id);
  return s ? *s : none;
}

std::vector<const rule_outcome*> assessment::criteria() const {
  std::vector<const rule_outcome*> out;
  const rule_outcome& s = standard();
  if (!s.children.empty()) {
    for (const std::string& id : s.children)
      if (const rule_outcome* c = find(id)) out.push_back(c);
  } else {
    for (const rule_outcome& o : outcomes)
      if (o.kind == rule_kind::criterion) out.push_back(&o);
    std::stable_sort(out.begin(), out.end(), [](const rule_outcome* a, const rule_outcome* b) { return a->number < b->number; });
  }
  return out;
}

std::vector<const rule_outcome*> assessment::indicators_of(std::string_view criterion_id) const {
  std::vector<const rule_outcome*> out;
  const rule_outcome* c = find(criterion_id);
  if (!c) return out;
  for (const std::string& id : c->children)
    if (const rule_outcome* i = find(id)) out.push_back(i);
  return out;
}

namespace {

// An attainment percentage for reading: one decimal (87,6%); the JSON keeps six.
std::string attainment_text(decimal pct, lang l) {
  std::int64_t tenths = 0;
  div_round(pct.micros(), 100'000, rounding::half_up, tenths);
  return format_value(value::of_percent(decimal::from_micros(tenths * 100'000)), l);
}

std::string fmt(const std::optional<value>& v, lang l, const std::string& unit) {
  if (!v) return l == lang::vi ? "chưa có số liệu" : "no data";
  return format_value(*v, l, unit);
}

const input_use* input(const rule_outcome& o, const std::string& id) {
  for (const auto& f : o.facts)
    if (f.id == id) return &f;
  for (const auto& q : o.parameters)
    if (q.id == id) return &q;
  return nullptr;
}

std::string label_of(const rule_outcome& o, const std::string& expression, lang l) {
  if (const input_use* u = input(o, expression)) {
    const std::string& label = u->label.get(l);
    if (!label.empty()) return label;
  }
  return expression;
}

std::string describe_check(const rule_outcome& o, const check_detail& c, lang l) {
  const bool vi = l == lang::vi;
  std::string s = label_of(o, c.measured_expression, l) + " " + fmt(c.measured, l, c.unit);
  s += vi ? "; yêu cầu " : "; required ";
  s += std::string(to_symbol(c.op)) + " " + fmt(c.threshold, l, c.unit);
  if (!c.reference.empty()) s += " (" + c.reference + ")";
  if (c.result == status::not_met && c.shortfall) {
    const bool below = c.op == comparison_op::ge || c.op == comparison_op::gt;
    s += vi ? (below ? "; còn thiếu " : "; vượt ") : (below ? "; short by " : "; over by ");
    s += format_value(*c.shortfall, l, c.shortfall->type() == value_type::integer && c.measured && c.measured->type() == value_type::date
                                            ? (vi ? "ngày" : "days") : c.unit);
  }
  if (c.attainment && c.result == status::not_met)
    s += vi ? " (đạt " + attainment_text(*c.attainment, l) + " mức yêu cầu)" : " (" + attainment_text(*c.attainment, l) + " of the requirement)";
  return s;
}

// Replaces {name} placeholders.
std::string fill_template(const std::string& tpl, const rule_outcome& o, lang l) {
  std::string out;
  for (std::size_t i = 0; i < tpl.size();) {
    if (tpl[i] != '{') {
      out += tpl[i++];
      continue;
    }
    const std::size_t close = tpl.find('}', i);
    if (close == std::string::npos) {
      out += tpl.substr(i);
      break;
    }
    const std::string key = tpl.substr(i + 1, close - i - 1);
    i = close + 1;
    const check_detail* c = o.checks.empty() ? nullptr : &o.checks.front();
    if (key == "status") out += status_label(o.result, l);
    else if (key == "name") out += o.name.get(l);
    else if (key == "id") out += o.id;
    else if (key == "message") out += o.message;
    else if (key == "value" && c) out += fmt(c->measured, l, c->unit);
    else if (key == "threshold" && c) out += fmt(c->threshold, l, c->unit);
    else if (key == "reference" && c) out += c->reference;
    else if (key == "shortfall" && c) out += c->shortfall ? format_value(*c->shortfall, l, c->unit) : std::string(l == lang::vi ? "không" : "none");
    else if (key == "attainment" && c) out += c->attainment ? attainment_text(*c->attainment, l) : std::string("—");
    else if (const input_use* u = input(o, key)) out += fmt(u->value, l, u->unit);
    else out += "{" + key + "}";
  }
  return out;
}

}  // namespace

std::string assessment::explain(std::string_view id, lang l) const {
  const rule_outcome* o = find(id);
  if (!o) return {};
  const bool vi = l == lang::vi;
  const std::string& tpl = l == lang::en && !o->explanation_template.en.empty() ? o->explanation_template.en : o->explanation_template.vi;
  std::string s;
  if (!tpl.empty() && (l == lang::vi || !o->explanation_template.en.empty())) {
    s = fill_template(tpl, *o, l);
  } else if (!o->children.empty()) {
    const std::size_t applicable = o->children.size() - o->not_applicable;
    s = vi ? "Đạt " + std::to_string(o->met) + "/" + std::to_string(applicable) + (o->kind == rule_kind::standard ? " tiêu chí" : " chỉ tiêu")
           : std::to_string(o->met) + " of " + std::to_string(applicable) + (o->kind == rule_kind::standard ? " criteria met" : " indicators met");
    std::vector<std::string> failing, open;
    for (const std::string& c : o->children) {
      const rule_outcome* child = find(c);
      if (!child) continue;
      if (child->result == status::not_met) failing.push_back(c);
      if (child->result == status::unknown || child->result == status::error) open.push_back(c);
    }
    auto list = [](const std::vector<std::string>& ids) {
      std::string out;
      for (const auto& i : ids) out += (out.empty() ? "" : ", ") + i;
      return out;
    };
    if (!failing.empty()) s += (vi ? "; chưa đạt: " : "; not met: ") + list(failing);
    if (!open.empty()) s += (vi ? "; chưa xác định: " : "; undecided: ") + list(open);
  } else if (!o->checks.empty()) {
    for (const check_detail& c : o->checks) s += (s.empty() ? "" : "; ") + describe_check(*o, c, l);
  } else if (o->computed) {
    s = format_value(*o->computed, l, o->unit);
  } else if (!o->message.empty()) {
    s = o->message;
  } else if (!o->facts.empty()) {
    for (const input_use& f : o->facts) s += (s.empty() ? "" : "; ") + (f.label.get(l).empty() ? f.id : f.label.get(l)) + ": " + fmt(f.value, l, f.unit);
  }
  if (o->result == status::error && !o->message.empty() && s.find(o->message) == std::string::npos)
    s += (s.empty() ? "" : " — ") + std::string(vi ? "lỗi: " : "error: ") + o->message;
  if (o->result == status::unknown && !o->missing_facts.empty()) {
    std::string missing;
    for (const auto& f : o->missing_facts) missing += (missing.empty() ? "" : ", ") + f;
    s += (s.empty() ? "" : " — ") + std::string(vi ? "thiếu số liệu: " : "missing data: ") + missing;
  }
  return std::string(status_label(o->result, l)) + (s.empty() ? "" : ": " + s);
}

NTM_END_NAMESPACE
