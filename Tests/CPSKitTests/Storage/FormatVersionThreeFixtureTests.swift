@testable import CPSKit
@testable import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// Stores written in format version 3 (Fixtures/format-3 and Fixtures/format-3-torn, see their
/// README) open with this build, read as they were written, and are upgraded to the snapshot read in
/// place (version 4) by their first compaction (R-ADP-1, R-UOW-1, issue 17 item 1).
@Suite("File store: format-3 stores open, read back and upgrade (R-ADP-1)")
struct FormatVersionThreeFixtureTests {
    @Test("The fixtures are format version 3, as committed", arguments: ["format-3", "format-3-torn"])
    func fixtureIsVersionThree(_ name: String) throws {
        let directory = StoreFixtures.directory.appendingPathComponent(name)
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("snapshot")) == 3)
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("journal")) == 3)
    }

    /// Everything the fixture holds, read through `store`.
    private func expectContents(_ store: FileRecordStore) async throws {
        #expect(try await StoreFixtures.summary(store, "fixture.note") == ["n1@2 note 1 v2", "n4@1 note 4", "n5@1 note 5", "n2@2 note 2 again"])
        #expect(try await StoreFixtures.summary(store, "fixture.ledger") == ["l1@2 points 1200"])
        #expect(try await StoreFixtures.summary(store, "fixture.charge") == ["c2@1 charge c2", "c1@1 charge c1", "c3@2 charge c3"])
        #expect(store.count == 8)
        #expect(try await store.record(holding: "email:n1-new@example.com")?.id == "n1")
        #expect(try await store.record(holding: "email:n1@example.com") == nil)
        #expect(try await store.record(holding: "email:n3@example.com") == nil)
        #expect(try await store.record(holding: "ledger:l1")?.version == 2)
        #expect(try await store.records(kind: "fixture.note", indexKey: "tag:even").map(\.id) == ["n4", "n2"])
        #expect(try await store.records(kind: "fixture.note", indexKey: "tag:star").map(\.id) == ["n1"])
        #expect(try await store.records(kind: "fixture.charge", indexKey: "chargeDue:2026-12-03").map(\.id) == ["c1"])
        #expect(try await store.records(kind: "fixture.charge", indexKey: "chargeDue:2026-12-04").map(\.id) == ["c3"])
        #expect(try await store.records(kind: "fixture.charge", indexKey: "chargeDue:2026-12-05").map(\.id) == ["c2"])
        let first = try await store.records(kind: "fixture.note", indexKey: "all", after: nil, limit: 2)
        #expect(first.records.map(\.id) == ["n1", "n4"])
        let second = try await store.records(kind: "fixture.note", indexKey: "all", after: first.next, limit: 2)
        #expect(second.records.map(\.id) == ["n5", "n2"])
        #expect(second.next == nil)
        #expect(store.statistics.commitSequence == 10)
    }

    @Test("R-ADP-1: every record, version, key, position and tombstone of a format-3 store reads back",
          arguments: ["format-3", "format-3-torn"])
    func readsEverything(_ name: String) async throws {
        let store = try await FileRecordStore.open(directory: StoreFixtures.copy(name), readOnly: true)
        try await expectContents(store)
        #expect(store.statistics.openedFormatVersion == 3)
        await store.close()
    }

    @Test("R-ADP-1: the torn tail of format-3-torn (half of its last frame) is reported and dropped, the rest reads back")
    func tornTailIsReported() async throws {
        let directory = try StoreFixtures.copy("format-3-torn")
        let length = try Data(contentsOf: directory.appendingPathComponent("journal")).count
        let dropped = Locked<(Int, Int)?>(nil)
        var options = FileStoreOptions()
        options.tornTailHandler = { bytes, commits in dropped.withLock { $0 = (bytes, commits) } }
        let store = try await FileRecordStore.open(directory: directory, options: options)
        let report = try #require(dropped.withLock { $0 })
        #expect(report.0 > 0 && report.0 < length)
        #expect(report.1 == 1)
        #expect(store.statistics.droppedTailBytes == report.0)
        try await expectContents(store)
        await store.close()
    }

    @Test("R-ADP-1: opening a format-3 store for writing upgrades it to version 4 with one compaction; it reopens the same, tombstones included")
    func upgradesToVersionFour() async throws {
        let directory = try StoreFixtures.copy("format-3")
        let store = try await FileRecordStore.open(directory: directory)
        #expect(store.statistics.compactions == 1)
        #expect(store.statistics.openedFormatVersion == 3)
        try await expectContents(store)
        await store.close()
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("snapshot")) == 4)
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("journal")) == 4)
        let reopened = try await FileRecordStore.open(directory: directory)
        #expect(reopened.statistics.compactions == 0)
        #expect(reopened.statistics.openedFormatVersion == 4)
        try await expectContents(reopened)
        // n3's delete left a tombstone that went through the version-4 snapshot.
        let back = try await reopened.commit(WriteBatch([
            .put(RecordEnvelope(kind: "fixture.note", id: "n3", version: 0, payload: Data("back".utf8)), expectedVersion: 0),
        ]))
        #expect(back.map(\.version) == [2])
        await reopened.close()
    }
}
