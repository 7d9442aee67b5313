#!/usr/bin/env python3
"""Baseline of cps-bench's "file-store-open-lookup-vs-sqlite" workload: open a database of RECORDS
product records and read one of them by primary key, as a service does on its first request after a
restart.

Usage: python3 Scripts/bench_sqlite_lookup.py DATABASE RECORDS ID REPETITIONS
The database is created on first use (not timed) with the records cps-bench's file-store workloads
write: kind "product", id "product-N", a 120-byte JSON payload, the unique key "serial:EOSR5:N" and
the index key "account:account-(N % 100)", in the tables of Scripts/bench_sqlite.py (WITHOUT ROWID,
primary key kind + id). Then, REPETITIONS times after one untimed round (so the file is in the page
cache, as for ours): connect + one primary-key SELECT of ID fetched; closing is not timed. Prints one
JSON line: {"seconds": [each round]}.
"""

import json
import os
import sqlite3
import sys
import time


def payload(number):
    head = ('{"product":%d,"padding":"' % number).encode()
    return head + b'x' * max(0, 118 - len(head)) + b'"}'


def create(database, records):
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute('PRAGMA journal_mode=WAL')
    connection.execute('CREATE TABLE records (kind TEXT, id TEXT, version INTEGER, payload BLOB, '
                       'PRIMARY KEY (kind, id)) WITHOUT ROWID')
    connection.execute('CREATE TABLE unique_keys (key TEXT PRIMARY KEY, kind TEXT, id TEXT) WITHOUT ROWID')
    connection.execute('CREATE TABLE index_keys (kind TEXT, key TEXT, id TEXT, PRIMARY KEY (kind, key, id)) WITHOUT ROWID')
    connection.execute('BEGIN')
    connection.executemany('INSERT INTO records VALUES (?, ?, 1, ?)',
                           (('product', 'product-%d' % n, payload(n)) for n in range(records)))
    connection.executemany('INSERT INTO unique_keys VALUES (?, ?, ?)',
                           (('serial:EOSR5:%d' % n, 'product', 'product-%d' % n) for n in range(records)))
    connection.executemany('INSERT INTO index_keys VALUES (?, ?, ?)',
                           (('product', 'account:account-%d' % (n % 100), 'product-%d' % n) for n in range(records)))
    connection.execute('COMMIT')
    connection.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    connection.close()


def lookup(database, identifier):
    begin = time.perf_counter()
    connection = sqlite3.connect(database)
    row = connection.execute('SELECT version, payload FROM records WHERE kind = ? AND id = ?',
                             ('product', identifier)).fetchone()
    seconds = time.perf_counter() - begin
    connection.close()
    if row is None:
        raise SystemExit('record %s not found' % identifier)
    return seconds


def main():
    database, records, identifier, repetitions = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    if not os.path.exists(database):
        create(database, records)
    lookup(database, identifier)
    print(json.dumps({"seconds": [lookup(database, identifier) for _ in range(max(1, repetitions))]}))


if __name__ == '__main__':
    main()
