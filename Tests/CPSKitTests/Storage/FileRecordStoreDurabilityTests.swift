@testable import CPSKit
@testable import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

@Suite("File store durability and recovery (R-ADP-1)")
struct FileRecordStoreDurabilityTests {
    private let directory = URL(fileURLWithPath: "/data/store")

    private func open(_ disk: SimulatedDisk, skipFsync: Bool = false, threshold: Int = 0) async throws(StorageError) -> FileRecordStore {
        var options = FileStoreOptions(fileSystem: disk, compactionThreshold: threshold)
        options._unsafeSkipFsync = skipFsync
        return try await FileRecordStore.open(directory: directory, options: options)
    }

    /// Commits `count` notes one by one, loses power (tearing the last unsynced write), reopens and
    /// returns the IDs acknowledged before the loss that are missing afterwards.
    private func lostAfterPowerLoss(skipFsync: Bool, count: Int = 40) async throws -> [String] {
        let disk = SimulatedDisk()
        let store = try await open(disk, skipFsync: skipFsync)
        var acknowledged: [String] = []
        for index in 0..<count {
            try await store.commit(try insertNote("n\(index)", text: String(repeating: "x", count: index)))
            acknowledged.append("n\(index)")
        }
        // One more write is under way when the power goes: it must not appear half-written.
        disk.powerLoss(tearLastWrite: true)
        let reopened = try await open(disk)
        var missing: [String] = []
        for id in acknowledged {
            let note = try await reopened.fetch(SampleNote.self, id: id)
            if note?.record.text.count != Int(id.dropFirst()) { missing.append(id) }
        }
        return missing
    }

    @Test("Every commit acknowledged before a power loss survives it")
    func powerLossKeepsAcknowledgedCommits() async throws {
        #expect(try await lostAfterPowerLoss(skipFsync: false) == [])
    }

    @Test("Without fsync the power-loss check fails (the check can fail)")
    func powerLossCheckFailsWithoutFsync() async throws {
        let missing = try await lostAfterPowerLoss(skipFsync: true)
        #expect(!missing.isEmpty)
    }

