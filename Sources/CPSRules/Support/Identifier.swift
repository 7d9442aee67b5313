import Foundation

/// The ID of one kind of record, typed by that kind, so that an account's ID cannot be passed where an
/// invoice's is expected (R-ADP-1): `BusinessAccount.ID`, `Invoice.ID`, `EvidenceDocument.ID`, ….
///
/// It is stored and encoded as the bare string (`"account-1"`): stored records, the `--json` output of
/// `cps` and exports are the same as when IDs were plain strings. Create one from a string a person or
/// a URL gave (`BusinessAccount.ID("account-1")`) or from a literal in tests; read the string back with
/// ``rawValue`` or string interpolation.
///
/// ```swift
/// let account: BusinessAccount.ID = "account-1"
/// let products = try await cps.products.list(of: account, as: principal)
/// print("account \(account)")        // account account-1
/// ```
public struct Identifier<Subject>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible, LosslessStringConvertible {
    /// The ID as stored, e.g. `"account-1"`.
    public let rawValue: String

    /// The ID whose stored form is `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The ID whose stored form is `rawValue`.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The ID written as a literal, e.g. `let id: Invoice.ID = "invoice-1"`.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The stored form.
    public var description: String { rawValue }

    /// Orders IDs by their stored form.
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes the bare string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the bare string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
