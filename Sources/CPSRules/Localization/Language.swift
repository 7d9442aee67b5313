/// A user's language, as an ISO 639-1 code ("sv", "en", "de", …).
///
/// Every user-facing text is rendered in a `Language` through the ``TextCatalog``; Swedish and English
/// are complete and any other language falls back to English (SPEC §1).
public struct Language: Hashable, Codable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The lower-case ISO 639-1 code.
    public let code: String

    /// Creates a language from a code such as "sv", "SV" or "sv-SE" (the region is dropped).
    public init(_ code: String) {
        let base = code.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? code
        self.code = base.lowercased()
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// Swedish, the language of the seed guide.
    public static let swedish = Language("sv")
    /// English, the fallback for every language without a table.
    public static let english = Language("en")

    public var description: String { code }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
