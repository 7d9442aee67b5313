import CPSKit
import CPSKitTesting
import CPSPostgres
import Foundation
import PostgresNIO
import Testing

/// A connection that dies in the middle of a commit's transaction leaves nothing half-written
/// (R-ADP-1 rule 1), and the store goes on working on a new connection.
@Suite("PostgreSQL store: a connection dropped mid-transaction", .serialized,
       .enabled(if: TestDatabase.shouldRun, TestDatabase.skipReason))
struct DroppedConnectionTests {
    enum Drop: String, CaseIterable, CustomTestStringConvertible {
        /// The server ends the session (`pg_terminate_backend` from another connection).
        case serverTerminates
        /// The client's socket closes.
        case clientCloses

        var testDescription: String { rawValue }
    }

    static func envelope(_ kind: String, _ id: String, _ payload: String, unique: [String] = [], index: [String] = []) -> RecordEnvelope {
        RecordEnvelope(kind: kind, id: id, version: 0, payload: Data(payload.utf8), uniqueKeys: unique, indexKeys: index)
    }

    @Test("Every write of the batch is applied before the drop and none survives it", arguments: Drop.allCases)
    func dropped(_ drop: Drop) async throws {
        try await TestStores.with { stores in
            let observer = try await stores.open(connections: 2)
            try await observer.commit(WriteBatch([
                .put(Self.envelope("note", "n1", "before", unique: ["note:key"], index: ["status:old"]), expectedVersion: 0),
                .put(Self.envelope("note", "n2", "to delete", unique: ["note:gone"]), expectedVersion: 0),
            ]))
            let armed = Shared(true)
            let reached = Shared(false)
            let victim = try await stores.open(observer.schema, connections: 1) { connection in
                guard armed.withLock({ armed in defer { armed = false }; return armed }) else { return }
                // Inside the transaction, every write done: the other connection sees none of it yet.
                #expect(try await observer.record(kind: "note", id: "n3") == nil)
                reached.withLock { $0 = true }
                switch drop {
                case .serverTerminates:
                    let rows = try await connection.query("SELECT pg_backend_pid()", logger: TestDatabase.logger)
                    var pid: Int32 = 0
                    for try await value in rows.decode(Int32.self) { pid = value }
                    let killed = try await observer.client.query("SELECT pg_terminate_backend(\(pid), 10000)")
                    for try await value in killed.decode(Bool.self) { #expect(value, "pg_terminate_backend(\(pid))") }
                case .clientCloses:
                    try await connection.close()
                }
            }
            var batch = WriteBatch([
                .put(Self.envelope("note", "n1", "after", unique: ["note:new"], index: ["status:new"]), expectedVersion: 1),
                .delete(kind: "note", id: "n2", expectedVersion: 1),
                .put(Self.envelope("note", "n3", "new", unique: ["note:key", "note:gone"], index: ["status:new"]), expectedVersion: 0),
            ])
            try batch.insert(RecordSamples.outboxMail(id: "mail-dropped", status: .pending))
            do {
                try await victim.commit(batch)
                Issue.record("the commit succeeded although its connection was dropped")
            } catch let error as StorageError {
                #expect(error.reason == .unavailable, "\(error.reason): \(error.detail)")
            }
            #expect(reached.withLock { $0 }, "the hook did not run")

            // Nothing of the batch is visible; everything before it is.
            let n1 = try #require(try await observer.record(kind: "note", id: "n1"))
            #expect(n1.version == 1 && n1.payload == Data("before".utf8))
            #expect(try await observer.record(kind: "note", id: "n2")?.version == 1)
            #expect(try await observer.record(kind: "note", id: "n3") == nil)
            #expect(try await observer.fetch(OutboxMail.self, id: "mail-dropped") == nil)
            #expect(try await observer.record(holding: "note:key")?.id == "n1")
            #expect(try await observer.record(holding: "note:gone")?.id == "n2")
            #expect(try await observer.record(holding: "note:new") == nil)
            #expect(try await observer.records(kind: "note", indexKey: "status:old").map(\.id) == ["n1"])
            #expect(try await observer.records(kind: "note", indexKey: "status:new").isEmpty)

            // The same store commits the same batch on a fresh connection.
            let written = try await victim.commit(batch)
            #expect(written.map(\.version) == [2, 1, 1])
            #expect(try await observer.record(holding: "note:key")?.id == "n3")
            #expect(try await observer.records(kind: "note", indexKey: nil).map(\.id) == ["n1", "n3"])
        }
    }
}
