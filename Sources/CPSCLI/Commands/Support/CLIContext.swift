import CPSKit
import Foundation

/// What every state-keeping `cps` command works on (R-ADP-1, R-ADP-3): the embedded file store in the
/// data directory, the clock (`CPS_NOW` or the system clock), UUID-based IDs, the durable identity
/// adapter (``RecordStoreIdentityProvider``) over the same store, at the policy's 600,000 PBKDF2
/// iterations or `CPS_PASSWORD_ITERATIONS` (tests and debug CI use the low-cost 1,000), the token keys (`--keys`, `CPS_TOKEN_KEYS_FILE`, else `<data-dir>.keys`), the old CPS directory read from `<data-dir>/legacy-cps.json`, the tool's payment
/// gateway (`--decline`) and the maildir `<data-dir>/mail`, all in one ``CPSContext``.
struct CLIContext: Sendable {
    /// The store in the data directory.
    let store: FileRecordStore
    /// The context the services use.
    let context: CPSContext
    /// Every service over ``context``.
    var services: CPSServices { CPSServices(context) }
    /// The old CPS accounts the host knows (R-MIG-1).
    let legacy: InMemoryLegacyCPSDirectory
    /// The data directory.
    let directory: URL

    /// The file of old CPS accounts: a JSON array of `LegacyCPSAccount`.
    static let legacyFileName = "legacy-cps.json"

