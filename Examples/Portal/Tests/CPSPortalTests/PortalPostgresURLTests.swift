import CPSKit
import CPSPortal
import Foundation
import Testing

/// `cps-portal --postgres URL` (R-HOST-1, R-ADP-1): the URL is parsed and checked before anything is
/// opened; a bad one is refused with a message saying what is wrong, never showing the password.
@Suite("Portal: the PostgreSQL store's URL (R-HOST-1)")
struct PortalPostgresURLTests {
    @Test("R-HOST-1: a full URL gives host, port, user, password, database, sslmode, schema and pool size")
    func full() throws {
        let url = try PortalPostgresURL("postgres://cps:s%40cret@db.example:6543/portal?sslmode=require&schema=cps_portal&connections=16",
                                        environment: [:])
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.user == "cps")
        #expect(url.password == "s@cret")
        #expect(url.database == "portal")
        #expect(url.sslMode == .require)
        #expect(url.schema.name == "cps_portal")
        #expect(url.connections == 16)
        #expect(url.libpqVariables == ["PGHOST": "db.example", "PGPORT": "6543", "PGUSER": "cps", "PGPASSWORD": "s@cret",
                                       "PGDATABASE": "portal", "PGSSLMODE": "require"])
        #expect(url.description == "postgres://cps@db.example:6543/portal?schema=cps_portal")
        #expect(!url.description.contains("cret"))
    }

    @Test("R-HOST-1: the defaults — port 5432, user postgres, database = user, sslmode prefer, schema cps, 8 connections; PGPASSWORD when the URL has none")
    func defaults() throws {
        let url = try PortalPostgresURL("postgresql://127.0.0.1", environment: ["PGPASSWORD": "from-env"])
        #expect(url.host == "127.0.0.1")
        #expect(url.port == 5432)
        #expect(url.user == "postgres")
        #expect(url.database == "postgres")
        #expect(url.sslMode == .prefer)
        #expect(url.schema.name == "cps")
        #expect(url.connections == 8)
        #expect(url.password == "from-env")
        let withPassword = try PortalPostgresURL("postgres://anna:own@127.0.0.1/cps", environment: ["PGPASSWORD": "from-env"])
        #expect(withPassword.password == "own")
        #expect(try PortalPostgresURL("postgres://anna@127.0.0.1/cps", environment: [:]).password == nil)
    }

    @Test("R-HOST-1: an IPv6 address and a unix-socket directory (?host=/dir)")
    func addresses() throws {
        let six = try PortalPostgresURL("postgres://cps@[::1]:5433/cps?sslmode=disable", environment: [:])
        #expect(six.host == "::1")
        #expect(six.port == 5433)
        #expect(six.description == "postgres://cps@[::1]:5433/cps?schema=cps")
        let socket = try PortalPostgresURL("postgres://cps@/cps?host=/run/postgresql", environment: [:])
        #expect(socket.host == "/run/postgresql")
        #expect(socket.libpqVariables["PGHOST"] == "/run/postgresql")
        #expect(socket.description == "postgres://cps@/cps?host=/run/postgresql&schema=cps")
    }

    @Test("R-HOST-1: a bad URL is refused, naming the problem and the expected form, never the password",
          arguments: [
              ("not a url at all", "not a URL"),
              ("mysql://cps@127.0.0.1/cps", "the scheme is \"mysql\""),
              ("postgres:///cps", "no host"),
              ("postgres://cps:secret@127.0.0.1:70000/cps", "the port"),
              ("postgres://cps:secret@127.0.0.1/cps/more", "just the database name"),
              ("postgres://cps:secret@127.0.0.1/cps?sslmode=verify-full", "sslmode=verify-full is not supported"),
              ("postgres://cps:secret@127.0.0.1/cps?schema=Robert%27);DROP", "is not a plain lower-case name"),
              ("postgres://cps:secret@127.0.0.1/cps?schema=pg_catalog", "is not a plain lower-case name"),
              ("postgres://cps:secret@127.0.0.1/cps?connections=0", "connections=0"),
              ("postgres://cps:secret@127.0.0.1/cps?connections=many", "connections=many"),
              ("postgres://cps:secret@127.0.0.1/cps?pool=4", "unknown parameter pool"),
              ("postgres://cps:secret@127.0.0.1/cps?schema=a&schema=b", "given twice"),
              ("postgres://cps:secret@127.0.0.1/cps?host=/run/postgresql", "both in the URL"),
              ("postgres://cps:secret@/cps?host=relative/dir", "absolute path"),
          ])
    func refused(_ text: String, _ problem: String) {
        do {
            let url = try PortalPostgresURL(text, environment: [:])
            Issue.record("accepted \(text) as \(url)")
        } catch {
            #expect(error.description.contains(problem), "\(error.description)")
            #expect(error.description.hasPrefix("--postgres: "))
            #expect(error.description.contains("postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"))
            #expect(!error.description.contains("secret"))
        }
    }

    @Test("R-HOST-1: the embedded store's opener refuses a PostgreSQL configuration; an unreachable server fails at start with the URL, not the password")
    func opening() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cps-portal-pgurl-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = PortalConfiguration(port: 0, dataDirectory: directory.appendingPathComponent("data", isDirectory: true))
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        configuration.postgres = try PortalPostgresURL("postgres://cps:secret@127.0.0.1:1/cps?sslmode=disable", environment: [:])
        await #expect(throws: PortalStartupError.self) { try await PortalEnvironment.open(configuration) }
        do {
            _ = try await PortalEnvironment.connect(configuration)
            Issue.record("connected to port 1")
        } catch let error as PortalStartupError {
            #expect(error.description.contains("postgres://cps@127.0.0.1:1/cps"), "\(error.description)")
            #expect(!error.description.contains("secret"))
        }
    }
}
