extension RecordStore {
    /// Brings the stored keys of every record of `R` up to date with the record type's current
    /// ``StoredRecord/indexKeys`` and ``StoredRecord/uniqueKeys`` (R-ADP-1), and returns how many
    /// records it rewrote.
    ///
    /// Keys are written with a record, so when a new release of CPSKit derives different keys from
    /// the same record — as this one does for the due-time index of invoices, memberships and
    /// decided applications (issue 17 item 4) — records stored by the old release keep their old
    /// keys until they are written again. Run this once per kind after upgrading (`cps store reindex` does it for every kind of
    /// the journey). Each outdated record is rewritten at its version with its payload unchanged
    /// (its version goes up by one); a record changed meanwhile by someone else is read again and
    /// retried, so it is safe to run while the services work, twice, or from two processes at once.
    @discardableResult
    public func reindex<R: StoredRecord>(_ type: R.Type) async throws(StorageError) -> Int {
        var rewritten = 0
        var cursor: RecordCursor?
        repeat {
            let page = try await records(kind: R.kind, indexKey: nil, after: cursor, limit: 500)
            for envelope in page.records {
                if try await reindex(R.self, envelope) { rewritten += 1 }
            }
            cursor = page.next
        } while cursor != nil
        return rewritten
    }

    /// Rewrites one record if its keys are outdated, retrying on a concurrent change.
    private func reindex<R: StoredRecord>(_ type: R.Type, _ first: RecordEnvelope) async throws(StorageError) -> Bool {
        var envelope = first
        while true {
            let stored = try RecordCoder.decode(R.self, from: envelope)
            guard envelope.indexKeys != stored.record.indexKeys || envelope.uniqueKeys != stored.record.uniqueKeys else {
                return false
            }
            var updated = envelope
            updated.indexKeys = stored.record.indexKeys
            updated.uniqueKeys = stored.record.uniqueKeys
            do {
                try await commit(WriteBatch([.put(updated, expectedVersion: envelope.version)]))
                return true
            } catch where error.reason == .conflict {
                guard let current = try await record(kind: R.kind, id: envelope.id) else { return false }
                envelope = current
            }
        }
    }
}
