#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds ntm's benchmarks (Release) and runs every one: the median of several repetitions,
# as JSON per program in the results directory, with each program's peak memory from
# /usr/bin/time -v; then prints each workload against its baseline and target (ratios.py).
#
# usage: benchmarks/run.sh [extra Google Benchmark flags, e.g. --benchmark_filter=BM_ntm]
# environment:
#   NTM_BENCH_BUILD        build directory            (default: build/bench, as `cmake --preset bench`)
#   NTM_BENCH_RESULTS      results directory          (default: <build>/results)
#   NTM_BENCH_REPETITIONS  repetitions per benchmark  (default: 5)
#   NTM_BENCH_PROGRAMS     programs to run            (default: all five)
#   NTM_BENCH_LEDGER_CLI=1 also time ledger-cli's `balance` on the same postings (as the issue did)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${NTM_BENCH_BUILD:-$root/build/bench}
results=${NTM_BENCH_RESULTS:-$build/results}
repetitions=${NTM_BENCH_REPETITIONS:-5}
programs=${NTM_BENCH_PROGRAMS:-"rules_eval schedule_cpm ledger_import scenarios monte_carlo"}

# The same settings as the `bench` preset (Release, benchmarks only).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNTM_BUILD_BENCHMARKS=ON \
  -DNTM_BUILD_TESTS=OFF -DNTM_BUILD_EXAMPLES=OFF -DNTM_BUILD_TOOLS=OFF >/dev/null
cmake --build "$build" -j2

mkdir -p "$results"
# The repetitions of the nanosecond-scale benchmarks are interleaved with each other, so that
# a workload and its baseline see the same moments of a noisy machine; not those of the
# schedule and the ledger, whose million-element runs then inherit each other's heap.
interleave() {
  case "$1" in
    rules_eval|scenarios) echo --benchmark_enable_random_interleaving=true ;;
  esac
}
for program in $programs; do
  echo "== $program"
  /usr/bin/time -v -o "$results/$program.time" "$build/benchmarks/$program.bench" \
    --benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true $(interleave "$program") \
    --benchmark_out="$results/$program.json" --benchmark_out_format=json "$@"
done

if [ "${NTM_BENCH_LEDGER_CLI:-0}" = 1 ] && command -v ledger >/dev/null; then
  echo "== ledger-cli on the same postings"
  journal="$build/benchmarks/generated/postings.ledger"
  "$build/benchmarks/ledger_import.bench" --export-ledger "$journal"
  /usr/bin/time -v -o "$results/ledger-cli.time" ledger -f "$journal" balance >/dev/null
fi

python3 "$here/ratios.py" "$results"
