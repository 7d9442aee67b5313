/// The stable key of one user-facing text in the ``TextCatalog``, e.g. `"vat.error.checkDigit"`.
///
/// Keys are grouped by the part of the journey that owns them (`application.`, `evidence.`, `vat.`,
/// `calendar.`, `mail.`, …). A key never changes meaning; a new wording is a new catalog entry.
public struct TextKey: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The dotted key.
    public let rawValue: String

    /// Creates a key.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
