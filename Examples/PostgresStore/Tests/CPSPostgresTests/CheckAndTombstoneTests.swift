import CPSKit
import CPSKitTesting
@testable import CPSPostgres
import Foundation
import PostgresNIO
import Testing

/// What the conformance suite cannot see on PostgreSQL (R-UOW-1, R-ADP-1): absence serialized across
/// connections, and a schema of version 1 with data migrated to version 2.
@Suite("PostgreSQL store: checks of absence across connections, migration to schema version 2 (R-UOW-1)",
       .serialized, .enabled(if: TestDatabase.shouldRun, TestDatabase.skipReason))
struct CheckAndTombstoneTests {
    static func envelope(_ kind: String, _ id: String, _ text: String = "x", unique: [String] = [], index: [String] = []) -> RecordEnvelope {
        RecordEnvelope(kind: kind, id: id, version: 0, payload: Data(text.utf8), uniqueKeys: unique, indexKeys: index)
    }

    @Test("R-UOW-1: two batches on two pools, each checking the other's insert absent: exactly one commits (no write skew)")
    func absenceWriteSkew() async throws {
        try await TestStores.with { stores in
            let first = try await stores.open(connections: 1)
            let second = try await stores.open(first.schema, connections: 1)
            for round in 0..<20 {
                let x = "x\(round)", y = "y\(round)"
                let batches = [
                    (first, WriteBatch([.check(kind: "skew", id: x, expectedVersion: 0), .put(Self.envelope("skew", y), expectedVersion: 0)])),
                    (second, WriteBatch([.check(kind: "skew", id: y, expectedVersion: 0), .put(Self.envelope("skew", x), expectedVersion: 0)])),
                ]
                let outcomes = await withTaskGroup(of: StorageError.Reason?.self) { group in
                    for (store, batch) in round.isMultiple(of: 2) ? batches : batches.reversed() {
                        group.addTask {
                            do throws(StorageError) {
                                try await store.commit(batch)
                                return nil
                            } catch { return error.reason }
                        }
                    }
                    return await group.reduce(into: [StorageError.Reason?]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 == nil }.count == 1 && outcomes.contains(.conflict), "round \(round): \(outcomes)")
                let present = try await first.records(kind: "skew", indexKey: nil).map(\.id).filter { $0 == x || $0 == y }
                #expect(present.count == 1, "round \(round): \(present)")
            }
        }
    }

    @Test("R-UOW-1: a check holds its row: a writer of the checked record waits for the checking transaction")
    func checkHoldsTheRow() async throws {
        try await TestStores.with { stores in
            let entered = Shared(false)
            let release = Shared(false)
            let checker = try await stores.open(connections: 1, beforeCommit: { _ in
                entered.withLock { $0 = true }
                while !release.withLock({ $0 }) { try await Task.sleep(nanoseconds: 2_000_000) }
            })
            let writer = try await stores.open(checker.schema, connections: 2)
            try await writer.commit(WriteBatch([.put(Self.envelope("hold", "x"), expectedVersion: 0)]))
            let checking = Task {
                try await checker.commit(WriteBatch([.check(kind: "hold", id: "x", expectedVersion: 1),
                                                     .put(Self.envelope("hold", "r"), expectedVersion: 0)]))
            }
            while !entered.withLock({ $0 }) { try await Task.sleep(nanoseconds: 2_000_000) }
            let writing = Task { try await writer.commit(WriteBatch([.put(Self.envelope("hold", "x", "two"), expectedVersion: 1)])) }
            try await Task.sleep(nanoseconds: 300_000_000)
            #expect(try await writer.record(kind: "hold", id: "x")?.version == 1, "the writer did not wait for the check")
            release.withLock { $0 = true }
            _ = try await checking.value
            _ = try await writing.value
            #expect(try await writer.record(kind: "hold", id: "x")?.version == 2)
        }
    }

    @Test("Schema version 1 with records migrates to the latest version: index pages, key ranges, tombstones, versions continue")
    func migrationFromVersionOne() async throws {
        try await TestStores.with { stores in
            let admin = try await stores.open()
            let schema = try TestDatabase.freshSchema()
            _ = try await stores.open(schema).schemaVersion() // registers the schema for clean-up...
            try await admin.client.query("DROP SCHEMA \(unescaped: "\"\(schema.name)\"") CASCADE") // ...then starts it over at version 1
            try await admin.client.query("CREATE SCHEMA \(unescaped: "\"\(schema.name)\"")")
            try await admin.client.query(PostgresQuery(unsafeSQL: schema.versionTable))
            for statement in schema.migrations[0].statements { try await admin.client.query(PostgresQuery(unsafeSQL: statement)) }
            try await admin.client.query("""
                INSERT INTO \(unescaped: schema.table("cps_schema_version")) (version, summary) VALUES (1, 'version 1')
                """)
            for (index, id) in ["a", "b", "c"].enumerated() {
                try await admin.client.query("""
                    INSERT INTO \(unescaped: schema.table("cps_records")) (kind, id, version, payload, index_keys)
                    VALUES ('old', \(id), \(Int64(index + 1)), '\\x00'::bytea, ARRAY['all']::text[])
                    """)
                try await admin.client.query("""
                    INSERT INTO \(unescaped: schema.table("cps_index_keys")) (kind, key, id) VALUES ('old', 'all', \(id))
                    """)
            }
            let store = try await stores.open(schema)
            #expect(try await store.schemaVersion() == PostgresSchema.latestVersion)
            let range = try await store.records(kind: "old", indexKeysFrom: "a", below: "b", after: nil, limit: 10)
            #expect(range.records.map(\.id) == ["a", "b", "c"] && range.next == nil)
            let page = try await store.records(kind: "old", indexKey: "all", after: nil, limit: 2)
            #expect(page.records.map(\.id) == ["a", "b"])
            let rest = try await store.records(kind: "old", indexKey: "all", after: page.next, limit: 2)
            #expect(rest.records.map(\.id) == ["c"] && rest.next == nil)
            try await store.commit(WriteBatch([.delete(kind: "old", id: "c", expectedVersion: 3)]))
            let back = try await store.commit(WriteBatch([.put(Self.envelope("old", "c", index: ["all"]), expectedVersion: 0)]))
            #expect(back.map(\.version) == [4])
            #expect(try await store.records(kind: "old", indexKey: "all").map(\.id) == ["a", "b", "c"])
        }
    }
}
