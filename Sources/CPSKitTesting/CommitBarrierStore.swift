import CPSKit
import Foundation

/// A store that, once armed (``arm(parties:)``), holds back the next `parties` commits matching a
/// predicate until all of them have arrived, then lets them through together (R-GDPR-3, R-UOW-1):
/// two writers that read the same record and commit "at once", without timing. Other commits, and
/// commits after the release, pass straight through.
package final class CommitBarrierStore: RecordStore {
    /// Every mutable field, behind ``state``.
    private struct State {
        var waiting: [CheckedContinuation<Void, Never>] = []
        var remaining = 0
    }

    private let base: any RecordStore
    private let matches: @Sendable (WriteBatch) -> Bool
    private let state: Locked<State>

    /// Wraps `base`, disarmed.
    package init(_ base: any RecordStore, matches: @escaping @Sendable (WriteBatch) -> Bool) {
        self.base = base
        self.matches = matches
        state = Locked(State())
    }

    /// Holds back the next `parties` matching commits until all of them have arrived.
    package func arm(parties: Int = 2) { state.withLock { $0.remaining = parties } }

    /// Forwards to the wrapped store (R-ADP-1).
    package func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        try await base.record(kind: kind, id: id)
    }

    /// Forwards to the wrapped store (R-ADP-1).
    package func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        try await base.records(kind: kind, indexKey: indexKey)
    }

    /// Forwards to the wrapped store (R-ADP-1).
    package func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        try await base.record(holding: uniqueKey)
    }

    /// Forwards to the wrapped store (R-ADP-1).
    package func records(kind: String, indexKey: String?, after cursor: RecordCursor?, limit: Int) async throws(StorageError) -> RecordPage {
        try await base.records(kind: kind, indexKey: indexKey, after: cursor, limit: limit)
    }

    /// Forwards to the wrapped store (R-ADP-1).
    package func records(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                         limit: Int) async throws(StorageError) -> RecordPage {
        try await base.records(kind: kind, indexKeysFrom: lower, below: upper, after: cursor, limit: limit)
    }

    /// Forwards to the wrapped store (R-ADP-1).
    package func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        if matches(batch), state.withLock({ $0.remaining > 0 }) {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let release: [CheckedContinuation<Void, Never>] = state.withLock { state in
                    guard state.remaining > 0 else { return [continuation] }
                    state.remaining -= 1
                    state.waiting.append(continuation)
                    if state.remaining == 0 { defer { state.waiting = [] }; return state.waiting }
                    return []
                }
                for waiter in release { waiter.resume() }
            }
        }
        return try await base.commit(batch)
    }

    /// Forwards to the wrapped store (R-ADP-1).
    package func close() async { await base.close() }
}
