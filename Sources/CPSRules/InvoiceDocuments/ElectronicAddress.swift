import Foundation

/// A Peppol participant identifier: an ISO 6523 / EAS scheme code and the identifier in that scheme,
/// e.g. `0007:5567321707` (Swedish organisation number) or `9944:NL005916343B01` (Dutch VAT number)
/// (R-IDOC-2).
public struct ElectronicAddress: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The EAS code, four digits, e.g. `"0007"`, `"9944"`, `"9930"`, `"0192"`.
    public let scheme: String
    /// The identifier within the scheme.
    public let identifier: String

    /// Creates an address; `nil` unless `scheme` is four digits and `identifier` is 1…100 printable
    /// ASCII characters without spaces.
    public init?(scheme: String, identifier: String) {
        guard scheme.utf8.count == 4, scheme.utf8.allSatisfy({ (48...57).contains($0) }),
              (1...100).contains(identifier.utf8.count),
              identifier.utf8.allSatisfy({ (33...126).contains($0) }) else { return nil }
        self.scheme = scheme
        self.identifier = identifier
    }

    /// Parses `scheme:identifier`, e.g. `0208:0123456789` (R-IDOC-2).
    ///
    /// - Throws: ``InvoiceDocumentError/Reason/invalidElectronicAddress`` unless the scheme is four
    ///   digits and the identifier 1…100 printable ASCII characters without spaces.
    public init(parsing text: String) throws(InvoiceDocumentError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let address = ElectronicAddress(scheme: String(parts[0]), identifier: String(parts[1])) else {
            throw InvoiceDocumentError(.invalidElectronicAddress, facts: ["text": trimmed])
        }
        self = address
    }

    /// An address known to be well-formed (policy defaults).
    package init(unchecked scheme: String, identifier: String) {
        self.scheme = scheme
        self.identifier = identifier
    }

    /// `scheme:identifier`.
    public var description: String { "\(scheme):\(identifier)" }

    /// The address derived from a VAT number where a Peppol scheme exists (R-IDOC-2): SE → `0007` with
    /// the organisation number (the ten digits inside `SE…01`), NO → `0192` with the organisation
    /// number, NL → `9944`, DE → `9930`, with the VAT number itself. `nil` for other countries.
    public static func derived(from vatNumber: VATNumber) -> ElectronicAddress? {
        let compact = vatNumber.compact
        switch vatNumber.prefix {
        case "SE":
            let digits = compact.dropFirst(2)
            guard digits.count == 12 else { return nil }
            return ElectronicAddress(scheme: "0007", identifier: String(digits.prefix(10)))
        case "NO":
            let digits = compact.dropFirst(2).prefix(9)
            guard digits.count == 9, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
            return ElectronicAddress(scheme: "0192", identifier: String(digits))
        case "NL": return ElectronicAddress(scheme: "9944", identifier: compact)
        case "DE": return ElectronicAddress(scheme: "9930", identifier: compact)
        default: return nil
        }
    }
}
