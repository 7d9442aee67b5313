#!/usr/bin/env python3
"""Baseline of cps-bench's "file store vs SQLite" workload: the same records, one transaction each,
into SQLite in WAL mode with synchronous=FULL (every commit durable, like a FileRecordStore commit).

Usage: python3 Scripts/bench_sqlite.py DATABASE RECORDS START END
RECORDS holds one record a line: kind, id, unique key, index key and the payload in hex, separated
by tabs. Lines START..<END are inserted, each in its own transaction: the record (primary key kind +
id, so a second insert is refused as an expected version 0 would be), its unique key (primary key)
and its index key. The database is created on first use and kept, so rounds continue one database.
Only the inserts are timed. Prints one JSON line: {"seconds": [total]}.
"""

import json
import sqlite3
import sys
import time


def main():
    database, records, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(records, encoding='utf-8') as handle:
        lines = handle.read().split('\n')[start:end]
    rows = []
    for line in lines:
        kind, identifier, unique, index, payload = line.split('\t')
        rows.append((kind, identifier, unique, index, bytes.fromhex(payload)))
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute('PRAGMA journal_mode=WAL')
    connection.execute('PRAGMA synchronous=FULL')
    connection.execute('CREATE TABLE IF NOT EXISTS records (kind TEXT, id TEXT, version INTEGER, payload BLOB, '
                       'PRIMARY KEY (kind, id)) WITHOUT ROWID')
    connection.execute('CREATE TABLE IF NOT EXISTS unique_keys (key TEXT PRIMARY KEY, kind TEXT, id TEXT) WITHOUT ROWID')
    connection.execute('CREATE TABLE IF NOT EXISTS index_keys (kind TEXT, key TEXT, id TEXT, '
                       'PRIMARY KEY (kind, key, id)) WITHOUT ROWID')
    cursor = connection.cursor()
    begin = time.perf_counter()
    for kind, identifier, unique, index, payload in rows:
        cursor.execute('BEGIN')
        cursor.execute('INSERT INTO records VALUES (?, ?, 1, ?)', (kind, identifier, payload))
        cursor.execute('INSERT INTO unique_keys VALUES (?, ?, ?)', (unique, kind, identifier))
        cursor.execute('INSERT INTO index_keys VALUES (?, ?, ?)', (kind, index, identifier))
        cursor.execute('COMMIT')
    seconds = time.perf_counter() - begin
    connection.close()
    print(json.dumps({"seconds": [seconds]}))


if __name__ == '__main__':
    main()
