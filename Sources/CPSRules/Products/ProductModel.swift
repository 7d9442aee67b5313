/// A product model as entered, and its normalised key (R-PRD-1, R-PRD-4).
///
/// The key keeps only the letters A–Z and digits 0–9 of the upper-cased model, so `"EOS R5"`,
/// `"eos-r5"` and `"EOS R5 "` are the same model `"EOSR5"`.
public struct ProductModel: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The model as entered, trimmed (or as the catalog prints it).
    public let name: String
    /// The normalised key.
    public let key: String

    /// Checks `text` (R-PRD-2): not empty, at most `maxLength` characters, at least one letter or digit.
    public init(_ text: String, maxLength: Int = 100) throws(InputError) {
        let trimmed = try TextFieldRules.validate(text, field: "model", maxLength: maxLength)
        let key = ProductModel.key(of: trimmed)
        guard !key.isEmpty else { throw InputError(.invalidCharacters, field: "model", value: text) }
        self.name = trimmed
        self.key = key
    }

    /// The normalised key of `text`: upper-cased, only A–Z and 0–9 kept.
    public static func key(of text: String) -> String {
        String(String.UnicodeScalarView(text.uppercased().unicodeScalars.filter {
            ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }))
    }

    public var description: String { name }
}
