#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds ntm's libFuzzer targets (the `fuzz` preset: clang 14, ASan + UBSan) and runs each
# for a bounded time. Fails when any target finds a crash, a leak, a timeout or an
# out-of-memory input (the input is kept in build/fuzz/artifacts/<target>/).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds, every target
#
# Environment: NTM_FUZZ_JOBS targets run at once (default 2), NTM_FUZZ_RSS_MB memory limit
# per target (default 2048), NTM_FUZZ_TIMEOUT seconds per input (default 10),
# NTM_FUZZ_NO_BUILD=1 to use the existing build.
#
# Each target starts from fuzz/seeds/<target>/ (hand-written seeds and every input that once
# crashed it: regressions), the shipped example's files of its kind, the bad-inputs corpus
# (tests/bad-inputs/), and what earlier runs learnt (build/fuzz/corpus/<target>/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
jobs=${NTM_FUZZ_JOBS:-2}
rss=${NTM_FUZZ_RSS_MB:-2048}
timeout=${NTM_FUZZ_TIMEOUT:-10}
out=build/fuzz

if [[ "${NTM_FUZZ_NO_BUILD:-0}" != "1" ]]; then
  cmake --preset fuzz >/dev/null
  nice cmake --build --preset fuzz -j "$jobs"
fi
targets=("$@")
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(grep -E '^[a-z_]+$' fuzz/targets.txt)
fi

ex=examples/thach-loi-2023
# The shipped files and bad inputs each target starts from, besides fuzz/seeds/<target>/.
seeds_of() {
  case "$1" in
    criteria_set) ls $ex/hai-duong-*.json $ex/qd*.json | grep -v '\.tests\.json$'; echo tests/data/invalid-criteria-set.json
                  find tests/bad-inputs/criteria-set -type f ! -name '*.expect' 2>/dev/null ;;
    facts) echo $ex/facts-2023-01.json; find tests/bad-inputs/facts -type f ! -name '*.expect' 2>/dev/null ;;
    plan) echo $ex/plan.json; find tests/bad-inputs/plan -type f ! -name '*.expect' 2>/dev/null ;;
    roadmap) echo $ex/roadmap.json; find tests/bad-inputs/roadmap -type f ! -name '*.expect' 2>/dev/null ;;
    funding) echo $ex/funding.json; find tests/bad-inputs/funding -type f ! -name '*.expect' 2>/dev/null ;;
    scenario) ls $ex/scenarios/*.json; find tests/bad-inputs/scenario -type f ! -name '*.expect' 2>/dev/null ;;
  esac
}
dict_of() {
  case "$1" in
    expression) echo fuzz/dict/expression.dict ;;
    values) echo fuzz/dict/values.dict ;;
    ledger_csv | units) echo fuzz/dict/csv.dict ;;
    criteria_set | facts | plan | roadmap | funding | scenario | c_api) echo fuzz/dict/json.dict ;;
  esac
}

run_one() {
  local t=$1
  local bin=$out/fuzz/$t corpus=$out/corpus/$t artifacts=$out/artifacts/$t/ log=$out/logs/$t.log
  mkdir -p "$corpus" "$artifacts" "$out/logs"
  while read -r f; do [[ -n "$f" ]] && cp -n "$f" "$corpus/" 2>/dev/null || true; done < <(seeds_of "$t")
  local args=(-max_total_time="$seconds" -rss_limit_mb="$rss" -timeout="$timeout" -max_len=65536
              -print_final_stats=1 -artifact_prefix="$artifacts")
  local d; d=$(dict_of "$t"); [[ -n "$d" ]] && args+=(-dict="$d")
  local dirs=("$corpus"); [[ -d fuzz/seeds/$t ]] && dirs+=(fuzz/seeds/$t)
  local start=$SECONDS status=0
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin" "${args[@]}" "${dirs[@]}" >"$log" 2>&1 || status=$?
  local runs; runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if ((status == 0)); then
    echo "fuzz: $t ok: ${runs:-?} inputs in $((SECONDS - start)) s"
  else
    echo "fuzz: $t FAILED (exit $status) after $((SECONDS - start)) s; input in $artifacts, log $log:"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|ntm fuzz:|ALARM|.*out-of-memory|.*Test unit written)' "$log" | head -20 | sed 's/^/  /'
  fi
  return $status
}

echo "fuzz: ${#targets[@]} targets, $seconds s each, $jobs at once"
failed=()
running=()
names=()
for t in "${targets[@]}"; do
  if [[ ! -x $out/fuzz/$t ]]; then echo "fuzz: no target $t (build/fuzz/fuzz/$t)"; failed+=("$t"); continue; fi
  run_one "$t" &
  running+=($!)
  names+=("$t")
  if ((${#running[@]} >= jobs)); then
    wait "${running[0]}" || failed+=("${names[0]}")
    running=("${running[@]:1}")
    names=("${names[@]:1}")
  fi
done
for k in "${!running[@]}"; do wait "${running[$k]}" || failed+=("${names[$k]}"); done
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo "fuzz: every target ran $seconds s without a finding"
