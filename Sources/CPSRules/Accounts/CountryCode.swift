import Foundation
/// An ISO 3166-1 alpha-2 country code ("SE", "DE", "GB"), upper-cased and checked for shape.
///
/// Whether a country takes part in CPS is policy (R-ACC-3), not a property of the code.
public struct CountryCode: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The two upper-case letters.
    public let code: String

    /// Creates a code from two ASCII letters in either case; `nil` for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.utf8.count == 2, trimmed.utf8.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) })
        else { return nil }
        code = trimmed.uppercased()
    }

    public var description: String { code }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.code < rhs.code }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = CountryCode(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected an ISO 3166-1 alpha-2 country code, found \"\(text)\".")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

extension CountryCode: ExpressibleByStringLiteral {
    /// A literal code; an invalid literal is a programming error caught by the tests, and becomes "ZZ".
    public init(stringLiteral value: String) { self = CountryCode(value) ?? CountryCode(unchecked: "ZZ") }

    init(unchecked code: String) { self.code = code }
}
