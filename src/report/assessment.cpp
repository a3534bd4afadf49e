// SPDX-License-Identifier: MIT
// One unit's assessment as a report: the standard, then each criterion with its indicators
// and the sentence explaining each.
#include <ntm/report/report.hpp>

#include "report/model.hpp"
#include "report/sections.hpp"

NTM_BEGIN_NAMESPACE

using namespace report_internal;

namespace {

section_doc assessment_section(const assessment& a, const report_options& o) {
  const lang l = o.language;
  section_doc d;
  d.id = "assessment";
  d.title = tr(l, "Đánh giá ngày ", "Assessment on ") + date_text(a.at, l);
  if (const rule_outcome* s = a.find(a.standard_id)) {
    d.facts({{tr(l, "Bộ tiêu chí", "Criteria set"), cell(a.set_id, tone::code)},
             {s->name.get(l).empty() ? s->id : s->name.get(l), status_cell(s->result, l)},
             {tr(l, "Tiêu chí đạt", "Criteria met"),
              cell(std::to_string(s->met + s->not_applicable) + "/" + std::to_string(s->children.size()))}});
  }
  table t;
  t.columns = {{tr(l, "Mã", "Id")}, {tr(l, "Nội dung", "Name"), align::left, 34}, {tr(l, "Kết quả", "Result")},
               {tr(l, "Giải thích", "Explanation"), align::left, 60}};
  for (const rule_outcome* c : a.criteria()) {
    t.rows.push_back({cell(c->id, tone::strong), cell(c->name.get(l), tone::strong), status_cell(c->result, l),
                      cell(c->children.empty() ? a.explain(c->id, l) : std::string())});
    for (const rule_outcome* i : a.indicators_of(c->id))
      t.rows.push_back({cell("  " + i->id), cell(i->name.get(l) + (i->modelled ? " *" : "")), status_cell(i->result, l), cell(a.explain(i->id, l))});
  }
  d.add(std::move(t));
  std::vector<cell> notes;
  for (const std::string& w : a.warnings) notes.emplace_back(w, tone::warn);
  bool modelled = false;
  for (const rule_outcome& r : a.outcomes) modelled = modelled || r.modelled;
  if (modelled)
    notes.emplace_back(tr(l, "* Chỉ tiêu mô phỏng theo kế hoạch, chưa có văn bản gốc.", "* Indicator modelled from the plan, not the official wording."),
                       tone::muted);
  if (!a.stamp.empty()) notes.emplace_back(tr(l, "Dấu kiểm: ", "Stamp: ") + a.stamp, tone::muted);
  if (!notes.empty()) d.bullets(std::move(notes));
  return d;
}

}  // namespace

std::string render_assessment(const assessment& a, report_format format, const report_options& options) {
  if (format == report_format::json) return to_json(a, options.language);
  return guarded([&]() -> std::string {
    const lang l = options.language;
    return render_documents(tr(l, "Kết quả đánh giá", "Assessment"), {}, {assessment_section(a, options)}, format, options);
  }, format);
}

NTM_END_NAMESPACE
