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
#include <ntm/schedule/calendar.hpp>
#include <ntm/schedule/task.hpp>
#include <ntm/schedule/schedule.hpp>
#include <ntm/schedule/progress.hpp>
#include <ntm/schedule/render.hpp>
#include <ntm/schedule/roadmap.hpp>

#endif  // NTM_NTM_HPP_
