import CPSKit
import Foundation
import Synchronization

/// `InMemoryRecordStore`: puts with version checks (inserts, then updates of the same records) and a
/// get after each, against a `Mutex`-protected `Dictionary` doing the same version check.
enum InMemoryStoreBench {
    static let workload = Workload(name: "in-memory-store", targetRatio: 3) { context in
        let operations = context.size(1_000_000, smoke: 10_000)
        let records = operations / 2
        let payload = Data(repeating: 0x61, count: 120)
        let envelopes = (0..<records).map { RecordEnvelope(kind: "product", id: "product-\($0)", version: 0, payload: payload) }
        var oursFound = 0
        var baselineFound = 0
        let (ours, baseline) = try await Clock.compare(repetitions: context.repetitions, ours: {
            let store = InMemoryRecordStore()
            var found = 0
            let seconds = try await Clock.time {
                for expected in [UInt64(0), 1] {
                    for envelope in envelopes {
                        try store.commitNow(WriteBatch([.put(envelope, expectedVersion: expected)]))
                        if let stored = try await store.record(kind: envelope.kind, id: envelope.id),
                           stored.version == expected + 1 { found += 1 }
                    }
                }
            }
            oursFound = found
            return seconds
        }, baseline: {
            let store = DictionaryStore()
            var found = 0
            let seconds = try Clock.time {
                for expected in [UInt64(0), 1] {
                    for envelope in envelopes {
                        try store.put(envelope, expectedVersion: expected)
                        if let stored = store.get(kind: envelope.kind, id: envelope.id),
                           stored.version == expected + 1 { found += 1 }
                    }
                }
            }
            baselineFound = found
            return seconds
        })
        guard oursFound == operations / 2 * 2, baselineFound == oursFound else {
            throw BenchFailure("gets found \(oursFound) (ours) and \(baselineFound) (baseline) of \(operations)")
        }
        return Comparison(ours: ours, baseline: baseline, notes: ["puts": String(records * 2), "gets": String(records * 2)])
    }
}

/// The baseline: one `Dictionary` behind one `Mutex`, with the same optimistic version check.
final class DictionaryStore: Sendable {
    struct Key: Hashable {
        let kind: String
        let id: String
    }

    struct VersionConflict: Error {}

    private let records = Mutex<[Key: RecordEnvelope]>([:])

    func put(_ envelope: RecordEnvelope, expectedVersion: UInt64) throws {
        try records.withLock { records in
            let key = Key(kind: envelope.kind, id: envelope.id)
            let current = records[key]?.version ?? 0
            guard current == expectedVersion else { throw VersionConflict() }
            var stored = envelope
            stored.version = expectedVersion + 1
            records[key] = stored
        }
    }

    func get(kind: String, id: String) -> RecordEnvelope? {
        records.withLock { $0[Key(kind: kind, id: id)] }
    }
}
