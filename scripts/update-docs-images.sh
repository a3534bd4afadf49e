#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates the pictures the README and docs show, from the shipped Thạch Lỗi plan, with the
# ntm program of a build (default build/release). ctest (ntm.cli) fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
ntm=${1:-build/release/bin/ntm}
"$ntm" schedule -f svg -o docs/images/gantt.svg
"$ntm" funding -f svg -o docs/images/cash.svg
echo "updated docs/images/gantt.svg and docs/images/cash.svg"
