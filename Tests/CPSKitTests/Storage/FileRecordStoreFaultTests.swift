@testable import CPSKit
@testable import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// Stored faults of the embedded store found from outside (issue 17, point 7): a lost lock, short-lived
/// processes that never compact, options that overflow, torn tails reported, read-only opens that
/// write, missing journals (R-ADP-1).
@Suite("File store: stored faults are caught (R-ADP-1)")
struct FileRecordStoreFaultTests {
    private func note(_ id: String, _ text: String = "text") -> RecordEnvelope {
        RecordEnvelope(kind: "fixture.note", id: id, version: 0, payload: Data(text.utf8))
    }

    private func insert(_ id: String, _ text: String = "text") -> WriteBatch {
        WriteBatch([.put(note(id, text), expectedVersion: 0)])
    }

    private func ids(_ store: FileRecordStore) async throws -> [String] {
        try await store.records(kind: "fixture.note", indexKey: nil).map(\.id)
    }

    // MARK: - (a) The lock

    @Test("R-ADP-1: deleting LOCK while the store is open: the next commit is refused with .lockLost, nothing is lost")
    func deletedLockStopsCommits() async throws {
        let directory = makeTemporaryDirectory()
        let store = try await FileRecordStore.open(directory: directory)
        try await store.commit(insert("before"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("LOCK"))
        do {
            try await store.commit(insert("after"))
            Issue.record("committed after the lock file was deleted")
        } catch {
            #expect(error.reason == .lockLost)
            #expect(error.detail.contains("deleted"), "\(error.detail)")
        }
        // A second process can now take a new lock: this is why the first must stop, for good.
        let intruder = try await FileRecordStore.open(directory: directory)
        do { try await store.commit(insert("after")) } catch { #expect(error.reason == .lockLost) }
        await #expect(throws: StorageError.self) { try await store.compact() }
        #expect(try await ids(store) == ["before"], "the refused commit is not visible")
        try await intruder.commit(insert("second"))
        await store.close()
        await intruder.close()
        let reopened = try await FileRecordStore.open(directory: directory)
        #expect(try await ids(reopened) == ["before", "second"])
        await reopened.close()
    }

    @Test("R-ADP-1: replacing LOCK by another file while the store is open: the next commit is refused with .lockLost")
    func replacedLockStopsCommits() async throws {
        let directory = makeTemporaryDirectory()
        let store = try await FileRecordStore.open(directory: directory)
        try await store.commit(insert("before"))
        let other = directory.appendingPathComponent("LOCK.new")
        try Data().write(to: other)
        #expect(rename(other.path, directory.appendingPathComponent("LOCK").path) == 0)
        do {
            try await store.commit(insert("after"))
            Issue.record("committed after the lock file was replaced")
        } catch {
            #expect(error.reason == .lockLost)
            #expect(error.detail.contains("replaced"), "\(error.detail)")
        }
        await store.close()
        let reopened = try await FileRecordStore.open(directory: directory)
        #expect(try await ids(reopened) == ["before"])
        await reopened.close()
    }

    @Test("R-ADP-1: an untouched lock file lets commits through")
    func keptLockCommits() async throws {
        let disk = SimulatedDisk()
        let store = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/data/store"), options: FileStoreOptions(fileSystem: disk))
        for index in 0..<3 { try await store.commit(insert("n\(index)")) }
        #expect(store.statistics.committedBatches == 3)
        await store.close()
    }

    // MARK: - (c) Compaction counts the journal's real length

    @Test("R-ADP-1: 150 short-lived processes that each commit once compact once the journal passes the threshold")
    func shortLivedProcessesCompact() async throws {
        let disk = SimulatedDisk()
        let directory = URL(fileURLWithPath: "/data/store")
        let threshold = 2_000
        var longest = 0
        for index in 0..<150 {
            let store = try await FileRecordStore.open(directory: directory,
                                                 options: FileStoreOptions(fileSystem: disk, compactionThreshold: threshold))
            try await store.commit(insert("n\(index)", String(repeating: "x", count: 60)))
            longest = max(longest, store.statistics.journalLength)
            await store.close()
        }
        #expect(longest < threshold + 200, "the journal stays near the threshold (\(longest) bytes)")
        let reopened = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: threshold))
        #expect(reopened.statistics.generation >= 5, "compacted several times (\(reopened.statistics.generation))")
        #expect(reopened.count == 150)
        await reopened.close()
    }

