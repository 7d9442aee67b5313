import CPSKit
import CPSPortal
import Foundation
import Testing

/// The portal on PostgreSQL (R-HOST-1, R-HOST-2): two environments — two portal processes, as far as
/// the store is concerned — opened at the same moment on one schema and one data directory. Runs when
/// libpq's `PGHOST` (with `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`) names a server,
/// as in `Scripts/portal-scale-out.sh`; skipped otherwise. Uses a schema of its own and drops it
/// afterwards (with `psql`, when installed).
@Suite("Portal on PostgreSQL: two environments on one database (R-HOST-2)", .serialized,
       .enabled(if: PortalTestDatabase.isConfigured, "no PostgreSQL configured: set PGHOST etc. (Scripts/portal-scale-out.sh does)"))
struct PortalOnPostgresTests {
    static var variables: [String: String] { ProcessInfo.processInfo.environment }

    /// The `--postgres` URL of libpq's variables, with `schema`.
    static func url(schema: String) throws -> PortalPostgresURL {
        let host = variables["PGHOST"] ?? ""
        let user = variables["PGUSER"] ?? "postgres"
        let database = variables["PGDATABASE"] ?? user
        let ssl = variables["PGSSLMODE"] ?? "prefer"
        let port = variables["PGPORT"] ?? "5432"
        let text = host.hasPrefix("/")
            ? "postgres://\(user)@/\(database)?host=\(host)&sslmode=\(ssl)&schema=\(schema)&connections=2"
            : "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(ssl)&schema=\(schema)&connections=2"
        return try PortalPostgresURL(text)
    }

    /// Drops `schema` (best effort: needs `psql`).
    static func drop(_ schema: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-c", "DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
    }

    @Test("R-HOST-2: two environments opened at once on one schema share the schema, the token keys, sessions and reviewers; closing one leaves the other working")
    func twoEnvironments() async throws {
        let schema = "cps_portal_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cps-portal-pg-\(UUID().uuidString)", isDirectory: true)
        defer {
            Self.drop(schema)
            try? FileManager.default.removeItem(at: directory)
        }
        var configuration = PortalConfiguration(port: 0, dataDirectory: directory.appendingPathComponent("data", isDirectory: true),
                                                passwordIterations: 1_000)
        configuration.postgres = try Self.url(schema: schema)
        // Both at once: the schema is created once (advisory lock), the key file once (linked into place).
        let shared = configuration
        async let opening = PortalEnvironment.connect(shared)
        async let openingToo = PortalEnvironment.connect(shared)
        let (first, second) = try await (opening, openingToo)

        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(leftovers == ["data", "data.keys"], "no temporary key file is left: \(leftovers)")

        // A session made through one is found, and ended, through the other (R-HOST-2).
        let subject = PortalSession.Subject.reviewer(Reviewer.ID("reviewer-1"))
        let (token, _) = try await PortalSessions(context: first.context).create(for: subject)
        #expect(try await PortalSessions(context: second.context).session(forToken: token)?.subject == subject)
        try await PortalSessions(context: second.context).end(token: token)
        #expect(try await PortalSessions(context: first.context).session(forToken: token) == nil)

        // A reviewer added through one is listed through the other.
        _ = try await first.services.reviewers.add(name: "Rita", email: "rita@canon-europe.example", as: .system("test"))
        #expect(try await second.services.reviewers.list(as: .system("test")).map(\.email.address) == ["rita@canon-europe.example"])

        // Closing one store refuses its own calls and leaves the other's pool working.
        await first.store.close()
        await #expect(throws: StorageError.self) { try await first.store.record(kind: PortalSession.kind, id: "none") }
        #expect(try await second.store.record(kind: PortalSession.kind, id: "none") == nil)
        await second.store.close()
    }
}

/// Whether libpq's variables name a PostgreSQL server for ``PortalOnPostgresTests``.
enum PortalTestDatabase {
    static var isConfigured: Bool { !(ProcessInfo.processInfo.environment["PGHOST"] ?? "").isEmpty }
}
