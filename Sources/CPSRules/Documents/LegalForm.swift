/// A legal form and its spellings, all mapped to one canonical form per country when company names
/// are compared (R-DOC-4): "Aktiebolag" and "AB" are the same form; "AB" and "GmbH" are not.
public struct LegalForm: Hashable, Codable, Sendable {
    /// The canonical short form, lower-case: `"ab"`, `"gmbh"`.
    public var canonical: String
    /// Every spelling, lower-case without diacritics or punctuation: `["ab", "aktiebolag"]`.
    public var spellings: [String]

    /// Creates a form; the canonical form counts as a spelling too.
    public init(_ canonical: String, _ spellings: [String]) {
        self.canonical = canonical
        self.spellings = Array(Set(spellings + [canonical])).sorted()
    }
}
