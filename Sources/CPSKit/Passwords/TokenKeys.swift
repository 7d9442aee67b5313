import Foundation

/// The host's secret keys for password-set tokens (R-ID-3): a current key that signs new tokens, and
/// older keys that still verify the tokens they signed until those expire.
///
/// A token record in the store holds a 128-bit random nonce and the ID of the key that signed it; the
/// token mailed is `HMAC-SHA256(key, record ID ‖ nonce)`. Without the key, nothing in the store, a
/// backup or the journal produces a usable link. The keys are therefore **never kept in the store**:
/// a host loads them from a file or an environment variable (Documentation/Security.md, "Keys").
///
/// ```swift
/// let keys = try TokenKeys.load(fromFile: URL(filePath: "/etc/cps/token-keys"),
///                               dataDirectory: URL(filePath: "/var/lib/cps"))
/// let context = try CPSContext(store: store, identity: identity, tokenKeys: keys)
/// ```
///
/// The text form (file or variable) is one key a line, `KEY-ID BASE64`, the current key first; blank
/// lines and lines starting with `#` are ignored. A key is exactly 32 bytes; an ID is 1–32 of
/// `A–Z a–z 0–9 . _ -`. To rotate: put a new line first and keep the old one for the token lifetime
/// (``PasswordPolicy/tokenLifetimeHours``, default 72 h); a link signed by a key no longer listed is
/// refused as invalid.
public struct TokenKeys: Sendable {
    /// The environment variable a host may hold the keys' text in (R-ID-3).
    public static let environmentVariable = "CPS_TOKEN_KEYS"
    /// The environment variable naming the key file (R-ID-3); the `cps` tool reads it.
    public static let fileEnvironmentVariable = "CPS_TOKEN_KEYS_FILE"
    /// The length of every key in bytes.
    public static let keyLength = 32

    /// The ID of the key that signs new tokens.
    public let currentKeyID: String
    private let keys: [String: [UInt8]]
    /// Each key's audit head MAC (R-GDPR-3), its pads prepared once: the derived key is a function of
    /// the key alone, so deriving it and preparing its pads for every head written (as before) gave
    /// the same MAC at three times the hashing.
    private let auditHeadMACs: [String: HMACSHA256]

    /// Keys from their bytes: `current` signs new tokens, `previous` (by ID) only verify.
    ///
    /// - Throws: ``TokenKeyError`` when a key is not 32 bytes, an ID is malformed, or an ID repeats.
    public init(currentKeyID: String, key: [UInt8], previous: [String: [UInt8]] = [:]) throws(TokenKeyError) {
        for (id, bytes) in previous.merging([currentKeyID: key], uniquingKeysWith: { new, _ in new }) {
            try Self.check(id: id, key: bytes)
        }
        guard previous[currentKeyID] == nil else { throw TokenKeyError(.duplicateKeyID, facts: ["id": currentKeyID]) }
        self.currentKeyID = currentKeyID
        self.keys = previous.merging([currentKeyID: key], uniquingKeysWith: { _, new in new })
        auditHeadMACs = keys.mapValues(Self.auditHeadMAC(key:))
    }

    /// Every key ID, the current one first.
    public var keyIDs: [String] { [currentKeyID] + keys.keys.filter { $0 != currentKeyID }.sorted() }

    /// The key with `id`, if it is still listed.
    func key(_ id: String) -> [UInt8]? { keys[id] }

    /// The key that signs new tokens.
    var currentKey: [UInt8] { keys[currentKeyID] ?? [] }

    /// A keyed digest of `text` under the current key, base64url (43 characters): for an audit entry
    /// that must recognise a repeated value without keeping it, e.g. an unknown e-mail address
    /// (R-ID-3). Not reversible without the key.
    func fingerprint(_ text: String) -> String {
        TokenMAC.base64URL(TokenMAC.authenticate(Array("fingerprint:\(text)".utf8), key: currentKey))
    }

    /// The HMAC of an audit chain head's message (R-GDPR-3) under a key derived from the current key
    /// (never the token key itself), lower-case hex, with the key's ID.
    func auditHeadMAC(_ message: [UInt8]) -> (keyID: String, mac: String) {
        (currentKeyID, (auditHeadMACs[currentKeyID] ?? Self.auditHeadMAC(key: currentKey)).authenticationCode(for: message).lowercaseHex)
    }

