@testable import CPSKit
@testable import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// Stores written in format version 2 (Fixtures/format-2 and Fixtures/format-2-torn, see their
/// README) open with this build and read as they were written (R-ADP-1, R-UOW-1).
@Suite("File store: format-2 stores open and read back (R-ADP-1)")
struct FormatVersionTwoFixtureTests {
    @Test("The fixtures are format version 2, as committed", arguments: ["format-2", "format-2-torn"])
    func fixtureIsVersionTwo(_ name: String) throws {
        let directory = StoreFixtures.directory.appendingPathComponent(name)
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("snapshot")) == 2)
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("journal")) == 2)
    }

    @Test("R-ADP-1: every record, version, key, position and tombstone of a format-2 store reads back",
          arguments: ["format-2", "format-2-torn"])
    func readsEverything(_ name: String) async throws {
        let store = try await FileRecordStore.open(directory: StoreFixtures.copy(name))
        #expect(try await StoreFixtures.summary(store, "fixture.note") == ["n1@2 note 1 v2", "n4@1 note 4", "n5@1 note 5", "n2@2 note 2 again"])
        #expect(try await StoreFixtures.summary(store, "fixture.ledger") == ["l1@2 points 1200"])
        #expect(store.count == 5)
        #expect(try await store.record(holding: "email:n1-new@example.com")?.id == "n1")
        #expect(try await store.record(holding: "email:n3@example.com") == nil)
        #expect(try await store.records(kind: "fixture.note", indexKey: "tag:even").map(\.id) == ["n4", "n2"])
        #expect(try await store.records(kind: "fixture.note", indexKey: "tag:star").map(\.id) == ["n1"])
        // n3's delete (in the journal) left a tombstone: re-inserting it continues at version 2.
        let back = try await store.commit(WriteBatch([
            .put(RecordEnvelope(kind: "fixture.note", id: "n3", version: 0, payload: Data("back".utf8)), expectedVersion: 0),
        ]))
        #expect(back.map(\.version) == [2])
        await store.close()
    }

    @Test("R-ADP-1: the torn tail of the format-2-torn journal (half of its last frame) is dropped on open")
    func tornTailIsDropped() async throws {
        let directory = try StoreFixtures.copy("format-2-torn")
        let length = try Data(contentsOf: directory.appendingPathComponent("journal")).count
        let store = try await FileRecordStore.open(directory: directory)
        #expect(store.statistics.droppedTailBytes > 0)
        #expect(store.statistics.droppedTailBytes < length)
        await store.close()
    }

    @Test("Opening a format-2 store for writing upgrades it to format version 3 with one compaction; it reopens the same")
    func upgradesToVersionThree() async throws {
        let directory = try StoreFixtures.copy("format-2")
        let store = try await FileRecordStore.open(directory: directory)
        #expect(store.statistics.compactions == 1)
        #expect(store.statistics.openedFormatVersion == 2)
        let notes = try await StoreFixtures.summary(store, "fixture.note")
        await store.close()
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("snapshot")) == StorageFormat.version)
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("journal")) == StorageFormat.version)
        let reopened = try await FileRecordStore.open(directory: directory)
        #expect(reopened.statistics.compactions == 0)
        #expect(reopened.statistics.commitSequence == 4, "the four replayed commits of the format-2 journal")
        #expect(try await StoreFixtures.summary(reopened, "fixture.note") == notes)
        await reopened.close()
    }
}
