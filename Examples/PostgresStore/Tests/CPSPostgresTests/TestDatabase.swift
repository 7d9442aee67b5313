import CPSKit
import CPSPostgres
import Foundation
import PostgresNIO
import Synchronization
import Testing

/// The database the tests use: libpq's variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`,
/// `PGDATABASE`; see ``PostgresEnvironment``). Every store gets a schema of its own
/// (`cps_test_<random>`), dropped when the test ends, so runs never see each other's data.
///
/// Without `PGHOST` the suites are skipped on a developer's machine, but in CI (`CI=true`) they run
/// and fail: CI never passes without having talked to a real server.
enum TestDatabase {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    /// Whether this is a CI run (`CI=true`).
    static var isCI: Bool { environment["CI"] == "true" }
    /// Whether a server is configured (`PGHOST` set).
    static var isConfigured: Bool { !(environment["PGHOST"] ?? "").isEmpty }
    /// Whether the PostgreSQL suites run: with a server, and always in CI.
    static var shouldRun: Bool { isConfigured || isCI }
    /// Why the suites are skipped.
    static let skipReason: Comment = "no PostgreSQL configured: set PGHOST etc. (Documentation/RunningOnPostgreSQL.md)"

    /// The configuration, or an error saying that CI needs one.
    static func configuration() throws -> PostgresClient.Configuration {
        guard let configuration = try PostgresEnvironment.configuration() else {
            throw TestDatabaseError("CI=true but no PostgreSQL is configured: set PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE")
        }
        return configuration
    }

    /// A schema name nobody else uses.
    static func freshSchema() throws -> PostgresSchema {
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        return try PostgresSchema("cps_test_\(suffix)")
    }

    static let logger: Logger = {
        var logger = Logger(label: "cpskit.postgres.tests")
        logger.logLevel = .error
        return logger
    }()
}

/// A set-up step of the tests failed.
struct TestDatabaseError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The stores a test opened and the schemas it created: ``finish()`` closes the stores and drops the
/// schemas (also after a failure, when the test calls it from `defer`-like cleanup).
final class TestStores: Sendable {
    private let state = Mutex<(stores: [PostgresRecordStore], schemas: Set<String>)>(([], []))

    /// Opens a store on `schema` (a fresh one when `nil`) with its own pool of `connections`.
    func open(_ schema: PostgresSchema? = nil, connections: Int = 4,
              beforeCommit: (@Sendable (PostgresConnection) async throws -> Void)? = nil) async throws -> PostgresRecordStore {
        let schema = try schema ?? TestDatabase.freshSchema()
        state.withLock { _ = $0.schemas.insert(schema.name) }
        let store = try await PostgresRecordStore.open(configuration: TestDatabase.configuration(), schema: schema,
                                                       maximumConnections: connections, beforeCommit: beforeCommit)
        state.withLock { $0.stores.append(store) }
        return store
    }

    /// Closes `store` now (``finish()`` skips it).
    func close(_ store: PostgresRecordStore) async {
        state.withLock { $0.stores.removeAll { $0 === store } }
        await store.close()
    }

    /// Drops every schema and closes every store.
    func finish() async {
        let (stores, schemas) = state.withLock { state in
            defer { state = ([], []) }
            return (state.stores, state.schemas)
        }
        for store in stores { await store.close() }
        guard !schemas.isEmpty, let configuration = try? TestDatabase.configuration(),
              let admin = try? await PostgresRecordStore.open(configuration: configuration, schema: PostgresSchema("cps_test_admin"),
                                                              maximumConnections: 1) else { return }
        for schema in schemas.sorted() + ["cps_test_admin"] {
            _ = try? await admin.client.query("DROP SCHEMA IF EXISTS \(unescaped: "\"\(schema)\"") CASCADE")
        }
        await admin.close()
    }

    /// Runs `body` with a fresh set of stores and cleans up afterwards, whatever happens.
    static func with<Result>(_ body: (TestStores) async throws -> Result) async throws -> Result {
        let stores = TestStores()
        do {
            let result = try await body(stores)
            await stores.finish()
            return result
        } catch {
            await stores.finish()
            throw error
        }
    }
}

/// A value shared between a test and the closures it hands out.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result { value.withLock { body(&$0) } }
}
