/// A VAT registration number that passed R-VAT-1: parsed from its usual spellings and held in the
/// compact form (`SE556677889901`, `GR094012834`, `GB002425728`, `NO917313008MVA`,
/// `CHE100155212MWST`).
///
/// Two numbers are the same registration when their ``canonical`` forms are equal (Greece's `GR`
/// alias maps to `EL`), which is what duplicate detection (R-ACC-4) and invoicing (R-BIL-5) compare.
public struct VATNumber: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The compact form of R-VAT-1: the prefix as written (`GR` stays `GR`) and the national number
    /// without separators, upper-cased, with leading zeros restored where the country has them.
    public let compact: String

    /// Parses and validates `input` (R-VAT-1), or throws a ``VATNumberError`` saying why not.
    public init(_ input: String) throws(VATNumberError) {
        self.compact = try VATNumberParser.compact(input)
    }

    init(uncheckedCompact: String) { compact = uncheckedCompact }

    /// Whether `input` is a valid VAT number (R-VAT-1), without building an error.
    public static func isValid(_ input: String) -> Bool {
        if case .valid = VATNumberParser.verdict(input) { return true }
        return false
    }

    /// The compact form with Greece's `GR` prefix mapped to `EL`: the identity of the registration.
    public var canonical: String {
        compact.hasPrefix("GR") ? "EL" + compact.dropFirst(2) : compact
    }

    /// The prefix as written in the compact form: two letters (`SE`, `EL`, `GR`, `XI`, `GB`, `NO`) or
    /// `CHE` for Switzerland.
    public var prefix: String { compact.hasPrefix("CHE") ? "CHE" : String(compact.prefix(2)) }

    /// The ISO 3166-1 country the number belongs to (`EL` → GR, `XI` → GB, `CHE` → CH).
    public var country: CountryCode {
        switch prefix {
        case "EL", "GR": return "GR"
        case "XI": return "GB"
        case "CHE": return "CH"
        default: return CountryCode(prefix) ?? "ZZ"
        }
    }

    /// The compact form (R-VAT-1).
    public var description: String { compact }

    // MARK: - Codable

    /// Decodes a number from a string, checking it again (R-VAT-1): a stored number that no longer
    /// passes is a decoding error, never a silently accepted value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try VATNumber(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the compact form as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(compact)
    }
}
