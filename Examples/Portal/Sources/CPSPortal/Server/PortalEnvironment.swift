import CPSKit
import Foundation

/// What a portal process works on: the record store (the embedded file store in the data directory,
/// or PostgreSQL with ``PortalConfiguration/postgres``), the durable identity adapter over it, the
/// token keys beside the data directory, the maildir, and one ``CPSContext`` whose catalog has the
/// portal's texts (R-HOST-1).
public struct PortalEnvironment: Sendable {
    /// The configuration.
    public let configuration: PortalConfiguration
    /// The store (`await store.close()` at shutdown: it waits for the commits in flight, then
    /// releases the file store's lock or shuts the PostgreSQL pool down).
    public let store: any RecordStore
    /// The context every request uses.
    public let context: CPSContext
    /// The maildir transport (the development mailbox reads it).
    public let mail: MaildirTransport

    /// Every service over ``context``.
    public var services: CPSServices { CPSServices(context) }

    /// Opens the embedded store in the data directory of `configuration` (creating it and the key
    /// file when missing); library events go to `events` (``PortalTelemetry/eventSink(logger:)`` in
    /// `cps-portal`). For ``PortalConfiguration/postgres`` use ``connect(_:events:)``.
    public static func open(_ configuration: PortalConfiguration, events: EventSink = .none) async throws -> PortalEnvironment {
        guard configuration.postgres == nil else {
            throw PortalStartupError("PortalEnvironment.open opens the embedded store; connect(_:events:) opens PostgreSQL")
        }
        try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        let store = try await FileRecordStore.open(directory: configuration.dataDirectory.appendingPathComponent("store", isDirectory: true),
                                                  options: FileStoreOptions().reporting(to: events))
        do {
            return try make(configuration, store: store, events: events)
        } catch {
            await store.close()
            throw error
        }
    }

    /// Opens the store of `configuration`: PostgreSQL when ``PortalConfiguration/postgres`` is set
    /// (connecting, and creating or migrating its schema, which several processes may do at once),
    /// else the embedded store as ``open(_:events:)`` does. The data directory then holds only what
    /// is not a record: the old CPS accounts (`legacy-cps.json`), with the token keys and the
    /// maildir beside it — instances on one database share the key file (and usually the maildir).
    public static func connect(_ configuration: PortalConfiguration, events: EventSink = .none) async throws -> PortalEnvironment {
        guard let postgres = configuration.postgres else { return try await open(configuration, events: events) }
        try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        let store = try await postgres.openStore()
        do {
            return try make(configuration, store: store, events: events)
        } catch {
            await store.close()
            throw error
        }
    }

    /// The environment over an opened `store`.
    private static func make(_ configuration: PortalConfiguration, store: any RecordStore, events: EventSink) throws -> PortalEnvironment {
        try createKeyFileIfMissing(configuration.keyFile)
        let keys = try TokenKeys.load(fromFile: configuration.keyFile, dataDirectory: configuration.dataDirectory)
        var policy = CPSPolicy.canonEurope
        if let iterations = configuration.passwordIterations { policy.passwords = PasswordPolicy(hashIterations: iterations) }
        if let days = configuration.invoiceDueDays {
            guard (0...365).contains(days) else { throw PortalStartupError("the days to pay an invoice must be from 0 to 365, not \(days)") }
            policy.billing.invoiceDueDays = days
        }
        policy.mail.passwordLinkTemplate = configuration.publicBase() + "/set-password?token={token}"
        let identity = RecordStoreIdentityProvider(store: store, policy: policy.passwords)
        let mail = MaildirTransport(directory: configuration.mailDirectory)
        let legacy = try configuration.legacyDirectory ?? legacyFile(in: configuration.dataDirectory)
        let context = try CPSContext(store: store, identity: identity, tokenKeys: keys, policy: policy,
                                     time: configuration.time, catalog: PortalTexts.adding(to: .standard),
                                     paymentGateway: configuration.paymentGateway, legacyDirectory: legacy,
                                     mailTransport: mail, events: events)
        return PortalEnvironment(configuration: configuration, store: store, context: context, mail: mail)
    }

    /// Creates the token-key file (mode 0600) with new keys unless it exists. Two processes starting
    /// at once on one key file both end up with the same keys: the file is written under a temporary
    /// name and linked into place, which fails if the other process linked its own first.
    static func createKeyFileIfMissing(_ file: URL) throws {
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: file.path) else { return }
        let keys = try TokenKeys.generate()
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
        guard fileManager.createFile(atPath: temporary.path, contents: Data(keys.text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw PortalStartupError("cannot create the token-key file \(file.path)")
        }
        defer { try? fileManager.removeItem(at: temporary) }
        do {
            try fileManager.linkItem(at: temporary, to: file)
        } catch {
            guard fileManager.fileExists(atPath: file.path) else { throw PortalStartupError("cannot create the token-key file \(file.path): \(error)") }
        }
    }

    /// The old CPS accounts of `<data>/legacy-cps.json` (a JSON array of `LegacyCPSAccount`), or none.
    static func legacyFile(in directory: URL) throws -> InMemoryLegacyCPSDirectory {
        let file = directory.appendingPathComponent("legacy-cps.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return InMemoryLegacyCPSDirectory() }
        do {
            return InMemoryLegacyCPSDirectory(try JSONDecoder().decode([LegacyCPSAccount].self, from: Data(contentsOf: file)))
        } catch {
            throw PortalStartupError("cannot read \(file.path): \(error)")
        }
    }
}
