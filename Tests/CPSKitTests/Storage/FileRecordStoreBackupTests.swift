@testable import CPSKit
@testable import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// `FileRecordStore.backup(to:)` and `FileRecordStore.verify(directory:)` (R-ADP-1).
@Suite("File store: online backup and verify (R-ADP-1)")
struct FileRecordStoreBackupTests {
    private func envelope(_ kind: String, _ id: String, _ text: String) -> RecordEnvelope {
        RecordEnvelope(kind: kind, id: id, version: 0, payload: Data(text.utf8), indexKeys: ["writer"])
    }

    @Test("R-ADP-1: a backup taken while writers go on restores to a committed prefix of every writer")
    func backupWhileWriting() async throws {
        let disk = SimulatedDisk()
        let store = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/data/store"),
                                             options: FileStoreOptions(fileSystem: disk, compactionThreshold: 4_000))
        let writers = 4, commits = 60
        let backup = URL(fileURLWithPath: "/backup/store")
        let result = try await withThrowingTaskGroup(of: (records: Int, commitSequence: UInt64)?.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    // Each commit adds one item and moves the writer's counter to the number of its items.
                    for n in 1...commits {
                        let counter = envelope("fixture.counter", "c\(writer)", "\(n)")
                        try await store.commit(WriteBatch([
                            .put(envelope("fixture.item", "w\(writer)-\(n)", "item \(n)"), expectedVersion: 0),
                            .put(counter, expectedVersion: UInt64(n - 1)),
                        ]))
                    }
                    return nil
                }
            }
            group.addTask {
                while store.statistics.committedBatches < writers * commits / 3 { await Task.yield() }
                return try store.backup(to: backup)
            }
            var copied: (records: Int, commitSequence: UInt64)?
            for try await value in group { if let value { copied = value } }
            return try #require(copied)
        }
        #expect(store.statistics.committedBatches == writers * commits)
        #expect(result.commitSequence >= UInt64(writers * commits / 3))
        let restored = try await FileRecordStore.open(directory: backup, options: FileStoreOptions(fileSystem: disk))
        #expect(restored.count == result.records)
        #expect(restored.statistics.commitSequence == result.commitSequence)
        var total = 0
        for writer in 0..<writers {
            let counter = try await restored.record(kind: "fixture.counter", id: "c\(writer)")
            let done = Int(counter?.version ?? 0)
            #expect(counter.map { String(decoding: $0.payload, as: UTF8.self) } ?? "0" == "\(done)")
            let items = try await restored.records(kind: "fixture.item", indexKey: nil).filter { $0.id.hasPrefix("w\(writer)-") }
            #expect(items.map(\.id) == (0..<done).map { "w\(writer)-\($0 + 1)" }, "a prefix of writer \(writer)'s commits")
            for item in items {
                #expect(try await store.record(kind: "fixture.item", id: item.id) == item, "as committed")
            }
            total += done
        }
        #expect(UInt64(total) == result.commitSequence, "exactly the commits up to the backup's sequence")
        // The copy is a working store.
        try await restored.commit(WriteBatch([.put(envelope("fixture.item", "after", "x"), expectedVersion: 0)]))
        await restored.close()
        await store.close()
    }

    @Test("R-ADP-1: a backup keeps tombstones and reopens on the real disk")
    func backupKeepsTombstones() async throws {
        let directory = makeTemporaryDirectory()
        let store = try await FileRecordStore.open(directory: directory)
        try await store.commit(WriteBatch([.put(envelope("fixture.item", "a", "1"), expectedVersion: 0)]))
        try await store.commit(WriteBatch([.delete(kind: "fixture.item", id: "a", expectedVersion: 1)]))
        let target = directory.deletingLastPathComponent().appendingPathComponent("backup")
        try store.backup(to: target)
        await store.close()
        let restored = try await FileRecordStore.open(directory: target)
        let back = try await restored.commit(WriteBatch([.put(envelope("fixture.item", "a", "2"), expectedVersion: 0)]))
        #expect(back.map(\.version) == [2])
        await restored.close()
    }

    @Test("R-ADP-1: a backup into a non-empty directory or the store itself is refused with .invalidOption")
    func backupTargetMustBeEmpty() async throws {
        let disk = SimulatedDisk()
        let store = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/data/store"), options: FileStoreOptions(fileSystem: disk))
        try await store.commit(WriteBatch([.put(envelope("fixture.item", "a", "1"), expectedVersion: 0)]))
        try disk.createDirectory("/other")
        disk.close(try disk.createFile("/other/file"))
        for target in ["/data/store", "/other"] {
            #expect(throws: StorageError.self) { try store.backup(to: URL(fileURLWithPath: target)) }
            do { try store.backup(to: URL(fileURLWithPath: target)) } catch { #expect(error.reason == .invalidOption) }
        }
        await store.close()
        #expect(throws: StorageError.self) { try store.backup(to: URL(fileURLWithPath: "/elsewhere")) }
    }

    // MARK: - verify

    @Test("R-ADP-1: verify reports a healthy store, a torn tail and an older format as warnings, changing nothing")
    func verifyWarnings() async throws {
        let healthy = makeTemporaryDirectory()
        let store = try await FileRecordStore.open(directory: healthy)
        try await store.commit(WriteBatch([.put(envelope("fixture.item", "a", "1"), expectedVersion: 0)]))
        await store.close()
        let fine = try FileRecordStore.verify(directory: healthy)
        #expect(!fine.isDamaged && fine.warnings.isEmpty && fine.records == 1 && fine.commitSequence == 1)

        let torn = try StoreFixtures.copy("format-2-torn")
        let journal = try Data(contentsOf: torn.appendingPathComponent("journal"))
        let report = try FileRecordStore.verify(directory: torn)
        #expect(!report.isDamaged)
        #expect(report.records == 5 && report.formatVersion == 2)
        #expect(report.tornTailBytes > 0 && report.tornTailCommits == 1)
        #expect(report.warnings.map(\.code) == ["store.tornTail", "store.olderFormat"])
        #expect(try Data(contentsOf: torn.appendingPathComponent("journal")) == journal, "nothing was cut")

        let missing = try FileRecordStore.verify(directory: makeTemporaryDirectory())
        #expect(!missing.exists && !missing.isDamaged)
    }

    @Test("R-ADP-1: verify reports damage (a repeated frame, a missing journal) as problems, changing nothing")
    func verifyProblems() async throws {
        let repeated = try StoreFixtures.copy("format-2")
        let journalURL = repeated.appendingPathComponent("journal")
        let journal = Array(try Data(contentsOf: journalURL))
        let frames = FileRecordStoreReplayTests.frames(journal)
        try Data(journal + journal[frames[0]]).write(to: journalURL)
        let report = try FileRecordStore.verify(directory: repeated)
        #expect(report.isDamaged)
        #expect(report.problems.map(\.code) == ["storage.outOfOrder"])
        #expect(try Data(contentsOf: journalURL) == Data(journal + journal[frames[0]]))

        try FileManager.default.removeItem(at: journalURL)
        #expect(try FileRecordStore.verify(directory: repeated).problems.map(\.code) == ["storage.incomplete"])
        #expect(!FileManager.default.fileExists(atPath: journalURL.path))
    }
}
