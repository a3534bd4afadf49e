#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Example (Python, standard library only): ntm's C API through ctypes, against the shared
library libntm.so. Loads the Thạch Lỗi plan, evaluates it (12 of 19 criteria met at the start
of 2023) and analyses it (the date the goal is projected to be met); registers an indicator
evaluator written in Python and evaluates a criteria set that uses it; assesses a small table
of communes under several scenarios at once, each report handed to a Python callback.

The library is the file named by the environment variable NTM_LIBRARY (ctest sets it to the
one it built), else whatever the dynamic loader finds as libntm.so.1 (an installed package).

Usage: ntm_ctypes.py [examples/thach-loi-2023 directory]
"""
import ctypes
import json
import os
import sys
from ctypes import (CFUNCTYPE, POINTER, Structure, byref, c_char_p, c_int, c_int32, c_int64, c_size_t, c_uint,
                    c_void_p)

NTS = ctypes.c_size_t(-1).value  # NTM_NTS: the text is NUL-terminated
NTM_OK = 0
STATUS_NOT_MET, STATUS_MET, STATUS_UNKNOWN = 0, 1, 2
LANG_VI = 0
NTM_C_ABI_VERSION = 1  # the ABI this script was written for (NTM_C_ABI_VERSION in ntm/c/version.h)


class LoadOptions(Structure):  # ntm_load_options
    _fields_ = [("version", c_uint), ("max_file_bytes", c_size_t), ("max_depth", c_size_t)]


class PlanOptions(Structure):  # ntm_plan_options
    _fields_ = [("version", c_uint), ("registry", c_void_p), ("files", LoadOptions)]


class EvaluateOptions(Structure):  # ntm_evaluate_options
    _fields_ = [("version", c_uint), ("date", c_int32), ("region", c_char_p), ("region_len", c_size_t)]


class UnitsOptions(Structure):  # ntm_units_options
    _fields_ = [("version", c_uint), ("date", c_int32), ("region", c_char_p), ("goal", c_char_p), ("scenario", c_void_p),
                ("registry", c_void_p), ("threads", c_uint)]


EVALUATOR = CFUNCTYPE(c_int, c_void_p, c_void_p, c_void_p)  # ntm_evaluator_cb(payload, facts, call)
REPORT = CFUNCTYPE(c_int, c_void_p, c_size_t, c_void_p, c_size_t)  # ntm_batch_report_cb(payload, index, json, len)
TABLE_JSONL = 1


def load_library():
    lib = ctypes.CDLL(os.environ.get("NTM_LIBRARY") or "libntm.so.1")
    signatures = {
        "ntm_version": (c_char_p, []),
        "ntm_c_abi_version": (c_int, []),
        "ntm_code_name": (c_char_p, [c_int]),
        "ntm_error_last": (c_void_p, []),
        "ntm_error_to_string": (c_char_p, [c_void_p]),
        "ntm_string_free": (None, [c_void_p]),
        "ntm_registry_create": (c_int, [POINTER(c_void_p), c_void_p]),
        "ntm_registry_add_evaluator": (c_int, [c_void_p, c_char_p, c_size_t, EVALUATOR, c_void_p, c_void_p]),
        "ntm_registry_free": (None, [c_void_p]),
        "ntm_fact_view_get_bool": (c_int, [c_void_p, c_char_p, c_size_t, POINTER(c_int), POINTER(c_int), c_void_p]),
        "ntm_call_outcome": (c_int, [c_void_p, c_int, c_char_p, c_size_t, c_void_p]),
        "ntm_plan_load_file": (c_int, [POINTER(c_void_p), c_char_p, POINTER(PlanOptions), c_void_p]),
        "ntm_plan_evaluate": (c_int, [POINTER(c_void_p), c_void_p, POINTER(EvaluateOptions), c_void_p]),
        "ntm_plan_analyze": (c_int, [POINTER(c_void_p), c_void_p, c_void_p, c_void_p]),
        "ntm_plan_goal": (c_int, [c_void_p, POINTER(c_char_p), c_void_p]),
        "ntm_plan_free": (None, [c_void_p]),
        "ntm_analysis_goal_met_on": (c_int, [c_void_p, POINTER(c_int32), c_void_p]),
        "ntm_analysis_free": (None, [c_void_p]),
        "ntm_criteria_set_load_memory": (c_int, [POINTER(c_void_p), c_char_p, c_size_t, c_char_p, c_size_t, c_void_p,
                                                 c_void_p]),
        "ntm_criteria_set_free": (None, [c_void_p]),
        "ntm_program_compile": (c_int, [POINTER(c_void_p), c_void_p, c_void_p, c_void_p]),
        "ntm_program_evaluate": (c_int, [POINTER(c_void_p), c_void_p, c_void_p, POINTER(EvaluateOptions), c_void_p]),
        "ntm_program_free": (None, [c_void_p]),
        "ntm_plan_baseline": (c_int, [c_void_p, POINTER(c_void_p), c_void_p]),
        "ntm_facts_load_file": (c_int, [POINTER(c_void_p), c_void_p, c_char_p, c_void_p, c_void_p]),
        "ntm_facts_free": (None, [c_void_p]),
        "ntm_assessment_find_rule": (c_int, [c_void_p, c_char_p, c_size_t, POINTER(c_size_t), c_void_p]),
        "ntm_assessment_rule_children": (c_int, [c_void_p, c_size_t, c_int, POINTER(c_size_t), c_void_p]),
        "ntm_assessment_rule_explain": (c_int, [c_void_p, c_size_t, c_int, POINTER(c_void_p), POINTER(c_size_t),
                                                c_void_p]),
        "ntm_assessment_free": (None, [c_void_p]),
        "ntm_plan_program": (c_int, [c_void_p, POINTER(c_void_p), c_void_p]),
        "ntm_scenario_load_file": (c_int, [POINTER(c_void_p), c_char_p, c_void_p, c_void_p]),
        "ntm_scenario_load_memory": (c_int, [POINTER(c_void_p), c_char_p, c_size_t, c_char_p, c_size_t, c_void_p,
                                             c_void_p]),
        "ntm_scenario_free": (None, [c_void_p]),
        "ntm_program_assess_scenarios": (c_int, [c_void_p, c_char_p, c_size_t, c_int, c_char_p, c_size_t,
                                                 POINTER(c_void_p), c_size_t, c_int, POINTER(UnitsOptions), REPORT,
                                                 c_void_p, c_void_p]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


lib = load_library()


class NtmError(Exception):
    pass


def check(rc):
    """Raises the thread's last ntm error when a call fails."""
    if rc != NTM_OK:
        raise NtmError("%s: %s" % (lib.ntm_code_name(rc).decode(), lib.ntm_error_to_string(lib.ntm_error_last()).decode()))


