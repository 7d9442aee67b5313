import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Every record kind round-trips on every store (R-ADP-1)")
struct JourneyRecordsConformanceTests {
    @Test("The sample journey leaves only listed record kinds, and at least one of each")
    func everyKindListed() async throws {
        let store = InMemoryRecordStore()
        let env = TestEnvironment(store: store)
        try await SampleJourney.run(in: env)
        var listed = 0
        for kind in SampleJourney.recordKinds {
            let count = try await store.records(kind: kind.kind, indexKey: nil).count
            #expect(count > 0, "the journey leaves no \(kind.kind) record")
            listed += count
        }
        #expect(listed == store.count, "the journey stored a record kind missing from SampleJourney.recordKinds")
    }

    @Test("Real records of every kind pass the conformance suite in memory and in the file store")
    func journeyRecordsConform() async throws {
        let samples = try await RecordSamples.journey()
        #expect(samples.count > 40)
        try await StorageConformance.run(samples: RecordSamples.all + samples, makeStore: { InMemoryRecordStore() })
        try await StorageConformance.run(
            samples: RecordSamples.all + samples,
            makeStore: { try await FileRecordStore.open(directory: makeTemporaryDirectory()) },
            reopen: { try await reopenFileStore($0) })
    }

    @Test("The whole journey runs on the file store and survives reopening")
    func journeyOnFileStore() async throws {
        let directory = makeTemporaryDirectory()
        let store = try await FileRecordStore.open(directory: directory)
        try await SampleJourney.run(in: TestEnvironment(store: store))
        var before: [String: Int] = [:]
        for kind in SampleJourney.recordKinds { before[kind.kind] = try await store.records(kind: kind.kind, indexKey: nil).count }
        await store.close()
        let reopened = try await FileRecordStore.open(directory: directory)
        for kind in SampleJourney.recordKinds {
            #expect(try await reopened.records(kind: kind.kind, indexKey: nil).count == before[kind.kind], "\(kind.kind)")
        }
        await reopened.close()
    }
}
