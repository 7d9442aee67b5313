/// Reads a job's candidates page by page (R-UOW-2): bounded memory, at most one page of work.
struct JobPager {
    let context: CPSContext

    /// Calls `visit` on the records of `R` holding `indexKey`, in insertion order, reading pages of the
    /// policy's size, until `visit` has acted (returned `true`) ``JobPolicy/pageSize`` times. Returns
    /// whether candidates were left unvisited because the limit was reached.
    func visit<R: StoredRecord>(_ type: R.Type, indexKey: IndexKey<R>,
                                _ visit: (Stored<R>) async throws -> Bool) async throws -> Bool {
        let limit = context.policy.jobs.pageSize
        var acted = 0
        var cursor: RecordCursor?
        repeat {
            let page = try await context.store.records(indexKey, after: cursor, limit: limit)
            for envelope in page.records {
                if acted >= limit { return true } // a candidate is left unvisited
                if try await visit(try RecordCoder.decode(R.self, from: envelope)) { acted += 1 }
            }
            cursor = page.next
        } while cursor != nil && acted < limit
        return cursor != nil
    }
}
