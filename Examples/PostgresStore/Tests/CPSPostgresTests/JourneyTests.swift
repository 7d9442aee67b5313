import CPSCLI
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
            let memory = InMemoryRecordStore(payloadCodec: postgres.payloadCodec)   // the same payload bytes
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

    @Test("The walkthrough prints exactly the same on PostgreSQL as in memory", arguments: [Language.swedish, .english])
    func walkthrough(_ language: Language) async throws {
        try await TestStores.with { stores in
            let postgres = try await stores.open()
            let onPostgres = Shared([String]())
            let inMemory = Shared([String]())
            try await Walkthrough(language: language, store: postgres, print: { line in onPostgres.withLock { $0.append(line) } }).run()
            try await Walkthrough(language: language, print: { line in inMemory.withLock { $0.append(line) } }).run()
            let expected = inMemory.withLock { $0 }
            #expect(expected.count > 100)
            #expect(onPostgres.withLock { $0 } == expected)
        }
    }
}
