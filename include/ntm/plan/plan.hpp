// SPDX-License-Identifier: MIT
/// @file
/// A unit's plan (kế hoạch) as one object: the administrative unit, the criteria set it is
/// assessed against (compiled), baseline facts with provenance, the roadmap of tasks, the
/// funding, the bodies and their responsibilities, what the document itself states, and the
/// target date. Loaded from a plan file (schemas/plan.schema.json) whose sections are inline
/// or in files beside it; every problem in any of them is reported with its location.
#ifndef NTM_PLAN_PLAN_HPP_
#define NTM_PLAN_PLAN_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>
#include <ntm/io/json.hpp>
#include <ntm/ledger/funding.hpp>
#include <ntm/rules/facts.hpp>
#include <ntm/rules/functions.hpp>
#include <ntm/rules/program.hpp>
#include <ntm/schedule/roadmap.hpp>

NTM_BEGIN_NAMESPACE

/// An administrative unit with its official codes (mã đơn vị hành chính).
struct admin_unit {
  std::string kind = "xã";     ///< xã (commune), phường, thị trấn, huyện, tỉnh
  std::string name;            ///< "Thạch Lỗi"
  std::string code;            ///< official code of the unit
  std::string district;        ///< "Cẩm Giàng"
  std::string district_code;
  std::string province;        ///< "Hải Dương"
  std::string province_code;
  std::string region;          ///< region key for regional parameters ("dbsh")
};

/// The document the plan comes from.
struct plan_document {
  localized_text title;             ///< "Kế hoạch xây dựng nông thôn mới nâng cao năm 2023"
  std::string issuer;               ///< "UBND xã Thạch Lỗi"
  std::string number;               ///< document number, if any
  std::optional<date> issued;
  std::string signed_by;
  std::vector<std::string> basis;   ///< the decisions and resolutions it rests on
};

/// Who leads and who supports which criteria and tasks (section III of a plan).
struct responsibility {
  std::string body;                   ///< a body id
  std::vector<std::string> leads;     ///< criterion or task ids the body leads
  std::vector<std::string> supports;  ///< criterion or task ids the body supports
  localized_text duties;              ///< the duties as the document words them
  std::string source;                 ///< where in the document
};

/// What the document states about statuses, to be checked against the computed ones.
struct stated_statuses {
  std::vector<std::string> met;       ///< criteria the document says are met
  std::vector<std::string> not_met;   ///< criteria the document says are not met
  std::string where;                  ///< the section that says so
};

/// A loaded plan. `program` is the compiled criteria set, `baseline` the facts at the
/// baseline date laid out for it. Copyable (the program is shared and immutable).
struct plan {
  std::string id;
  localized_text title;
  plan_document document;
  admin_unit unit;
  std::string criteria_file;         ///< the criteria set, as named in the plan file
  program criteria;                  ///< compiled
  std::string goal;                  ///< the rule the plan aims for (default: the set's standard)
  date baseline_date;                ///< date of the baseline facts
  fact_table baseline;               ///< facts at the baseline date
  date target;                       ///< when the goal should be met
  roadmap road;                      ///< tasks and calendar
  funding_plan funding;              ///< needs and sources
  std::vector<body> bodies;          ///< the bodies (the roadmap's, or the plan's own list)
  std::vector<responsibility> responsibilities;
  stated_statuses stated;
  std::string file;                  ///< the plan file
};

/// Options for loading a plan.
struct plan_load_options {
  load_options files;                ///< limits, resolver for referenced files
  function_registry functions;       ///< custom functions and evaluators for the criteria set
  compile_options compile;

  /// The default options, one shared object (see load_options::defaults()).
  NTM_API static const plan_load_options& defaults() noexcept;
};

/// Loads a plan file and the files it names (relative to it). Errors: those of every
/// section's loader (criteria set, facts, roadmap, funding), unknown_reference for an id that
/// names no body, criterion or task, and the JSON errors; all problems are listed.
NTM_API result<plan> load_plan(const std::string& path, const plan_load_options& options = plan_load_options::defaults());
/// The same from text in memory; `file` anchors relative file names and names it in errors.
NTM_API result<plan> parse_plan(std::string_view text, const std::string& file = {}, const plan_load_options& options = plan_load_options::defaults());

/// The path of the shipped example plan (Thạch Lỗi 2023), found beside the program or in the
/// installed data directory; empty when not found.
NTM_API std::string shipped_plan_path();

NTM_END_NAMESPACE

#endif  // NTM_PLAN_PLAN_HPP_
