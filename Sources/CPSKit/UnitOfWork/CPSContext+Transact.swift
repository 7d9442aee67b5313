import Foundation

// The one entry point of every state-changing call (R-UOW-1) and the one retry policy.
extension CPSContext {
    /// Runs `body` as a unit of work for `principal` and commits what it collected, with the checks of
    /// everything it read. On a conflict — at a read that saw a record change, or at the commit — the
    /// whole body runs again on a fresh unit after a jittered backoff (``CPSPolicy/retries``), through
    /// ``sleeper``; cancellation ends the wait. When every attempt lost, throws ``ConflictError``.
    /// Any other error ends the call at once, nothing written.
    ///
    /// `body` must not call outside systems (R-UOW-1): it may run more than once.
    @discardableResult
    func transact<T>(_ operation: String, as principal: Principal,
                     _ body: (UnitOfWork) async throws -> T) async throws -> T {
        let retries = policy.retries
        var attempt = 1
        while true {
            let unit = UnitOfWork(context: self, principal: principal, operation: operation)
            let lost: StorageError
            var committing = false
            do {
                let value = try await body(unit)
                committing = true
                if let committed = try await unit.commit() {
                    events.emit(.unitCommitted(operation: operation, attempt: attempt, writes: committed.writes,
                                               checks: committed.checks))
                }
                return value
            } catch let error as StorageError where error.reason == .conflict {
                lost = error
            } catch {
                // The body failed: nothing was written, its membership numbers are free again (R-MEM-2). A
                // failed commit may have written: its numbers stay used.
                if !committing { membershipNumbers.release(unit.leasedMembershipSequences) }
                throw error
            }
            // A conflict, in the body or at the commit, wrote nothing.
            membershipNumbers.release(unit.leasedMembershipSequences)
            guard attempt < retries.attempts else {
                events.emit(.conflictGivenUp(operation: operation, attempts: attempt, kind: lost.kind, id: lost.subject))
                throw ConflictError(operation: operation, attempts: attempt, kind: lost.kind, id: lost.subject)
            }
            let delay = retries.delay(afterAttempt: attempt, unit: jitterUnit())
            events.emit(.unitRetried(operation: operation, attempt: attempt, delay: delay, kind: lost.kind, id: lost.subject))
            try await sleeper.sleep(delay)
            attempt += 1
        }
    }

    /// Runs `body` on a unit that never commits: for reads that authorise and look up (R-ACC-5).
    @discardableResult
    func read<T>(_ operation: String, as principal: Principal, _ body: (UnitOfWork) async throws -> T) async throws -> T {
        try await body(UnitOfWork(context: self, principal: principal, operation: operation))
    }

    /// A uniform fraction in 0 ..< 1 from ``random`` (53 random bits).
    private func jitterUnit() -> Double {
        let bytes = random.bytes(8)
        let bits = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } >> 11
        return Double(bits) / Double(UInt64(1) << 53)
    }
}