    @Test("R-ADP-1: a journal already over the threshold is compacted when the store opens")
    func compactsOnOpen() async throws {
        let disk = SimulatedDisk()
        let directory = URL(fileURLWithPath: "/data/store")
        let off = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: 0))
        for index in 0..<40 { try await off.commit(insert("n\(index)", String(repeating: "y", count: 100))) }
        await off.close()
        let store = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: 1_000))
        #expect(store.statistics.compactions == 1)
        #expect(store.statistics.journalLength == StorageFormat.headerSize)
        #expect(store.count == 40)
        await store.close()
    }

    // MARK: - (d) No option overflows

    @Test("R-ADP-1: a compaction threshold up to Int.max never overflows", arguments: [Int.max, Int.max - 1, Int.max - 40, Int.max / 2])
    func hugeThreshold(_ threshold: Int) async throws {
        let disk = SimulatedDisk()
        let directory = URL(fileURLWithPath: "/data/store")
        let store = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: threshold))
        try await store.commit(insert("a"))
        #expect(store.statistics.compactions == 0)
        await store.close()
        let reopened = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: threshold))
        try await reopened.commit(insert("b"))
        #expect(reopened.count == 2)
        await reopened.close()
    }

    @Test("R-ADP-1: a negative compaction threshold is refused with .invalidOption and nothing is created", arguments: [-1, Int.min])
    func negativeThreshold(_ threshold: Int) async throws {
        let disk = SimulatedDisk()
        do {
            _ = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/data/store"),
                                         options: FileStoreOptions(fileSystem: disk, compactionThreshold: threshold))
            Issue.record("opened with compactionThreshold \(threshold)")
        } catch {
            #expect(error.reason == .invalidOption)
            #expect(error.category == .configuration)
        }
        #expect(!disk.directoryExists("/data/store"))
    }

    @Test("R-ADP-1: page limits at the ends of Int read everything or nothing, without trapping",
          arguments: [(Int.max, 3), (Int.max - 1, 3), (0, 0), (-1, 0), (Int.min, 0)])
    func extremePageLimits(_ limit: Int, _ expected: Int) async throws {
        let store = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/data/store"),
                                             options: FileStoreOptions(fileSystem: SimulatedDisk()))
        for index in 0..<3 { try await store.commit(insert("n\(index)")) }
        let page = try await store.records(kind: "fixture.note", indexKey: nil, after: nil, limit: limit)
        #expect(page.records.count == expected && page.next == nil)
        let last = RecordCursor(sequence: .max, lastID: "n2")
        #expect(try await store.records(kind: "fixture.note", indexKey: nil, after: last, limit: limit).records.isEmpty)
        await store.close()
    }

    // MARK: - (e) Torn tails are reported; read-only opens write nothing

    @Test("R-ADP-1, R-UOW-3: a torn tail is reported through the event sink with its bytes and commits")
    func tornTailIsReported() async throws {
        let directory = try StoreFixtures.copy("format-2-torn")
        let events = RecordingEventSink()
        let store = try await FileRecordStore.open(directory: directory, options: FileStoreOptions().reporting(to: events.sink))
        let bytes = store.statistics.droppedTailBytes
        #expect(bytes > 0)
        #expect(store.statistics.droppedTailCommits == 1)
        #expect(events.events == [.journalTailDropped(bytes: bytes, commits: 1)])
        await store.close()
        let again = try await FileRecordStore.open(directory: directory, options: FileStoreOptions().reporting(to: events.sink))
        #expect(events.events.count == 1, "reported once: the tail was cut")
        await again.close()
    }

    /// Every file of `directory` with its bytes and modification time.
    private func files(_ directory: URL) throws -> [String: (Data, Date)] {
        var result: [String: (Data, Date)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let url = directory.appendingPathComponent(name)
            let date = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
            result[name] = (try Data(contentsOf: url), date)
        }
        return result
    }

    @Test("R-ADP-1: a read-only open never rewrites a file: no cut tail, no upgrade, no compaction, no commit",
          arguments: ["format-2-torn", "format-2"])
    func readOnlyWritesNothing(_ fixture: String) async throws {
        let directory = try StoreFixtures.copy(fixture)
        try Data("left over".utf8).write(to: directory.appendingPathComponent("snapshot.tmp"))
        let before = try files(directory)
        // The copies' times are now; make them old, so that a rewrite would show.
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        for name in before.keys {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: directory.appendingPathComponent(name).path)
        }
        let store = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(compactionThreshold: 1), readOnly: true)
        #expect(store.count == 5)
        #expect(store.statistics.compactions == 0)
        #expect((store.statistics.droppedTailBytes > 0) == (fixture == "format-2-torn"), "reported, not cut")
        await #expect(throws: StorageError.self) { try await store.commit(insert("new")) }
        await #expect(throws: StorageError.self) { try await store.compact() }
        await store.close()
        let after = try files(directory)
        for (name, (data, _)) in before {
            let now = try #require(after[name], "\(name) is still there")
            #expect(now.0 == data, "\(name) has the same bytes")
            #expect(now.1 == old, "\(name) was not written")
        }
    }

    @Test("R-ADP-1: a read-only open of a directory that does not exist creates nothing and reads an empty store")
    func readOnlyMissingDirectory() async throws {
        let directory = makeTemporaryDirectory()
        let store = try await FileRecordStore.open(directory: directory, readOnly: true)
        #expect(store.count == 0)
        await store.close()
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    // MARK: - (f) Missing or header-only journals

    @Test("R-ADP-1: a snapshot without its journal is refused with .incomplete, not opened without the journal's commits")
    func missingJournalBesideSnapshot() async throws {
        let directory = try StoreFixtures.copy("format-2")
        try FileManager.default.removeItem(at: directory.appendingPathComponent("journal"))
        for readOnly in [false, true] {
            do {
                _ = try await FileRecordStore.open(directory: directory, readOnly: readOnly)
                Issue.record("opened a store whose journal is missing")
            } catch {
                #expect(error.reason == .incomplete)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("journal").path), "nothing was created")
    }

    @Test("R-ADP-1: a header-only journal beside other files and no snapshot is refused with .incomplete")
    func headerOnlyJournalBesideOtherFiles() async throws {
        let disk = SimulatedDisk()
        let directory = URL(fileURLWithPath: "/data/store")
        let options = FileStoreOptions(fileSystem: disk, compactionThreshold: 0)
        let store = try await FileRecordStore.open(directory: directory, options: options)
        try await store.commit(insert("a"))
        await store.close()
        // Cut the journal back to its header (as a careless copy or repair would) beside a stray file.
        let journal = try #require(disk.contents(of: "/data/store/journal"))
        disk.replaceContents(of: "/data/store/journal", with: Array(journal.prefix(StorageFormat.headerSize)))
        let stray = try disk.createFile("/data/store/journal.old")
        disk.close(stray)
        await #expect(throws: StorageError.self) { try await FileRecordStore.open(directory: directory, options: options) }
        do { _ = try await FileRecordStore.open(directory: directory, options: options) } catch {
            #expect(error.reason == .incomplete)
        }
    }

    @Test("R-ADP-1: a new, an empty or a never-committed store directory opens as an empty store")
    func emptyDirectoriesOpen() async throws {
        let disk = SimulatedDisk()
        let options = FileStoreOptions(fileSystem: disk, compactionThreshold: 0)
        let new = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/data/new"), options: options)
        await new.close()
        let again = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/data/new"), options: options)
        #expect(again.count == 0)
        await again.close()
        try disk.createDirectory("/data/empty")
        let empty = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/data/empty"), options: options)
        #expect(empty.count == 0)
        await empty.close()
    }
}