    /// Whether `mac` is the audit head HMAC of `message` under key `keyID`; `nil` when the key is
    /// not listed (any more).
    func verifyAuditHead(_ message: [UInt8], keyID: String, mac: String) -> Bool? {
        guard let prepared = auditHeadMACs[keyID] else { return nil }
        return prepared.authenticationCode(for: message).lowercaseHex == mac
    }

    /// The MAC of audit heads under `key`: HMAC-SHA256 keyed with HMAC-SHA256(`key`, "cps-audit-head-key").
    private static func auditHeadMAC(key: [UInt8]) -> HMACSHA256 {
        HMACSHA256(key: HMACSHA256.authenticationCode(for: Array("cps-audit-head-key".utf8), key: key))
    }

    /// Keys parsed from their text form (see the type's documentation).
    ///
    /// - Throws: ``TokenKeyError`` when the text holds no key or a line is malformed.
    public static func parse(_ text: String) throws(TokenKeyError) -> TokenKeys {
        var entries: [(String, [UInt8])] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, let bytes = Data(base64Encoded: String(parts[1])) else {
                throw TokenKeyError(.malformedLine, facts: ["line": String(number + 1)])
            }
            entries.append((String(parts[0]), Array(bytes)))
        }
        guard let (currentID, current) = entries.first else { throw TokenKeyError(.noKey) }
        var previous: [String: [UInt8]] = [:]
        for (id, bytes) in entries.dropFirst() {
            guard previous[id] == nil, id != currentID else { throw TokenKeyError(.duplicateKeyID, facts: ["id": id]) }
            previous[id] = bytes
        }
        return try TokenKeys(currentKeyID: currentID, key: current, previous: previous)
    }

    /// Keys read from `file` (R-ID-3). The file is refused when it lies inside `dataDirectory` (a
    /// backup or a copy of the data would carry the key with the data) or when its group or others may
    /// read or write it (mode `0600` or `0400` expected).
    ///
    /// - Throws: ``TokenKeyError`` (`insideDataDirectory`, `fileTooOpen`, `unreadable`, or a parse error).
    public static func load(fromFile file: URL, dataDirectory: URL?) throws(TokenKeyError) -> TokenKeys {
        let path = file.standardizedFileURL.resolvingSymlinksInPath().path
        if let dataDirectory {
            let data = dataDirectory.standardizedFileURL.resolvingSymlinksInPath().path
            let prefix = data.hasSuffix("/") ? data : data + "/"
            if path == data || path.hasPrefix(prefix) {
                throw TokenKeyError(.insideDataDirectory, facts: ["file": file.path, "directory": dataDirectory.path])
            }
        }
        let attributes: [FileAttributeKey: Any]
        let text: String
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TokenKeyError(.unreadable, facts: ["file": file.path])
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard mode & 0o066 == 0 else {
            throw TokenKeyError(.fileTooOpen, facts: ["file": file.path, "mode": String(mode, radix: 8)])
        }
        return try parse(text)
    }

    /// New random keys with one key `keyID` (R-ID-3), e.g. for a first installation.
    public static func generate(keyID: String = "k1", random: RandomSource = .system) throws(TokenKeyError) -> TokenKeys {
        try TokenKeys(currentKeyID: keyID, key: random.bytes(keyLength))
    }

    /// The text form of these keys, the current one first (what ``parse(_:)`` reads).
    public var text: String {
        keyIDs.map { "\($0) \(Data(keys[$0] ?? []).base64EncodedString())" }.joined(separator: "\n") + "\n"
    }

    private static func check(id: String, key: [UInt8]) throws(TokenKeyError) {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
        guard !id.isEmpty, id.count <= 32, id.allSatisfy(allowed.contains) else {
            throw TokenKeyError(.malformedKeyID, facts: ["id": id])
        }
        guard key.count == keyLength else {
            throw TokenKeyError(.wrongKeyLength, facts: ["id": id, "bytes": String(key.count)])
        }
    }
}
