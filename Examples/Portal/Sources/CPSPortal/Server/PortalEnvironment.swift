import CPSKit
import Foundation

/// What a portal process works on: the embedded file store in the data directory, the durable
/// identity adapter over it, the token keys beside it, the maildir, and one ``CPSContext`` whose
/// catalog has the portal's texts (R-HOST-1).
public struct PortalEnvironment: Sendable {
    /// The configuration.
    public let configuration: PortalConfiguration
    /// The store.
    public let store: FileRecordStore
    /// The context every request uses.
    public let context: CPSContext
    /// The maildir transport (the development mailbox reads it).
    public let mail: MaildirTransport

    /// Every service over ``context``.
    public var services: CPSServices { CPSServices(context) }

    /// Opens the data directory of `configuration` (creating it and the key file when missing);
    /// library events go to `events` (``PortalTelemetry/eventSink(logger:)`` in `cps-portal`).
    public static func open(_ configuration: PortalConfiguration, events: EventSink = .none) async throws -> PortalEnvironment {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        let store = try await FileRecordStore.open(directory: configuration.dataDirectory.appendingPathComponent("store", isDirectory: true),
                                                  options: FileStoreOptions().reporting(to: events))
        if !fileManager.fileExists(atPath: configuration.keyFile.path) {
            let keys = try TokenKeys.generate()
            guard fileManager.createFile(atPath: configuration.keyFile.path, contents: Data(keys.text.utf8),
                                         attributes: [.posixPermissions: 0o600]) else {
                throw PortalStartupError("cannot create the token-key file \(configuration.keyFile.path)")
            }
        }
        let keys = try TokenKeys.load(fromFile: configuration.keyFile, dataDirectory: configuration.dataDirectory)
        var policy = CPSPolicy.canonEurope
        if let iterations = configuration.passwordIterations { policy.passwords = PasswordPolicy(hashIterations: iterations) }
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
