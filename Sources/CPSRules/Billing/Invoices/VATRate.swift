import Foundation

/// A country's standard VAT rate in percent, with where the figure comes from (R-BIL-5).
///
/// Codable as `{"country":"NL","percent":"21","provenance":"sourced"}`: the percentage is a string so
/// that it never passes through a binary floating point.
public struct VATRate: Hashable, Sendable {
    /// The member state.
    public let country: CountryCode
    /// The standard rate in percent, e.g. `21` or `25.5`.
    public let percent: Decimal
    /// Whether the figure is sourced or a placeholder.
    public let provenance: PolicyProvenance

    /// Creates a rate.
    public init(_ country: CountryCode, percent: Decimal, provenance: PolicyProvenance) {
        self.country = country
        self.percent = percent
        self.provenance = provenance
    }

    /// The rate as a factor, e.g. `0.21`.
    public var factor: Decimal { percent / 100 }

    /// The percentage as plain text, e.g. `"21"`, `"25.5"`.
    public var percentText: String { DecimalText.text(percent) }
}

// MARK: - Codable

extension VATRate: Codable {
    private enum CodingKeys: String, CodingKey { case country, percent, provenance }

    /// Decodes the value, checking it as its parser does (SPEC §12).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        country = try container.decode(CountryCode.self, forKey: .country)
        provenance = try container.decode(PolicyProvenance.self, forKey: .provenance)
        let text = try container.decode(String.self, forKey: .percent)
        guard let rate = DecimalText.percent(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .percent, in: container, debugDescription: "Expected a percentage 0…100 as text.")
        }
        percent = rate
    }

    /// Encodes the value in its documented JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(country, forKey: .country)
        try container.encode(percentText, forKey: .percent)
        try container.encode(provenance, forKey: .provenance)
    }
}
