@testable import CPSKit
@testable import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// The version-4 snapshot read in place (issue 17 item 1, R-ADP-1, R-UOW-1): the journal tail laid
/// over it, every read against an in-memory store given the same commits, and damage of any byte or a
/// truncation reported as `corrupt`, never a crash or a wrong answer.
@Suite("File store: the snapshot read in place (R-ADP-1)")
struct IndexedSnapshotTests {
    private let directory = URL(fileURLWithPath: "/data/store")

    private func open(_ disk: SimulatedDisk, readOnly: Bool = false) async throws(StorageError) -> FileRecordStore {
        try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: 0),
                                 readOnly: readOnly)
    }

    private func note(_ id: String, _ text: String, unique: [String] = [], index: [String] = []) -> RecordEnvelope {
        RecordEnvelope(kind: "note", id: id, version: 0, payload: Data(text.utf8), uniqueKeys: unique, indexKeys: index)
    }

    /// Everything a store answers about the records `ids` of kind `note` and the keys used below.
    private func answers(_ store: any RecordStore, ids: [String]) async throws -> [String] {
        var lines: [String] = []
        for id in ids {
            let record = try await store.record(kind: "note", id: id)
            lines.append("\(id): \(record.map { "\($0.version) \(String(decoding: $0.payload, as: UTF8.self)) \($0.uniqueKeys) \($0.indexKeys)" } ?? "-")")
        }
        for key in ["all", "even", "odd", "day:2026-12-03", "day:2026-12-04", "none"] {
            lines.append("\(key): \(try await store.records(kind: "note", indexKey: key).map(\.id))")
            var cursor: RecordCursor?
            var paged: [String] = []
            repeat {
                let page = try await store.records(kind: "note", indexKey: key, after: cursor, limit: 3)
                paged += page.records.map(\.id)
                cursor = page.next
            } while cursor != nil
            lines.append("\(key) paged: \(paged)")
        }
        lines.append("kind: \(try await store.records(kind: "note", indexKey: nil).map(\.id))")
        // A range of index keys (due days), whole and in pages: snapshot and overlay keys merged.
        for (lower, upper) in [("day:", "day;"), ("day:2026-12-04", "day:2026-12-05"), ("a", "f")] {
            var cursor: RecordCursor?
            var paged: [String] = []
            repeat {
                let page = try await store.records(kind: "note", indexKeysFrom: lower, below: upper, after: cursor, limit: 4)
                paged += page.records.map { "\($0.id)" }
                cursor = page.next
            } while cursor != nil
            lines.append("range \(lower)..<\(upper): \(paged)")
        }
        for unique in ["u:0", "u:1", "u:2", "u:moved", "u:7"] {
            lines.append("\(unique): \(try await store.record(holding: unique)?.id ?? "-")")
        }
        return lines
    }

    @Test("R-ADP-1, R-UOW-1: updates, deletes, re-inserts and key moves over a snapshot read as in memory, before and after reopening and compacting")
    func overlayMatchesMemory() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        let memory = InMemoryRecordStore()
        func both(_ batch: WriteBatch) async throws {
            let a = try await store.commit(batch)
            let b = try await memory.commit(batch)
            #expect(a == b)
        }
        let ids = (0..<40).map { "n\($0)" }
        for chunk in stride(from: 0, to: 40, by: 10) {
            try await both(WriteBatch((chunk..<(chunk + 10)).map { number in
                .put(note("n\(number)", "v1 \(number)", unique: ["u:\(number)"],
                          index: ["all", number % 2 == 0 ? "even" : "odd", "day:2026-12-0\(3 + number % 2)"]), expectedVersion: 0)
            }))
        }
        try await both(WriteBatch([.delete(kind: "note", id: "n5", expectedVersion: 1)]))
        try await store.compact()
        let snapshot = try #require(disk.contents(of: "/data/store/snapshot"))
        #expect(snapshot[8] == 4, "format version 4")
        // The journal tail over the snapshot.
        try await both(WriteBatch([.put(note("n1", "v2", unique: ["u:moved"], index: ["even"]), expectedVersion: 1)]))
        try await both(WriteBatch([.put(note("n7", "takes u:1", unique: ["u:1"], index: ["odd", "all"]), expectedVersion: 1)]))
        try await both(WriteBatch([.delete(kind: "note", id: "n2", expectedVersion: 1)]))
        try await both(WriteBatch([.put(note("n5", "back", unique: ["u:5"], index: ["all"]), expectedVersion: 0)]))
        try await both(WriteBatch([.put(note("n40", "new", index: ["all", "day:2026-12-03"]), expectedVersion: 0)]))
        try await both(WriteBatch([.check(kind: "note", id: "n3", expectedVersion: 1)]))
        await #expect(throws: StorageError.self) {
            try await store.commit(WriteBatch([.check(kind: "note", id: "n3", expectedVersion: 2)]))
        }
        await #expect(throws: StorageError.self) {
            try await store.commit(WriteBatch([.put(note("n41", "x", unique: ["u:0"]), expectedVersion: 0)]))
        }
        let all = ids + ["n40", "n41"]
        let expected = try await answers(memory, ids: all)
        #expect(try await answers(store, ids: all) == expected)
        #expect(store.count == memory.count)
        await store.close()
        let reopened = try await open(disk)
        #expect(try await answers(reopened, ids: all) == expected)
        // n2's tombstone (in the journal) and n5's (in the snapshot, then re-inserted) keep versions.
        let again = try await reopened.commit(WriteBatch([.put(note("n2", "again"), expectedVersion: 0)]))
        #expect(again.map(\.version) == [2])
        try await memory.commit(WriteBatch([.put(note("n2", "again"), expectedVersion: 0)]))
        try await reopened.compact()
        #expect(try await answers(reopened, ids: all) == (try await answers(memory, ids: all)))
        await reopened.close()
        let third = try await open(disk)
        #expect(try await answers(third, ids: all) == (try await answers(memory, ids: all)))
        #expect(third.count == memory.count)
        await third.close()
    }

    /// A compacted store of 300 records (several blocks) on `disk`.
    private func compactedStore(_ disk: SimulatedDisk) async throws -> [UInt8] {
        let store = try await open(disk)
        try await store.commit(WriteBatch((0..<300).map {
            .put(note("n\($0)", String(repeating: "p", count: 40), unique: ["u:\($0)"], index: ["all", "k\($0 % 7)"]), expectedVersion: 0)
        }))
        try await store.commit(WriteBatch([.delete(kind: "note", id: "n9", expectedVersion: 1)]))
        try await store.compact()
        await store.close()
        return try #require(disk.contents(of: "/data/store/snapshot"))
    }

    /// What a store opened on `disk` answers, or the error that stops it.
    private func readAll(_ disk: SimulatedDisk) async -> Result<[String], StorageError> {
        do throws(StorageError) {
            let store = try await open(disk, readOnly: true)
            defer { store.close() }
            var lines = [try await store.records(kind: "note", indexKey: nil).map { "\($0.id) \($0.version) \($0.payload.count) \($0.uniqueKeys) \($0.indexKeys)" }.joined()]
            for key in ["all", "k3"] { lines.append("\(try await store.records(kind: "note", indexKey: key).map(\.id))") }
            for number in [0, 9, 150, 299] {
                lines.append("\(try await store.record(kind: "note", id: "n\(number)")?.version ?? 0)")
                lines.append(try await store.record(holding: "u:\(number)")?.id ?? "-")
            }
            let page = try await store.records(kind: "note", indexKey: "k2", after: nil, limit: 5)
            lines.append("\(page.records.map(\.id)) \(page.next?.sequence ?? 0)")
            return .success(lines)
        } catch {
            return .failure(error)
        }
    }

    @Test("R-ADP-1: a damaged byte anywhere in a version-4 snapshot is `corrupt` when opened or read, never a crash or a wrong answer")
    func damageIsCorrupt() async throws {
        let disk = SimulatedDisk()
        let bytes = try await compactedStore(disk)
        let intact = try await readAll(disk).get()
        // Every 97th byte (and the last), flipped in turn: what is read is either refused or right.
        for offset in Array(stride(from: 0, to: bytes.count, by: 97)) + [bytes.count - 1] {
            var damaged = bytes
            damaged[offset] ^= 0x5A
            disk.replaceContents(of: "/data/store/snapshot", with: damaged)
            switch await readAll(disk) {
            case .success(let answers): #expect(answers == intact, "byte \(offset) of \(bytes.count) gave a wrong answer")
            case .failure(let error): #expect(error.reason == .corrupt, "byte \(offset) of \(bytes.count): \(error)")
            }
            // Verification finds it too, changing nothing.
            let report = try FileRecordStore.verify(directory: directory, options: FileStoreOptions(fileSystem: disk))
            #expect(report.problems.map(\.code) == ["storage.corrupt"], "byte \(offset)")
            #expect(disk.contents(of: "/data/store/snapshot") == damaged)
        }
        disk.replaceContents(of: "/data/store/snapshot", with: bytes)
        #expect(try FileRecordStore.verify(directory: directory, options: FileStoreOptions(fileSystem: disk)).problems.isEmpty)
    }

    @Test("R-ADP-1: malformed sections behind valid checksums (any byte changed, every checksum recomputed) answer or throw, never trap")
    func malformedSectionsNeverTrap() async throws {
        let disk = SimulatedDisk()
        let bytes = try await compactedStore(disk)
        for offset in stride(from: 0, to: bytes.count - SnapshotLayout.footerSize, by: 67) {
            for flip: UInt8 in [0x01, 0xFF] {
                var damaged = bytes
                damaged[offset] ^= flip
                SnapshotLayout.reseal(&damaged)
                disk.replaceContents(of: "/data/store/snapshot", with: damaged)
                if case .failure(let error) = await readAll(disk) {
                    #expect([.corrupt, .unsupportedVersion, .outOfOrder].contains(error.reason), "byte \(offset): \(error)")
                }
            }
        }
    }

    @Test("R-ADP-1: a truncated version-4 snapshot is `corrupt` (read with pread: no SIGBUS)", arguments: [0, 1, 40, 100, 4096, -1, -48, -49])
    func truncationIsCorrupt(_ cut: Int) async throws {
        let disk = SimulatedDisk()
        let bytes = try await compactedStore(disk)
        let length = cut >= 0 ? cut : bytes.count + cut
        disk.replaceContents(of: "/data/store/snapshot", with: Array(bytes.prefix(length)))
        if case .failure(let error) = await readAll(disk) {
            #expect(error.reason == .corrupt, "\(error)")
        } else {
            Issue.record("a snapshot cut to \(length) bytes opened and read")
        }
    }

    @Test("R-ADP-1: a snapshot truncated under an open store fails the next read with `corrupt`")
    func truncatedWhileOpen() async throws {
        let disk = SimulatedDisk()
        let bytes = try await compactedStore(disk)
        let store = try await open(disk, readOnly: true)
        disk.replaceContents(of: "/data/store/snapshot", with: Array(bytes.prefix(bytes.count / 3)))
        await #expect(throws: StorageError.self) { _ = try await store.records(kind: "note", indexKey: nil) }
        await store.close()
    }
}
