@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The shared state machine (`RecordTable`, behind both bundled stores) against a naive model over
/// thousands of random writes: versions with tombstones (R-UOW-1), insertion order, index keys, and
/// pages, also once most of the order and index lists are stale and pruned (R-ADP-1).
@Suite("RecordTable against a naive model (R-ADP-1, R-UOW-1)")
struct RecordTableModelTests {
    /// What the store should hold: per ID its live record (sequence, version, index keys) or its last version.
    private struct Model {
        var live: [String: (sequence: Int, version: UInt64, keys: [String])] = [:]
        var last: [String: UInt64] = [:]
        var nextSequence = 0

        func ids(holding key: String?) -> [String] {
            live.filter { key == nil || $0.value.keys.contains(key!) }.sorted { $0.value.sequence < $1.value.sequence }.map(\.key)
        }
    }

    @Test("R-ADP-1/R-UOW-1: 4,000 random inserts, updates and deletes read like the model, in full and in pages", arguments: [1, 2])
    func randomWrites(seed: UInt64) async throws {
        var generator = SeededRandomNumberGenerator(seed: seed)
        let store = InMemoryRecordStore()
        var model = Model()
        let keys = ["k0", "k1", "k2", "k3"]
        let kind = "model.record"
        for step in 0..<4_000 {
            let id = "r\(Int.random(in: 0..<120, using: &generator))"
            let heldKeys = keys.filter { _ in Bool.random(using: &generator) } + (Bool.random(using: &generator) ? ["k0"] : [])
            let envelope = RecordEnvelope(kind: kind, id: id, version: 0, payload: Data("\(step)".utf8), indexKeys: heldKeys)
            if let record = model.live[id] {
                if Int.random(in: 0..<3, using: &generator) == 0 {
                    try await store.commit(WriteBatch([.delete(kind: kind, id: id, expectedVersion: record.version)]))
                    model.live[id] = nil
                    model.last[id] = record.version
                } else {
                    let stored = try await store.commit(WriteBatch([.check(kind: kind, id: id, expectedVersion: record.version),
                                                                   .put(envelope, expectedVersion: record.version)]))
                    #expect(stored.first?.version == record.version + 1)
                    model.live[id] = (record.sequence, record.version + 1, heldKeys)
                }
            } else {
                let stored = try await store.commit(WriteBatch([.put(envelope, expectedVersion: 0)]))
                let version = (model.last[id] ?? 0) + 1
                #expect(stored.first?.version == version, "re-insert of \(id)")
                model.live[id] = (model.nextSequence, version, heldKeys)
                model.last[id] = nil
                model.nextSequence += 1
            }
            if step % 97 == 0 || step == 3_999 {
                for key in [nil] + keys {
                    let expected = model.ids(holding: key)
                    #expect(try await store.records(kind: kind, indexKey: key).map(\.id) == expected, "step \(step), key \(key ?? "-")")
                    let limit = Int.random(in: 1...9, using: &generator)
                    var paged: [String] = []
                    var cursor: RecordCursor?
                    repeat {
                        let page = try await store.records(kind: kind, indexKey: key, after: cursor, limit: limit)
                        paged += page.records.map(\.id)
                        cursor = page.next
                        #expect(page.records.count <= limit)
                    } while cursor != nil && paged.count <= expected.count
                    #expect(paged == expected, "pages at step \(step), key \(key ?? "-"), limit \(limit)")
                }
                #expect(store.count == model.live.count)
            }
        }
        for (id, version) in model.last {
            let check = WriteBatch([.check(kind: kind, id: id, expectedVersion: version)])
            await #expect(throws: StorageError.self) { try await store.commit(check) }
        }
    }
}
