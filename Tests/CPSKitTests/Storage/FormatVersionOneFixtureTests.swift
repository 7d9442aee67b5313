@testable import CPSKit
@testable import CPSFileStore
import CPSKitTesting
import Foundation
import Testing

/// A store written in format version 1 (Fixtures/format-1, see its README) opens with this build,
/// reads as it was written, and is upgraded to version 2 (R-ADP-1, R-UOW-1).
@Suite("File store: a format-1 store opens, reads and upgrades (R-ADP-1, R-UOW-1)")
struct FormatVersionOneFixtureTests {
    static let fixture = StoreFixtures.directory.appendingPathComponent("format-1", isDirectory: true)

    @Test("The fixture is format version 1, as committed")
    func fixtureIsVersionOne() throws {
        #expect(try StoreFixtures.formatVersion(Self.fixture.appendingPathComponent("snapshot")) == 1)
        #expect(try StoreFixtures.formatVersion(Self.fixture.appendingPathComponent("journal")) == 1)
    }

    @Test("R-ADP-1: every record, version, key and position of the format-1 store reads back")
    func readsEverything() async throws {
        let store = try await FileRecordStore.open(directory: StoreFixtures.copy("format-1"))
        #expect(try await StoreFixtures.summary(store, "fixture.note") == ["n3@2 note 3 v2", "n5@1 note 5", "n6@1 note 6", "n2@1 note 2 again"])
        #expect(try await StoreFixtures.summary(store, "fixture.other") == ["o1@1 other 1", "o2@2 other 2 v2"])
        #expect(store.count == 6)
        #expect(try await store.record(holding: "email:n2@example.com")?.id == "n2")
        #expect(try await store.record(holding: "email:n1-new@example.com") == nil)
        #expect(try await store.record(holding: "serial:2")?.id == "o2")
        #expect(try await store.records(kind: "fixture.note", indexKey: "tag:even").map(\.id) == ["n3", "n6", "n2"])
        #expect(try await store.records(kind: "fixture.other", indexKey: "owner:n2").map(\.id) == ["o2"])
        #expect(try await store.records(kind: "fixture.other", indexKey: "owner:n1").map(\.id) == ["o1"])
        let page = try await store.records(kind: "fixture.note", indexKey: "all", after: nil, limit: 2)
        #expect(page.records.map(\.id) == ["n3", "n5"])
        let rest = try await store.records(kind: "fixture.note", indexKey: "all", after: page.next, limit: 2)
        #expect(rest.records.map(\.id) == ["n6", "n2"] && rest.next == nil)
        await store.close()
    }

    @Test("R-UOW-1: the format-1 journal's deletes leave tombstones; deletes inside its snapshot left none")
    func tombstonesFromTheJournal() async throws {
        let store = try await FileRecordStore.open(directory: StoreFixtures.copy("format-1"))
        let note = { (id: String) in RecordEnvelope(kind: "fixture.note", id: id, version: 0, payload: Data("back".utf8)) }
        await #expect(throws: StorageError.self) {
            try await store.commit(WriteBatch([.check(kind: "fixture.note", id: "n1", expectedVersion: 3)]))
        }
        let back = try await store.commit(WriteBatch([
            .put(note("n1"), expectedVersion: 0), .put(note("n4"), expectedVersion: 0),
            .put(RecordEnvelope(kind: "fixture.other", id: "o3", version: 0, payload: Data()), expectedVersion: 0),
        ]))
        #expect(back.map(\.version) == [4, 2, 1])
        await store.close()
    }

    @Test("Opening upgrades the store to format version 2 with one compaction; it reopens the same")
    func upgradesToVersionTwo() async throws {
        let directory = try StoreFixtures.copy("format-1")
        let store = try await FileRecordStore.open(directory: directory)
        #expect(store.statistics.compactions == 1)
        #expect(store.statistics.generation == 2)
        let notes = try await StoreFixtures.summary(store, "fixture.note")
        let others = try await StoreFixtures.summary(store, "fixture.other")
        await store.close()
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("snapshot")) == StorageFormat.version)
        #expect(try StoreFixtures.formatVersion(directory.appendingPathComponent("journal")) == StorageFormat.version)
        let reopened = try await FileRecordStore.open(directory: directory)
        #expect(reopened.statistics.compactions == 0)
        #expect(try await StoreFixtures.summary(reopened, "fixture.note") == notes)
        #expect(try await StoreFixtures.summary(reopened, "fixture.other") == others)
        // The tombstones the journal's deletes left are now in the version-2 snapshot.
        let back = try await reopened.commit(WriteBatch([
            .put(RecordEnvelope(kind: "fixture.note", id: "n1", version: 0, payload: Data()), expectedVersion: 0),
        ]))
        #expect(back.map(\.version) == [4])
        await reopened.close()
    }
}
