import CPSKit
import CPSPortal
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

// cps-portal [--data-dir DIR] [--host HOST] [--port PORT] [--public-url URL] [--password-iterations N] [--secure-cookies] [--dev-mailbox]
// Serves the portal (R-HOST-1) with the embedded store in DIR (default ./cps-portal-data) and runs the
// library's jobs beside it, until SIGTERM or SIGINT (graceful shutdown).
var configuration = PortalConfiguration()
var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func value(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(index...index + 1) }
    return arguments[index + 1]
}
if let directory = value("--data-dir") { configuration.dataDirectory = URL(fileURLWithPath: directory, isDirectory: true) }
if let host = value("--host") { configuration.host = host }
if let port = value("--port") {
    guard let number = Int(port), (0...65_535).contains(number) else { FileHandle.standardError.write(Data("cps-portal: --port takes a number from 0 to 65535\n".utf8)); exit(64) }
    configuration.port = number
}
if let url = value("--public-url") { configuration.publicURL = url }
if let iterations = value("--password-iterations") {
    guard let number = Int(iterations), number > 0 else { FileHandle.standardError.write(Data("cps-portal: --password-iterations takes a positive number\n".utf8)); exit(64) }
    configuration.passwordIterations = number
}
if let index = arguments.firstIndex(of: "--secure-cookies") {
    arguments.remove(at: index)
    configuration.secureCookies = true
}
if let index = arguments.firstIndex(of: "--dev-mailbox") {
    arguments.remove(at: index)
    guard ["127.0.0.1", "::1", "localhost"].contains(configuration.host) else {
        FileHandle.standardError.write(Data("cps-portal: --dev-mailbox serves on loopback only (--host 127.0.0.1)\n".utf8))
        exit(64)
    }
    configuration.devMailbox = true
}
guard arguments.isEmpty else {
    FileHandle.standardError.write(Data("cps-portal: unknown arguments: \(arguments.joined(separator: " "))\n".utf8))
    exit(64)
}

LoggingSystem.bootstrap(StreamLogHandler.standardError)
let logger = Logger(label: "cps-portal")
let environment = try PortalEnvironment.open(configuration)
let portal = Portal(environment: environment)
if configuration.devMailbox {
    let reviewer = try await portal.makeDevelopmentReviewer()
    print("development reviewer: \(reviewer.email) / \(reviewer.password) — sign in at \(configuration.publicBase())/review/sign-in")
    print("development mailbox: \(configuration.publicBase())/dev/mailbox")
}
let jobs = JobsService(services: environment.services, time: environment.context.time, logger: logger)
let group = ServiceGroup(configuration: .init(services: [.init(service: portal.application(logger: logger)), .init(service: jobs)],
                                              gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
logger.info("serving", metadata: ["address": .string(configuration.publicBase()), "data": .string(configuration.dataDirectory.path)])
try await group.run()
environment.store.close()
logger.info("stopped")
