import CPSKit
import CPSKitTesting
import CPSPostgres
import Foundation
import Testing

@Suite("PostgreSQL store: the whole journey", .serialized, .enabled(if: TestDatabase.shouldRun, TestDatabase.skipReason))
struct JourneyTests {
    @Test("SampleJourney on PostgreSQL leaves exactly the records it leaves in memory, in the same order and versions")
    func journey() async throws {
        try await TestStores.with { stores in
            let postgres = try await stores.open()
            let memory = InMemoryRecordStore()
            try await SampleJourney.run(in: TestEnvironment(store: postgres))
            try await SampleJourney.run(in: TestEnvironment(store: memory))
            var kinds = SampleJourney.recordKinds.map { $0.kind }
            kinds.append(OutboxMail.kind)
            for kind in Set(kinds).sorted() {
                let expected = try await memory.records(kind: kind, indexKey: nil)
                let found = try await postgres.records(kind: kind, indexKey: nil)
                #expect(!expected.isEmpty || kind == OutboxMail.kind, "\(kind): the journey wrote none")
                #expect(found == expected, "\(kind): \(found.count) records on PostgreSQL, \(expected.count) in memory")
            }
        }
    }
}
