#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A synthetic province of communes for `ntm batch`, seeded and deterministic.

The communes are invented (names "Xã 00001", districts "Huyện 001"…), but their facts follow
the Hải Dương advanced-NTM criteria set 2021–2025 (examples/thach-loi-2023/) with realistic
spreads: each commune has a readiness (how far along its programme is, Beta(4, 2)),
most communes meet most re-assessed criteria, a few items (the axis road, the market,
e-commerce, telemedicine) are often missing, incomes spread around the 68 million threshold,
and about 0.5% of the cells are unknown (empty), as in real reports.

    python3 examples/province/generate_communes.py --count 10000 --seed 2023 > communes.csv
    python3 examples/province/generate_communes.py --count 10000 --format jsonl > communes.jsonl

The JSON Lines form holds the same communes, one object a line ({"id", "name", "district",
"province", "facts"}; unknown facts left out), for `ntm batch` on standard input.
"""
import argparse
import json
import random
import sys

# Share of communes where each yes/no fact holds.
BOOLEANS = {
    "tc1_reassessed_met": 0.97, "tc2_other_items_met": 0.93, "tc3_reassessed_met": 0.96,
    "tc4_reassessed_met": 0.97, "tc5_other_items_met": 0.92, "tc6_other_items_met": 0.94,
    "tc7_reassessed_met": 0.95, "tc8_other_items_met": 0.93, "tc9_reassessed_met": 0.96,
    "tc10_other_items_met": 0.95, "tc11_reassessed_met": 0.97, "tc12_reassessed_met": 0.97,
    "tc13_other_items_met": 0.90, "tc14_reassessed_met": 0.96, "tc15_reassessed_met": 0.97,
    "tc16_reassessed_met": 0.96, "tc17_other_items_met": 0.88, "tc18_reassessed_met": 0.96,
    "tc19_reassessed_met": 0.98, "basic_ntm_met": 0.99,
    "axis_road_standard": 0.72, "hamlet_drainage_standard": 0.80, "primary_school_level2": 0.85,
    "physical_education_model": 0.83, "outdoor_sports_equipment": 0.78,
    "standard_rural_market": 0.55, "standard_retail_outlet": 0.45, "ocop_on_ecommerce": 0.70,
    "digital_address_plates": 0.66, "public_free_wifi": 0.74, "traceability_key_products": 0.80,
    "key_products_ecommerce": 0.75, "growing_area_codes": 0.82, "effective_economy_model": 0.86,
    "legal_education_model": 0.90, "waste_sorting_model": 0.70,
}
# Shares in percent: (mean, standard deviation), clipped to 0–100.
SHARES = {
    "health_insurance_share": (95.5, 2.0), "health_managed_share": (92.0, 3.5),
    "telemedicine_share": (42.0, 8.0), "ehealth_book_share": (74.0, 7.0),
    "schools_csvc_level1_share": (88.0, 10.0),
}
UNKNOWN = 0.005


def vi_decimal(x, digits):
    """1234.5 → "1234,5" (Vietnamese decimal comma)."""
    return f"{x:.{digits}f}".replace(".", ",")


def csv_cell(v):
    """A fact as a CSV cell: empty when unknown, true/false, quoted when it holds a comma."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    v = str(v)
    return f'"{v}"' if "," in v else v


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10000, help="communes (default 10000)")
    ap.add_argument("--seed", type=int, default=2023, help="seed (the same seed gives the same file)")
    ap.add_argument("--per-district", type=int, default=100, help="communes per district (default 100)")
    ap.add_argument("--province", default="Tỉnh mẫu", help="the province's name")
    ap.add_argument("--format", choices=["csv", "jsonl"], default="csv", help="CSV with a header (default) or JSON Lines")
    args = ap.parse_args()
    if args.count < 1 or args.per_district < 1:
        ap.error("--count and --per-district must be positive")
    rng = random.Random(args.seed)
    out = sys.stdout
    if args.format == "csv":
        out.write(",".join(["id", "name", "district", "province"] + list(BOOLEANS) + list(SHARES) +
                           ["schools_csvc_level2", "income_per_capita"]) + "\n")
    for k in range(1, args.count + 1):
        district = f"Huyện {(k - 1) // args.per_district + 1:03d}"
        # A district's communes resemble each other: a district effect on income.
        rng_d = random.Random(args.seed * 1000003 + (k - 1) // args.per_district)
        district_income = rng_d.gauss(0.0, 0.05)
        unit = {"id": f"x{k:05d}", "name": f"Xã {k:05d}", "district": district, "province": args.province}
        facts = {}  # None: unknown
        readiness = rng.betavariate(4.0, 2.0)
        for fact, p in BOOLEANS.items():
            # A ready commune (readiness 1) has done everything; one at 0.5 is typical.
            p = min(1.0, max(0.05, 1.0 - (1.0 - p) * 2.0 * (1.0 - readiness)))
            facts[fact] = None if rng.random() < UNKNOWN else rng.random() < p
        for fact, (mean, sd) in SHARES.items():
            v = min(100.0, max(0.0, rng.gauss(mean + 4.0 * (readiness - 0.5), sd)))
            facts[fact] = None if rng.random() < UNKNOWN else f"{vi_decimal(v, 1)}%"
        facts["schools_csvc_level2"] = None if rng.random() < UNKNOWN else rng.randint(0, 3)
        income = 68.0 * rng.lognormvariate(0.01 + 0.06 * (readiness - 0.67) + district_income, 0.08)  # million đồng a year
        facts["income_per_capita"] = None if rng.random() < UNKNOWN else f"{vi_decimal(income, 2)} triệu"
        if args.format == "jsonl":
            unit["facts"] = {fact: v for fact, v in facts.items() if v is not None}
            out.write(json.dumps(unit, ensure_ascii=False) + "\n")
        else:
            out.write(",".join(list(unit.values()) + [csv_cell(v) for v in facts.values()]) + "\n")

if __name__ == "__main__":
    main()
