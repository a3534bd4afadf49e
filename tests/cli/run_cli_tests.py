#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The ntm program's commands, exit codes and error messages, including on broken files.

usage: run_cli_tests.py NTM_BINARY SOURCE_DIR WORK_DIR
"""
import json
import pathlib
import subprocess
import sys

ntm, source, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
work.mkdir(parents=True, exist_ok=True)
example = source / "examples" / "thach-loi-2023"
failures = []


def run(args, code, stdout=(), stderr=(), name=None, stdin=None):
    name = name or " ".join(args)
    p = subprocess.run([ntm, *args], capture_output=True, text=True, input=stdin, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    problems = []
    if p.returncode != code:
        problems.append(f"exit {p.returncode}, expected {code}")
    for s in stdout:
        if s not in p.stdout:
            problems.append(f"stdout lacks {s!r}")
    for s in stderr:
        if s not in p.stderr:
            problems.append(f"stderr lacks {s!r}")
    if problems:
        failures.append(f"{name}: {'; '.join(problems)}\n--- stdout\n{p.stdout[:2000]}\n--- stderr\n{p.stderr[:2000]}")
    return p


def write(name, text):
    path = work / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --help on every command, and the usage exit code.
run(["--help"], 0, stdout=["Exit codes", "check", "assess"])
for cmd in ["check", "test", "assess", "graph", "export", "schedule", "funding"]:
    run([cmd, "--help"], 0, stdout=["Usage"])
run([], 2, stderr=["subcommand"], name="no command")
run(["assess", "--format", "yaml"], 2, stderr=["yaml"])
run(["--version"], 0, stdout=["ntm 0."])

# check: every shipped file is valid; broken files give located errors and exit 1.
shipped = sorted(str(p) for p in example.glob("*.json"))
run(["check", *shipped], 0, stdout=["plan.json: plan", "roadmap.json: roadmap", "funding.json: funding"])
bad_set = write("bad-set.json", '{"id": "x", "title": "x", "facts": [{"id": "a", "type": "bool", "label": "a"}],\n'
                                '"criteria": [{"id": "C", "number": 1, "name": "c", "indicators": [{"id": "C.1", "name": "x", "condition": "a and and"}]}]}\n')
run(["check", bad_set], 1, stderr=["bad-set.json:2:", "expression_syntax/300", "/criteria/0/indicators/0/condition"])
truncated = write("truncated.json", '{"id": "x", "criteria": [')
run(["check", truncated], 1, stderr=["truncated.json:1:", "json_syntax/200"])
ambiguous = write("ambiguous-funding.json", (example / "funding.json").read_text(encoding="utf-8").replace('"17,5 tỷ"', '"1.000"'))
run(["check", ambiguous], 1, stderr=["money_ambiguous/103"])
plan = json.loads((example / "plan.json").read_text(encoding="utf-8"))
plan["goal"] = "NX"
plan["criteria_set"] = str(example / plan["criteria_set"])
for k in ("roadmap", "funding"):
    plan[k] = str(example / plan[k])
plan["baseline"]["facts"] = str(example / plan["baseline"]["facts"])
bad_plan = write("bad-plan.json", json.dumps(plan, ensure_ascii=False, indent=1))
run(["check", bad_plan], 1, stderr=["unknown_rule/313", "/goal", "did you mean \"NC\""])
run(["schedule", bad_plan], 1, stderr=["unknown_rule/313"])
run(["check", write("mystery.json", '{"hello": 1}')], 1, stderr=["not an ntm file"])
run(["check", str(work / "missing.json")], 1, stderr=["io_error/112"])

# test: the shipped data tests pass; a wrong expectation fails with exit 3.
run(["test"], 0, stdout=["16/16"])
wrong = json.loads((example / "hai-duong-nang-cao-2021-2025.tests.json").read_text(encoding="utf-8"))
wrong["set"] = str(example / "hai-duong-nang-cao-2021-2025.json")
wrong["cases"][0]["expect"]["TC2"] = "met"
run(["test", write("wrong.tests.json", json.dumps(wrong, ensure_ascii=False))], 3, stdout=["✗", "TC2", "mong đợi met"])

# assess, graph, export.
run(["assess"], 0, stdout=['"met": 12', '"not_met": 7'])
run(["assess", "--set", str(example / "hai-duong-nang-cao-2021-2025.json"), "--facts", str(example / "facts-2023-01.json"),
     "--at", "2023-12-31"], 0, stdout=['"id": "NC"'])
run(["assess", "--at", "2023-02-30"], 1, stderr=["date_invalid/106"])
run(["assess", "--set", str(example / "hai-duong-nang-cao-2021-2025.json")], 1, stderr=["--set and --facts go together"])
dot = run(["graph"], 0, stdout=["digraph", "rule:TC10"]).stdout
dot_tasks = run(["graph", "--tasks"], 0, stdout=["digraph", "axis_road_phase2"]).stdout
for name, text in (("rules.dot", dot), ("tasks.dot", dot_tasks)):
    p = subprocess.run(["dot", "-Tsvg", "-o", str(work / (name + ".svg"))], input=text, text=True, capture_output=True)
    if p.returncode != 0:
        failures.append(f"dot rejects {name}: {p.stderr}")
journal = run(["export", "--what", "ledger"], 0, stdout=["commodity VND", "Nhu cầu:TC2:"]).stdout
for tool in ("ledger", "hledger"):
    p = subprocess.run([tool, "-f", "-", "balance"], input=journal, text=True, capture_output=True)
    if p.returncode != 0:
        failures.append(f"{tool} rejects the exported journal: {p.stderr}")
out = work / "assessment.json"
run(["export", "--what", "assessment", "-o", str(out)], 0)
if not out.exists() or '"ntm.assessment/1"' not in out.read_text(encoding="utf-8"):
    failures.append("export -o did not write the assessment")
run(["export", "--what", "facts", "-o", "/nonexistent-dir/x.json"], 4, stderr=["io_error"])

if failures:
    print("\n\n".join(failures))
    sys.exit(1)
print("all ntm command tests passed")
