#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`ntm batch` sharded with GNU parallel gives what one process gives (docs/scenarios.md).

usage: run_shard_test.py NTM_BINARY SOURCE_DIR WORK_DIR
Exit 77 (skipped) when GNU parallel is not installed.
"""
import pathlib
import shutil
import subprocess
import sys

ntm, source, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
parallel = shutil.which("parallel")
if not parallel:
    print("GNU parallel not found (Debian: parallel; scripts/setup.sh installs it): the sharding test is skipped")
    sys.exit(77)
work.mkdir(parents=True, exist_ok=True)
units = work / "communes-2500.jsonl"
with units.open("w", encoding="utf-8") as f:
    subprocess.run([sys.executable, str(source / "examples" / "province" / "generate_communes.py"), "--count", "2500", "--format", "jsonl"],
                   stdout=f, check=True)
example = source / "examples" / "thach-loi-2023"
batch = [ntm, "batch", "--set", str(example / "hai-duong-nang-cao-2021-2025.json"), "--at", "2023-12-31"]
scenario = ["-s", str(example / "scenarios" / "threshold-70m.json")]


def run(args):
    with units.open("rb") as f:
        p = subprocess.run(args, stdin=f, capture_output=True)
    if p.returncode != 0:
        print(f"{' '.join(args)}: exit {p.returncode}\n{p.stderr.decode(errors='replace')[:2000]}")
        sys.exit(1)
    return p.stdout.decode()


failures = []
# One process against shards of 1000 lines on every core: the same lines (the order of the
# shards' outputs is the order they finish in).
whole = run(batch + scenario)
sharded = run([parallel, "--pipe", "-N", "1000", *batch, *scenario])
if whole.count("\n") != 2 * 2500:
    failures.append(f"the unsharded run wrote {whole.count(chr(10))} lines, expected {2 * 2500}")
if sorted(whole.splitlines()) != sorted(sharded.splitlines()):
    failures.append("parallel --pipe -N 1000 gives other lines than one process")
# With --keep-order and no scenario, byte for byte the same output.
if run(batch) != run([parallel, "--keep-order", "--pipe", "-N", "1000", *batch]):
    failures.append("parallel --keep-order --pipe -N 1000 gives other bytes than one process")
if failures:
    print("\n".join(failures))
    sys.exit(1)
print("sharded with GNU parallel: the same results as one process (2500 units, 3 shards)")
