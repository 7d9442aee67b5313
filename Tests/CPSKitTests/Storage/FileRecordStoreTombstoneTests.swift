@testable import CPSKit
@testable import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// Tombstones and check writes in the embedded store's files (R-UOW-1): what the conformance suite
/// cannot see from outside.
@Suite("File store: tombstones in snapshots, checks not journaled (R-UOW-1)")
struct FileRecordStoreTombstoneTests {
    private let directory = URL(fileURLWithPath: "/data/store")

    private func open(_ disk: SimulatedDisk) async throws(StorageError) -> FileRecordStore {
        try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: 0))
    }

    private func note(_ id: String, _ text: String = "x") -> RecordEnvelope {
        RecordEnvelope(kind: SampleNote.kind, id: id, version: 0, payload: Data(text.utf8), uniqueKeys: ["u:\(id)"], indexKeys: ["all"])
    }

    @Test("R-UOW-1: a tombstone survives compaction and reopening from the snapshot alone")
    func tombstoneInSnapshot() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(WriteBatch([.put(note("a"), expectedVersion: 0), .put(note("b"), expectedVersion: 0)]))
        try await store.commit(WriteBatch([.put(note("a", "two"), expectedVersion: 1)]))
        try await store.commit(WriteBatch([.delete(kind: SampleNote.kind, id: "a", expectedVersion: 2)]))
        try await store.compact()
        #expect(store.statistics.journalLength == StorageFormat.headerSize) // nothing left to replay
        #expect(store.count == 1)
        await store.close()

        let reopened = try await open(disk)
        #expect(reopened.count == 1)
        #expect(try await reopened.record(kind: SampleNote.kind, id: "a") == nil)
        await #expect(throws: StorageError.self) {
            try await reopened.commit(WriteBatch([.check(kind: SampleNote.kind, id: "a", expectedVersion: 2)]))
        }
        let back = try await reopened.commit(WriteBatch([.put(note("a", "three"), expectedVersion: 0)]))
        #expect(back.map(\.version) == [3])
        #expect(try await reopened.records(kind: SampleNote.kind, indexKey: "all").map(\.id) == ["b", "a"])
        // The re-insert lifted the tombstone; a second compaction keeps the live record only.
        try await reopened.compact()
        await reopened.close()
        let again = try await open(disk)
        #expect(try await again.record(kind: SampleNote.kind, id: "a")?.version == 3)
        try await again.commit(WriteBatch([.delete(kind: SampleNote.kind, id: "a", expectedVersion: 3)]))
        try await again.compact()
        await again.close()
        let last = try await open(disk)
        #expect(try await last.commit(WriteBatch([.put(note("a"), expectedVersion: 0)])).map(\.version) == [4])
        await last.close()
    }

    @Test("R-UOW-1: a snapshot keeps thousands of tombstones (several frames) and records in insertion order")
    func manyTombstones() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        let count = StorageFormat.snapshotChunk * 2 + 7
        try await store.commit(WriteBatch((0..<count).map { .put(note("n\($0)"), expectedVersion: 0) }))
        try await store.commit(WriteBatch((0..<count).filter { $0 % 3 != 0 }.map {
            .delete(kind: SampleNote.kind, id: "n\($0)", expectedVersion: 1)
        }))
        try await store.compact()
        await store.close()
        let reopened = try await open(disk)
        let live = (0..<count).filter { $0 % 3 == 0 }.map { "n\($0)" }
        #expect(try await reopened.records(kind: SampleNote.kind, indexKey: nil).map(\.id) == live)
        let back = try await reopened.commit(WriteBatch((0..<count).map { .put(note("m\($0)"), expectedVersion: 0) }
                                                        + [.put(note("n1"), expectedVersion: 0), .put(note("n2"), expectedVersion: 0)]))
        #expect(back.suffix(2).map(\.version) == [2, 2])
        await reopened.close()
    }

    @Test("A snapshot of format version 1 holding a tombstone frame is corrupt")
    func tombstoneFrameInVersionOne() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(WriteBatch([.put(note("a"), expectedVersion: 0), .put(note("b"), expectedVersion: 0)]))
        try await store.commit(WriteBatch([.delete(kind: SampleNote.kind, id: "a", expectedVersion: 1)]))
        try await store.compact()
        await store.close()
        let path = "/data/store/snapshot"
        // The same state in the frames of a version-3 snapshot (this build writes version 4).
        var table = RecordTable()
        try table.commit(WriteBatch([.put(note("a"), expectedVersion: 0), .put(note("b"), expectedVersion: 0)]))
        try table.commit(WriteBatch([.delete(kind: SampleNote.kind, id: "a", expectedVersion: 1)]))
        var bytes: [UInt8] = []
        StorageFormat.encodeVersionThreeSnapshot(table, generation: 1, commitSequence: 2) { bytes += $0 }
        var header = try bytes.withUnsafeBytes { raw in
            try StorageFormat.decodeHeader(raw, magic: StorageFormat.snapshotMagic, file: path)
        }
        header.version = 1
        // Version 1 had no state frame (tag 4, a u64: 21 bytes with its frame header) either.
        bytes.removeSubrange(StorageFormat.headerSize..<(StorageFormat.headerSize + StorageFormat.frameHeaderSize + 9))
        bytes.replaceSubrange(0..<StorageFormat.headerSize, with: StorageFormat.encodeHeader(header))
        disk.replaceContents(of: path, with: bytes)
        do {
            _ = try await open(disk)
            Issue.record("opened a version-1 snapshot with a tombstone frame")
        } catch {
            #expect(error.reason == .corrupt)
            #expect(error.detail.contains("tombstone"), "\(error.detail)")
        }
    }

    @Test("R-UOW-1: a batch of checks only is validated but writes nothing to the journal")
    func checksAreNotJournaled() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(WriteBatch([.put(note("a"), expectedVersion: 0)]))
        let before = store.statistics
        let syncs = disk.fileSyncs
        try await store.commit(WriteBatch([.check(kind: SampleNote.kind, id: "a", expectedVersion: 1),
                                           .check(kind: SampleNote.kind, id: "none", expectedVersion: 0)]))
        await #expect(throws: StorageError.self) {
            try await store.commit(WriteBatch([.check(kind: SampleNote.kind, id: "a", expectedVersion: 0)]))
        }
        #expect(store.statistics.journalLength == before.journalLength)
        #expect(disk.fileSyncs == syncs)
        #expect(store.statistics.committedBatches == before.committedBatches + 1)
        // A check next to a write: only the write is journaled, and replay needs nothing else.
        try await store.commit(WriteBatch([.check(kind: SampleNote.kind, id: "a", expectedVersion: 1),
                                           .put(note("b"), expectedVersion: 0)]))
        await store.close()
        let reopened = try await open(disk)
        #expect(try await reopened.records(kind: SampleNote.kind, indexKey: nil).map(\.id) == ["a", "b"])
        await reopened.close()
    }
}
