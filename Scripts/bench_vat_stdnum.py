#!/usr/bin/env python3
"""Baseline of cps-bench's VAT workload: python-stdnum 2.2 validating the same inputs.

Usage: python3 Scripts/bench_vat_stdnum.py INPUTS REPETITIONS
INPUTS holds one number per line (UTF-8). Each input is routed as R-VAT-1 says (the same routing
as Scripts/vat_differential.py): GB -> stdnum.gb.vat, NO -> stdnum.no.mva, CH -> stdnum.ch.vat,
every other prefix -> stdnum.eu.vat; `validate` returns the compact form, as CPSKit's check does.
Only the validation loop is timed (not start-up, import or reading the file). Prints one JSON line:
{"seconds": [...], "valid": N, "count": N}.
"""

import json
import sys
import time

from stdnum import exceptions
from stdnum.ch import vat as ch_vat
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as gb_vat
from stdnum.no import mva as no_mva
from stdnum.util import clean


def run(numbers):
    valid = 0
    for text in numbers:
        number = clean(text, '').upper().strip()
        cc = number[:2]
        try:
            if cc == 'GB':
                gb_vat.validate(number)
            elif cc == 'NO':
                no_mva.validate(number)
            elif cc == 'CH':
                ch_vat.validate(number)
            elif cc in ('EU', 'IM'):
                continue
            else:
                eu_vat.validate(number)
            valid += 1
        except exceptions.ValidationError:
            pass
    return valid


def main():
    path, repetitions = sys.argv[1], int(sys.argv[2])
    with open(path, encoding='utf-8') as handle:
        numbers = handle.read().split('\n')
    if numbers and numbers[-1] == '':
        numbers.pop()
    seconds = []
    valid = 0
    for _ in range(repetitions):
        start = time.perf_counter()
        valid = run(numbers)
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"seconds": seconds, "valid": valid, "count": len(numbers)}))


if __name__ == '__main__':
    main()