def text(s):
    b = s.encode("utf-8")
    return b, len(b)


def ymd(date):
    return "%02d/%02d/%04d" % (date % 100, date // 100 % 100, date // 10000) if date else "—"


def criteria_met(assessment, goal):
    index, met, total = c_size_t(), c_size_t(), c_size_t()
    check(lib.ntm_assessment_find_rule(assessment, goal, NTS, byref(index), None))
    check(lib.ntm_assessment_rule_children(assessment, index, STATUS_MET, byref(met), None))
    check(lib.ntm_assessment_rule_children(assessment, index, -1, byref(total), None))
    return met.value, total.value


def explain(assessment, rule_id):
    index, out, length = c_size_t(), c_void_p(), c_size_t()
    check(lib.ntm_assessment_find_rule(assessment, rule_id.encode(), NTS, byref(index), None))
    check(lib.ntm_assessment_rule_explain(assessment, index, LANG_VI, byref(out), byref(length), None))
    try:
        return ctypes.string_at(out, length.value).decode("utf-8")
    finally:
        lib.ntm_string_free(out)  # the library's allocator, never Python's


calls = []


@EVALUATOR
def digital_commune(payload, facts, call):
    """An indicator evaluated in Python: met when the commune has both digital address
    plates and free public wifi. Runs inside ntm's evaluation; returns 0 or nonzero."""
    calls.append(1)
    plates, plates_known, wifi, wifi_known = c_int(), c_int(), c_int(), c_int()
    if lib.ntm_fact_view_get_bool(facts, b"digital_address_plates", NTS, byref(plates), byref(plates_known), None) \
            or lib.ntm_fact_view_get_bool(facts, b"public_free_wifi", NTS, byref(wifi), byref(wifi_known), None):
        return 1
    if not (plates_known.value and wifi_known.value):
        why, n = text("thiếu số liệu")
        return lib.ntm_call_outcome(call, STATUS_UNKNOWN, why, n, None)
    why, n = text("biển địa chỉ số: %s; wifi công cộng: %s" % ("có" if plates.value else "chưa",
                                                                "có" if wifi.value else "chưa"))
    status = STATUS_MET if plates.value and wifi.value else STATUS_NOT_MET
    return lib.ntm_call_outcome(call, status, why, n, None)


LOCAL_SET = """{"id": "thach-loi-local-2023", "title": "Xã Thạch Lỗi: tiêu chí riêng",
 "extends": ["hai-duong-nang-cao-2021-2025.json"],
 "criteria": [{"id": "XL1", "number": 1, "name": "Xã chuyển đổi số", "indicators": [
   {"id": "XL1.1", "name": "Biển địa chỉ số và wifi công cộng", "evaluator": "digital_commune",
    "reads": ["digital_address_plates", "public_free_wifi"]}]}]}"""


# Two districts' communes: income per capita, the rest of TC10 met (JSON Lines, as ntm batch reads).
COMMUNES = [("x1", "Cẩm Giàng", "66 triệu"), ("x2", "Cẩm Giàng", "68,5 triệu"), ("x3", "Cẩm Giàng", "71 triệu"),
            ("x4", "Bình Giang", "69 triệu"), ("x5", "Bình Giang", "73 triệu"), ("x6", "Bình Giang", "64 triệu")]
INCOME_CHANGE = """{"format": "ntm.scenario/1", "id": "%s",
 "facts": [{"fact": "income_per_capita", "op": "scale", "rate": "%s"}]}"""


@REPORT
def print_report(payload, index, json_text, length):
    """Receives each scenario's report (ntm.batch/1) in order; returns 0 to go on."""
    report = json.loads(ctypes.string_at(json_text, length).decode("utf-8"))
    by_district = ", ".join("%s %d/%d" % (d["area"], d["criteria_met"]["TC10"], d["units"]) for d in report["districts"])
    print("%s: TC10 đạt ở %d/%d xã (%s)" % (report["scenario"], report["all"]["criteria_met"]["TC10"],
                                           report["all"]["units"], by_district))
    return 0


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                   "..", "thach-loi-2023")
    if lib.ntm_c_abi_version() != NTM_C_ABI_VERSION:
        sys.exit("libntm has C ABI %d, this script needs %d" % (lib.ntm_c_abi_version(), NTM_C_ABI_VERSION))
    registry = c_void_p()
    check(lib.ntm_registry_create(byref(registry), None))
    name, n = text("digital_commune")
    check(lib.ntm_registry_add_evaluator(registry, name, n, digital_commune, None, None))
    handles = []  # (free function, handle), freed in reverse order
    try:
        # The plan: its criteria set is compiled with the registry.
        options = PlanOptions(1, registry, LoadOptions(1, 0, 0))  # NTM_PLAN_OPTIONS_INIT
        plan = c_void_p()
        check(lib.ntm_plan_load_file(byref(plan), os.path.join(directory, "plan.json").encode(), byref(options), None))
        handles.append((lib.ntm_plan_free, plan))
        goal = c_char_p()
        check(lib.ntm_plan_goal(plan, byref(goal), None))
        assessment = c_void_p()
        check(lib.ntm_plan_evaluate(byref(assessment), plan, None, None))
        handles.append((lib.ntm_assessment_free, assessment))
        met, total = criteria_met(assessment, goal.value)
        print("ntm %s — %s: %d/%d tiêu chí đạt đầu năm 2023" % (lib.ntm_version().decode(), goal.value.decode(), met, total))
        analysis = c_void_p()
        check(lib.ntm_plan_analyze(byref(analysis), plan, None, None))
        handles.append((lib.ntm_analysis_free, analysis))
        met_on = c_int32()
        check(lib.ntm_analysis_goal_met_on(analysis, byref(met_on), None))
        print("Dự kiến đạt chuẩn %s: %s" % (goal.value.decode(), ymd(met_on.value)))

        # A set of the program's own, with the Python evaluator, over the plan's baseline facts.
        source, n = text(LOCAL_SET)
        set_name, m = text(os.path.join(directory, "thach-loi-local.json"))
        criteria = c_void_p()
        check(lib.ntm_criteria_set_load_memory(byref(criteria), source, n, set_name, m, None, None))
        handles.append((lib.ntm_criteria_set_free, criteria))
        program = c_void_p()
        check(lib.ntm_program_compile(byref(program), criteria, registry, None))
        handles.append((lib.ntm_program_free, program))
        facts = c_void_p()
        check(lib.ntm_facts_load_file(byref(facts), program, os.path.join(directory, "facts-2023-01.json").encode(),
                                      None, None))
        handles.append((lib.ntm_facts_free, facts))
        evaluate = EvaluateOptions(1, 20230101, b"dbsh", NTS)  # NTM_EVALUATE_OPTIONS_INIT, then date and region
        local = c_void_p()
        check(lib.ntm_program_evaluate(byref(local), program, facts, byref(evaluate), None))
        handles.append((lib.ntm_assessment_free, local))
        for rule in ("XL1.1", "XL1"):
            print("%s: %s" % (rule, explain(local, rule)))
        print("evaluator Python được gọi %d lần" % len(calls))

        # A table of communes under three scenarios at once (roll-ups only), the reports in order.
        plan_program = c_void_p()
        check(lib.ntm_plan_program(plan, byref(plan_program), None))
        handles.append((lib.ntm_program_free, plan_program))
        scenarios = []
        scenario = c_void_p()
        check(lib.ntm_scenario_load_file(byref(scenario), os.path.join(directory, "scenarios", "threshold-70m.json").encode(),
                                         None, None))
        handles.append((lib.ntm_scenario_free, scenario))
        scenarios.append(scenario)
        for name, rate in (("thu-nhap-tang-5", "105%"), ("thu-nhap-giam-3", "97%")):
            scenario = c_void_p()
            source, n = text(INCOME_CHANGE % (name, rate))
            check(lib.ntm_scenario_load_memory(byref(scenario), source, n, b"income.json", NTS, None, None))
            handles.append((lib.ntm_scenario_free, scenario))
            scenarios.append(scenario)
        table, n = text("".join(json.dumps({"id": i, "district": d, "facts": {"income_per_capita": income,
                                                                                "tc10_other_items_met": True}},
                                           ensure_ascii=False) + "\n" for i, d, income in COMMUNES))
        units = UnitsOptions(1, 20231231, None, None, None, None, 0)  # NTM_UNITS_OPTIONS_INIT, then the date
        array = (c_void_p * len(scenarios))(*scenarios)
        check(lib.ntm_program_assess_scenarios(plan_program, table, n, TABLE_JSONL, b"communes.jsonl", NTS, array,
                                               len(scenarios), 0, byref(units), print_report, None, None))

        # Errors come back as status codes with a located message.
        bad = c_void_p()
        broken, n = text('{"id": "x", "title": "x", "facts": [')
        rc = lib.ntm_criteria_set_load_memory(byref(bad), broken, n, b"broken.json", NTS, None, None)
        print("%s: %s" % (lib.ntm_code_name(rc).decode(), lib.ntm_error_to_string(lib.ntm_error_last()).decode()))
    finally:
        for free, handle in reversed(handles):
            free(handle)
        lib.ntm_registry_free(registry)
    return 0


if __name__ == "__main__":
    sys.exit(main())
