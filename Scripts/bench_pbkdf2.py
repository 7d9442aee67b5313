#!/usr/bin/env python3
"""Baseline of cps-bench's pbkdf2-default row (R-ID-1): hashlib.pbkdf2_hmac (OpenSSL's C) at the same
iteration count, password and salt. Usage: bench_pbkdf2.py ITERATIONS REPETITIONS. Prints {"seconds": [...]}."""
import hashlib
import json
import sys
import time

iterations, repetitions = int(sys.argv[1]), int(sys.argv[2])
seconds = []
for _ in range(repetitions):
    start = time.perf_counter()
    hashlib.pbkdf2_hmac("sha256", b"Ljus-och-bild-2026", b"0123456789abcdef", iterations, 32)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"seconds": seconds}))