    @Test("A torn last write is dropped on reopening and the store keeps working")
    func tornWriteIsDropped() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk, skipFsync: false)
        try await store.commit(try insertNote("kept"))
        // Write a frame without its fsync, then tear it.
        var unsynced = FileStoreOptions(fileSystem: disk, compactionThreshold: 0)
        unsynced._unsafeSkipFsync = true
        await store.close()
        let second = try await FileRecordStore.open(directory: directory, options: unsynced)
        try await second.commit(try insertNote("torn", text: String(repeating: "t", count: 500)))
        disk.powerLoss(tearLastWrite: true)
        let journal = try #require(disk.contents(of: "/data/store/journal"))
        let reopened = try await open(disk)
        #expect(reopened.statistics.droppedTailBytes > 0)
        #expect(reopened.statistics.journalLength < journal.count)
        #expect(try await reopened.fetch(SampleNote.self, id: "kept") != nil)
        #expect(try await reopened.fetch(SampleNote.self, id: "torn") == nil)
        try await reopened.commit(try insertNote("after"))
        await reopened.close()
        let again = try await open(disk)
        #expect(try await again.fetch(SampleNote.self, id: "after") != nil)
        #expect(again.statistics.droppedTailBytes == 0)
    }

    @Test("A truncated journal drops only the cut frame")
    func truncatedJournal() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        for index in 0..<5 { try await store.commit(try insertNote("n\(index)")) }
        await store.close()
        let journal = try #require(disk.contents(of: "/data/store/journal"))
        disk.replaceContents(of: "/data/store/journal", with: Array(journal.dropLast(7)))
        let reopened = try await open(disk)
        #expect(reopened.count == 4)
        #expect(try await reopened.fetch(SampleNote.self, id: "n4") == nil)
        #expect(try await reopened.fetch(SampleNote.self, id: "n3") != nil)
    }

    @Test("Damaged bytes in the middle of the journal refuse to open with .corrupt, never silently drop commits")
    func corruptMiddle() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        for index in 0..<5 { try await store.commit(try insertNote("n\(index)", text: "some text \(index)")) }
        await store.close()
        var journal = try #require(disk.contents(of: "/data/store/journal"))
        let middle = StorageFormat.headerSize + (journal.count - StorageFormat.headerSize) / 3
        journal[middle] ^= 0xFF
        disk.replaceContents(of: "/data/store/journal", with: journal)
        await #expect(throws: StorageError.self) { try await open(disk) }
        do {
            _ = try await open(disk)
        } catch {
            #expect(error.reason == .corrupt)
        }
    }

    @Test("A damaged last frame (nothing valid after it) is a torn tail and is dropped")
    func corruptLastFrameIsTail() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        for index in 0..<3 { try await store.commit(try insertNote("n\(index)")) }
        await store.close()
        var journal = try #require(disk.contents(of: "/data/store/journal"))
        journal[journal.count - 3] ^= 0x55
        disk.replaceContents(of: "/data/store/journal", with: journal)
        let reopened = try await open(disk)
        #expect(reopened.count == 2)
    }

    @Test("An unknown format version is refused with .unsupportedVersion", arguments: ["journal", "snapshot"])
    func unknownVersion(file: String) async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(try insertNote("n"))
        try await store.compact()
        try await store.commit(try insertNote("m"))
        await store.close()
        var bytes = try #require(disk.contents(of: "/data/store/\(file)"))
        bytes[8] = 99 // the version field
        disk.replaceContents(of: "/data/store/\(file)", with: bytes)
        do {
            _ = try await open(disk)
            Issue.record("opened a store of format version 99")
        } catch {
            #expect(error.reason == .unsupportedVersion)
        }
    }

    @Test("A second open of the same directory fails with .locked until the first closes")
    func locked() async throws {
        let directory = makeTemporaryDirectory()
        let first = try await FileRecordStore.open(directory: directory)
        do {
            _ = try await FileRecordStore.open(directory: directory)
            Issue.record("opened a locked store")
        } catch {
            #expect(error.reason == .locked)
        }
        await first.close()
        let second = try await FileRecordStore.open(directory: directory)
        await second.close()
        await #expect(throws: StorageError.self) { try await first.commit(try insertNote("closed")) }
    }

    @Test("A full disk fails the commit cleanly; nothing is committed and later commits work")
    func fullDisk() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(try insertNote("before"))
        disk.capacity = disk.usedBytes + 20
        let big = try insertNote("big", text: String(repeating: "b", count: 1000), unique: ["big"])
        do {
            try await store.commit(big)
            Issue.record("a commit succeeded on a full disk")
        } catch {
            #expect(error.reason == .unavailable)
            #expect(error.detail.contains("full"))
        }
        #expect(try await store.fetch(SampleNote.self, id: "big") == nil)
        #expect(try await store.record(holding: "big") == nil)
        let journal = try #require(disk.contents(of: "/data/store/journal"))
        #expect(journal.count == store.statistics.journalLength)
        disk.capacity = nil
        try await store.commit(try insertNote("big", text: "fits now", unique: ["big"]))
        await store.close()
        let reopened = try await open(disk)
        #expect(try await reopened.fetch(SampleNote.self, id: "big")?.record.text == "fits now")
        #expect(try await reopened.fetch(SampleNote.self, id: "before") != nil)
    }

    @Test("A failed fsync fails the commit; the batch is invisible and does not come back after reopening")
    func failedSync() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(try insertNote("before"))
        disk.failSyncs(1)
        await #expect(throws: StorageError.self) { try await store.commit(try insertNote("lost")) }
        #expect(try await store.fetch(SampleNote.self, id: "lost") == nil)
        try await store.commit(try insertNote("after"))
        disk.powerLoss()
        let reopened = try await open(disk)
        #expect(try await reopened.fetch(SampleNote.self, id: "lost") == nil)
        #expect(try await reopened.fetch(SampleNote.self, id: "after") != nil)
    }

    @Test("A full disk during compaction leaves the store working")
    func fullDiskDuringCompaction() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        for index in 0..<20 { try await store.commit(try insertNote("n\(index)")) }
        disk.capacity = disk.usedBytes + 100
        await #expect(throws: StorageError.self) { try await store.compact() }
        disk.capacity = nil
        try await store.commit(try insertNote("after"))
        await store.close()
        let reopened = try await open(disk)
        #expect(reopened.count == 21)
    }

    @Test("Compaction writes a snapshot and a fresh journal; reopening reads both")
    func compactionThenReopen() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk, threshold: 2_000)
        for index in 0..<60 { try await store.commit(try insertNote("n\(index)", unique: ["u\(index)"])) }
        var update = try #require(try await store.fetch(SampleNote.self, id: "n3"))
        update.record.text = "changed"
        var batch = WriteBatch()
        try batch.update(update)
        try await store.commit(batch)
        #expect(store.statistics.compactions > 0)
        try await store.compact()
        try await store.commit(try insertNote("last"))
        let before = try await store.records(kind: SampleNote.kind, indexKey: nil)
        await store.close()
        let reopened = try await open(disk)
        #expect(try await reopened.records(kind: SampleNote.kind, indexKey: nil) == before)
        #expect(try await reopened.record(holding: "u3")?.version == 2)
        #expect(reopened.statistics.generation > 0)
    }

    @Test("A compaction that stops between its two renames loses nothing", arguments: [2, 3])
    func crashDuringCompaction(successfulSyncs: Int) async throws {
        // Syncs of a compaction: snapshot.tmp, journal.tmp, the directory after each rename.
        // After 2: the snapshot rename is not durable; after 3: the journal rename is not.
        let disk = SimulatedDisk()
        let store = try await open(disk)
        for index in 0..<10 { try await store.commit(try insertNote("n\(index)")) }
        disk.failSyncs(1, after: successfulSyncs)
        await #expect(throws: StorageError.self) { try await store.compact() }
        // The store refuses commits it could lose rather than append to a stale journal.
        await #expect(throws: StorageError.self) { try await store.commit(try insertNote("refused")) }
        disk.powerLoss(tearLastWrite: true)
        let reopened = try await open(disk)
        #expect(reopened.count == 10)
        try await reopened.commit(try insertNote("after"))
        await reopened.close()
        #expect(try await open(disk).count == 11)
    }

    @Test("A large snapshot (loaded on two threads) and a long journal reopen with every record, key and position")
    func largeSnapshotAndJournal() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        let total = StorageFormat.parallelThreshold + 2_000
        var writes: [RecordWrite] = []
        for index in 0..<total {
            writes.append(.put(RecordEnvelope(kind: index % 10 == 0 ? "big.other" : "big.main", id: "r\(index)", version: 0,
                                              payload: Data("payload \(index)".utf8), uniqueKeys: ["u\(index)"],
                                              indexKeys: ["i\(index % 7)"]), expectedVersion: 0))
            if writes.count == 1_000 || index == total - 1 {
                try await store.commit(WriteBatch(writes))
                writes = []
            }
        }
        try await store.commit(WriteBatch([.delete(kind: "big.main", id: "r1", expectedVersion: 1),
                                           .put(RecordEnvelope(kind: "big.main", id: "r2", version: 0, payload: Data("two".utf8),
                                                               uniqueKeys: ["u1"]), expectedVersion: 1)]))
        let expectedMain = try await store.records(kind: "big.main", indexKey: nil).map(\.id)
        let expectedIndex = try await store.records(kind: "big.main", indexKey: "i3").map(\.id)
        await store.close()
        // Reopen from the journal alone, then from a snapshot.
        for compacted in [false, true] {
            let reopened = try await open(disk)
            #expect(reopened.count == total - 1)
            #expect(try await reopened.records(kind: "big.main", indexKey: nil).map(\.id) == expectedMain)
            #expect(try await reopened.records(kind: "big.main", indexKey: "i3").map(\.id) == expectedIndex)
            #expect(try await reopened.record(holding: "u1")?.id == "r2")
            #expect(try await reopened.record(holding: "u2") == nil)
            #expect(try await reopened.record(holding: "u\(total - 1)")?.id == "r\(total - 1)")
            #expect(try await reopened.record(kind: "big.other", id: "r10")?.payload == Data("payload 10".utf8))
            if !compacted { try await reopened.compact() }
            await reopened.close()
        }
        let last = try await open(disk)
        let inserted = try await last.commit(WriteBatch([.put(RecordEnvelope(kind: "big.main", id: "new", version: 0, payload: Data()),
                                                              expectedVersion: 0)]))
        #expect(inserted.first?.version == 1)
        #expect(try await last.records(kind: "big.main", indexKey: nil).last?.id == "new")
    }

    @Test("Commits that wait while another is being synced share the next fsync (group commit)")
    func groupCommit() async throws {
        try await SyncHoldTurn.shared.exclusive { try await groupCommitNow() }
    }

    private func groupCommitNow() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        disk.holdSyncs()
        let first = Task { try await store.commit(try insertNote("first")) }
        try await waitUntil { disk.heldSyncs == 1 }
        let others = (0..<7).map { index in Task { try await store.commit(try insertNote("w\(index)")) } }
        try await waitUntil { store.statistics.waitingCommits == 7 }
        disk.releaseSyncs()
        _ = try await first.value
        for other in others { _ = try await other.value }
        let statistics = store.statistics
        #expect(statistics.committedBatches == 8)
        #expect(statistics.journalSyncs == 2)
        await store.close()
        #expect(try await open(disk).count == 8)
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(120)
        while !condition() {
            guard Date() < deadline else { throw StorageError(.unavailable, detail: "timed out waiting in a test") }
            try await Task.sleep(nanoseconds: 1_000_000)
        }
    }

    @Test("Concurrent writers on the real disk all commit, and everything is there after reopening")
    func concurrentWritersRealDisk() async throws {
        let directory = makeTemporaryDirectory()
        let store = try await FileRecordStore.open(directory: directory)
        let writers = 8, perWriter = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<perWriter { try await store.commit(try insertNote("w\(writer)-\(index)")) }
                }
            }
            try await group.waitForAll()
        }
        #expect(store.statistics.committedBatches == writers * perWriter)
        #expect(store.statistics.journalSyncs <= store.statistics.committedBatches)
        await store.close()
        #expect(try await FileRecordStore.open(directory: directory).count == writers * perWriter)
    }
}
