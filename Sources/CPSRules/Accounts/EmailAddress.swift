import Foundation

/// An e-mail address that passed a practical check: one `@`, a local part of at most 64 ordinary
/// characters, a domain of dot-separated labels with a top-level domain of letters; 254 characters at
/// most; no spaces or control characters (R-ACC-1).
///
/// Two addresses are the same when they are equal ignoring case, as a whole (R-ACC-4): ``key`` is that
/// comparison form. The address keeps the spelling it was given for display and mail headers.
public struct EmailAddress: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The address as given (trimmed).
    public let address: String

    /// Checks and creates an address, or throws ``InputError`` naming the field.
    public init(_ text: String, field: FieldName = "email") throws(InputError) {
        let trimmed = text.trimmingWhitespace(andNewlines: true)
        guard EmailAddress.isValid(trimmed) else {
            throw InputError(.invalidEmail, field: field, value: text)
        }
        address = trimmed
    }

    /// An address from a literal in the library's own defaults (checked by the tests).
    init(unchecked address: String) { self.address = address }

    /// The address lower-cased: the identity used for duplicates (R-ACC-4) and look-ups.
    public var key: String { address.lowercased() }

    /// The domain part, lower-cased.
    public var domain: String { String(key[key.index(after: key.lastIndex(of: "@") ?? key.startIndex)...]) }

    public var description: String { address }

    public static func == (lhs: EmailAddress, rhs: EmailAddress) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")),
              bytes.firstIndex(of: UInt8(ascii: "@")) == at else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard (1...64).contains(local.count), !domain.isEmpty else { return false }
        let localSpecials = Set("!#$%&'*+/=?^_`{|}~-.".utf8)
        guard local.allSatisfy({ isAlphanumeric($0) || localSpecials.contains($0) }),
              local.first != UInt8(ascii: "."), local.last != UInt8(ascii: "."),
              !zip(local, local.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") })
        else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") }),
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return false }
        }
        guard let tld = labels.last, tld.count >= 2, tld.allSatisfy({ isLetter($0) }) else { return false }
        return true
    }

    private static func isLetter(_ b: UInt8) -> Bool { (65...90).contains(b) || (97...122).contains(b) }
    private static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || (48...57).contains(b) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try EmailAddress(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(address)
    }
}
