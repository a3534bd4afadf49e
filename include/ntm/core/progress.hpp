// SPDX-License-Identifier: MIT
/// @file
/// Progress of long runs (simulations, tables of units), for a progress bar.
#ifndef NTM_CORE_PROGRESS_HPP_
#define NTM_CORE_PROGRESS_HPP_

#include <cstddef>
#include <functional>

#include <ntm/version.hpp>

NTM_BEGIN_NAMESPACE

/// Progress callback: `done` of `total` steps so far (runs, or units). Called from worker
/// threads, often, and concurrently: keep it cheap and thread-safe (an atomic store). It
/// must not throw.
using progress_fn = std::function<void(std::size_t done, std::size_t total)>;

NTM_END_NAMESPACE

#endif  // NTM_CORE_PROGRESS_HPP_
