// SPDX-License-Identifier: MIT
// Private: what every renderer reads from a plan's analysis, computed once here: names of
// bodies, tasks and rules, formatted money and dates, the responsibilities matrix, the
// baseline counts, the labels of stated figures and of the funding's terms.
#ifndef NTM_SRC_REPORT_MODEL_HPP_
#define NTM_SRC_REPORT_MODEL_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/money.hpp>
#include <ntm/ledger/funding.hpp>
#include <ntm/ledger/reconcile.hpp>
#include <ntm/plan/analysis.hpp>
#include <ntm/plan/plan.hpp>

NTM_BEGIN_NAMESPACE
namespace report_internal {

/// The Vietnamese or the English text.
inline const char* tr(lang l, const char* vi, const char* en) noexcept { return l == lang::en ? en : vi; }

/// The analysed plan, or an empty plan when the analysis has none.
const plan& plan_of(const plan_analysis& a);

/// The task DAG (with the schedule's dates and critical path) and the rule DAG as Graphviz
/// DOT; "" each when the analysis has no plan (or the roadmap does not build).
struct graph_dots {
  std::string tasks, rules;
};
graph_dots dots_of(const plan_analysis& a, lang l);

/// "31/12/2023" (vi) or "2023-12-31" (en); "" for not-a-date.
std::string date_text(date d, lang l);
/// "28/06" (vi) or "Jun 28" (en).
std::string short_date(date d, lang l);
/// Money rounded to two decimals of its unit: "23,8 tỷ", "8,42 triệu"; with `unit_word`
/// "23,8 tỷ đồng" (vi). English: "23.8 billion VND".
std::string money_text(money m, lang l, bool unit_word = false);
/// Whole days from `a` to `b` (negative when b is earlier).
std::int64_t days_between(date a, date b);

/// Names, falling back to the id.
std::string body_name(const plan& p, const std::string& id, lang l);
std::string task_name(const plan& p, const std::string& id, lang l);
const task* find_task(const plan& p, std::string_view id);
std::string rule_name(const plan_analysis& a, const std::string& id, lang l);
/// "xã Thạch Lỗi, huyện Cẩm Giàng, tỉnh Hải Dương" / "Thạch Lỗi (xã), Cẩm Giàng district, …".
std::string unit_text(const plan& p, lang l);
/// The body leading a criterion in the plan's responsibilities (directly or through one of
/// its indicators); empty when none.
std::string criterion_lead(const plan_analysis& a, const std::string& criterion);
/// For a criterion not met at the baseline: "1/3 chỉ tiêu đạt", then for each numeric check
/// short of its threshold "thiếu 8,42 triệu đồng/người/năm".
std::string shortfall_text(const plan_analysis& a, const std::string& criterion, lang l);

/// The goal's criteria at the baseline.
struct baseline_count {
  std::size_t met = 0;
  std::size_t total = 0;
  std::vector<std::string> not_met;  ///< ids
  std::vector<std::string> unknown;  ///< ids
};
baseline_count count_baseline(const plan_analysis& a);

/// A body's part in a criterion.
enum class role : std::uint8_t {
  none,
  support,    ///< phối hợp: supports the criterion or a task serving it
  task_lead,  ///< leads a task serving the criterion
  lead,       ///< chủ trì: leads the criterion (section III of a plan)
};
/// "CT"/"NV"/"PH" (vi) or "L"/"T"/"S" (en); "" for none.
const char* role_code(role r, lang l) noexcept;

/// Bodies × criteria.
struct responsibility_matrix {
  std::vector<std::string> criteria;        ///< the goal's criteria, in order
  std::vector<std::string> bodies;          ///< the plan's bodies, then any other named
  std::vector<std::vector<role>> cells;     ///< [body][criterion]
  std::vector<std::size_t> tasks_led;       ///< per body
  std::vector<std::size_t> tasks_supported; ///< per body
  std::vector<std::string> without_lead;    ///< criteria no body leads (chủ trì)
};
responsibility_matrix make_matrix(const plan_analysis& a);

/// The first stated check of `figure` that differs from the computed amount.
const stated_check* mismatch(const reconciliation& r, std::string_view figure);
/// A stated figure's name: "Tổng nguồn (B)", "Nhu cầu TC2", a source's label…
std::string figure_label(const plan& p, const std::string& figure, lang l);
/// "axis_road (TC2, 17,5 tỷ)".
std::string need_label(const plan& p, const std::string& need, lang l);
const funding_source* find_source(const plan& p, std::string_view id);
const funding_need* find_need(const plan& p, std::string_view id);
/// "rải theo tháng" …
std::string timing_text(const funding_need& n, lang l);
/// When a source's money arrives, in words.
std::string availability_text(const plan_analysis& a, const funding_source& s, lang l);
/// The condition of a source in words ("" when unconditional).
std::string condition_text(const plan_analysis& a, const funding_source& s, lang l);
/// What a source may pay for, in words.
std::string eligibility_text(const funding_source& s, lang l);
/// The computed amount of a source (0 when the reconciliation lacks it).
money source_amount(const plan_analysis& a, const std::string& id);

/// The span the charts show: whole months from the earliest of the project start, the
/// baseline and the first task to the latest of the target, the project finish and every
/// late finish.
struct chart_span {
  date first;
  date last;
};
chart_span chart_span_of(const plan_analysis& a);

/// The criterion a task is filed under: the first goal criterion it serves (directly, via an
/// indicator, or by its effects), else "".
std::string task_criterion(const plan_analysis& a, const std::string& task_id);

}  // namespace report_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_REPORT_MODEL_HPP_
