// SPDX-License-Identifier: MIT
/// @file
/// The umbrella header: every stable public header of ntm.
#ifndef NTM_NTM_HPP_
#define NTM_NTM_HPP_

#include <ntm/version.hpp>
#include <ntm/core/error.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>
#include <ntm/core/numeric.hpp>
#include <ntm/core/decimal.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/date.hpp>
#include <ntm/core/limits.hpp>
#include <ntm/core/progress.hpp>
#include <ntm/rules/value.hpp>
#include <ntm/rules/status.hpp>
#include <ntm/rules/criteria_set.hpp>
#include <ntm/rules/facts.hpp>
#include <ntm/rules/functions.hpp>
#include <ntm/rules/assessment.hpp>
#include <ntm/rules/program.hpp>
#include <ntm/rules/test_cases.hpp>
#include <ntm/io/json.hpp>

#include <ntm/ledger/account.hpp>
#include <ntm/ledger/journal.hpp>
#include <ntm/ledger/funding.hpp>
#include <ntm/ledger/reconcile.hpp>
#include <ntm/ledger/cash_flow.hpp>
#include <ntm/ledger/journal_io.hpp>
#include <ntm/ledger/funding_io.hpp>

#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/task.hpp>
#include <ntm/schedule/schedule.hpp>
#include <ntm/schedule/progress.hpp>
#include <ntm/schedule/render.hpp>
#include <ntm/schedule/roadmap.hpp>

#include <ntm/plan/plan.hpp>
#include <ntm/plan/analysis.hpp>

#include <ntm/scenario/scenario.hpp>
#include <ntm/scenario/compare.hpp>
#include <ntm/scenario/sensitivity.hpp>
#include <ntm/scenario/monte_carlo.hpp>
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/unit_simulation.hpp>

#include <ntm/report/report.hpp>
#include <ntm/report/charts.hpp>
#include <ntm/report/what_if.hpp>

#endif  // NTM_NTM_HPP_
