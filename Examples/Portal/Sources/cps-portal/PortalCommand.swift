import CPSKit
import CPSPortal
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `cps-portal [--data-dir DIR] [--postgres URL] [--maildir DIR] [--host HOST] [--port PORT]
/// [--public-url URL] [--password-iterations N] [--secure-cookies] [--trusted-proxy ADDRESS]… [--dev-mailbox]
/// [--job-interval SECONDS] [--invoice-due-days N]`: serves the portal (R-HOST-1) with the embedded store
/// in DIR (default ./cps-portal-data), or on PostgreSQL with `--postgres` (or `CPS_PORTAL_POSTGRES`) so
/// that several instances share one database, and runs the library's jobs beside it, until SIGTERM or
/// SIGINT (graceful shutdown: exit 0; the store is closed, the PostgreSQL pool shut down).
@main
struct PortalCommand {
    static func main() async throws {
        var configuration = PortalConfiguration()
        var arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name) else { return nil }
            guard index + 1 < arguments.count else { fail("\(name) needs a value") }
            let found = arguments[index + 1]
            arguments.removeSubrange(index...index + 1)
            return found
        }
        func flag(_ name: String) -> Bool {
            guard let index = arguments.firstIndex(of: name) else { return false }
            arguments.remove(at: index)
            return true
        }
        if let directory = value("--data-dir") { configuration.dataDirectory = URL(fileURLWithPath: directory, isDirectory: true) }
        let environmentURL = ProcessInfo.processInfo.environment["CPS_PORTAL_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
        if let url = value("--postgres") ?? environmentURL {
            do {
                configuration.postgres = try PortalPostgresURL(url)
            } catch {
                fail(error.description)
            }
        }
        if let directory = value("--maildir") { configuration.maildir = URL(fileURLWithPath: directory, isDirectory: true) }
        var jobInterval = Duration.seconds(2)
        if let seconds = value("--job-interval") {
            guard let number = Double(seconds), number >= 0.05, number <= 86_400 else { fail("--job-interval takes seconds from 0.05 to 86400") }
            jobInterval = .milliseconds(Int64(number * 1000))
        }
        if let days = value("--invoice-due-days") {
            guard let number = Int(days), (0...365).contains(number) else { fail("--invoice-due-days takes a number from 0 to 365") }
            configuration.invoiceDueDays = number
        }
        if let host = value("--host") { configuration.host = host }
        if let port = value("--port") {
            guard let number = Int(port), (0...65_535).contains(number) else { fail("--port takes a number from 0 to 65535") }
            configuration.port = number
        }
        if let url = value("--public-url") { configuration.publicURL = url }
        if let iterations = value("--password-iterations") {
            guard let number = Int(iterations), number > 0 else { fail("--password-iterations takes a positive number") }
            configuration.passwordIterations = number
        }
        while let proxy = value("--trusted-proxy") {
            guard let address = ClientAddress.normalized(proxy) else { fail("--trusted-proxy takes an IPv4 or IPv6 address, not \(proxy)") }
            configuration.trustedProxies.insert(address)
        }
        configuration.secureCookies = flag("--secure-cookies")
        if flag("--dev-mailbox") {
            guard ["127.0.0.1", "::1", "localhost"].contains(configuration.host) else {
                fail("--dev-mailbox serves on loopback only (--host 127.0.0.1)")
            }
            configuration.devMailbox = true
        }
        guard arguments.isEmpty else { fail("unknown arguments: \(arguments.joined(separator: " "))") }

        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = Logger(label: "cps-portal")
        let environment: PortalEnvironment
        do {
            environment = try await PortalEnvironment.connect(configuration, events: PortalTelemetry.eventSink(logger: logger))
        } catch let error as PortalStartupError {
            fail(error.description, status: 1)
        }
        let portal = Portal(environment: environment)
        if configuration.devMailbox {
            let reviewer = try await portal.makeDevelopmentReviewer()
            // Written at once (unbuffered), also into a file: the browser check reads the credentials from it.
            FileHandle.standardOutput.write(Data("""
                development reviewer: \(reviewer.email) / \(reviewer.password) — sign in at \(configuration.publicBase())/review/sign-in
                development mailbox: \(configuration.publicBase())/dev/mailbox

                """.utf8))
        }
        let jobs = JobsService(services: environment.services, time: environment.context.time, pollInterval: jobInterval, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [.init(service: portal.application(logger: logger)), .init(service: jobs)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("serving", metadata: ["address": .string(configuration.publicBase()), "data": .string(configuration.dataDirectory.path),
                                          "store": .string(configuration.postgres.map(\.description) ?? "embedded"),
                                          "maildir": .string(configuration.mailDirectory.path)])
        try await group.run()
        await environment.store.close()
        logger.info("stopped")
    }

    /// Prints `message` and exits with `status` (64, a usage error, unless given).
    static func fail(_ message: String, status: Int32 = 64) -> Never {
        FileHandle.standardError.write(Data("cps-portal: \(message)\n".utf8))
        exit(status)
    }
}
