#!/usr/bin/env python3
"""Differential test of CPSKit's business calendar against python `holidays` 0.109 (R-CAL-1, R-VAL-2).

For every supported country it compares
  1. every public-holiday date of 2000-2040 (ES from 2008, the peer's first year) between
     `holidays.country_holidays(CC)` (GB: subdiv="ENG") and `cps holidays CC YEAR --json`;
  2. 1,000 seeded random "add N working days" cases per country between `cps workdays --batch`
     and a reference computed here from the peer's holidays (weekends + holidays; the start day
     is never counted, R-VAL-2).
Any disagreement is printed with country, date and both answers, and the script exits 1.

Usage: Scripts/holidays_differential.py [--cps PATH] [--first 2000] [--last 2040] [--cases 1000] [--seed N]
"""
import argparse
import datetime as dt
import json
import random
import subprocess
import sys

import holidays

COUNTRIES = "AT BE CH CZ DE DK ES FI FR GB HU IE IT LU NL NO PL PT SE SK".split()
EXPECTED_VERSION = "0.109"


def peer(country, years):
    """The peer's default-category, national holidays; England for GB."""
    kwargs = {"subdiv": "ENG"} if country == "GB" else {}
    return holidays.country_holidays(country, years=years, **kwargs)


def first_year(country, first):
    return max(first, holidays.country_holidays(country).start_year)


def cps_holidays(cps, country, year):
    out = subprocess.run([cps, "holidays", country, str(year), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return {dt.date.fromisoformat(item["date"]) for item in json.loads(out)}


def compare_holidays(cps, country, first, last):
    problems, compared = [], 0
    for year in range(first_year(country, first), last + 1):
        expected = {d for d in peer(country, year) if d.year == year}
        actual = cps_holidays(cps, country, year)
        compared += len(expected | actual)
        for day in sorted(expected ^ actual):
            problems.append(f"{country} {day}: peer={'holiday' if day in expected else 'working/weekend'} "
                            f"cps={'holiday' if day in actual else 'working/weekend'}")
    return compared, problems


def add_working_days(start, count, is_off):
    """R-VAL-2: the start day is never counted; negative counts walk backwards."""
    day, remaining, step = start, abs(count), (1 if count >= 0 else -1)
    while remaining > 0:
        day += dt.timedelta(days=step)
        if not is_off(day):
            remaining -= 1
    return day


def compare_workdays(cps, country, first, last, cases, rng):
    lo = dt.date(first_year(country, first), 1, 1)
    hi = dt.date(last, 12, 31)
    # Holidays of one year either side cover any walk of at most ~60 days.
    off = set(peer(country, range(lo.year - 1, hi.year + 2)))

    def is_off(day):
        return day.weekday() >= 5 or day in off

    inputs = []
    span = (hi - lo).days
    holiday_list = sorted(d for d in off if lo <= d <= hi)
    for i in range(cases):
        if i % 5 == 0 and holiday_list:
            start = rng.choice(holiday_list) + dt.timedelta(days=rng.randint(-2, 1))
        else:
            start = lo + dt.timedelta(days=rng.randint(0, span))
        count = rng.randint(-5, 40) if i % 10 == 0 else rng.randint(0, 25)
        inputs.append((start, count))
    stdin = "".join(f"{country} {start.isoformat()} {count}\n" for start, count in inputs)
    out = subprocess.run([cps, "workdays", "--batch"], input=stdin, check=True,
                         capture_output=True, text=True).stdout.split()
    problems = []
    if len(out) != len(inputs):
        return len(inputs), [f"{country}: cps printed {len(out)} answers for {len(inputs)} cases"]
    for (start, count), answer in zip(inputs, out):
        expected = add_working_days(start, count, is_off)
        if answer != expected.isoformat():
            problems.append(f"{country} {start} + {count} working days: peer={expected} cps={answer}")
    return len(inputs), problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cps", default=".build/debug/cps")
    parser.add_argument("--first", type=int, default=2000)
    parser.add_argument("--last", type=int, default=2040)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--countries", default=",".join(COUNTRIES))
    args = parser.parse_args()

    if holidays.__version__ != EXPECTED_VERSION:
        print(f"expected python holidays {EXPECTED_VERSION}, found {holidays.__version__}", file=sys.stderr)
        return 2

    rng = random.Random(args.seed)
    all_problems = []
    for country in args.countries.split(","):
        days, problems_h = compare_holidays(args.cps, country, args.first, args.last)
        cases, problems_w = compare_workdays(args.cps, country, args.first, args.last, args.cases, rng)
        all_problems += problems_h + problems_w
        print(f"{country}: {days} holiday dates from {first_year(country, args.first)}-{args.last}, "
              f"{len(problems_h)} differ; {cases} working-day cases, {len(problems_w)} differ")
    for problem in all_problems:
        print("DIFF " + problem)
    print(f"total disagreements: {len(all_problems)}")
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())
