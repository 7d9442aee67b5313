@testable import CPSKit
@testable import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// Recovery replays a journal frame only if it follows the state before it: its commit sequence
/// (format version 3) and its record versions (every version) (R-ADP-1).
@Suite("File store: stale or repeated journal frames are refused (R-ADP-1)")
struct FileRecordStoreReplayTests {
    private let directory = URL(fileURLWithPath: "/data/store")
    private let journalPath = "/data/store/journal"

    private func open(_ disk: SimulatedDisk) async throws(StorageError) -> FileRecordStore {
        try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: 0))
    }

    private func points(_ value: Int) -> RecordEnvelope {
        RecordEnvelope(kind: "fixture.ledger", id: "l1", version: 0, payload: Data("points \(value)".utf8))
    }

    /// The byte ranges of the journal's frames (header excluded), in order.
    static func frames(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var offset = StorageFormat.headerSize
        bytes.withUnsafeBytes { raw in
            while let payload = StorageFormat.frame(in: raw, at: offset) {
                ranges.append(offset..<payload.upperBound)
                offset = payload.upperBound
            }
        }
        return ranges
    }

    /// A store whose ledger went 600 → 1200 → 1800, closed; returns the disk and the journal bytes.
    private func ledgerStore() async throws -> (SimulatedDisk, [UInt8]) {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(WriteBatch([.put(points(600), expectedVersion: 0)]))
        try await store.commit(WriteBatch([.put(points(1200), expectedVersion: 1)]))
        try await store.commit(WriteBatch([.put(points(1800), expectedVersion: 2)]))
        #expect(store.statistics.commitSequence == 3)
        await store.close()
        return (disk, try #require(disk.contents(of: journalPath)))
    }

    @Test("R-ADP-1: a valid frame appearing twice is refused with .outOfOrder instead of rolling the ledger back",
          arguments: [0, 1, 2])
    func repeatedFrameIsRefused(_ repeated: Int) async throws {
        let (disk, journal) = try await ledgerStore()
        let frames = Self.frames(journal)
        try #require(frames.count == 3)
        disk.replaceContents(of: journalPath, with: journal + journal[frames[repeated]])
        do {
            let store = try await open(disk)
            let value = try await store.record(kind: "fixture.ledger", id: "l1").map { String(decoding: $0.payload, as: UTF8.self) }
            Issue.record("opened a journal with a repeated frame; the ledger reads \(value ?? "nothing")")
        } catch {
            #expect(error.reason == .outOfOrder)
            #expect(error.detail.contains("repeats commit \(repeated + 1)"), "\(error.detail)")
        }
        // Nothing was changed: the journal is as it was handed over.
        #expect(disk.contents(of: journalPath) == journal + journal[frames[repeated]])
    }

    @Test("R-ADP-1: a missing commit (a frame cut out of the middle) is refused with .outOfOrder")
    func missingFrameIsRefused() async throws {
        let (disk, journal) = try await ledgerStore()
        let frames = Self.frames(journal)
        var cut = journal
        cut.removeSubrange(frames[1])
        disk.replaceContents(of: journalPath, with: cut)
        await #expect(throws: StorageError.self) { try await open(disk) }
        do { _ = try await open(disk) } catch {
            #expect(error.reason == .outOfOrder)
            #expect(error.detail.contains("commit 2 is missing"), "\(error.detail)")
        }
    }

    @Test("R-ADP-1: a repeated frame of a format-2 journal (no commit sequence) is refused by its versions")
    func repeatedVersionTwoFrameIsRefused() async throws {
        let directory = try StoreFixtures.copy("format-2")
        let journalURL = directory.appendingPathComponent("journal")
        let journal = Array(try Data(contentsOf: journalURL))
        let frames = Self.frames(journal)
        try #require(frames.count == 4)
        // The first frame moves l1 from version 1 ("points 600") to 2 ("points 1200").
        try Data(journal + journal[frames[0]]).write(to: journalURL)
        do {
            _ = try await FileRecordStore.open(directory: directory)
            Issue.record("opened a format-2 journal with a repeated frame")
        } catch {
            #expect(error.reason == .outOfOrder)
            #expect(error.detail.contains("does not follow the state before it"), "\(error.detail)")
        }
    }

    @Test("R-ADP-1: commit sequences continue across compaction and reopening")
    func sequenceContinues() async throws {
        let (disk, _) = try await ledgerStore()
        let store = try await open(disk)
        #expect(store.statistics.commitSequence == 3)
        try await store.compact()
        try await store.commit(WriteBatch([.put(points(2400), expectedVersion: 3)]))
        #expect(store.statistics.commitSequence == 4)
        await store.close()
        let reopened = try await open(disk)
        #expect(reopened.statistics.commitSequence == 4)
        #expect(try await reopened.record(kind: "fixture.ledger", id: "l1")?.version == 4)
        await reopened.close()
    }
}
