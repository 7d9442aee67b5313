import CPSKit
import CPSPostgres
import Foundation

/// Where `cps-portal --postgres URL` keeps its records (R-HOST-1, R-ADP-1): a PostgreSQL connection
/// URL in libpq's form, parsed and checked before anything is opened.
///
/// ```text
/// postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require&schema=NAME&connections=N]
/// postgres://USER@/DATABASE?host=/run/postgresql          (the server's unix socket in that directory)
/// ```
///
/// `postgresql://` works too. The port defaults to 5432, the user to `postgres`, the database to the
/// user's name, `sslmode` to `prefer`, the schema to `cps` and the pool to 8 connections. Without a
/// password in the URL, `PGPASSWORD` from the environment is used (so it need not appear in a process
/// list). ``description`` never shows the password.
public struct PortalPostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS (libpq's `sslmode`).
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it.
        case prefer
        /// TLS or no connection.
        case require
    }

    /// The host name or address, or the directory of the server's unix socket (starts with `/`).
    public let host: String
    /// The port (over TCP; for a socket, the number in its file name).
    public let port: Int
    /// The user name.
    public let user: String
    /// The password, if any (from the URL or `PGPASSWORD`).
    public let password: String?
    /// The database.
    public let database: String
    /// TLS.
    public let sslMode: SSLMode
    /// The schema holding CPSKit's tables (created or migrated at start).
    public let schema: PostgresSchema
    /// The most connections the portal's pool opens.
    public let connections: Int

    /// The form the error messages show.
    static let usage = "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require&schema=NAME&connections=N]"

    /// Parses `text`; `environment` supplies `PGPASSWORD` when the URL has no password. A URL that is
    /// not of the form above is refused with a ``PortalStartupError`` saying what is wrong (never
    /// showing a password).
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PortalStartupError) {
        func refuse(_ problem: String) -> PortalStartupError {
            PortalStartupError("--postgres: \(problem) (expected \(Self.usage))")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw refuse("not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw refuse("the scheme is \"\(scheme)\", not postgres or postgresql")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard query[item.name] == nil else { throw refuse("the parameter \(item.name) is given twice") }
            query[item.name] = item.value ?? ""
        }
        let known: Set<String> = ["sslmode", "schema", "connections", "host"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw refuse("unknown parameter \(unknown) (known: connections, host, schema, sslmode)")
        }
        var host = components.host.map { $0.removingPercentEncoding ?? $0 } ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if let socket = query["host"] {
            guard host.isEmpty else { throw refuse("a host both in the URL and as ?host=") }
            guard socket.hasPrefix("/") else { throw refuse("?host= takes the directory of the server's socket (an absolute path)") }
            host = socket
        }
        guard !host.isEmpty else { throw refuse("no host") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw refuse("the port \(port) is not from 1 to 65535") }
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else { throw refuse("the path must be just the database name") }
        let database = path.isEmpty ? user : path
        let sslText = query["sslmode"] ?? "prefer"
        guard let sslMode = SSLMode(rawValue: sslText) else {
            throw refuse("sslmode=\(sslText) is not supported (disable, prefer, require)")
        }
        if host.hasPrefix("/"), sslMode == .require { throw refuse("sslmode=require over a unix socket") }
        let schemaName = query["schema"] ?? "cps"
        let schema: PostgresSchema
        do {
            schema = try PostgresSchema(schemaName)
        } catch {
            throw refuse("schema=\(schemaName) is not a plain lower-case name (a-z, 0-9, _; not pg_…)")
        }
        let connectionsText = query["connections"] ?? "8"
        guard let connections = Int(connectionsText), (1...200).contains(connections) else {
            throw refuse("connections=\(connectionsText) is not a number from 1 to 200")
        }
        self.host = host
        self.port = port
        self.user = user
        self.password = components.password ?? environment["PGPASSWORD"]
        self.database = database
        self.sslMode = sslMode
        self.schema = schema
        self.connections = connections
    }

    /// The URL without its password: `postgres://user@host:port/database?schema=…`.
    public var description: String {
        if host.hasPrefix("/") { return "postgres://\(user)@/\(database)?host=\(host)&schema=\(schema.name)" }
        let address = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(address):\(port)/\(database)?schema=\(schema.name)"
    }

    /// The same connection as libpq's variables (`PGHOST`, `PGPORT`, …), which
    /// `CPSPostgres.PostgresEnvironment` turns into the client's configuration.
    public var libpqVariables: [String: String] {
        var variables = ["PGHOST": host, "PGPORT": String(port), "PGUSER": user, "PGDATABASE": database, "PGSSLMODE": sslMode.rawValue]
        if let password { variables["PGPASSWORD"] = password }
        return variables
    }

    /// Opens the store: connects, creates or migrates ``schema`` (safe from several processes at once)
    /// and returns it; the store owns its connection pool, which its `close()` shuts down.
    public func openStore() async throws(PortalStartupError) -> PostgresRecordStore {
        do {
            guard let configuration = try PostgresEnvironment.configuration(libpqVariables) else {
                throw PortalStartupError("--postgres: no host")
            }
            return try await PostgresRecordStore.open(configuration: configuration, schema: schema, maximumConnections: connections)
        } catch let error as PortalStartupError {
            throw error
        } catch {
            throw PortalStartupError("cannot open the PostgreSQL store at \(self): \(error)")
        }
    }
}
