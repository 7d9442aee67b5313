import Foundation

/// Reads a job's candidates page by page (R-UOW-2): bounded memory, at most one page of work.
struct JobPager {
    let context: CPSContext

    /// Calls `visit` on the records of `R` holding `indexKey`, in insertion order, reading pages of the
    /// policy's size, until `visit` has acted (returned `true`) ``JobPolicy/pageSize`` times. Returns
    /// whether candidates were left unvisited because the limit was reached.
    func visit<R: StoredRecord>(_ type: R.Type, indexKey: IndexKey<R>,
                                _ visit: (Stored<R>) async throws -> Bool) async throws -> Bool {
        try await visitPages(R.self, { cursor, limit in try await context.store.records(indexKey, after: cursor, limit: limit) }, visit)
    }

    /// ``visit(_:indexKey:_:)`` over the records holding keys of `range`, in key order — the due-time
    /// index (issue 17 item 4): a job reads only what has fallen due, however much is pending later.
    func visit<R: StoredRecord>(_ type: R.Type, range: IndexKeyRange<R>,
                                _ visit: (Stored<R>) async throws -> Bool) async throws -> Bool {
        try await visitPages(R.self, { cursor, limit in try await context.store.records(range, after: cursor, limit: limit) }, visit)
    }

    /// The earliest `due` time of the records holding keys of `range`, read in key order (the
    /// due-time index, issue 17 item 4) for a job's `nextDue(after:)`. `notBefore(record)` is a time no
    /// record at or after it in key order is due before; once it passes the earliest found, the read
    /// stops. `due` returns `nil` for a record with nothing to do.
    func earliest<R: StoredRecord>(_ type: R.Type, range: IndexKeyRange<R>, notBefore: (R) -> Date?,
                                   due: (Stored<R>) async throws -> Date?) async throws -> Date? {
        var earliest: Date?
        var cursor: RecordCursor?
        repeat {
            let page = try await context.store.records(range, after: cursor, limit: context.policy.jobs.pageSize)
            for envelope in page.records {
                let stored = try RecordCoder.decode(R.self, from: envelope)
                if let earliest, let bound = notBefore(stored.record), bound > earliest { return earliest }
                if let time = try await due(stored) { earliest = min(earliest ?? time, time) }
            }
            cursor = page.next
        } while cursor != nil
        return earliest
    }

    private func visitPages<R: StoredRecord>(_ type: R.Type,
                                             _ read: (RecordCursor?, Int) async throws -> RecordPage,
                                             _ visit: (Stored<R>) async throws -> Bool) async throws -> Bool {
        let limit = context.policy.jobs.pageSize
        var acted = 0
        var cursor: RecordCursor?
        repeat {
            let page = try await read(cursor, limit)
            for envelope in page.records {
                if acted >= limit { return true } // a candidate is left unvisited
                if try await visit(try RecordCoder.decode(R.self, from: envelope)) { acted += 1 }
            }
            cursor = page.next
        } while cursor != nil && acted < limit
        return cursor != nil
    }
}
