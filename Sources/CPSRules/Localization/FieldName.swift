/// A field a person fills in or a reviewer reads off a document, named in the reader's language by
/// the catalog key `field.<name>` (R-MSG-1): `companyName` is "company name" / "företagsnamn".
///
/// The raw name (`companyName`, `address.postalCode`) is for programs and logs only; a message shows
/// ``TextCatalog/render(_:arguments:in:)``'s rendering of ``MessageArgument/field(_:)``.
public struct FieldName: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The field's stable name, e.g. `"address.postalCode"`.
    public let rawValue: String

    /// Creates a field name.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates a field name from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The catalog key of the field's name, `field.<name>`.
    public var textKey: TextKey { TextKey("field.\(rawValue)") }

    /// The raw name.
    public var description: String { rawValue }

    /// Decodes the raw name.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the raw name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
