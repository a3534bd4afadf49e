#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The ntm program's commands, exit codes and error messages, including on broken files.

usage: run_cli_tests.py NTM_BINARY SOURCE_DIR WORK_DIR
"""
import csv
import io
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
for cmd in ["check", "test", "report", "assess", "graph", "export", "schedule", "funding", "scenario", "simulate", "batch"]:
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
# Every command that reads a plan reports a broken one with its location, exit 1.
truncated_plan = write("truncated-plan.json", '{\n  "id": "x",\n  "unit": {"name": "X"')
for cmd in (["report"], ["report", "-f", "html"], ["assess"], ["funding"], ["graph"], ["graph", "--tasks"], ["export"],
            ["export", "--what", "schedule"], ["scenario", "--sensitivity", "-p"], ["simulate", "-n", "10"]):
    run(cmd + [truncated_plan], 1, stderr=["truncated-plan.json:3:", "json_syntax/200"], name=" ".join(cmd) + " on a truncated plan")
    run(cmd + [bad_plan], 1, stderr=["unknown_rule/313"], name=" ".join(cmd) + " on a plan with an unknown goal")
run(["check", write("mystery.json", '{"hello": 1}')], 1, stderr=["not an ntm file"])
run(["check", str(work / "missing.json")], 1, stderr=["io_error/112"])

# test: the shipped data tests pass; a wrong expectation fails with exit 3.
run(["test"], 0, stdout=["16/16"])
wrong = json.loads((example / "hai-duong-nang-cao-2021-2025.tests.json").read_text(encoding="utf-8"))
wrong["set"] = str(example / "hai-duong-nang-cao-2021-2025.json")
wrong["cases"][0]["expect"]["TC2"] = "met"
run(["test", write("wrong.tests.json", json.dumps(wrong, ensure_ascii=False))], 3, stdout=["✗", "TC2", "mong đợi met"])

# assess, graph, export.
run(["assess", "-f", "json"], 0, stdout=['"met": 12', '"not_met": 7'])
run(["assess"], 0, stdout=["12/19", "TC10.1", "còn thiếu 8,42 triệu"])
run(["assess", "--lang", "en", "-f", "markdown"], 0, stdout=["# Assessment", "TC10", "| Id |"])
run(["assess", "--set", str(example / "hai-duong-nang-cao-2021-2025.json"), "--facts", str(example / "facts-2023-01.json"),
     "--at", "2023-12-31", "-f", "json"], 0, stdout=['"id": "NC"'])
run(["assess", "--at", "2023-02-30"], 1, stderr=["date_invalid/106"])
run(["assess", "--set", str(example / "hai-duong-nang-cao-2021-2025.json")], 2, stderr=["--set and --facts go together"])
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

# report: the whole analysis in each format; the HTML page is well-formed and holds the
# criteria, the Gantt chart and the funding; the JSON follows its schema.
run(["report"], 0, stdout=["12/19 tiêu chí đạt", "23,8 tỷ đồng", "10,3 tỷ", "15/12/2023", "axis_road_phase2"])
run(["report", "--lang", "en", "--section", "summary", "--section", "funding"], 0, stdout=["Summary", "Funding", "23.8 billion"])
run(["report", "--at", "2023-07-01", "-s", "summary"], 0, stdout=["01/07/2023"])
run(["report", "--section", "nothing"], 2, stderr=["nothing"])
html = work / "report.html"
gantt = work / "gantt.svg"
run(["report", "-f", "html", "-o", str(html), "--gantt-svg", str(gantt)], 0)
page = html.read_text(encoding="utf-8") if html.exists() else ""
for needle in ("<svg", "TC10", "23,8 tỷ", "axis_road_phase2"):
    if needle not in page:
        failures.append(f"report.html lacks {needle!r}")
for f in (html, gantt):
    p = subprocess.run(["xmllint", "--noout", str(f)], capture_output=True, text=True)
    if p.returncode != 0:
        failures.append(f"xmllint rejects {f.name}: {p.stderr[:500]}")
analysis = work / "analysis.json"
run(["report", "-f", "json", "-o", str(analysis)], 0)
p = subprocess.run(["/usr/bin/python3", str(source / "tests" / "tools" / "validate_json.py"), str(source / "schemas"),
                    "analysis.schema.json", str(analysis)], capture_output=True, text=True)
if p.returncode != 0:
    failures.append(f"report JSON does not follow its schema: {p.stdout[:500]}{p.stderr[:500]}")
run(["report", str(work / "missing-plan.json")], 1, stderr=["io_error"])

# schedule and funding in their formats.
run(["schedule"], 0, stdout=["axis_road_phase2", "Tiến độ"])
run(["schedule", "-f", "json"], 0, stdout=['"critical"'])
run(["schedule", "-f", "mermaid"], 0, stdout=["gantt"])
run(["schedule", "-f", "svg", "--at", "2023-06-01"], 0, stdout=["<svg"])
run(["funding"], 0, stdout=["Kinh phí", "Dòng tiền", "10,5 tỷ"])
run(["funding", "-f", "json"], 0, stdout=['"needs"'])
# The README's pictures are what the program draws today.
for args, picture in ((["schedule", "-f", "svg"], "gantt.svg"), (["funding", "-f", "svg"], "cash.svg")):
    drawn = run(args, 0, stdout=["<svg"]).stdout
    committed = source / "docs" / "images" / picture
    if not committed.exists() or committed.read_text(encoding="utf-8") != drawn:
        failures.append(f"docs/images/{picture} is stale: run scripts/update-docs-images.sh")

# scenario: the three-month auction delay moves the axis road and the standard by 10 days;
# four months miss the target; sensitivity finds the income gap and the money from 4 May.
scen = example / "scenarios"
run(["scenario", str(scen / "auction-delay-3m.json"), str(scen / "auction-delay-4m.json")], 0,
    stdout=["25/12/2023 (+10 ngày)", "không đạt — đổi trạng thái", "Đường găng"])
c = run(["scenario", str(scen / "auction-delay-3m.json"), "-f", "json"], 0).stdout
try:
    goal = json.loads(c)["scenarios"][0]["goal"]
    if goal["days_moved"] != 10:
        failures.append(f"auction-delay-3m moves the goal by {goal['days_moved']} days, expected 10")
except (ValueError, KeyError, IndexError) as e:
    failures.append(f"scenario JSON unreadable: {e}")
run(["scenario"], 2, stderr=["at least one scenario"])
run(["scenario", write("bad-scenario.json", '{"id": "x", "tasks": [{"task": "land_auctoin", "delay_days": 3}]}')], 1,
    stderr=["land_auctoin", "did you mean \"land_auction\""])
run(["scenario", "--sensitivity"], 0, stdout=["8,42 triệu", "14,1%", "15,3 tỷ đồng", "04/05/2023"])
run(["scenario", "--sensitivity", "-f", "json"], 0, stdout=['"ntm.sensitivity/1"', '"extra_money": 15300000000'])
run(["scenario", "--sensitivity", "-f", "csv"], 2, stderr=["CSV is for comparisons"])
# scenario as CSV: every shipped scenario's rows, and one rank row each (1 … n).
scenario_files = sorted(str(p) for p in scen.glob("*.json"))
scen_csv = run(["scenario", *scenario_files, "-f", "csv"], 0).stdout
scen_rows = list(csv.reader(io.StringIO(scen_csv)))
if not scen_rows or scen_rows[0] != ["scenario", "measure", "id", "before", "after", "change"]:
    failures.append(f"scenario CSV header: {scen_rows[:1]}")
else:
    ids = [json.loads(pathlib.Path(f).read_text(encoding="utf-8"))["id"] for f in scenario_files]
    for sid in ids:
        mine = [r for r in scen_rows[1:] if r[0] == sid]
        if not any(r[1] == "met_on" for r in mine) or not any(r[1] == "in_year_gap" for r in mine):
            failures.append(f"scenario CSV has no met_on or in_year_gap rows for {sid}")
    ranks = sorted(int(r[4]) for r in scen_rows[1:] if r[1] == "rank")
    if ranks != list(range(1, len(ids) + 1)):
        failures.append(f"scenario CSV ranks {ranks}, expected 1 to {len(ids)}")
    late = [r for r in scen_rows if r[0] == "auction-delay-3m" and r[1] == "met_on" and r[5] == "10"]
    if not late:
        failures.append("scenario CSV: auction-delay-3m does not move the goal by 10 days")

# simulate: seeded, the same output for any number of threads.
one = run(["simulate", "-n", "300", "--seed", "7", "-j", "1", "-f", "json"], 0, stdout=['"runs": 300']).stdout
two = run(["simulate", "-n", "300", "--seed", "7", "-j", "2", "-f", "json"], 0).stdout
if one != two:
    failures.append("simulate differs between 1 and 2 threads")
run(["simulate", "-n", "300", "--seed", "7"], 0, stdout=["Xác suất đạt chuẩn đúng hạn", "P50 / P80 / P95"])
run(["simulate", "-n", "0"], 1, stderr=["invalid_argument"])
# simulate as CSV: one long table; the goal's probability of meeting the target is a share.
sim_csv = run(["simulate", "-n", "300", "--seed", "7", "-f", "csv"], 0).stdout
sim_rows = list(csv.reader(io.StringIO(sim_csv)))
if not sim_rows or sim_rows[0] != ["measure", "id", "statistic", "value"]:
    failures.append(f"simulate CSV header: {sim_rows[:1]}")
elif any(len(r) != 4 for r in sim_rows):
    failures.append("simulate CSV: a row without four cells")
else:
    cells = {(r[0], r[1], r[2]): r[3] for r in sim_rows[1:]}
    goal_id = json.loads(one)["goal"]["id"]
    by_target = cells.get(("probability", goal_id, "by_target"))
    if by_target is None or not 0.0 <= float(by_target) <= 1.0:
        failures.append(f"simulate CSV: the goal's probability by the target is {by_target!r}")
    if cells.get(("run", "", "runs")) != "300" or cells.get(("run", "", "seed")) != "7":
        failures.append("simulate CSV: the run rows do not say 300 runs, seed 7")
    if run(["simulate", "-n", "300", "--seed", "7", "-j", "2", "-f", "csv"], 0).stdout != sim_csv:
        failures.append("simulate CSV differs between runs")

# --at on funding, scenario and export: the baseline assessed at that date, as report does.
# Assessed from 1 July on the January facts, the standard is not projected, so the province's
# support on meeting it never comes.
run(["funding"], 0, stdout=["khi điều kiện đạt (15/12/2023)"])
funding_july = run(["funding", "--at", "2023-07-01"], 0, stdout=["không bao giờ có"]).stdout
if "khi điều kiện đạt (15/12/2023)" in funding_july:
    failures.append("funding --at 2023-07-01 still counts the support of 15/12/2023")
exported = run(["export", "--what", "assessment", "--at", "2022-06-01"], 0, stdout=['"ntm.assessment/1"']).stdout
try:
    if json.loads(exported).get("date") != "2022-06-01":
        failures.append(f"export --at 2022-06-01: the assessment is dated {json.loads(exported).get('date')}")
except ValueError as e:
    failures.append(f"export --at: no JSON: {e}")
# A criterion met at the baseline is met from the assessment date: the baseline and each
# scenario from --at, a scenario with its own "at" from its own date.
own_date = write("own-date.json", '{"format": "ntm.scenario/1", "id": "own-date", "at": "2023-03-01"}')
at_rows = list(csv.reader(io.StringIO(run(["scenario", own_date, str(scen / "auction-delay-3m.json"), "--at", "2022-06-01", "-f", "csv"], 0).stdout)))
met_tc1 = {r[0]: r[3:6] for r in at_rows if r[1:3] == ["met_on", "TC1"]}
if met_tc1 != {"own-date": ["2022-06-01", "2023-03-01", "273"], "auction-delay-3m": ["2022-06-01", "2022-06-01", "0"]}:
    failures.append(f"scenario --at 2022-06-01: TC1 met on {met_tc1}")
run(["scenario", str(scen / "auction-delay-3m.json"), "-f", "csv"], 0, stdout=["auction-delay-3m,met_on,TC1,2023-01-01,2023-01-01,0\n"],
    name="scenario without --at: from the plan's baseline date")
run(["scenario", "--sensitivity", "--at", "2022-06-01"], 0, stdout=["64 triệu", "4,42 triệu"])  # the 2022 income threshold
# A date that does not exist: exit 1, the date named, whichever command reads it.
for cmd in (["funding"], ["scenario", str(scen / "auction-delay-3m.json")], ["scenario", "--sensitivity"], ["export"], ["report"], ["assess"],
            ["schedule"]):
    run(cmd + ["--at", "2023-13-40"], 1, stderr=["date_invalid/106", "--at 2023-13-40"], name=" ".join(cmd[:1]) + " --at 2023-13-40")
run(["funding", "--at", "31/12"], 1, stderr=["date_syntax", "31/12"])

# batch: a generated province under a new threshold; JSON Lines in and out for sharding.
hd = str(example / "hai-duong-nang-cao-2021-2025.json")
run(["batch", "--set", hd, "--at", "2023-13-40"], 1, stdin="", stderr=["date_invalid/106", "--at 2023-13-40"])
units = work / "communes.csv"
with units.open("w", encoding="utf-8") as f:
    subprocess.run(["/usr/bin/python3", str(source / "examples" / "province" / "generate_communes.py"), "--count", "500"], stdout=f, check=True)
costs = str(source / "examples" / "province" / "costs.json")
run(["batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "-s", str(scen / "threshold-70m.json"), "--costs", costs,
     "-f", "text"], 0, stdout=["Số đơn vị", "threshold-70m", "TC10", "Theo huyện"])
csv_out = run(["batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "-s", str(scen / "threshold-70m.json"), "-f", "csv"], 0).stdout
if csv_out.count("\n") != 1 + 2 * 500 or not csv_out.startswith("id,scenario,"):
    failures.append(f"batch CSV has {csv_out.count(chr(10))} lines, expected {1 + 2 * 500}")
stream_in = ('{"id": "a", "facts": {"income_per_capita": "70 triệu"}}\n'
             '{"id": "b", "facts": {"income_per_capita": "1.000"}}\n'
             '{"id": "c", "facts": {"income_per_capita": "60 triệu"}}\n')
out = run(["batch", "--set", hd, "--at", "2023-12-31"], 1, stdin=stream_in, stdout=['"id":"a"', '"line":2', '"id":"c"']).stdout
if out.count("\n") != 3:
    failures.append(f"batch stream wrote {out.count(chr(10))} lines, expected 3")
run(["batch", "--set", hd, "--at", "2023-12-31"], 0, stdin="", name="batch on empty input")

# Merging three communes of the generated province: the merged unit against its parts.
merge = str(source / "examples" / "province" / "merge-example.json")
merged = run(["batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "--merge", merge, "-f", "json"], 0).stdout
try:
    m = json.loads(merged)
    if m.get("format") != "ntm.merge-result/1" or m.get("units") != ["x00001", "x00002", "x00003"] or \
            len(m.get("kept", [])) + len(m.get("lost", [])) == 0 or len(m.get("criteria", [])) != 19:
        failures.append(f"batch --merge JSON: unexpected {merged[:500]}")
except ValueError as e:
    failures.append(f"batch --merge JSON does not parse: {e}")
run(["batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "--merge", merge, "-f", "text"], 0,
    stdout=["x-merged-001", "x00001 + x00002 + x00003"])
run(["batch", "--set", hd, "--at", "2023-12-31", "--merge", merge], 2, stderr=["--merge needs --units"])
bad_merge = write("bad-merge.json", '{"format": "ntm.merge/1", "id": "m",\n "units": ["x00001", "x00001"]}')
run(["batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "--merge", str(bad_merge)], 1, stderr=["bad-merge.json:2:", "duplicate_id"])
run(["check", str(example / "simulation.json"), merge, str(scen / "income-short.json")], 0)

# Merges inside a scenario: the merged communes replace their parts in the table and its roll-ups.
reorg = str(source / "examples" / "province" / "merge-scenario.json")
rows = list(csv.DictReader(io.StringIO(run(["batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "-s", reorg, "-f", "csv"], 0).stdout)))
after = [r for r in rows if r["scenario"] == "reorganisation"]
if len(after) != 500 - 3:
    failures.append(f"batch -s merge-scenario: {len(after)} units after the merges, expected 497")
if [r["merged_from"] for r in after[:3]] != ["x00001 x00002 x00003", "x00004 x00005", ""] or after[0]["id"] != "x-merged-001":
    failures.append(f"batch -s merge-scenario: first rows {after[:3]}")
run(["batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "-s", reorg, "-f", "text"], 0,
    stdout=["Hợp nhất thành x-merged-001 (reorganisation)", "x00004 + x00005"])
run(["batch", "--set", hd, "--at", "2023-12-31", "-s", reorg], 2, stdin=stream_in, stderr=["merges units", "--units"])
run(["scenario", reorg], 1, stderr=["merges units; a plan is one unit"])

# Monte Carlo across units: probabilities per commune, expected counts per area; a unit's rows
# are the same in any shard; a progress bar when asked.
growth = str(source / "examples" / "province" / "income-growth.json")
sim_args = ["batch", "--set", hd, "--at", "2023-12-31", "--simulate", growth, "-n", "100"]
whole = run(sim_args + ["--units", str(units)], 0).stdout
if whole.count("\n") != 500:
    failures.append(f"batch --simulate wrote {whole.count(chr(10))} rows, expected 500")
first = json.loads(whole.splitlines()[0])
if first.get("id") != "x00001" or not 0.0 <= first.get("goal", -1) <= 1.0 or len(first.get("criteria", {})) != 19:
    failures.append(f"batch --simulate row: {first}")
lines = units.read_text(encoding="utf-8").splitlines()
shard_files = []
for k, part in enumerate([lines[1:200], lines[200:]]):
    shard_files.append(write(f"shard{k}.csv", "\n".join([lines[0]] + part) + "\n"))
sharded = "".join(run(sim_args + ["--units", f, "-j", "1"], 0).stdout for f in shard_files)
if sharded != whole:
    failures.append("batch --simulate: two shards do not give the rows of the whole table")
sim_csv = list(csv.DictReader(io.StringIO(run(sim_args + ["--units", str(units), "-s", str(scen / "threshold-70m.json"), "-f", "csv"], 0).stdout)))
if len(sim_csv) != 1000 or set(r["scenario"] for r in sim_csv) != {"", "threshold-70m"} or "TC10" not in sim_csv[0]:
    failures.append(f"batch --simulate CSV: {len(sim_csv)} rows")
run(sim_args + ["--units", str(units), "-f", "text"], 0, stdout=["Đạt chuẩn: kỳ vọng (P5–P95)", "Theo huyện", "Huyện 001"])
sim_json = json.loads(run(sim_args + ["--units", str(units), "-f", "json"], 0).stdout)
if sim_json[0].get("format") != "ntm.units-simulation/1" or sim_json[0]["all"]["units"] != 500:
    failures.append(f"batch --simulate JSON: {str(sim_json)[:300]}")
streamed = run(sim_args, 0, stdin="\n".join(json.dumps({"id": r["id"], "facts": {"income_per_capita": "67 triệu"}}) for r in rows[:3]) + "\n").stdout
if streamed.count("\n") != 3:
    failures.append(f"batch --simulate on a stream wrote {streamed.count(chr(10))} lines, expected 3")
run(["batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "-n", "10"], 2, stderr=["go with --simulate"])
run(sim_args + ["--units", str(units), "--years", "0"], 2)
run(["batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "--simulate", str(example / "simulation.json")], 1,
    stderr=["no roadmap or funding"])
p = subprocess.run([ntm, *sim_args, "--units", str(units), "-o", str(work / "sim.jsonl")], capture_output=True, text=True,
                   env={"PATH": "/usr/bin:/bin", "NTM_PROGRESS": "always"})
if p.returncode != 0 or "100% 500/500" not in p.stderr or "simulate [" not in p.stderr:
    failures.append(f"batch --simulate progress bar: exit {p.returncode}, stderr {p.stderr[-300:]!r}")
p = subprocess.run([ntm, "batch", "--set", hd, "--units", str(units), "--at", "2023-12-31", "-s", reorg, "-f", "csv", "-o", str(work / "b.csv")],
                   capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "NTM_PROGRESS": "always"})
if p.returncode != 0 or "batch [" not in p.stderr or "100% 2/2" not in p.stderr:
    failures.append(f"batch progress bar: exit {p.returncode}, stderr {p.stderr[-300:]!r}")

if failures:
    print("\n\n".join(failures))
    sys.exit(1)
print("all ntm command tests passed")
