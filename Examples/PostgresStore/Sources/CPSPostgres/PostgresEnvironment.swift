import CPSKit
import Foundation
import PostgresNIO

/// A connection described by libpq's environment variables, so that the tests, the example and `psql`
/// share one set-up: `PGHOST` (a host name, or a directory holding the server's unix socket),
/// `PGPORT` (default 5432), `PGUSER` (default `postgres`), `PGPASSWORD`, `PGDATABASE` (default: the
/// user name) and `PGSSLMODE` (`disable`, `prefer` — the default over TCP — or `require`).
public enum PostgresEnvironment {
    /// The client configuration the variables describe; `nil` when `PGHOST` is not set.
    /// `invalidBatch` for a port or SSL mode that cannot be used.
    public static func configuration(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StorageError) -> PostgresClient.Configuration? {
        guard let host = environment["PGHOST"], !host.isEmpty else { return nil }
        let portText = environment["PGPORT"] ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw StorageError(.invalidBatch, subject: "PGPORT", detail: "PGPORT=\(portText) is not a port number")
        }
        let user = environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let password = environment["PGPASSWORD"]
        let database = environment["PGDATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? user
        if host.hasPrefix("/") {
            return PostgresClient.Configuration(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user,
                                                password: password, database: database)
        }
        let tls: PostgresClient.Configuration.TLS
        switch environment["PGSSLMODE"] ?? "prefer" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        case let mode:
            throw StorageError(.invalidBatch, subject: "PGSSLMODE", detail: "PGSSLMODE=\(mode) is not supported (disable, prefer, require)")
        }
        return PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                            database: database, tls: tls)
    }

    /// A one-line description of where the variables point (no password), for messages.
    public static func describe(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let host = environment["PGHOST"] ?? "(PGHOST unset)"
        let user = environment["PGUSER"] ?? "postgres"
        return "\(user)@\(host):\(environment["PGPORT"] ?? "5432")/\(environment["PGDATABASE"] ?? user)"
    }
}