    /// Opens the store of `invocation`'s data directory, runs `body`, and closes the store.
    static func with<T: Sendable>(_ invocation: CommandInvocation,
                                  _ body: (CLIContext) async throws -> T) async throws -> T {
        let time = try clock(invocation.environment)
        let directory = invocation.dataDirectory
        try requireDirectory(directory, "the data directory")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandError(.cannotCreateDirectory, ["path": directory.path, "detail": error.localizedDescription])
        }
        try requireDirectory(directory.appendingPathComponent("store", isDirectory: true), "the store directory")
        let store = try await FileRecordStore.open(directory: directory.appendingPathComponent("store", isDirectory: true))
        defer { store.close() }
        warnAboutTornTail(store, invocation)
        let legacy = InMemoryLegacyCPSDirectory(try legacyAccounts(in: directory))
        let gateway = CLIPaymentGateway(declineReason: invocation.arguments.option("--decline"))
        let transport = MaildirTransport(directory: directory.appendingPathComponent("mail", isDirectory: true))
        let keys = try tokenKeys(invocation)
        let policy = try passwordPolicy(invocation.environment)
        let identity = RecordStoreIdentityProvider(store: store, policy: policy.passwords)
        let context = try CPSContext(store: store, identity: identity, tokenKeys: keys, policy: policy, time: time, ids: .uuid,
                                     paymentGateway: gateway, legacyDirectory: legacy, mailTransport: transport)
        return try await body(CLIContext(store: store, context: context, legacy: legacy, directory: directory))
    }

    /// Prints a warning on standard error when opening `store` dropped a torn journal tail (R-ADP-1):
    /// a write cut off by a crash, never acknowledged, is gone.
    static func warnAboutTornTail(_ store: FileRecordStore, _ invocation: CommandInvocation) {
        let statistics = store.statistics
        guard statistics.droppedTailBytes > 0 else { return }
        invocation.printError("cps: warning: the store's journal ended in an unfinished write (a crash or kill during a commit); "
            + "dropped \(statistics.droppedTailBytes) bytes (\(statistics.droppedTailCommits) unacknowledged "
            + "commit\(statistics.droppedTailCommits == 1 ? "" : "s")). Everything acknowledged is kept.")
    }

    /// The token keys (R-ID-3): the file `--keys FILE`, else `CPS_TOKEN_KEYS_FILE`, else
    /// `<data-dir>.keys` beside the data directory (never inside it), which is created with a new
    /// random key (mode 0600) when it does not exist yet. A named file must exist.
    static func tokenKeys(_ invocation: CommandInvocation) throws -> TokenKeys {
        let directory = invocation.dataDirectory.standardizedFileURL
        if let named = invocation.arguments.option("--keys") ?? invocation.environment[TokenKeys.fileEnvironmentVariable],
           !named.isEmpty {
            return try TokenKeys.load(fromFile: URL(fileURLWithPath: named), dataDirectory: directory)
        }
        let file = defaultKeyFile(for: directory)
        if !FileManager.default.fileExists(atPath: file.path) {
            let keys = try TokenKeys.generate()
            guard FileManager.default.createFile(atPath: file.path, contents: Data(keys.text.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw CommandError(.cannotCreateKeyFile, ["path": file.path])
            }
        }
        return try TokenKeys.load(fromFile: file, dataDirectory: directory)
    }

    /// `<data-dir>.keys`: the file beside the data directory that holds the tool's token keys.
    static func defaultKeyFile(for directory: URL) -> URL {
        let path = directory.path.hasSuffix("/") ? String(directory.path.dropLast()) : directory.path
        return URL(fileURLWithPath: path + ".keys")
    }

    /// The policy with `CPS_PASSWORD_ITERATIONS` PBKDF2 iterations if set (R-ID-1): the low-cost
    /// value for tests and debug CI; a production data directory keeps the default 600,000.
    static func passwordPolicy(_ environment: [String: String]) throws -> CPSPolicy {
        var policy = CPSPolicy.canonEurope
        guard let text = environment["CPS_PASSWORD_ITERATIONS"], !text.isEmpty else { return policy }
        guard let iterations = Int(text), iterations >= 1 else {
            throw CommandError(.badIterations, ["value": text])
        }
        policy.passwords.hashIterations = iterations
        return policy
    }

    /// `CPS_NOW` (ISO 8601, e.g. `2026-11-27T10:00:00+01:00`) as a fixed clock, else the system clock.
    static func clock(_ environment: [String: String]) throws -> TimeSource {
        guard let text = environment["CPS_NOW"], !text.isEmpty else { return .system }
        if let date = instant(text) { return .fixed(date) }
        if let day = CalendarDay(iso: text) { return .fixed(day.start(in: CPSPolicy.canonEurope.timeZone)) }
        throw CommandError(.badNow, ["value": text])
    }

    /// A strict ISO 8601 instant `YYYY-MM-DDThh:mm:ss[.f…]` followed by `Z` or `±hh:mm`, or `nil`.
    /// Every field is range-checked (hour 00–23, minute and second 00–59, offset hour 00–23), unlike
    /// `ISO8601DateFormatter`, which reads an offset `+24:00` as `+02:00`.
    static func instant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let day = CalendarDay(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 9 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        let offset: Int
        if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z"), index + 1 == bytes.count {
            offset = 0
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 6 == bytes.count,
                  bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6),
                  hours <= 23, minutes <= 59 {
            offset = (bytes[index] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        let seconds = day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Refuses a path that exists but is not a directory (`/dev/null`, a file), saying so: creating
    /// it would fail with a misleading "file exists" or "permission denied".
    static func requireDirectory(_ url: URL, _ what: String) throws {
        var isDirectory: ObjCBool = false
        // Each leading part too: /dev/null/x cannot be created because /dev/null is not a directory.
        var path = url.standardizedFileURL
        while path.path != "/" && !path.path.isEmpty {
            if FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw path.path == url.standardizedFileURL.path
                        ? CommandError(.notDirectory, ["path": url.path])
                        : CommandError(.parentNotDirectory, ["path": url.path, "value": path.path])
                }
                return
            }
            path.deleteLastPathComponent()
        }
    }

    private static func legacyAccounts(in directory: URL) throws -> [LegacyCPSAccount] {
        let file = directory.appendingPathComponent(legacyFileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw CommandError(.cannotRead, ["path": file.path, "detail": error.localizedDescription])
        }
        do {
            return try decodeLegacyAccounts(data)
        } catch {
            throw CommandError(.cannotRead, ["path": file.path, "detail": "\(error)"])
        }
    }

    /// The old CPS directory file's contents: valid UTF-8 JSON, an array of `LegacyCPSAccount`.
    static func decodeLegacyAccounts(_ data: Data) throws -> [LegacyCPSAccount] {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw CommandError(.fileNotUTF8, ["path": legacyFileName])
        }
        return try JSONDecoder().decode([LegacyCPSAccount].self, from: data)
    }

    /// The time now.
    var now: Date { context.time.now() }
    /// Today in the policy's time zone.
    var today: CalendarDay { CalendarDay(now, in: context.policy.timeZone) }
    /// The principal of the billing jobs.
    static let billingJob = Principal.system("cps-jobs")
}
