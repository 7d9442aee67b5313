@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Storage conformance (R-ADP-1)")
struct StorageConformanceTests {
    @Test("InMemoryRecordStore passes the conformance suite")
    func inMemory() async throws {
        try await StorageConformance.run(makeStore: { InMemoryRecordStore() })
    }

    @Test("FileRecordStore on the real disk passes the conformance suite, with reopening")
    func fileStore() async throws {
        try await StorageConformance.run(
            makeStore: { try await FileRecordStore.open(directory: makeTemporaryDirectory()) },
            reopen: { try await reopenFileStore($0) })
    }

    @Test("FileRecordStore on a simulated disk passes the conformance suite, compacting after every few commits")
    func fileStoreSimulatedCompacting() async throws {
        let disk = SimulatedDisk()
        let options = FileStoreOptions(fileSystem: disk, compactionThreshold: 600)
        try await StorageConformance.run(
            makeStore: { try await FileRecordStore.open(directory: URL(fileURLWithPath: "/stores/\(UUID().uuidString)"), options: options) },
            reopen: { try await reopenFileStore($0, options: options) })
    }

    @Test("The suite catches a store that breaks a rule")
    func catchesBrokenStore() async throws {
        await #expect(throws: ConformanceFailure.self) {
            try await StorageConformance.run(makeStore: { ForgetfulStore() })
        }
    }

    @Test("R-UOW-1: the suite catches a store that ignores check writes")
    func catchesIgnoredChecks() async throws {
        let failure = await #expect(throws: ConformanceFailure.self) {
            try await StorageConformance.run(makeStore: { WrappedStore(dropChecks: true) })
        }
        #expect(failure?.rule.contains("R-UOW-1") == true, "\(String(describing: failure))")
    }

    @Test("R-ADP-1: the suite catches a store that pages with the protocol's default (a deleted cursor record restarts the read)")
    func catchesDefaultPaging() async throws {
        let failure = await #expect(throws: ConformanceFailure.self) {
            try await StorageConformance.run(makeStore: { WrappedStore(dropChecks: false) })
        }
        #expect(failure?.rule.contains("pages are stable") == true, "\(String(describing: failure))")
    }
}

/// The in-memory store behind the protocol's default pages, optionally dropping check writes.
private final class WrappedStore: RecordStore {
    private let inner = InMemoryRecordStore()
    private let dropChecks: Bool

    init(dropChecks: Bool) { self.dropChecks = dropChecks }

    func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        try await inner.record(kind: kind, id: id)
    }

    func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        try await inner.records(kind: kind, indexKey: indexKey)
    }

    func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        try await inner.record(holding: uniqueKey)
    }

    func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        try await inner.commit(dropChecks ? WriteBatch(batch.writes.filter(\.changesState)) : batch)
    }
}

/// A store that ignores expected versions: the suite must reject it.
private final class ForgetfulStore: RecordStore {
    private let inner = InMemoryRecordStore()

    func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        try await inner.record(kind: kind, id: id)
    }

    func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        try await inner.records(kind: kind, indexKey: indexKey)
    }

    func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        try await inner.record(holding: uniqueKey)
    }

    func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        var fixed = WriteBatch()
        for write in batch.writes {
            let current = try await inner.record(kind: write.kind, id: write.id)?.version ?? 0
            switch write {
            case .put(let envelope, _): fixed.append(.put(envelope, expectedVersion: current))
            case .delete(let kind, let id, _): fixed.append(.delete(kind: kind, id: id, expectedVersion: current))
            case .check(let kind, let id, _): fixed.append(.check(kind: kind, id: id, expectedVersion: current))
            }
        }
        return try await inner.commit(fixed)
    }
}
